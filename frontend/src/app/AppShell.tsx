// The frame around every signed-in page: brand, main navigation, theme, keyboard shortcuts,
// who is signed in, sign out.
import { lazy, Suspense, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Link, useLocation } from "wouter";

import { useCurrentUser, useMeta, useSignOut } from "../api/hooks";
import { Button } from "../components/Button";
import { ErrorAlert } from "../components/ErrorAlert";
import { ShortcutsDialog, type ShortcutHelp } from "../components/ShortcutsDialog";
import { UndoToast } from "../components/UndoToast";
import { GroupNavItems } from "../features/groups/GroupNavItems";
import { NotificationsLink } from "../features/notifications/NotificationsLink";
import { setThemeChoice, THEME_CHOICES, useThemeChoice, type ThemeChoice } from "../lib/theme";
import { useShortcuts } from "../lib/useShortcuts";

// Loaded on the first "n", so the shell's chunk stays small.
const NewApplicationDialog = lazy(() =>
  import("../features/applications/NewApplicationDialog").then((module) => ({
    default: module.NewApplicationDialog,
  })),
);

const SHORTCUT_HELP: ShortcutHelp[] = [
  { keys: ["n"], description: "New application" },
  { keys: ["/"], description: "Search (this page's search, or the table of applications)" },
  { keys: ["?"], description: "Show these shortcuts" },
  { keys: ["Esc"], description: "Close a dialog" },
];
const SEARCH_BOX = 'main input[type="search"], main [role="search"] input[type="text"]';
// How long "/" waits for the table's search box after going there (its page loads lazily).
const SEARCH_WAIT_MS = 10_000;

const NAV = [
  { href: "/", label: "Board", matches: ["/", "/table", "/trash", "/applications"] },
  { href: "/analytics", label: "Dashboard", matches: ["/analytics"] },
  { href: "/reports", label: "Reports", matches: ["/reports"] },
  { href: "/upcoming", label: "Upcoming", matches: ["/upcoming"] },
  { href: "/writing", label: "Writing", matches: ["/writing"] },
  { href: "/contacts", label: "Contacts", matches: ["/contacts"] },
  { href: "/documents", label: "Documents", matches: ["/documents"] },
  { href: "/settings", label: "Settings", matches: ["/settings"] },
];

function isCurrent(location: string, matches: string[]): boolean {
  return matches.some((prefix) =>
    prefix === "/" ? location === "/" : location === prefix || location.startsWith(`${prefix}/`),
  );
}

function focusSearchBox(box: HTMLInputElement): void {
  box.focus();
  box.select();
}

/** Calls found with the search box once the page shows one, or gives up after a while. */
function whenSearchBoxAppears(found: (box: HTMLInputElement) => void): void {
  const observer = new MutationObserver(() => {
    const box = document.querySelector<HTMLInputElement>(SEARCH_BOX);
    if (!box) return;
    observer.disconnect();
    window.clearTimeout(giveUp);
    found(box);
  });
  const giveUp = window.setTimeout(() => observer.disconnect(), SEARCH_WAIT_MS);
  observer.observe(document.body, { childList: true, subtree: true });
}

export function AppShell({ children }: { children: ReactNode }) {
  const user = useCurrentUser();
  const signOut = useSignOut();
  const meta = useMeta();
  const [location, navigate] = useLocation();
  const themeChoice = useThemeChoice();
  const themeSelectId = useId();
  const [creating, setCreating] = useState(false);
  const [showingShortcuts, setShowingShortcuts] = useState(false);
  const navPanelId = useId();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const navElement = useRef<HTMLElement>(null);

  // On a phone the links fold into a menu; it closes on Escape (focus back on its button)
  // and on a press anywhere outside the navigation.
  useEffect(() => {
    if (!menuOpen) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      setMenuOpen(false);
      menuButton.current?.focus();
    }
    function onPointerDown(event: PointerEvent) {
      if (!navElement.current?.contains(event.target as Node)) setMenuOpen(false);
    }
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, [menuOpen]);

  function newApplication() {
    const limit = meta.data?.usage?.max_applications ?? 0;
    const used = meta.data?.usage?.applications ?? 0;
    // At the limit the board says why there is no New application, so go there instead.
    if (limit > 0 && used >= limit) navigate("/");
    else setCreating(true);
  }

  function search() {
    const box = document.querySelector<HTMLInputElement>(SEARCH_BOX);
    if (box) return focusSearchBox(box);
    // A page without a search box: search the applications, in the table view.
    whenSearchBoxAppears(focusSearchBox);
    navigate("/table");
  }

  useShortcuts([
    { key: "n", run: newApplication },
    { key: "/", run: search },
    { key: "?", run: () => setShowingShortcuts(true) },
  ]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ✓
          </span>
          Job Tracker
        </Link>
        <nav aria-label="Main" className="main-nav" ref={navElement}>
          <button
            type="button"
            ref={menuButton}
            className="button button-secondary button-small menu-button"
            aria-expanded={menuOpen}
            aria-controls={navPanelId}
            onClick={() => setMenuOpen((open) => !open)}
          >
            Menu
          </button>
          <div
            id={navPanelId}
            className={menuOpen ? "main-nav-panel main-nav-panel-open" : "main-nav-panel"}
          >
            <ul>
              {NAV.map((item) => (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={isCurrent(location, item.matches) ? "page" : undefined}
                    onClick={() => setMenuOpen(false)}
                  >
                    {item.label}
                  </Link>
                </li>
              ))}
              <GroupNavItems location={location} onNavigate={() => setMenuOpen(false)} />
            </ul>
            <div className="theme-choice">
              {/* Each option says "… theme", so the label need not take room in the bar. */}
              <label htmlFor={themeSelectId} className="visually-hidden">
                Theme
              </label>
              <select
                id={themeSelectId}
                value={themeChoice}
                onChange={(event) => setThemeChoice(event.target.value as ThemeChoice)}
              >
                {THEME_CHOICES.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </nav>
        <div className="account">
          <NotificationsLink current={location === "/notifications"} />
          <Button
            size="small"
            variant="ghost"
            className="shortcuts-button"
            aria-keyshortcuts="?"
            onClick={() => setShowingShortcuts(true)}
          >
            Shortcuts
          </Button>
          <span className="account-name" title={user.email}>
            {user.display_name}
          </span>
          <Button size="small" busy={signOut.isPending} onClick={() => signOut.mutate(false)}>
            Sign out
          </Button>
        </div>
      </header>
      {signOut.error ? (
        <div className="page">
          <ErrorAlert title="Could not sign out." error={signOut.error} />
        </div>
      ) : null}
      {/* Before the page in the tab order, so its Undo is a few keys away; shown at the foot. */}
      <UndoToast />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <ShortcutsDialog
        open={showingShortcuts}
        onClose={() => setShowingShortcuts(false)}
        shortcuts={SHORTCUT_HELP}
      />
      {creating && (
        <Suspense fallback={null}>
          <NewApplicationDialog open onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </>
  );
}
