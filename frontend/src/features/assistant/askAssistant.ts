// Other sections of an application's page can ask the assistant a prepared question ("Review my
// fit"). The request waits here until that application's assistant takes it, so a click made
// while the assistant's chunk is still loading is not lost.
import { useEffect, useRef } from "react";

const EVENT = "jobtracker:ask-assistant";
const waiting = new Map<number, string>();

export function askAssistant(applicationId: number, text: string) {
  waiting.set(applicationId, text);
  window.dispatchEvent(new CustomEvent(EVENT, { detail: applicationId }));
}

/** Calls `handle` with each question asked for this application, once. */
export function useAssistantRequests(applicationId: number, handle: (text: string) => void) {
  const latest = useRef(handle);
  useEffect(() => {
    latest.current = handle;
  });
  useEffect(() => {
    function take() {
      const text = waiting.get(applicationId);
      if (text === undefined) return;
      waiting.delete(applicationId);
      latest.current(text);
    }
    function onRequest(event: Event) {
      if ((event as CustomEvent<number>).detail === applicationId) take();
    }
    take();
    window.addEventListener(EVENT, onRequest);
    return () => window.removeEventListener(EVENT, onRequest);
  }, [applicationId]);
}
