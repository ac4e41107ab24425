"""What can be quoted from a passage: its sentences, a short label line with the lines under it, a table row
whose cells extraction put on lines of their own, a lettered record. The sentence selector scores these units;
they are cut from the passage's text, so every quote stays verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from assistant.sentences import SENTENCE_END
from ingest.chunk import split_sentences
from ingest.kana import KATAKANA

_PASSAGES_READ = 4096
"""Passages whose units are kept, as a listing or not: a corpus of a few thousand chunks fits."""
_MIN_SENTENCE_CHARS = 6
_MAX_SENTENCE_CHARS = 400
_MAX_ITEM_CHARS = 120
_MAX_LABEL_WINDOW_CHARS = 200
_LABEL_WINDOW_LINES = 2
_SHORT_BODY_LINES = 3
"""A label's body of this many lines or fewer, ending with its block, is quoted whole."""
_MAX_LIST_CHARS = 400
ROW_DAY = re.compile(r"^\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
"""The day a table row opens with ("2月7日(水)"), its month and day captured."""
ROW_END = re.compile(r"^\s*(?:\(\d{1,2}\)|\d{1,2}(?![\d月,.]))")
"""A numbered heading ("(5) 再エネ普及促進プロジェクト", "2地球温暖化に対する…") ends a table."""
_MAX_ROW_LINES = 8
_MAX_ROW_CHARS = 240
MAX_LABEL_CHARS = 30
MAX_HEADER_CHARS = 30
"""A table's header row, its column names run together on one line ("協定の名称締結先締結日", "期日会場内容"), is no
longer: a longer line is prose, or a row of cells."""
_FIGURE = re.compile(r"\d")
_YEAR_HEADER = re.compile(r"^\s*(?:(?:19|20)\d{2}\s+){2,}(?:19|20)\d{2}\s*$")
_TABLE_TITLE_LINES = 2
_LETTERS = "アイウエオカキクケコ"
_LETTERED = re.compile(rf"^\s*[(（]?([{_LETTERS}])[)）]?\s*(?![{KATAKANA}ー])\S")
ARROW = re.compile(r"^\s*[⇒→➡]")
"""A line that answers the short line over it ("新たな需要家の確保" / "⇒…約200事業者・団体に…案内し"): slides put an
issue and its response, or a target and its measure, on lines of their own joined by an arrow."""
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CIRCLED_ITEM = re.compile(rf"(?:^|(?<=\s))([{_CIRCLED}])\s*(?=\S)")
"""A circled item number opening a line or following a space: one item of a table cell's run."""
_COLUMN_MARKS = re.compile(r"[\s○●◎△×]+$")
"""The marks of the columns after an item cell ("○ ○ ● ●": 重点事業), and the space before the next item."""
_MIN_CELL_ITEMS = 3
_NUMBERED = re.compile(r"[0-9０-９①-⑳]")
"""A figure or a number in a line: an item of a numbered list or a value ("②設立日2023年10月12日"), no heading."""
_PICTURE_CAPTION = re.compile(r"【[^【】\n]{0,30}(?:図|イメージ|外観|様子|写真|風景)(?:[(（][^()（）\n]{1,20}[)）])?】")
"""A bracketed label naming a picture ("【事業スキーム図】", "【…イメージ】", "【説明会の様子(2024.10.16開催)】")."""
_LIST_ITEM = re.compile(r"^\s*[-・●○■◆]?\s*(?:[①-⑳]|[(（]\d{1,2}[)）]|\d{1,2}[.．)）])\s*\S")
"""A line opening with an item's number ("③ 川崎…", "(2) …", "1. …"): one item of a numbered list."""


@dataclass(frozen=True)
class Unit:
    """A stretch of a passage that can be quoted, with the line over it that says what it is about."""

    text: str
    context: str
    start: int
    extra_lines: int = 0
    heading: str = ""
    """The line over the numbered list the unit's line is an item of: what the whole list is of, and when
    ("(参考)令和3(2021)年度に設置した検討体制(例)" over "③ 川崎…会議"); empty for a line of no list."""


@lru_cache(maxsize=_PASSAGES_READ)
def quotable_units(text: str, section: str, listing: bool) -> tuple[Unit, ...]:
    """What can be quoted: each sentence, and a short line together with the short lines that follow it.

    Slide decks and tables put a label on one line and its figure or its items on the next ones
    ("再エネ導入目標" / "2030年度までに33万kW以上導入"), so a label alone is never the whole answer.
    Cached: the same retrieved passages are read for question after question (and for each part of one).
    """
    lines = text.split("\n")
    max_chars = _MAX_LIST_CHARS if listing else _MAX_LABEL_WINDOW_CHARS
    found: list[Unit] = []
    line_start = 0
    for index, line in enumerate(lines):
        context = _context(lines, index, section)
        heading = _list_heading(lines, index, section)
        spans = split_sentences(line)
        found.extend(
            Unit(line[start:end], context, line_start + start, heading=heading)
            for start, end in spans
            if _MIN_SENTENCE_CHARS <= end - start <= _MAX_SENTENCE_CHARS
        )
        window = _label_window(lines, index, max_chars, listing) if len(spans) == 1 else []
        if len(window) > 1:
            extra = _window_extra_lines(window, listing)
            found.append(Unit("\n".join(window), context, line_start, extra, heading))
        elif len(spans) > 1 and is_label(line[spans[-1][0] :]):
            # "…間伐を実施しました。ア所在地及び面積": extraction joined the label to the sentence before it, whose
            # subject it labels; its value is on the next line
            tail = spans[-1][0]
            window = _label_window([line[tail:], *lines[index + 1 :]], 0, max_chars, listing)
            if len(window) > 1:
                found.append(Unit("\n".join(window), line[:tail], line_start + tail, len(window) - 1))
            lead = spans[-2][0]
            record = _record([line[lead:], *lines[index + 1 :]], line[tail:])
            if len(record) > 1:
                found.append(Unit("\n".join(record), context, line_start + lead, len(record) - 1))
        items = cell_items(line)
        found.extend(Unit(line[a:b], _cell_context(line[: items[0][0]], context), line_start + a) for a, b in items)
        row = dated_row(text, line_start)
        row_lines = _row_lines(text, row) if row is not None else 0
        if row is not None and row_lines > _LABEL_WINDOW_LINES:
            found.append(Unit(text[slice(*row)], context, line_start, row_lines - 1))
        line_start += len(line) + 1
    return tuple(unit for unit in found if not _holds_caption(unit.text))


def _holds_caption(text: str) -> bool:
    """Whether a line of the text is a photo's or a figure's caption ("【…営業所外観】", "【…の様子(…開催)】"):
    a caption names what is pictured and says nothing of it, and the lines beside it are the picture's other
    labels (the names of the people pictured), so a unit holding one answers no question. The lines around it
    stay quotable as units of their own; a bracketed label heading content ("【取組内容】") is no caption."""
    return any(_PICTURE_CAPTION.fullmatch(line.strip()) for line in text.split("\n"))


def cell_items(line: str) -> list[tuple[int, int]]:
    """The spans of the items a table cell runs together on one line ("① 公共施設への再生可能エネルギー設備等の導入
    ② 公共施設新設時のZEBの導入 … ⑩ 公用車の電動化・利用最適化の推進 ○ ○ ● ●"): each from its circled number to
    the next, without the marks of the columns after the cell. A question about one item ("公用車の電動化") is
    answered by it, and the run of ten whole is mostly other items' words. None for fewer than three in order."""
    marks = list(_CIRCLED_ITEM.finditer(line))
    numbers = [_CIRCLED.index(m.group(1)) for m in marks]
    if len(marks) < _MIN_CELL_ITEMS or numbers != sorted(numbers):
        return []
    ends = [m.start() for m in marks[1:]] + [len(line)]
    spans = []
    for mark, end in zip(marks, ends, strict=True):
        item = _COLUMN_MARKS.sub("", line[mark.start() : end])
        if len(item) >= _MIN_SENTENCE_CHARS:
            spans.append((mark.start(), mark.start() + len(item)))
    return spans


def _cell_context(cells: str, context: str) -> str:
    """What a cell's items are about: the line over the row, and the row's cells before the item run on its line
    ("2) 市有施設の脱炭素化 <概要>")."""
    return f"{context}\n{cells.strip()}" if cells.strip() else context


def _window_extra_lines(window: list[str], listing: bool) -> int:
    """The lines a label window quotes beyond its label, as the selector counts them against it: a heading's
    short body quoted whole is its one answer, counted as the label's one line of value, not as padding."""
    return len(window) - 1 if listing else min(len(window), _LABEL_WINDOW_LINES) - 1


def _context(lines: list[str], index: int, section: str) -> str:
    """The line over a line, which says what it is about. A table's header row of years has the label of its
    rows over it ("年次目指す方向"), and the table's title over that ("① 再生可能エネルギー電力供給量 [kWh/年]"):
    what its figures measure is said there."""
    if not index:
        return section
    if _YEAR_HEADER.match(lines[index]):
        return "\n".join(lines[max(0, index - _TABLE_TITLE_LINES) : index])
    return lines[index - 1]


def _list_heading(lines: list[str], index: int, section: str) -> str:
    """The line over the run of numbered items the line at index belongs to (the section at the passage's top);
    empty when the line is no numbered item. An item names its own subject, but the heading says what the whole
    list is of and when: a question for a year asks of every item under a heading dated so."""
    if not _LIST_ITEM.match(lines[index]):
        return ""
    first = index
    while first and _LIST_ITEM.match(lines[first - 1]):
        first -= 1
    return lines[first - 1] if first else section


def _record(lines: list[str], label: str) -> list[str]:
    """A lettered record with the sentence its first label was joined to ("…間伐を実施しました。ア所在地及び面積"
    "檜原村南郷約8ha…" "イ CO2吸収量(見込み)" "330t-CO2"): the sentence names what the record is about, which
    the label alone ("所在地及び面積") does not, and the record's labels and values answer together.

    The first line only, when the label is no first letter (ア, (ア)); the record ends at a blank line, a line of
    prose, a label out of sequence, or its length."""
    letter = label_letter(label)
    if letter != _LETTERS[0]:
        return lines[:1]
    record = lines[:1]
    for line in lines[1:]:
        following = label_letter(line)
        if following is not None and _LETTERS.index(following) != _LETTERS.index(letter) + 1:
            break
        if following is None and (not line.strip() or len(line) > _MAX_ITEM_CHARS or SENTENCE_END.search(line)):
            break
        if sum(map(len, record)) + len(line) > _MAX_LABEL_WINDOW_CHARS:
            break
        record.append(line)
        letter = following or letter
    return record


def label_letter(line: str) -> str | None:
    """The letter a lettered label starts with ("ア所在地及び面積", "(イ) CO2吸収量"), None for any other line."""
    found = _LETTERED.match(line)
    return found.group(1) if found else None


def is_label(text: str) -> bool:
    """A short heading with no sentence end ("ア所在地及び面積"), not the close of a sentence."""
    return len(text) <= MAX_LABEL_CHARS and not SENTENCE_END.search(text)


def is_column_names(text: str) -> bool:
    """Whether a line can be a table's header row: short, and no figure (column names name, cells hold figures).

    Each reader of tables adds what its own headers hold or lack: extractive.py no item mark, clause, note or
    sentence end (and takes a row of years too), values.py no heading number, tables.py no sentence end and two
    columns. A schedule's header (schedules.is_header) is known by its date and venue columns instead, and is
    held to the length alone."""
    return len(text) <= MAX_HEADER_CHARS and not _FIGURE.search(text)


def _label_window(lines: list[str], index: int, max_chars: int, listing: bool) -> list[str]:
    """A short line and the short lines under it: its value, or for a list question its items."""
    if len(lines[index]) > _MAX_ITEM_CHARS or ARROW.match(lines[index]):
        return []  # an arrow line answers the line over it; the line under it is the next issue, not its label
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if ARROW.match(following) and len(following) <= _MAX_SENTENCE_CHARS:
        return [lines[index], following]
    window = [lines[index]]
    short_body = _short_body(lines, index, max_chars)
    if short_body:
        return [lines[index], *short_body]
    for following in lines[index + 1 :]:
        if len(following) > _MAX_ITEM_CHARS or sum(map(len, window)) + len(following) > max_chars:
            break
        window.append(following)
        if not listing and len(window) == _LABEL_WINDOW_LINES:
            break
    return window


def _short_body(lines: list[str], index: int, max_chars: int) -> list[str]:
    """The few short lines under a bare heading (no figure, no number) up to the end of its block (a blank line
    or the passage's end), when there are more than one: a heading's short body ("進行管理" / "PDCAサイクルに
    したがって…" / "個別プロジェクトはOODAサイクルに従って…") says its whole answer in them, and its first line
    alone is half of it. Empty when the block goes on, or a line is long or prose (a sentence says its own
    subject, not the label's)."""
    if not is_label(lines[index]) or _NUMBERED.search(lines[index]):
        return []
    body: list[str] = []
    for following in lines[index + 1 :]:
        if not following.strip():
            break
        if len(body) == _SHORT_BODY_LINES or len(following) > _MAX_ITEM_CHARS or SENTENCE_END.search(following):
            return []
        body.append(following)
    if len(body) < _LABEL_WINDOW_LINES or len(lines[index]) + sum(map(len, body)) > max_chars:
        return []
    return body


def ends_row(line: str) -> bool:
    """A line no dated row runs into: a blank line, the next day's row or a numbered heading ("(5) 再エネ普及促進
    プロジェクト")."""
    return not line.strip() or bool(ROW_DAY.match(line) or ROW_END.match(line))


def dated_row(
    text: str, start: int, max_chars: int | None = _MAX_ROW_CHARS, ends: Callable[[str], bool] = ends_row
) -> tuple[int, int] | None:
    """The span of the table row keyed by the day its line at start opens with, its cells flattened onto lines of
    their own ("1月15日(月)" "渡良瀬遊水地" "ハートランド城" "(研修室1)" "…について"): up to a line that ends it, or
    the length of a row. None when the line opens with no day. A quote keeps a row within max_chars; a table read
    line by line (a schedule) passes None, and its own ends (another table's header too)."""
    end = line_end(text, start)
    if not ROW_DAY.match(text[start:end]):
        return None
    lines, chars = 1, end - start
    while lines < _MAX_ROW_LINES and end < len(text):
        following_end = line_end(text, end + 1)
        following = text[end + 1 : following_end]
        if ends(following) or (max_chars is not None and chars + len(following) > max_chars):
            break
        end, lines, chars = following_end, lines + 1, chars + len(following)
    return start, end


def line_end(text: str, start: int) -> int:
    """Where the line at start ends: its newline, or the end of the text."""
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _row_lines(text: str, row: tuple[int, int]) -> int:
    """How many lines a row's span holds."""
    return text.count("\n", *row) + 1


def row_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the dated table row whose cells hold text[start:end] and more ("藤岡地域内の現地視察について" is
    one cell of the row "1月15日(月)" "渡良瀬遊水地" "ハートランド城" …): a cell alone does not say when or where."""
    line_start = text.rfind("\n", 0, start) + 1
    for _ in range(_MAX_ROW_LINES):
        row = dated_row(text, line_start)
        if row is not None:
            covers = row[1] >= end and _row_lines(text, row) > _LABEL_WINDOW_LINES
            return row if covers and row != (start, end) else None
        if not line_start:
            return None
        line_start = text.rfind("\n", 0, line_start - 1) + 1
    return None
