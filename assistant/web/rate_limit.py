"""A per-client sliding-window limit for the public page, so one client cannot take every answering slot."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

_MAX_TRACKED = 10_000


class RateLimiter:
    def __init__(self, per_minute: int, window_s: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = per_minute
        self._window = window_s
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        """Count a request from `client` and say whether it is within the limit; refused ones are not counted."""
        now = self._clock()
        with self._lock:
            if len(self._hits) > _MAX_TRACKED:
                self._forget_idle(now)
            hits = self._hits.setdefault(client, deque())
            while hits and hits[0] <= now - self._window:
                hits.popleft()
            if len(hits) >= self._limit:
                return False
            hits.append(now)
            return True

    def _forget_idle(self, now: float) -> None:
        """Bound memory under many clients: drop those with no request inside the window."""
        for client in [c for c, hits in self._hits.items() if not hits or hits[-1] <= now - self._window]:
            del self._hits[client]
