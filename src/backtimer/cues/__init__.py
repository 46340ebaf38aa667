"""Sound, voice and keep-awake, each behind a small interface with a silent fallback.

Nothing here may crash or block a session: where a part is unavailable (no libpulse, no audio
device, no speech engine, no session bus) the object still accepts every call, does nothing,
and says why in ``problem`` so the window can tell the person once.
"""
