"""The scheduler: timed work (digests, the mail outbox) run once across every app process."""
