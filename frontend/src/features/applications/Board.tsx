// The board: one column per stage; drag a card to another column to move the application, or
// within its column to put it in another place (kept), or move it with its buttons and select.
import {
  DndContext,
  DragOverlay,
  MouseSensor,
  TouchSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { useMutationState } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";

import { messageOf, type Schemas } from "../../api/client";
import { BoardCard, CardSummary } from "./BoardCard";
import { BoardColumn, type ColumnChange, type DropSlot } from "./BoardColumn";
import { usePlaceCard, type BoardCardData, type StageLayout } from "./boardQueries";
import { useMoveApplication, type Stage } from "./queries";
import { SentDialog, sends, type SentApplication } from "./SentDialog";
import "./board.css";

type StageChoice = Schemas["StageChoice"];

// Half the gap between columns (.board in styles.css): a pointer in a gap counts as in the
// nearer column.
const HALF_COLUMN_GAP = 6;

/** The column under the pointer; columns are only as tall as their cards, so below a short
 * column (or in the gap beside it) the pointer still counts as in that column's lane. */
const columnUnderPointer: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  const pointer = args.pointerCoordinates;
  if (within.length > 0 || !pointer) return within;
  const rects = [...args.droppableRects.values()];
  const laneBottom = Math.max(...rects.map((rect) => rect.bottom));
  const lane = args.droppableContainers.find((container) => {
    const rect = args.droppableRects.get(container.id);
    return (
      rect !== undefined &&
      pointer.x >= rect.left - HALF_COLUMN_GAP &&
      pointer.x <= rect.right + HALF_COLUMN_GAP &&
      pointer.y >= rect.top &&
      pointer.y <= laneBottom
    );
  });
  return lane ? [{ id: lane.id, data: { droppableContainer: lane, value: 0 } }] : [];
};

