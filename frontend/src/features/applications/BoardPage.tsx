// The landing page: every active application as a card in its stage's column, in the columns
// the user made their own (renamed, folded, hidden).
import { useState } from "react";

import { messageOf } from "../../api/client";
import { useMeta } from "../../api/hooks";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { PHONE_QUERY, useMediaQuery } from "../../lib/useMediaQuery";
import { useTitle } from "../../lib/useTitle";
import { ApplicationsToolbar } from "./ApplicationsToolbar";
import { Board } from "./Board";
import type { ColumnChange } from "./BoardColumn";
import {
  layoutToSend,
  useBoardCards,
  useBoardLayout,
  useSaveBoardLayout,
  type StageLayout,
} from "./boardQueries";
import { NewApplicationDialog } from "./NewApplicationDialog";
import { PhoneBoard } from "./PhoneBoard";
import type { Stage } from "./queries";

export default function BoardPage() {
  useTitle("Board");
  const meta = useMeta();
  const list = useBoardCards();
  const layout = useBoardLayout();
  const saveLayout = useSaveBoardLayout();
  const [creating, setCreating] = useState(false);
  const phone = useMediaQuery(PHONE_QUERY); // one stage at a time instead of ten columns

  const columns = layout.data?.stages ?? [];
  const columnOf = (stage: string) => columns.find((column) => column.stage === stage);
  // The user's names for the stages, wherever the board shows one.
  const stages = (meta.data?.stages ?? []).map((stage) => ({
    ...stage,
    label: columnOf(stage.id)?.label ?? stage.label,
  }));
  const defaultLabels = Object.fromEntries((meta.data?.stages ?? []).map((stage) => [stage.id, stage.label]));
  const shownStages = stages.filter((stage) => !columnOf(stage.id)?.hidden);

  function changeColumn(stage: Stage, change: ColumnChange) {
    const changed: StageLayout[] = columns.map((column) =>
      column.stage === stage ? { ...column, ...change } : column,
    );
    saveLayout.mutate(layoutToSend(changed));
  }

  const ready = list.data && meta.data && layout.data;
  return (
    <div className="page">
      <div className="page-header">
        <h1>Applications</h1>
        {ready && !phone && (
          <CustomiseBoard
            columns={columns}
            labels={defaultLabels}
            counts={(stage) => list.data.items.filter((card) => card.stage === stage).length}
            onShow={(stage) => changeColumn(stage, { hidden: false })}
            onReset={() => saveLayout.mutate([])}
          />
        )}
      </div>
      <ApplicationsToolbar view="board" />
      {(list.isPending || meta.isPending || layout.isPending) && (
        <Loading>Loading your applications…</Loading>
      )}
      <ErrorAlert
        title="Your applications could not be loaded."
        error={list.error ?? meta.error ?? layout.error}
        action={
          <button
            type="button"
            className="button"
            onClick={() => void Promise.all([list.refetch(), layout.refetch()])}
          >
            Try again
          </button>
        }
      />
      {saveLayout.error && (
        <p className="form-error" role="alert">
          Your board's columns could not be saved: {messageOf(saveLayout.error)}
        </p>
      )}
      {ready && list.data.total === 0 && (
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
      {ready && list.data.total > 0 && (
        <>
          {phone ? (
            <PhoneBoard applications={list.data.items} stages={shownStages} />
          ) : (
            <Board
              applications={list.data.items}
              stages={shownStages}
              layout={columns}
              defaultLabels={defaultLabels}
              onColumnChange={changeColumn}
            />
          )}
        </>
      )}
      <NewApplicationDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

/** Hidden columns come back from here, and the whole board goes back to its defaults. */
function CustomiseBoard({
  columns,
  labels,
  counts,
  onShow,
  onReset,
}: {
  columns: readonly StageLayout[];
  labels: Record<string, string>;
  counts: (stage: Stage) => number;
  onShow: (stage: Stage) => void;
  onReset: () => void;
}) {
  const hidden = columns.filter((column) => column.hidden);
  const customised = columns.some(
    (column) => column.hidden || column.label !== null || column.collapsed !== column.final,
  );
  return (
    <details className="board-customise">
      <summary className="button">Customise board</summary>
      <div className="board-customise-panel">
        <p className="small muted">
          Each column's ⋯ menu renames, collapses or hides it. Folded columns unfold on a click.
        </p>
        {hidden.length > 0 ? (
          <>
            <h2 className="board-customise-heading">Hidden columns</h2>
            <ul className="board-customise-list">
              {hidden.map((column) => {
                const name = column.label ?? labels[column.stage] ?? column.stage;
                const count = counts(column.stage);
                return (
                  <li key={column.stage}>
                    <span>
                      {name} <span className="muted">({count})</span>
                    </span>
                    <button type="button" className="button button-small" onClick={() => onShow(column.stage)}>
                      Show {name}
                    </button>
                  </li>
                );
              })}
            </ul>
          </>
        ) : (
          <p className="small">No column is hidden.</p>
        )}
        <button type="button" className="button" disabled={!customised} onClick={onReset}>
          Reset board
        </button>
      </div>
    </details>
  );
}
