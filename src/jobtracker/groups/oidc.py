"""Single sign-on with an OpenID Connect provider: discovery, the authorization code flow with
PKCE, and the ID token's verification (signature by the provider's published keys, issuer,
audience, expiry, nonce).

Every request goes to the configured issuer's discovery document or to the endpoints it names
(never to an address from a browser's request), with a bounded time and size and no redirects
followed. The document and the keys are cached for an hour; keys are fetched again at most once
a minute when a token names one not seen yet (the provider rotated its keys).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx2
from authlib.common.security import generate_token  # type: ignore[import-untyped]
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri  # type: ignore[import-untyped]
from authlib.oauth2.rfc7636 import create_s256_code_challenge  # type: ignore[import-untyped]
from authlib.oidc.core import CodeIDToken  # type: ignore[import-untyped]
from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    ClaimError,
    ExpiredTokenError,
    InvalidKeyIdError,
    JoseError,
)
from joserfc.jwk import KeySet

from jobtracker.config import Settings
from jobtracker.db import utcnow

SCOPES = "openid email profile"
MAX_DOCUMENT_BYTES = 512 * 1024
CACHE_SECONDS = 3600.0
# A token naming an unknown key fetches the keys again, but no more than once a minute: a
# stream of forged key ids must not turn into a stream of requests to the provider.
KEYS_REFETCH_SECONDS = 60.0
# Provider and server clocks disagree by a few seconds; a minute is the usual tolerance.
CLOCK_LEEWAY_SECONDS = 60
# Asymmetric only: an HS256 ID token would be signed with the client secret, which we never
# let a token choose.
SIGNING_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384")


class SignOnError(Exception):
    """Why a single sign-on ended without a session; `reason` is the code the sign-in page
    turns into words, `message` the same in words for logs and JSON."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def unavailable() -> SignOnError:
    return SignOnError(
        "unavailable",
        "The sign-on provider could not be reached or answered in a way we can't use.",
    )


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None
    token_auth_methods: tuple[str, ...]


@dataclass(frozen=True)
class VerifiedIdentity:
    """Who the provider says signed in, from a verified ID token (and its userinfo)."""

    issuer: str
    subject: str
    email: str | None
    email_verified: bool
    name: str | None


def _normalise_issuer(issuer: str) -> str:
    return issuer.rstrip("/")


def _endpoint(metadata: dict[str, Any], name: str, issuer: str, *, required: bool) -> str | None:
    """An endpoint of the discovery document, refused unless it is https (or, for a provider on
    plain http such as a test one on loopback, on the issuer's own host)."""
    value = metadata.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise unavailable()
    parts, home = urlsplit(value), urlsplit(issuer)
    same_host = parts.scheme == home.scheme and parts.netloc == home.netloc
    if parts.scheme != "https" and not same_host:
        raise unavailable()
    return value


