"""BackTimer's benchmarks: they measure the real program and print figures; they assert nothing.

Run them all with ``python -m benchmarks`` (``--quick`` for a 30-second check); see
``BENCHMARKS.md`` for the figures and how to read them. Each benchmark runs in a child process
of its own, offscreen, with a temporary ``BACKTIMER_HOME``, so no figure carries another's
memory or warm caches and nothing touches the real user's files.
"""
