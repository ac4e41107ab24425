"""What a question asks for: its language, the kind of answer it wants, the years and figures it names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from assistant.counters import COUNTER_ALTERNATION
from assistant.sentences import TERMINATORS
from assistant.thresholds import asked_threshold
from ingest.kana import HIRAGANA_BLOCK, KATAKANA_BLOCK
from ingest.normalize import normalize_text
from ingest.tagger import Word, tagged
from kb.glossary import japanese_terms

if TYPE_CHECKING:
    from assistant.places import Mention  # places reads QUESTION_WORD from here

_JAPANESE_CHAR = re.compile(rf"[{HIRAGANA_BLOCK}{KATAKANA_BLOCK}\u3400-\u9fff]")
_WESTERN_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)(\s*年度|\s*年)?", re.IGNORECASE)
_NAMES_END = re.compile(r"[」』]")
_GLUED = re.compile(r"[^\s\d「『]$")
"""A year run on from a word, not spaced or bracketed off."""
_ERA_YEAR = re.compile(r"(令和|平成|(?<![A-Za-z])[RH])\s*(\d{1,2}|元)\s*(年度|年)")
"""令和5年度, and its abbreviation in offices' writing, R5年度 (H30年度 for 平成)."""
DOTTED_DATE = re.compile(
    r"(?<![A-Za-z\d.])(?:[RH]\d{1,2}\.(?:1[0-2]|0?[1-9])(?:\.\d{1,2})?|(?:19|20)\d{2}\.\d{1,2}\.\d{1,2})(?![\d.])"
)
"""A date in offices' dotted writing: an era month or day ("R6.10", "R5.4.1", "Ｒ６.12" after NFKC) or a western
day ("2024.10.16"). A tour programme or a photo caption dates its events so, and a date question's answer is
that line; a western year and month alone ("2024.10") is left out, as it reads as well as a decimal figure."""
_FISCAL_ENGLISH = re.compile(r"\bfy(?=\s*\d)|\bfiscal\b", re.IGNORECASE)
_ERA_START = {"令和": 2018, "平成": 1988}
_ERA_ABBREVIATIONS = {"R": "令和", "H": "平成"}
_ERA_LETTERS = {name: letter for letter, name in _ERA_ABBREVIATIONS.items()}
_FIGURE = re.compile(
    # "3万世帯" counts 世帯 (a document's "13,000世帯" answers it); "3万" alone is in 万
    rf"\d+(?:[.,]\d+)*\s*(?:(?:万|億|千)\s*(?=(?:{COUNTER_ALTERNATION})))?"
    rf"(?P<unit>%|％|万|億|千|t(?![a-z])|トン|kW|MW|GW|kWh|{COUNTER_ALTERNATION})",
    re.I,
)


class AnswerKind(StrEnum):
    figure = "figure"
    date = "date"
    organisation = "organisation"
    listing = "listing"
    general = "general"


_DATE_NOUNS = "日付|日程|開催日|時期"
"""Nouns that ask for a date only as the thing asked ("日付は？", "開催日を教えて", "日程が知りたい", "表明した時期と、
…宣言した日は、それぞれいつ"): one the question is about ("日程についての声もあった？") asks for remarks, which an
undated sentence answers, and a date question would discard every such sentence."""

_TARGETED = r"(?:areas?|regions?|districts?|facilit|buildings?|sites?|sectors?|groups?|audiences?)"
"""What a "target" names when it is the 対象 of a measure, not its 目標: "the target area" asks which places, not a
figure."""

_KIND_CUES: tuple[tuple[AnswerKind, re.Pattern[str]], ...] = (
    (
        AnswerKind.date,
        re.compile(
            r"いつ|何年|何月|何日|when|what date|(?:which|what) (?:fiscal )?year"
            rf"|(?:{_DATE_NOUNS})(?:は|って|を|が|と)?\s*(?:[?？。、,]|$|教え|知り)",
            re.I,
        ),
    ),
    (
        AnswerKind.figure,
        re.compile(
            r"何%|何パーセント|どれ(?:くらい|ぐらい|だけ)|どの(?:くらい|程度)|何(?:万|トン|件|人|名|者|回|本|校|世帯|台|基|社|か所|団体|区|市町村)"
            r"|何\s*(?:[kMG]W|キロワット|ヘクタール|ha\b|円|倍)"
            r"|いくつ|いくら|目標値|削減目標|(?:年|年度)(?:まで)?の目標(?:は|って|を)|数値|割合|排出量|導入量|人口|面積|規模"
            r"|how (?:much|many|big|large)|percent"
            rf"|target(?!\s+{_TARGETED})|figure|amount|number of|capacity",
            re.I,
        ),
    ),
    (
        AnswerKind.organisation,
        re.compile(
            r"どこ|誰|だれ|どなた|どの(?:組織|団体|部署|課|会議|機関|企業)|組織|団体|部署|担当|事務局|主催|会長"
            r"|who|which (?:organi[sz]ation|department|body|company|office)|organi[sz]ation|department",
            re.I,
        ),
    ),
    (
        AnswerKind.listing,
        re.compile(
            r"どのような|どんな|何が|何を|挙げ|一覧|種類|内容|取組|施策|方策|柱|全部|全て|すべて"
            r"|what (?:are|were)|which|list|measures",
            re.I,
        ),
    ),
)


