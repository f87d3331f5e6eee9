// "Moved to the trash. Undo": the last delete's message, for UNDO_MS (longer while the pointer
// or keyboard focus is on it), then it goes. The region is always there, so a screen reader
// announces each message as it appears (role="status").
import { useEffect, useRef, useState } from "react";

import { dismissUndo, useUndoMessage } from "../lib/undoToast";
import "./toast.css";
import { Button } from "./Button";
import { ErrorAlert } from "./ErrorAlert";

export const UNDO_MS = 8000;

export function UndoToast() {
  const message = useUndoMessage();
  const [held, setHeld] = useState(false);
  const [undoing, setUndoing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [undone, setUndone] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setError(null);
    setUndone(null);
    setUndoing(false);
  }, [message?.id]);

  useEffect(() => {
    if (!message || held || undoing || error) return;
    const timer = window.setTimeout(() => dismissUndo(message.id), undone ? 3000 : UNDO_MS);
    return () => window.clearTimeout(timer);
  }, [message, held, undoing, error, undone]);

  async function undo() {
    if (!message) return;
    setUndoing(true);
    try {
      await message.undo();
      setUndone("Restored.");
    } catch (failure) {
      setError(failure);
    } finally {
      setUndoing(false);
    }
  }

  function leaveFocus(event: React.FocusEvent) {
    if (!box.current?.contains(event.relatedTarget as Node | null)) setHeld(false);
  }

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {message && (
        <div
          ref={box}
          className="toast"
          onMouseEnter={() => setHeld(true)}
          onMouseLeave={() => setHeld(false)}
          onFocus={() => setHeld(true)}
          onBlur={leaveFocus}
        >
          <p>{undone ?? message.text}</p>
          {!undone && (
            <Button size="small" busy={undoing} onClick={() => void undo()}>
              Undo
            </Button>
          )}
          <Button
            size="small"
            variant="ghost"
            aria-label="Dismiss this message"
            onClick={() => dismissUndo(message.id)}
          >
            ✕
          </Button>
          {error ? <ErrorAlert title="Could not undo." error={error} /> : null}
        </div>
      )}
    </div>
  );
}
