"""What a question takes as given, read so that the documents can correct it.

A question often states what the asker believes: "連携協定を3本結んだと聞きました", "一般家庭3万世帯分",
"橘処理センター" spelled as the asker remembers it. The documents' own figure for the same counted thing, or their
spelling of the same name, is then the answer: the assistant quotes it rather than abstaining or quoting the
asker's subject alone.
"""

from __future__ import annotations

import re

from assistant.counters import is_counter
from assistant.question import figure_unit, figures_in
from ingest.kana import KANJI, KANJI_RUN, KATAKANA
from ingest.normalize import normalize_text

_PARTICLE = r"(?:を|が|は|の|で|も)?"
COUNTED_NOUN = rf"([{KANJI}{KATAKANA}ー々]{{2,}})"
"""A run of kanji and katakana a count can count ("連携協定", "基本的施策", "ステーション"), captured."""
_COUNTED = re.compile(rf"{COUNTED_NOUN}{_PARTICLE}\s*$")
"""The noun a figure counts, right before it: "連携協定を" before "3本", "一般家庭" before "3万世帯"."""
_COUNTED_AFTER = re.compile(rf"\s*の\s*{COUNTED_NOUN}")
"""The noun a figure counts, after it and の: "基本的施策" after "5つの"."""
_TSU_COUNT = re.compile(r"\d{1,2}\s*つ(?!目)")
"""A count of things in general ("基本的施策は5つ"), which the figure reader takes for no unit."""
_PREMISE_FIGURE = re.compile(r"\d[\d,.]*\s*(?:万|億|千)?\s*")
_MIN_SHARED_CHARS = 2
_LOOKALIKE_SPAN = 48
"""The Unified Ideographs block orders kanji by radical, then by stroke count: two kanji this close share their
radical and nearly their strokes (橘 U+6A58 and 橋 U+6A4B: 木 and 12 more strokes), which is what makes a reader, a
typist or a text extractor take one for the other. 北 and 南, different radicals, are further apart."""


def counted_patterns(question: str) -> list[re.Pattern[str]]:
    """A pattern per count the question states after the noun it counts, matching the documents' figure of that
    noun in the same unit, whatever its number: "連携協定を3本" -> "連携協定を2本締結した". A share or a measure
    is no count ("再エネ100%" would prefer any "再エネ100%電力")."""
    normalized = normalize_text(question)
    counts = [(figure_unit(f), normalized.find(f), len(f)) for f in figures_in(normalized)]
    counts += [("つ", found.start(), len(found.group(0))) for found in _TSU_COUNT.finditer(normalized)]
    patterns: list[re.Pattern[str]] = []
    for unit, at, length in counts:
        if not (is_counter(unit) or unit == "つ"):
            continue
        # "5つの基本的施策": the noun after の is counted, not the topic before ("推進戦略は5つの…")
        noun = _COUNTED_AFTER.match(normalized, at + length) or (_COUNTED.search(normalized[:at]) if at > 0 else None)
        if noun is not None:
            counted = re.escape(noun.group(1))
            figure_then = rf"{_PREMISE_FIGURE.pattern}{re.escape(unit)}"
            # Japanese counts either way round: "連携協定を2本締結した" and "7つの基本的施策を示しています".
            patterns.append(re.compile(rf"{counted}{_PARTICLE}\s*{figure_then}|{figure_then}の\s*{counted}"))
    return patterns


def same_name(asked: str, named: str) -> bool:
    """Whether a name the question uses is the documents' name: one contains the other, or, read from the end,
    they differ in one look-alike kanji followed by the same name type ("橘処理センター" is the documents'
    "橋処理センター"; "堤根処理センター" is not "浮島処理センター")."""
    if asked in named or named in asked:
        return True
    shared = _shared_tail(asked, named)
    if shared < _MIN_SHARED_CHARS or shared >= min(len(asked), len(named)):
        return False
    first, second = asked[-shared - 1], named[-shared - 1]
    return lookalike(first, second)


def lookalike(first: str, second: str) -> bool:
    """Two different kanji of one radical and about as many strokes (橘/橋), by their place in the Unicode block."""
    both = bool(KANJI_RUN.fullmatch(first)) and bool(KANJI_RUN.fullmatch(second))
    return both and first != second and abs(ord(first) - ord(second)) <= _LOOKALIKE_SPAN


def _shared_tail(first: str, second: str) -> int:
    """How many characters the two end with in common."""
    shared = 0
    while shared < min(len(first), len(second)) and first[-shared - 1] == second[-shared - 1]:
        shared += 1
    return shared
