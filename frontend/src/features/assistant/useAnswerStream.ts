// One question at a time: send it (or retry the last one), follow its answer as it streams,
// stop it, and remember what went wrong so the chat can show it next to the message it hit.
import { useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";

import { ApiError } from "../../api/client";
import { keys } from "../../api/hooks";
import {
  allMessages,
  conversationKey,
  settleExchange,
  type Conversation,
  type Message,
} from "./queries";
import { streamAnswer, type AnswerRequest } from "./sse";

/** The question being answered right now. */
export type Exchange = {
  /** The question as typed, shown before the server has stored it. */
  text: string;
  /** The stored question, once the stream has started (at once for a retry). */
  question: Message | null;
  /** The answer so far. */
  answer: string;
  /** Stopped by the user; waiting for the server to store what was written. */
  stopped: boolean;
};

/** What went wrong with the last question. */
export type Problem = {
  /** The stored question it hit; null when the server refused the question (it is not stored). */
  questionId: number | null;
  text: string;
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
};

// The server stores a stopped answer once it notices the closed connection: look a few times.
const STOP_CHECK_MS = 250;
const STOP_CHECKS = 8;

/** After a stop: refetch until the answer to `question` is stored, so the text stays in view. */
async function waitForStoredAnswer(
  client: QueryClient,
  applicationId: number,
  question: Message | null,
): Promise<void> {
  for (let check = 0; check < STOP_CHECKS; check += 1) {
    await new Promise((resolve) => setTimeout(resolve, STOP_CHECK_MS));
    await client.refetchQueries({ queryKey: conversationKey(applicationId) });
    // Stopped before the question was stored: nothing more will come.
    if (!question) return;
    const pages = client.getQueryData<InfiniteData<Conversation>>(conversationKey(applicationId));
    const stored = allMessages(pages);
    if (stored.some((message) => message.id > question.id)) return;
  }
}

function problemFrom(error: unknown, text: string, questionId: number | null): Problem {
  const known =
    error instanceof ApiError
      ? error
      : new ApiError(0, "error", "Something went wrong. Please retry.");
  return {
    questionId,
    text,
    status: known.status,
    code: known.code,
    message: known.message,
    fields: known.fields,
  };
}

export function useAnswerStream(applicationId: number) {
  const client = useQueryClient();
  const [exchange, setExchange] = useState<Exchange | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const controller = useRef<AbortController | null>(null);

  // Leaving the page stops the answer; the server keeps what was written as stopped.
  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(
    async (
      request: AnswerRequest,
      text: string,
      retried: Message | null,
    ): Promise<Problem | null> => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      let question = retried;
      let answer = "";
      let failure: Problem | null = null;
      setProblem(null);
      setExchange({ text, question, answer, stopped: false });
      try {
        await streamAnswer(
          request,
          (event) => {
            if (event.event === "start") {
              question = event.data.question;
              setExchange((shown) => shown && { ...shown, question });
            } else if (event.event === "delta") {
              answer += event.data.text;
              setExchange((shown) => shown && { ...shown, answer });
            } else if (question) {
              const failed = event.event === "error";
              if (failed) {
                const { status, code, message } = event.data;
                failure = { questionId: question.id, text, status, code, message, fields: {} };
                setProblem(failure);
              }
              void settleExchange(client, applicationId, {
                question,
                answer: event.data.answer,
                canRetry: failed,
              });
            }
          },
          current.signal,
        );
      } catch (error) {
        if (current.signal.aborted) {
          if (controller.current !== current) return null; // replaced by a newer question
          setExchange((shown) => shown && { ...shown, stopped: true });
          await waitForStoredAnswer(client, applicationId, question);
        } else {
          failure = problemFrom(error, text, question?.id ?? null);
          setProblem(failure);
          // Signed out meanwhile (expired, or everywhere): back to sign in, as for any query.
          if (failure.status === 401) client.setQueryData(keys.me, null);
          // A stored question whose answer was cut off can be retried.
          if (question) {
            await settleExchange(client, applicationId, { question, answer: null, canRetry: true });
          }
        }
      } finally {
        if (controller.current === current) {
          controller.current = null;
          setExchange(null);
        }
      }
      return failure;
    },
    [client, applicationId],
  );

  const ask = useCallback(
    (text: string) => run({ applicationId, question: { message: text } }, text, null),
    [run, applicationId],
  );
  const retry = useCallback(
    (question: Message) => run({ applicationId, retry: true }, question.content, question),
    [run, applicationId],
  );
  const stop = useCallback(() => controller.current?.abort(), []);
  const forget = useCallback(() => setProblem(null), []);

  return { exchange, problem, ask, retry, stop, forget };
}
