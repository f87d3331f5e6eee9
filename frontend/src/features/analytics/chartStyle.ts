// Axis, grid and tooltip settings every chart shares, in the theme's colours.
import type { CSSProperties } from "react";

import type { ChartColors } from "./colors";

export const CHART_HEIGHT = 280;

/** Read out with each chart (its SVG is focusable and names itself with the chart's title). */
export const CHART_DESCRIPTION =
  "Arrow keys move between the data points. Show data table lists every number.";

export function axisProps(colors: ChartColors) {
  return {
    stroke: colors.grid,
    tick: { fill: colors.muted, fontSize: 12 },
    tickLine: false,
  };
}

export function tooltipProps(colors: ChartColors) {
  const box: CSSProperties = {
    background: colors.surface,
    border: `1px solid ${colors.grid}`,
    borderRadius: 6,
    color: colors.text,
    fontSize: 13,
  };
  return {
    contentStyle: box,
    labelStyle: { color: colors.text, fontWeight: 600 },
    itemStyle: { color: colors.text },
    cursor: { fill: colors.grid, fillOpacity: 0.35 },
  };
}
