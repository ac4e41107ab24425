"""Superlative answers: "参加人数が最も多かったイベントは？" / "which event drew the fewest participants?" is answered
by the row holding the largest (smallest) figure, not by the row whose words match the question; "次に多いのは？",
"2番目に多い", "川崎市の次に出資している", or "その次は？" after the first place was answered, by the row ranking
right after the first (or after the row named before "の次に" or in the earlier answer).

Plans give such data as tables flattened into lines, one row a line with the row's figure last ("3 月 10 日（日）
くららフェスタ 2024 2000", "② NTTアノードエナジー株式会社 18.5%"); a row's name may hold numbers of its own, so the
figure compared is the last number on the line. Word overlap picks whichever row repeats the question's words; this
module finds, near the retrieved passages, the run of consecutive rows ending in a figure of one unit whose header
and rows best match the question, and quotes the winning row (under the table's header) ahead of the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import takewhile

from assistant.evidence import Evidence, overlaps, passage_concerns
from assistant.lists import DocumentSource, region
from assistant.terms import comparable_terms
from assistant.thresholds import Threshold, asked_threshold
from ingest.kana import HIRAGANA
from ingest.normalize import normalize_text
from kb.search import SearchHit


class Extreme(StrEnum):
    largest = "largest"
    smallest = "smallest"


_JA_DEGREE = r"(?:最も|もっとも|一番|いちばん)"
_ASKS: tuple[tuple[Extreme, re.Pattern[str]], ...] = (
    (
        Extreme.largest,
        re.compile(
            rf"{_JA_DEGREE}(?:[^、。？?]{{0,4}}?(?:集ま|参加し)|[^、。？?]{{1,8}}?[がの])?(?:多|大き|高|長|広)"
            rf"|{_JA_DEGREE}[^、。？?]{{0,4}}?集ま"
            r"|最大(?!限)|最多|最高"
            r"|(?<!at )\bmost\b|\b(?:largest|biggest|highest|greatest|maximum)\b",
            re.I,
        ),
    ),
    (
        Extreme.smallest,
        re.compile(
            rf"{_JA_DEGREE}(?:[^、。？?]{{1,8}}?[がの])?(?:少な|小さ|低|短|狭)|最小(?!限)|最少|最低(?!限)"
            r"|(?<!at )\b(?:fewest|least|smallest|lowest|minimum)\b",
            re.I,
        ),
    ),
)
"""Question wording -> which end of the figures it asks for."""

_ENDS: tuple[tuple[Extreme, str], ...] = (
    (Extreme.largest, r"(?:たくさん|(?:多|大き|高|長|広)(?=[いくかけ]))"),
    (Extreme.smallest, r"(?:(?:少な|小さ|低|短|狭)(?=[いくかけ]))"),
)
"""The end a ranked question counts from, as its adjective ("多かった", "たくさん"); a kanji starting a word
("高効率") is none."""
_RANKED = r"(?:(?P<that>その)|(?P<after>[^\s、。？?]+?)(?<!そ)の)?(?P<place>(?P<rank>\d+|[二三四五])\s*番目|次)に"
"""The place counted from that end: "2番目に", or the row after another, "次に" (after the first), "川崎市の次に"
(after the row naming 川崎市), "その次に" (after the row the earlier answer named)."""
_KANJI_RANK = {"二": 2, "三": 3, "四": 4, "五": 5}
_ANCHOR_SHARE = 0.5
"""How much of a row's name the words before "の次に" (the earlier answer) must hold for it to be the row meant."""

_ROW = re.compile(
    r"^(?P<label>.*?[^\d\s.,].*?)\s*(?<![\d.,])(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>[^\s\d]{1,6}(?:-?CO2)?)?\s*$"
)
"""A table row flattened onto a line: its name (which may hold numbers, "くららフェスタ 2024"), then its figure last."""
_NOT_A_FIGURE = re.compile(r"^(?:年度?|月|日|号|条|章|節|頁|ページ|p|P)")
"""A trailing year, date or reference number ("令和 6 年", "第 3 章") is no figure to compare."""
_SENTENCE_END = "。"
_MAX_ROW_CHARS = 50
"""A row is a name and a figure; a longer line is a sentence, or a diagram's boxes flattened onto one line."""
_MIN_ROWS = 3
_MAX_HEADER_CHARS = 40
"""Longer than a header row that finds a table (quotable.MAX_HEADER_CHARS): the line over a run of rows already
found is only quoted with them as its header, and keeps its columns spaced ("実施日 実施団体・イベント 参加人数")."""
_CONTEXT_LINES = 2
_QUESTION_WORDS = frozenset(
    {"どこ", "何", "どれ", "どの", "いつ", "その", "この", "中", "教え", "ます", "です", "やっ", "集まっ"}
    | {"最も", "一番", "最大", "最多", "最小", "最少", "たくさん"}
)
"""Words asking which row ("その中でどのイベント？いつ？"), not naming the table's subject."""
_PREDICATE = re.compile(rf"^(?:多|大き|高|長|広|少な|小さ|低|短|狭)[{HIRAGANA}]*$")
"""The asked end itself ("多かっ", "高い"): it says which row wins, not which table is meant."""
_PARTICLE = re.compile(f"[{HIRAGANA}]")
"""A lone kana the tokenizer leaves of a verb ("開催さ|れ")."""
_YEAR_WORD = re.compile(r"年度?|令和|平成|[rh]", re.I)
"""The words of an asked year ("R5年度"): a table's rows are dated by day, its year is its document's, so the year
says nothing about which table is meant."""
_ROWS = 0.5
"""How much the rows' names count beside the header and the lines above the table, in matching the question."""
_MIN_MATCH = 0.3
_DEPTH = 6
_MAX_QUOTES = 4


