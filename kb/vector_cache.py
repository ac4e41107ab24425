"""A bounded, thread-safe LRU of embedding vectors keyed by the embedded text.

A chat turn searches the same text several times, and the answerer's rerank embeds sentences of the passages
retrieved, which recur across questions about the same documents: embedding them again was most of an answer's
time (about 25 ms a sentence on 2 cores). Per store instance, not functools.lru_cache on a method, which would
keep every store alive for the cache's sake. Vectors are numpy arrays of the given dtype: float64 keeps a model's
floats exactly; float32, which similarities are computed in anyway, takes an eighth of the memory of a list of
Python floats.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np


class VectorCache:
    def __init__(self, size: int, dtype: type[np.floating] = np.float64) -> None:
        self._size = size
        self._dtype = dtype
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._vectors)

    def get(self, text: str, embed: Callable[[str], list[float]]) -> np.ndarray:
        """The vector of one text, embedding it on a miss."""
        return self.get_many([text], lambda texts: [embed(texts[0])])[0]

    def get_many(self, texts: list[str], embed: Callable[[list[str]], list[list[float]]]) -> np.ndarray:
        """One row per text, in order (a new array: callers may change it); the texts not cached are embedded
        together in one call, once each."""
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for text in texts:
                vector = self._vectors.get(text)
                if vector is not None:
                    self._vectors.move_to_end(text)
                    found[text] = vector
        missing = [text for text in dict.fromkeys(texts) if text not in found]
        if missing:
            embedded = np.asarray(embed(missing), dtype=self._dtype)
            with self._lock:
                for text, vector in zip(missing, embedded, strict=True):
                    found[text] = self._vectors[text] = vector
                    self._vectors.move_to_end(text)
                while len(self._vectors) > self._size:
                    self._vectors.popitem(last=False)
        return np.stack([found[text] for text in texts]) if texts else np.empty((0, 0), dtype=self._dtype)

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()
