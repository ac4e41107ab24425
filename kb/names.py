"""The documents' own names by their reading: "Omiya" or "Tsutsumine" in an English question also searches 大宮 /
堤根, and a Japanese question that spells a name in kana or romaji ("かわさきみらいエナジー", "Ukishima shori
センター") is read in the documents' spelling (川崎未来エナジー, 浮島処理センター).

The glossary covers climate vocabulary; the names of districts, plants and projects (浦和, 多摩, 浮島) are what
an English question cannot otherwise bring to the keyword side, and the dense model barely links a romanised name
to its kanji. The map is read from the stored texts with the dictionary's readings (fugashi + unidic-lite, spelled
by kb.romaji), so a new document's names need no list. Each document's part is read once, at ingest, and kept in
the catalog; the maps are merged from those parts once per knowledge-base generation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise

from pydantic import BaseModel

from ingest.kana import HIRAGANA, KANJI, KANJI_RUN, KATAKANA, KATAKANA_BLOCK
from ingest.normalize import normalize_text
from ingest.tagger import Word, tagged, words
from kb.romaji import spellings

_MAX_PIECES = 3
"""A name plus up to two pieces the dictionary split it into: 堤 + 根 is 堤根 (Tsutsumine), 大宮 + 駅."""
_MAX_WORDS = 3
"""Capitalised words read together as one name: "Urawa Misono", "Musashi-Kosugi"."""
_LOANWORD = re.compile(rf"[{KATAKANA_BLOCK}\x00-\x7f]+")
"""Katakana or Latin names are foreign words already: their romanised reading is not how English writes them."""
_WORD = re.compile(r"[A-Za-z]+")
_JOINERS = frozenset({" ", "-"})
_MAX_NOUNS = 4
"""Nouns read together as one term: 川崎 + 信用 + 金庫, 浮島 + 処理 + センター."""
_MIN_KANA = 4
"""Shorter kana (こと, ため, もの) are everyday words, not a name written in kana."""
_KANA_RUN = re.compile(rf"[{HIRAGANA}{KATAKANA}ー]+")
_LATIN_RUN = re.compile(r"[A-Za-z]+(?:[ -][A-Za-z]+)*")
_JAPANESE = re.compile(rf"[{HIRAGANA}{KATAKANA}{KANJI}]")
_PARTICLES = frozenset("のはがをにでともやへ")
"""A particle that starts a kana run after a kanji word: "栃木市のくららふぇすた" is の + くららふぇすた."""
_MIXED_KANA = re.compile(rf"[{KANJI}々][{HIRAGANA}]|[{HIRAGANA}][{KANJI}々]")
"""Kanji beside hiragana inside a text: where a noun may be written half in kana (田んぼ, まち作り)."""
_ALL_KATAKANA = re.compile(rf"[{KATAKANA}ー]+")
"""A term written wholly in katakana, as the documents write a loanword."""
_HIRAGANA_TO_KATAKANA = str.maketrans({chr(c): chr(c + 0x60) for c in range(0x3041, 0x3097)})
_GEMINATED_FROM = "ツクチキ"
"""The kana a Sino-Japanese morpheme ends in when a compound doubles the next consonant instead: 脱炭素 is read
ダッタンソ, and people spelling it morpheme by morpheme write だつたんそ."""


NAMES_VERSION = 1
"""Raise when what count_names reads changes: counts a catalog kept under another version are read anew."""


class NameCounts(BaseModel):
    """One document's names: romanised spelling -> the surfaces it writes, reading -> surface -> how often."""

    names: dict[str, list[str]]
    terms: dict[str, dict[str, int]]