@dataclass(frozen=True)
class Year:
    """A year a question names; `fiscal` when it says 年度 (FY), which a calendar-year figure does not answer."""

    value: int
    fiscal: bool

    def pattern(self) -> re.Pattern[str]:
        """Every way a document writes this year: 2030年度, 令和12年度, 令和12(2030)年度, 2030 (a table header),
        and its months, dotted too ("R6.7" is of 2024); a fiscal year's months run from April to the next March
        (令和6年度 from 令和6年4月 to 令和7年3月, so "R7.2" is of 令和6年度)."""
        era_forms = _era_forms(self.value)
        suffix = r"\)?\s*年度" if self.fiscal else r"(?!\d)"
        western = rf"(?<!\d){self.value}{suffix}"
        forms = [western]
        if era_forms:
            era_suffix = r"\s*年度" if self.fiscal else r"\s*年"
            forms.append(rf"(?:{'|'.join(era_forms)}){era_suffix}")
        if self.fiscal:
            forms.append(_months_of(self.value, _FISCAL_FIRST_MONTHS))
            forms.append(_months_of(self.value + 1, _FISCAL_LAST_MONTHS))
        else:
            forms.append(_months_of(self.value, _ANY_MONTH))
        return re.compile("|".join(forms))


_FISCAL_FIRST_MONTHS = r"(?:[4-9]|1[0-2])"
_FISCAL_LAST_MONTHS = r"[1-3]"
_ANY_MONTH = r"(?:1[0-2]|[1-9])"


def western_year(era: str, number: str) -> int:
    """The western year of an era's year as written ("令和", "元" -> 2019)."""
    return _ERA_START[era] + (1 if number == "元" else int(number))


def era_year(year: int) -> str:
    """A western year as the documents' era writes it ("令和元年", "平成30年"): 2019 is 令和's first year."""
    name = "令和" if year > _ERA_START["令和"] else "平成"
    number = year - _ERA_START[name]
    return f"{name}{'元' if number == 1 else number}年"


def _era_forms(year: int) -> list[str]:
    return [
        f"{name}{year - start}(?:\\(\\d{{4}}\\))?"
        for name, start in _ERA_START.items()
        if year - start >= 1 and (name == "令和" or year <= 2019)
    ]


def _months_of(year: int, months: str) -> str:
    """ "2024年8月" or "令和6年8月" (or "令和6(2024)年8月"): a month of that calendar year; also as offices dot it
    ("R6.8", "R6.08.1", "2024.8.1", as DOTTED_DATE reads them), so a tour programme's "R6.7" is of 令和6年度."""
    years = "|".join([rf"(?<!\d){year}", *_era_forms(year)])
    dotted_era = "|".join(f"{_ERA_LETTERS[name]}{year - start}" for name, start in _ERA_START.items() if year > start)
    dotted = (
        rf"(?<![A-Za-z\d.])(?:{dotted_era})\.0?{months}(?:\.\d{{1,2}})?(?![\d.])"
        rf"|(?<![A-Za-z\d.]){year}\.0?{months}\.\d{{1,2}}(?![\d.])"
    )
    return rf"(?:{years})\s*年\s*(?<!\d){months}\s*月|{dotted}"


_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日")


@dataclass(frozen=True)
class Day:
    """A day of the month a question names ("8月2日"): the key of a dated table row or event."""

    month: int
    day: int

    def pattern(self) -> re.Pattern[str]:
        """As a document writes it, spaced or not ("8 月 2 日", "8月2日")."""
        return re.compile(rf"(?<!\d){self.month}\s*月\s*{self.day}\s*日")


def days_in(text: str) -> tuple[Day, ...]:
    return tuple(dict.fromkeys(Day(int(m), int(d)) for m, d in _DAY.findall(normalize_text(text))))


MONTH_OF_YEAR = re.compile(r"(?:(?<!\d)((?:19|20)\d{2})|(令和|平成)\s*(\d+|元))\s*(?:\(\d{4}\)\s*)?年\s*(\d{1,2})\s*月")


@dataclass(frozen=True)
class Month:
    """A month of a year a question names ("令和2年10月", "2020年10月")."""

    year: int
    month: int

    def pattern(self) -> re.Pattern[str]:
        return re.compile(_months_of(self.year, str(self.month)))


def months_in(text: str) -> tuple[Month, ...]:
    found: list[Month] = []
    for western, era, number, month in MONTH_OF_YEAR.findall(normalize_text(text)):
        year = int(western) if western else western_year(era, number)
        found.append(Month(year, int(month)))
    return tuple(dict.fromkeys(found))


_ORDINAL = re.compile(r"第\s*(\d{1,3})\s*(期|回)")
"""A term or a round: each has its own members, dates and figures, so another one's are no answer. An edition of a
plan ("第3次計画") is not one of these: the documents' own edition answers a question naming the wrong one."""


@dataclass(frozen=True)
class Ordinal:
    """A numbered term or round ("第6期", "第52回"): one of a series, like a year."""

    number: int
    counter: str


def ordinals_in(text: str) -> tuple[Ordinal, ...]:
    return tuple(dict.fromkeys(Ordinal(int(n), c) for n, c in _ORDINAL.findall(normalize_text(text))))


