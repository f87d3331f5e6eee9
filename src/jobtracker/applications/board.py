"""The board: every active application as a card, its order within a column, and the
user's own columns (names, folded, hidden)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Row, Select, Table, bindparam, case, func, select, update
from sqlalchemy.orm import Session

from jobtracker.applications import service
from jobtracker.applications.board_schemas import (
    BoardCardOut,
    BoardLayoutIn,
    BoardLayoutOut,
    BoardMove,
    StageLayoutIn,
    StageLayoutOut,
)
from jobtracker.applications.models import Application
from jobtracker.applications.next_step import NextInterview, next_step_of
from jobtracker.applications.schemas import ApplicationUpdate
from jobtracker.applications.stages import FINAL_STAGES, Stage
from jobtracker.auth.models import User
from jobtracker.config import Settings
from jobtracker.db import utcnow
from jobtracker.deliverables import service as deliverables_service
from jobtracker.errors import Conflict
from jobtracker.interviews.models import Interview, InterviewKind, InterviewOutcome
from jobtracker.webhooks import events as webhook_events

# Spacing of positions when a column is numbered afresh, and the smallest gap left between two
# cards before it is: halving a gap each time a card goes between, ~40 placements fit.
POSITION_STEP = 1024.0
SMALLEST_GAP = POSITION_STEP / 2**40

# The table itself, so an UPDATE of many rows by id is one executemany, not the ORM's bulk mode.
_TABLE = cast(Table, Application.__table__)
# On the board: neither archived nor in the trash.
_ACTIVE = (Application.archived_at.is_(None), Application.deleted_at.is_(None))
_STAGE_ORDER = case(
    {stage.value: index for index, stage in enumerate(Stage)}, value=Application.stage
)
# Within a column: cards never placed first (the most recently changed on top, as the board
# always showed them), then the placed ones in the order they were dragged into.
_COLUMN_ORDER = (
    Application.board_position.is_not(None),
    Application.board_position,
    Application.updated_at.desc(),
    Application.id.desc(),
)
_CARD_FIELDS = [name for name in BoardCardOut.model_fields if name not in {"next_step"}]
_CARD_COLUMNS = [Application.__table__.columns[name] for name in _CARD_FIELDS]
_NEXT_DUE = deliverables_service.next_due_columns(Application.id)
_OWNER = Application.owner_id == bindparam("owner_id")


def _next_interview(column: Any) -> Any:
    """The application's next interview not yet begun (and not cancelled), as a column."""
    return (
        select(column)
        .where(
            Interview.application_id == Application.id,
            Interview.starts_at >= bindparam("now"),
            Interview.outcome.is_distinct_from(InterviewOutcome.CANCELLED),
        )
        .order_by(Interview.starts_at)
        .limit(1)
        .scalar_subquery()
    )


_NEXT_INTERVIEW = (
    _next_interview(Interview.id).label("next_interview_id"),
    _next_interview(Interview.kind).label("next_interview_kind"),
    _next_interview(Interview.starts_at).label("next_interview_at"),
)
_CARDS: Select[Any] = (
    select(
        *_CARD_COLUMNS,
        Application.deadline,
        *_NEXT_DUE.columns,
        *_NEXT_INTERVIEW,
        func.count().over().label("matches"),
    )
    .where(_OWNER, *_ACTIVE)
    .order_by(_STAGE_ORDER, *_COLUMN_ORDER)
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
)
_ONE_CARD: Select[Any] = select(
    *_CARD_COLUMNS, Application.deadline, *_NEXT_DUE.columns, *_NEXT_INTERVIEW
).where(_OWNER, Application.id == bindparam("application_id"))


def _card(row: Row[Any], now: datetime) -> BoardCardOut:
    next_deliverable = _NEXT_DUE.read(row, now)
    interview = (
        NextInterview(
            id=row.next_interview_id,
            kind=InterviewKind(row.next_interview_kind),
            starts_at=row.next_interview_at,
        )
        if row.next_interview_id is not None
        else None
    )
    return BoardCardOut.model_construct(
        **{name: getattr(row, name) for name in _CARD_FIELDS},
        next_step=next_step_of(row.stage, row.deadline, next_deliverable, interview),
    )


def list_cards(
    session: Session, owner_id: int, *, limit: int, offset: int
) -> tuple[list[BoardCardOut], int]:
    """A page of the owner's active applications in board order: by stage, then as placed."""
    now = utcnow()
    rows = (
        session.connection()
        .execute(_CARDS, {"owner_id": owner_id, "limit": limit, "offset": offset, "now": now})
        .all()
    )
    if rows:
        total = rows[0].matches
    else:
        total = (
            session.scalar(
                select(func.count()).select_from(Application).where(_OWNER, *_ACTIVE),
                {"owner_id": owner_id},
            )
            or 0
        )
    return [_card(row, now) for row in rows], total


@dataclass(frozen=True)
class _Placed:
    id: int
    position: float | None


def _column(session: Session, owner_id: int, stage: Stage, leaving_out: int) -> list[_Placed]:
    rows = session.execute(
        select(Application.id, Application.board_position)
        .where(
            Application.owner_id == owner_id,
            Application.stage == stage,
            Application.id != leaving_out,
            *_ACTIVE,
        )
        .order_by(*_COLUMN_ORDER)
    )
    return [_Placed(row.id, row.board_position) for row in rows]


