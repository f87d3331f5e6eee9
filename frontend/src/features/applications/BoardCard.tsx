// One application on the board: drag it by the card (its company name too), pick its stage
// from the select, or move it up and down its column with the keyboard.
import { useDraggable } from "@dnd-kit/core";
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import { Link } from "wouter";

import type { Schemas } from "../../api/client";
import {
  avatarHue,
  daysInStage,
  initialOf,
  nextStepWords,
  placeOf,
  salaryOf,
} from "./cardFacts";
import type { Stage } from "./queries";

type Card = Schemas["BoardCardOut"];
/** What a card shows: a board card, or a list item (which has all of it and more). */
export type CardApplication = Omit<Card, "stage_entered_at" | "board_position" | "next_step"> &
  Partial<Pick<Card, "stage_entered_at" | "board_position" | "next_step">>;

type Props<T extends CardApplication> = {
  application: T;
  stages: readonly Schemas["StageChoice"][];
  onMove: (application: T, stage: Stage, withKeyboard?: boolean) => void;
  /** True once when this card should focus its stage select (it just moved by select). */
  takeFocus: (application: T) => boolean;
  saving: boolean;
  error: string | undefined;
  /** Within its column, by a button; absent where the card is first or last, or cannot. */
  onMoveUp?: () => void;
  onMoveDown?: () => void;
};

// Pressing on the select must open it as usual, not start a drag. The company link needs no
// such guard: a drag starts only after a few pixels of movement, so a click still opens it.
const keepFromDrag = {
  onMouseDown: (event: { stopPropagation: () => void }) => event.stopPropagation(),
  onTouchStart: (event: { stopPropagation: () => void }) => event.stopPropagation(),
};

export function BoardCard<T extends CardApplication>({
  application,
  stages,
  onMove,
  takeFocus,
  saving,
  error,
  onMoveUp,
  onMoveDown,
}: Props<T>) {
  const stageSelect = useRef<HTMLSelectElement>(null);
  // Arrow keys (and typing) on a closed select change its value at once; each change would be a
  // move in the stage history. So a change made by a key is only a choice in progress, moved
  // to on Enter or on leaving the select; a pick from the open list moves at once.
  const [choice, setChoice] = useState<Stage | null>(null);
  const changingByKey = useRef(false);
  const { setNodeRef, listeners, isDragging } = useDraggable({
    id: application.id,
    data: { application },
  });
  useEffect(() => {
    if (takeFocus(application)) stageSelect.current?.focus();
  });
  const titleId = `card-${application.id}-title`;
  const roleId = `card-${application.id}-role`;
  const hintId = `card-${application.id}-stage-hint`;
  const choiceLabel = stages.find((stage) => stage.id === choice)?.label;

  function moveToChoice(withKeyboard: boolean) {
    if (choice === null) return;
    setChoice(null);
    onMove(application, choice, withKeyboard);
  }

  function onStageKeyDown(event: KeyboardEvent<HTMLSelectElement>) {
    if (event.key === "Enter" && choice !== null) {
      event.preventDefault();
      moveToChoice(true);
    } else if (event.key === "Escape" && choice !== null) {
      event.preventDefault();
      setChoice(null);
    } else if (event.key !== "Tab") {
      // The select changes its value while handling this key, before the next task.
      changingByKey.current = true;
      window.setTimeout(() => (changingByKey.current = false));
    }
  }

  function onStageChange(stage: Stage) {
    if (changingByKey.current) {
      setChoice(stage === application.stage ? null : stage);
    } else {
      setChoice(null);
      onMove(application, stage, true);
    }
  }

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
          aria-describedby={choice !== null ? hintId : undefined}
          value={choice ?? application.stage}
          onKeyDown={onStageKeyDown}
          onChange={(event) => onStageChange(event.target.value as Stage)}
          // Leaving with Tab (or a click elsewhere) keeps the focus where the person put it.
          onBlur={() => moveToChoice(false)}
          {...keepFromDrag}
        >
          {stages.map((stage) => (
            <option key={stage.id} value={stage.id}>
              {stage.label}
            </option>
          ))}
        </select>
        {(onMoveUp || onMoveDown) && (
          <span className="card-order" {...keepFromDrag}>
            <button
              type="button"
              id={`card-${application.id}-up`}
              className="card-order-button"
              aria-label={`Move ${application.company} up`}
              title="Move up"
              disabled={!onMoveUp}
              onClick={onMoveUp}
            >
              ↑
            </button>
            <button
              type="button"
              id={`card-${application.id}-down`}
              className="card-order-button"
              aria-label={`Move ${application.company} down`}
              title="Move down"
              disabled={!onMoveDown}
              onClick={onMoveDown}
            >
              ↓
            </button>
          </span>
        )}
      </div>
      {choice !== null && (
        <p className="card-move-hint" id={hintId}>
          Press Enter to move it to {choiceLabel}, or Escape to keep it here.
        </p>
      )}
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
  application: CardApplication;
  titleId?: string;
  roleId?: string;
}) {
  const place = placeOf(application.location, application.work_mode);
  const salary = salaryOf(
    application.salary_min,
    application.salary_max,
    application.salary_currency,
    application.salary_period,
  );
  const inStage = daysInStage(application.stage_entered_at);
  const next = application.next_step ? nextStepWords(application.next_step) : null;
  const avatar = { "--avatar-hue": avatarHue(application.company) } as CSSProperties;
  return (
    <>
      <div className="card-heading">
        <span className="card-avatar" style={avatar} aria-hidden="true">
          {initialOf(application.company)}
        </span>
        <h3 id={titleId}>
          <Link href={`/applications/${application.id}`} draggable={false}>
            {application.company}
          </Link>
        </h3>
      </div>
      <p className="card-role" id={roleId}>
        {application.role}
      </p>
      {place && <p className="card-fact card-place">{place}</p>}
      {salary && <p className="card-fact card-salary">{salary}</p>}
      {inStage && (
        <p className="card-fact card-age" title={`Since ${new Date(application.stage_entered_at ?? "").toLocaleDateString()}`}>
          {inStage}
        </p>
      )}
      {next && (
        <p className={`card-next is-${next.urgency}`}>
          <strong className="card-next-when">{next.when}:</strong> {next.what}
        </p>
      )}
    </>
  );
}
