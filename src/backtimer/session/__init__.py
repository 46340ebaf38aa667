"""The pure domain: sessions, their YAML format and their timeline. Never imports Qt."""
