"""The fugashi tagger, created lazily and reused.

Creating a tagger loads the unidic-lite dictionary, so it happens once per thread, on first use. Once per
thread rather than once per process because a MeCab tagger keeps its parse state in the instance: two threads
(e.g. a web server's request workers) sharing one would corrupt each other's results.
"""

from __future__ import annotations

import threading

import fugashi

_local = threading.local()


def tagger() -> fugashi.Tagger:
    """Return this thread's unidic-lite tagger, creating it on first call."""
    instance = getattr(_local, "tagger", None)
    if instance is None:
        instance = _local.tagger = fugashi.Tagger()
    return instance
