// Where the applications stand now: one bar per stage, final stages in a quieter colour.
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Rectangle,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { labelOf, useMeta } from "../../api/hooks";
import { ChartCard, DataTable } from "./ChartCard";
import { axisProps, CHART_DESCRIPTION, tooltipProps } from "./chartStyle";
import { useChartColors } from "./colors";
import type { Analytics } from "./queries";

const ROW_HEIGHT = 30;

function isFinal(payload: unknown): boolean {
  return (
    typeof payload === "object" && payload !== null && "final" in payload && payload.final === true
  );
}

export function StagesChart({ analytics }: { analytics: Analytics }) {
  const colors = useChartColors();
  const meta = useMeta();
  const { stages, definition } = analytics.stage_distribution;
  const data = stages.map((entry) => ({
    ...entry,
    label: labelOf(meta.data?.stages, entry.stage),
    final: meta.data?.stages.find((choice) => choice.id === entry.stage)?.final ?? false,
  }));
  const total = data.reduce((sum, entry) => sum + entry.count, 0);
  const axis = axisProps(colors);

  return (
    <ChartCard
      title="Current stages"
      definition={definition}
      plotHeight={data.length * ROW_HEIGHT + 32}
      empty={total === 0 ? "No applications in this range." : null}
      notes={
        <p className="muted small legend">
          <span className="legend-item">
            <span className="swatch" style={{ background: colors.bar }} /> Active
          </span>
          <span className="legend-item">
            <span className="swatch" style={{ background: colors.final }} /> Final: Accepted,
            Rejected, Withdrawn, Ghosted
          </span>
        </p>
      }
      table={
        <DataTable
          caption="Applications in each stage now"
          columns={["Stage", "Applications"]}
          rows={data.map((entry) => ({ key: entry.stage, cells: [entry.label, entry.count] }))}
        />
      }
    >
      <ResponsiveContainer width="100%" height={data.length * ROW_HEIGHT + 32}>
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 4, right: 32, bottom: 4, left: 4 }}
          title="Current stages"
          desc={CHART_DESCRIPTION}
        >
          <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} {...axis} />
          <YAxis type="category" dataKey="label" width={84} interval={0} {...axis} />
          <Tooltip {...tooltipProps(colors)} />
          <Bar
            dataKey="count"
            name="Applications"
            radius={[0, 3, 3, 0]}
            maxBarSize={20}
            shape={(props) => (
              <Rectangle
                {...props}
                fill={isFinal(props.payload) ? colors.final : colors.bar}
              />
            )}
          >
            <LabelList dataKey="count" position="right" fill={colors.text} fontSize={12} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
