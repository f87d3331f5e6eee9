// The board: one column per stage; drag a card to another column to move the application.
import {
  DndContext,
  DragOverlay,
  MouseSensor,
  TouchSensor,
  pointerWithin,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { useMutationState } from "@tanstack/react-query";
import { useRef, useState, type ReactNode } from "react";

import { messageOf, type Schemas } from "../../api/client";
import { BoardCard, CardSummary } from "./BoardCard";
import { useMoveApplication, type Application, type Stage } from "./queries";

type StageChoice = Schemas["StageChoice"];

export function Board({
  applications,
  stages,
}: {
  applications: readonly Application[];
  stages: readonly StageChoice[];
}) {
  const move = useMoveApplication();
  const [dragged, setDragged] = useState<Application | null>(null);
  const [errors, setErrors] = useState<Record<number, string>>({});
  // A card moved with its select lands in another column, as a new element: give the focus
  // back to its select there (and again if the move is rolled back), or keyboard users lose it.
  const refocus = useRef<{ id: number; stage: Stage } | null>(null);
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

  const labelOf = (id: unknown) => stages.find((stage) => stage.id === id)?.label ?? String(id);
  const companyOf = (id: unknown) =>
    applications.find((application) => application.id === id)?.company ?? "The application";

  function moveTo(application: Application, stage: Stage, withKeyboard = false) {
    if (stage === application.stage) return;
    setErrors(({ [application.id]: _cleared, ...rest }) => rest);
    if (withKeyboard) refocus.current = { id: application.id, stage };
    move.mutate(
      { id: application.id, stage, company: application.company },
      {
        onError: (error) => {
          if (withKeyboard) refocus.current = { id: application.id, stage: application.stage };
          setErrors((current) => ({
            ...current,
            [application.id]: `Could not move it to ${labelOf(stage)}: ${messageOf(error)}`,
          }));
        },
      },
    );
  }

  function takeFocus(application: Application): boolean {
    const wanted = refocus.current;
    if (wanted?.id !== application.id || wanted.stage !== application.stage) return false;
    refocus.current = null;
    return true;
  }

  function onDragStart(event: DragStartEvent) {
    setDragged((event.active.data.current?.application as Application | undefined) ?? null);
  }

  function onDragEnd(event: DragEndEvent) {
    setDragged(null);
    const application = event.active.data.current?.application as Application | undefined;
    if (application && event.over) moveTo(application, event.over.id as Stage);
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
      collisionDetection={pointerWithin}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragged(null)}
      // Scroll the board only when the pointer is right at its edge, not over a column.
      autoScroll={{ threshold: { x: 0.06, y: 0.1 } }}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable: "Use the Stage select on each card to move it with the keyboard.",
        },
      }}
    >
      <div className="board">
        {stages.map((stage) => (
          <BoardColumn
            key={stage.id}
            stage={stage}
            applications={applications.filter((application) => application.stage === stage.id)}
          >
            {(application) => (
              <BoardCard
                application={application}
                stages={stages}
                onMove={moveTo}
                takeFocus={takeFocus}
                saving={saving.has(application.id)}
                error={errors[application.id]}
              />
            )}
          </BoardColumn>
        ))}
      </div>
      <DragOverlay dropAnimation={null}>
        {dragged && (
          <div className="card drag-overlay" aria-hidden="true">
            <CardSummary application={dragged} />
          </div>
        )}
      </DragOverlay>
    </DndContext>
  );
}

function BoardColumn({
  stage,
  applications,
  children,
}: {
  stage: StageChoice;
  applications: Application[];
  children: (application: Application) => ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  const classes = ["board-column", isOver && "is-over", stage.final && "final"];
  return (
    <section ref={setNodeRef} aria-label={stage.label} className={classes.filter(Boolean).join(" ")}>
      <div className="board-column-header">
        <h2>{stage.label}</h2>
        <span className="badge" aria-label={`${applications.length} in ${stage.label}`}>
          {applications.length}
        </span>
      </div>
      {applications.length > 0 ? (
        <ul className="board-cards">
          {applications.map((application) => (
            <li key={application.id}>{children(application)}</li>
          ))}
        </ul>
      ) : (
        <p className="board-empty">Drop a card here</p>
      )}
    </section>
  );
}
