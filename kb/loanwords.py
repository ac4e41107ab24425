"""English words the documents write as katakana loanwords: "green recovery" is グリーン・リカバリー, "energy" is
エネルギー or エナジー.

Plans write many English words in katakana, and an English question names them in Latin letters; no glossary lists
them all. A loanword keeps the English word's consonants in order (g-r-n in "green" and グリーン), so both
spellings are reduced to that consonant skeleton and compared. Katakana drops an English "r" before a consonant or
at a word's end (センター "center") but sometimes keeps it (エネルギー "energy"), and a "g" before e/i/y is soft in
English loans (エナジー) but hard in German ones (エネルギー): the English word yields a skeleton for each reading.
Short skeletons collide with unrelated words, so a word counts only with at least _MIN_CONSONANTS consonants.
Skeletons also collide where the words end differently: "comment" and コミュニティ are both k-m-n-t, but katakana
ends an English final consonant with a vowel of its own (コメント), never with the テ(ィ) of an English "-ty"; so
the loan must also end as the English word does (english_endings).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.kana import KATAKANA
from kb.romaji import romanise

_MIN_LETTERS = 5
"""Shorter English words ("more", "site") are function words or too short to tell apart by their consonants."""
_MIN_CONSONANTS = 3
_LONG_WORD = 6
"""A word this long may match a katakana word longer than three kana on two consonants ("energy" and エナジー,
n-j); a shorter one needs three ("people" is no アプリ)."""
_MIN_PAIRED = 4
"""Two words read as one loan ("carbon neutral") must each be this long: "plan to" is no プラント."""
_KATAKANA_RUN = re.compile(rf"[{KATAKANA}ー]{{{_MIN_CONSONANTS},}}")
"""A katakana run long enough to hold _MIN_CONSONANTS consonants, one kana giving one at most: "・" (グリーン・
リカバリー) and any other character end it."""
_SMALL_VOWELS = str.maketrans({"ァ": "", "ィ": "", "ゥ": "", "ェ": "", "ォ": "", "ヴ": "ブ"})
"""Small vowels only colour the consonant before them (プロジェクト, オフィス): the skeleton keeps the consonant."""
_ENGLISH_WORD = re.compile(r"[A-Za-z]+")
_VOWELS = "aeiouy"
# English spellings written as one katakana consonant: "ph" is フ, "ck" is ク, "x" is クス.
_ENGLISH_DIGRAPHS = (("tch", "C"), ("ch", "C"), ("sh", "s"), ("ph", "f"), ("th", "s"), ("ck", "k"), ("qu", "kw"))
_SOFT_C = re.compile(r"c(?=[eiy])")
# Katakana romanised: ch/sh/ts/j are one sound each, as the English side writes them.
_KANA_DIGRAPHS = (("ch", "C"), ("sh", "s"), ("ts", "t"))
_SILENT_E = re.compile(r"(?<=[^aeiouy])e$")
# How katakana ends an English word, by the word's last sound: after a consonant the vowel it adds (グループ,
# プラント) or ン; a softened ch/g its i (アプローチ, チャレンジ); a final r its ー or ア (センター,
# ソフトウェア); a final y its ー or i (エネルギー, コミュニティ, whose small ィ leaves テ's e).
_AFTER_CONSONANT = frozenset("uon")
_AFTER_SOFT = _AFTER_CONSONANT | {"i"}
_AFTER_R = frozenset("ーau")
_AFTER_Y = frozenset("ーie")


def _consonants(spelled: str) -> str:
    """The letters left when vowels and "h" (silent or part of a digraph already read) are dropped, doubled
    consonants once."""
    kept = [c for c in spelled if c not in _VOWELS and c != "h"]
    return "".join(c for n, c in enumerate(kept) if n == 0 or c != kept[n - 1])


def english_skeletons(word: str) -> dict[str, bool]:
    """The consonant skeletons a katakana loan of the English word may have, each with whether the loan must show
    a long vowel (ー) for it; none for a short word.

    A skeleton only had by dropping an "r" after a vowel needs the ー katakana writes for that "r" (センター
    "center", ファースト "first"): without it, "first" would be フェスタ and "support" スポット.
    """
    word = word.lower()
    if len(word) < _MIN_LETTERS:
        return {}
    least = _MIN_CONSONANTS - 1 if len(word) >= _LONG_WORD else _MIN_CONSONANTS
    for spelled, sound in _ENGLISH_DIGRAPHS:
        word = word.replace(spelled, sound)
    word = _SOFT_C.sub("s", word).replace("c", "k").replace("x", "ks").replace("v", "b").replace("l", "r")
    kept = {word, re.sub(r"g(?=[eiy])", "j", word)}
    dropped = {re.sub(r"(?<=[aeiou])r(?=[^aeiouy]|$)", "", r) for r in kept}
    skeletons = {s: True for r in dropped if len(s := _consonants(r)) >= least}
    return skeletons | {s: False for r in kept if len(s := _consonants(r)) >= least}


def english_endings(word: str) -> frozenset[str] | None:
    """The last letters ("ー" for a long vowel, "n" for ン) a katakana loan of the English word may end in; None
    when its last sound is a vowel other than y, which katakana may end in many ways."""
    word = word.lower()
    last = _SILENT_E.sub("", word)[-1:]
    if last == "y":
        return _AFTER_Y
    if last == "r":
        return _AFTER_R
    if word.endswith(("ch", "ge", "j")):
        return _AFTER_SOFT
    if last in _VOWELS + "hw" and not word.endswith(("sh", "th", "ph")):
        return None
    return _AFTER_CONSONANT


def katakana_ending(katakana: str) -> str:
    """A katakana word's last letter as english_endings names it: its vowel romanised, "n" for ン, "ー"."""
    spelled = romanise(katakana.translate(_SMALL_VOWELS))
    return spelled[-1] if spelled else ""


