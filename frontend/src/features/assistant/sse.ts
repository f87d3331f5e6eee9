// Reading the assistant's streamed answer: POST .../assistant (or .../retry) as Server-Sent Events.
//
// Not the generated client: openapi-fetch hands over a body once it has all arrived, parsed as
// JSON, and an answer is a text/event-stream to show while it is written. Nor EventSource: it
// can only GET and cannot send the CSRF header. So this one call is fetch() with a body reader,
// keeping the client's rules by hand (same-origin cookies, the CSRF header on a write, refusals
// as ApiError with the server's message); the event payloads are the generated schema's types.
import {
  ApiError,
  CSRF_COOKIE,
  CSRF_HEADER,
  errorFrom,
  readCookie,
  type Schemas,
} from "../../api/client";
import type { paths } from "../../api/schema";

export type AnswerEvent =
  | { event: "start"; data: Schemas["StartEvent"] }
  | { event: "delta"; data: Schemas["DeltaEvent"] }
  | { event: "done"; data: Schemas["DoneEvent"] }
  | { event: "error"; data: Schemas["ErrorEvent"] };

/** One dispatched event of a text/event-stream, before its data is read as JSON. */
export type ServerSentEvent = { event: string; data: string };

/**
 * An incremental parser of the event-stream format (HTML Living Standard, "Interpreting an
 * event stream"): feed it text as it arrives, in pieces cut anywhere, and it calls `onEvent`
 * for each event ended by a blank line. Comments (`:`) and `id`/`retry` fields are ignored.
 */
export function createEventStreamParser(onEvent: (event: ServerSentEvent) => void) {
  let buffer = "";
  let eventName = "";
  let dataLines: string[] = [];

  function line(text: string): void {
    if (text === "") {
      // A blank line ends the event; one with no data is not dispatched.
      if (dataLines.length > 0) {
        onEvent({ event: eventName || "message", data: dataLines.join("\n") });
      }
      eventName = "";
      dataLines = [];
      return;
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") eventName = value;
    else if (field === "data") dataLines.push(value);
  }

  return {
    feed(text: string): void {
      buffer += text;
      // Lines end with \r\n, \n or \r. A \r at the very end may be the first half of a \r\n
      // still on its way, so it waits for the next piece.
      const lineEnd = /\r\n|\n|\r(?!$)/g;
      let start = 0;
      for (let match = lineEnd.exec(buffer); match; match = lineEnd.exec(buffer)) {
        line(buffer.slice(start, match.index));
        start = match.index + match[0].length;
      }
      buffer = buffer.slice(start);
    },
    /** The stream ended: a last line without its line end counts; an unfinished event does not. */
    end(): void {
      const rest = buffer.replace(/\r$/, "");
      buffer = "";
      if (rest) line(rest);
    },
  };
}

const EVENT_NAMES = new Set<string>(["start", "delta", "done", "error"]);

function answerEvent(raw: ServerSentEvent): AnswerEvent | null {
  // Events this UI does not know yet are skipped, so the server may add some.
  if (!EVENT_NAMES.has(raw.event)) return null;
  try {
    return { event: raw.event, data: JSON.parse(raw.data) } as AnswerEvent;
  } catch {
    throw new ApiError(0, "stream_unreadable", "The answer could not be read. Please retry.");
  }
}

// Checked against the generated schema, so a renamed route fails the type check, not the user.
const ASK_PATH = "/api/applications/{application_id}/assistant" satisfies keyof paths;
const RETRY_PATH = "/api/applications/{application_id}/assistant/retry" satisfies keyof paths;

export type AnswerRequest =
  | { applicationId: number; question: Schemas["Question"] }
  | { applicationId: number; retry: true };

/**
 * Ask (or retry), calling `onEvent` for each event as it arrives. Resolves once the stream
 * ends with `done` or `error`. Rejects with an ApiError when the server refuses before
 * answering (404, 409, 422, 429 daily limit, 503 not configured), when the connection drops or
 * the stream ends without its last event; with the signal's AbortError when it is aborted.
 */
export async function streamAnswer(
  request: AnswerRequest,
  onEvent: (event: AnswerEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const path = ("retry" in request ? RETRY_PATH : ASK_PATH).replace(
    "{application_id}",
    String(request.applicationId),
  );
  const headers: Record<string, string> = { Accept: "text/event-stream" };
  const token = readCookie(CSRF_COOKIE);
  if (token) headers[CSRF_HEADER] = token;
  if ("question" in request) headers["Content-Type"] = "application/json";

  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers,
      body: "question" in request ? JSON.stringify(request.question) : null,
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(
      0,
      "network_error",
      "Could not reach the server. Check your connection and retry.",
    );
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw errorFrom(response.status, body);
  }
  if (!response.body || !response.headers.get("Content-Type")?.startsWith("text/event-stream")) {
    throw new ApiError(
      response.status,
      "not_a_stream",
      "The server did not stream an answer. Please retry.",
    );
  }

  let finished = false;
  const parser = createEventStreamParser((raw) => {
    const event = answerEvent(raw);
    if (!event) return;
    if (event.event === "done" || event.event === "error") finished = true;
    onEvent(event);
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      parser.feed(chunk.value);
    }
    parser.end();
  } catch (error) {
    if (signal.aborted) throw error;
    await reader.cancel().catch(() => undefined);
    if (error instanceof ApiError) throw error;
    throw new ApiError(
      0,
      "stream_cut",
      "The connection was lost while the answer was written. Please retry.",
    );
  } finally {
    reader.releaseLock();
  }
  if (!finished) {
    throw new ApiError(0, "stream_cut", "The answer stopped before it was finished. Please retry.");
  }
}
