// The funnel Applied → Screening → Interview → Offer, as centred bars that narrow step by step.
import {
  Bar,
  BarChart,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type LabelProps,
} from "recharts";

import { labelOf, useMeta } from "../../api/hooks";
import { ChartCard, DataTable } from "./ChartCard";
import { axisProps, CHART_DESCRIPTION, CHART_HEIGHT, tooltipProps } from "./chartStyle";
import { useChartColors, type ChartColors } from "./colors";
import { percent } from "./format";
import type { Analytics } from "./queries";

const CHARACTER_WIDTH = 7.5; // at 12 px, near enough to decide whether a label fits in a bar

/** "3 · 75%" inside the bar when it fits there, beside it when the bar is too narrow. */
function StepLabel({ viewBox, value, colors }: LabelProps & { colors: ChartColors }) {
  if (!viewBox || !("width" in viewBox)) return null;
  const { x = 0, y = 0, width = 0, height = 0 } = viewBox;
  const text = String(value ?? "");
  const inside = width >= text.length * CHARACTER_WIDTH + 12;
  return (
    <text
      x={inside ? x + width / 2 : x + width + 6}
      y={y + height / 2}
      textAnchor={inside ? "middle" : "start"}
      dominantBaseline="central"
      fill={inside ? colors.onBar : colors.text}
      fontSize={12}
      fontWeight={600}
    >
      {text}
    </text>
  );
}

export function FunnelChart({ analytics }: { analytics: Analytics }) {
  const colors = useChartColors();
  const meta = useMeta();
  const { steps, definition } = analytics.funnel;
  const widest = Math.max(0, ...steps.map((step) => step.count));
  const data = steps.map((step) => ({
    ...step,
    label: labelOf(meta.data?.stages, step.stage),
    // An invisible bar before each step centres it under the widest one: a funnel.
    offset: (widest - step.count) / 2,
    text:
      step.share_of_applied == null
        ? `${step.count}`
        : `${step.count} · ${percent(step.share_of_applied)}`,
  }));

  return (
    <ChartCard
      title="Funnel"
      definition={definition}
      plotHeight={CHART_HEIGHT}
      empty={widest === 0 ? "No application in this range has been sent yet." : null}
      table={
        <DataTable
          caption="Applications that reached each step"
          columns={["Step", "Applications", "Share of applied", "Share of the step before"]}
          rows={data.map((step) => ({
            key: step.stage,
            cells: [
              step.label,
              step.count,
              percent(step.share_of_applied),
              percent(step.share_of_previous),
            ],
          }))}
        />
      }
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 4, right: 4, bottom: 4, left: 4 }}
          barCategoryGap={6}
          title="Funnel"
          desc={CHART_DESCRIPTION}
        >
          <XAxis type="number" hide domain={[0, widest]} />
          <YAxis
            type="category"
            dataKey="label"
            width={84}
            interval={0}
            {...axisProps(colors)}
            axisLine={false}
          />
          <Tooltip {...tooltipProps(colors)} />
          <Bar
            dataKey="offset"
            stackId="funnel"
            fill="transparent"
            tooltipType="none"
            isAnimationActive={false}
          />
          <Bar dataKey="count" name="Applications" stackId="funnel" fill={colors.bar} radius={3}>
            <LabelList
              dataKey="text"
              content={(props: LabelProps) => <StepLabel {...props} colors={colors} />}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