class DocumentNames:
    """Romanised spelling -> the surfaces the documents write a proper noun with, and the reading (katakana or
    romaji) of every noun term they use -> its usual surface; cheap to query on every search."""

    def __init__(
        self,
        surfaces: dict[str, tuple[str, ...]],
        terms: dict[str, str] | None = None,
        romaji_terms: dict[str, str] | None = None,
        kana_words: set[str] | None = None,
        written: set[str] | None = None,
    ) -> None:
        self._surfaces = surfaces
        self._terms = terms or {}
        self._romaji_terms = romaji_terms or {}
        self._kana_words = kana_words or set()
        self._written = written or set()
        self._longest = max(map(len, self._terms), default=0)

    @classmethod
    def build(cls, texts: Iterable[str]) -> DocumentNames:
        return cls.merge(count_names(text) for text in texts)

    @classmethod
    def merge(cls, documents: Iterable[NameCounts]) -> DocumentNames:
        """The maps of several documents from what each one contributes: a term's usual surface is the one
        written most often across all of them."""
        found: dict[str, set[str]] = {}
        terms: dict[str, Counter[str]] = {}
        for counts in documents:
            for spelling, surfaces in counts.names.items():
                found.setdefault(spelling, set()).update(surfaces)
            for reading, surfaces in counts.terms.items():
                terms.setdefault(reading, Counter()).update(surfaces)
        usual = {reading: counts.most_common(1)[0][0] for reading, counts in terms.items()}
        romaji: dict[str, str] = {}
        for reading, surface in sorted(usual.items(), key=lambda item: -terms[item[0]][item[1]]):
            for spelling in spellings(reading):
                romaji.setdefault(spelling, surface)
        written = {surface for counts in terms.values() for surface in counts}
        kana_words = {surface for surface in written if _KANA_RUN.fullmatch(surface)}
        by_reading = {reading: surface for reading, surface in usual.items() if len(reading) >= _MIN_KANA}
        for reading, surface in list(by_reading.items()):
            for spelled in _ungeminated(reading):
                by_reading.setdefault(spelled, surface)
        return cls(
            {spelling: tuple(sorted(surfaces)) for spelling, surfaces in found.items()},
            by_reading,
            romaji,
            kana_words,
            written,
        )

    def respell(self, text: str) -> str:
        """A Japanese text with the names it writes in kana or romaji spelled as the documents write them.

        Kana is read only from the start of a run (after a leading particle), not from a verb's ending, and a
        kana word the documents themselves use (まちづくり) stays as written. Romaji is read only beside
        Japanese: an English question keeps its words, and kb/query.py adds their Japanese instead."""
        if not _JAPANESE.search(text):
            return text
        text = _LATIN_RUN.sub(self._romaji_respelled, text)
        text = _KANA_RUN.sub(lambda run: self._kana_respelled(text, run), text)
        return self._mixed_respelled(text)

    def _mixed_respelled(self, text: str) -> str:
        """Nouns written half in kana that the documents write otherwise ("見沼田んぼ" for 見沼田圃, "まち作り" for
        まちづくり): the same word by its reading, spelled as the documents spell it. Only a word the documents
        never write is touched; a kana run after kanji is no name for _kana_respelled to read."""
        if not _MIXED_KANA.search(text):
            return text
        nodes = tagged(text)
        for start in range(len(nodes)):
            for surface, reading in reversed(list(_noun_terms(nodes[start : start + _MAX_NOUNS]))):
                usual = self._terms.get(reading)
                if _is_mixed(surface) and surface not in self._written and usual is not None and usual != surface:
                    text = text.replace(surface, usual)
                    break
        return text

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

    def _kana_respelled(self, text: str, run: re.Match[str]) -> str:
        kana = run.group()
        after_kanji = run.start() > 0 and bool(KANJI_RUN.match(text[run.start() - 1]))
        starts = [1] if kana[0] in _PARTICLES else []
        if not after_kanji or self._loanword_at(kana):
            starts.insert(0, 0)
        for start in starts:
            respelled = self._chain(kana, start)
            if respelled is not None:
                return kana[:start] + respelled
        return kana

    def _chain(self, kana: str, start: int) -> str | None:
        """The run from `start` as a chain of document terms read greedily, longest first, each maybe after a
        particle (とちぎしがおおひら: 栃木市が大平), then the rest as written; None when no term starts there."""
        out: list[str] = []
        i = start
        while i < len(kana):
            term = self._term_at(kana, i)
            if term is None and out and kana[i] in _PARTICLES:
                term = self._term_at(kana, i + 1)
                if term is not None:
                    out.append(kana[i])
                    i += 1
            if term is None:
                break
            out.append(term[0])
            i = term[1]
        return "".join(out) + kana[i:] if out else None

    def _loanword_at(self, kana: str) -> bool:
        """Whether the run starts with a word the documents write in katakana, spelled in hiragana: after kanji
        that is a loanword (脱炭素ぷらっとふぉーむ), where a verb's ending never spells one."""
        term = self._term_at(kana, 0)
        return term is not None and _ALL_KATAKANA.fullmatch(term[0]) is not None and term[0] != kana[: len(term[0])]

    def _term_at(self, kana: str, i: int) -> tuple[str, int] | None:
        """The longest document term the kana from `i` spells, in the documents' spelling, and where it ends."""
        for end in range(min(len(kana), i + self._longest), i + _MIN_KANA - 1, -1):
            written = kana[i:end]
            surface = self._terms.get(written.translate(_HIRAGANA_TO_KATAKANA))
            if surface is not None:
                return (written if written in self._kana_words else surface), end
        return None

    def _romaji_respelled(self, run: re.Match[str]) -> str:
        """Romanised words read greedily as document terms, up to _MAX_NOUNS words at a time; the rest kept."""
        words = list(_WORD.finditer(run.group()))
        pieces: list[str] = []
        i = 0
        while i < len(words):
            for count in range(min(_MAX_NOUNS, len(words) - i), 0, -1):
                group = words[i : i + count]
                surface = self._romaji_terms.get("".join(w.group() for w in group).lower())
                if surface is not None:
                    pieces.append(surface)
                    i += count
                    break
            else:
                pieces.append(words[i].group())
                i += 1
        return " ".join(pieces)


