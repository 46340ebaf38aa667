"""Fault tests: full disks, read-only folders, kills, sleep and lost audio."""
