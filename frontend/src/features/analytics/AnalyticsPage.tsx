// Dashboard: how the job search is going, in figures and charts, for a date range and a tag.
import { lazy, Suspense, useRef } from "react";
import { Link } from "wouter";

import { fieldError } from "../../api/client";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextField } from "../../components/Field";
import { Loading, Spinner } from "../../components/Loading";
import { useTitle } from "../../lib/useTitle";
import { useTags } from "../applications/queries";
import { Figures, TimeInStage } from "./Figures";
import { useDashboardFilters } from "./filters";
import { GoalCard } from "./GoalCard";
import { useAnalytics, type Analytics, type DashboardFilters } from "./queries";
import { ResultsByGroup } from "./ResultsByGroup";
import { useNearViewport } from "./useNearViewport";
import "./analytics.css";

// The chart library is a chunk of its own (~100 KB compressed), fetched when the charts come near
// the screen: a phone opening the dashboard sees its figures without waiting for it.
const DashboardCharts = lazy(() => import("./DashboardCharts"));

export default function AnalyticsPage() {
  useTitle("Dashboard");
  const { filters, narrowed, update, clear } = useDashboardFilters();
  // Said next to "To" at once, instead of asking the server to refuse it.
  const rangeError =
    filters.from && filters.to && filters.from > filters.to
      ? "Choose a day on or after the From date."
      : undefined;
  const analytics = useAnalytics(filters, !rangeError);
  const data = analytics.data;
  const newUser = data !== undefined && !narrowed && data.totals.applications.value === 0;

  return (
    <div className="page analytics">
      <header className="page-header">
        <div>
          <h1>Dashboard</h1>
          <p className="subtitle">How your job search is going, in numbers.</p>
        </div>
        {analytics.isFetching && data && (
          <p className="loading small" role="status">
            <Spinner /> Updating…
          </p>
        )}
      </header>

      {!newUser && (
        <FilterBar
          {...filters}
          narrowed={narrowed}
          rangeError={rangeError}
          error={analytics.error}
          update={update}
          clear={clear}
        />
      )}

      {/* Whatever the filters: a goal is about each week, and a newcomer may set one first. */}
      <GoalCard />

      {analytics.isError ? (
        <ErrorAlert
          title="Could not load the dashboard."
          error={analytics.error}
          action={
            <Button size="small" onClick={() => void analytics.refetch()}>
              Try again
            </Button>
          }
        />
      ) : !data ? (
        !rangeError && <Loading>Counting your applications…</Loading>
      ) : newUser ? (
        <EmptyState
          title="Add applications to see your search in numbers"
          action={<Link href="/">Go to the Board</Link>}
        >
          <p>
            Every application you add and every stage it moves through shows up here: how many
            you sent, how many got an answer, and how long answers take.
          </p>
        </EmptyState>
      ) : data.totals.applications.value === 0 ? (
        <EmptyState
          title="No applications match these filters"
          action={<Button onClick={clear}>Clear filters</Button>}
        >
          <p>Widen the date range or choose another tag.</p>
        </EmptyState>
      ) : (
        <Dashboard analytics={data} filters={filters} />
      )}
    </div>
  );
}

function Dashboard({ analytics, filters }: { analytics: Analytics; filters: DashboardFilters }) {
  return (
    <>
      <Figures analytics={analytics} />
      <TimeInStage analytics={analytics} />
      <ResultsByGroup filters={filters} />
      <Charts analytics={analytics} />
    </>
  );
}

function Charts({ analytics }: { analytics: Analytics }) {
  const placeholder = useRef<HTMLDivElement>(null);
  const near = useNearViewport(placeholder);
  if (!near) return <div ref={placeholder} className="chart-grid chart-grid-pending" />;
  return (
    <Suspense fallback={<Loading>Loading the charts…</Loading>}>
      <DashboardCharts analytics={analytics} />
    </Suspense>
  );
}

function FilterBar({
  from,
  to,
  tag,
  narrowed,
  rangeError,
  error,
  update,
  clear,
}: {
  from: string;
  to: string;
  tag: string;
  narrowed: boolean;
  rangeError: string | undefined;
  error: unknown;
  update: (changes: { from?: string; to?: string; tag?: string }) => void;
  clear: () => void;
}) {
  const tags = useTags();
  const tagOptions = (tags.data ?? []).map((choice) => ({
    value: choice.name,
    label: `${choice.name} (${choice.count})`,
  }));
  // A tag from a bookmark that no application carries any more still shows as chosen.
  if (tag && !tagOptions.some((option) => option.value === tag)) {
    tagOptions.unshift({ value: tag, label: `${tag} (0)` });
  }

  return (
    <div className="analytics-filters" role="search" aria-label="Filter the dashboard">
      <TextField
        label="From"
        type="date"
        value={from}
        max={to || undefined}
        error={fieldError(error, "query.date_from")}
        onChange={(event) => update({ from: event.target.value })}
      />
      <TextField
        label="To"
        type="date"
        value={to}
        min={from || undefined}
        error={rangeError ?? fieldError(error, "query.date_to")}
        onChange={(event) => update({ to: event.target.value })}
      />
      <SelectField
        label="Tag"
        value={tag}
        error={tags.error ? "Tags could not be loaded." : fieldError(error, "query.tag")}
        onChange={(event) => update({ tag: event.target.value })}
        options={[{ value: "", label: "All tags" }, ...tagOptions]}
      />
      <div className="analytics-clear">
        <Button onClick={clear} disabled={!narrowed}>
          Clear filters
        </Button>
      </div>
    </div>
  );
}
