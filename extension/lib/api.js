// Calls to the user's Job Tracker with their access token, every failure turned into a
// sentence a person can act on.

const DEFAULT_TIMEOUT_MS = 30_000;

/** Why a call failed: `kind` tells the popup what to offer, `message` is shown as is. */
export class ApiProblem extends Error {
  constructor(kind, message, { status = null, fields = {} } = {}) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.fields = fields;
  }
}

export const TOKEN_REFUSED =
  "Job Tracker refused the access token: it was revoked, has expired or was mistyped. " +
  "Create a new one on Job Tracker's Settings page and paste it into the extension's options.";

export async function callInstance(settings, method, path, { body, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  const { instanceOrigin, token } = settings;
  const headers = { Accept: "application/json", Authorization: `Bearer ${token}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(`${instanceOrigin}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // The token is the only credential: no cookies, nothing cached, and no redirect
      // followed, so the token is never sent anywhere but the address the user gave.
      credentials: "omit",
      cache: "no-store",
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (error?.name === "TimeoutError") {
      throw new ApiProblem(
        "unreachable",
        `${instanceOrigin} took more than ${Math.round(timeoutMs / 1000)} seconds to answer. Try again in a moment.`,
      );
    }
    throw new ApiProblem(
      "unreachable",
      `Could not reach Job Tracker at ${instanceOrigin}. Check that it is running and that you are online.`,
    );
  }
  if (response.type === "opaqueredirect") {
    throw new ApiProblem(
      "not_job_tracker",
      `${instanceOrigin} sends visitors to another address. Open Job Tracker in a tab and put the address it ends up on in the extension's options.`,
    );
  }
  const answer = await readJson(response);
  if (response.ok) {
    if (answer === undefined) throw notJobTracker(instanceOrigin);
    return answer;
  }
  const error = answer?.error;
  if (response.status === 401) throw new ApiProblem("token_refused", TOKEN_REFUSED, { status: 401 });
  if (error && typeof error.message === "string") {
    // The server words its messages for people: shown as they are.
    throw new ApiProblem(error.code ?? "server", error.message, {
      status: response.status,
      fields: error.fields ?? {},
    });
  }
  if (response.status === 404 || answer === undefined && response.status < 500) {
    throw notJobTracker(instanceOrigin);
  }
  throw new ApiProblem(
    "server",
    `Job Tracker could not answer (error ${response.status}). Try again in a moment.`,
    { status: response.status },
  );
}

async function readJson(response) {
  if (!(response.headers.get("Content-Type") ?? "").includes("application/json")) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** The address answered, but not as Job Tracker does (another site, or a proxy's page). */
export function notJobTracker(origin) {
  return new ApiProblem(
    "not_job_tracker",
    `${origin} answered, but not the way Job Tracker does. Check the address in the extension's options.`,
  );
}
