"""Nudges: reminders computed from each user's rules, with the state they gave each one."""
