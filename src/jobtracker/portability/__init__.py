"""Your data in and out: CSV export and import, full backup and restore, the calendar feed."""
