"""What every screen shares: theme, icons, big controls, spin boxes and words."""
