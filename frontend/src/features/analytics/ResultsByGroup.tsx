// Results by group: response, interview and offer rates by resume, source, work mode or month,
// each with its count and 95% interval, small groups greyed, and what stands out.
import { useId, useRef, useState } from "react";

import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { plural } from "../../lib/format";
import { percent } from "./format";
import { InfoTip } from "./InfoTip";
import {
  useGroupedResults,
  type DashboardFilters,
  type GroupedDimension,
  type GroupedResults,
  type RateWithInterval,
  type ResultGroup,
} from "./queries";
import { useNearViewport } from "./useNearViewport";

type DimensionId = GroupedDimension["dimension"];
const RATES = [
  { id: "response", label: "Response" },
  { id: "interview", label: "Interview" },
  { id: "offer", label: "Offer" },
] as const;
const NOTHING_CLEAR = "No difference is clear yet: the groups are too small or too alike.";

/** "3 of 4 · 75% (30–95%)": the count, the rate and its 95% interval. */
export function rateText(rate: RateWithInterval): string {
  if (rate.denominator === 0) return "–";
  const range =
    rate.low == null || rate.high == null
      ? ""
      : ` (${Math.round(rate.low * 100)}–${Math.round(rate.high * 100)}%)`;
  return `${rate.numerator} of ${rate.denominator} · ${percent(rate.value)}${range}`;
}

/**
 * Asked for once the card comes near the screen, like the charts: the figures at the top do not
 * share the server with it, and a phone that never scrolls this far never asks.
 */
export function ResultsByGroup({ filters }: { filters: DashboardFilters }) {
  const card = useRef<HTMLElement>(null);
  const near = useNearViewport(card, "300px");
  const results = useGroupedResults(filters, near);
  const headingId = useId();
  return (
    <section ref={card} className="panel results-by-group" aria-labelledby={headingId}>
      <div className="panel-header">
        <div className="chart-heading">
          <h2 id={headingId}>Results by group</h2>
          {results.data && (
            <InfoTip subject="Results by group" definition={results.data.definition} />
          )}
        </div>
      </div>
      {results.isError ? (
        <ErrorAlert
          title="Could not load the results by group."
          error={results.error}
          action={
            <Button size="small" onClick={() => void results.refetch()}>
              Try again
            </Button>
          }
        />
      ) : !results.data ? (
        <Loading>Grouping your applications…</Loading>
      ) : (
        <Groups results={results.data} />
      )}
    </section>
  );
}

function Groups({ results }: { results: GroupedResults }) {
  const [chosen, setChosen] = useState<DimensionId>("resume");
  const dimension =
    results.dimensions.find((part) => part.dimension === chosen) ?? results.dimensions[0];
  if (!dimension) return null;
  return (
    <>
      <div className="segmented" role="group" aria-label="Group by">
        {results.dimensions.map((part) => (
          <button
            key={part.dimension}
            type="button"
            aria-pressed={part.dimension === dimension.dimension}
            onClick={() => setChosen(part.dimension)}
          >
            {part.label}
          </button>
        ))}
      </div>
      <p className="muted small results-definition">{dimension.definition}</p>
      <GroupTable dimension={dimension} minimum={results.min_group_size} />
      <Standouts results={results} />
    </>
  );
}

function GroupTable({ dimension, minimum }: { dimension: GroupedDimension; minimum: number }) {
  if (dimension.groups.length === 0) {
    return <p className="chart-empty">No applications sent yet to group.</p>;
  }
  return (
    <>
      <div
        className="table-wrap"
        tabIndex={0}
        role="group"
        aria-label={`Results by ${dimension.label.toLowerCase()}, scrolls sideways on a small screen`}
      >
        <table className="data-table group-table">
          <caption className="visually-hidden">
            Response, interview and offer rates by {dimension.label.toLowerCase()}, with 95%
            intervals. Groups of fewer than {minimum} applications are too few to tell.
          </caption>
          <thead>
            <tr>
              <th scope="col">{dimension.label}</th>
              <th scope="col" className="number">
                Applied
              </th>
              {RATES.map((rate) => (
                <th key={rate.id} scope="col" className="number">
                  {rate.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dimension.groups.map((group) => (
              <GroupRow key={group.key} group={group} />
            ))}
          </tbody>
        </table>
      </div>
      {dimension.groups_left_out > 0 && (
        <p className="muted small">
          {plural(dimension.groups_left_out, "smaller group")} (
          {plural(dimension.applications_left_out, "application")}) not shown.
        </p>
      )}
    </>
  );
}

function GroupRow({ group }: { group: ResultGroup }) {
  return (
    <tr className={group.too_few ? "too-few" : undefined}>
      <th scope="row">
        <span className="group-label">{group.label}</span>
        {group.too_few && <span className="too-few-note">too few to tell</span>}
      </th>
      <td className="number">{group.applications}</td>
      {RATES.map((rate) => (
        <td key={rate.id} className="number">
          {rateText(group[rate.id])}
        </td>
      ))}
    </tr>
  );
}

function Standouts({ results }: { results: GroupedResults }) {
  const headingId = useId();
  return (
    <section className="standouts" aria-labelledby={headingId}>
      <h3 id={headingId}>What stands out</h3>
      {results.standouts.length === 0 ? (
        <p className="muted">{NOTHING_CLEAR}</p>
      ) : (
        <ul>
          {results.standouts.map((standout) => (
            <li key={`${standout.dimension}-${standout.rate}`}>{standout.text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
