"""The fugashi tagger, created lazily and reused.

Creating a tagger loads the unidic-lite dictionary, so it happens once per thread, on first use. Once per
thread rather than once per process because a MeCab tagger keeps its parse state in the instance: two threads
(e.g. a web server's request workers) sharing one would corrupt each other's results.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import NamedTuple

import fugashi

_local = threading.local()


def tagger() -> fugashi.Tagger:
    """Return this thread's unidic-lite tagger, creating it on first call."""
    instance = getattr(_local, "tagger", None)
    if instance is None:
        instance = _local.tagger = fugashi.Tagger()
    return instance


class Word(NamedTuple):
    """What the readers of a tagged text use of one word, read once: fugashi builds a node's feature tuple anew on
    every access, and a node is only valid until the tagger parses the next text."""

    surface: str
    pos1: str
    pos2: str
    pos3: str
    kana: str | None
    """The katakana reading; None for a word the dictionary does not know."""
    spaced: bool
    """Whether white space comes before the word."""
    origin: str = ""
    """unidic's 語種: 和 native, 漢 Sino-Japanese, 外 loanword, 固 proper noun; empty for an unknown word."""


_TAGGED_TEXTS = 1024
"""Questions, their parts and rewrites, and the names read in them: a server's recent questions fit many times."""


def words(text: str) -> tuple[Word, ...]:
    """The words of a text, tagged anew (a whole document, read once at ingest, is not worth keeping)."""
    found = []
    for node in tagger()(text):
        feature = node.feature
        kana = feature.kana if feature.kana and feature.kana != "*" else None
        origin = feature.goshu if kana is not None else ""
        found.append(Word(node.surface, feature.pos1, feature.pos2, feature.pos3, kana, bool(node.white_space), origin))
    return tuple(found)


@lru_cache(maxsize=_TAGGED_TEXTS)
def tagged(text: str) -> tuple[Word, ...]:
    """The words of a short text such as a question, tagged once however many readers of the question ask: its
    head terms, topic, subject, place names and document spellings each read the same words."""
    return words(text)
