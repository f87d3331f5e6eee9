// Asks before leaving a form with unsaved edits: on reload or closing the tab (beforeunload),
// on the app's own links, which change the page without unloading it, and on the browser's
// Back and Forward buttons, which change it through the history (popstate).
import { useEffect, useId } from "react";

export const LEAVE_QUESTION = "You have changes that are not saved. Leave and lose them?";

// One set of listeners however many forms have edits, so leaving asks once, not once per form.
const formsWithEdits = new Set<string>();

function askBeforeUnload(event: BeforeUnloadEvent): void {
  event.preventDefault();
  event.returnValue = ""; // Chromium before 119 asks only when this is set
}

function isInAppNavigation(event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false; // new tab
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(link instanceof HTMLAnchorElement) || link.hasAttribute("download")) return false;
  if (link.target && link.target !== "_self") return false; // opens elsewhere, this page stays
  const url = new URL(link.href);
  // Another site unloads this page, where beforeunload asks; a #fragment stays on it.
  if (url.origin !== window.location.origin) return false;
  return url.pathname !== window.location.pathname || url.search !== window.location.search;
}

// Capture phase on the document: runs before the router's own click handler, which it stops.
function askBeforeFollowingLink(event: MouseEvent): void {
  if (!isInAppNavigation(event) || window.confirm(LEAVE_QUESTION)) return;
  event.preventDefault();
  event.stopPropagation();
}

// The address the app shows, kept up to date so a refused Back or Forward can put it back.
let shownUrl = window.location.href;
let shownState: unknown = window.history.state;

function withoutFragment(url: string): string {
  return url.split("#")[0] ?? url;
}

function rememberShownUrl(): void {
  shownUrl = window.location.href;
  shownState = window.history.state;
}

// The browser has already moved through the history when popstate arrives (it cannot be
// cancelled), so a refused Back pushes the address left back, and stops the event before the
// router hears of it: the router keeps the page, with its edits, as it is.
function askBeforeGoingThroughHistory(event: PopStateEvent): void {
  // Without edits, or back to a #fragment on the same page, nothing is lost.
  const samePage = withoutFragment(window.location.href) === withoutFragment(shownUrl);
  if (formsWithEdits.size === 0 || samePage || window.confirm(LEAVE_QUESTION)) {
    rememberShownUrl();
    return;
  }
  event.stopImmediatePropagation();
  window.history.pushState(shownState, "", shownUrl);
}

/** Watch Back and Forward for the forms' guards. Called once, before the app renders: listeners
 * on the window run in the order they were added, and this one must run before the router's,
 * which the first render adds (a router that re-renders first unmounts the form and its edits). */
export function guardHistoryNavigation(): void {
  window.addEventListener("popstate", askBeforeGoingThroughHistory, true);
  // wouter dispatches these after its own navigations (it patches pushState and replaceState).
  for (const type of ["pushState", "replaceState", "hashchange"]) {
    window.addEventListener(type, rememberShownUrl);
  }
}

/** While `unsaved` is true, leaving the page through a link, Back or Forward, a reload or
 * closing it asks first. */
export function useLeaveGuard(unsaved: boolean): void {
  const form = useId();
  useEffect(() => {
    if (!unsaved) return undefined;
    if (formsWithEdits.size === 0) {
      window.addEventListener("beforeunload", askBeforeUnload);
      document.addEventListener("click", askBeforeFollowingLink, true);
    }
    formsWithEdits.add(form);
    return () => {
      formsWithEdits.delete(form);
      if (formsWithEdits.size === 0) {
        window.removeEventListener("beforeunload", askBeforeUnload);
        document.removeEventListener("click", askBeforeFollowingLink, true);
      }
    };
  }, [unsaved, form]);
}
