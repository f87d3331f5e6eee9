// The chat's pieces: a question, an answer (Markdown once its renderer has loaded), the answer
// being written, and a failure shown beside the message it hit.
import { lazy, Suspense, type ReactNode } from "react";

import { formatMoment } from "../../lib/format";
import type { Message } from "./queries";
import type { Exchange } from "./useAnswerStream";
import { chatTime, providerLabel } from "./words";

// The writing page's renderer, in its own chunk; until it arrives the answer shows as plain text.
const MarkdownRenderer = lazy(() => import("../writing/MarkdownRenderer"));

function AnswerText({ source }: { source: string }) {
  return (
    <div className="bubble-markdown">
      <Suspense fallback={<p className="bubble-text">{source}</p>}>
        <MarkdownRenderer source={source} />
      </Suspense>
    </div>
  );
}

function Meta({ who, at }: { who: string; at?: string | undefined }) {
  return (
    <p className="bubble-meta">
      <span className="bubble-author">{who}</span>
      {at && (
        <time dateTime={at} title={formatMoment(at)}>
          {chatTime(at)}
        </time>
      )}
    </p>
  );
}

/** A failure next to its message; `live` announces it (the one that just happened). */
export function ChatError({
  title,
  message,
  live,
  children,
}: {
  title: string;
  message: string;
  live: boolean;
  children?: ReactNode;
}) {
  return (
    <div className="alert alert-error bubble-error" role={live ? "alert" : undefined}>
      <strong>{title} </strong>
      <span>{message}</span>
      {children && <div className="alert-action">{children}</div>}
    </div>
  );
}

export function QuestionBubble({
  text,
  at,
  children,
}: {
  text: string;
  at?: string | undefined;
  children?: ReactNode;
}) {
  return (
    <li className="bubble-row bubble-row-user">
      <div className="bubble bubble-user">
        <Meta who="You" at={at} />
        <p className="bubble-text">{text}</p>
      </div>
      {children}
    </li>
  );
}

/** A stored answer; `failure` replaces the stored error text when the chat knows more. */
export function AnswerBubble({
  message,
  failure,
}: {
  message: Message;
  failure?: { title: string; message: string } | undefined;
}) {
  const failed = message.status === "failed";
  return (
    <li className="bubble-row">
      <div className="bubble bubble-assistant">
        <Meta who={providerLabel(message.provider, message.model)} at={message.created_at} />
        {message.content && <AnswerText source={message.content} />}
        {message.status === "stopped" && <p className="bubble-note">Stopped before the end.</p>}
        {(failed || failure) && (
          <ChatError
            title={failure?.title ?? "No complete answer."}
            message={failure?.message ?? message.error ?? "The AI provider failed."}
            live={failure !== undefined}
          />
        )}
      </div>
    </li>
  );
}

/** The answer as it streams in, with a visible typing state until it ends. */
export function AnswerInProgress({ exchange, author }: { exchange: Exchange; author: string }) {
  return (
    <div className="bubble-row">
      <div className="bubble bubble-assistant is-writing">
        <Meta who={author} />
        {exchange.answer && <AnswerText source={exchange.answer} />}
        {exchange.stopped ? (
          <p className="bubble-note">Stopped.</p>
        ) : (
          <p className="typing">
            <span className="typing-dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            {exchange.answer ? "Writing…" : "Thinking…"}
          </p>
        )}
      </div>
    </div>
  );
}
