// Chart colours from the theme's custom properties, read again when the system theme flips.
// Recharts draws SVG attributes, so it needs real colours rather than var(--…) references.
import { useMemo, useSyncExternalStore } from "react";

const DARK = "(prefers-color-scheme: dark)";

export type ChartColors = {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  bar: string;
  onBar: string;
  line: string;
  final: string;
  link: string;
};

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(DARK);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

function readColors(): ChartColors {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    text: read("--text"),
    muted: read("--text-muted"),
    grid: read("--border"),
    surface: read("--surface"),
    bar: read("--chart-bar"),
    onBar: read("--on-accent"),
    line: read("--chart-line"),
    final: read("--chart-final"),
    link: read("--chart-link"),
  };
}

export function useChartColors(): ChartColors {
  const dark = useSyncExternalStore(subscribe, () => window.matchMedia(DARK).matches);
  // `dark` is the reason to read again: the custom properties change with it.
  return useMemo(readColors, [dark]);
}
