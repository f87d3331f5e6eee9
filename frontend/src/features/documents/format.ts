// How documents are named on screen: their file type and kind in words ("Resume · v3"), and
// their size in bytes people read.
import type { DocumentKind, MediaType } from "./queries";

export const MEDIA_TYPES: readonly { value: MediaType; label: string }[] = [
  { value: "application/pdf", label: "PDF" },
  {
    value: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    label: "Word",
  },
  { value: "text/plain", label: "Text" },
  { value: "text/markdown", label: "Markdown" },
];

/** What the file input offers first; the server still decides from the bytes. */
export const ACCEPT = [".pdf", ".docx", ".txt", ".md", ".markdown"]
  .concat(MEDIA_TYPES.map((type) => type.value))
  .join(",");

export function kindOf(mediaType: MediaType): string {
  return MEDIA_TYPES.find((type) => type.value === mediaType)?.label ?? mediaType;
}

const UNITS = ["bytes", "KB", "MB", "GB"];

/** 1536 → "1.5 KB"; binary multiples, as the server counts MAX_UPLOAD_MB. */
export function formatBytes(size: number): string {
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return size === 1 ? "1 byte" : `${size} bytes`;
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`;
}

export const DOCUMENT_KINDS: readonly { value: DocumentKind; label: string }[] = [
  { value: "resume", label: "Resume" },
  { value: "cover_letter", label: "Cover letter" },
  { value: "other", label: "Other" },
];

export function kindLabel(kind: DocumentKind): string {
  return DOCUMENT_KINDS.find((choice) => choice.value === kind)?.label ?? kind;
}

/** "Resume · v3" for one of several versions, "Resume" for a document on its own. */
export function kindAndVersion(document: { kind: DocumentKind; version: number | null }): string {
  const kind = kindLabel(document.kind);
  return document.version ? `${kind} · v${document.version}` : kind;
}
