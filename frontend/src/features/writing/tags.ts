// Tags as typed in one field ("intro, behavioural") and as the API keeps them (a list).

export function parseTags(text: string): string[] {
  const tags = text
    .split(",")
    .map((tag) => tag.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(tags)];
}

export function formatTags(tags: readonly string[]): string {
  return tags.join(", ");
}
