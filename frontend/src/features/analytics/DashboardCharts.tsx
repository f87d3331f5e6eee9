// The dashboard's four charts, in a chunk of their own with the chart library, so the page and
// its figures draw without waiting for it.
import { FlowsChart } from "./FlowsChart";
import { FunnelChart } from "./FunnelChart";
import { OverTimeChart } from "./OverTimeChart";
import type { Analytics } from "./queries";
import { StagesChart } from "./StagesChart";

export default function DashboardCharts({ analytics }: { analytics: Analytics }) {
  return (
    <div className="chart-grid">
      <OverTimeChart analytics={analytics} />
      <StagesChart analytics={analytics} />
      <FunnelChart analytics={analytics} />
      <FlowsChart analytics={analytics} />
    </div>
  );
}
