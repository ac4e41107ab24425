"""Tables that PDF extraction flattened into lines, read back as tables.

Two shapes recur in the plans and reports:

- a record table: a header line of column names ("協定の名称締結先締結日") over records whose cells extraction put
  on lines of their own ("カーボンニュートラルシティ実現に向けた包括連携協定" "栃木ガス株式会社"
  "東京瓦斯株式会社7月13日"); a record ends with its last column's cell, the kind of value that column's name
  says (a date under "…日", a figure under "…数"/"…計"). One record's first lines are never the whole answer: the
  partner of the second agreement is as much asked for as the first's.
- a figure grid: a header line of column names ("市内県内県外計") over one row of figures ("48 8 2 58"), one
  figure per column. A follow-up asking for one column of the total the earlier answer gave ("そのうち市内は？"
  after "58団体") is answered by the figure under that column's name.

Spans are offsets into the passage's text, so every quote stays verbatim. `with_whole_tables` and
`column_of_total_quote` apply these readings to the answer's quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from assistant.evidence import Evidence, located, passage_concerns, requote, same_stretch, union
from assistant.question import AnswerKind, QuestionFacts
from assistant.quotable import ROW_DAY, is_column_names
from assistant.sentences import SENTENCE_END
from ingest.tokenize import keyword_tokens
from kb.search import SearchHit

_MIN_HEADER_CHARS = 4
_MIN_COLUMNS = 2
_MIN_CELL_CHARS = 2
"""A one-character column name ("計") is any question's character; a column is asked for by a word."""
_MIN_RECORDS = 2
_MAX_RECORD_LINES = 6
_MAX_LINE_CHARS = 120
MAX_TABLE_CHARS = 400
"""A table is quoted whole up to this length (a list answer's budget); a longer one by the records quoted."""
_DATE_CELL = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*[(（][月火水木金土日][)）])?\s*$")
_FIGURE_CELL = re.compile(r"(?<![\d.,年月日第])\d[\d,]*(?:\.\d+)?\s*$")
_DATE_COLUMN = re.compile(r"日$")
_FIGURE_COLUMN = re.compile(r"(?:数|計|量|額|人|件)$")
_FIGURE_ROW = re.compile(r"^\s*\d[\d,.]*(?:\s+\d[\d,.]*)+\s*$")
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class RecordTable:
    """A header line and the records under it, as offsets into the passage's text."""

    start: int
    header_end: int
    records: tuple[tuple[int, int], ...]

    @property
    def end(self) -> int:
        return self.records[-1][1]


@dataclass(frozen=True)
class FigureGrid:
    """A header line of column names over a row of figures, one per column."""

    start: int
    end: int
    columns: tuple[str, ...]
    figures: tuple[str, ...]


def _line_spans(text: str) -> list[tuple[int, str]]:
    spans: list[tuple[int, str]] = []
    position = 0
    for line in text.split("\n"):
        spans.append((position, line))
        position += len(line) + 1
    return spans


def _header_columns(line: str) -> list[str]:
    """The column names of a header line, or none when the line is no header: a short line of words without
    figures or a sentence end ("協定の名称締結先締結日", "市内県内県外計")."""
    text = line.strip()
    if len(text) < _MIN_HEADER_CHARS or not is_column_names(text):
        return []
    if SENTENCE_END.search(text) or "、" in text:
        return []
    columns = keyword_tokens(text)
    return columns if len(columns) >= _MIN_COLUMNS else []


def _last_cell(header: str) -> re.Pattern[str] | None:
    """What the last column's cell looks like, by the column's name: a date under "締結日", a figure under "人数"."""
    name = header.strip()
    if _DATE_COLUMN.search(name):
        return _DATE_CELL
    if _FIGURE_COLUMN.search(name):
        return _FIGURE_CELL
    return None


def record_tables(text: str) -> list[RecordTable]:
    """The record tables of a passage: a header line, then at least two records of several lines each, every
    record ending on its last column's cell. A one-line record is a row the sentence units already quote whole."""
    lines = _line_spans(text)
    tables: list[RecordTable] = []
    for index, (start, line) in enumerate(lines):
        closing = _last_cell(line) if _header_columns(line) else None
        # a row that starts with its day is a dated row (assistant.quotable), keyed by its first cell, not its last
        if closing is None or index + 1 == len(lines) or ROW_DAY.match(lines[index + 1][1]):
            continue
        records = _records(lines[index + 1 :], closing)
        if len(records) >= _MIN_RECORDS:
            tables.append(RecordTable(start, start + len(line), tuple(records)))
    return tables


