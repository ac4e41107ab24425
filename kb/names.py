"""The documents' own proper nouns by their romanised reading, so "Omiya" or "Tsutsumine" in an English question
also searches 大宮 / 堤根.

The glossary covers climate vocabulary; the names of districts, plants and projects (浦和, 多摩, 浮島) are what
an English question cannot otherwise bring to the keyword side, and the dense model barely links a romanised name
to its kanji. The map is read from the stored texts with the dictionary's readings (fugashi + unidic-lite, spelled
by kb.romaji), so a new document's names need no list; kb/query.py builds it once per knowledge-base generation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from fugashi import UnidicNode

from ingest.normalize import normalize_text
from ingest.tagger import tagger
from kb.romaji import spellings

_MAX_PIECES = 3
"""A name plus up to two pieces the dictionary split it into: 堤 + 根 is 堤根 (Tsutsumine), 大宮 + 駅."""
_MAX_WORDS = 3
"""Capitalised words read together as one name: "Urawa Misono", "Musashi-Kosugi"."""
_LOANWORD = re.compile(r"[\u30a0-\u30ff\x00-\x7f]+")
"""Katakana or Latin names are foreign words already: their romanised reading is not how English writes them."""
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_WORD = re.compile(r"[A-Za-z]+")
_JOINERS = frozenset({" ", "-"})


class DocumentNames:
    """Romanised spelling -> the surfaces the documents write it with; cheap to query on every search."""

    def __init__(self, surfaces: dict[str, tuple[str, ...]]) -> None:
        self._surfaces = surfaces

    @classmethod
    def build(cls, texts: Iterable[str]) -> DocumentNames:
        found: dict[str, set[str]] = {}
        for text in texts:
            nodes = list(tagger()(normalize_text(text)))
            for start, node in enumerate(nodes):
                if _starts_name(node):
                    for surface, reading in _name_prefixes(nodes[start : start + _MAX_PIECES]):
                        for spelling in spellings(reading):
                            found.setdefault(spelling, set()).add(surface)
        return cls({spelling: tuple(sorted(surfaces)) for spelling, surfaces in found.items()})

    def japanese(self, english: str) -> list[str]:
        """The surfaces of the names the text writes in romaji, in order of appearance.

        Only capitalised words count, as English writes names: a lower-case word that happens to spell a
        Japanese reading ("tame", "mine") is left alone. Adjacent capitalised words are tried together first."""
        words = list(_WORD.finditer(english))
        found: list[str] = []
        i = 0
        while i < len(words):
            for count in range(min(_MAX_WORDS, len(words) - i), 0, -1):
                group = words[i : i + count]
                spelling = "".join(w.group() for w in group).lower()
                if _one_name(english, group) and spelling in self._surfaces:
                    found.extend(self._surfaces[spelling])
                    i += count
                    break
            else:
                i += 1
        return list(dict.fromkeys(found))


def _starts_name(node: UnidicNode) -> bool:
    return node.feature.pos2 == "固有名詞" and not _LOANWORD.fullmatch(node.surface)


def _name_prefixes(nodes: Sequence[UnidicNode]) -> list[tuple[str, str]]:
    """(surface, reading) of the name alone and with each following piece: another proper noun, or a single
    kanji the dictionary cut off an unknown name (根 of 堤根). Stops at a space or a word without a reading."""
    prefixes: list[tuple[str, str]] = []
    surface = reading = ""
    for n, node in enumerate(nodes):
        piece = node.feature.pos2 == "固有名詞" or (len(node.surface) == 1 and bool(_KANJI.match(node.surface)))
        kana = node.feature.kana
        if n and (not piece or node.white_space):
            break
        if not kana or kana == "*":
            break
        surface, reading = surface + node.surface, reading + kana
        prefixes.append((surface, reading))
    return prefixes


def _one_name(text: str, words: Sequence[re.Match[str]]) -> bool:
    """Whether the words are capitalised and written as one name: joined only by a space or a hyphen."""
    if not all(w.group()[0].isupper() for w in words):
        return False
    return all(text[a.end() : b.start()] in _JOINERS for a, b in pairwise(words))
