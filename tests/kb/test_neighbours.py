"""English words the glossary lacks read as the documents' nearest term, with a fake embedder of known vectors."""

from __future__ import annotations

import numpy as np

from kb.neighbours import NearestTerms

_VECTORS = {
    "燃料": [1.0, 0.0, 0.0],
    "災害": [0.0, 1.0, 0.0],
    "行う": [0.0, 0.0, 1.0],
    "fuel": [0.99, 0.1, 0.0],
    "disaster": [0.0, 0.99, 0.1],
    "watch": [0.0, 0.7, 0.7],
    "zero": [0.99, 0.1, 0.0],
    "global": [0.0, 0.99, 0.1],
}


_UNRELATED = [-1.0, -1.0, -1.0]


def _embed(texts: list[str]) -> list[list[float]]:
    vectors = [np.asarray(_VECTORS.get(t, _UNRELATED)) for t in texts]
    return [list(v / np.linalg.norm(v)) for v in vectors]


def _nearest() -> NearestTerms:
    return NearestTerms(["燃料", "災害", "行う", "x", "co2"], _embed, similarity=0.9, margin=0.05, min_letters=4)


def test_a_word_without_a_glossary_entry_reads_as_its_nearest_document_term() -> None:
    assert _nearest().japanese("What does switching to such fuel mean in a disaster?") == ["燃料", "災害"]


def test_a_word_about_as_near_to_two_terms_reads_as_neither() -> None:
    assert _nearest().japanese("what will the city watch") == []


def test_glossary_words_names_and_compounds_are_left_to_their_own_mappings() -> None:
    # "target" is the glossary's; "Global" starts a name; "zero-carbon" is one compound, not ゼロ.
    assert _nearest().japanese("the Global Warming zero-carbon target") == []


def test_prepare_embeds_the_terms_once_so_the_first_question_does_not_wait() -> None:
    calls: list[list[str]] = []
    nearest = NearestTerms(
        ["燃料", "災害", "行う"], lambda texts: calls.append(texts) or _embed(texts), 0.9, 0.05, min_letters=4
    )
    nearest.prepare()
    assert calls == [["災害", "燃料", "行う"]]
    assert nearest.japanese("fuel") == ["燃料"]
    assert calls[1:] == [["fuel"]]
