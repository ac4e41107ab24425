"""English words no glossary lists, read as the knowledge base's own Japanese word nearest to them in the embedding
model: "fuel" is 燃料, "disaster" 災害, "technical" 技術.

The glossary (kb/glossary.py) is hand-picked, and a question's other content words counted for nothing in keyword
search and sentence ranking. Embedded alone, as passages, an English word and its Japanese translation sit closer
than the word and any other term of the documents; a word without a counterpart in the documents ("watch", "the")
sits about as close to several terms. So a word is read as its nearest term only when that term is near enough and
clearly nearer than the next one. The terms are the keyword index's (what BM25 and the sentence ranker count); their
vectors are kept in the catalog (kb/term_vectors.py), so only a new term is embedded.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from ingest.kana import HIRAGANA_BLOCK, KANJI, KATAKANA_BLOCK
from kb.glossary import without_glossary_terms
from kb.vector_cache import VectorCache

_JAPANESE = re.compile(rf"[{HIRAGANA_BLOCK}{KATAKANA_BLOCK}{KANJI}々]")
_PLAIN_WORD = re.compile(r"(?<![-A-Za-z])[a-z]+(?![-A-Za-z])")
"""A lower-case word standing alone. A capitalised one is part of a name ("Global Warming Countermeasures Plan"),
a hyphenated one part of a compound ("zero-carbon" is ゼロカーボン); read word by word, both mislead (世界, ゼロ)."""
_WORD_CACHE_SIZE = 4096


def document_terms(terms: Iterable[str]) -> list[str]:
    """The keyword index terms a word may be read as: Japanese ones of two characters or more, sorted."""
    return sorted(t for t in set(terms) if len(t) >= 2 and _JAPANESE.search(t))


class NearestTerms:
    """Maps English words to document terms by embedding; cheap per question once the terms are embedded."""

    def __init__(
        self,
        terms: Iterable[str],
        embed: Callable[[list[str]], list[list[float]]],
        similarity: float,
        margin: float,
        min_letters: int,
        embed_terms: Callable[[list[str]], Sequence[Sequence[float]] | np.ndarray] | None = None,
    ) -> None:
        """`terms`: the keyword index's terms (see document_terms); `embed`: the passage embedder, for the
        question's words; `embed_terms`: the same reading of the terms, from a store (kb/term_vectors.py) when
        one is given."""
        self._terms = document_terms(terms)
        self._embed = embed
        self._embed_terms = embed_terms or embed
        self._similarity = similarity
        self._margin = margin
        self._min_letters = min_letters
        self._words = VectorCache(_WORD_CACHE_SIZE, np.float32)
        self._matrix: np.ndarray | None = None
        self._lock = threading.Lock()

    def japanese(self, english: str) -> list[str]:
        """The nearest document term of each content word the glossary does not cover, in order of appearance."""
        words = list(dict.fromkeys(self._content_words(english)))
        if not words or len(self._terms) < 2:
            return []
        similarities = self._words.get_many(words, self._embed) @ self._term_matrix().T
        return list(dict.fromkeys(term for row in similarities if (term := self._clear_nearest(row)) is not None))

    def _content_words(self, english: str) -> list[str]:
        """Plain words of the text outside its glossary terms, long enough not to be function words."""
        return [w for w in _PLAIN_WORD.findall(without_glossary_terms(english)) if len(w) >= self._min_letters]

    def _clear_nearest(self, similarities: np.ndarray) -> str | None:
        """The nearest term when it is near enough and clearly nearer than the runner-up."""
        second, first = np.argpartition(similarities, -2)[-2:]
        if similarities[first] < self._similarity or similarities[first] - similarities[second] < self._margin:
            return None
        return self._terms[int(first)]

    def prepare(self) -> None:
        """Embed the terms now (a server's warm-up) rather than on the first English question."""
        self._term_matrix()

    def _term_matrix(self) -> np.ndarray:
        """The terms' vectors, one row each, embedded on first use."""
        if self._matrix is None:
            with self._lock:
                if self._matrix is None:
                    self._matrix = np.asarray(self._embed_terms(self._terms), dtype=np.float32)
        return self._matrix
