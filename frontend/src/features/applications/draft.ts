// An application as form text, and back: empty inputs mean "not set", numbers are parsed.
import type {
  Application,
  ApplicationCreate,
  ApplicationUpdate,
  CapturedFields,
  FieldSource,
  Stage,
} from "./queries";

export type Draft = {
  company: string;
  role: string;
  stage: string;
  priority: string;
  job_url: string;
  location: string;
  work_mode: string;
  salary_min: string;
  salary_max: string;
  salary_currency: string;
  salary_period: string;
  employment_type: string;
  source: string;
  applied_on: string;
  deadline: string;
  posted_on: string;
  tags: string;
  job_description: string;
  notes: string;
};

/**
 * The most characters each text field takes: the backend's limits (applications/schemas.py,
 * checked against them by tests/applications/test_form_limits.py). Short fields are trimmed
 * before they are counted, as the server does.
 */
export const TEXT_LIMITS = {
  company: 200,
  role: 200,
  location: 200,
  source: 200,
  job_url: 2000,
  job_description: 100_000,
  notes: 100_000,
} as const satisfies Partial<Record<keyof Draft, number>>;

export type LimitedField = keyof typeof TEXT_LIMITS;
const LONG_TEXT: ReadonlySet<LimitedField> = new Set(["job_description", "notes"]);

/** Characters as the server counts them (code points, so an emoji is one). */
export function characterCount(field: LimitedField, text: string): number {
  const counted = LONG_TEXT.has(field) ? text : text.trim();
  let count = 0;
  for (const _ of counted) count += 1;
  return count;
}

/** The problem with a text over its limit, in words that say how much to cut. */
export function lengthProblem(field: LimitedField, text: string): string | undefined {
  const over = characterCount(field, text) - TEXT_LIMITS[field];
  if (over <= 0) return undefined;
  const limit = TEXT_LIMITS[field].toLocaleString();
  const excess = `${over.toLocaleString()} ${over === 1 ? "character" : "characters"}`;
  return `Shorten this by ${excess}: it takes at most ${limit}.`;
}

/** The days a date field takes: wide enough for any job hunt, and no five-digit years. */
export const EARLIEST_DATE = "1970-01-01";
export const LATEST_DATE = "2100-12-31";
const DATE_FIELDS = ["applied_on", "deadline", "posted_on"] as const;

/** The problem with a date outside those bounds (an input's value is always YYYY-MM-DD). */
export function dateProblem(day: string): string | undefined {
  if (!day) return undefined;
  const inRange = /^\d{4}-\d{2}-\d{2}$/.test(day) && day >= EARLIEST_DATE && day <= LATEST_DATE;
  return inRange ? undefined : "Use a date from 1970 to 2100, with a four-digit year.";
}

export function draftFrom(application?: Application): Draft {
  const text = (value: string | number | null | undefined) => (value == null ? "" : String(value));
  return {
    company: application?.company ?? "",
    role: application?.role ?? "",
    stage: application?.stage ?? "wishlist",
    priority: application?.priority ?? "medium",
    job_url: text(application?.job_url),
    location: text(application?.location),
    work_mode: text(application?.work_mode),
    salary_min: text(application?.salary_min),
    salary_max: text(application?.salary_max),
    salary_currency: text(application?.salary_currency),
    salary_period: text(application?.salary_period),
    employment_type: text(application?.employment_type),
    source: text(application?.source),
    applied_on: text(application?.applied_on),
    deadline: text(application?.deadline),
    posted_on: text(application?.posted_on),
    tags: application?.tags.join(", ") ?? "",
    job_description: text(application?.job_description),
    notes: text(application?.notes),
  };
}

export function parseTags(text: string): string[] {
  return text
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** A whole number from a salary input ("65 000", "65,000"), null when empty, NaN when not one. */
function parseAmount(text: string): number | null {
  const cleaned = text.replace(/[\s,_]/g, "");
  if (!cleaned) return null;
  return /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/** Problems found when saving, by API field name, in the words the server would use. */
export function checkDraft(draft: Draft): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!draft.company.trim()) problems.company = "Say which company this is.";
  if (!draft.role.trim()) problems.role = "Say which role you are applying for.";
  for (const name of ["salary_min", "salary_max"] as const) {
    if (Number.isNaN(parseAmount(draft[name]))) problems[name] = "Use a whole number, like 65000.";
  }
  const low = parseAmount(draft.salary_min);
  const high = parseAmount(draft.salary_max);
  if (low != null && high != null && low > high) {
    problems.salary_min = "The minimum is greater than the maximum.";
  }
  return problems;
}

/**
 * Problems shown while the person types (a text over its limit, a date out of bounds), by
 * field: the form shows them as they come and go, and refuses to save while there are any.
 */
export function liveProblems(draft: Draft): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const name of Object.keys(TEXT_LIMITS) as LimitedField[]) {
    const problem = lengthProblem(name, draft[name]);
    if (problem) problems[name] = problem;
  }
  for (const name of DATE_FIELDS) {
    const problem = dateProblem(draft[name]);
    if (problem) problems[name] = problem;
  }
  return problems;
}

function optional(text: string): string | null {
  const trimmed = text.trim();
  return trimmed ? trimmed : null;
}

function allFields(draft: Draft): Required<ApplicationUpdate> {
  return {
    company: draft.company.trim(),
    role: draft.role.trim(),
    stage: draft.stage as Stage,
    priority: draft.priority as Application["priority"],
    job_url: optional(draft.job_url),
    location: optional(draft.location),
    work_mode: (optional(draft.work_mode) as Application["work_mode"]) ?? null,
    salary_min: parseAmount(draft.salary_min),
    salary_max: parseAmount(draft.salary_max),
    salary_currency: optional(draft.salary_currency)?.toUpperCase() ?? null,
    salary_period: (optional(draft.salary_period) as Application["salary_period"]) ?? null,
    employment_type: (optional(draft.employment_type) as Application["employment_type"]) ?? null,
    source: optional(draft.source),
    applied_on: optional(draft.applied_on),
    deadline: optional(draft.deadline),
    posted_on: optional(draft.posted_on),
    tags: parseTags(draft.tags),
    job_description: draft.job_description.trim() ? draft.job_description : null,
    notes: draft.notes.trim() ? draft.notes : null,
  };
}

export function toCreate(draft: Draft): ApplicationCreate {
  const fields = allFields(draft);
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value !== null) body[name] = value;
  }
  return body as ApplicationCreate;
}

/** Only what changed, so a save never overwrites a field someone else just changed. */
export function toUpdate(draft: Draft, original: Application): ApplicationUpdate {
  const now = allFields(draft);
  const before = allFields(draftFrom(original));
  const body: Record<string, unknown> = {};
  for (const name of Object.keys(now) as (keyof typeof now)[]) {
    if (JSON.stringify(now[name]) !== JSON.stringify(before[name])) body[name] = now[name];
  }
  return body as ApplicationUpdate;
}

/** Where each filled-in field came from, by draft field name. */
export type Sources = Partial<Record<keyof Draft, FieldSource>>;

/** The draft with every field capture found put in (the rest kept), and where each came from. */
export function withCaptured(draft: Draft, fields: CapturedFields): { draft: Draft; sources: Sources } {
  const next = { ...draft };
  const sources: Sources = {};
  for (const [name, found] of Object.entries(fields)) {
    if (found == null || !(name in next)) continue;
    next[name as keyof Draft] = String(found.value);
    sources[name as keyof Draft] = found.source;
  }
  return { draft: next, sources };
}