@dataclass(frozen=True)
class QuestionFacts:
    text: str
    lang: str
    kind: AnswerKind
    years: tuple[Year, ...]
    """Years the asked clause names: the answer must be about one of them ("2040年度の目標は？")."""
    figures: tuple[str, ...]
    days: tuple[Day, ...] = ()
    months: tuple[Month, ...] = ()
    """Months the question states ("宣言（令和2年10月）を受けて、いつ…"): a いつ question already knows them."""
    base_years: tuple[Year, ...] = ()
    """Years the question measures against ("2013年度比で", "relative to FY1990"): with a year asked, a sentence
    giving the figure against the base year answers too (a table of "1990年度比 2013年度比" columns)."""
    preferred_years: tuple[Year, ...] = ()
    """Years only the question's premise names ("2030年までに14倍にするそうですが、何と比べて？") or a base year
    it compares with ("1990年度比だと何%？"): preferred in the evidence, not required, since a premise may be wrong
    and the documents' own year must then be quoted, and a base year is not the year asked about."""
    ordinals: tuple[Ordinal, ...] = ()
    """Terms or rounds the question asks about ("第6期は何名"); one it only asserts ("第50回の総会で…んで
    すよね？") is a premise the documents may correct."""


def figures_in(text: str) -> tuple[str, ...]:
    """The figures a text states with their unit ("100%", "3,300トン"), each once: "3本…3本目" states one."""
    return tuple(dict.fromkeys(m.group(0) for m in _FIGURE.finditer(normalize_text(text))))


def _premise_figures(question: str) -> tuple[str, ...]:
    """The figures the question states as facts; a threshold it filters by ("100人より多い") is none."""
    threshold = asked_threshold(question)
    return tuple(f for f in figures_in(question) if threshold is None or f != threshold.figure)


def figure_unit(figure: str) -> str:
    """The counter or unit of a figure the question names ("3本" -> 本): a document's figure in the same unit
    answers it, whatever its number, which is how a wrong premise ("3本と聞きましたが") is corrected."""
    match = _FIGURE.fullmatch(figure)
    return match.group("unit") if match else ""


_BRACKETED = re.compile(r"「[^「」]*」|『[^『』]*』|[(（][^()（）]*[)）]")
"""A name quoted or glossed in the documents' spelling ("the Tama forest project (「多摩の森」活性化プロジェクト)")."""
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """'ja' when the question holds kana or kanji outside what it quotes in brackets, else 'en': the answer is
    written in this language. An English question often cites a name as the documents spell it; that makes it no
    Japanese question, while "Kawasaki-shi no Ukishima shori center、建て替えて…" is one."""
    if not _JAPANESE_CHAR.search(text):
        return "en"
    unquoted = _BRACKETED.sub(" ", text)
    return "en" if _LATIN_LETTER.search(unquoted) and not _JAPANESE_CHAR.search(unquoted) else "ja"


def years_in(text: str) -> tuple[Year, ...]:
    """Years named in the text, era years (令和12年) converted, so either spelling matches the documents."""
    return tuple(dict.fromkeys(year for year, _ in _years_with_role(text)))


def dated_otherwise(text: str, years: Sequence[Year]) -> bool:
    """Whether a text is dated, but not in any of these years: "令和6年8月から12月にかけて…間伐を実施" answers
    nothing about 令和5年度 (April 2023 to March 2024). An undated text is not."""
    if not years or not (years_in(text) or months_in(text)):
        return False
    return not any(year.pattern().search(normalize_text(text)) for year in years)


def asked_years(text: str) -> tuple[Year, ...]:
    """The years a text asks about, not the base years it compares with ("1990年度比だと", "relative to FY2013")."""
    return tuple(dict.fromkeys(year for year, base in _years_with_role(text) if not base))


def base_years(text: str) -> tuple[Year, ...]:
    return tuple(dict.fromkeys(year for year, base in _years_with_role(text) if base))


def _years_with_role(text: str) -> list[tuple[Year, bool]]:
    """Each year named, and whether it is a base year a figure is measured against."""
    normalized = normalize_text(text)
    fiscal_english = bool(_FISCAL_ENGLISH.search(normalized))
    found: list[tuple[Year, bool]] = []
    for m in _WESTERN_YEAR.finditer(normalized):
        if _NAMES_END.match(normalized, m.end()) and _GLUED.search(normalized[: m.start()]):
            continue  # the year a bracketed name ends on (「かわさきカーボンゼロチャレンジ2050」) is the name's
        year = Year(int(m.group(1)), fiscal=(m.group(2) or "").strip() == "年度" or fiscal_english)
        found.append((year, _is_base(normalized, m.start(), m.end())))
    for m in _ERA_YEAR.finditer(normalized):
        era, number, suffix = m.groups()
        era = _ERA_ABBREVIATIONS.get(era, era)
        year = Year(western_year(era, number), fiscal=suffix == "年度")
        found.append((year, _is_base(normalized, m.start(), m.end())))
    return found


def _is_base(text: str, start: int, end: int) -> bool:
    return bool(_BASE_AFTER.match(text, end) or _BASE_BEFORE.search(text[:start]))


