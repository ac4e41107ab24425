"""Threshold questions: "参加者が100人より多かったのはどれ？" / "which events drew more than 100 participants?" names
a figure to compare a table's rows with, not a fact the documents must state.

The figure is the question's filter: the answer is every row of the matching table whose trailing figure passes it
(assistant.superlatives finds the table and quotes the rows), and the figure must not be reported as a premise
the documents lack ("ご質問の「100人」は、引用した箇所には書かれていません").
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from assistant.counters import COUNTER_ALTERNATION, is_counter
from ingest.kana import HIRAGANA
from ingest.normalize import normalize_text


class Comparison(StrEnum):
    above = "above"
    at_least = "at_least"
    below = "below"
    at_most = "at_most"


_COMPARE: dict[Comparison, Callable[[float, float], bool]] = {
    Comparison.above: operator.gt,
    Comparison.at_least: operator.ge,
    Comparison.below: operator.lt,
    Comparison.at_most: operator.le,
}


_NUMBER = r"(?P<value>\d[\d,]*(?:\.\d+)?)"
_UNIT = rf"(?P<unit>{COUNTER_ALTERNATION}|%|t-?CO2|トン|t(?![a-z])|kW|ha)?"
_FIGURE = rf"(?P<figure>{_NUMBER}\s*(?:万\s*)?{_UNIT})"
_JA_CUES: tuple[tuple[Comparison, str], ...] = (
    (Comparison.above, r"\s*(?:より(?:も)?\s*(?:多|大き|高|上)|を?\s*超え|を?\s*上回|超(?!過))"),
    (Comparison.at_least, r"\s*以上"),
    (Comparison.below, r"\s*(?:未満|より(?:も)?\s*(?:少な|小さ|低|下)|を?\s*下回)"),
    (Comparison.at_most, r"\s*以下"),
)
_EN_CUES: tuple[tuple[Comparison, str], ...] = (
    (Comparison.above, r"\b(?:more|greater|higher|larger) than\s+|\b(?:over|above|exceeding)\s+"),
    (Comparison.at_least, r"\bat least\s+"),
    (Comparison.below, r"\b(?:fewer|less|lower|smaller) than\s+|\b(?:under|below)\s+"),
    (Comparison.at_most, r"\bat most\s+|\bno more than\s+"),
)
_INFLECTION = f"[{HIRAGANA}]*"
"""The rest of the comparing word ("多かった", "超える"): part of the comparison, not of what it is about."""
_ASKS: tuple[tuple[Comparison, re.Pattern[str]], ...] = (
    *((comparison, re.compile(rf"{_FIGURE}(?:{cue}){_INFLECTION}")) for comparison, cue in _JA_CUES),
    *((comparison, re.compile(rf"(?:{cue}){_FIGURE}", re.IGNORECASE)) for comparison, cue in _EN_CUES),
)
"""A figure followed by a Japanese comparison ("100人より多い", "50%以上"), or preceded by an English one."""
_CO2 = re.compile(r"-?CO2$")
_SAME_UNIT = {"トン": "t", "名": "人"}
_SELECTS = re.compile(r"どれ|どの|どこ|どんな|何が|なに|教え|挙げ|一覧|which|what|list", re.IGNORECASE)
"""A question that picks things out by the figure; "50%以上削減する目標は何年度？" asks a fact of one."""


@dataclass(frozen=True)
class Threshold:
    value: float
    unit: str
    comparison: Comparison
    figure: str
    """The figure as the question writes it, normalized ("100人"): a filter, never a premise to check."""
    phrase: str = ""
    """The whole comparison ("100人より多"): its words say how to pick the rows, not which table holds them."""

    def passes(self, value: float) -> bool:
        return _COMPARE[self.comparison](value, self.value)

    def measures(self, unit: str) -> bool:
        """Whether a table's figures in `unit` compare with this one: the same unit, or bare counts under a
        header that names what they count ("参加人数"), not on each row."""
        mine, theirs = _spelled_one_way(self.unit), _spelled_one_way(unit)
        return mine == theirs or (not theirs and (not mine or is_counter(mine)))


def _spelled_one_way(unit: str) -> str:
    """ "万トン", "万t-CO2" -> "万t": a unit as a question and a table may each write it."""
    unit = _CO2.sub("", unit.replace(" ", ""))
    scale = "万" if unit.startswith("万") else ""
    rest = unit.removeprefix("万")
    return scale + _SAME_UNIT.get(rest, rest)


def asked_threshold(question: str) -> Threshold | None:
    """The figure the question filters by and the direction, None when it names no threshold or asks no
    selection of things."""
    normalized = normalize_text(question)
    if not _SELECTS.search(normalized):
        return None
    found = [(comparison, m) for comparison, cue in _ASKS for m in cue.finditer(normalized)]
    if len(found) != 1:
        return None  # "100人以上500人未満": a range, or two filters, is not read as one
    comparison, match = found[0]
    figure = match.group("figure").strip()
    unit = ("万" if "万" in figure else "") + (match.group("unit") or "")
    return Threshold(float(match.group("value").replace(",", "")), unit, comparison, figure, match.group(0))