def count_names(text: str) -> NameCounts:
    """What one document contributes to the maps; tagging is the dear part, so the catalog keeps it per
    document and a new document is read once, not every document after every change."""
    names: dict[str, set[str]] = {}
    terms: dict[str, Counter[str]] = {}
    nodes = words(normalize_text(text))
    for start, node in enumerate(nodes):
        if _starts_name(node):
            for surface, reading in _name_prefixes(nodes[start : start + _MAX_PIECES]):
                for spelling in spellings(reading):
                    names.setdefault(spelling, set()).add(surface)
        for surface, reading in _noun_terms(nodes[start : start + _MAX_NOUNS]):
            terms.setdefault(reading, Counter())[surface] += 1
    return NameCounts(
        names={spelling: sorted(surfaces) for spelling, surfaces in names.items()},
        terms={reading: dict(counts) for reading, counts in terms.items()},
    )


def _ungeminated(reading: str) -> set[str]:
    """The reading spelled morpheme by morpheme: each ッ as the kana it stands for (ダッタンソ: ダツタンソ)."""
    if "ッ" not in reading:
        return set()
    head, _, rest = reading.partition("ッ")
    tails = _ungeminated(rest) | {rest}
    return {head + kana + tail for kana in _GEMINATED_FROM for tail in tails}


def _starts_name(node: Word) -> bool:
    return node.pos2 == "固有名詞" and not _LOANWORD.fullmatch(node.surface)


def _name_prefixes(nodes: Sequence[Word]) -> list[tuple[str, str]]:
    """(surface, reading) of the name alone and with each following piece: another proper noun, or a single
    kanji the dictionary cut off an unknown name (根 of 堤根). Stops at a space or a word without a reading."""
    prefixes: list[tuple[str, str]] = []
    surface = reading = ""
    for n, node in enumerate(nodes):
        piece = node.pos2 == "固有名詞" or (len(node.surface) == 1 and bool(KANJI_RUN.match(node.surface)))
        if (n and (not piece or node.spaced)) or node.kana is None:
            break
        surface, reading = surface + node.surface, reading + node.kana
        prefixes.append((surface, reading))
    return prefixes


def _noun_terms(nodes: Sequence[Word]) -> Iterator[tuple[str, str]]:
    """(surface, katakana reading) of a noun and of it with each following noun or suffix, up to a space or a
    word without a reading: 川崎, 川崎信用, 川崎信用金庫."""
    surface = reading = ""
    for n, node in enumerate(nodes):
        noun = node.pos1 == "名詞" or (n > 0 and node.pos1 == "接尾辞")
        if not noun or (n and node.spaced) or node.kana is None:
            return
        surface, reading = surface + node.surface, reading + node.kana
        yield surface, reading


def _is_mixed(surface: str) -> bool:
    """A word written in kanji and hiragana both."""
    return bool(KANJI_RUN.search(surface)) and bool(re.search(f"[{HIRAGANA}]", surface))


def _one_name(text: str, words: Sequence[re.Match[str]]) -> bool:
    """Whether the words are capitalised and written as one name: joined only by a space or a hyphen."""
    if not all(w.group()[0].isupper() for w in words):
        return False
    return all(text[a.end() : b.start()] in _JOINERS for a, b in pairwise(words))
