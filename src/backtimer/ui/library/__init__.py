"""The user's sessions: editor, item cards, My sessions, import/export, repair."""