_BASE_AFTER = re.compile(r"\s*(?:\(\d{4}\)\s*)?(?:年度?)?\s*比")
_BASE_BEFORE = re.compile(
    r"(?:relative to|compared (?:with|to)|versus|vs\.?|against|than|from|below)\s+(?:the\s+)?"
    r"(?:fy\s*|fiscal\s+(?:year\s+)?)?$",
    re.IGNORECASE,
)


_HEAD_NOUNS = 2
_TAGGED_QUESTIONS = 256
"""Questions whose head and topic are remembered: the selector weighs a question's terms once per search, part
and list, and each reading runs the tagger."""
# Nouns that frame a question rather than name its subject ("どんなことが", "それぞれ", "具体的に", "全部", the いく of
# "いくつ"); in a climate plan everything is a 取組.
_FRAME_NOUNS = frozenset(
    {
        "こと",
        "もの",
        "それぞれ",
        "全部",
        "全て",
        "すべて",
        "いく",
        "ところ",
        "よう",
        "ため",
        "具体",
        "的",
        "ほか",
        "方",
        "取組",
        "取り組み",
        "内容",
        "資料",
    }
)
# "水素の活用について、…" names the question's subject before a topic marker, wherever the asked head falls.
_TOPIC_MARKER = ("に", "つい", "て")
_RELATION_MARKERS = frozenset({"関し", "関する", "係る", "関わる", "おける", "向け", "対する"})
_PLACE_SUFFIXES = frozenset("市区町村県都府")
_PHRASE_POS = frozenset({"名詞", "接頭辞", "接尾辞", "形状詞"})


_ENGLISH_HEAD = re.compile(
    r"^\s*(?:what|which)\s+(?:is|are|was|were)\s+(?:the\s+)?(?P<head>[a-z][a-z\s-]*?)"
    r"\s+(?:of|in|for|under|behind|that|which)\b",
    re.IGNORECASE,
)
""""What is the basic philosophy of …": the noun phrase before "of" is what an English question asks for."""
_ENGLISH_WHICH = re.compile(
    r"^\s*which\s+(?P<head>[a-z][a-z\s-]*?)\s+(?:does|do|did|is|are|was|were|will|can|has|have|should|must)\b",
    re.IGNORECASE,
)
""""Which new technologies does …": the noun phrase after "which" is what it asks for."""


@lru_cache(maxsize=_TAGGED_QUESTIONS)
def head_terms(question: str) -> tuple[str, ...]:
    """The last nouns of the last noun run: what a Japanese question asks for ("…の削減目標は？" -> 削減, 目標).

    Everything before it only narrows the subject (place, year, sector); a sentence that states the head is
    more likely the answer than one that repeats the modifiers. An English question (with its Japanese words
    appended) names its head first ("What is the basic philosophy of …" -> 基本, 理念).
    """
    return named_head(question) or _japanese_head(question)


def named_head(question: str) -> tuple[str, ...]:
    """The Japanese terms of the noun an English question names as what it asks for ("Which new technologies
    does …" -> 技術), or none: a Japanese question's head is only where its last noun run ends."""
    english = _ENGLISH_HEAD.match(question) or _ENGLISH_WHICH.match(question)
    wording = " ".join(japanese_terms(english.group("head"))) if english else ""
    return _japanese_head(wording) if wording else ()


def _japanese_head(question: str) -> tuple[str, ...]:
    run: list[str] = []
    last_run: list[str] = []
    for node in tagged(normalize_text(question)):
        if node.pos1 == "名詞" and not node.surface.isdigit() and not _frames_or_places(node):
            run.append(node.surface)
        elif run:
            last_run, run = run, []
    return tuple((run or last_run)[-_HEAD_NOUNS:])


def _frames_or_places(node: Word) -> bool:
    return node.surface in _FRAME_NOUNS or node.surface in _PLACE_SUFFIXES or node.pos3 == "地名"


@lru_cache(maxsize=_TAGGED_QUESTIONS)
def topic_phrases(question: str) -> tuple[str, ...]:
    """The phrases a question is about, marked by について/に関して/に係る ("水素の活用について"): a
    comparison's frame ("…ではそれぞれどんなことが書かれていますか") says nothing of its subject."""
    nodes = tagged(normalize_text(question))
    surfaces = [n.surface for n in nodes]
    topic: list[str] = []
    for index, node in enumerate(nodes):
        marked = tuple(surfaces[index : index + 3]) == _TOPIC_MARKER or (
            node.surface == "に" and index + 1 < len(nodes) and surfaces[index + 1] in _RELATION_MARKERS
        )
        if marked:
            topic.append(_phrase_before(nodes[:index]))
    return tuple(dict.fromkeys(t for t in topic if t))


def _phrase_before(nodes: Sequence[Word]) -> str:
    """The noun phrase ending at the last node ("中小企業の排出量の「見える化」"), without its place names."""
    words = [item[0] for item in _phrase_nodes(nodes) if item is not None and not _frames_or_places(item[0])]
    return "".join(node.surface for node in reversed(words))


