// Copying a value shown once (a secret, a token) with a note that says whether it worked.
import { useState } from "react";

/** `copy(value)` writes to the clipboard; `copied` is the note to show after, or null. */
export function useCopy(what: string): { copied: string | null; copy: (value: string) => void } {
  const [copied, setCopied] = useState<string | null>(null);
  async function write(value: string) {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("Copied.");
    } catch {
      // Clipboard access needs https or permission; the value stays on screen to copy by hand.
      setCopied(`Could not copy: select ${what} and copy it by hand.`);
    }
  }
  return { copied, copy: (value) => void write(value) };
}
