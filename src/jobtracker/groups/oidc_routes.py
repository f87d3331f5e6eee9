"""Routes for single sign-on: /login sends the browser to the provider, /callback finishes the
sign-in and lands on the page asked for or the board (on the sign-in page's code form first
when the account uses two-factor), or on the sign-in page with the reason when it fails."""

from __future__ import annotations

import hmac
import logging
from datetime import timedelta
from typing import Annotated
from urllib.parse import quote

import jwt
from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse

from jobtracker.auth.deps import SettingsDep, end_session
from jobtracker.auth.security import ALGORITHM
from jobtracker.auth.two_factor_routes import challenge_by_cookie, finish_sign_in
from jobtracker.config import Settings
from jobtracker.db import SessionDep, utcnow
from jobtracker.errors import NotFound
from jobtracker.groups import invites, sign_on
from jobtracker.groups.oidc import Provider, SignOnError, SignOnFlow
from jobtracker.portability.calendar import link_base
from jobtracker.security.ratelimit import Allowance, client_address

router = APIRouter(prefix="/api/auth/oidc", tags=["auth"])
log = logging.getLogger(__name__)

FLOW_COOKIE = "jt_oidc"
FLOW_PATH = "/api/auth/oidc"
FLOW_LIFETIME = timedelta(minutes=10)
_FLOW_PURPOSE = "oidc-flow"  # so no other token signed with the same secret passes for one
NOT_SET_UP = "Single sign-on is not set up on this instance."
TWO_FACTOR_STEP = "/login?sso=two_factor"  # the sign-in page's code form
MAX_NEXT_LENGTH = 2000
_REDIRECTS: dict[int | str, dict[str, object]] = {302: {"description": "To the provider"}}


def _provider(request: Request, settings: Settings) -> Provider:
    """The app's one provider client, so its discovery document and keys are cached."""
    provider: Provider | None = getattr(request.app.state, "oidc_provider", None)
    if provider is None:
        provider = request.app.state.oidc_provider = Provider(settings)
    return provider


def _callback_url(request: Request, settings: Settings) -> str:
    base = link_base(settings, request.url.scheme, request.headers.get("host"))
    if base is None:  # a forged Host must not choose where the provider sends the code
        raise SignOnError("unavailable", "Set PUBLIC_URL to this instance's address.")
    return f"{base}{FLOW_PATH}/callback"


def _seal(flow: SignOnFlow, settings: Settings) -> str:
    claims = {
        "purpose": _FLOW_PURPOSE,
        "state": flow.state,
        "nonce": flow.nonce,
        "verifier": flow.code_verifier,
        "invite": flow.invite,
        "next": flow.next_page,
        "exp": utcnow() + FLOW_LIFETIME,
    }
    return jwt.encode(claims, settings.signing_secret(), algorithm=ALGORITHM)


def _unseal(request: Request, settings: Settings) -> SignOnFlow | None:
    sealed = request.cookies.get(FLOW_COOKIE)
    if not sealed:
        return None
    try:
        claims = jwt.decode(
            sealed,
            settings.signing_secret(),
            algorithms=[ALGORITHM],
            options={"require": ["exp", "purpose", "state", "nonce", "verifier"]},
        )
    except jwt.InvalidTokenError:
        return None
    if claims["purpose"] != _FLOW_PURPOSE:
        return None
    invite, next_page = claims.get("invite"), claims.get("next")
    return SignOnFlow(
        str(claims["state"]),
        str(claims["nonce"]),
        str(claims["verifier"]),
        invite if isinstance(invite, str) else None,
        next_page if isinstance(next_page, str) else None,
    )


def _page_of_ours(next_page: str | None) -> str | None:
    """`next_page` when it is a path on this site; None for anything that could lead elsewhere
    (another host, `//host`, a backslash some browsers read as a slash)."""
    if next_page is None or not next_page.startswith("/") or next_page.startswith("//"):
        return None
    if "\\" in next_page or any(ord(char) < 0x20 for char in next_page):
        return None
    return next_page