def _phrase_nodes(nodes: Sequence[Word]) -> list[tuple[Word, bool] | None]:
    """The nodes of the noun phrase ending at the last node, last first, each with whether it is inside 「」; None
    for each "の" joining two of its noun runs. A name in 「」 is one noun whatever it holds."""
    found: list[tuple[Word, bool] | None] = []
    quoted = False
    for node in reversed(nodes):
        if node.pos2 == "括弧閉":
            quoted = True
        elif node.pos2 == "括弧開":
            quoted = False
        elif quoted or node.pos1 in _PHRASE_POS:
            found.append((node, quoted))
        elif node.surface == "の":
            found.append(None)
        else:
            break
    return found


_SUBJECT_MARKERS = frozenset({"は", "って", "とは"})
_MARKER_LEAD = frozenset({"に", "で", "と", "つい", "て"})
"""Particles a topic marker may follow ("には", "では", "については"): part of the marker, not of the subject."""
_YEAR_ONLY = re.compile(r"\d+年度?")


@lru_cache(maxsize=_TAGGED_QUESTIONS)
def subject_entity(question: str) -> str:
    """The thing a question is about, before its topic marker, without its place or year ("CC川崎エコ会議って何？"
    -> CC川崎エコ会議, "栃木市…プラットフォームの設立総会はいつ" -> …プラットフォームの設立総会); "" for a pronoun
    ("それっていつ…"), a bare year ("では2050年は？") or no marked subject ("どれくらいの団体が参加してる？").

    A follow-up that names no subject asks something more of the earlier question's subject: "そこ" and "それ"
    point at all of it, so no part of the phrase is dropped as a mere attribute."""
    nodes = tagged(normalize_text(question))
    markers = [i for i, n in enumerate(nodes) if n.surface in _SUBJECT_MARKERS and n.pos1 == "助詞"]
    for marker in reversed(markers):
        while marker > 0 and nodes[marker - 1].surface in _MARKER_LEAD:
            marker -= 1
        runs = [run for run in _noun_runs_before(nodes[:marker]) if run and not _YEAR_ONLY.fullmatch(run)]
        if runs:
            return "の".join(reversed(runs))
    return ""


def _noun_runs_before(nodes: Sequence[Word]) -> list[str]:
    """The noun runs joined by "の" that end at the last node, last run first, without a leading place name or
    frame nouns ("A市のB戦略の目標" -> 目標, B戦略; "CC川崎エコ会議" keeps its 川崎); a name in 「」 is one noun
    whatever it holds."""
    runs: list[list[tuple[Word, bool]]] = [[]]
    for item in _phrase_nodes(nodes):
        if item is None and runs[-1]:
            runs.append([])
        elif item is None or (not item[1] and item[0].surface in _FRAME_NOUNS):
            break
        else:
            runs[-1].append(item)
    return ["".join(n.surface for n, _ in _without_leading_place(run[::-1])) for run in runs]


def _without_leading_place(run: list[tuple[Word, bool]]) -> list[tuple[Word, bool]]:
    """The run without the place or frame nouns it starts with; a place running straight into a noun of its own
    names a thing ("大宮駅", "川崎未来エナジー") and stays, while "川崎市役所" is the place's office."""
    start = 0
    while start < len(run) and not run[start][1] and _frames_or_places(run[start][0]):
        if _starts_a_name(run, start):
            break
        start += 1
    return run[start:]


def _starts_a_name(run: list[tuple[Word, bool]], index: int) -> bool:
    node = run[index][0]
    following = run[index + 1][0] if index + 1 < len(run) else None
    return node.pos3 == "地名" and following is not None and not _frames_or_places(following)


QUESTION_WORD = (
    r"いつ|どこ|何|(?:(?<=って)|(?<=[はがをもにへと、，,。．?？!！\s])|^)な[にん]|どう|どの|どちら|どれ|誰|だれ|どんな"
    r"|いくつ|いくら"
)
"""A Japanese question word. Kana なに/なん ask only after a particle, a break or at the start ("ってなに",
"はなんですか", "？なんていう事業"): run on from a word they are the explanatory copula ("予定なんですか",
"会社なんですよね") or part of one ("こんなに").
"""

# What the asker takes as given ends with one of these: a hearsay or a confirmation ("〜そうですが、",
# "〜と聞きました。", "〜ですよね？"), a value the asker checks ("令和2年10月でしたっけ？") or the presupposed part of
# a cleft question ("2024年度に選ばれたのは、どんな取組が…", "宣言を出したのって…").
_HEARSAY = re.compile(r"(?:そう|よう|と聞き(?:まし)?た|と聞いた)(?:です|だ)?が|と聞き(?:まし)?た[。．]")
_ASSERTED_END = re.compile(rf"{_HEARSAY.pattern}|(?:です|ます|でした|ました)?よね")
_RECALLED = r"(?:でし|だっ)?たっけ|だっけ"
_APPROXIMATELY = r"(?:頃|ごろ|くらい|ぐらい|程度|前後)?"
_STATED_DATE = r"(?:\d|元)\s*(?:年度?|月|日)"
_CHECKED_VALUE = rf"(?:{_STATED_DATE}|(?i:{_FIGURE.pattern})){_APPROXIMATELY}\s*(?:{_RECALLED})"
"""A value the asker recalls and checks ("令和2年10月でしたっけ", "100人くらいだっけ"): a claim. The same ending
after a question word asks ("いつでしたっけ", "何人だっけ") and claims nothing."""
_RECALLED_EVENT = re.compile(rf"[たっ]\s*[んの]\s*(?:{_RECALLED})")
"""An event the asker recalls and checks ("令和4年度に設立されたんでしたっけ"): a claim, like "…たんですよね", when
the question holds no question word; "いつ設立されたんでしたっけ" asks."""
_ASKING_WORD = re.compile(QUESTION_WORD)
_PREMISE_END = re.compile(rf"{_ASSERTED_END.pattern}|{_CHECKED_VALUE}|の(?:は|って)")
_CHECKED_END = re.compile(rf"{_ASSERTED_END.pattern}|{_CHECKED_VALUE}")
"""Where what the asker only checks ends: a claim ("今第5期で100人くらいでしたっけ？") the documents may correct."""
_RECALLED_END = re.compile(_RECALLED)
_ASKED_BEFORE = re.compile(rf"{_ASKING_WORD.pattern}[^{TERMINATORS}]*$")
"""A question word in the sentence before a recalled ending: "第6期は何名だったっけ", "いつでしたっけ" ask, as
"第6期は何名でしたか" does; "2030年度に改定したんだっけ" checks."""

