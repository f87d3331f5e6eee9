// What the table can do with the applications ticked on it: move them, tag or untag them,
// archive them, delete them (with an Undo), or download them as a spreadsheet.
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";

import { fieldError } from "../../api/client";
import { labelOf, useMeta } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextField } from "../../components/Field";
import { offerUndo } from "../../lib/undoToast";
import { EXPORT_CSV_PATH } from "../portability/queries";
import {
  refreshApplications,
  restoreFromTrash,
  useBulkAction,
  type BulkRequest,
  type Stage,
} from "./queries";
import "./bulk.css";

function counted(count: number): string {
  return count === 1 ? "1 application" : `${count} applications`;
}

/** The spreadsheet export of exactly these applications. */
export function selectionExportHref(ids: number[]): string {
  const query = new URLSearchParams();
  for (const id of ids) query.append("id", String(id));
  return `${EXPORT_CSV_PATH}?${query.toString()}`;
}

export function BulkBar({
  ids,
  onClear,
  showsArchived,
}: {
  ids: number[];
  onClear: () => void;
  /** Whether the table lists archived applications, so Unarchive makes sense. */
  showsArchived: boolean;
}) {
  const meta = useMeta();
  const client = useQueryClient();
  const bulk = useBulkAction();
  const [stage, setStage] = useState("");
  const [tag, setTag] = useState("");
  const [done, setDone] = useState("");
  const headingId = useId();

  function run(request: Omit<BulkRequest, "ids">, said: string) {
    setDone("");
    const chosen = [...ids];
    // Not mutate's own onSuccess: that is skipped once this bar unmounts, and the rows' refetch
    // can clear the selection (and so this bar) first, which lost the delete's Undo.
    bulk.mutateAsync({ ...request, ids: chosen }).then(
      () => {
        if (request.action === "delete") {
          onClear();
          offerUndo(`${counted(chosen.length)} moved to the trash.`, () =>
            restoreFromTrash(chosen).then(() => refreshApplications(client)),
          );
        } else {
          setDone(said);
        }
      },
      () => undefined, // the refusal is shown from the mutation's error
    );
  }

  const tagError = fieldError(bulk.error, "tag");
  const stageError = fieldError(bulk.error, "stage");
  const stageLabel = labelOf(meta.data?.stages, stage);

  return (
    <section className="bulk-bar" aria-labelledby={headingId}>
      <h2 id={headingId} className="bulk-count">
        {counted(ids.length)} selected
      </h2>
      <div className="bulk-group">
        <SelectField
          label="Move to stage"
          value={stage}
          error={stageError}
          onChange={(event) => setStage(event.target.value)}
          options={[
            { value: "", label: "Choose a stage" },
            ...(meta.data?.stages ?? []).map((choice) => ({ value: choice.id, label: choice.label })),
          ]}
        />
        <Button
          disabled={!stage || bulk.isPending}
          onClick={() =>
            run(
              { action: "move", stage: stage as Stage },
              `Moved ${counted(ids.length)} to ${stageLabel}.`,
            )
          }
        >
          Move
        </Button>
      </div>
      <div className="bulk-group">
        <TextField
          label="Tag"
          value={tag}
          maxLength={50}
          error={tagError}
          onChange={(event) => setTag(event.target.value)}
        />
        <Button
          disabled={!tag.trim() || bulk.isPending}
          onClick={() =>
            run({ action: "add_tag", tag: tag.trim() }, `Tagged ${counted(ids.length)} “${tag.trim()}”.`)
          }
        >
          Add tag
        </Button>
        <Button
          disabled={!tag.trim() || bulk.isPending}
          onClick={() =>
            run(
              { action: "remove_tag", tag: tag.trim() },
              `Removed “${tag.trim()}” from ${counted(ids.length)}.`,
            )
          }
        >
          Remove tag
        </Button>
      </div>
      <div className="bulk-group">
        <Button
          disabled={bulk.isPending}
          onClick={() => run({ action: "archive" }, `Archived ${counted(ids.length)}.`)}
        >
          Archive
        </Button>
        {showsArchived && (
          <Button
            disabled={bulk.isPending}
            onClick={() => run({ action: "unarchive" }, `Unarchived ${counted(ids.length)}.`)}
          >
            Unarchive
          </Button>
        )}
        <Button
          variant="danger"
          disabled={bulk.isPending}
          onClick={() => run({ action: "delete" }, "")}
        >
          Delete
        </Button>
        <a className="button" href={selectionExportHref(ids)} download>
          Export selection
        </a>
        <Button variant="ghost" onClick={onClear}>
          Clear selection
        </Button>
      </div>
      <p className="bulk-done" role="status">
        {done}
      </p>
      {bulk.error && !tagError && !stageError ? (
        <ErrorAlert title="Nothing was changed." error={bulk.error} />
      ) : null}
    </section>
  );
}
