"""Opt-in email digests: each user's day (or week) of nudges, interviews and due work."""
