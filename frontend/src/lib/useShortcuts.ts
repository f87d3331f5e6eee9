// Single-key shortcuts for the whole app, kept out of the way of typing: none fires in a text
// field, a select or editable content, with Ctrl/Alt/Meta held, or while a dialog is open.
import { useEffect, useRef } from "react";

export type Shortcut = {
  /** KeyboardEvent.key, e.g. "n", "/", "?" (Shift is allowed: "?" needs it on most layouts). */
  key: string;
  run: () => void;
};

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest("input, textarea, select, [contenteditable]") !== null;
}

export function shouldIgnore(event: KeyboardEvent): boolean {
  return (
    event.defaultPrevented ||
    event.repeat ||
    event.isComposing ||
    event.ctrlKey ||
    event.metaKey ||
    event.altKey ||
    isTyping(event.target) ||
    // A modal dialog owns the keyboard; Escape closes it natively.
    document.querySelector("dialog[open]") !== null
  );
}

export function useShortcuts(shortcuts: Shortcut[]): void {
  // The latest handlers without re-adding the listener on every render.
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (shouldIgnore(event)) return;
      const shortcut = latest.current.find((candidate) => candidate.key === event.key);
      if (!shortcut) return;
      event.preventDefault(); // "/" would otherwise start the browser's quick find
      shortcut.run();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
