"""The main window and its frame: actions, start-up, cues link, notices, questions, side windows."""
