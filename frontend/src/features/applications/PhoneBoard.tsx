// The board on a phone: one stage at a time, chosen from a stage switcher or by swiping left and
// right; a card moves to another stage by its own Stage control. The stage shown is in the
// address (?stage=), so a reload or a link back to the board shows the same one.
import { DndContext, useSensors } from "@dnd-kit/core";
import { useMutationState } from "@tanstack/react-query";
import { useCallback, useRef, useState, type PointerEvent } from "react";
import { useSearchParams } from "wouter";

import { messageOf, type Schemas } from "../../api/client";
import { BoardCard, type CardApplication } from "./BoardCard";
import { useMoveApplication, type Stage } from "./queries";
import { SentDialog, sends, type SentApplication } from "./SentDialog";
import "./phone-board.css";

type StageChoice = Schemas["StageChoice"];

// A swipe is a mostly sideways stroke this long; anything shorter or steeper is a tap or a scroll.
const SWIPE_DISTANCE = 60;

type Moved = { company: string; stage: Stage };

export function PhoneBoard({
  applications,
  stages,
}: {
  applications: readonly CardApplication[];
  stages: readonly StageChoice[];
}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const move = useMoveApplication();
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [moved, setMoved] = useState<Moved | null>(null);
  const [sent, setSent] = useState<SentApplication | null>(null);
  const closeSent = useCallback(() => setSent(null), []);
  const showMoved = useRef<HTMLButtonElement>(null);
  const swipeStart = useRef<{ x: number; y: number } | null>(null);
  const stageList = useRef<HTMLElement>(null);
  const noDragging = useSensors(); // cards move by their Stage control here, not by dragging
  const saving = new Set(
    useMutationState({
      filters: { mutationKey: ["applications", "move"], status: "pending" },
      select: (mutation) => (mutation.state.variables as { id: number } | undefined)?.id,
    }),
  );

  const countOf = (stage: string) =>
    applications.filter((application) => application.stage === stage).length;
  const asked = stages.findIndex((stage) => stage.id === searchParams.get("stage"));
  // Without a choice, the first stage with something in it (a new user's is Wishlist).
  const firstInUse = Math.max(
    0,
    stages.findIndex((stage) => countOf(stage.id) > 0),
  );
  const shownIndex = asked >= 0 ? asked : firstInUse;
  const shown = stages[shownIndex];
  const previous = stages[shownIndex - 1];
  const next = stages[shownIndex + 1];
  const labelOf = (id: string) => stages.find((stage) => stage.id === id)?.label ?? id;

  function show(stage: StageChoice | undefined) {
    if (!stage) return;
    setMoved(null);
    // Replace, not push: Back leaves the board rather than stepping through its stages.
    setSearchParams({ stage: stage.id }, { replace: true });
  }

  function moveTo(application: CardApplication, stage: Stage) {
    if (stage === application.stage) return;
    setErrors(({ [application.id]: _cleared, ...rest }) => rest);
    setMoved({ company: application.company, stage });
    // The card leaves this stage's list, and its control with it: the focus goes to the
    // message that says where it went, which offers to follow it there.
    window.setTimeout(() => showMoved.current?.focus());
    move.mutate(
      { id: application.id, stage, company: application.company },
      {
        onSuccess: () => {
          if (sends(application.stage, stage)) {
            setSent({ id: application.id, company: application.company });
          }
        },
        onError: (error) => {
          setMoved(null);
          setErrors((current) => ({
            ...current,
            [application.id]: `Could not move it to ${labelOf(stage)}: ${messageOf(error)}`,
          }));
        },
      },
    );
  }

  function onPointerDown(event: PointerEvent) {
    swipeStart.current = event.isPrimary ? { x: event.clientX, y: event.clientY } : null;
  }

  // The stage follows the finger sideways (less so where there is no stage to go to), so a
  // swipe is seen to work before it lands.
  function onPointerMove(event: PointerEvent) {
    const start = swipeStart.current;
    const list = stageList.current;
    if (!start || !list) return;
    const across = event.clientX - start.x;
    if (Math.abs(across) < 2 * Math.abs(event.clientY - start.y)) return;
    const towards = across < 0 ? next : previous;
    list.style.transform = `translateX(${towards ? across / 2 : across / 8}px)`;
  }

  function endSwipe() {
    swipeStart.current = null;
    if (stageList.current) stageList.current.style.transform = "";
  }

  function onPointerUp(event: PointerEvent) {
    const start = swipeStart.current;
    endSwipe();
    if (!start) return;
    const across = event.clientX - start.x;
    const down = event.clientY - start.y;
    if (Math.abs(across) < SWIPE_DISTANCE || Math.abs(across) < 2 * Math.abs(down)) return;
    // Swiping left brings the next stage in from the right, as turning a page does.
    show(across < 0 ? next : previous);
  }

  if (!shown) return null;
  const inStage = applications.filter((application) => application.stage === shown.id);

  return (
    <div className="phone-board">
      <div className="phone-stage-switch">
        <button
          type="button"
          className="button phone-stage-step"
          onClick={() => show(previous)}
          disabled={!previous}
          aria-label={previous ? `Previous stage: ${previous.label}` : "Previous stage"}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <label className="visually-hidden" htmlFor="phone-stage">
          Stage shown
        </label>
        <select
          id="phone-stage"
          value={shown.id}
          onChange={(event) => show(stages.find((stage) => stage.id === event.target.value))}
        >
          {stages.map((stage) => (
            <option key={stage.id} value={stage.id}>
              {stage.label} ({countOf(stage.id)})
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button phone-stage-step"
          onClick={() => show(next)}
          disabled={!next}
          aria-label={next ? `Next stage: ${next.label}` : "Next stage"}
        >
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <p className="phone-stage-position muted small" aria-hidden="true">
        {shownIndex + 1} of {stages.length} · swipe for the next stage
      </p>
      <div className="phone-stage-moved" role="status">
        {moved && (
          <>
            <span>
              {moved.company} moved to {labelOf(moved.stage)}.
            </span>{" "}
            <button
              ref={showMoved}
              type="button"
              className="button"
              onClick={() => show(stages.find((stage) => stage.id === moved.stage))}
            >
              Show {labelOf(moved.stage)}
            </button>
          </>
        )}
      </div>
      <DndContext sensors={noDragging}>
        <section
          key={shown.id}
          aria-label={shown.label}
          className={shown.final ? "phone-stage final" : "phone-stage"}
          ref={stageList}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={endSwipe}
        >
          <h2 className="visually-hidden">{shown.label}</h2>
          {inStage.length > 0 ? (
            <ul className="board-cards">
              {inStage.map((application) => (
                <li key={application.id}>
                  <BoardCard
                    application={application}
                    stages={stages}
                    onMove={moveTo}
                    takeFocus={() => false}
                    saving={saving.has(application.id)}
                    error={errors[application.id]}
                  />
                </li>
              ))}
            </ul>
          ) : (
            <p className="board-empty">
              Nothing in {shown.label}. A card comes here when you pick {shown.label} in its
              Stage menu.
            </p>
          )}
        </section>
      </DndContext>
      {sent && <SentDialog application={sent} onClose={closeSent} />}
    </div>
  );
}
