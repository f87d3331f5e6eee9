// One deliverable in "Upcoming": tick it done in place, see when it is due, open its application.
import { Link } from "wouter";

import { labelOf, useMeta } from "../../api/hooks";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Spinner } from "../../components/Loading";
import { formatMoment, relativeDay } from "../../lib/format";
import { useSetDone, type Deliverable } from "./queries";

export function DeliverableItem({
  deliverable,
  onTicked,
}: {
  deliverable: Deliverable;
  onTicked: (deliverable: Deliverable, done: boolean) => void;
}) {
  const meta = useMeta();
  const setDone = useSetDone();
  // While saving, show the state asked for, so the tick does not flicker back and forth.
  const done = setDone.isPending ? Boolean(setDone.variables?.done) : deliverable.state === "done";
  const checkboxId = `deliverable-${deliverable.id}-done`;
  const { application } = deliverable;

  function toggle(nextDone: boolean) {
    setDone.mutate(
      { deliverable, done: nextDone },
      { onSuccess: () => onTicked(deliverable, nextDone) },
    );
  }

  return (
    <li className={`item upcoming-item${deliverable.overdue ? " is-overdue" : ""}`}>
      <div className="item-main">
        <input
          id={checkboxId}
          type="checkbox"
          checked={done}
          disabled={setDone.isPending}
          aria-label={`Mark ${deliverable.title} done`}
          aria-busy={setDone.isPending || undefined}
          onChange={(event) => toggle(event.target.checked)}
        />
        <div className="upcoming-body">
          <label htmlFor={checkboxId} className={`item-title${done ? " done-text" : ""}`}>
            {deliverable.title}
          </label>
          <div className="item-meta">
            <Link href={`/applications/${application.id}`}>{application.company}</Link>
            <span>{application.role}</span>
            <span className="badge">{labelOf(meta.data?.deliverable_kinds, deliverable.kind)}</span>
            {deliverable.state === "in_progress" && (
              <span className="badge badge-accent">
                {labelOf(meta.data?.deliverable_states, deliverable.state)}
              </span>
            )}
            {setDone.isPending && (
              <span className="upcoming-saving" role="status">
                <Spinner /> Saving…
              </span>
            )}
          </div>
        </div>
      </div>
      {deliverable.due_at && <DueDate iso={deliverable.due_at} overdue={deliverable.overdue} />}
      <ErrorAlert title="Could not save." error={setDone.error} />
    </li>
  );
}

function DueDate({ iso, overdue }: { iso: string; overdue: boolean }) {
  return (
    <p className={`upcoming-due${overdue ? " overdue" : ""}`}>
      {overdue && <strong>Overdue · </strong>}
      <time dateTime={iso} title={formatMoment(iso)}>
        {formatMoment(iso)}
      </time>{" "}
      <span className="muted">({relativeDay(iso)})</span>
    </p>
  );
}
