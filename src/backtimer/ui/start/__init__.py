"""The start screen: the session list, quick adjust in place, and its loading frame."""