def _records(lines: list[tuple[int, str]], closing: re.Pattern[str]) -> list[tuple[int, int]]:
    """The records under a header, each from its first line to the line ending on its last cell; none when any
    record is a single line (a table of one-line rows) or the lines run into prose."""
    records: list[tuple[int, int]] = []
    first: int | None = None
    count = 0
    for start, line in lines:
        if not line.strip() or len(line) > _MAX_LINE_CHARS or SENTENCE_END.search(line) or count == _MAX_RECORD_LINES:
            break
        first = start if first is None else first
        count += 1
        if closing.search(line):
            if count == 1:
                return []
            records.append((first, start + len(line)))
            first, count = None, 0
    return records


def table_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span to quote for a quote that touches a record table: the header and every record when the table is
    short, else the header's or records' lines the quote touches, made whole. None when the quote touches no
    record table or already holds what it would be widened to."""
    for table in record_tables(text):
        if end <= table.start or start >= table.end:
            continue
        wide = (min(start, table.start), max(end, table.end))
        if wide[1] - wide[0] > MAX_TABLE_CHARS:
            touched = [r for r in table.records if r[0] < end and start < r[1]]
            if not touched:
                return None
            wide = (min(start, touched[0][0]), max(end, touched[-1][1]))
        return wide if wide != (start, end) else None
    return None


def figure_grids(text: str) -> list[FigureGrid]:
    """The figure grids of a passage: a header whose column names are as many as the figures on the next line."""
    lines = _line_spans(text)
    grids: list[FigureGrid] = []
    for (start, line), (_, row) in pairwise(lines):
        columns = _header_columns(line)
        if not columns or not _FIGURE_ROW.match(row):
            continue
        figures = row.split()
        if len(figures) == len(columns):
            grids.append(FigureGrid(start, start + len(line) + 1 + len(row), tuple(columns), tuple(figures)))
    return grids


def column_of_total(grid: FigureGrid, question: str, earlier: str) -> str | None:
    """The column a follow-up asks for out of the total the earlier answer gave: the grid's figures hold a
    figure of the earlier answer ("58団体" over "48 8 2 58") and the question names one column ("市内")."""
    given = {figure.replace(",", "") for figure in _FIGURE.findall(earlier)}
    if not given & {figure.replace(",", "") for figure in grid.figures}:
        return None
    named = [c for c in grid.columns if len(c) >= _MIN_CELL_CHARS and c in question]
    return named[0] if len(named) == 1 else None


def column_of_total_quote(
    facts: QuestionFacts, question: str, earlier: str, hits: list[SearchHit], municipalities: tuple[str, ...]
) -> Evidence | None:
    """A follow-up count of one part of the total the earlier answer gave ("そのうち市内の団体はいくつ？" after
    "58団体が会員です"): the figure grid holding that total, whose column the question names, answers it. The
    question's own place names are no column ("栃木市内" names the city, not the "市内" column)."""
    if not earlier or facts.kind is not AnswerKind.figure:
        return None
    asked = question
    for name in municipalities:
        asked = asked.replace(name, " ")
    for hit in hits:
        if not passage_concerns(hit.chunk, municipalities):
            continue
        text = hit.chunk.text
        for grid in figure_grids(text):
            if column_of_total(grid, asked, earlier) is not None:
                return Evidence(hit, text[grid.start : grid.end], hit.score, grid.start)
    return None


def with_whole_tables(chosen: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """Each quote touching a record table whose records extraction split over lines, widened to the table: the
    first record's first lines hold neither its last cells nor the other records ("協定の名称締結先締結日" over two
    agreements, each with its partners and date). Quotes of the same table then make one quote, where the first
    of them stood; the other quotes stay as they were."""
    kept: list[tuple[Evidence, bool]] = []
    for evidence in chosen:
        start = located(evidence)
        if start < 0:
            kept.append((evidence, False))
            continue
        span = table_around(evidence.hit.chunk.text, start, start + len(evidence.sentence))
        item = requote(evidence, span or (start, start + len(evidence.sentence)))
        for index, (other, widened) in enumerate(kept):
            if (span is not None or widened) and same_stretch(item, other):
                kept[index] = (requote(other, union(item, other)), True)
                break
        else:
            kept.append((item, span is not None))
    return tuple(item for item, _ in kept)
