"""Romanised spellings of Japanese place names, read with fugashi, so "Kawasaki" in a question means 川崎市.

Derived from the dictionary reading rather than listed by hand, so a municipality added to the knowledge base
is recognised in English questions without anyone editing a table. Hepburn, as English texts write it: long
vowels unmarked ("Tokyo", not "Toukyou"), so both the literal and the shortened spelling are produced.
"""

from __future__ import annotations

import re

from ingest.tagger import tagger

_SUFFIXES = ("市", "区", "町", "村", "県", "都", "府")
_MIN_LETTERS = 4
"""Shorter romanisations ("Ota", "Mito") collide too easily with English words to be used."""

_DIGRAPHS = {
    f"{head}{small}": f"{roman}{vowel}"
    for head, roman in (
        ("キ", "ky"),
        ("ギ", "gy"),
        ("ニ", "ny"),
        ("ヒ", "hy"),
        ("ビ", "by"),
        ("ピ", "py"),
        ("ミ", "my"),
        ("リ", "ry"),
        ("シ", "sh"),
        ("ジ", "j"),
        ("チ", "ch"),
    )
    for small, vowel in (("ャ", "a"), ("ュ", "u"), ("ョ", "o"))
}
_ROWS = {
    "": "アイウエオ",
    "k": "カキクケコ",
    "g": "ガギグゲゴ",
    "s": "サシスセソ",
    "z": "ザジズゼゾ",
    "t": "タチツテト",
    "d": "ダヂヅデド",
    "n": "ナニヌネノ",
    "h": "ハヒフヘホ",
    "b": "バビブベボ",
    "p": "パピプペポ",
    "m": "マミムメモ",
    "r": "ラリルレロ",
}
_KANA = {kana: consonant + vowel for consonant, row in _ROWS.items() for kana, vowel in zip(row, "aiueo", strict=True)}
_KANA |= {"シ": "shi", "ジ": "ji", "チ": "chi", "ヂ": "ji", "ツ": "tsu", "ヅ": "zu", "フ": "fu"}
_KANA |= {"ヤ": "ya", "ユ": "yu", "ヨ": "yo", "ワ": "wa", "ヲ": "o", "ン": "n"}
_LONG_VOWELS = re.compile(r"(?<=[aeiou])ー|(?<=o)[ou]|(?<=u)u")


def romanise(katakana: str) -> str | None:
    """Hepburn spelling of a katakana reading, or None when it holds a character outside the table."""
    out: list[str] = []
    double_next = False
    i = 0
    while i < len(katakana):
        pair = katakana[i : i + 2]
        if pair in _DIGRAPHS:
            syllable, i = _DIGRAPHS[pair], i + 2
        elif katakana[i] == "ッ":
            double_next, i = True, i + 1
            continue
        elif katakana[i] == "ー":
            syllable, i = "ー", i + 1
        elif katakana[i] in _KANA:
            syllable, i = _KANA[katakana[i]], i + 1
        else:
            return None
        if double_next:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
            double_next = False
        out.append(syllable)
    return "".join(out)


def romanised_names(name: str) -> set[str]:
    """English spellings of a place name without its 市/区/... suffix: {"kawasaki"} for 川崎市."""
    stem = name[:-1] if name.endswith(_SUFFIXES) and len(name) > 1 else name
    readings: list[str] = []
    for node in tagger()(stem):
        reading = node.feature.kana  # None for a word the dictionary does not know
        if not reading or reading == "*":
            return set()
        readings.append(reading)
    return spellings("".join(readings))


def spellings(katakana: str) -> set[str]:
    """A reading's English spellings, long vowels shortened ("omiya") and literal ("oomiya"); none when the reading
    is too short to tell from an English word or holds a character outside the table."""
    literal = romanise(katakana)
    if literal is None:
        return set()
    english = _LONG_VOWELS.sub("", literal)
    if len(english) < _MIN_LETTERS:
        return set()
    return {english, literal.replace("ー", "")}
