"""A value derived from the stored documents, kept until they change.

Several parts derive something from the whole catalog (the municipality spellings English questions are expanded
with, the place resolver, document texts): cheap enough to rebuild after a document is added or removed, too dear
to rebuild on every question. The catalog's generation, which every committed change increases, says when.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class PerGeneration(Generic[T]):
    """`get()` returns what `build()` made for the current generation, building it on the first call after a change.

    Two threads may both rebuild right after a change; both results are equal, so no lock is needed.
    """

    def __init__(self, generation: Callable[[], int], build: Callable[[], T]) -> None:
        self._generation = generation
        self._build = build
        self._cached: tuple[int, T] | None = None

    def get(self) -> T:
        generation = self._generation()
        cached = self._cached
        if cached is not None and cached[0] == generation:
            return cached[1]
        value = self._build()
        self._cached = (generation, value)
        return value