class Provider:
    """The configured provider, with its discovery document and keys cached (one per app)."""

    def __init__(self, settings: Settings) -> None:
        self.issuer = _normalise_issuer(settings.oidc_issuer)
        self.client_id = settings.oidc_client_id
        self._client_secret = settings.oidc_client_secret
        self._timeout = settings.oidc_timeout_seconds
        self._lock = threading.Lock()
        self._metadata: ProviderMetadata | None = None
        self._metadata_at = 0.0
        self._keys: KeySet | None = None
        self._keys_at = 0.0

    @staticmethod
    def _now() -> float:
        # The app's one clock, so tests can age the cache.
        return utcnow().timestamp()

    def __repr__(self) -> str:  # never the client secret
        return f"Provider(issuer={self.issuer!r}, client_id={self.client_id!r})"

    def _get_json(self, url: str, **request: Any) -> dict[str, Any]:
        method = "POST" if "data" in request else "GET"
        try:
            with (
                httpx2.Client(timeout=self._timeout, follow_redirects=False) as http,
                http.stream(
                    method, url, headers={"Accept": "application/json"}, **request
                ) as answer,
            ):
                body = bytearray()
                for chunk in answer.iter_bytes():
                    body.extend(chunk)
                    if len(body) > MAX_DOCUMENT_BYTES:
                        raise unavailable()
                status = answer.status_code
        except httpx2.HTTPError as error:
            raise unavailable() from error
        try:
            document = json.loads(bytes(body))
        except ValueError as error:
            raise unavailable() from error
        if not isinstance(document, dict):
            raise unavailable()
        if status >= 400:
            # The token endpoint says why in `error`; nothing of it reaches the browser.
            raise SignOnError("token", "The sign-on provider refused to finish the sign-in.")
        return document

    def metadata(self) -> ProviderMetadata:
        with self._lock:
            if self._metadata and self._now() - self._metadata_at < CACHE_SECONDS:
                return self._metadata
        document = self._get_json(f"{self.issuer}/.well-known/openid-configuration")
        # OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it came from.
        if _normalise_issuer(str(document.get("issuer", ""))) != self.issuer:
            raise unavailable()
        methods = document.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
        metadata = ProviderMetadata(
            issuer=str(document["issuer"]),
            authorization_endpoint=str(
                _endpoint(document, "authorization_endpoint", self.issuer, required=True)
            ),
            token_endpoint=str(_endpoint(document, "token_endpoint", self.issuer, required=True)),
            jwks_uri=str(_endpoint(document, "jwks_uri", self.issuer, required=True)),
            userinfo_endpoint=_endpoint(document, "userinfo_endpoint", self.issuer, required=False),
            token_auth_methods=tuple(str(method) for method in methods),
        )
        with self._lock:
            self._metadata, self._metadata_at = metadata, self._now()
        return metadata

    def keys(self, *, refresh: bool = False) -> KeySet:
        with self._lock:
            age = self._now() - self._keys_at
            if self._keys and ((age < CACHE_SECONDS and not refresh) or age < KEYS_REFETCH_SECONDS):
                return self._keys
        document = self._get_json(self.metadata().jwks_uri)
        try:
            keys = KeySet.import_key_set(document)  # type: ignore[arg-type]
        except (JoseError, ValueError, KeyError, TypeError) as error:
            raise unavailable() from error
        with self._lock:
            self._keys, self._keys_at = keys, self._now()
        return keys

    def authorization_url(self, redirect_uri: str, flow: SignOnFlow) -> str:
        return str(
            prepare_grant_uri(
                self.metadata().authorization_endpoint,
                client_id=self.client_id,
                response_type="code",
                redirect_uri=redirect_uri,
                scope=SCOPES,
                state=flow.state,
                nonce=flow.nonce,
                code_challenge=create_s256_code_challenge(flow.code_verifier),
                code_challenge_method="S256",
            )
        )

    def exchange(self, code: str, redirect_uri: str, code_verifier: str) -> dict[str, Any]:
        """The token endpoint's answer for an authorization code (with the PKCE verifier)."""
        metadata = self.metadata()
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": code_verifier,
        }
        auth: httpx2.BasicAuth | None = None
        if not self._client_secret:
            form["client_id"] = self.client_id  # a public client
        elif "client_secret_basic" in metadata.token_auth_methods:
            auth = httpx2.BasicAuth(self.client_id, self._client_secret)
        else:
            form |= {"client_id": self.client_id, "client_secret": self._client_secret}
        return self._get_json(metadata.token_endpoint, data=form, auth=auth)

    def verify_id_token(
        self, id_token: str, *, nonce: str, access_token: str | None
    ) -> dict[str, Any]:
        """The ID token's claims, once its signature, issuer, audience, expiry and nonce hold."""
        try:
            try:
                token = jwt.decode(id_token, self.keys(), algorithms=list(SIGNING_ALGORITHMS))
            except (BadSignatureError, InvalidKeyIdError, ValueError):
                # Perhaps signed with a key the provider added since we fetched its keys.
                token = jwt.decode(
                    id_token, self.keys(refresh=True), algorithms=list(SIGNING_ALGORITHMS)
                )
        except (BadSignatureError, InvalidKeyIdError) as error:
            raise SignOnError(
                "bad_signature", "The sign-on token's signature is not valid."
            ) from error
        except (JoseError, ValueError) as error:
            raise SignOnError("token", "The sign-on token could not be read.") from error
        claims = CodeIDToken(
            token.claims,
            token.header,
            options={
                "iss": {"essential": True, "value": self.issuer},
                "aud": {"essential": True, "value": self.client_id},
                "nonce": {"essential": True, "value": nonce},
                "sub": {"essential": True},
            },
            params={"nonce": nonce, "client_id": self.client_id, "access_token": access_token},
        )
        try:
            claims.validate(now=int(utcnow().timestamp()), leeway=CLOCK_LEEWAY_SECONDS)
        except ExpiredTokenError as error:
            raise SignOnError("expired", "The sign-on token has expired.") from error
        except ClaimError as error:
            if error.claim in ("aud", "azp"):
                raise SignOnError(
                    "wrong_audience", "The sign-on token was made for another application."
                ) from error
            raise SignOnError(
                "token", f"The sign-on token's {error.claim} is not valid."
            ) from error
        except JoseError as error:
            raise SignOnError("token", "The sign-on token is not valid.") from error
        return dict(token.claims)

    def userinfo(self, access_token: str) -> dict[str, Any]:
        endpoint = self.metadata().userinfo_endpoint
        if endpoint is None:
            return {}
        return self._get_json(endpoint, headers={"Authorization": f"Bearer {access_token}"})

    def identify(self, code: str, redirect_uri: str, flow: SignOnFlow) -> VerifiedIdentity:
        """The whole back channel: the code for tokens, the ID token verified, the email from it
        (or, when the provider leaves it out of the ID token, from userinfo for the same
        subject)."""
        tokens = self.exchange(code, redirect_uri, flow.code_verifier)
        id_token, access_token = tokens.get("id_token"), tokens.get("access_token")
        if not isinstance(id_token, str):
            raise SignOnError("token", "The sign-on provider sent no ID token.")
        claims = self.verify_id_token(
            id_token,
            nonce=flow.nonce,
            access_token=access_token if isinstance(access_token, str) else None,
        )
        if "email" not in claims and isinstance(access_token, str):
            extra = self.userinfo(access_token)
            if extra.get("sub") == claims["sub"]:
                claims = {**extra, **claims}
        email = claims.get("email")
        name = claims.get("name")
        return VerifiedIdentity(
            issuer=self.issuer,
            subject=str(claims["sub"]),
            email=email.strip().lower() if isinstance(email, str) and email.strip() else None,
            # Only a real true: some providers send the string "true", which we do not guess at.
            email_verified=claims.get("email_verified") is True,
            name=name.strip()[:100] if isinstance(name, str) and name.strip() else None,
        )


@dataclass(frozen=True)
class SignOnFlow:
    """One sign-in in progress, kept in a short-lived signed cookie between the two legs."""

    state: str
    nonce: str
    code_verifier: str
    invite: str | None = None
    # The page of this app to land on once signed in (an invitation's join page), if any.
    next_page: str | None = None

    @classmethod
    def start(cls, invite: str | None, next_page: str | None = None) -> SignOnFlow:
        return cls(
            state=generate_token(32),
            nonce=generate_token(32),
            code_verifier=generate_token(64),
            invite=invite,
            next_page=next_page,
        )
