// The landing page: every application as a card in its stage's column.
import { useState } from "react";

import { useMeta } from "../../api/hooks";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { useTitle } from "../../lib/useTitle";
import { ApplicationsToolbar } from "./ApplicationsToolbar";
import { Board } from "./Board";
import { NewApplicationDialog } from "./NewApplicationDialog";
import { BOARD_LIMIT, useApplicationList } from "./queries";

export default function BoardPage() {
  useTitle("Board");
  const meta = useMeta();
  const list = useApplicationList({ limit: BOARD_LIMIT, sort: "-updated_at" });
  const [creating, setCreating] = useState(false);

  return (
    <div className="page">
      <div className="page-header">
        <h1>Applications</h1>
      </div>
      <ApplicationsToolbar view="board" />
      {(list.isPending || meta.isPending) && <Loading>Loading your applications…</Loading>}
      <ErrorAlert
        title="Your applications could not be loaded."
        error={list.error ?? meta.error}
        action={
          <button type="button" className="button" onClick={() => void list.refetch()}>
            Try again
          </button>
        }
      />
      {list.data && meta.data && list.data.total === 0 && (
        <EmptyState
          title="Your board is empty"
          action={
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              Add your first application
            </button>
          }
        >
          <p>
            Start with a job you are interested in: add it with <strong>New application</strong>.
            Each application gets a card here, in the column of its stage. Drag the card (or use
            its Stage menu) as it moves from Wishlist to Applied, Interview and on to an offer.
          </p>
        </EmptyState>
      )}
      {list.data && meta.data && list.data.total > 0 && (
        <>
          {list.data.total > list.data.items.length && (
            <p className="muted small">
              The board shows your {list.data.items.length} most recently changed applications of{" "}
              {list.data.total}; the table view lists them all.
            </p>
          )}
          <Board applications={list.data.items} stages={meta.data.stages} />
        </>
      )}
      <NewApplicationDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
