"""Capture from a link: the safe fetcher now, posting extraction next (shared with webhooks)."""
