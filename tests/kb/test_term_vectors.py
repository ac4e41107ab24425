"""Document terms' vectors kept in the catalog: embedded once per term and embedding set-up, read back in order."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from kb.catalog import Catalog
from kb.term_vectors import StoredTermVectors
from kb.vector_identity import VectorIdentity

_MODEL = VectorIdentity("model-a", "passage: ")


class _Embedder:
    """Each term's vector is its length and first code point; every call is recorded."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts: list[str]) -> list[list[float]]:
        self.calls.append(texts)
        return [[float(len(t)), float(ord(t[0]))] for t in texts]


def test_terms_are_embedded_once_and_read_back_in_the_order_asked(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    embed = _Embedder()
    vectors = StoredTermVectors(catalog, embed, _MODEL)
    first = vectors(["燃料", "災害"])
    again = vectors(["災害", "燃料", "再生可能"])
    assert embed.calls == [["燃料", "災害"], ["再生可能"]]
    np.testing.assert_array_equal(again[:2], first[::-1])
    assert again[2].tolist() == [4.0, float(ord("再"))]


def test_another_process_reads_the_kept_vectors_without_embedding(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    StoredTermVectors(Catalog(path), _Embedder(), _MODEL)(["燃料", "災害"])
    embed = _Embedder()
    reopened = StoredTermVectors(Catalog(path), embed, _MODEL)(["燃料", "災害"])
    assert embed.calls == []
    assert reopened.shape == (2, 2)


def test_a_changed_embedding_model_never_reads_the_other_models_vectors(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    StoredTermVectors(catalog, _Embedder(), _MODEL)(["燃料"])
    embed = _Embedder()
    StoredTermVectors(catalog, embed, VectorIdentity("model-b", "passage: "))(["燃料"])
    assert embed.calls == [["燃料"]]


def test_keeping_vectors_leaves_the_generation_since_nothing_searched_changes(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    before = catalog.generation()
    StoredTermVectors(catalog, _Embedder(), _MODEL)(["燃料"])
    assert catalog.generation() == before
