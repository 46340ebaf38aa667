"""The user's things on disk: paths, the session library, settings and the history log."""