def asked_extreme(question: str) -> Extreme | None:
    """Which end of a run of figures the question asks for; None for a question that picks nothing by its value."""
    normalized = normalize_text(question)
    found = [extreme for extreme, cue in _ASKS if cue.search(normalized)]
    return found[0] if len(found) == 1 else None


@dataclass(frozen=True)
class Rank:
    """The row a ranked question asks for: its place counted from one end, or the place right after a named row."""

    extreme: Extreme
    place: int = 2
    after: str = ""
    """The words naming the row the asked one comes right after ("川崎市"); the earlier answer for "その次"."""
    words: str = "次"
    """The question's words for the place ("2番目"), which say nothing of which table is meant."""


def asked_rank(question: str, conversation: str = "") -> Rank | None:
    """The place a question asks for below the first ("次に多い", "3番目に大きい"); None for any other question."""
    normalized = normalize_text(question)
    found: list[Rank] = []
    for extreme, end in _ENDS:
        asked = re.search(rf"{_RANKED}(?:[^、。？?]{{1,8}}?[がの])?{end}", normalized)
        if asked is None:
            continue
        rank, words = asked.group("rank"), asked.group("place")
        if rank:
            found.append(Rank(extreme, _KANJI_RANK.get(rank) or int(rank), words=words))
        else:
            after = asked.group("after") or (conversation if asked.group("that") else "")
            found.append(Rank(extreme, after=after, words=words))
    return found[0] if len(found) == 1 else None


@dataclass(frozen=True)
class Row:
    start: int
    end: int
    """Document offsets of the row's line, without its surrounding spaces."""
    label: str
    value: float
    unit: str


@dataclass(frozen=True)
class Table:
    """A run of comparable rows found near a retrieved passage, with the line over it when it is a header."""

    hit: SearchHit
    rows: tuple[Row, ...]
    header: Row | None
    context: str


def parse_row(line: str, start: int = 0) -> Row | None:
    """The line as a row (its name, its trailing figure and unit), None when it is a sentence or holds no figure."""
    text = line.strip()
    if not text or len(text) > _MAX_ROW_CHARS or text.endswith(_SENTENCE_END):
        return None
    found = _ROW.match(normalize_text(text))
    if found is None:
        return None
    unit = found.group("unit") or ""
    if _NOT_A_FIGURE.match(unit):
        return None
    offset = start + line.index(text)
    value = float(found.group("value").replace(",", ""))
    return Row(offset, offset + len(text), found.group("label").strip(), value, unit)


def find_tables(hit: SearchHit, source: DocumentSource | None) -> list[Table]:
    """The runs of at least `_MIN_ROWS` consecutive rows (blank lines between them allowed) ending in a figure of
    one unit, in the document around the passage, that reach into the passage: a table may start on the page
    before it or run on past it."""
    offset, text = region(hit, source)
    chunk = hit.chunk
    lines: list[tuple[int, str]] = []
    position = offset
    for line in text.split("\n"):
        if line.strip():
            lines.append((position, line))
        position += len(line) + 1
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        first = parse_row(lines[index][1], lines[index][0])
        if first is None:
            index += 1
            continue
        rows = [first]
        for start, line in lines[index + 1 :]:
            row = parse_row(line, start)
            if row is None or row.unit != first.unit:
                break
            rows.append(row)
        if len(rows) >= _MIN_ROWS and first.start < chunk.end and rows[-1].end > chunk.start:
            above = [line.strip() for _, line in lines[max(0, index - _CONTEXT_LINES) : index]]
            header = _header(*lines[index - 1]) if index else None
            tables.append(Table(hit, tuple(rows), header, "\n".join([chunk.section, *above])))
        index += len(rows)
    return tables


