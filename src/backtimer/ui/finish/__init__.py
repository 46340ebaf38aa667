"""The finish screen: what was done, and the short pain-and-note form."""
