// Upcoming: interviews and every deliverable due in the next N days, overdue deliverables first.
import { useState } from "react";
import { Link, useLocation, useSearch } from "wouter";

import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { plural } from "../../lib/format";
import { useTitle } from "../../lib/useTitle";
import { DeadlinesPanel } from "../notifications/DeadlinesPanel";
import { DeliverableItem } from "./DeliverableItem";
import { groupByDay } from "./days";
import { InterviewsPanel } from "./InterviewsPanel";
import { PAGE_SIZE, useDueWithin, useOverdue, useSetDone, type Deliverable } from "./queries";
import "./upcoming.css";

const DAY_CHOICES = [7, 14, 30, 60, 90, 365];
const DEFAULT_DAYS = 14;
const DAY_OPTIONS = DAY_CHOICES.map((days) => ({ value: String(days), label: `${days} days` }));

/** The window lives in the address (`?days=30`), so a reload or a bookmark keeps it. */
function useDaysAhead(): [number, (days: number) => void] {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const asked = Number(new URLSearchParams(search).get("days"));
  const days = DAY_CHOICES.includes(asked) ? asked : DEFAULT_DAYS;
  const setDays = (next: number) =>
    navigate(next === DEFAULT_DAYS ? location : `${location}?days=${next}`, { replace: true });
  return [days, setDays];
}

export default function UpcomingPage() {
  useTitle("Upcoming");
  const [days, setDays] = useDaysAhead();
  const overdue = useOverdue();
  const due = useDueWithin(days);
  const [ticked, setTicked] = useState<{ deliverable: Deliverable; done: boolean } | null>(null);

  const overdueItems = overdue.data?.items ?? [];
  // Overdue ones due earlier today are in both answers; they belong with the overdue.
  const dueItems = (due.data?.items ?? []).filter((deliverable) => !deliverable.overdue);
  const loading = overdue.isPending || due.isPending;
  const error = overdue.error ?? due.error;

  return (
    <div className="page page-narrow upcoming">
      <header className="page-header">
        <div>
          <h1>Upcoming</h1>
          <p className="subtitle">Your interviews and what your applications ask for, soonest first.</p>
        </div>
        <SelectField
          label="Days ahead"
          className="upcoming-days"
          value={String(days)}
          options={DAY_OPTIONS}
          onChange={(event) => setDays(Number(event.target.value))}
        />
      </header>

      {ticked && (
        <TickedNote
          key={`${ticked.deliverable.id}-${ticked.done}`}
          {...ticked}
          onDismiss={() => setTicked(null)}
        />
      )}

      <InterviewsPanel days={days} />
      <DeadlinesPanel />

      {error ? (
        <ErrorAlert
          title="Could not load your deliverables."
          error={error}
          action={
            <Button size="small" onClick={() => void Promise.all([overdue.refetch(), due.refetch()])}>
              Try again
            </Button>
          }
        />
      ) : loading ? (
        <Loading>Loading deliverables…</Loading>
      ) : overdueItems.length === 0 && dueItems.length === 0 ? (
        <NothingDue days={days} />
      ) : (
        <>
          {overdueItems.length > 0 && (
            <section className="panel upcoming-section" aria-labelledby="upcoming-overdue">
              <h2 id="upcoming-overdue" className="overdue">
                Overdue <span className="badge">{overdueItems.length}</span>
              </h2>
              <DeliverableList
                deliverables={overdueItems}
                total={overdue.data?.total}
                onTicked={(deliverable, done) => setTicked({ deliverable, done })}
              />
            </section>
          )}
          <section className="panel upcoming-section" aria-labelledby="upcoming-soon">
            <h2 id="upcoming-soon">Next {plural(days, "day")}</h2>
            {dueItems.length === 0 ? (
              <p className="muted">Nothing else is due in the next {plural(days, "day")}.</p>
            ) : (
              groupByDay(dueItems).map((group) => (
                <div key={group.key} className="upcoming-day">
                  <h3>{group.label}</h3>
                  <DeliverableList
                    deliverables={group.deliverables}
                    onTicked={(deliverable, done) => setTicked({ deliverable, done })}
                  />
                </div>
              ))
            )}
            {due.data && due.data.total > due.data.items.length && (
              <p className="muted small">
                Showing the first {PAGE_SIZE} of {due.data.total}. Choose fewer days ahead to see
                the rest in order.
              </p>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function DeliverableList({
  deliverables,
  total,
  onTicked,
}: {
  deliverables: Deliverable[];
  total?: number | undefined;
  onTicked: (deliverable: Deliverable, done: boolean) => void;
}) {
  return (
    <>
      <ul className="item-list">
        {deliverables.map((deliverable) => (
          <DeliverableItem key={deliverable.id} deliverable={deliverable} onTicked={onTicked} />
        ))}
      </ul>
      {total !== undefined && total > deliverables.length && (
        <p className="muted small">
          Showing the first {deliverables.length} of {total}.
        </p>
      )}
    </>
  );
}

/** Says what just happened, with a way back: a ticked overdue deliverable leaves the list. */
function TickedNote({
  deliverable,
  done,
  onDismiss,
}: {
  deliverable: Deliverable;
  done: boolean;
  onDismiss: () => void;
}) {
  const undo = useSetDone();
  return (
    <div className="upcoming-ticked" role="status">
      <span>
        {done ? `Marked “${deliverable.title}” done.` : `Reopened “${deliverable.title}”.`}
      </span>
      {done && (
        <Button
          size="small"
          variant="ghost"
          busy={undo.isPending}
          onClick={() => undo.mutate({ deliverable, done: false }, { onSuccess: onDismiss })}
        >
          Undo
        </Button>
      )}
      <ErrorAlert title="Could not undo." error={undo.error} />
    </div>
  );
}

function NothingDue({ days }: { days: number }) {
  return (
    <EmptyState
      title={`Nothing due in the next ${plural(days, "day")}.`}
      action={<Link href="/">Go to the Board</Link>}
    >
      <p>
        Deliverables with a due date show up here: essays, forms, coding tasks. Open an
        application on the board and add what it asks for under <em>Deliverables</em>.
      </p>
    </EmptyState>
  );
}