_ONLY_CONFIRMS = re.compile(
    r"[\s?？。．!！]*(?:本当(?:です)?か|正しい(?:です)?か|合って(?:います|る)?か?)?[\s?？。．!！]*"
)
"""What may follow a premise that is the whole question ("…ですよね？", "…と聞きました。本当ですか？")."""
_CLAIMS_A_DATE = re.compile(
    r"(?:年度?|月|日)(?:頃|ごろ)?\s*(?:(?:です|でした|だった)?よね|(?:だ|だった)?と聞き(?:まし)?た[。．]?|(?:です|だ)?そうですが"
    rf"|{_RECALLED})$"
    rf"|(?:年度?|月|日)(?:頃|ごろ)?\s*に(?:は)?[^、。?？]{{1,12}}?{_RECALLED_EVENT.pattern}$"
)
"""A premise whose claim is its date ("表明したのは令和3年ですよね", "宣言したのって令和2年10月でしたっけ", "令和4年度
に設立されたんでしたっけ"), not one that only names a year in passing ("2050年カーボンニュートラル宣言を受けてから
ですよね")."""


def analyse(question: str, lang: str | None = None) -> QuestionFacts:
    """`lang`: the language the question was asked in, when its text is not (an English question written with its
    Japanese words); read from the text otherwise."""
    normalized = normalize_text(question)
    kind = next((k for k, cue in _KIND_CUES if cue.search(normalized)), AnswerKind.general)
    premise_end = _premise_end(question)
    asked = asked_years(question[premise_end:])
    base = base_years(question[premise_end:])
    stated = years_in(question[:premise_end])
    figures = _premise_figures(question)
    confirms_a_date = _CLAIMS_A_DATE.search(question[:premise_end]) and _ONLY_CONFIRMS.fullmatch(question[premise_end:])
    if stated and not figures and confirms_a_date:
        # "表明したのは令和3年ですよね？" asks nothing but whether its year is right: the documents' date answers
        # it, and preferring the stated year would quote whatever else happened then. With a figure stated
        # ("2030年度までに60%削減だそうですね"), the figure is checked and the year is its context.
        stated = ()
        kind = AnswerKind.date if kind is AnswerKind.general else kind
    preferred = (*stated, *base)
    checked_end = len(claimed_part(question))
    return QuestionFacts(
        text=question,
        lang=lang or detect_language(question),
        kind=kind,
        years=asked,
        figures=figures,
        days=days_in(question),
        months=months_in(question),
        base_years=tuple(y for y in base if y not in asked),
        preferred_years=tuple(dict.fromkeys(y for y in preferred if y not in asked)),
        ordinals=ordinals_in(question[checked_end:]),
    )


def _premise_end(question: str) -> int:
    """Where what the question takes as given ends; 0 when it takes nothing."""
    ends = [m.end() for m in _PREMISE_END.finditer(question)]
    if not _ASKING_WORD.search(question):
        ends += [m.end() for m in _RECALLED_EVENT.finditer(question)]
    return max(ends, default=0)


def claimed_part(question: str) -> str:
    """What the question only checks ("…12月20日の設立総会で話し合ったんですよね", "第5期で100人でしたっけ"): a
    claim the documents may correct, so its days, terms and names pick nothing; "" when it checks nothing."""
    ends = [m.end() for m in _CHECKED_END.finditer(question)]
    ends += [m.end() for m in _RECALLED_END.finditer(question) if not _ASKED_BEFORE.search(question, 0, m.start())]
    return question[: max(ends, default=0)]


_LINKS = "また|そして"
"""Words that link what a question asks next to what it asked before ("…を策定し、また…", "…ですか。また…")."""
PART_BREAK = re.compile(rf"[、，,]|(?<=[たてでり])(?:{_LINKS})")
_MIN_PART_CHARS = 6


