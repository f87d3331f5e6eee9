"""Routes for registration, sign-in and the signed-in user's account."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from jobtracker.auth import registration, service, two_factor
from jobtracker.auth.access_token_routes import router as access_token_router
from jobtracker.auth.deps import (
    CurrentUser,
    CurrentUserBySession,
    SessionToEnd,
    SettingsDep,
    UserIfSignedIn,
    end_session,
    start_session,
)
from jobtracker.auth.devices import known_device_for
from jobtracker.auth.models import User
from jobtracker.auth.schemas import (
    AccountDeletion,
    LoginRequest,
    PasswordChange,
    RegisterRequest,
    RegistrationConfirmation,
    RegistrationPending,
    SessionOut,
    UserOut,
    UserUpdate,
    WhoAmI,
)
from jobtracker.auth.two_factor_routes import finish_sign_in
from jobtracker.auth.two_factor_routes import router as two_factor_router
from jobtracker.auth.two_factor_schemas import TwoFactorChallenge
from jobtracker.config import Settings
from jobtracker.db import SessionDep
from jobtracker.security.ratelimit import AttemptGuardDep, client_address

router = APIRouter(prefix="/api", tags=["auth"])
_LIMITED: dict[int | str, dict[str, object]] = {
    429: {"description": "Too many failed attempts for this account or address; see Retry-After"}
}


def _session_out(
    request: Request, response: Response, settings: Settings, user: User
) -> SessionOut:
    token, csrf = start_session(request, response, settings, user)
    return SessionOut(access_token=token, csrf_token=csrf, user=UserOut.model_validate(user))


@router.post(
    "/auth/register",
    status_code=status.HTTP_201_CREATED,
    responses={
        **_LIMITED,
        202: {"model": RegistrationPending, "description": "Email set up: check your inbox"},
    },
)
def register(
    body: RegisterRequest,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    guard: AttemptGuardDep,
) -> SessionOut | RegistrationPending:
    """Open an account and sign in (201); with email set up, mail a sign-up link instead (202)."""
    registration.ensure_password_signin(settings)
    address = client_address(request)
    registration.count_registration(request.app.state.failure_limiter, settings, address)
    with guard.attempt("register", body.email, address):
        if body.invite is not None:
            user = registration.through_invite(
                session,
                settings,
                invite=body.invite,
                email=body.email,
                password=body.password,
                display_name=body.display_name,
                time_zone=body.time_zone,
            )
            return _session_out(request, response, settings, user)
        if settings.email_enabled:
            registration.start(
                session,
                settings,
                email=body.email,
                password=body.password,
                display_name=body.display_name,
            )
            response.status_code = status.HTTP_202_ACCEPTED
            return RegistrationPending(message=registration.CHECK_YOUR_INBOX)
        user = service.register(
            session,
            settings,
            email=body.email,
            password=body.password,
            display_name=body.display_name,
            time_zone=body.time_zone,
        )
    return _session_out(request, response, settings, user)


@router.post("/auth/register/confirm", status_code=status.HTTP_201_CREATED)
def confirm_registration(
    body: RegistrationConfirmation,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
) -> SessionOut:
    """Open the account from the link mailed at registration, and sign in."""
    registration.ensure_password_signin(settings)
    user = registration.confirm(session, settings, body.token, body.time_zone)
    return _session_out(request, response, settings, user)


@router.post("/auth/login", responses=_LIMITED)
def login(
    body: LoginRequest,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    guard: AttemptGuardDep,
) -> SessionOut | TwoFactorChallenge:
    """Sign in; with two-factor on, a right password answers a challenge for /auth/login/2fa.

    A code sent with the password finishes at once, and gets past an account that someone
    else's guesses have locked; so does a browser that signed in to the account before.
    """
    registration.ensure_password_signin(settings)
    device = known_device_for(request, session, settings, body.email)
    address = client_address(request)
    second_factor = body.code is not None
    with guard.attempt("sign-in", body.email, address, device=device, second_factor=second_factor):
        user, challenge_needed = two_factor.authenticate(
            session, settings, email=body.email, password=body.password, code=body.code
        )
    if challenge_needed:
        return TwoFactorChallenge(challenge=two_factor.issue_challenge(settings, user))
    return finish_sign_in(request, response, session, settings, user)


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(caller: SessionToEnd, response: Response, session: SessionDep) -> None:
    if caller is not None:
        service.revoke_session(session, caller.claims)
    end_session(response)


@router.post("/auth/logout-all", status_code=status.HTTP_204_NO_CONTENT)
def logout_everywhere(user: CurrentUserBySession, response: Response, session: SessionDep) -> None:
    service.revoke_all_sessions(session, user)
    end_session(response)


@router.post("/auth/password")
def change_password(
    body: PasswordChange,
    user: CurrentUserBySession,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
) -> SessionOut:
    user = service.change_password(
        session, user, current=body.current_password, new=body.new_password
    )
    return _session_out(request, response, settings, user)


@router.get("/me")
def read_me(user: CurrentUser) -> UserOut:
    return UserOut.model_validate(user)


@router.get("/auth/whoami")
def who_am_i(user: UserIfSignedIn) -> WhoAmI:
    """Who is signed in: `user` is null when nobody is (GET /api/me answers that with a 401)."""
    return WhoAmI(user=UserOut.model_validate(user) if user else None)


@router.patch("/me")
def update_me(body: UserUpdate, user: CurrentUser, session: SessionDep) -> UserOut:
    return UserOut.model_validate(
        service.update_profile(
            session, user, display_name=body.display_name, time_zone=body.time_zone
        )
    )


@router.delete("/me", status_code=status.HTTP_204_NO_CONTENT)
def delete_me(
    body: AccountDeletion, user: CurrentUserBySession, response: Response, session: SessionDep
) -> None:
    service.delete_account(session, user, password=body.password)
    end_session(response)


router.include_router(two_factor_router)  # its own module, under this router's /api prefix
router.include_router(access_token_router)
