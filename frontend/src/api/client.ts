// The one way the UI talks to the API: a typed client generated from the backend's OpenAPI
// schema (schema.d.ts), with cookies, the CSRF header and one error shape for every call.
import createClient, { type Middleware } from "openapi-fetch";

import { describeFieldProblems } from "../lib/fieldLabels";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type User = Schemas["UserOut"];
export type Meta = Schemas["Meta"];
export type Choice = Schemas["Choice"];

export const CSRF_COOKIE = "jt_csrf";
export const CSRF_HEADER = "X-CSRF-Token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** An answer the API refused, in the shape of its `{"error": {code, message, fields}}` body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Messages per request field (`company`, `salary_min`, …), to show next to each input. */
  readonly fields: Record<string, string>;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

// Cookie-authenticated writes must echo the readable CSRF cookie; the server checks it.
const csrf: Middleware = {
  onRequest({ request }) {
    if (SAFE_METHODS.has(request.method)) return undefined;
    const token = readCookie(CSRF_COOKIE);
    if (token) request.headers.set(CSRF_HEADER, token);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(csrf);

export function errorFrom(status: number, body: unknown): ApiError {
  const error =
    typeof body === "object" && body !== null && "error" in body
      ? (body as { error: unknown }).error
      : null;
  if (typeof error === "object" && error !== null) {
    const { code, message, fields } = error as Record<string, unknown>;
    return new ApiError(
      status,
      typeof code === "string" ? code : "error",
      typeof message === "string" ? message : `The server answered ${status}.`,
      typeof fields === "object" && fields !== null ? (fields as Record<string, string>) : {},
    );
  }
  if (status >= 500) {
    return new ApiError(status, "server_error", "The server had a problem. Please try again.");
  }
  return new ApiError(status, "error", `The server answered ${status}.`);
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/**
 * Await an openapi-fetch call and return its data, or throw an ApiError with the server's
 * message (or a readable one when the network itself failed). Use it inside every queryFn
 * and mutationFn: `unwrap(api.GET("/api/meta"))`.
 */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch {
    throw new ApiError(
      0,
      "network_error",
      "Could not reach the server. Check your connection and try again.",
    );
  }
  if (!answer.response.ok) throw errorFrom(answer.response.status, answer.error);
  return answer.data as T;
}

/**
 * The message to show for any thrown value. When the server's message only sums up its field
 * messages (it names the fields by their API ids), the fields are described under the labels
 * people see instead; a message written as its own sentence is kept.
 */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError && sumsUpFields(error)) return describeFieldProblems(error.fields);
  if (error instanceof Error) return error.message;
  return "Something went wrong. Please try again.";
}

function sumsUpFields({ message, fields }: ApiError): boolean {
  const problems = Object.values(fields);
  return (
    problems.length > 0 &&
    !problems.includes(message) &&
    problems.every((problem) => message.includes(problem))
  );
}

/** The message for one field of a failed request, if the server named that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fields[field] : undefined;
}