def _header(start: int, line: str) -> Row | None:
    """The line over a run is its header when it is short and holds no figure ("実施日 実施団体・イベント 参加人数")."""
    text = line.strip()
    if not text or len(text) > _MAX_HEADER_CHARS or re.search(r"\d", text) or text.endswith(_SENTENCE_END):
        return None
    offset = start + line.index(text)
    return Row(offset, offset + len(text), text, 0.0, "")


def winners(table: Table, extreme: Extreme, place: int = 1) -> tuple[Row, ...]:
    """The row with the largest (smallest) figure, or the `place`-th figure counting rows that tie as one, with
    the rows right under it that tie with it: "3.0%" shared by four investors names four, not the first."""
    figures = _places(table, extreme)
    if place > len(figures):
        return ()
    best = figures[place - 1]
    first = next(index for index, row in enumerate(table.rows) if row.value == best)
    return tuple(takewhile(lambda row: row.value == best, table.rows[first:]))


def _places(table: Table, extreme: Extreme) -> list[float]:
    """The table's distinct figures from the asked end: a place is a figure, however many rows tie at it."""
    return sorted({row.value for row in table.rows}, reverse=extreme is Extreme.largest)


def ranked(table: Table, rank: Rank) -> tuple[Row, ...]:
    """The rows a ranked question asks for: at its place, or right after the row its words name (the row most of
    whose name they hold); right after the first when they name none."""
    place = rank.place
    if rank.after:
        said = set(comparable_terms(rank.after))
        shares = [(_share(row.label, said), row) for row in table.rows]
        share, named = max(shares, key=lambda pair: pair[0])
        if share >= _ANCHOR_SHARE and sum(s == share for s, _ in shares) == 1:
            place = _places(table, rank.extreme).index(named.value) + 2
    return winners(table, rank.extreme, place)


def _share(label: str, said: set[str]) -> float:
    terms = set(comparable_terms(label))
    return len(terms & said) / len(terms) if terms else 0.0


class SuperlativeFinder:
    """Puts the winning row of the best matching table first in the chosen evidence, for a superlative question."""

    def __init__(
        self,
        idf: Callable[[str], float],
        source: DocumentSource,
        depth: int = _DEPTH,
        max_quotes: int = _MAX_QUOTES,
    ) -> None:
        self._idf = idf
        self._source = source
        self._depth = depth
        self._max_quotes = max_quotes

    def complete(
        self,
        question: str,
        chosen: tuple[Evidence, ...],
        hits: Sequence[SearchHit],
        municipalities: Sequence[str],
        conversation: str = "",
    ) -> tuple[Evidence, ...]:
        """`conversation`: the earlier answer, whose row "その次" counts on from."""
        rank = asked_rank(question, conversation)
        extreme = asked_extreme(question) if rank is None else rank.extreme
        threshold = asked_threshold(question) if extreme is None else None
        if (extreme is None and threshold is None) or not chosen:
            return chosen
        if threshold is not None:
            return self._filtered(question, threshold, chosen, hits, municipalities)
        subject = question if rank is None else normalize_text(question).replace(rank.words, " ")
        table = self._best_table(subject, hits, municipalities)
        if table is None:
            return chosen
        rows = winners(table, extreme) if rank is None else ranked(table, rank)
        added = self._evidence(table, rows, chosen[0].score, hits) if rows else ()
        if not added:
            return chosen
        rows = {line.strip() for line in added[-1].sentence.split("\n")}
        holding = next((e for e in chosen if rows <= {line.strip() for line in e.sentence.split("\n")}), None)
        if holding is not None:
            # The row is quoted already, among its neighbours: that quote leads, whole.
            added = (*(a for a in added[:-1] if not overlaps(a, holding)), holding)
        rest = [e for e in chosen if not any(overlaps(e, a) for a in added)]
        return tuple([*added, *rest][: max(len(chosen), self._max_quotes)])

    def _filtered(
        self,
        question: str,
        threshold: Threshold,
        chosen: tuple[Evidence, ...],
        hits: Sequence[SearchHit],
        municipalities: Sequence[str],
    ) -> tuple[Evidence, ...]:
        """The header and every row whose figure passes the question's threshold, in the table's order; the
        chosen quotes of the table's other rows go, since they are the rows the question filters out."""
        subject = normalize_text(question).replace(threshold.phrase, " ")
        table = self._best_table(subject, hits, municipalities, lambda t: threshold.measures(t.rows[0].unit))
        if table is None:
            return chosen
        added: list[Evidence] = []
        for rows in _runs(table, threshold):
            added.extend(self._evidence(table, rows, chosen[0].score, hits, header=not added, whole=True))
        if not added:
            return chosen
        labels = {normalize_text(row.label) for row in table.rows}
        rest = [e for e in chosen if not any(overlaps(e, a) for a in added) and not _rows_of(e, table, labels)]
        return tuple([*added, *rest][: max(len(chosen), self._max_quotes, len(added))])

    def _best_table(
        self,
        question: str,
        hits: Sequence[SearchHit],
        municipalities: Sequence[str],
        fits: Callable[[Table], bool] = lambda _table: True,
    ) -> Table | None:
        """The table whose header, the lines over it and its rows' names match the question's subject best."""
        place = {t for name in municipalities for t in comparable_terms(name)}
        weights = {
            t: self._idf(t)
            for t in dict.fromkeys(comparable_terms(question))
            if t not in place
            and t not in _QUESTION_WORDS
            and not t.isdigit()
            and not _YEAR_WORD.fullmatch(t)
            and not _PREDICATE.match(t)
            and not _PARTICLE.fullmatch(t)
        }
        match = share_of(weights)
        if match is None:
            return None
        best: tuple[float, Table | None] = (_MIN_MATCH, None)
        for hit in hits[: self._depth]:
            if not passage_concerns(hit.chunk, municipalities):
                continue
            for table in filter(fits, find_tables(hit, self._source)):
                header = table.header.label if table.header is not None else ""
                names = "\n".join(row.label for row in table.rows)
                score = (1 - _ROWS) * match(f"{table.context}\n{header}") + _ROWS * match(names)
                if score > best[0]:
                    best = (score, table)
        return best[1]

    def _evidence(
        self,
        table: Table,
        rows: tuple[Row, ...],
        score: float,
        hits: Sequence[SearchHit],
        header: bool = True,
        whole: bool = False,
    ) -> tuple[Evidence, ...]:
        """The header and the winning rows, each quoted from the stored passage that holds it; when the rows are
        stored apart, the first row alone (a tie names the row asked for), or with `whole` each row from its own
        passage (a filter's rows are each an answer)."""
        doc_id = table.hit.chunk.doc_id
        evidence: list[Evidence] = []
        if header and table.header is not None:
            held = self._quote(doc_id, table.header.start, table.header.end, table.hit, score, hits)
            evidence.extend([held] if held is not None else [])
        run = self._quote(doc_id, rows[0].start, rows[-1].end, table.hit, score, hits)
        if run is not None:
            return (*evidence, run)
        apart = [
            self._quote(doc_id, row.start, row.end, table.hit, score, hits) for row in rows[: None if whole else 1]
        ]
        found = [row for row in apart if row is not None]
        return (*evidence, *found) if found else ()

    def _quote(
        self, doc_id: str, start: int, end: int, near: SearchHit, score: float, hits: Sequence[SearchHit]
    ) -> Evidence | None:
        return quote_span(self._source, doc_id, (start, end), near, score, hits)


