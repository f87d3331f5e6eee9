// The application's stage history, oldest first, as the API recorded each move.
import { labelOf, useMeta } from "../../api/hooks";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { formatMoment } from "../../lib/format";
import { useStageEvents } from "./queries";

export function Timeline({ applicationId }: { applicationId: number }) {
  const meta = useMeta().data;
  const events = useStageEvents(applicationId);
  const items = [...(events.data?.items ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  const label = (stage: string) => labelOf(meta?.stages, stage);

  return (
    <section className="panel" aria-labelledby="timeline-heading">
      <div className="panel-header">
        <h2 id="timeline-heading">Timeline</h2>
      </div>
      {events.isPending && <Loading>Loading history…</Loading>}
      <ErrorAlert title="The stage history could not be loaded." error={events.error} />
      {events.data && items.length === 0 && (
        <EmptyState title="No stage changes yet">
          <p>Each time this application moves to another stage, the move is recorded here.</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ol className="timeline">
          {items.map((event) => (
            <li key={event.id}>
              {event.from_stage ? (
                <>
                  Moved from <strong>{label(event.from_stage)}</strong> to{" "}
                  <strong>{label(event.to_stage)}</strong>
                </>
              ) : (
                <>
                  Added in <strong>{label(event.to_stage)}</strong>
                </>
              )}
              <time dateTime={event.at}>{formatMoment(event.at)}</time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
