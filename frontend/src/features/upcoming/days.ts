// Groups deliverables by the calendar day they are due, in the reader's time zone.
import type { Deliverable } from "./queries";

export type DayGroup = { key: string; label: string; deliverables: Deliverable[] };

const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  day: "numeric",
  month: "long",
});

function dayKey(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

function dayLabel(date: Date, today: Date): string {
  const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
  if (dayKey(date) === dayKey(today)) return `Today, ${dayFormat.format(date)}`;
  if (dayKey(date) === dayKey(tomorrow)) return `Tomorrow, ${dayFormat.format(date)}`;
  return dayFormat.format(date);
}

/** Deliverables (already sorted by due date) in one group per day, in order. */
export function groupByDay(deliverables: Deliverable[], today: Date = new Date()): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const deliverable of deliverables) {
    if (!deliverable.due_at) continue;
    const due = new Date(deliverable.due_at);
    const key = dayKey(due);
    const last = groups.at(-1);
    if (last?.key === key) last.deliverables.push(deliverable);
    else groups.push({ key, label: dayLabel(due, today), deliverables: [deliverable] });
  }
  return groups;
}
