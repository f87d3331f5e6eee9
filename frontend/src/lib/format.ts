// Dates and money as people read them, in their own locale and time zone.

const dateFormat = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC", // a calendar date (YYYY-MM-DD) has no time zone; don't shift it
});
const momentFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

const DAY_MS = 86_400_000;

/** A calendar date from the API (`2025-03-01`) as "1 Mar 2025". */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return "";
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

/** A moment from the API (ISO 8601 with zone) in the reader's time zone. */
export function formatMoment(iso: string | null | undefined): string {
  if (!iso) return "";
  return momentFormat.format(new Date(iso));
}

/** "today", "tomorrow", "in 3 days", "2 days ago", counted in local calendar days. */
export function relativeDay(iso: string, now: Date = new Date()): string {
  const moment = new Date(iso);
  const startOf = (date: Date) =>
    new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  const days = Math.round((startOf(moment) - startOf(now)) / DAY_MS);
  return relativeFormat.format(days, "day");
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** Split a moment into the local `YYYY-MM-DD` and `HH:MM` that date and time inputs want. */
export function toLocalInputs(iso: string | null | undefined): { date: string; time: string } {
  if (!iso) return { date: "", time: "" };
  const moment = new Date(iso);
  return {
    date: `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`,
    time: `${pad(moment.getHours())}:${pad(moment.getMinutes())}`,
  };
}

/** The end of the day unless a time is given: "due on the 3rd" means by the end of the 3rd. */
export const DEFAULT_DUE_TIME = "23:59";

/** Local date and time inputs back to an ISO 8601 moment with zone, or null when no date. */
export function fromLocalInputs(date: string, time: string): string | null {
  if (!date) return null;
  const moment = new Date(`${date}T${time || DEFAULT_DUE_TIME}`);
  return Number.isNaN(moment.getTime()) ? null : moment.toISOString();
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** A salary range like "€50,000 – €65,000"; empty when neither end is known. */
export function formatSalary(
  min: number | null | undefined,
  max: number | null | undefined,
  currency: string | null | undefined,
): string {
  if (min == null && max == null) return "";
  const code = currency || "USD";
  let format = moneyFormats.get(code);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, {
        style: "currency",
        currency: code,
        maximumFractionDigits: 0,
      });
    } catch {
      format = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
    }
    moneyFormats.set(code, format);
  }
  if (min != null && max != null) return `${format.format(min)} – ${format.format(max)}`;
  return min != null ? `from ${format.format(min)}` : `up to ${format.format(max as number)}`;
}

/** "1 application", "3 applications". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
