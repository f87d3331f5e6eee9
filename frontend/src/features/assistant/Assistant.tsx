// The assistant on an application's page: the conversation, the answer streaming in, the
// question box, stop, retry and clear. Loaded in its own chunk by AssistantSection.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";

import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextAreaField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { formatMoment, plural } from "../../lib/format";
import { useAssistantRequests } from "./askAssistant";
import { AnswerBubble, AnswerInProgress, ChatError, QuestionBubble } from "./Bubbles";
import {
  allMessages,
  useClearConversation,
  useConversation,
  type Message,
  type UsageToday,
} from "./queries";
import { useAnswerStream, type Problem } from "./useAnswerStream";
import { problemTitle, providerLabel } from "./words";
import "./assistant.css";

const MAX_MESSAGE_LENGTH = 8000; // the API's limit for one message
const SUGGESTIONS = [
  "What will they ask me in the next round?",
  "What is due, and what should I prepare?",
  "Draft a thank-you note to the recruiter.",
];
const CLEAR_QUESTION =
  "Clear this conversation? Its messages are deleted for good; today's message count stays.";
// Within this many pixels of the bottom, the log follows new text; further up, the reader is
// reading something earlier and keeps their place.
const FOLLOW_MARGIN_PX = 48;

export default function Assistant({ applicationId }: { applicationId: number }) {
  const conversation = useConversation(applicationId);
  const clear = useClearConversation(applicationId);
  const { exchange, problem, ask, retry, stop, forget } = useAnswerStream(applicationId);
  const [draft, setDraft] = useState("");
  const form = useRef<HTMLFormElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  const latest = conversation.data?.pages[0];
  const info = latest?.assistant;
  // While a question is answered, the stored copy of it (and, on a retry, its old failed
  // answer) is shown by the exchange instead.
  const answering = exchange?.question?.id;
  const messages = allMessages(conversation.data).filter(
    (message) => answering === undefined || message.id < answering,
  );
  const lastQuestion = [...messages].reverse().find((message) => message.role === "user");
  const last = messages.at(-1);
  const retryable = !exchange && latest?.can_retry && lastQuestion ? lastQuestion : null;
  const refused = problem && problem.questionId === null && problem.status !== 422 ? problem : null;
  const current =
    problem && lastQuestion && problem.questionId === lastQuestion.id ? problem : null;

  // Follow the answer as it grows, including when its Markdown renders, unless scrolled up.
  useEffect(() => {
    const box = log.current;
    const inner = content.current;
    if (!box || !inner) return undefined;
    const observer = new ResizeObserver(() => {
      if (following.current) box.scrollTop = box.scrollHeight;
    });
    observer.observe(inner);
    return () => observer.disconnect();
  }, []);

  function onScroll() {
    const box = log.current;
    if (!box) return;
    following.current = box.scrollHeight - box.scrollTop - box.clientHeight < FOLLOW_MARGIN_PX;
  }

  async function send(text: string) {
    const message = text.trim();
    if (exchange) return;
    if (!message) {
      focusInput();
      return;
    }
    following.current = true;
    setDraft("");
    const failure = await ask(message);
    // Refused as invalid: the text goes back in the box, beside the reason.
    if (failure?.questionId === null && failure.status === 422) setDraft(failure.text);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void send(draft);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send(draft);
    }
  }

  function focusInput() {
    form.current?.querySelector("textarea")?.focus();
  }

  function suggest(text: string) {
    setDraft(text);
    focusInput();
  }

  // A prepared question from another section ("Review my fit"): asked at once, or left in the
  // box while another answer is still coming.
  useAssistantRequests(applicationId, (text) => {
    form.current?.closest("section")?.scrollIntoView({ block: "start", behavior: "smooth" });
    if (exchange) suggest(text);
    else void send(text);
  });

  const invalid = problem?.questionId === null && problem.status === 422 ? problem : null;
  const empty = conversation.isSuccess && messages.length === 0 && !exchange && !refused;

  return (
    <section className="panel assistant" aria-labelledby="assistant-heading">
      <div className="panel-header">
        <div className="assistant-title">
          <h2 id="assistant-heading">Assistant</h2>
          {info && (
            <span className="badge badge-accent">{providerLabel(info.provider, info.model)}</span>
          )}
        </div>
        {messages.length > 0 && !exchange && (
          <ConfirmButton
            label="Clear conversation"
            size="small"
            question={CLEAR_QUESTION}
            confirmLabel="Clear for good"
            busy={clear.isPending}
            error={clear.error}
            onConfirm={() => clear.mutate(undefined, { onSuccess: forget })}
          />
        )}
      </div>
      {latest && <Usage usage={latest.usage} />}
      {info && !info.ready && (
        <p className="alert alert-info assistant-setup">
          <strong>Not set up yet. </strong>
          {info.problem}
        </p>
      )}
      {conversation.isPending && <Loading>Loading the conversation…</Loading>}
      <ErrorAlert title="The conversation could not be loaded." error={conversation.error} />

      <div
        className="assistant-log"
        ref={log}
        onScroll={onScroll}
        tabIndex={0}
        role="region"
        aria-label="Conversation"
      >
        <div ref={content}>
          {conversation.hasNextPage && (
            <p className="assistant-earlier">
              <Button
                size="small"
                variant="ghost"
                busy={conversation.isFetchingNextPage}
                onClick={() => void conversation.fetchNextPage()}
              >
                Show earlier messages
              </Button>
            </p>
          )}
          {empty && (
            <EmptyState
              title="Ask about this application"
              action={
                <div className="assistant-suggestions">
                  {SUGGESTIONS.map((text) => (
                    <Button key={text} size="small" onClick={() => suggest(text)}>
                      {text}
                    </Button>
                  ))}
                </div>
              }
            >
              <p>
                It already knows this application: the details and job description, deliverables,
                linked writing, contacts, and the text of attached documents. No need to paste
                them.
              </p>
            </EmptyState>
          )}
          <ol className="assistant-messages">
            {messages.map((message) =>
              message.role === "user" ? (
                <QuestionBubble key={message.id} text={message.content} at={message.created_at} />
              ) : (
                <AnswerBubble
                  key={message.id}
                  message={message}
                  failure={message === last && current ? failureOf(current) : undefined}
                />
              ),
            )}
            {exchange && (
              <QuestionBubble
                key="asking"
                text={exchange.text}
                at={exchange.question?.created_at}
              />
            )}
            {refused && (
              <QuestionBubble key="refused" text={refused.text}>
                <ChatError
                  title={problemTitle(refused.status, refused.code)}
                  message={refused.message}
                  live
                >
                  <Button size="small" onClick={() => void send(refused.text)}>
                    Send again
                  </Button>
                </ChatError>
              </QuestionBubble>
            )}
          </ol>
          <div className="assistant-live" aria-live="polite">
            {exchange && (
              <AnswerInProgress
                exchange={exchange}
                author={info ? providerLabel(info.provider, info.model) : "Assistant"}
              />
            )}
          </div>
          {retryable && !refused && (
            <RetryRow
              question={retryable}
              problem={last === retryable ? current : null}
              onRetry={() => {
                following.current = true;
                void retry(retryable);
              }}
            />
          )}
        </div>
      </div>

      <form className="assistant-form" onSubmit={onSubmit} ref={form}>
        <TextAreaField
          label="Ask the assistant"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          rows={3}
          maxLength={MAX_MESSAGE_LENGTH}
          placeholder="What will they ask me in the system design round?"
          error={invalid ? (invalid.fields.message ?? invalid.message) : undefined}
          hint="Ctrl+Enter (⌘+Enter on a Mac) sends."
        />
        <div className="form-actions">
          {exchange ? (
            <Button onClick={stop} disabled={exchange.stopped}>
              Stop
            </Button>
          ) : (
            <Button type="submit" variant="primary">
              Send
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}

function failureOf(problem: Problem): { title: string; message: string } {
  return { title: problemTitle(problem.status, problem.code), message: problem.message };
}

/** Under the last question when it has no complete answer: what happened, and a retry. */
function RetryRow({
  question,
  problem,
  onRetry,
}: {
  question: Message;
  problem: Problem | null;
  onRetry: () => void;
}) {
  return (
    <div className="assistant-retry">
      {problem && (
        <ChatError
          title={problemTitle(problem.status, problem.code)}
          message={problem.message}
          live
        />
      )}
      <Button size="small" onClick={onRetry} title={`Ask “${question.content.slice(0, 80)}” again`}>
        Retry
      </Button>
    </div>
  );
}

function Usage({ usage }: { usage: UsageToday }) {
  const { messages, daily_limit: limit, resets_at: resetsAt } = usage;
  if (limit === null) {
    return <p className="usage small">Today: {plural(messages, "message")} (no daily limit)</p>;
  }
  const full = messages >= limit;
  return (
    <p className="usage small">
      <span>
        Today: {messages} of {plural(limit, "message")}
      </span>
      <span className={full ? "usage-meter full" : "usage-meter"} aria-hidden="true">
        <span style={{ width: `${Math.min(100, (messages / limit) * 100)}%` }} />
      </span>
      {full && <span>Limit reached; it resets {formatMoment(resetsAt)}.</span>}
    </p>
  );
}
