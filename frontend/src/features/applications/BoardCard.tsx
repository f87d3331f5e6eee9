// One application on the board: drag it by the card, or pick its stage from the select.
import { useDraggable } from "@dnd-kit/core";
import { useEffect, useRef } from "react";
import { Link } from "wouter";

import type { Schemas } from "../../api/client";
import { relativeDay } from "../../lib/format";
import type { Application, Stage } from "./queries";

type Props = {
  application: Application;
  stages: readonly Schemas["StageChoice"][];
  onMove: (application: Application, stage: Stage, withKeyboard?: boolean) => void;
  /** True once when this card should focus its stage select (it just moved by select). */
  takeFocus: (application: Application) => boolean;
  saving: boolean;
  error: string | undefined;
};

// Pressing on the select or the link must work as usual, not start a drag.
const keepFromDrag = {
  onMouseDown: (event: { stopPropagation: () => void }) => event.stopPropagation(),
  onTouchStart: (event: { stopPropagation: () => void }) => event.stopPropagation(),
};

export function BoardCard({ application, stages, onMove, takeFocus, saving, error }: Props) {
  const stageSelect = useRef<HTMLSelectElement>(null);
  const { setNodeRef, listeners, isDragging } = useDraggable({
    id: application.id,
    data: { application },
  });
  useEffect(() => {
    if (takeFocus(application)) stageSelect.current?.focus();
  });
  const titleId = `card-${application.id}-title`;
  const roleId = `card-${application.id}-role`;
  const classes = ["card", isDragging && "is-dragging", saving && "is-saving"];

  return (
    // No dnd-kit `attributes`: they would turn the article into a button for screen readers,
    // and the stage select is the keyboard way to move a card.
    <article
      ref={setNodeRef}
      {...listeners}
      className={classes.filter(Boolean).join(" ")}
      aria-labelledby={`${titleId} ${roleId}`}
      aria-busy={saving || undefined}
    >
      <CardSummary application={application} titleId={titleId} roleId={roleId} />
      <div className="card-move">
        <label htmlFor={`card-${application.id}-stage`}>Stage</label>
        <select
          ref={stageSelect}
          id={`card-${application.id}-stage`}
          aria-label={`Move ${application.company} to stage`}
          value={application.stage}
          onChange={(event) => onMove(application, event.target.value as Stage, true)}
          {...keepFromDrag}
        >
          {stages.map((stage) => (
            <option key={stage.id} value={stage.id}>
              {stage.label}
            </option>
          ))}
        </select>
      </div>
      {saving && <p className="card-due muted">Saving…</p>}
      {error && (
        <p className="card-error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}

export function CardSummary({
  application,
  titleId,
  roleId,
}: {
  application: Application;
  titleId?: string;
  roleId?: string;
}) {
  const next = application.next_deliverable;
  return (
    <>
      <h3 id={titleId}>
        <Link href={`/applications/${application.id}`} draggable={false} {...keepFromDrag}>
          {application.company}
        </Link>
      </h3>
      <p className="card-role" id={roleId}>
        {application.role}
      </p>
      {next && (
        <p className={next.overdue ? "card-due overdue" : "card-due"}>
          {next.overdue ? "Overdue: " : "Next: "}
          {next.title}
          {next.due_at && ` · ${relativeDay(next.due_at)}`}
        </p>
      )}
    </>
  );
}