def move_card(
    session: Session, settings: Settings, owner_id: int, application_id: int, move: BoardMove
) -> BoardCardOut:
    """Put the card in `move.stage`'s column right after `move.after_id` (or at the top).

    A change of stage goes through the applications' own update, with its rules and history;
    the place is a number between its new neighbours', so only the card is written, unless
    the column must be numbered first (cards never placed above the spot) or again (gap too
    small). A change of place alone leaves `updated_at` as it was: it is not an edit.
    """
    application = service.get_application(session, owner_id, application_id)
    from_stage = application.stage
    moving_stage = from_stage != move.stage
    if moving_stage:
        service.apply_update(
            session, settings, owner_id, application_id, ApplicationUpdate(stage=move.stage)
        )
        webhook_events.stage_changed(session, application, from_stage)
    # Read before the stage change is flushed, so the card is written once, place and all.
    with session.no_autoflush:
        column = _column(session, owner_id, move.stage, application_id)
    index = _index_after(column, move)
    renumbered, position = _place(column, index)
    if renumbered:
        # The card's neighbours keep their updated_at: being numbered is not an edit.
        session.execute(
            update(_TABLE)
            .where(_TABLE.c.id == bindparam("card_id"))
            .values(board_position=bindparam("position"), updated_at=_TABLE.c.updated_at),
            [{"card_id": card_id, "position": value} for card_id, value in renumbered.items()],
        )
    if moving_stage:
        application.board_position = position
    else:
        session.execute(
            update(_TABLE)
            .where(_TABLE.c.id == application.id)
            .values(board_position=position, updated_at=_TABLE.c.updated_at)
        )
        session.expire(application, ["board_position"])
    session.commit()
    now = utcnow()
    row = (
        session.connection()
        .execute(_ONE_CARD, {"owner_id": owner_id, "application_id": application_id, "now": now})
        .one()
    )
    return _card(row, now)


def _index_after(column: Sequence[_Placed], move: BoardMove) -> int:
    if move.after_id is None:
        return 0
    for index, card in enumerate(column):
        if card.id == move.after_id:
            return index + 1
    raise Conflict(
        f"Application {move.after_id} is no longer in the {move.stage.label} column. "
        "Reload the board and place the card again.",
        fields={"after_id": "not in that column"},
    )


def _place(column: Sequence[_Placed], index: int) -> tuple[dict[int, float], float]:
    """The card's position at `index`, and the neighbours that must be numbered for it."""
    unplaced = sum(1 for card in column if card.position is None)  # they come first
    if index <= unplaced:
        # Number the cards never placed, and this one among them, just above the first placed.
        first_placed = column[unplaced].position if unplaced < len(column) else None
        base = first_placed if first_placed is not None else POSITION_STEP * (unplaced + 2)
        ids: list[int | None] = [card.id for card in column[:unplaced]]
        ids.insert(index, None)  # None: the card being moved
        positions = {
            card_id: base - POSITION_STEP * (len(ids) - offset)
            for offset, card_id in enumerate(ids)
        }
        moved = positions.pop(None)
        return {
            card_id: value for card_id, value in positions.items() if card_id is not None
        }, moved
    before = column[index - 1].position
    after = column[index].position if index < len(column) else None
    assert before is not None  # past the unplaced cards, every card has a place
    if after is None:
        return {}, before + POSITION_STEP
    if after - before > SMALLEST_GAP:
        return {}, (before + after) / 2
    # Too close to split again: number the whole column afresh.
    ids_in_order: list[int | None] = [card.id for card in column]
    ids_in_order.insert(index, None)
    fresh = {card_id: POSITION_STEP * (offset + 1) for offset, card_id in enumerate(ids_in_order)}
    moved = fresh.pop(None)
    return {card_id: value for card_id, value in fresh.items() if card_id is not None}, moved


# The layout lives on the user's row: a preference of theirs, read with them at sign-in.
def board_layout(user: User) -> BoardLayoutOut:
    """Every stage's column as this user set it, or its default where they did not."""
    saved: dict[str, Any] = user.board_layout or {}
    stages = []
    for stage in Stage:
        mine = saved.get(stage.value) or {}
        collapsed = mine.get("collapsed")
        stages.append(
            StageLayoutOut(
                stage=stage,
                label=mine.get("label") or None,
                collapsed=stage in FINAL_STAGES if collapsed is None else bool(collapsed),
                hidden=bool(mine.get("hidden", False)),
                final=stage in FINAL_STAGES,
            )
        )
    return BoardLayoutOut(stages=stages)


def save_board_layout(session: Session, user: User, layout: BoardLayoutIn) -> BoardLayoutOut:
    set_board_layout(user, layout)
    session.commit()
    return board_layout(user)


def layout_to_keep(user: User) -> BoardLayoutIn:
    """The layout as it would be sent to keep it as it is (for a backup)."""
    return BoardLayoutIn(
        stages=[
            StageLayoutIn(
                stage=column.stage,
                label=column.label,
                collapsed=column.collapsed,
                hidden=column.hidden,
            )
            for column in board_layout(user).stages
        ]
    )


def set_board_layout(user: User, layout: BoardLayoutIn) -> None:
    """Keep what differs from each stage's default; stages not sent go back to theirs. The
    caller commits."""
    saved: dict[str, dict[str, Any]] = {}
    for column in layout.stages:
        mine: dict[str, Any] = {}
        if column.label is not None:
            mine["label"] = column.label
        if column.collapsed is not None and column.collapsed != (column.stage in FINAL_STAGES):
            mine["collapsed"] = column.collapsed
        if column.hidden:
            mine["hidden"] = True
        if mine:
            saved[column.stage] = mine
    user.board_layout = saved or None
