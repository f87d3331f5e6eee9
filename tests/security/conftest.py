"""Fixtures for the security tests: the shared Redis, with keys of their own per test."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest
import redis

from jobtracker.config import Settings

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    """A key prefix no other test uses; every key under it is deleted afterwards."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        client.close()
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    prefix = f"jobtracker-test:{secrets.token_hex(8)}:"
    yield prefix
    keys = list(client.scan_iter(match=f"{prefix}*"))
    if keys:
        client.delete(*keys)
    client.close()


def use_redis(settings: Settings, prefix: str) -> Settings:
    settings.redis_url = REDIS_URL
    settings.redis_key_prefix = prefix
    return settings