export function Board({
  applications,
  stages,
  layout,
  defaultLabels,
  onColumnChange,
}: {
  applications: readonly BoardCardData[];
  /** The stages shown, in order, with the user's names for them. */
  stages: readonly StageChoice[];
  layout: readonly StageLayout[];
  defaultLabels: Record<string, string>;
  onColumnChange: (stage: Stage, change: ColumnChange) => void;
}) {
  const move = useMoveApplication();
  const place = usePlaceCard();
  const [dragged, setDragged] = useState<BoardCardData | null>(null);
  const [slot, setSlot] = useState<DropSlot | null>(null);
  const [errors, setErrors] = useState<Record<number, string>>({});
  // A card just moved to Applied: which resume and cover letter went out is asked for.
  const [sent, setSent] = useState<SentApplication | null>(null);
  const closeSent = useCallback(() => setSent(null), []);
  // A card moved with its select lands in another column, as a new element: give the focus
  // back to its select there (and again if the move is rolled back), or keyboard users lose it.
  const refocus = useRef<{ id: number; stage: Stage } | null>(null);
  // A card moved up or down with its buttons: keep the focus on the button pressed.
  const refocusButton = useRef<string | null>(null);
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const saving = new Set(
    useMutationState({
      filters: { mutationKey: ["applications", "move"], status: "pending" },
      select: (mutation) => (mutation.state.variables as { id: number } | undefined)?.id,
    }),
  );

  const sensors = useSensors(
    // A few pixels of movement before a drag starts, so clicks and selects keep working;
    // on touch screens a long press, so a swipe still scrolls the board.
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
  );

  useEffect(() => {
    const wanted = refocusButton.current;
    if (!wanted) return;
    const button = document.getElementById(wanted) as HTMLButtonElement | null;
    if (!button) return;
    refocusButton.current = null;
    // At the top (or bottom) that button is off: the other one moves it back.
    const sibling = wanted.endsWith("-up") ? wanted.replace(/-up$/, "-down") : wanted.replace(/-down$/, "-up");
    (button.disabled ? document.getElementById(sibling) : button)?.focus();
  });

  // Where the pointer is while a card is dragged, to find the place between two cards.
  useEffect(() => {
    if (!dragged) return undefined;
    const track = (event: PointerEvent) => (pointer.current = { x: event.clientX, y: event.clientY });
    document.addEventListener("pointermove", track, { passive: true });
    return () => document.removeEventListener("pointermove", track);
  }, [dragged]);

  const labelOf = (id: unknown) => stages.find((stage) => stage.id === id)?.label ?? String(id);
  const companyOf = (id: unknown) =>
    applications.find((application) => application.id === id)?.company ?? "The application";
  const columnOf = (stage: Stage) => applications.filter((application) => application.stage === stage);
  const collapsed = (stage: Stage) => layout.find((column) => column.stage === stage)?.collapsed ?? false;

  function askWhatWasSent(application: BoardCardData, stage: Stage) {
    return () => {
      if (sends(application.stage, stage)) {
        setSent({ id: application.id, company: application.company });
      }
    };
  }

  function failed(application: BoardCardData, stage: Stage) {
    return (error: unknown) =>
      setErrors((current) => ({
        ...current,
        [application.id]: `Could not move it to ${labelOf(stage)}: ${messageOf(error)}`,
      }));
  }

  function moveTo(application: BoardCardData, stage: Stage, withKeyboard = false) {
    if (stage === application.stage) return;
    setErrors(({ [application.id]: _cleared, ...rest }) => rest);
    if (withKeyboard) refocus.current = { id: application.id, stage };
    move.mutate(
      { id: application.id, stage, company: application.company },
      {
        onSuccess: askWhatWasSent(application, stage),
        onError: (error) => {
          if (withKeyboard) refocus.current = { id: application.id, stage: application.stage };
          failed(application, stage)(error);
        },
      },
    );
  }

  function placeAfter(application: BoardCardData, stage: Stage, afterId: number | null) {
    setErrors(({ [application.id]: _cleared, ...rest }) => rest);
    place.mutate(
      { id: application.id, stage, afterId, company: application.company },
      { onSuccess: askWhatWasSent(application, stage), onError: failed(application, stage) },
    );
  }

  function moveWithin(application: BoardCardData, steps: -1 | 1) {
    const column = columnOf(application.stage);
    const index = column.findIndex((card) => card.id === application.id);
    const target = index + steps;
    if (index < 0 || target < 0 || target >= column.length) return;
    const others = column.filter((card) => card.id !== application.id);
    refocusButton.current = `card-${application.id}-${steps < 0 ? "up" : "down"}`;
    placeAfter(application, application.stage, target === 0 ? null : (others[target - 1]?.id ?? null));
  }

  function takeFocus(application: BoardCardData): boolean {
    const wanted = refocus.current;
    if (wanted?.id !== application.id || wanted.stage !== application.stage) return false;
    refocus.current = null;
    return true;
  }

  /** The place under the pointer in a column: after the card above it, or at the top. */
  function slotIn(stage: Stage, draggedId: number): DropSlot {
    const y = pointer.current?.y;
    const section = document.querySelector(`[data-stage-column="${stage}"]`);
    if (collapsed(stage) || y === undefined || !section) return { stage, afterId: null };
    const others = columnOf(stage).filter((card) => card.id !== draggedId);
    const rendered = [...section.querySelectorAll<HTMLElement>("[data-card-id]")].filter(
      (element) => Number(element.dataset.cardId) !== draggedId,
    );
    const below = rendered.find((element) => {
      const box = element.getBoundingClientRect();
      return y < box.top + box.height / 2;
    });
    if (!below) {
      const last = rendered[rendered.length - 1];
      return { stage, afterId: last ? Number(last.dataset.cardId) : null };
    }
    const index = others.findIndex((card) => card.id === Number(below.dataset.cardId));
    return { stage, afterId: index > 0 ? (others[index - 1]?.id ?? null) : null };
  }

  function onDragStart(event: DragStartEvent) {
    setDragged((event.active.data.current?.application as BoardCardData | undefined) ?? null);
  }

  function onDragMove(event: DragMoveEvent) {
    const stage = event.over?.id as Stage | undefined;
    const next = stage ? slotIn(stage, Number(event.active.id)) : null;
    setSlot((current) =>
      current?.stage === next?.stage && current?.afterId === next?.afterId ? current : next,
    );
  }

  function onDragEnd(event: DragEndEvent) {
    setDragged(null);
    setSlot(null);
    const application = event.active.data.current?.application as BoardCardData | undefined;
    if (!application || !event.over) return;
    const stage = event.over.id as Stage;
    const { afterId } = slotIn(stage, application.id);
    if (stage === application.stage) {
      const others = columnOf(stage).filter((card) => card.id !== application.id);
      const index = columnOf(stage).findIndex((card) => card.id === application.id);
      const currentAfter = index > 0 ? (others[index - 1]?.id ?? null) : null;
      if (afterId !== currentAfter) placeAfter(application, stage, afterId);
      return;
    }
    placeAfter(application, stage, afterId);
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${companyOf(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over ? `${companyOf(active.id)} is over ${labelOf(over.id)}.` : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? `${companyOf(active.id)} was moved to ${labelOf(over.id)}.`
        : `${companyOf(active.id)} was dropped where it was.`,
    onDragCancel: ({ active }) => `Moving ${companyOf(active.id)} was cancelled.`,
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={columnUnderPointer}
      onDragStart={onDragStart}
      onDragMove={onDragMove}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        setDragged(null);
        setSlot(null);
      }}
      // Scroll the board only when the pointer is right at its edge, and slowly enough that a
      // person sees each column arrive and can let go over it (dnd-kit's default races to the end).
      // Not the page itself: columns scroll on their own and end above the fold, and a page
      // creeping up under a card held low would slide the columns away from the pointer.
      autoScroll={{
        threshold: { x: 0.05, y: 0.1 },
        acceleration: 3,
        interval: 10,
        canScroll: (element) => element !== document.scrollingElement,
      }}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            "To move a card with the keyboard, choose a stage in its Stage select with the " +
            "arrow keys, then press Enter; its Move up and Move down buttons change its place.",
        },
      }}
    >
      {/* Scroll snapping is off while dragging: it would turn each small auto-scroll step
          into a jump to the next column, racing the board to its end. */}
      <div className={dragged ? "board is-dragging-card" : "board"}>
        {stages.map((stage) => {
          const stageId = stage.id as Stage;
          const cards = columnOf(stageId);
          return (
            <BoardColumn
              key={stage.id}
              stage={stage}
              defaultLabel={defaultLabels[stage.id] ?? stage.label}
              layout={layout.find((column) => column.stage === stage.id)}
              cards={cards}
              draggedId={dragged?.id ?? null}
              slot={slot}
              onChange={(change) => onColumnChange(stageId, change)}
            >
              {(application, index) => (
                <BoardCard
                  application={application}
                  stages={stages}
                  onMove={moveTo}
                  takeFocus={takeFocus}
                  saving={saving.has(application.id)}
                  error={errors[application.id]}
                  onMoveUp={index > 0 ? () => moveWithin(application, -1) : undefined}
                  onMoveDown={
                    index < cards.length - 1 ? () => moveWithin(application, 1) : undefined
                  }
                />
              )}
            </BoardColumn>
          );
        })}
      </div>
      <DragOverlay dropAnimation={null}>
        {dragged && (
          <div className="card drag-overlay" aria-hidden="true">
            <CardSummary application={dragged} />
          </div>
        )}
      </DragOverlay>
      {/* Mounted only when asked, so the board itself asks for no documents. */}
      {sent && <SentDialog application={sent} onClose={closeSent} />}
    </DndContext>
  );
}
