// A destructive action that asks first, inline, and shows its own error if it fails.
import { useState, type ReactNode } from "react";

import { Button } from "./Button";
import { ErrorAlert } from "./ErrorAlert";

export function ConfirmButton({
  label,
  name,
  question,
  confirmLabel,
  onConfirm,
  busy,
  error,
  size = "normal",
}: {
  /** The button's text. */
  label: string;
  /** A fuller accessible name when the text alone is ambiguous ("Delete Cover letter"). */
  name?: string;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  busy: boolean;
  error: unknown;
  size?: "normal" | "small";
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button
        variant="ghost"
        size={size}
        className="danger-text"
        aria-label={name}
        onClick={() => setAsking(true)}
      >
        {label}
      </Button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={name ?? label}>
      <p>{question}</p>
      <div className="button-row">
        <Button variant="danger" size={size} busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button size={size} onClick={() => setAsking(false)} disabled={busy}>
          Cancel
        </Button>
      </div>
      <ErrorAlert error={error} />
    </div>
  );
}
