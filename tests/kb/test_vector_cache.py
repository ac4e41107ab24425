from __future__ import annotations

import numpy as np

from kb.vector_cache import VectorCache


class FakeModel:
    """Vectors derived from the text, and a record of every batch it was asked to embed."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.batches.append(list(texts))
        return [[float(len(text)), float(ord(text[0])), 0.1] for text in texts]


def test_only_texts_not_cached_are_embedded_in_one_batch_once_each() -> None:
    model, cache = FakeModel(), VectorCache(10, np.float32)
    first = cache.get_many(["再エネ", "省エネ"], model.embed)
    again = cache.get_many(["省エネ", "脱炭素", "脱炭素", "再エネ"], model.embed)
    assert model.batches == [["再エネ", "省エネ"], ["脱炭素"]]
    assert again.shape == (4, 3) and again.dtype == np.float32
    np.testing.assert_array_equal(again[0], first[1])
    np.testing.assert_array_equal(again[3], first[0])
    np.testing.assert_array_equal(again, np.asarray(model.embed(["省エネ", "脱炭素", "脱炭素", "再エネ"]), np.float32))


def test_the_least_recently_used_text_is_evicted_beyond_the_size() -> None:
    model, cache = FakeModel(), VectorCache(2)
    cache.get_many(["a", "b"], model.embed)
    cache.get_many(["a"], model.embed)  # "a" is now the most recently used
    cache.get_many(["c"], model.embed)  # evicts "b"
    assert len(cache) == 2
    cache.get_many(["a", "c"], model.embed)
    cache.get_many(["b"], model.embed)
    assert model.batches == [["a", "b"], ["c"], ["b"]]


def test_cached_vectors_keep_the_models_values_and_a_caller_cannot_change_them() -> None:
    cache = VectorCache(4)
    vector = cache.get("query", lambda text: [0.1, 0.2, 0.30000000000000004])
    assert vector.tolist() == [0.1, 0.2, 0.30000000000000004]  # float64 by default: exactly what the model gave
    vector[0] = 1.0
    assert cache.get("query", lambda text: [9.0, 9.0, 9.0]).tolist() == [0.1, 0.2, 0.30000000000000004]


def test_clear_empties_the_cache_and_no_texts_embed_nothing() -> None:
    model, cache = FakeModel(), VectorCache(4)
    cache.get_many(["a"], model.embed)
    cache.clear()
    assert len(cache) == 0
    assert cache.get_many([], model.embed).size == 0
    cache.get_many(["a"], model.embed)
    assert model.batches == [["a"], ["a"]]
