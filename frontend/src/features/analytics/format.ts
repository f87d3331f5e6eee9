// How the dashboard writes its numbers: shares as percentages, durations in days, periods.

const percentFormat = new Intl.NumberFormat(undefined, {
  style: "percent",
  maximumFractionDigits: 0,
});
const daysFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const weekFormat = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});
const weekLongFormat = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const monthFormat = new Intl.DateTimeFormat(undefined, {
  month: "short",
  year: "numeric",
  timeZone: "UTC", // periods are calendar dates (YYYY-MM-DD); don't shift them
});

/** Said instead of a number that cannot be computed yet (nothing to divide by). */
export const NOT_YET = "–";

export function percent(share: number | null | undefined): string {
  return share == null ? NOT_YET : percentFormat.format(share);
}

export function days(value: number | null | undefined): string {
  if (value == null) return NOT_YET;
  return `${daysFormat.format(value)} ${value === 1 ? "day" : "days"}`;
}

function utc(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/** A period's first day as a chart tick: "3 Mar" for a week, "Mar 2025" for a month. */
export function periodTick(isoDate: string, interval: "week" | "month"): string {
  return interval === "week" ? weekFormat.format(utc(isoDate)) : monthFormat.format(utc(isoDate));
}

/** A period in full, for tooltips and tables: "Week of 3 Mar 2025", "Mar 2025". */
export function periodName(isoDate: string, interval: "week" | "month"): string {
  return interval === "week"
    ? `Week of ${weekLongFormat.format(utc(isoDate))}`
    : monthFormat.format(utc(isoDate));
}

/** A file name from a chart title: "Stage flows" → "job-search-stage-flows.png". */
export function pngName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `job-search-${slug}.png`;
}