def _runs(table: Table, threshold: Threshold) -> list[tuple[Row, ...]]:
    """The rows passing the threshold, as runs of neighbouring rows: each run is one quote."""
    runs: list[list[Row]] = []
    previous = -2
    for index, row in enumerate(table.rows):
        if not threshold.passes(row.value):
            continue
        if index == previous + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
        previous = index
    return [tuple(run) for run in runs]


def _rows_of(evidence: Evidence, table: Table, labels: set[str]) -> bool:
    """A quote made of the table's header and rows only: for a filter question, rows it did not pick."""
    header = normalize_text(table.header.label) if table.header is not None else None
    for line in evidence.sentence.split("\n"):
        if not line.strip():
            continue
        row = parse_row(line)
        text = normalize_text(line.strip())
        if text != header and (row is None or normalize_text(row.label) not in labels):
            return False
    return True


def share_of(weights: dict[str, float]) -> Callable[[str], float] | None:
    """The share of the subject words' weight a text holds; None when the subject has no words.

    An English question carries the Japanese words of its subject beside its own: the tables are Japanese, so its
    English words would only weigh down every table's match."""
    if any(not t.isascii() for t in weights):
        weights = {t: w for t, w in weights.items() if not t.isascii()}
    total = sum(weights.values())
    if not total:
        return None

    def match(text: str) -> float:
        terms = set(comparable_terms(text))
        return sum(w for t, w in weights.items() if t in terms) / total

    return match


def quote_span(
    source: DocumentSource, doc_id: str, span: tuple[int, int], near: SearchHit, score: float, hits: Sequence[SearchHit]
) -> Evidence | None:
    """A span of a document quoted from the stored passage that holds it whole, as the retrieved hit when it was
    retrieved (a passage found only here ranks with the passage it was found near); None when no passage does."""
    start, end = span
    chunk = source.chunk_covering(doc_id, start, end)
    if chunk is None:
        return None
    held = next((h for h in hits if h.chunk.chunk_id == chunk.chunk_id), None)
    hit = held or SearchHit(rank=near.rank, score=0.0, chunk=chunk)
    return Evidence(hit, chunk.text[start - chunk.start : end - chunk.start], score, start - chunk.start)
