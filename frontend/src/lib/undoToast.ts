// One message at a time with an Undo, shown by <UndoToast> in the app's frame: a page that
// deletes something says so here, and the message outlives the page (it may leave at once).
import { useSyncExternalStore } from "react";

export type UndoMessage = {
  id: number;
  text: string;
  /** Puts things back; a rejection is shown in the toast. */
  undo: () => Promise<unknown>;
};

let current: UndoMessage | null = null;
let nextId = 1;
const listeners = new Set<() => void>();

function publish(message: UndoMessage | null) {
  current = message;
  for (const listener of listeners) listener();
}

/** Show `text` with an Undo button, replacing any message shown before. */
export function offerUndo(text: string, undo: () => Promise<unknown>): void {
  publish({ id: nextId++, text, undo });
}

export function dismissUndo(id: number): void {
  if (current?.id === id) publish(null);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUndoMessage(): UndoMessage | null {
  return useSyncExternalStore(subscribe, () => current);
}
