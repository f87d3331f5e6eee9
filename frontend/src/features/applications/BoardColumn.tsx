// One stage's column on the board: its header (name, count, a menu to rename, fold or hide it),
// its cards rendered as they scroll into view, and a narrow lane when it is folded.
import { useDroppable } from "@dnd-kit/core";
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

import type { Schemas } from "../../api/client";
import type { BoardCardData, StageLayout } from "./boardQueries";
import type { Stage } from "./queries";
import { useWindowedList } from "./useWindowedList";

type StageChoice = Schemas["StageChoice"];
export type ColumnChange = Partial<Pick<StageLayout, "label" | "collapsed" | "hidden">>;
/** Where a dragged card would land: in this stage, right after this card (null: the top). */
export type DropSlot = { stage: Stage; afterId: number | null };

const CARD_ESTIMATE = 150; // px, a card with most facts filled in
const CARD_GAP = 8; // .board-cards gap
export const MAX_LABEL = 40;

export function BoardColumn({
  stage,
  defaultLabel,
  layout,
  cards,
  draggedId,
  slot,
  onChange,
  children,
}: {
  stage: StageChoice;
  defaultLabel: string;
  layout: StageLayout | undefined;
  cards: BoardCardData[];
  draggedId: number | null;
  slot: DropSlot | null;
  onChange: (change: ColumnChange) => void;
  children: (card: BoardCardData, index: number) => ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  const windowed = useWindowedList(cards, (card) => card.id, {
    threshold: 40,
    estimate: CARD_ESTIMATE,
    gap: CARD_GAP,
    overscan: 800,
  });
  const [renaming, setRenaming] = useState(false);
  const count = cards.length;

  if (layout?.collapsed) {
    return (
      <section
        ref={setNodeRef}
        aria-label={stage.label}
        data-stage-column={stage.id}
        className={["board-column", "is-collapsed", isOver && "is-over", stage.final && "final"]
          .filter(Boolean)
          .join(" ")}
      >
        <button
          type="button"
          className="board-lane-button"
          aria-expanded="false"
          // Holds the visible name and count, in their reading order (the count shows on top).
          aria-label={`Unfold ${stage.label}, ${count} ${count === 1 ? "card" : "cards"}`}
          onClick={() => onChange({ collapsed: false })}
        >
          <span className="board-lane-label">{stage.label}</span>{" "}
          <span className="badge board-lane-count">{count}</span>
        </button>
      </section>
    );
  }

  // The dragged card stays in place, faded, so the slot is between the others.
  const others = cards.filter((card) => card.id !== draggedId);
  const slotHere = slot?.stage === stage.id ? slot : null;
  const before = (card: BoardCardData) => {
    if (!slotHere || card.id === draggedId) return false;
    const index = others.indexOf(card);
    return (index === 0 ? null : (others[index - 1]?.id ?? null)) === slotHere.afterId;
  };
  const lastOther = others[others.length - 1];

  return (
    <section
      ref={setNodeRef}
      aria-label={stage.label}
      data-stage-column={stage.id}
      className={["board-column", isOver && "is-over", stage.final && "final"].filter(Boolean).join(" ")}
    >
      <div className="board-column-header">
        {renaming ? (
          <RenameField
            label={stage.label}
            defaultLabel={defaultLabel}
            onDone={(label) => {
              setRenaming(false);
              if (label !== undefined) onChange({ label });
            }}
          />
        ) : (
          <h2>{stage.label}</h2>
        )}
        <span className="badge" aria-label={`${count} in ${stage.label}`}>
          {count}
        </span>
        <ColumnMenu
          label={stage.label}
          onRename={() => setRenaming(true)}
          onCollapse={() => onChange({ collapsed: true })}
          onHide={() => onChange({ hidden: true })}
        />
      </div>
      {count > 0 ? (
        <ul className="board-cards" ref={windowed.scroller}>
          {windowed.before > 0 && (
            <li className="board-spacer" aria-hidden="true" style={{ height: windowed.before }} />
          )}
          {windowed.visible.map((card) => (
            <li
              key={card.id}
              ref={windowed.measure}
              data-card-id={card.id}
              data-window-key={card.id}
              className={
                before(card)
                  ? "drop-before"
                  : slotHere && card === lastOther && slotHere.afterId === card.id
                    ? "drop-after"
                    : undefined
              }
            >
              {children(card, cards.indexOf(card))}
            </li>
          ))}
          {windowed.after > 0 && (
            <li className="board-spacer" aria-hidden="true" style={{ height: windowed.after }} />
          )}
        </ul>
      ) : (
        <p className="board-empty">Drop a card here</p>
      )}
    </section>
  );
}

function RenameField({
  label,
  defaultLabel,
  onDone,
}: {
  label: string;
  defaultLabel: string;
  /** The new name ("" for the stage's own), or undefined when renaming was cancelled. */
  onDone: (label: string | undefined) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    input.current?.select();
  }, []);

  function finish(label: string | undefined) {
    if (done.current) return;
    done.current = true;
    onDone(label === undefined ? undefined : label.trim());
  }

  return (
    <form
      className="board-rename"
      onSubmit={(event) => {
        event.preventDefault();
        finish(input.current?.value ?? "");
      }}
    >
      <input
        ref={input}
        aria-label={`Name of the ${defaultLabel} column`}
        aria-describedby={`rename-${defaultLabel}-hint`}
        defaultValue={label}
        maxLength={MAX_LABEL}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            finish(undefined);
          }
        }}
        onBlur={(event) => finish(event.target.value)}
      />
      <span id={`rename-${defaultLabel}-hint`} className="visually-hidden">
        Up to {MAX_LABEL} characters. Enter saves, Escape cancels; an empty name brings back{" "}
        {defaultLabel}.
      </span>
    </form>
  );
}

function ColumnMenu({
  label,
  onRename,
  onCollapse,
  onHide,
}: {
  label: string;
  onRename: () => void;
  onCollapse: () => void;
  onHide: () => void;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    menu.current?.querySelector<HTMLButtonElement>("[role=menuitem]")?.focus();
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  function close(refocus: boolean) {
    setOpen(false);
    if (refocus) button.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>("[role=menuitem]") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (event.key === "Tab") {
      close(false);
    }
  }

  const choose = (action: () => void) => () => {
    setOpen(false);
    action();
  };

  return (
    <div className="board-column-menu">
      <button
        ref={button}
        type="button"
        className="board-column-menu-button"
        aria-label={`${label} column options`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((current) => !current)}
      >
        ⋯
      </button>
      {open && (
        <div ref={menu} role="menu" aria-label={`${label} column`} className="board-menu" onKeyDown={onKeyDown}>
          <button type="button" role="menuitem" onClick={choose(onRename)}>
            Rename
          </button>
          <button type="button" role="menuitem" onClick={choose(onCollapse)}>
            Collapse
          </button>
          <button type="button" role="menuitem" onClick={choose(onHide)}>
            Hide
          </button>
        </div>
      )}
    </div>
  );
}