def katakana_skeleton(katakana: str) -> str | None:
    """A katakana word's consonant skeleton, or None when it has a character the romaniser does not read."""
    spelled = romanise(katakana.translate(_SMALL_VOWELS))
    if spelled is None:
        return None
    spelled = spelled.replace("ー", "").replace("l", "r")
    for digraph, sound in _KANA_DIGRAPHS:
        spelled = spelled.replace(digraph, sound)
    return _consonants(spelled)


class Loanwords:
    """The katakana words of the documents by consonant skeleton; cheap to query on every search."""

    def __init__(self, texts: Iterable[str]) -> None:
        """`texts`: the documents; every katakana run they write is a loanword an English question may name."""
        self._by_skeleton: dict[str, list[str]] = {}
        self._endings: dict[str, str] = {}
        for word in sorted({w for text in texts for w in _KATAKANA_RUN.findall(text)}):
            skeleton = katakana_skeleton(word)
            if skeleton is not None and len(skeleton) >= _MIN_CONSONANTS - (len(word) > _MIN_CONSONANTS):
                self._by_skeleton.setdefault(skeleton, []).append(word)
                self._endings[word] = katakana_ending(word)

    def japanese(self, english: str) -> list[str]:
        """The katakana words the English text's words, or two adjacent words as one ("carbon neutral" is
        カーボンニュートラル), may be loans of, in order of appearance."""
        words = _ENGLISH_WORD.findall(english)
        found: list[str] = []
        for n, word in enumerate(words):
            paired = words[n : n + 2]
            both_long = len(paired) == 2 and min(map(len, paired)) >= _MIN_PAIRED
            for spelled in (word, "".join(paired)) if both_long else (word,):
                endings = english_endings(spelled)
                for skeleton, long_vowel in sorted(english_skeletons(spelled).items()):
                    found.extend(
                        w
                        for w in self._by_skeleton.get(skeleton, ())
                        if (not long_vowel or "ー" in w) and (endings is None or self._endings[w] in endings)
                    )
        return list(dict.fromkeys(found))
