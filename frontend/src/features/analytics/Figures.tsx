// The dashboard's figures as tiles: totals, rates, response time, deliverables, interviews,
// time in stage.
import { useId, type ReactNode } from "react";

import { labelOf, useMeta } from "../../api/hooks";
import { plural } from "../../lib/format";
import { days, percent } from "./format";
import { InfoTip } from "./InfoTip";
import type { Analytics, Count, Rate } from "./queries";

/** One figure: its name (with what it means a focus or hover away), the number, a detail. */
function Stat({
  label,
  value,
  definition,
  detail,
}: {
  label: string;
  value: ReactNode;
  /** What the figure counts; left out when its group explains all of its figures at once. */
  definition?: string;
  detail?: ReactNode;
}) {
  const labelId = useId();
  return (
    <div className="stat" role="group" aria-labelledby={labelId}>
      <div className="stat-head">
        <span id={labelId} className="stat-label">
          {label}
        </span>
        {definition && <InfoTip subject={label} definition={definition} />}
      </div>
      <p className="stat-value">{value}</p>
      {detail && <p className="stat-detail">{detail}</p>}
    </div>
  );
}

function CountStat({ label, count }: { label: string; count: Count }) {
  return <Stat label={label} value={count.value} definition={count.definition} />;
}

function RateStat({ label, rate }: { label: string; rate: Rate }) {
  return (
    <Stat
      label={label}
      value={percent(rate.value)}
      definition={rate.definition}
      detail={`${rate.numerator} of ${plural(rate.denominator, "applied application")}`}
    />
  );
}

function StatGroup({
  title,
  definition,
  wide = false,
  children,
}: {
  title: string;
  definition?: string;
  wide?: boolean;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="stat-group" aria-labelledby={headingId}>
      <div className="chart-heading">
        <h2 id={headingId}>{title}</h2>
        {definition && <InfoTip subject={title} definition={definition} />}
      </div>
      <div className={`stat-grid${wide ? " stat-grid-wide" : ""}`}>{children}</div>
    </section>
  );
}

export function Figures({ analytics }: { analytics: Analytics }) {
  const { totals, rates, deliverables, interviews } = analytics;
  const response = analytics.time_to_first_response;
  return (
    <>
      <StatGroup title="Totals">
        <CountStat label="Applications" count={totals.applications} />
        <CountStat label="Active" count={totals.active} />
        <CountStat label="Applied in the last 30 days" count={totals.applied_last_30_days} />
        <CountStat label="Offers" count={totals.offers} />
      </StatGroup>
      <StatGroup title="Responses">
        <RateStat label="Response rate" rate={rates.response} />
        <RateStat label="Interview rate" rate={rates.interview} />
        <RateStat label="Offer rate" rate={rates.offer} />
        <Stat
          label="Median time to first response"
          value={days(response.median_days)}
          definition={response.definition}
          detail={`over ${plural(response.applications, "application")}`}
        />
      </StatGroup>
      <StatGroup title="Deliverables">
        <CountStat label="Due this week" count={deliverables.due_this_week} />
        <CountStat label="Overdue" count={deliverables.overdue} />
        <CountStat label="Done in the last 30 days" count={deliverables.done_last_30_days} />
      </StatGroup>
      <StatGroup title="Interviews">
        <CountStat label="Scheduled this week" count={interviews.scheduled_this_week} />
        <CountStat label="Held so far" count={interviews.held} />
      </StatGroup>
    </>
  );
}

/** One tile per stage that is not final: the median stay, the average beside it. */
export function TimeInStage({ analytics }: { analytics: Analytics }) {
  const meta = useMeta();
  const { stages, definition } = analytics.time_in_stage;
  return (
    <StatGroup title="Median time in each stage" definition={definition} wide>
      {stages.map((time) => (
        <Stat
          key={time.stage}
          label={labelOf(meta.data?.stages, time.stage)}
          value={days(time.median_days)}
          detail={
            time.applications === 0
              ? "no applications yet"
              : `average ${days(time.average_days)} · ${plural(time.applications, "application")}`
          }
        />
      ))}
    </StatGroup>
  );
}
