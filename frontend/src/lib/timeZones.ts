// Time zones: the browser's own, the list to choose from, and moments shown in a chosen zone.

/** The browser's IANA zone (sent at sign-up); UTC when the browser does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

let zoneList: string[] | null = null;

/** Every zone the browser knows, UTC first; `current` is kept in the list if it is missing. */
export function timeZoneOptions(current?: string): { value: string; label: string }[] {
  zoneList ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
  const zones = current && !zoneList.includes(current) ? [current, ...zoneList] : zoneList;
  return zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, " ") }));
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "Tue, 15 Jan 2030, 09:30" in the reader's locale, on the clock of `timeZone`. */
export function formatInZone(iso: string, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
    });
    formats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}
