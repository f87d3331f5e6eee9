// How the assistant's providers, times and failures read in the chat.

const PROVIDER_NAMES: Record<string, string> = {
  gemini: "Gemini",
  openai: "OpenAI-compatible",
};

/** "Offline coach" for the built-in coach; otherwise the provider and its model. */
export function providerLabel(provider: string, model: string | null): string {
  if (provider === "offline") return "Offline coach";
  const name = PROVIDER_NAMES[provider] ?? provider;
  return model ? `${name} · ${model}` : name;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
});

/** "14:05" today, "3 Mar, 14:05" another day: chat times stay short. */
export function chatTime(iso: string, now: Date = new Date()): string {
  const moment = new Date(iso);
  return moment.toDateString() === now.toDateString()
    ? timeFormat.format(moment)
    : dayTimeFormat.format(moment);
}

/** The headline of a failure, by the status and code the server gave. */
export function problemTitle(status: number, code: string): string {
  if (code === "ai_daily_limit") return "Daily limit reached.";
  if (code === "ai_not_configured") return "The assistant is not set up.";
  if (status === 0) return "The answer did not arrive.";
  if (status === 429) return "The AI provider is busy (429).";
  if (status === 504) return "The AI provider took too long (504).";
  if (status === 502) return "The AI provider failed (502).";
  return `Not answered (${status}).`;
}
