// Chart colours from the theme's custom properties, read again when the theme changes (the
// system's setting or the person's choice). Recharts draws SVG attributes, so it needs real
// colours rather than var(--…) references.
import { useMemo } from "react";

import { useTheme } from "../../lib/theme";

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
  const theme = useTheme();
  // `theme` is the reason to read again: the custom properties change with it.
  return useMemo(readColors, [theme]);
}
