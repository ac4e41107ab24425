"""List answers: a list question ("7つの基本的施策を教えてください") is answered by the items, not by the sentence
that announces them.

Plans put a list's items on short lines of their own under an enumerating heading or intro ("4つの連携方策",
"次の①~⑧の施策"), numbered (1, (1), ①, PJ 1, 制度1, 目標1:) or not, often with a line of description under each
item, and the list often runs on into the next chunk. The collector reads the document around each retrieved
passage (chunks carry their character span in the document), finds the numbered runs and the counted headings
there, keeps the one whose heading and items best match the question, and quotes each item line verbatim from
the chunk that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Protocol

from assistant.quotable import label_letter, line_end
from assistant.quoted import quoted_names
from assistant.sentences import SENTENCE_END
from ingest.document import Chunk
from ingest.kana import HIRAGANA_BLOCK, KANJI, KATAKANA_BLOCK
from kb.search import SearchHit

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
LABEL = rf"[A-Za-z]{{1,4}}|[{KANJI}{KATAKANA_BLOCK}]{{1,3}}"
"""The word a plan numbers its items after ("PJ 1", "制度1", "目標1:", "Step 2")."""
KANJI_DIGITS = "一二三四五六七八九十"
# An item number at the start of a line: "1", "1.", "(1)", "①", "PJ 1", "制度1", "目標1:"; never a year, a date or a
# figure ("2050年", "1月15日", "1.5°C", "3つ").
ITEM = re.compile(
    r"^[\s\-・*●○■□◆◇]*"
    rf"(?P<label>{LABEL})?(?P<gap>\s*)"
    r"(?P<open>[(（【])?\s*"
    rf"(?P<num>\d{{1,2}}|[{CIRCLED}])"
    r"(?![\d,.]\d|\d|\s*[年月日時分%％万億千件人台基社か箇ヶヵ個倍円回本つ大tT歳])"
    r"\s*(?P<close>[)）】.．:：、]?)\s*"
)
# A heading that says how many items follow: "4つの連携方策", "5大プロジェクト", "3本の柱".
_COUNTED = re.compile(rf"(?P<n>\d{{1,2}}|[{KANJI_DIGITS}])\s*(?:つ|大|本|項目|種類|分野|点|の柱)")
_WHOLE = re.compile(
    r"(?:全部|全て|すべて)(?:を|で)?(?:教え|挙げ|あげ|示し|知り|知ら|わか|分か|列挙|見せ|何|いくつ)|いくつ"
)
"""Words asking for all of a list ("全部教えて", "全て挙げて", "全部で何件"): "いくつ" asks its size, which the list
answers with its items. "すべて" quantifying what an act applies to ("公用乗用自動車をすべて次世代自動車にするのは
いつまで", "23区すべてが参加") asks no list: the date or fact of that act answers it."""
SIGNPOST = re.compile(r"(?:を|について|で)示し(?:ています|ます)。?$")
"""A line of a document's outline, telling what a chapter shows ("本計画の推進体制と進行管理について示しています。")."""
_ANNOUNCING = re.compile(r"(?:次|以下|下記)の")
"""A sentence that says items follow it ("次の①~⑧の施策の具体化も必要です。")."""
_MAX_GAP_CHARS = 420
"""Description lines allowed between two items; a longer gap ends the list."""
_MAX_SECTION_GAP_CHARS = 1200
"""Paragraphs allowed between two numbered headings that stand alone ("(1)国との協調" … "(2)市域を超えた広域連携"):
a chapter's subsections are its list, each with a few paragraphs of its own under it."""
_MAX_ITEMS = 20
_MIN_ITEMS = 3
"""Two numbered lines are as often two section headings far apart as a list."""
_MAX_ITEM_QUOTE = 60
"""An item line longer than this is quoted up to its first clause: the item's name, not its whole description."""
_MAX_ITEM_SPAN = 100
"""An item with the lines under it (name, description) is quoted whole up to this length."""
_MIN_CLAUSE_CHARS = 10
_MIN_SUBJECT_CHARS = 4
"""An item name the question holds names the question's subject only when it is this long: a two-character
name ("電気") is any question's word."""
_MIN_COMPOUND_CHARS = 4
"""A compound this long names a list ("基本的施策"); a shorter one ("脱炭素", "施策") heads many."""
_QUALIFIER = rf"[{KANJI}\u3005]{{1,3}}な"
"""An adjective before a noun ("主な", "具体的な", "様々な"): a short noun is a list's name only with it ("主な課題" in
"【主な課題とその対応】"), as plans head their lists."""
_CATEGORY_ASKED = re.compile(rf"(?P<name>[{KANJI}{KATAKANA_BLOCK}]+)[」』]?として(?:何|どの|どんな)")
_MAX_HEADING_CHARS = 60
_MAX_INTRO_CHARS = 120
_LINES_PER_ITEM = 4
"""An unnumbered item may wrap and carry a description (a table row: name, partner, date)."""
_MAX_LIST_QUOTE_CHARS = 400
"""The items' names always; their descriptions while the list stays this short."""
_INTRO_LINES = 3
_MIN_LABELLED_CHARS = 8
"""What a label line must hold after its label to be items, not a heading that merely starts with the word."""
_LABELLED_ITEM = re.compile(rf"[A-Za-z{KATAKANA_BLOCK}{KANJI}]")
"""An item begins with a word: "目標1:", "方針(案)", "方針は…" are a heading or a sentence starting with the label."""
_MAX_QUOTED_NAME = 32
"""How long a word the question sets in brackets (the one it picks its subject by) may be: plans name a
measure or a table row in up to 30 characters ("デジタル技術を活用した再生可能エネルギーの導入"); longer brackets
quote a sentence."""
_MID_LINE_FIRST = re.compile(rf"\S\s+({CIRCLED[0]})")
"""A first circled item after the cells of a table row on the same line."""
_LOOK_BEHIND = 400
_LOOK_AHEAD = 1500


class DocumentSource(Protocol):
    """What the collector reads beyond the retrieved passages: the whole document and the chunk at a place."""

    def document_text(self, doc_id: str) -> str | None: ...

    def chunk_covering(self, doc_id: str, start: int, end: int) -> Chunk | None: ...


@dataclass(frozen=True)
class Item:
    start: int
    end: int
    """Document offsets of the quoted text."""
    name_end: int = -1
    """Where the item's name ends, before its description: the quote's end when the whole list is too long."""
    body: int = -1
    """Where the item's name starts when its first line is a bare label ("制度1"): quoted from there when the
    label and the name fall in different chunks."""
    named: bool = True
    """False for a long line cut at its first clause: a description, whose words do not say what the list is
    about (a list of long lines would outscore the sentences that answer)."""


@dataclass(frozen=True)
class ListBlock:
    """A list found near a retrieved passage: its items (document offsets), the text that introduces it."""

    hit: SearchHit
    items: tuple[Item, ...]
    intro: str
    item_text: str
    count: int
    """How many items the list has: the numbered lines, or the number its heading gives."""
    names: tuple[str, ...] = ()
    """Each item's name without its number ("川崎市地球温暖化防止活動推進センター")."""
    under: tuple[tuple[int, int], ...] = ()
    """Document offsets of what each item's heading heads: the lines from below its own to the next item; empty
    for the last item, whose end the list does not show."""
    cells: str = ""
    """The cells of the table row the items are listed in ("2) 市有施設の脱炭素化 <概要>"), when they are a row's."""
    column: bool = False
    """The items are one column's cells down a table's rows ("2030年度目標 II グリーンイノベーションで…"): a list
    only to a question asking for one, as the rows' other cells may answer another question."""
    captions: bool = False
    """The items are a diagram's bracketed captions ("【蓄電池】"): they illustrate the sentence above them, so they
    answer only a question asking for the kind of thing they name ("設備" in "【充電設備】")."""


@dataclass(frozen=True)
class Quote:
    hit: SearchHit
    text: str


_ENGLISH_NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_ENGLISH_COUNTED = re.compile(
    rf"\b(?:what|which|name|list)\s+(?:(?:are|were|is)\s+)?(?:the\s+)?(?P<n>\d{{1,2}}|{'|'.join(_ENGLISH_NUMBERS)})"
    r"\s+(?:main\s+|key\s+|basic\s+)?[a-z]+s\b",
    re.IGNORECASE,
)
"""An English question counting what it asks for ("What four activities…", "Which three pillars…", "List the five
basic policies"): the items of a list that long, as "4つの取組は？" asks."""


def asks_whole(question: str) -> bool:
    """The question asks for every item of a sequence ("全部教えて", "いくつあって、それぞれ何")."""
    return _WHOLE.search(question) is not None


def asked_count(question: str) -> int | None:
    """How many items the question says the list has ("7つの基本的施策" -> 7, "What four activities" -> 4), if it
    says."""
    match = _COUNTED.search(question) or _ENGLISH_COUNTED.search(question)
    return number_of(match.group("n")) if match else None


def number_of(token: str) -> int:
    """An item's or a count's number however it is written: "3", "３", "③", "三", "three"."""
    if token.lower() in _ENGLISH_NUMBERS:
        return _ENGLISH_NUMBERS.index(token.lower()) + 2
    if token in CIRCLED:
        return CIRCLED.index(token) + 1
    if token in KANJI_DIGITS:
        return KANJI_DIGITS.index(token) + 1
    return int(token)


@dataclass(frozen=True)
class _Line:
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _lines(text: str, offset: int) -> list[_Line]:
    lines: list[_Line] = []
    position = offset
    for line in text.split("\n"):
        if line.strip():
            lines.append(_Line(position, line))
        position += len(line) + 1
    return lines


def _style(match: re.Match[str]) -> tuple[str, bool, bool, str, bool]:
    """How an item is numbered; a list numbers all its items alike, so "Step 1 …, Step 2 …" ends at a line of
    text that merely starts with its label ("Step1における課題…"), not a space between them."""
    close = match.group("close").replace("）", ")").replace("．", ".").replace("：", ":")
    label = match.group("label") or ""
    spaced = bool(label) and bool(match.group("gap"))
    return (label, spaced, bool(match.group("open")), close, match.group("num") in CIRCLED)


def region(hit: SearchHit, source: DocumentSource | None) -> tuple[int, str]:
    """The document text around a passage: the items may start before it and go on after it."""
    chunk = hit.chunk
    text = source.document_text(chunk.doc_id) if source is not None else None
    if text is None or text[chunk.start : chunk.end] != chunk.text:
        return chunk.start, chunk.text
    start = text.rfind("\n", 0, max(0, chunk.start - _LOOK_BEHIND)) + 1
    end = text.find("\n", min(len(text), chunk.end + _LOOK_AHEAD))
    end = len(text) if end < 0 else end
    return start, text[start:end]


def find_blocks(hit: SearchHit, source: DocumentSource | None, lead: str = "") -> list[ListBlock]:
    """The numbered runs (1, 2, 3 ... in one style) and counted headings whose first item lies in the passage, or
    right after it when the passage ends with `lead`, the answer's best sentence, announcing them."""
    offset, text = region(hit, source)
    lines = _first_items_apart(_lines(text, offset))
    parsed = [ITEM.match(line.text) for line in lines]
    chunk = hit.chunk
    blocks: list[ListBlock] = []
    for index, match in enumerate(parsed):
        if match is None or number_of(match.group("num")) != 1:
            continue
        sections = _sections(lines, index)
        opens = sections and _subsections_follow(chunk, lines[index].start)
        if not (_near(chunk, lines[index].start) or opens or (index and _announces(lines[index - 1], chunk, lead))):
            continue
        style = _style(match)
        run = [index]
        gap = 0
        max_gap = _MAX_SECTION_GAP_CHARS if sections else _MAX_GAP_CHARS
        for later in range(index + 1, len(lines)):
            other = parsed[later]
            if other is not None and _style(other) == style:
                number = number_of(other.group("num"))
                if number == len(run) + 1:
                    run.append(later)
                    gap = 0
                    if len(run) == _MAX_ITEMS:
                        break
                    continue
                if number == 1:
                    break  # another list begins
            gap += len(lines[later].text)
            if gap > max_gap:
                break
        if len(run) < _MIN_ITEMS:
            continue
        last = lines[run[-1]].end
        under = (*((lines[a].end + 1, lines[b].start) for a, b in pairwise(run)), (last, last))
        if _outline(text, offset, under):
            continue
        # An item is its line and the lines under it up to the next item (a name, a one-line description); the
        # last item gets as many lines as the others have.
        extra = min(b - a - 1 for a, b in pairwise(run))
        items = tuple(_item(lines, parsed, i, i + 1 + extra) for i in run)
        if index and lines[index - 1].end == lines[index].start:
            # A first item split off its table row is quoted with the row's cells: they say what it lists.
            first = items[0]
            items = (replace(first, start=lines[index - 1].start, body=first.start), *items[1:])
        intro = _intro(lines, parsed, index, chunk)
        names = tuple(lines[i].text[parsed[i].end() :].strip() for i in run if parsed[i] is not None)
        cells = lines[index - 1].text if index and lines[index - 1].end == lines[index].start else ""
        blocks.append(ListBlock(hit, items, intro, _join(text, offset, items), len(items), names, under, cells))
    blocks.extend(_counted_blocks(hit, lines, parsed, text, offset))
    blocks.extend(_inline_blocks(hit, lines))
    blocks.extend(_column_blocks(hit, lines, text, offset))
    blocks.extend(_label_blocks(hit, lines, text, offset))
    blocks.extend(_answered_blocks(hit, lines, parsed, text, offset))
    return blocks


def _captioned(chunk: Chunk, above: _Line | None, label: _Line) -> bool:
    """The passage ends with the sentence that the labels right after it caption, naming the first of them
    ("太陽光発電設備や蓄電池など" over "【太陽光発電設備】"): the page was cut between the sentence and its pictures."""
    if above is None or not above.end <= chunk.end <= label.start or not chunk.text.endswith(above.text):
        return False
    return label.text.strip().strip("【】") in above.text


_BRACKETED_LABEL = re.compile(r"【[^【】\n]{1,30}】")
"""A line that is one bracketed label and nothing else ("【ソーラーカーポート】")."""


def _label_blocks(hit: SearchHit, lines: list[_Line], text: str, offset: int) -> list[ListBlock]:
    """A run of bracketed labels one a line ("【太陽光発電設備】", "【蓄電池】", "【ソーラーカーポート】"): a
    diagram's or a photo page's captions, each naming one of the things the line above them announces
    ("太陽光発電設備や蓄電池など…設備の導入を推進"), which the sentence names only in part."""

    def label(line: _Line, _count: int) -> Item | None:
        return Item(line.start, line.end, line.end) if _BRACKETED_LABEL.fullmatch(line.text.strip()) else None

    blocks: list[ListBlock] = []
    for first, items in _runs(lines, label):
        above = lines[first - 1] if first else None
        if not (_near(hit.chunk, lines[first].start) or _captioned(hit.chunk, above, lines[first])):
            continue
        intro = _run_intro(hit, lines, first)
        blocks.append(ListBlock(hit, items, intro, _join(text, offset, items), len(items), captions=True))
    return blocks


_ANSWERING = re.compile(r"\s*[⇒→➡]")
"""A line opening with an arrow: what answers or follows from the line above it ("需要家との合意形成" over "⇒…意見交換
を重ねる")."""


def _answered_blocks(
    hit: SearchHit, lines: list[_Line], parsed: list[re.Match[str] | None], text: str, offset: int
) -> list[ListBlock]:
    """A run of short lines each followed by an arrowed line ("【主な課題とその対応】 需要家との合意形成 ⇒… 新たな
    需要家の確保 ⇒…"): issues and their responses, or measures and their effects, whose bullets the normaliser
    dropped. The short lines are the items, each with its arrowed line under it."""
    blocks: list[ListBlock] = []
    index = 0
    while index < len(lines):
        first = index
        while index + 1 < len(lines) and _is_item_line(lines[index].text) and _ANSWERING.match(lines[index + 1].text):
            index += 2
        pairs = [(lines[i], lines[i + 1]) for i in range(first, index, 2)]
        index = max(index, first + 1)
        if len(pairs) < _MIN_ITEMS or not _near(hit.chunk, lines[first].start):
            continue
        items = tuple(Item(name.start, answer.end, name.end) for name, answer in pairs)
        names = tuple(name.text.strip() for name, _ in pairs)
        under = tuple((answer.start, answer.end) for _, answer in pairs)
        intro = _run_intro(hit, lines, first)
        blocks.append(ListBlock(hit, items, intro, _join(text, offset, items), len(items), names, under))
    return blocks


def _runs(lines: list[_Line], item_at: Callable[[_Line, int], Item | None]) -> Iterator[tuple[int, tuple[Item, ...]]]:
    """Each run of at least _MIN_ITEMS consecutive lines that `item_at` reads as items (given how many came before
    in the run), with the index of its first line."""
    index = 0
    while index < len(lines):
        run: list[Item] = []
        for line in lines[index:]:
            item = item_at(line, len(run))
            if item is None:
                break
            run.append(item)
        if len(run) >= _MIN_ITEMS:
            yield index, tuple(run)
        index += max(1, len(run))


def _run_intro(hit: SearchHit, lines: list[_Line], first: int) -> str:
    """What introduces a run of item lines: the passage's heading and the line right above the run."""
    return "\n".join([hit.chunk.section, lines[first - 1].text if first else ""])


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ROMAN_CELL = re.compile(
    rf"(?:^|\s)(?P<num>[IVX]{{1,4}}|[\u2160-\u216b])\s+(?=[{HIRAGANA_BLOCK}{KATAKANA_BLOCK}{KANJI}])"
)
"""A table cell opening with a Roman numeral ("II グリーンイノベーションで…", "Ⅲ 再生可能エネルギー…"), at a row's
start or after the row's other cells."""


def _roman_number(token: str) -> int:
    if "\u2160" <= token <= "\u216b":
        return ord(token) - 0x2160 + 1
    return _ROMAN.index(token) + 1 if token in _ROMAN else 0


def _column_blocks(hit: SearchHit, lines: list[_Line], text: str, offset: int) -> list[ListBlock]:
    """A Roman-numbered column down a table's rows, one numbered cell a row (I, II, III on consecutive lines):
    plans set a vision's basic directions out so, beside another column's targets; the items are the numbered
    cells to each row's end, and the header row above them names the column."""

    def numbered_cell(line: _Line, count: int) -> Item | None:
        match = _ROMAN_CELL.search(line.text)
        if match is None or _roman_number(match.group("num")) != count + 1:
            return None
        return Item(line.start + match.start("num"), line.end, line.end)

    blocks: list[ListBlock] = []
    for first, items in _runs(lines, numbered_cell):
        if not _near(hit.chunk, lines[first].start):
            continue
        names = tuple(text[item.start - offset : item.end - offset].split(maxsplit=1)[-1].strip() for item in items)
        # Under each item is its own cell: a question naming one direction is answered by that row's cell.
        under = tuple((item.start, item.end) for item in items)
        intro = _run_intro(hit, lines, first)
        blocks.append(ListBlock(hit, items, intro, _join(text, offset, items), len(items), names, under, column=True))
    return blocks


def _sections(lines: list[_Line], index: int) -> bool:
    """The numbered line at index is a subsection's heading: short, no sentence, with a paragraph of prose (a
    sentence ending the line) right under it, not an item's one-line description."""
    heading = lines[index].text
    below = lines[index + 1].text if index + 1 < len(lines) else ""
    return _is_heading(heading) and len(below) > _MAX_ITEM_QUOTE and below.rstrip().endswith("。")


def _subsections_follow(chunk: Chunk, start: int) -> bool:
    """The passage is a section's heading and its opening paragraphs, cut where its first subsection begins on the
    next line ("4. 計画の実行性を高めるアプローチ" … "(1)国との協調"): the subsections are what the section lists."""
    return bool(chunk.section) and chunk.text.startswith(chunk.section) and start == chunk.end + 1


def _first_items_apart(lines: list[_Line]) -> list[_Line]:
    """Lines with a numbered run's first item moved to a line of its own when extraction joined it to the cells
    before it ("5. グリーンインフラの活用と保全1) … 導入する。 ① 見沼田圃の保全… ○" over "② ソーラーシェアリング…"):
    a flattened table row ends with its first listed item, its other items on the lines under it."""
    apart: list[_Line] = []
    for line, following in zip(lines, [*lines[1:], None], strict=True):
        first = _MID_LINE_FIRST.search(line.text)
        second = ITEM.match(following.text) if following is not None else None
        if first is None or second is None or second.group("num") != CIRCLED[1]:
            apart.append(line)
            continue
        cut = first.start(1)
        apart.extend((_Line(line.start, line.text[:cut]), _Line(line.start + cut, line.text[cut:])))
    return apart


def _announces(line: _Line, chunk: Chunk, lead: str) -> bool:
    """The passage ends with the best sentence announcing the list on the next line ("次の①~⑧の施策の具体化も必要
    です。"): the chunk was cut there, the answer is the list. Any other list outside the passage is not asked."""
    announcing = bool(lead) and lead in line.text and bool(_ANNOUNCING.search(lead) or _COUNTED.search(lead))
    return announcing and _near(chunk, line.start)


def _outline(text: str, offset: int, under: Sequence[tuple[int, int]]) -> bool:
    """The run is a table of contents: under most of its items a line says what that chapter shows ("…を示して
    います"). Its items are chapter titles, where answers are, not the list a question asks for."""
    told = sum(
        any(SIGNPOST.search(line) for line in text[start - offset : end - offset].split("\n")) for start, end in under
    )
    return told * 2 > len(under)


def _inline_blocks(hit: SearchHit, lines: list[_Line]) -> list[ListBlock]:
    """A sentence that numbers its items inline ("①森林整備及び保全、②現場体験、③カーボンオフセットに取り組みます。"):
    the items are the sentence, quoted whole."""
    blocks: list[ListBlock] = []
    for line in lines:
        if not _near(hit.chunk, line.start):
            continue
        count = _inline_count(line.text)
        if count < _MIN_ITEMS or line.text.lstrip().startswith(CIRCLED[0]):
            continue  # a line-start ① is a numbered run's
        split = line.start < hit.chunk.start < line.end or line.start < hit.chunk.end < line.end
        if len(line.text) <= _MAX_LIST_QUOTE_CHARS and not split:
            item = Item(line.start, line.end, line.end)
            first = _MID_LINE_FIRST.search(line.text)
            cells = line.text[: first.start(1)] if first is not None else ""
            blocks.append(ListBlock(hit, (item,), hit.chunk.section, line.text, count, cells=cells))
            continue
        row = _row_items(line, hit, count)
        if row is not None:
            blocks.append(row)
    return blocks


def _row_items(line: _Line, hit: SearchHit, count: int) -> ListBlock | None:
    """A flattened table row too long to quote whole, or split between passages ("2) 市有施設の脱炭素化 <概要>
    ① 公共施設への… ② … ⑩ …"): its cells before the first circled item name what the items are for, and the items,
    from ① to the row's end, are the answer; the description cell between them is left out."""
    first = _MID_LINE_FIRST.search(line.text)
    if first is None:
        return None
    cut = first.start(1)
    if len(line.text) - cut > _MAX_LIST_QUOTE_CHARS:
        return None
    item = Item(line.start + cut, line.end, line.end)
    return ListBlock(hit, (item,), line.text[:cut], line.text[cut:], count, cells=line.text[:cut])


def row_named(block: ListBlock, question: str) -> bool:
    """The question sets in brackets the name a table row gives its items (取組「市有施設の脱炭素化」の具体的事業): that
    row's items are the asked list, over the rows around it that share the table's words. Only a row's cells count:
    a heading holding the word heads a list the question may not ask for."""
    return any(word in block.cells for word in quoted_names(question, _MIN_SUBJECT_CHARS, _MAX_QUOTED_NAME))


def labelled_blocks(hit: SearchHit, label: str) -> list[ListBlock]:
    """Lines the asked-for noun labels ("基本方針 多様な主体との協働・連携 地域資源の最大限の活用 …" for "基本方針には
    どんなものがある？"): a plan's summary sheet lists the items after their label on one line, and the line is
    the answer whatever numbered list sits under it."""
    if len(label) < _MIN_SUBJECT_CHARS:
        return []  # "取組", "脱炭": a short word starts any line
    blocks: list[ListBlock] = []
    for line in _lines(hit.chunk.text, hit.chunk.start):
        text = line.text.strip()
        rest = text[len(label) :]
        if not text.startswith(label) or len(rest) < _MIN_LABELLED_CHARS or not _is_heading(text):
            continue
        if not _LABELLED_ITEM.match(rest):
            continue  # "目標1:", "方針(案)": a numbered or bracketed heading, not a label before its items
        if text == hit.chunk.section.strip():
            continue
        item = Item(line.start, line.end, line.end)
        blocks.append(ListBlock(hit, (item,), text, text, 0))
    return blocks


def asked_compound(question: str, head: str) -> str:
    """The whole compound word around the question's head noun ("基本的施策" for 施策 in "…掲げられている基本的施策
    を全部教えて", "出資者" for 出資): the tagger splits it, the list's heading writes it whole. A category the
    question asks the members of ("再生可能エネルギー熱として何を活用", bracketed or not) names the list before any head
    noun: the head there is the verb's noun (活用), which every list of measures holds. A head too short to name a
    list names one with the adjective before it ("主な課題")."""
    category = _CATEGORY_ASKED.search(question)
    if category and len(category.group("name")) >= _MIN_COMPOUND_CHARS:
        return category.group("name")
    if not head:
        return ""
    word = rf"[{KANJI}{KATAKANA_BLOCK}]*"
    words = re.findall(rf"({_QUALIFIER})?({word}{re.escape(head)}{word})", question)
    longest = max((w for _, w in words), key=len, default="")
    if len(longest) >= _MIN_COMPOUND_CHARS:
        return longest
    qualified = max(("".join(w) for w in words), key=len, default="")
    return qualified if len(qualified) >= _MIN_COMPOUND_CHARS else ""


def heading_names(block: ListBlock, compound: str, head: str) -> bool:
    """The list's heading or intro holds the compound the question asks for, or its items carry the asked noun
    as their label ("目標1:", "目標2:" for "目標はいくつ"): that list is the asked one, over other lists near it
    whose intro shares only the compound's parts ("施策" in "次の①~⑧の施策")."""
    if compound and compound in block.intro:
        return True
    first = ITEM.match(block.item_text)
    return bool(head) and first is not None and first.group("label") == head


def names_any(block: ListBlock, terms: tuple[str, ...]) -> bool:
    """The list's intro or items name one of the terms, or no term is asked: a question that names what it asks
    for ("Which new technologies …" -> 技術) is not answered by the section headings beside the answer
    ("(1)国との協調 (2)市域を超えた広域連携 …"), which share only its other words."""
    return not terms or any(t in block.intro or t in block.item_text for t in terms)


def run_on(
    hit: SearchHit, start: int, quoted: str, source: DocumentSource | None, known: Sequence[Chunk] = ()
) -> Quote | None:
    """The rest of a run of short unnumbered item lines that its passage cut off ("(アンケート結果)" over five of
    eight voices): the run goes on in the next chunk until a line that is no item like them (a sentence, a long
    line, a numbered or lettered heading) or the list's budget. None when the quote does not end its passage or is
    not a heading over such a run."""
    chunk = hit.chunk
    items = quoted.split("\n")[1:]
    if len(items) < _MIN_ITEMS or not all(map(_is_item_line, items)) or source is None:
        return None
    if start < 0 or chunk.text[start : start + len(quoted)] != quoted or chunk.text[start + len(quoted) :].strip():
        return None
    text = source.document_text(chunk.doc_id)
    if text is None or text[chunk.start : chunk.end] != chunk.text:
        return None
    end = chunk.start + start + len(quoted)
    spare = _MAX_LIST_QUOTE_CHARS - len(quoted)
    more: list[_Line] = []
    for line in _lines(text[end : line_end(text, end + spare)], end):
        if not _is_item_line(line.text) or line.end - end > spare:
            break
        more.append(line)
    chunks = [chunk, *(c for c in known if c.doc_id == chunk.doc_id)]
    while more:
        holder = _holder(chunks, chunk.doc_id, more[0].start, more[-1].end, source)
        if holder is not None:
            cited = hit.model_copy(update={"chunk": holder})
            return Quote(cited, holder.text[more[0].start - holder.start : more[-1].end - holder.start])
        more.pop()
    return None


def _is_item_line(text: str) -> bool:
    """A line that can be one item of an unnumbered run: short, no sentence, not a numbered or lettered heading."""
    plain = len(text) <= _MAX_ITEM_QUOTE and not SENTENCE_END.search(text)
    return plain and ITEM.match(text) is None and label_letter(text) is None


def _inline_count(text: str) -> int:
    """How many circled numbers the text holds in order (①…②…③…)."""
    position, count = 0, 0
    for mark in CIRCLED:
        position = text.find(mark, position)
        if position < 0:
            break
        count += 1
    return count


def _counted_blocks(
    hit: SearchHit, lines: list[_Line], parsed: list[re.Match[str] | None], text: str, offset: int
) -> list[ListBlock]:
    """A heading or intro sentence that counts its items ("4つの連携方策", "連携協定を2本締結した。") over the
    unnumbered short lines below it."""
    blocks: list[ListBlock] = []
    chunk = hit.chunk
    for index, line in enumerate(lines):
        if not _near(chunk, line.start) or len(line.text) > _MAX_INTRO_CHARS:
            continue
        match = _COUNTED.search(line.text)
        if match is None:
            continue
        count = number_of(match.group("n"))
        following: list[_Line] = []
        used = 0
        for later, numbered in zip(lines[index + 1 :], parsed[index + 1 :], strict=False):
            if not _is_heading(later.text) or (numbered is not None and number_of(numbered.group("num")) == 1):
                break  # a sentence, or a numbered list beginning
            used += len(later.text)
            if len(following) == _LINES_PER_ITEM * count or used > _MAX_LIST_QUOTE_CHARS:
                break
            following.append(later)
        if len(following) < count:
            continue
        items = tuple(Item(line.start, line.end, line.end) for line in following)
        blocks.append(ListBlock(hit, items, line.text, _join(text, offset, items), count))
    return blocks


def _is_heading(text: str) -> bool:
    """A short line that is no sentence: a heading, a label, an item name."""
    return len(text) <= _MAX_HEADING_CHARS and not text.rstrip().endswith("。")


def _near(chunk: Chunk, start: int) -> bool:
    """A list may start in the retrieved passage or just before it (its heading on the previous page)."""
    return chunk.start - _LOOK_BEHIND <= start < chunk.end


def _item(lines: list[_Line], parsed: list[re.Match[str] | None], index: int, end: int) -> Item:
    """An item's line with the short lines under it (a bare label "制度1" with the name and description that
    follow); only its first clause when the line itself is long."""
    line, match = lines[index], parsed[index]
    if len(line.text) > _MAX_ITEM_QUOTE:
        end = line.start + _clause_end(line.text)
        return Item(line.start, end, end, named=False)
    body = line.text[match.end() :] if match is not None else line.text
    bare = len(body.strip()) < 2 and index + 1 < len(lines) and parsed[index + 1] is None
    name = lines[index + 1] if bare else line
    name_end = name.start + _clause_end(name.text)
    stop = name_end
    for below in lines[index + 1 + bare : min(end, len(lines))]:
        if below.end - line.start > _MAX_ITEM_SPAN or len(below.text) > _MAX_ITEM_QUOTE:
            break
        stop = below.end
    return Item(line.start, stop, name_end, name.start if bare else -1)


def _clause_end(text: str) -> int:
    """Where an item's quote ends: the whole line when short, else its first clause (or its first characters)."""
    if len(text) <= _MAX_ITEM_QUOTE:
        return len(text)
    for index, char in enumerate(text):
        if char in "、。,:：" and index >= _MIN_CLAUSE_CHARS:
            return index if index <= _MAX_ITEM_QUOTE * 3 // 2 else _MAX_ITEM_QUOTE
    return _MAX_ITEM_QUOTE


def _intro(lines: list[_Line], parsed: list[re.Match[str] | None], first: int, chunk: Chunk) -> str:
    """The lines just above the first item, and the passage's section when the list starts in it."""
    section = chunk.section if chunk.start <= lines[first].start < chunk.end else ""
    if first and lines[first - 1].end == lines[first].start:
        # The cells joined before a table row's first item ("5. グリーンインフラの活用と保全…") say what it lists;
        # the table's header over them names the column of every row, not this list.
        return "\n".join([section, lines[first - 1].text])
    above = [lines[i].text for i in range(max(0, first - _INTRO_LINES), first) if parsed[i] is None]
    return "\n".join([section, *above])


def _join(text: str, offset: int, items: Sequence[Item]) -> str:
    """The items' names, which say what the list is about; their descriptions may hold anything."""
    return "\n".join(text[item.start - offset : item.name_end - offset] for item in items if item.named)


def _within_budget(items: Sequence[Item]) -> list[Item]:
    """Every item's name, and the descriptions under them, first items first, as far as the list's length allows."""
    spare = _MAX_LIST_QUOTE_CHARS - sum(i.name_end - i.start for i in items)
    kept: list[Item] = []
    for item in items:
        description = item.end - item.name_end
        if description > spare:
            item = replace(item, end=item.name_end)
        else:
            spare -= description
        kept.append(item)
    return kept


def subject_item(block: ListBlock, question: str) -> int | None:
    """The one item the question names ("…推進センターはどんな活動を…" over "(1) …会議 (2) …推進センター (3) …"):
    the list is then the subject and its peers, and the answer is what the document says under that item. Failing
    that, the one item holding a word the question sets in brackets ("再エネの「熱」は？" over "1) 再生可能エネルギー
    電気 2) カーボンニュートラル燃料 3) 再生可能エネルギー熱"), unless the list's heading holds it too."""
    named = [i for i, name in enumerate(block.names) if len(name) >= _MIN_SUBJECT_CHARS and name in question]
    if named:
        return named[0] if len(named) == 1 else None
    heading = block.intro.rsplit("\n", 1)[-1]
    for word in quoted_names(question, 1, _MAX_QUOTED_NAME):
        if word in heading:
            return None  # the word names the list ("「公共施設群の脱炭素化」には" over its items), not one item
        holding = [i for i, name in enumerate(block.names) if word in name]
        if len(holding) == 1:
            return holding[0]
    return None


def under_item(block: ListBlock, index: int, source: DocumentSource | None, known: Sequence[Chunk] = ()) -> list[Quote]:
    """The lines under an item's heading, each quoted from the chunk that holds it, as far as the list budget."""
    start, end = block.under[index]
    text = source.document_text(block.hit.chunk.doc_id) if source is not None else None
    if text is None or start >= end:
        return []
    lines = _lines(text[start:end], start)
    return quotes(replace(block, items=tuple(Item(line.start, line.end, line.end) for line in lines)), source, known)


def _holder(chunks: list[Chunk], doc_id: str, start: int, end: int, source: DocumentSource | None) -> Chunk | None:
    """The chunk holding [start, end): one already at hand, else the document source's; remembered."""
    chunk = next((c for c in chunks if c.start <= start and end <= c.end), None)
    if chunk is None and source is not None:
        chunk = source.chunk_covering(doc_id, start, end)
        if chunk is not None:
            chunks.append(chunk)
    return chunk


def quotes(block: ListBlock, source: DocumentSource | None, known: Sequence[Chunk] = ()) -> list[Quote]:
    """Each item quoted from the chunk that holds it; whole item lines next to each other in one chunk make one
    quote, so five short items read as five lines under one marker."""
    spans: list[tuple[Chunk, int, int]] = []
    total = 0
    chunks = [block.hit.chunk, *(c for c in known if c.doc_id == block.hit.chunk.doc_id)]
    for item in _within_budget(block.items):
        chunk = _holder(chunks, block.hit.chunk.doc_id, item.start, item.end, source)
        if chunk is None and item.body >= 0:
            # The label's chunk ends before the name: quote the name alone.
            item = replace(item, start=item.body)
            chunk = _holder(chunks, block.hit.chunk.doc_id, item.start, item.end, source)
        if chunk is None:
            # The item's description runs on past its chunk's end (into the next page's heading): quote it as far
            # as the chunk holding its name goes, rather than drop an item from the middle of the list.
            chunk = _holder(chunks, block.hit.chunk.doc_id, item.start, item.name_end, source)
            if chunk is None:
                continue
            item = replace(item, end=min(item.end, chunk.end))
        total += item.end - item.start
        if total > _MAX_LIST_QUOTE_CHARS:
            break
        if spans:
            held, start, end = spans[-1]
            whole_line = chunk.text[end - chunk.start : end - chunk.start + 1] == "\n"
            if held.chunk_id == chunk.chunk_id and item.start == end + 1 and whole_line:
                spans[-1] = (chunk, start, item.end)
                continue
        spans.append((chunk, item.start, item.end))
    quoted: list[Quote] = []
    for chunk, start, end in spans:
        hit = block.hit if chunk.chunk_id == block.hit.chunk.chunk_id else block.hit.model_copy(update={"chunk": chunk})
        quoted.append(Quote(hit, chunk.text[start - chunk.start : end - chunk.start]))
    return quoted
