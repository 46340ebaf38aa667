"""Running a session: the runner adapter, the session screen (ring, bar, flash), the log."""
