"""The Qt window: widgets only. One adapter drives the engine's runner; widgets never time."""
