"""From numbers to decisions: resume-to-posting fit, results by group, weekly goals and the
proof-of-search report."""
