"""TOTP against RFC 6238's own test vectors, and the replay and drift rules."""

from __future__ import annotations

import base64

import pytest

from jobtracker.auth import totp

# RFC 6238 appendix B, SHA-1 rows: the ASCII seed "12345678901234567890", 8 digits.
RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()
RFC_VECTORS = [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]


@pytest.mark.parametrize(("moment", "expected"), RFC_VECTORS)
def test_codes_match_the_rfc_6238_vectors(moment: int, expected: str) -> None:
    assert totp.code_for_step(RFC_SECRET, totp.step_at(moment), digits=8) == expected


def test_six_digit_codes_are_the_last_six_of_the_rfc_values() -> None:
    assert totp.code_for_step(RFC_SECRET, totp.step_at(59)) == "287082"


def test_a_code_one_step_either_side_is_accepted() -> None:
    now = 1_800_000_015.0
    step = totp.step_at(now)
    for drift in (-1, 0, 1):
        code = totp.code_for_step(RFC_SECRET, step + drift)
        assert totp.matching_step(RFC_SECRET, code, after_step=None, now=now) == step + drift


def test_a_code_two_steps_away_is_refused() -> None:
    now = 1_800_000_015.0
    code = totp.code_for_step(RFC_SECRET, totp.step_at(now) - 2)
    assert totp.matching_step(RFC_SECRET, code, after_step=None, now=now) is None


def test_a_code_of_a_step_already_used_is_refused() -> None:
    now = 1_800_000_015.0
    step = totp.step_at(now)
    code = totp.code_for_step(RFC_SECRET, step)
    assert totp.matching_step(RFC_SECRET, code, after_step=step, now=now) is None


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "12 34 5"])
def test_codes_that_are_not_six_digits_are_refused(code: str) -> None:
    assert totp.matching_step(RFC_SECRET, code, after_step=None, now=59) is None


def test_the_provisioning_uri_names_the_issuer_account_and_secret() -> None:
    uri = totp.provisioning_uri(
        "JBSWY3DPEHPK3PXP", account="alice@example.com", issuer="Job Tracker"
    )
    assert uri.startswith("otpauth://totp/Job%20Tracker:alice@example.com?")
    assert "secret=JBSWY3DPEHPK3PXP" in uri
    assert "issuer=Job+Tracker" in uri
