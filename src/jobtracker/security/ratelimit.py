"""Failed sign-ins and registrations, counted per account and per address in a sliding window.

Only failures count: a success never uses up an allowance, and a successful sign-in clears
its account's failures. Past the limit the API answers 429 with Retry-After until the oldest
failure that matters leaves the window, so nobody is locked out for longer than the window
after the failures stop. The trade-off: an attacker who keeps guessing one account's password
keeps that account's sign-in delayed for as long as they keep at it (never longer than the
window after they stop), and the per-address limit, set higher, throttles them across accounts.

Two backends behind one interface: in-process counts (one process) and Redis (every process
of the instance sees the same counts; redis_limiter.py). A Redis outage allows every attempt
and logs a warning: a sign-in that cannot be counted is better than a sign-in page that
answers 500.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Protocol

from fastapi import Depends, Request

from jobtracker.config import Settings
from jobtracker.errors import AppError

Clock = Callable[[], float]


@dataclass(frozen=True)
class Allowance:
    """One thing failures are counted against: an account or an address, and its limit."""

    key: str
    max_failures: int


class FailureLimiter(Protocol):
    def seconds_until_allowed(self, allowances: Sequence[Allowance]) -> float:
        """0 when every allowance has room for another attempt; else how long to wait."""
        ...

    def record_failure(self, allowances: Sequence[Allowance]) -> None: ...

    def forget(self, allowance: Allowance) -> None: ...

    def close(self) -> None: ...


class InProcessLimiter:
    """Failure times per key in this process's memory; the default for a single process."""

    def __init__(self, window_seconds: float, clock: Clock = time.time) -> None:
        self.window = window_seconds
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def seconds_until_allowed(self, allowances: Sequence[Allowance]) -> float:
        now = self.clock()
        wait = 0.0
        with self._lock:
            for allowance in allowances:
                times = self._recent(allowance.key, now)
                if len(times) >= allowance.max_failures:
                    # Room comes back when enough of the oldest failures have expired.
                    oldest_that_matters = times[len(times) - allowance.max_failures]
                    wait = max(wait, oldest_that_matters + self.window - now)
        return wait

    def record_failure(self, allowances: Sequence[Allowance]) -> None:
        now = self.clock()
        with self._lock:
            for allowance in allowances:
                self._failures.setdefault(allowance.key, deque()).append(now)
            if len(self._failures) > 10_000:  # keys sprayed by an attacker: drop expired ones
                for key in list(self._failures):
                    self._recent(key, now)

    def forget(self, allowance: Allowance) -> None:
        with self._lock:
            self._failures.pop(allowance.key, None)

    def close(self) -> None:
        pass

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            self._failures.pop(key, None)
        return times


def build_limiter(settings: Settings) -> FailureLimiter:
    if settings.redis_url:
        # Imported only here: the redis client costs start-up time and memory in every worker.
        from jobtracker.security.redis_limiter import RedisLimiter

        return RedisLimiter(
            settings.redis_url, settings.login_window_seconds, settings.redis_key_prefix
        )
    return InProcessLimiter(settings.login_window_seconds)


class TooManyAttempts(AppError):
    status_code = 429
    code = "too_many_attempts"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def count_use(limiter: FailureLimiter, allowance: Allowance, used_up: str) -> None:
    """Count one use against the allowance, or refuse it (429) when the allowance is spent:
    `used_up` says what was spent, the wait in seconds follows it."""
    wait = limiter.seconds_until_allowed((allowance,))
    if wait > 0:
        seconds = math.ceil(wait)
        raise TooManyAttempts(
            f"{used_up} Wait {seconds} second{'s' * (seconds != 1)} and try again.",
            retry_after=seconds,
        )
    limiter.record_failure((allowance,))


def _wait_in_words(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' * (seconds != 1)}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' * (minutes != 1)}"


class AttemptGuard:
    """Wraps a sign-in or registration: refuses it when over a limit, counts it if it fails."""

    def __init__(self, limiter: FailureLimiter, settings: Settings) -> None:
        self.limiter = limiter
        self.settings = settings

    def allowances(self, action: str, email: str, address: str) -> tuple[Allowance, Allowance]:
        # Hashed: the shared store never holds an email address.
        account = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
        return (
            Allowance(f"{action}:account:{account}", self.settings.login_max_failures),
            Allowance(f"{action}:address:{address}", self.settings.login_max_failures_per_ip),
        )

    @contextmanager
    def attempt(
        self,
        action: str,
        email: str,
        address: str,
        *,
        device: str | None = None,
        second_factor: bool = False,
    ) -> Iterator[None]:
        """Guard one attempt.

        `device`: the id of a browser known to have signed in to this account before; its
        failures are counted per device, so other people's guesses cannot lock its owner out.
        `second_factor`: the attempt carries a two-factor code as well as the password; it may
        pass an account locked by password guesses (never the address limit), and its failures
        still count against the account.
        """
        account, network = self.allowances(action, email, address)
        checked: tuple[Allowance, ...] = (account, network)
        counted = checked
        if device is not None:
            own = Allowance(f"{action}:device:{device}", self.settings.login_max_failures)
            checked = counted = (own,)
        elif second_factor:
            checked = (network,)
        wait = self.limiter.seconds_until_allowed(checked)
        if wait > 0:
            seconds = math.ceil(wait)
            raise TooManyAttempts(
                f"Too many failed attempts for this account or from this network. "
                f"Please wait {_wait_in_words(seconds)} and try again.",
                retry_after=seconds,
            )
        try:
            yield
        except AppError:
            # The caller's mistake (wrong password, taken email), not a database outage.
            self.limiter.record_failure(counted)
            raise
        # A known device's success clears its own count; others' failures on the account stay.
        self.limiter.forget(checked[0] if device is not None else account)


def attempt_guard(request: Request) -> AttemptGuard:
    return AttemptGuard(request.app.state.failure_limiter, request.app.state.settings)


AttemptGuardDep = Annotated[AttemptGuard, Depends(attempt_guard)]


def client_address(request: Request) -> str:
    # Behind reverse proxies, TrustedProxies has put the address the outermost one saw here.
    return request.client.host if request.client else "unknown"