_ENGLISH_QUESTION_WORD = r"(?:what|when|where|which|who|whose|how|why)\b"
_AUXILIARY = r"(?:is|are|was|were|do|does|did|has|have|had|can|will|would|should)\b"
# English asks a second thing after "and" or a comma with a question word ("…, and when did it start operating?",
# "…? When…"); ", which/where/when" alone opens a relative clause of the first question, not a second one.
_ENGLISH_PART_BREAK = re.compile(
    rf"\s*(?:,?\s+and\s+(?={_ENGLISH_QUESTION_WORD})|,\s*and\s+(?={_AUXILIARY})|,\s*(?=(?:what|how|why)\b)|(?<=\?)\s+(?=\w))",
    re.I,
)
_ENGLISH_QUESTION_START = re.compile(rf"\s*(?:{_ENGLISH_QUESTION_WORD}|{_AUXILIARY})", re.I)


_DATED_ACT = re.compile(
    r"(?:(?:19|20)\d{2}|(?:令和|平成)\s*(?:\d{1,2}|元))\s*年度?(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*(に|から)"
)


def _dated_premise(question: str) -> str | None:
    """A hearsay that dates an act before what the question asks ("…は2022年4月に創設されたそうですが、参画団体は
    いくつ？"): the documents' date of that act is part of the answer, so the premise is asked as "…はいつ創設された"
    (the asker's date left out, as it may be the wrong one) beside the whole question, whose subject the rest
    leaves unsaid."""
    hearsay = _HEARSAY.search(question)
    if hearsay is None:
        return None
    premise, rest = question[: hearsay.start()], question[hearsay.end() :].lstrip("、，,")
    dated = _DATED_ACT.search(premise)
    if dated is None or len(rest.strip()) < _MIN_PART_CHARS or not _asks_something(rest):
        return None
    when = "いつから" if dated.group(1) == "から" else "いつ"
    return premise[: dated.start()] + when + premise[dated.end() :]


def question_parts(question: str) -> tuple[str, ...]:
    """The clauses of a question that asks two things ("いつ改定され、その推進体制の中心はどこですか？", "What is
    the capital…, and when did it start operating?"); one part when it asks one. A clause too short to ask anything
    ("栃木市と川崎市で、", "In Saitama's strategy,") joins the next."""
    if detect_language(question) != "ja":
        return _english_parts(question)
    premise = _dated_premise(question)
    if premise is not None:
        return premise, question
    parts: list[str] = []
    pending = ""
    for piece in PART_BREAK.split(question):
        pending += piece
        if len(pending.strip()) >= _MIN_PART_CHARS and _asks_something(pending):
            parts.append(pending.strip())
            pending = ""
    if pending.strip():
        if parts:
            parts[-1] += pending
        else:
            parts.append(pending.strip())
    return tuple(parts)


# Beside the cues of an answer's kind, a clause asks something with "どう…" or "教えて", or as one of the things a
# question enumerates ("法的位置づけと、…役割は？", "数値目標と、…方針を教えてください").
_ASKING = re.compile(r"どう|どのよう|教えて|[?？]")
_ENUMERATED = re.compile(r"\wと$")


def _asks_something(clause: str) -> bool:
    """Whether a clause asks for something; a place enumerated ("さいたま市と、") asks for nothing."""
    clause = clause.strip()
    if any(cue.search(clause) for _, cue in _KIND_CUES) or _ASKING.search(clause):
        return True
    return bool(_ENUMERATED.search(clause)) and bool(head_terms(clause))


# Places that each head a clause of their own, asked about together ("さいたま市がゼロカーボンシティを表明したのと、
# 川崎市が戦略を策定したのは、それぞれいつ？", "…表明した時期と、特別区（23区）全体が…宣言した日は"): the place, with
# its bracketed alias or "全体", is the clause's subject, the clauses are joined by と, and the last ends at the topic
# particle before what is asked of them all ("は、それぞれいつ").
_SUBJECT = re.compile(r"(?:\s*[(（][^()（）]{1,12}[)）])?\s*(?:全体)?\s*(?:が|は|では)")
_CLAUSE_JOINED = re.compile(r"と[、,]?\s*$")
_CLAUSE_ASKED = re.compile(rf"(?:は|って|では)(?=[、,]|\s*(?:それぞれ|各々|{QUESTION_WORD}))")

# Where a question's sentences end, and the words that open a sentence continuing the one before ("また川崎市は",
# "そのうち埼玉県の市の"): the words that link a clause to the one before, and more.
_SENTENCE_END = re.compile(rf"[{TERMINATORS}]+\s*")
_SENTENCE_OPENING = re.compile(rf"^(?:{_LINKS}|そのうち|それから|次に|さらに|一方|一方で)[、,]?\s*")


def subject_clauses(text: str, mentions: Sequence[Mention], order: Sequence[str]) -> tuple[str, ...]:
    """Each place's own clause with what is asked of them all: "さいたま市が…を表明したのと、川崎市が…を策定したの
    は、それぞれいつ？" -> "さいたま市が…を表明したのは、それぞれいつ？" and "川崎市が…を策定したのは、それぞれいつ？".
    Cutting the other names alone would leave each place the other's clause, whose words ("策定") then pick that
    place's sentence about something else. Empty unless every place is the subject of a clause of its own."""
    starts: list[int] = []
    subject_end = 0
    for mention in mentions:
        if len(starts) < len(order) and order[len(starts)] in mention.names:
            subject = _SUBJECT.match(text, mention.end)
            if subject is None:
                return ()
            starts.append(mention.start)
            subject_end = subject.end()
        elif not any(name in mention.names for name in order[: len(starts)][-1:]):
            return ()  # a name within a clause stands for that clause's own place ("川崎市が「かわさき…」を")
    if len(starts) != len(order):
        return ()
    asked = _CLAUSE_ASKED.search(text, subject_end)
    if asked is None:
        return ()
    pieces = [text[start:end] for start, end in zip(starts, [*starts[1:], asked.start()], strict=True)]
    own = [_CLAUSE_JOINED.sub("", piece) for piece in pieces[:-1]]
    if any(o == p for o, p in zip(own, pieces, strict=False)):
        return ()
    lead, tail = text[: starts[0]], text[asked.start() :]
    return tuple(f"{lead}{clause}{tail}" for clause in [*own, pieces[-1]])


