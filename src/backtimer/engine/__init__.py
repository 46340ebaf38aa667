"""The pure-Python engine: a clock protocol and the runner that walks a timeline. No Qt."""
