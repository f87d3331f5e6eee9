// What a board card says about an application, worded for people: its avatar colour, place,
// salary, days in its stage and how soon its next step is due (all in the viewer's time).
import type { Schemas } from "../../api/client";

type NextStep = Schemas["NextStep"];
type SalaryPeriod = NonNullable<Schemas["BoardCardOut"]["salary_period"]>;

const DAY_MS = 86_400_000;
const WORK_MODES: Record<string, string> = { onsite: "On-site", hybrid: "Hybrid", remote: "Remote" };
const PER: Record<SalaryPeriod, string> = {
  hour: "an hour",
  day: "a day",
  week: "a week",
  month: "a month",
  year: "a year",
};

/** A stable hue for a company: the same name always gets the same colour. */
export function avatarHue(company: string): number {
  let hash = 0;
  for (const character of company.trim().toLowerCase()) {
    hash = (hash * 31 + (character.codePointAt(0) ?? 0)) % 3_600_000;
  }
  return hash % 360;
}

export function initialOf(company: string): string {
  const first = [...company.trim()][0] ?? "?";
  return first.toLocaleUpperCase();
}

export function placeOf(location: string | null, workMode: string | null): string | null {
  const parts = [location, workMode ? WORK_MODES[workMode] ?? workMode : null].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : null;
}

// One formatter per currency, not one per card: making one is the costly part.
const formatters = new Map<string | null, Intl.NumberFormat>();

function money(currency: string | null): Intl.NumberFormat {
  let format = formatters.get(currency);
  if (!format) {
    format = newMoneyFormat(currency);
    formatters.set(currency, format);
  }
  return format;
}

function newMoneyFormat(currency: string | null): Intl.NumberFormat {
  try {
    if (currency) {
      return new Intl.NumberFormat(undefined, {
        style: "currency",
        currency,
        maximumFractionDigits: 0,
      });
    }
  } catch {
    // An unknown code: the figures alone, with the code after them.
  }
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
}

export function salaryOf(
  low: number | null,
  high: number | null,
  currency: string | null,
  period: SalaryPeriod | null,
): string | null {
  if (low === null && high === null) return null;
  const format = money(currency);
  const code = format.resolvedOptions().style === "currency" || !currency ? "" : ` ${currency}`;
  let range: string;
  if (low !== null && high !== null && low !== high) range = `${format.format(low)}–${format.format(high)}`;
  else if (low !== null && high !== null) range = format.format(low);
  else if (low !== null) range = `From ${format.format(low)}`;
  else range = `Up to ${format.format(high ?? 0)}`;
  return `${range}${code} ${PER[period ?? "year"]}`;
}

function localDay(moment: Date): number {
  return new Date(moment.getFullYear(), moment.getMonth(), moment.getDate()).getTime();
}

/** Whole days from today to that day, in the viewer's time (negative: in the past). */
export function daysFromToday(day: Date, now: Date = new Date()): number {
  return Math.round((localDay(day) - localDay(now)) / DAY_MS);
}

/** A `YYYY-MM-DD` day as local midnight (not UTC midnight, which is another day for some). */
export function dayOf(isoDay: string): Date {
  const [year = 1970, month = 1, day = 1] = isoDay.split("-").map(Number);
  return new Date(year, month - 1, day);
}

export function daysInStage(enteredAt: string | null | undefined, now: Date = new Date()): string | null {
  if (!enteredAt) return null;
  const days = -daysFromToday(new Date(enteredAt), now);
  if (days <= 0) return "In this stage since today";
  return days === 1 ? "1 day in stage" : `${days} days in stage`;
}

export type Urgency = "overdue" | "today" | "soon" | "later" | "undated";

export type NextStepWords = { urgency: Urgency; when: string; what: string };

/** The next step as a person reads it: what, and how soon in words ("Overdue by 2 days"). */
export function nextStepWords(step: NextStep, now: Date = new Date()): NextStepWords {
  if (step.kind === "interview" && step.due_at) return interviewWords(step.title, new Date(step.due_at), now);
  const what = step.kind === "deadline" ? "Application deadline" : step.title;
  const due = step.due_on ? dayOf(step.due_on) : step.due_at ? new Date(step.due_at) : null;
  if (!due) return { urgency: "undated", when: "Next", what };
  const days = daysFromToday(due, now);
  // A deliverable due earlier today is already late.
  const late = days < 0 || (days === 0 && step.due_at !== null && due.getTime() < now.getTime());
  if (late) {
    const ago = -days;
    const when = ago <= 0 ? "Overdue since earlier today" : ago === 1 ? "Overdue by 1 day" : `Overdue by ${ago} days`;
    return { urgency: "overdue", when, what };
  }
  if (days === 0) return { urgency: "today", when: "Due today", what };
  if (days === 1) return { urgency: "soon", when: "Due tomorrow", what };
  return { urgency: days <= 7 ? "soon" : "later", when: `Due in ${days} days`, what };
}

/** An interview to come (the server leaves out those begun): its day, and its time up close. */
function interviewWords(what: string, starts: Date, now: Date): NextStepWords {
  const days = daysFromToday(starts, now);
  const at = starts.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
  if (days <= 0) return { urgency: "today", when: `Today at ${at}`, what };
  if (days === 1) return { urgency: "soon", when: `Tomorrow at ${at}`, what };
  return { urgency: days <= 7 ? "soon" : "later", when: `In ${days} days`, what };
}
