"""The Redis backend of the failure limiter: counts every process of the instance shares.

Its own module so that the redis client is imported only when REDIS_URL is set.
"""

from __future__ import annotations

import logging
import math
import secrets
import time
from collections.abc import Sequence

import redis

from jobtracker.security.ratelimit import Allowance, Clock

log = logging.getLogger(__name__)
# Between two "Redis is unreachable" warnings, so an outage does not flood the log.
OUTAGE_WARNING_INTERVAL = 60.0
# How long a sign-in waits for Redis before counting nothing: far below a user's patience.
REDIS_TIMEOUT_SECONDS = 0.5

# Trims the window, then answers how many milliseconds until there is room (0: now).
_WAIT_SCRIPT = """
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then return 0 end
local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
return math.max(0, tonumber(oldest[2]) + window - now)
"""
_RECORD_SCRIPT = """
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 0
"""


class RedisLimiter:
    """Failure times in one sorted set per key, shared by every process that uses the server.

    Each key's trim-count-answer runs as one Lua script, so concurrent processes never see a
    half-updated window; keys expire by themselves a window after their last failure.
    """

    def __init__(
        self, url: str, window_seconds: float, prefix: str, clock: Clock = time.time
    ) -> None:
        self.window_ms = int(window_seconds * 1000)
        self.prefix = prefix
        self.clock = clock
        self._client = redis.Redis.from_url(
            url,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        )
        self._wait = self._client.register_script(_WAIT_SCRIPT)
        self._record = self._client.register_script(_RECORD_SCRIPT)
        self._last_warning = -math.inf

    def seconds_until_allowed(self, allowances: Sequence[Allowance]) -> float:
        now_ms = int(self.clock() * 1000)
        try:
            waits = [
                int(self._wait(keys=[self._key(a)], args=[now_ms, self.window_ms, a.max_failures]))
                for a in allowances
            ]
        except redis.RedisError as error:
            self._warn(error)
            return 0.0
        return max(waits, default=0) / 1000

    def record_failure(self, allowances: Sequence[Allowance]) -> None:
        now_ms = int(self.clock() * 1000)
        member = f"{now_ms}:{secrets.token_hex(6)}"  # two failures in one millisecond both count
        try:
            for allowance in allowances:
                self._record(keys=[self._key(allowance)], args=[now_ms, self.window_ms, member])
        except redis.RedisError as error:
            self._warn(error)

    def forget(self, allowance: Allowance) -> None:
        try:
            self._client.delete(self._key(allowance))
        except redis.RedisError as error:
            self._warn(error)

    def close(self) -> None:
        self._client.close()

    def _key(self, allowance: Allowance) -> str:
        return f"{self.prefix}failures:{allowance.key}"

    def _warn(self, error: redis.RedisError) -> None:
        now = time.monotonic()
        if now - self._last_warning >= OUTAGE_WARNING_INTERVAL:
            self._last_warning = now
            log.warning(
                "Redis is unreachable (%s); sign-in attempts are not being limited",
                type(error).__name__,
            )
