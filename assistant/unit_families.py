"""Units of measure: which unit a question asks its figure in, and what a figure in that unit looks like.

A unit names the measure: "33万kW" is a capacity, not the kWh of energy "何kWh" asks for, and "何トン減らす" is not
answered by the same target's percentage. Two readers use these families: the admissibility rule (a quote must
write the asked unit, `asked_unit`) and the answerer's figure pattern (a sentence must give a figure in
it, `asked_figure`). They read questions differently (only "何" before a unit, on normalised text; or any cue,
English too, on the question as written), so a family carries both readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.quotable import ROW_DAY


@dataclass(frozen=True)
class FigureCue:
    """Wording that asks for a figure of the family ("何万トン", "how many tonnes"), and what such a figure looks
    like in a sentence ("330t-CO2")."""

    cue: re.Pattern[str]
    figure: re.Pattern[str]


@dataclass(frozen=True)
class AskedUnit:
    """The unit after "何" in a normalised question ("何万t-CO2"), as a pattern, and how a normalised document
    writes it (normalize_text makes "％" "%")."""

    asked: str
    written: re.Pattern[str]


@dataclass(frozen=True)
class UnitFamily:
    """One measure's unit, however it is written ("kWh", "キロワット時")."""

    name: str
    """A Python identifier: it names the family's group in the asked-unit pattern."""
    unit: AskedUnit | None = None
    cues: tuple[FigureCue, ...] = ()


def _case_blind(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


UNIT_FAMILIES: tuple[UnitFamily, ...] = (
    UnitFamily("energy", AskedUnit(r"[kMGT]Wh|キロワット時", _case_blind(r"[kMGT]Wh|キロワット時"))),
    UnitFamily(
        "co2_mass",
        AskedUnit(r"t-?CO2|トン|t(?![A-Za-z])", _case_blind(r"t-?CO2|トン|(?<![A-Za-z])t(?![A-Za-z])")),
        (
            FigureCue(
                _case_blind(r"何\s*万?\s*トン|how many (?:tonnes|tons)"),
                re.compile(r"\d\s*[万千]?\s*(?:t-?CO2|トン|t(?![a-z]))"),
            ),
        ),
    ),
    UnitFamily(
        "area",
        cues=(
            FigureCue(
                _case_blind(r"何\s*(?:ヘクタール|ha\b)|how many hectares"), re.compile(r"\d\s*(?:ha|ヘクタール)")
            ),
        ),
    ),
    UnitFamily(
        "power",
        AskedUnit(r"[kMGT]W|キロワット", _case_blind(r"[kMGT]W(?!h)|キロワット(?!時)")),
        (
            FigureCue(
                _case_blind(r"何\s*万?\s*(?:kW|キロワット)|how many (?:kW|kilowatts)"), re.compile(r"\d\s*万?\s*kW")
            ),
            # an installed capacity is a figure in kW: the year's energy in kWh is another measure
            FigureCue(_case_blind(r"capacity|(?:設備|発電)容量"), re.compile(r"\d\s*万?\s*kW(?![hH])")),
        ),
    ),
    UnitFamily("share", AskedUnit(r"%|パーセント", re.compile(r"%|パーセント"))),
    UnitFamily("heat", AskedUnit(r"[TGP]J", _case_blind(r"[TGP]J(?![A-Za-z])"))),
    UnitFamily(
        "people",
        cues=(
            # a count of people is also the figure ending a row of a table of dated events ("3 月 10 日（日）
            # くららフェスタ 2024 2000" under a 参加人数 column), not a figure ending a name ("制度5")
            FigureCue(
                _case_blind(r"何\s*(?:人|名)|how many (?:people|persons|participants|members)"),
                re.compile(rf"\d\s*(?:人|名)|{ROW_DAY.pattern}.*\d[^\S\n]*$", re.MULTILINE),
            ),
        ),
    ),
    UnitFamily(
        "duration",
        cues=(
            # a time taken ("どれくらいで行ける", "何分", "how long") is a figure in minutes, hours, days or years
            # ("東京駅まで18分"), not the emissions beside it; "何分野" asks a field, "5分の1" is a fraction
            FigureCue(
                _case_blind(
                    r"どれ(?:くらい|ぐらい|だけ)の?(?:時間|で(?:行|着|到着|移動|通|来))"
                    r"|何\s*(?:分(?![野類析担布])|時間|日間|年間|[かヶカ]月)|所要時間"
                    r"|how long|how many (?:minutes|hours)"
                ),
                re.compile(r"\d\s*(?:分(?![の野])|時間|日間|年間|[かヶカ]月)"),
            ),
        ),
    ),
)
"""In the order the readers try them: kWh before kW, which is its prefix; the answerer's cues mass, area, power,
capacity, people, duration."""

_WRITTEN = {f.name: f.unit.written for f in UNIT_FAMILIES if f.unit is not None}
_ASKED_UNIT = re.compile(
    r"何\s*(?:万|億|千)?\s*(?:{})".format(
        "|".join(f"(?P<{f.name}>{f.unit.asked})" for f in UNIT_FAMILIES if f.unit is not None)
    ),
    re.IGNORECASE,
)
"""A unit the question asks its figure in: "何kWh", "何万t-CO2", "何%"; its group names its family."""


def asked_unit(normalized_question: str) -> re.Pattern[str] | None:
    """How a document writes the unit a (normalised) question asks its figure in ("何kWh": "kWh", "キロワット時"), or
    None when it names none."""
    found = _ASKED_UNIT.search(normalized_question)
    return None if found is None or found.lastgroup is None else _WRITTEN[found.lastgroup]


def asked_figure(question: str) -> re.Pattern[str] | None:
    """What a figure in the unit the question asks for looks like ("何トン減らす": "330t-CO2"), or None: only a
    sentence giving one answers, not the same target's percentage or another figure of the same year."""
    return next((c.figure for f in UNIT_FAMILIES for c in f.cues if c.cue.search(question)), None)
