"""What a question asks for: its language, the kind of answer it wants, the years and figures it names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ingest.normalize import normalize_text

_JAPANESE_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_WESTERN_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年|\s*fy|(?!\d))", re.IGNORECASE)
_ERA_YEAR = re.compile(r"(令和|平成)\s*(\d{1,2}|元)\s*年")
_ERA_START = {"令和": 2018, "平成": 1988}
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*\s*(?:%|％|万|億|千|t|トン|kW|MW|GW|kWh|件|人|台|基|者|団体|社|か所|箇所)")


class AnswerKind(StrEnum):
    figure = "figure"
    date = "date"
    organisation = "organisation"
    listing = "listing"
    general = "general"


_KIND_CUES: tuple[tuple[AnswerKind, re.Pattern[str]], ...] = (
    (
        AnswerKind.date,
        re.compile(r"いつ|何年|何月|何日|日付|日程|開催日|時期|when|what date|which year|what year", re.I),
    ),
    (
        AnswerKind.figure,
        re.compile(
            r"何%|何パーセント|どれ(?:くらい|ぐらい|だけ)|どの(?:くらい|程度)|何(?:万|トン|件|人|台|基|社|か所|団体)"
            r"|いくつ|いくら|目標値|削減目標|数値|割合|排出量|導入量|人口|面積|how (?:much|many)|percent|target"
            r"|figure|amount|number of",
            re.I,
        ),
    ),
    (
        AnswerKind.organisation,
        re.compile(
            r"どこ|誰|だれ|どの(?:組織|団体|部署|課|会議|機関|企業)|組織|団体|部署|担当|事務局|主催|会長"
            r"|who|which (?:organi[sz]ation|department|body|company|office)|organi[sz]ation|department",
            re.I,
        ),
    ),
    (
        AnswerKind.listing,
        re.compile(
            r"どのような|どんな|何が|何を|挙げ|一覧|種類|内容|取組|施策|方策|柱|what (?:are|were)|which|list|measures",
            re.I,
        ),
    ),
)


@dataclass(frozen=True)
class QuestionFacts:
    text: str
    lang: str
    kind: AnswerKind
    years: tuple[str, ...]
    figures: tuple[str, ...]


def detect_language(text: str) -> str:
    """'ja' when the question holds any kana or kanji, else 'en': the answer is written in this language."""
    return "ja" if _JAPANESE_CHAR.search(text) else "en"


def years_in(text: str) -> tuple[str, ...]:
    """Western years named in the text, with era years (令和12年) converted, so either spelling matches."""
    normalized = normalize_text(text)
    found = [m.group(1) for m in _WESTERN_YEAR.finditer(normalized)]
    for era, number in _ERA_YEAR.findall(normalized):
        found.append(str(_ERA_START[era] + (1 if number == "元" else int(number))))
    return tuple(dict.fromkeys(found))


def era_spellings(year: str) -> tuple[str, ...]:
    """The ways a document may write a western year: 2030 -> 2030, 令和12."""
    value = int(year)
    spellings = [year]
    for era, start in _ERA_START.items():
        if value - start >= 1 and (era == "令和" or value <= 2019):
            spellings.append(f"{era}{value - start}")
    return tuple(spellings)


def analyse(question: str) -> QuestionFacts:
    normalized = normalize_text(question)
    kind = next((k for k, cue in _KIND_CUES if cue.search(normalized)), AnswerKind.general)
    return QuestionFacts(
        text=question,
        lang=detect_language(question),
        kind=kind,
        years=years_in(question),
        figures=tuple(m.group(0) for m in _FIGURE.finditer(normalized)),
    )
