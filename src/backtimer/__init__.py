"""BackTimer: a guided, timed back-care exercise session, readable from across the room."""

__version__ = "0.1.0"