def _to_sign_in_page(reason: str) -> RedirectResponse:
    response = RedirectResponse(f"/login?sso_error={reason}", status_code=303)
    response.delete_cookie(FLOW_COOKIE, path=FLOW_PATH)
    return response


@router.get("/login", response_class=RedirectResponse, status_code=302, responses=_REDIRECTS)
def start_sign_on(
    request: Request,
    settings: SettingsDep,
    invite: Annotated[str | None, Query(min_length=1, max_length=invites.MAX_TOKEN_LENGTH)] = None,
    next_page: Annotated[str | None, Query(alias="next", max_length=MAX_NEXT_LENGTH)] = None,
) -> RedirectResponse:
    """Send the browser to the provider; `invite` carries an invitation link's token along, and
    `next` the page of this app to land on once signed in (the board otherwise)."""
    if not settings.oidc_enabled:
        raise NotFound(NOT_SET_UP)
    flow = SignOnFlow.start(invite, _page_of_ours(next_page))
    try:
        url = _provider(request, settings).authorization_url(_callback_url(request, settings), flow)
    except SignOnError as failure:
        log.warning("single sign-on could not start: %s", failure.message)
        return _to_sign_in_page(failure.reason)
    response = RedirectResponse(url, status_code=302)
    response.set_cookie(
        FLOW_COOKIE,
        _seal(flow, settings),
        max_age=int(FLOW_LIFETIME.total_seconds()),
        path=FLOW_PATH,
        httponly=True,
        # Lax: the provider sends the browser back with a top-level GET, which carries it.
        samesite="lax",
        secure=settings.secure_cookies or request.url.scheme == "https",
    )
    return response


@router.get("/callback", response_class=RedirectResponse, status_code=303)
def finish_sign_on(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    code: Annotated[str | None, Query(max_length=2048)] = None,
    state: Annotated[str | None, Query(max_length=256)] = None,
    error: Annotated[str | None, Query(max_length=256)] = None,
) -> RedirectResponse:
    """Where the provider sends the browser back: the board when signed in, the sign-in page's
    code form when the account uses two-factor, else the sign-in page with the reason."""
    if not settings.oidc_enabled:
        raise NotFound(NOT_SET_UP)
    flow = _unseal(request, settings)
    if flow is None or state is None or not hmac.compare_digest(flow.state, state):
        return _to_sign_in_page("expired_flow")
    if error is not None or code is None:
        return _to_sign_in_page("denied")
    # Each callback costs a request to the provider: failures are counted per address, like
    # failed password sign-ins, so nobody can make this server hammer the provider.
    limiter = request.app.state.failure_limiter
    allowance = (
        Allowance(f"sso:address:{client_address(request)}", settings.login_max_failures_per_ip),
    )
    if limiter.seconds_until_allowed(allowance) > 0:
        return _to_sign_in_page("too_many")
    try:
        provider = _provider(request, settings)
        identity = provider.identify(code, _callback_url(request, settings), flow)
        user = sign_on.sign_in(session, settings, identity, flow.invite)
    except SignOnError as failure:
        limiter.record_failure(allowance)
        log.info("single sign-on refused (%s): %s", failure.reason, failure.message)
        return _to_sign_in_page(failure.reason)
    if user.two_factor_enabled:
        # The account's own second factor guards every way in, the provider's included; a
        # known device skips it on no path. The session starts at /api/auth/login/2fa.
        then = f"&next={quote(flow.next_page, safe='')}" if flow.next_page else ""
        response = RedirectResponse(f"{TWO_FACTOR_STEP}{then}", status_code=303)
        challenge_by_cookie(request, response, settings, user)
        end_session(response)  # another account's session would hide the code form
    else:
        response = RedirectResponse(flow.next_page or "/", status_code=303)
        finish_sign_in(request, response, session, settings, user)  # keeps last_sign_in_at
    response.delete_cookie(FLOW_COOKIE, path=FLOW_PATH)
    return response
