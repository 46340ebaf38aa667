"""The history window: streaks, the weekly chart with the pain trend, and the table."""
