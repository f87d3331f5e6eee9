// Applications over time, per week or per month, with the running total as a line.
import { useState } from "react";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Label,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { plural } from "../../lib/format";
import { ChartCard, DataTable } from "./ChartCard";
import { axisProps, CHART_DESCRIPTION, CHART_HEIGHT, tooltipProps } from "./chartStyle";
import { useChartColors } from "./colors";
import { periodName, periodTick } from "./format";
import type { Analytics, Interval } from "./queries";

const INTERVALS: { value: Interval; label: string }[] = [
  { value: "week", label: "Per week" },
  { value: "month", label: "Per month" },
];

function IntervalSwitch({
  value,
  onChange,
}: {
  value: Interval;
  onChange: (interval: Interval) => void;
}) {
  return (
    <div className="segmented" role="group" aria-label="Count applications">
      {INTERVALS.map((choice) => (
        <button
          key={choice.value}
          type="button"
          aria-pressed={value === choice.value}
          onClick={() => onChange(choice.value)}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}

export function OverTimeChart({ analytics }: { analytics: Analytics }) {
  const colors = useChartColors();
  const [interval, chooseInterval] = useState<Interval>("week");
  const overTime = analytics.applications_over_time;
  const timeline = overTime[interval];
  const data = timeline.points.map((point) => ({
    ...point,
    tick: periodTick(point.period, interval),
    name: periodName(point.period, interval),
  }));
  const axis = axisProps(colors);
  const left = overTime.without_applied_date;

  return (
    <ChartCard
      title="Applications over time"
      definition={timeline.definition}
      plotHeight={CHART_HEIGHT}
      wide
      controls={<IntervalSwitch value={interval} onChange={chooseInterval} />}
      empty={data.length === 0 ? "No application in this range has an applied date yet." : null}
      notes={
        <>
          {left > 0 && (
            <p className="muted small">
              {plural(left, "application")} without an applied date{" "}
              {left === 1 ? "is" : "are"} not counted here.
            </p>
          )}
          {!timeline.gaps_filled && (
            <p className="muted small">
              The range is long: only periods with applications are listed.
            </p>
          )}
        </>
      }
      table={
        <DataTable
          caption={`Applications ${interval === "week" ? "per week" : "per month"}`}
          columns={[interval === "week" ? "Week" : "Month", "Applications", "Total so far"]}
          rows={data.map((point) => ({
            key: point.period,
            cells: [point.name, point.count, point.cumulative],
          }))}
        />
      }
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <ComposedChart
          data={data}
          margin={{ top: 8, right: 4, bottom: 4, left: 4 }}
          title="Applications over time"
          desc={CHART_DESCRIPTION}
        >
          <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="tick" {...axis} minTickGap={16} />
          <YAxis yAxisId="count" allowDecimals={false} width={44} {...axis}>
            <Label
              value="Applications"
              angle={-90}
              position="insideLeft"
              fill={colors.bar}
              fontSize={12}
            />
          </YAxis>
          <YAxis yAxisId="total" orientation="right" allowDecimals={false} width={44} {...axis}>
            <Label
              value="Total so far"
              angle={90}
              position="insideRight"
              fill={colors.line}
              fontSize={12}
            />
          </YAxis>
          <Tooltip
            {...tooltipProps(colors)}
            labelFormatter={(_, payload) => payload[0]?.payload?.name ?? ""}
          />
          <Bar
            yAxisId="count"
            dataKey="count"
            name="Applications"
            fill={colors.bar}
            radius={[3, 3, 0, 0]}
            maxBarSize={36}
          />
          <Line
            yAxisId="total"
            dataKey="cumulative"
            name="Total so far"
            type="monotone"
            stroke={colors.line}
            strokeWidth={2}
            dot={data.length <= 24}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
