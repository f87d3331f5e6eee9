// Deleted applications: each one's days left before it is deleted for good, Restore, Delete for
// good, and Empty trash.
import { useState } from "react";
import { Link } from "wouter";

import { labelOf, useMeta } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { formatMoment } from "../../lib/format";
import { useTitle } from "../../lib/useTitle";
import {
  TRASH_PAGE_SIZE,
  useDeleteForGood,
  useEmptyTrash,
  useRestoreFromTrash,
  useTrash,
  type TrashedApplication,
} from "./queries";

function daysLeft(days: number): string {
  if (days === 0) return "Deleted for good today";
  return days === 1 ? "1 day left" : `${days} days left`;
}

export default function TrashPage() {
  useTitle("Trash");
  const meta = useMeta();
  const [offset, setOffset] = useState(0);
  const trash = useTrash(offset);
  const restore = useRestoreFromTrash();
  const deleteForGood = useDeleteForGood();
  const empty = useEmptyTrash();
  const [done, setDone] = useState("");
  const total = trash.data?.total ?? 0;

  function restoreOne(application: TrashedApplication) {
    setDone("");
    restore.mutate([application.id], {
      onSuccess: () => setDone(`${application.company} is back on your board.`),
    });
  }

  function deleteOne(application: TrashedApplication) {
    setDone("");
    deleteForGood.mutate(application.id, {
      onSuccess: () => setDone(`${application.company} was deleted for good.`),
    });
  }

  return (
    <div className="page">
      <p className="small">
        <Link href="/table">← Applications table</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>Trash</h1>
          <p className="subtitle">
            Deleted applications stay here for 30 days, with their deliverables, contacts and
            history; then they are deleted for good.
          </p>
        </div>
        {total > 0 && (
          <ConfirmButton
            label="Empty trash"
            question={`Delete all ${total} applications in the trash for good? This cannot be undone.`}
            confirmLabel="Delete all for good"
            busy={empty.isPending}
            error={empty.error}
            onConfirm={() => {
              setDone("");
              empty.mutate(undefined, {
                onSuccess: (answer) => setDone(`${answer.deleted} deleted for good.`),
              });
            }}
          />
        )}
      </div>
      <p role="status" className="muted">
        {done}
      </p>
      <ErrorAlert title="Could not restore it." error={restore.error} />
      <ErrorAlert title="Could not delete it." error={deleteForGood.error} />
      {trash.isPending && <Loading>Loading the trash…</Loading>}
      <ErrorAlert
        title="The trash could not be loaded."
        error={trash.error}
        action={
          <Button size="small" onClick={() => void trash.refetch()}>
            Try again
          </Button>
        }
      />
      {trash.data && total === 0 && (
        <EmptyState title="The trash is empty">
          <p>Applications you delete wait here for 30 days, so you can change your mind.</p>
        </EmptyState>
      )}
      {trash.data && total > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Deleted applications, latest first</caption>
            <thead>
              <tr>
                <th scope="col">Company</th>
                <th scope="col">Role</th>
                <th scope="col">Stage</th>
                <th scope="col">Deleted</th>
                <th scope="col">Until</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {trash.data.items.map((application) => (
                <tr key={application.id}>
                  <td className="wrap">{application.company}</td>
                  <td className="wrap">{application.role}</td>
                  <td>{labelOf(meta.data?.stages, application.stage)}</td>
                  <td>{formatMoment(application.deleted_at)}</td>
                  <td title={formatMoment(application.purge_at)}>{daysLeft(application.days_left)}</td>
                  <td>
                    <div className="button-row">
                      <Button
                        size="small"
                        aria-label={`Restore ${application.company}`}
                        busy={restore.isPending && restore.variables?.[0] === application.id}
                        onClick={() => restoreOne(application)}
                      >
                        Restore
                      </Button>
                      <ConfirmButton
                        size="small"
                        label="Delete for good"
                        name={`Delete for good: ${application.company}`}
                        question={`Delete ${application.company} for good? This cannot be undone.`}
                        confirmLabel="Delete for good"
                        busy={deleteForGood.isPending && deleteForGood.variables === application.id}
                        error={null}
                        onConfirm={() => deleteOne(application)}
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > TRASH_PAGE_SIZE && (
        <div className="pager">
          <Button
            size="small"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - TRASH_PAGE_SIZE))}
          >
            Previous page
          </Button>
          <Button
            size="small"
            disabled={offset + TRASH_PAGE_SIZE >= total}
            onClick={() => setOffset(offset + TRASH_PAGE_SIZE)}
          >
            Next page
          </Button>
        </div>
      )}
    </div>
  );
}
