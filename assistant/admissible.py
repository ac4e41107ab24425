"""Which quotes can answer a question at all, whatever their score.

Some quotes look like an answer and are none: another term's figure ("第7期82名" for "第6期は何名"), a count taken
at another date ("令和6年3月31日現在" for "令和5年9月末時点の会員数"), or a date the document has left blank
("令和3年●月" for "令和3年の何月に策定"). The selector scores the sentences and then several
steps add quotes to the answer (list items, the value beside a label, a table's rows); every one of them consults
the same predicate, so no step brings such a quote back.

A passage can be ruled out as a whole too: "市はどのくらい出資してるの？" asks the amount of an investment, and a
passage that never names one (a platform's member table, with its "(単位:団体)") holds a figure of something else.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.question import (
    MONTH_OF_YEAR,
    AnswerKind,
    Month,
    Ordinal,
    QuestionFacts,
    months_in,
    ordinals_in,
    question_parts,
)
from assistant.unit_families import asked_unit
from ingest.kana import KANJI, KATAKANA_BLOCK
from ingest.normalize import normalize_text

Admits = Callable[[str], bool]
"""Whether a quote may be evidence for the question."""

_BLANK_DATE = re.compile(r"(?:年|年度)\s*[●○〇◯×✕□■＊*]+\s*月|[●○〇◯×✕□■＊*]+\s*月\s*[●○〇◯×✕□■＊*\d]*\s*日")
"""A date a draft leaves to be filled in ("令和3年●月", "○月○日")."""
_FILLED_MONTH = re.compile(r"\d\s*月")
_AS_OF = re.compile(rf"(?:{MONTH_OF_YEAR.pattern})(?:\s*\d{{1,2}}\s*日)?\s*末?\s*の?\s*(?:現在|時点)")
"""The date a count is taken at ("令和6年3月31日現在", "令和5年9月末時点")."""
_AT_AN_EVENT = re.compile(
    rf"(?:{MONTH_OF_YEAR.pattern})(?:\s*\d{{1,2}}\s*日)?\s*"
    rf"(?:に[^、。?]{{0,12}}?(?:した|する)(?:とき|時|際|当時)|の\s*[{KANJI}]{{2,4}}\s*(?:時点|当時|時))"
)
"""A question's count taken when something happened ("2021年7月に発足したときは会員いくつ", "2023年9月の創設時点では
何団体"): a count the document takes at a later date ("会員数:58(2024年11月現在)") is not the count of then."""
_AMOUNT_OF_AN_ACT = re.compile(
    rf"(?:(?:どの|どれ)(?:くらい|ぐらい|程度|だけ)|いくら|何\s*(?:%|パーセント))\s*(?P<act>[{KANJI}]{{2,4}})(?=し|す|さ|でき)"
)
"""An amount asked of an act ("どのくらい出資してる", "何%出資した"): the act, a verbal noun, is what is measured."""
_PROGRESS_OF = re.compile(
    rf"(?P<act>[A-Za-z{KANJI}{KATAKANA_BLOCK}]{{1,8}}化)(?:って|は|が|の)[^?。]{{0,20}}"
    r"(?:どの|どれ)(?:くらい|ぐらい|程度|だけ)\s*進"
)
"""How far a conversion has gone ("LED化って、…どのくらい進んでるの"): a share of another measure ("実質ゼロ達成率
約46%") is no answer, so the passage must name the conversion."""
_DATE_OF_AN_ACT = re.compile(
    rf"(?:何年度|何年|いつ)(?:に|から|頃|ごろ|まで)?\s*(?P<act>[{KANJI}]{{3,6}})を?(?:する|し|さ|行|実施)"
)
"""A qualified act a date question asks the date of ("何年度に中間見直しをする"): a passage that never names it
dates other acts ("2022年3月に改定しました"). A bare act ("いつ開催された") is left out: plans write the same event
with other verbs ("設立総会を実施")."""
_RESTATED_UNIT = re.compile(r"何\s*\S{1,6}?\?\s*$")
"""A closing "何%?" that restates the unit of what the sentence before asks, and asks nothing more."""
_SENTENCE_END = re.compile(r"(?<=[?。])")
_CHANGES = frozenset({"削減", "減少", "増加", "低減", "縮減", "増大"})
"""Acts that are a change of a quantity: any figure against a base year states one ("2013年度比 ▲12.6%" for
"どれだけ減少"), so the passage need not name the act."""


