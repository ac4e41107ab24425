"""Check a language model's answer against the passages it was given, before anyone reads it.

A model can misnumber a citation, leave a sentence unsourced or change a figure while copying it ("60%" where the
passage says 50%). Three rules catch those, all on text normalised with ingest.normalize.normalize_text (so
full-width digits, ％ and spacing compare equal):

1. every [n] names a passage that was given (1..number of passages);
2. every sentence carries at least one [n];
3. every figure in a sentence (a number, with its unit: 年度, 年, 月, %, 万, t ... and its ▲/△/- sign) occurs in a
   passage that sentence cites: the same value, with the same unit (or a bare number there, as in
   "2030～2050年"), and signed there if the answer signs it.

Not checked: numbers written in kanji or words (五十, half); digits glued to Latin letters (CO2, PM2.5), which are
names, not figures. Everything here is a pure function.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from assistant.sentences import TERMINATORS
from ingest.normalize import normalize_text

MARKER = re.compile(r"[\[［]\s*([0-9０-９]+(?:\s*[,、，]\s*[0-9０-９]+)*)\s*[\]］]")
"""A citation marker: [1], [1, 2], [1、2] (full-width forms too); [1][2] is two markers."""

_SENTENCE_END = re.compile(rf"(?:[{TERMINATORS}]|\.(?=\s|\[|$))[」』)）】〕]*(?:\s*\[[0-9,、\s]+\])*")
"""A sentence's end: its terminator, closing brackets after it, and the markers that follow it."""
_WORD = re.compile(r"[^\W_]")

_NUMBER = re.compile(r"(?<![0-9.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_SIGNS = "▲△−-"
_UNITS: tuple[tuple[str, str], ...] = (
    ("year", r"年度|年"),
    ("months", r"か月|ヶ月|カ月|ケ月|箇月"),
    ("month", r"月"),
    ("day", r"日"),
    ("percent", r"%|パーセント|per\s?cent"),
    ("man", r"万"),
    ("oku", r"億"),
    ("sen", r"千"),
    ("kwh", r"kWh"),
    ("mwh", r"MWh"),
    ("gwh", r"GWh"),
    ("kw", r"kW"),
    ("mw", r"MW"),
    ("gw", r"GW"),
    ("ton", r"t(?![a-z])|トン|tons?\b|tonnes?\b"),
    ("yen", r"円|yen\b"),
    ("ha", r"ha\b|ヘクタール"),
    ("count", r"件|人|台|基|社|か所|箇所|カ所|団体|世帯|校|戸|回|倍|施策|項目|事業"),
)
_UNIT = re.compile(r"\s?(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _UNITS) + ")")
_LITERAL_UNITS = {"count"}
"""Unit classes compared by the word itself: 50人 is not 50件."""
_OTHER_UNIT = "other"


@dataclass(frozen=True)
class Figure:
    """A number as written, reduced to what must match: its value, unit class and whether it is signed."""

    text: str
    value: str
    unit: str
    signed: bool


@dataclass(frozen=True)
class Claim:
    """One sentence of an answer: its normalised text without markers, the passages it cites, its figures."""

    text: str
    cites: tuple[int, ...]
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str
    claims: tuple[Claim, ...]

    @property
    def cited(self) -> tuple[int, ...]:
        """The passages cited, in order of first use."""
        return tuple(dict.fromkeys(n for claim in self.claims for n in claim.cites))


def marker_numbers(group: str) -> tuple[int, ...]:
    """The passage numbers inside one marker's brackets ("1、2" -> (1, 2))."""
    return tuple(int(n) for n in re.split(r"\s*[,、，]\s*", group.strip()))


def claims(answer: str) -> list[Claim]:
    """Split an answer into sentences (line by line, then after 。！？!? or a full stop) with their markers.

    Markers may stand before or after the full stop ("削減です[1]。" or "削減です。[1]"); a piece holding only
    markers belongs to the sentence before it, and pieces without a word (a lone "」") are dropped.
    """
    result: list[Claim] = []
    for line in answer.splitlines():
        text = normalize_text(line)
        pieces: list[str] = []
        start = 0
        for end in _SENTENCE_END.finditer(text):
            pieces.append(text[start : end.end()])
            start = end.end()
        pieces.append(text[start:])
        for piece in pieces:
            cites = tuple(n for group in MARKER.findall(piece) for n in marker_numbers(group))
            bare = " ".join(MARKER.sub(" ", piece).split())
            if not _WORD.search(bare):
                if cites and result:
                    last = result[-1]
                    result[-1] = Claim(last.text, last.cites + cites, last.figures)
                continue
            result.append(Claim(bare, cites, tuple(figures(bare))))
    return result


def figures(text: str, *, passage: bool = False) -> list[Figure]:
    """The figures in normalised text. In a passage, an unrecognised word after a number is a unit of its own
    ("第50条" is no 50%); in an answer it is just the next word ("2030 and"), so it puts no constraint."""
    found: list[Figure] = []
    for match in _NUMBER.finditer(text):
        start, end = match.span()
        before = text[max(0, start - 2) : start]
        if before[-1:].isascii() and before[-1:].isalpha() and before.upper() != "FY":
            continue  # CO2, PM2.5, H2: part of a name
        try:
            value = format(Decimal(match.group().replace(",", "")).normalize(), "f")
        except InvalidOperation:  # pragma: no cover - the pattern only matches digits
            continue
        unit_match = _UNIT.match(text, end)
        if unit_match is not None:
            unit = unit_match.lastgroup or ""
            if unit in _LITERAL_UNITS:
                unit = unit_match.group().strip()
            end = unit_match.end()
        elif passage and end < len(text) and _WORD.match(text[end]):
            unit = _OTHER_UNIT
        else:
            unit = ""
        found.append(Figure(text[start:end].strip(), value, unit, _signed(text, start)))
    return found


def _signed(text: str, start: int) -> bool:
    """A minus or reduction mark (▲ △ − -) right before the number; a hyphen counts only if it follows no
    letter or digit (so 2030-2050 and t-CO2 are not signs)."""
    position = start - 1
    if position >= 0 and text[position] == " ":
        position -= 1
    if position < 0 or text[position] not in _SIGNS:
        return False
    return not (text[position] == "-" and position > 0 and text[position - 1].isalnum())


def supported(figure: Figure, passage_figures: Sequence[Figure]) -> bool:
    """Whether a passage holds the figure: same value, a compatible unit, a sign where the answer has one."""
    return any(
        p.value == figure.value and (not figure.signed or p.signed) and (not figure.unit or p.unit in (figure.unit, ""))
        for p in passage_figures
    )


def verify(answer: str, passages: Sequence[str]) -> Verdict:
    """Apply the three rules; the first broken one is the reason (empty when the answer passes)."""
    found = tuple(claims(answer))
    if not found:
        return Verdict(False, "the answer is empty", found)
    passage_figures = [figures(normalize_text(p), passage=True) for p in passages]
    for number, claim in enumerate(found, 1):
        if not claim.cites:
            return Verdict(False, f"sentence {number} cites no passage: {claim.text!r}", found)
        unknown = [n for n in claim.cites if not 1 <= n <= len(passages)]
        if unknown:
            return Verdict(
                False, f"sentence {number} cites [{unknown[0]}], but only [1]..[{len(passages)}] were given", found
            )
        for figure in claim.figures:
            if not any(supported(figure, passage_figures[n - 1]) for n in claim.cites):
                cited = "".join(f"[{n}]" for n in claim.cites)
                return Verdict(False, f"{figure.text!r} in sentence {number} is not in {cited}", found)
    return Verdict(True, "", found)
