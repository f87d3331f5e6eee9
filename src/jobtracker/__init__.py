"""Job Tracker: a self-hostable, multi-user job application tracker."""
