"""Routes for the board: its cards, moving a card to a place, and the user's own columns."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jobtracker.applications import board
from jobtracker.applications.board_schemas import (
    MAX_BOARD_PAGE,
    BoardCardOut,
    BoardLayoutIn,
    BoardLayoutOut,
    BoardMove,
)
from jobtracker.auth.deps import CurrentUser, SettingsDep
from jobtracker.common import Page, PageOffset, PathId
from jobtracker.db import SessionDep

router = APIRouter(prefix="/api/board", tags=["board"])


@router.get("/cards")
def list_cards(
    user: CurrentUser,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=MAX_BOARD_PAGE)] = MAX_BOARD_PAGE,
    offset: PageOffset = 0,
) -> Page[BoardCardOut]:
    """Your applications that are neither archived nor deleted, in board order, as cards."""
    items, total = board.list_cards(session, user.id, limit=limit, offset=offset)
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.post("/cards/{application_id}/move")
def move_card(
    application_id: PathId,
    body: BoardMove,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> BoardCardOut:
    """Put a card in a column, right after another card there (or at the top): its stage and
    its place change in one request."""
    return board.move_card(session, settings, user.id, application_id, body)


@router.get("/layout")
def read_layout(user: CurrentUser) -> BoardLayoutOut:
    return board.board_layout(user)


@router.put("/layout")
def save_layout(body: BoardLayoutIn, user: CurrentUser, session: SessionDep) -> BoardLayoutOut:
    """Your columns' names, folded and hidden states; stages left out go back to defaults."""
    return board.save_board_layout(session, user, body)
