// Stage flows as a Sankey diagram: how applications moved from stage to stage.
import { Rectangle, ResponsiveContainer, Sankey, Tooltip, type SankeyNodeProps } from "recharts";

import { labelOf, useMeta } from "../../api/hooks";
import { ChartCard, DataTable } from "./ChartCard";
import { CHART_DESCRIPTION, tooltipProps } from "./chartStyle";
import { useChartColors, type ChartColors } from "./colors";
import type { Analytics, Stage } from "./queries";

const LABEL_GAP = 6;
const FLOWS_HEIGHT = 320;

function FlowNode({
  x,
  y,
  width,
  height,
  payload,
  colors,
  lastColumn,
}: SankeyNodeProps & { colors: ChartColors; lastColumn: number }) {
  // Labels go after the bar, except in the last column, where they go before it.
  const last = payload.depth === lastColumn;
  return (
    <g>
      <Rectangle x={x} y={y} width={width} height={height} fill={colors.bar} radius={2} />
      <text
        x={last ? x - LABEL_GAP : x + width + LABEL_GAP}
        y={y + height / 2}
        textAnchor={last ? "end" : "start"}
        dominantBaseline="middle"
        fill={colors.text}
        stroke={colors.surface}
        strokeWidth={3}
        paintOrder="stroke"
        fontSize={12}
      >
        {payload.name} ({payload.value})
      </text>
    </g>
  );
}

export function FlowsChart({ analytics }: { analytics: Analytics }) {
  const colors = useChartColors();
  const meta = useMeta();
  const { links, definition } = analytics.stage_flows;
  const label = (stage: Stage) => labelOf(meta.data?.stages, stage);

  // A Sankey cannot draw a cycle: draw the moves forward, list the moves back beneath.
  const forward = links.filter((link) => link.forward);
  const back = links.filter((link) => !link.forward);
  const pipeline = analytics.stage_distribution.stages.map((entry) => entry.stage);
  const drawn = pipeline.filter((stage) =>
    forward.some((link) => link.source === stage || link.target === stage),
  );
  // Columns as the Sankey lays them out (aligned left): the longest path of moves from a
  // first stage. Taking sources in pipeline order settles each one before its targets.
  const column = new Map<Stage, number>();
  const bySource = [...forward].sort(
    (one, other) => pipeline.indexOf(one.source) - pipeline.indexOf(other.source),
  );
  for (const link of bySource) {
    const next = (column.get(link.source) ?? 0) + 1;
    column.set(link.target, Math.max(column.get(link.target) ?? 0, next));
  }
  const lastColumn = Math.max(0, ...column.values());
  const data = {
    nodes: drawn.map((stage) => ({ name: label(stage) })),
    links: forward.map((link) => ({
      source: drawn.indexOf(link.source),
      target: drawn.indexOf(link.target),
      value: link.count,
    })),
  };

  return (
    <ChartCard
      title="Stage flows"
      definition={definition}
      plotHeight={FLOWS_HEIGHT}
      wide
      scrollOnPhone
      empty={forward.length === 0 ? "No application in this range has moved forward yet." : null}
      notes={
        back.length > 0 && (
          <p className="muted small">
            Moves back, not drawn:{" "}
            {back
              .map((link) => `${label(link.source)} → ${label(link.target)} (${link.count})`)
              .join(", ")}
            .
          </p>
        )
      }
      table={
        <DataTable
          caption="Moves between stages"
          columns={["From", "To", "Direction", "Moves"]}
          textColumns={3}
          rows={links.map((link) => ({
            key: `${link.source}-${link.target}`,
            cells: [
              label(link.source),
              label(link.target),
              link.forward ? "Forward" : "Back",
              link.count,
            ],
          }))}
        />
      }
    >
      <ResponsiveContainer width="100%" height={FLOWS_HEIGHT}>
        <Sankey
          data={data}
          nodeWidth={12}
          nodePadding={28}
          margin={{ top: 12, right: 12, bottom: 12, left: 12 }}
          link={{ stroke: colors.link, strokeOpacity: 0.35 }}
          align="left"
          title="Stage flows"
          desc={CHART_DESCRIPTION}
          node={(props: SankeyNodeProps) => (
            <FlowNode {...props} colors={colors} lastColumn={lastColumn} />
          )}
        >
          <Tooltip {...tooltipProps(colors)} />
        </Sankey>
      </ResponsiveContainer>
    </ChartCard>
  );
}
