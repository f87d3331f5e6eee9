// The colour theme: the system's setting unless the person picked Light or Dark, kept in
// localStorage and shown to CSS as data-theme on <html> (styles.css reads it).
import { useSyncExternalStore } from "react";

export type ThemeChoice = "system" | "light" | "dark";
export type Theme = "light" | "dark";

export const THEME_CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: "system", label: "System theme" },
  { value: "light", label: "Light theme" },
  { value: "dark", label: "Dark theme" },
];

const STORAGE_KEY = "jobtracker.theme";
const SYSTEM_DARK = "(prefers-color-scheme: dark)";
// Fired on window when the choice changes, so every reader (toggle, charts) redraws.
const CHANGE_EVENT = "jobtracker:themechange";

function isChoice(value: unknown): value is ThemeChoice {
  return value === "system" || value === "light" || value === "dark";
}

export function readThemeChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isChoice(stored) ? stored : "system";
  } catch {
    return "system"; // storage blocked (private mode, policy): follow the system
  }
}

/** Sets data-theme on <html>; "system" removes it so the CSS media query decides. */
export function applyThemeChoice(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === "system") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", choice);
}

export function setThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === "system") window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not kept across visits, but still applied to this one.
  }
  applyThemeChoice(choice);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** The theme in effect: the explicit choice, or the system's. */
export function currentTheme(): Theme {
  const choice = readThemeChoice();
  if (choice !== "system") return choice;
  return window.matchMedia(SYSTEM_DARK).matches ? "dark" : "light";
}

/** Calls onChange when the choice or the system setting changes; returns the unsubscribe. */
export function subscribeToTheme(onChange: () => void): () => void {
  const system = window.matchMedia(SYSTEM_DARK);
  system.addEventListener("change", onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  // Another tab changed the choice: apply it here too.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY) return;
    applyThemeChoice(readThemeChoice());
    onChange();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    system.removeEventListener("change", onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onStorage);
  };
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribeToTheme, readThemeChoice);
}

export function useTheme(): Theme {
  return useSyncExternalStore(subscribeToTheme, currentTheme);
}