def subject_sentences(text: str, mentions: Sequence[Mention], order: Sequence[str]) -> tuple[str, ...]:
    """Each place's own sentence when the question asks one thing of each in a sentence of its own ("脱炭素先行地域に
    ついて、栃木市は…どの地域を対象に…設けましたか。また川崎市はいつ…選定されましたか。"), with what the text says
    before any place (the shared topic) and without the opening that ties it to the sentence before ("また",
    "そのうち"). Asked as a whole, each place's question keeps the other's words, and its own fact loses to sentences
    that match the other's. Empty unless each place is named in one sentence and no sentence names two."""
    bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(text))]
    if bounds[-1] < len(text):
        bounds.append(len(text))
    sentences = list(pairwise(bounds))
    owner: dict[str, tuple[int, int]] = {}
    for start, end in sentences:
        named = {n for m in mentions if start <= m.start < end for n in m.names if n in order}
        if len(named) > 1 or (owner and not named):
            return ()  # a sentence after the places' that names none may ask something of them all
        for name in named:
            if name in owner:
                return ()
            owner[name] = (start, end)
    if len(owner) != len(order):
        return ()
    lead = text[: min(m.start for m in mentions)]
    own = []
    for name in order:
        start, end = owner[name]
        sentence = _SENTENCE_OPENING.sub("", text[start:end].strip())
        own.append(sentence if sentence.startswith(lead) else lead + sentence)
    return tuple(own)


# Where a clause that a place heads may end for the next place's to start: a sentence's end, or a clause joined by
# "し、" / "が、" / "けど、" / "ものの、" ("葛飾区の報告では何区が参加し、さいたま市の戦略では…"), with the words that
# open the next ("また", "一方で"). A place after "について、" or "と" heads nothing: the text is still its topic or an
# enumeration of places.
_HEADED_CLAUSE_END = re.compile(
    rf"(?:[{TERMINATORS}]|(?:し|が|けど|けれど|けれども|ものの|一方で?)[、,])\s*(?:(?:{_LINKS}|一方で?)[、,]?\s*)?$"
)


def heading_clauses(text: str, mentions: Sequence[Mention], order: Sequence[str]) -> tuple[str, ...]:
    """Each place's own clause when each place heads one, after the topic they share: "共同調達について、葛飾区の
    報告では何区が参加し、さいたま市の戦略では…位置づけられていますか" -> "共同調達について、葛飾区の報告では何区が
    参加し" and "共同調達について、さいたま市の戦略では…位置づけられていますか". A clause stays whole, other names in
    it included ("…の枠組みに、さいたま市は入っていますか" is asked of 川崎市's plan): its words are what find the
    place's passage, and the other clause's words would find the other's. Empty unless the first place opens the
    text after the topic, every later place opens a clause of its own, in the order named, and the last place's
    sentence ends the text."""
    if not mentions or order[0] not in mentions[0].names:
        return ()
    starts = [mentions[0].start]
    for name in order[1:]:
        heading = next(
            (
                m
                for m in mentions
                if m.start > starts[-1] and name in m.names and _HEADED_CLAUSE_END.search(text, 0, m.start)
            ),
            None,
        )
        if heading is None:
            return ()
        starts.append(heading.start)
    if any(end.end() < len(text) for end in _SENTENCE_END.finditer(text, starts[-1])):
        return ()  # a sentence after the last place's may ask something of them all ("…。それぞれの計画期間は？")
    lead = text[: starts[0]]
    ends = [*starts[1:], len(text)]
    clauses = [_CLAUSE_TRAILER.sub("", text[start:end]) for start, end in zip(starts, ends, strict=True)]
    return tuple(lead + clause for clause in clauses)


# What ends a clause only to tie it to the next: its comma, and a link opening the next ("。また", "、一方で").
_CLAUSE_TRAILER = re.compile(rf"(?:(?<=[{TERMINATORS}、,])(?:{_LINKS}|一方で?)[、,]?)?\s*$|[、,]\s*$")


def _english_parts(question: str) -> tuple[str, ...]:
    """An English question's clauses, each opening with a question word; a leading phrase that asks nothing
    ("According to Kawasaki's presentation,") stays with the clause after it."""
    breaks = list(_ENGLISH_PART_BREAK.finditer(question))
    if breaks and not _ENGLISH_QUESTION_START.match(question):
        breaks = breaks[1:]
    bounds = [0, *(m.end() for m in breaks)]
    ends = [*(m.start() for m in breaks), len(question)]
    return tuple(question[start:end].strip() for start, end in zip(bounds, ends, strict=True))
