"""Routes for personal access tokens: list, create (shown once), revoke; a session only."""

from __future__ import annotations

from fastapi import APIRouter, status

from jobtracker.auth import access_tokens
from jobtracker.auth.access_token_schemas import (
    AccessTokenCreate,
    AccessTokenCreated,
    AccessTokenList,
    AccessTokenOut,
)
from jobtracker.auth.deps import CurrentUserBySession
from jobtracker.common import PathId
from jobtracker.db import SessionDep

router = APIRouter(prefix="/tokens", tags=["access tokens"])


@router.get("")
def list_access_tokens(user: CurrentUserBySession, session: SessionDep) -> AccessTokenList:
    return AccessTokenList(
        tokens=[AccessTokenOut.model_validate(t) for t in access_tokens.list_tokens(session, user)],
        max_tokens=access_tokens.MAX_TOKENS_PER_USER,
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses={409: {"description": "The account already has the most tokens allowed"}},
)
def create_access_token(
    body: AccessTokenCreate, user: CurrentUserBySession, session: SessionDep
) -> AccessTokenCreated:
    created = access_tokens.create_token(
        session,
        user,
        name=body.name,
        scope=body.scope,
        expires_in_days=body.expires_in_days,
        allow_delete=body.allow_delete,
    )
    out = AccessTokenOut.model_validate(created.record)
    return AccessTokenCreated(**out.model_dump(), token=created.secret)


@router.delete("/{token_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_access_token(token_id: PathId, user: CurrentUserBySession, session: SessionDep) -> None:
    access_tokens.revoke_token(session, user, token_id)