def admissible(facts: QuestionFacts) -> Admits | None:
    """What the question rules out, or None when it rules out nothing."""
    rules: list[Admits] = []
    if facts.ordinals:
        rules.append(_of_the_asked_term(facts.ordinals))
    if facts.kind is AnswerKind.date:
        rules.append(_dated)
    asked_point = _points_in_time(facts.text) | _event_months(facts.text)
    if asked_point:
        rules.append(_taken_at(asked_point))
    return both(*rules)


def passage_admissible(facts: QuestionFacts) -> Admits | None:
    """Which passages (heading and text) may hold the answer at all, or None when the question rules out none:
    for the amount of an act, only a passage naming the act measures it, and likewise for the progress of a
    conversion ("LED化") and the date of an act ("中間見直し"). A question that asks something more
    ("資本金はいくら？あと市はどれだけ出資してるの？") has its other answers in passages that never name the act."""
    text = normalize_text(facts.text)
    if not asks_one_thing(_RESTATED_UNIT.sub("", text)):
        return None
    named = _named_act(text, facts.kind)
    if named is None:
        return None
    return lambda passage: named in normalize_text(passage)


def asks_one_thing(text: str) -> bool:
    """One sentence asking one part: a question asking more has its other answers in passages about other
    things, so what one part rules out does not hold for the whole."""
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    return len(sentences) <= 1 and len(question_parts(text)) <= 1


def _named_act(text: str, kind: AnswerKind) -> str | None:
    """The act or conversion whose amount, progress or date the question asks, which a passage answering it names."""
    found = _AMOUNT_OF_AN_ACT.search(text)
    if found is not None:
        return None if found.group("act") in _CHANGES else found.group("act")
    found = _PROGRESS_OF.search(text)
    if found is not None:
        return found.group("act")
    found = _DATE_OF_AN_ACT.search(text) if kind is AnswerKind.date else None
    return found.group("act") if found is not None else None


def in_the_asked_unit(facts: QuestionFacts) -> Admits | None:
    """Which quotes (with the lines that say what their figures measure) give a figure in the unit the question
    asks for ("何kWh", "何万t-CO2", "何%"), or None when it names none. A unit names the measure: "33万kW" is a
    capacity, not the kWh of energy asked, and a plan that gives only the capacity does not answer."""
    text = normalize_text(facts.text)
    units = asked_unit(text)
    if units is None or len(question_parts(text)) > 1:
        return None
    return lambda text: units.search(normalize_text(text)) is not None


def both(*rules: Admits | None) -> Admits | None:
    """A quote admitted by every rule given."""
    given = [rule for rule in rules if rule is not None]
    if not given:
        return None
    if len(given) == 1:
        return given[0]
    return lambda sentence: all(rule(sentence) for rule in given)


def _of_the_asked_term(asked: tuple[Ordinal, ...]) -> Admits:
    """A quote naming terms or rounds of the asked kind ("第7期") but not the asked one speaks of another."""
    counters = {ordinal.counter for ordinal in asked}

    def admits(sentence: str) -> bool:
        named = {o for o in ordinals_in(sentence) if o.counter in counters}
        return not named or bool(named & set(asked))

    return admits


def _dated(sentence: str) -> bool:
    """A date question is not answered by a date the document has not filled in yet, unless the quote also
    gives one that is ("令和5年4月施行、令和6年●月改定予定")."""
    return _BLANK_DATE.search(sentence) is None or _FILLED_MONTH.search(sentence) is not None


def _taken_at(asked: frozenset[Month]) -> Admits:
    """A count taken at another date ("会員(令和6年3月31日現在)" for "令和5年9月末時点の会員数") is another count."""

    def admits(sentence: str) -> bool:
        taken = _points_in_time(sentence)
        return not taken or bool(taken & asked)

    return admits


def _event_months(text: str) -> frozenset[Month]:
    """The months of the events a question takes its count at."""
    return frozenset(
        month for found in _AT_AN_EVENT.finditer(normalize_text(text)) for month in months_in(found.group(0))
    )


def _points_in_time(text: str) -> frozenset[Month]:
    """The months of the dates a text takes its figures at."""
    return frozenset(month for found in _AS_OF.finditer(normalize_text(text)) for month in months_in(found.group(0)))
