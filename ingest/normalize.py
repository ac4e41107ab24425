"""The one Japanese text normaliser, and document-level normalisation that keeps paragraphs and headings.

`normalize_text` serves index time, query time and the eval quote matcher alike, so a typed query, a gold quote
and a stored passage that mean the same text compare equal. It:

- maps Kangxi / CJK-supplement radical look-alikes to ordinary JIS kanji (see ingest.radicals), then applies
  NFKC (full-width digits/letters/spaces -> ASCII, half-width katakana -> full-width). Circled numbers (①) are
  exempt: NFKC would turn "①森林整備" into "1森林整備";
- drops invisible characters (zero-width spaces, soft hyphens, BOMs), markdown bold markers (`**`) and, at
  the start of a line, bullets (- • ・ ● ■ ...) and `#` heading marks;
- collapses whitespace. Whitespace is removed between two Japanese characters and between a Japanese
  character and a digit: in Japanese it is a PDF or line-wrap artefact ("意\\n見", "令和 5 年度"). Between a
  Japanese character and a Latin letter a space is kept as one space ("EV 車" stays, "EV車" stays) but a line
  break is removed, since a wrapped line is not a word gap. Between Latin words one space is kept.

`normalize_document` works line by line before that: it strips bullets, `#` marks and table pipes, re-joins
lines a PDF wrapped (even across the blank lines some extractors put after every line), detects headings,
and returns the normalised paragraphs joined by "\\n" with their offsets.

Left alone on purpose: OCR slips (橘 read as 橋 in the Kawasaki deck) and Simplified-Chinese characters (发)
since a normaliser cannot know the intended word; raw HTML or LaTeX debris inside .txt files, so that text
loaded from HTML (where "<b>" may be literal content) is never altered.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ingest.kana import HIRAGANA_BLOCK, KANJI, KATAKANA_BLOCK
from ingest.radicals import RADICAL_TRANSLATION
from ingest.tagger import tagger

_KANA_KANJI = f"\u3005\u3006{HIRAGANA_BLOCK}{KATAKANA_BLOCK}\u3400-\u4dbf{KANJI}\uf900-\ufaff\U00020000-\U0003134f"
_JAPANESE = re.compile(f"[\u3000-\u303f{_KANA_KANJI}]")
"""Kana, kanji and CJK punctuation (「」、。【】): characters that take no spaces between them."""
_JAPANESE_LETTER = re.compile(f"[{_KANA_KANJI}]")

_RADICAL = re.compile("[\u2e80-\u2fdf]")
_NFKC_EXEMPT = re.compile("([\u2460-\u24ff\u3251-\u325f\u32b1-\u32bf]+)")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0e-\x1f\x7f]")
_BOLD = re.compile(r"\*\*+")
_WHITESPACE = re.compile(r"\s+")

_BULLET = re.compile(r"^[ \t]*(?:[-*+][ \t]+|[•・●○◦■□◆◇▪▫►▶➢✓][ \t]*)+", re.MULTILINE)
_MARKDOWN_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.MULTILINE)
# Layout tags that PDF-to-text converters leave in the text (`<ul style="list-style-type: none">`). Only these:
# any other markup, `<script>` included, is the document's own text and is kept (and shown inert).
_LAYOUT_TAG = re.compile(r"</?(?:ul|ol|li|br|p|div|span|b|i|u|sup|sub)(?:\s[^<>]*)?/?>", re.IGNORECASE)
_RULE = re.compile(r"[-*_=~ ]+")
"""A line of only rule characters: a markdown horizontal rule, setext underline or an empty "- " bullet."""
_TABLE_RULE = re.compile(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?")
_HEADING = re.compile(
    r"""^(?:
        第[0-9一二三四五六七八九十百]+[章節編]                # 第7章, 第7節
      | \d{1,2}(?:\.(?!\d)\s*|\s+)(?![\d月日年時分秒回号件人名部階か箇倍万億円%])\S   # 1. 計画, 1 概要
      | [(]\d{1,2}[)]\s*\S | \d{1,2}\)\s*\S                 # (1) 国との協調, 1) 全体像
      | 【[^】]+】 | 〔[^〕]+〕                                # 【概要】, 〔総括概要〕
    )""",
    re.VERBOSE,
)
_MAX_HEADING_CHARS = 40
_MAX_LOOSE_HEADING_CHARS = 30
_MIN_RUN_ON_CHARS = 30
_MIN_BODY_CHARS = 40
_WRAPPED_LINE_CHARS = range(20, 61)
"""Length of a line that a PDF wrapped at the page edge: long enough to be body text, short enough for a page."""

_TERMINAL = "。!?"
_CLOSERS = ")」』】〕]"
_BRACKET_PAIRS = ("()", "「」", "『』", "【】", "〔〕")
_NON_STARTERS = set("ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー々ゝゞヽヾ、。")
_COMPLETE_ENDING = re.compile(r"(?:ます|です|ました|でした|ません|ください|ましょう|よう)$")
_JOIN_PROBE_CHARS = 6


def _nfkc(text: str) -> str:
    if not _NFKC_EXEMPT.search(text):
        return unicodedata.normalize("NFKC", text)
    parts = _NFKC_EXEMPT.split(text)
    parts[::2] = [unicodedata.normalize("NFKC", part) for part in parts[::2]]
    return "".join(parts)


def _characters(text: str) -> str:
    """Character-level normalisation: radicals, NFKC, invisible characters. Keeps whitespace and newlines."""
    if _RADICAL.search(text):
        text = text.translate(RADICAL_TRANSLATION)
    return _INVISIBLE.sub("", _nfkc(text))


def _whitespace(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    if start == 0 or end == len(text):
        return ""
    left, right = text[start - 1], text[end]
    left_jp, right_jp = bool(_JAPANESE.match(left)), bool(_JAPANESE.match(right))
    if left_jp and right_jp:
        return ""
    if (left_jp and right.isascii() and right.isdigit()) or (right_jp and left.isascii() and left.isdigit()):
        return ""
    if (left_jp or right_jp) and "\n" in match.group():
        return ""
    return " "


def _markup(text: str) -> str:
    """Remove layout tags, markdown bold markers and, at the start of each line, bullets and `#` heading marks."""
    return _MARKDOWN_HEADING.sub("", _BULLET.sub("", _BOLD.sub("", _LAYOUT_TAG.sub(" ", text))))


def normalize_text(text: str) -> str:
    """Normalise text to the single comparable form used for indexing, queries and quote matching.

    Returns one line: all whitespace is collapsed or removed (see the module docstring). Idempotent.
    """
    return _WHITESPACE.sub(_whitespace, _markup(_characters(text)))


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of normalised document text: `text[start:end]`; `heading` marks a heading line."""

    start: int
    end: int
    heading: bool = False


@dataclass(frozen=True)
class NormalizedText:
    """Normalised document text (paragraphs joined by "\\n") and where each paragraph lies in it."""

    text: str
    paragraphs: tuple[Paragraph, ...]

    def headings(self) -> list[str]:
        return [self.text[p.start : p.end] for p in self.paragraphs if p.heading]


@dataclass
class _Line:
    text: str
    bullet: bool
    heading: bool
    after_blank: bool
    table_row: bool = False


@dataclass
class _Block:
    lines: list[_Line]
    after_blank: bool
    heading: bool

    @property
    def last(self) -> str:
        return self.lines[-1].text


def _has_open_bracket(text: str) -> bool:
    return any(text.count(open_) > text.count(close) for open_, close in _BRACKET_PAIRS)


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in _TERMINAL


def _is_heading_line(line: str) -> bool:
    flat = normalize_text(line)
    return (
        len(flat) <= _MAX_HEADING_CHARS
        and bool(_HEADING.match(line))
        and not _ends_sentence(flat)
        and not flat.endswith("、")
        and not _has_open_bracket(flat)
    )


def _read_lines(text: str) -> list[_Line]:
    """Split into cleaned lines, dropping markup, and note which follow a blank line."""
    lines: list[_Line] = []
    after_blank = True
    for raw in text.split("\n"):
        line = _BOLD.sub("", raw).strip()
        if _RULE.fullmatch(line):
            line = ""
        if line.startswith("|"):
            line = "" if _TABLE_RULE.fullmatch(line) else line.strip("|").replace("|", " ").strip()
        markdown_heading = bool(_MARKDOWN_HEADING.match(line))
        line = _MARKDOWN_HEADING.sub("", line)
        bullet = bool(_BULLET.match(line))
        line = _BULLET.sub("", line).strip()
        if not line:
            after_blank = True
            continue
        heading = markdown_heading or (not bullet and _is_heading_line(line))
        lines.append(_Line(line, bullet, heading, after_blank, table_row="\t" in raw))
        after_blank = False
    return lines


def _splits_a_word(before: str, after: str) -> bool:
    """True when fugashi reads a word across the join, as in 意 | 見 -> 意見."""
    left, right = before[-_JOIN_PROBE_CHARS:], after[:_JOIN_PROBE_CHARS]
    offset = 0
    for node in tagger()(left + right):
        offset += len(node.white_space)
        if offset < len(left) < offset + len(node.surface):
            return True
        offset += len(node.surface)
    return False


def _continues(before: str, after: _Line) -> bool:
    """Whether `after`, following a blank line, still continues the sentence ending `before`."""
    if after.heading or after.bullet or _ends_sentence(before):
        return False
    if before.endswith("、") or _has_open_bracket(before) or after.text[0] in _NON_STARTERS:
        return True
    if not (_JAPANESE_LETTER.match(before[-1]) and _JAPANESE_LETTER.match(after.text[0])):
        return False
    if _splits_a_word(before, after.text):
        return True
    wrapped = len(before) in _WRAPPED_LINE_CHARS and not _COMPLETE_ENDING.search(before)
    return wrapped and (len(after.text) >= _MIN_RUN_ON_CHARS or _ends_sentence(after.text))


def _blocks(lines: list[_Line]) -> list[_Block]:
    """Group lines into paragraphs: a single newline joins, a blank line separates unless the text runs on.

    Headings, bullets and table rows (tab-separated cells) always stand on their own line: a table row joined
    to its neighbours becomes one run-on line that no reader, and no sentence picker, can take apart again.
    """
    blocks: list[_Block] = []
    for line in lines:
        current = blocks[-1] if blocks else None
        if (
            current is not None
            and not (current.heading or line.heading or line.bullet or line.table_row or current.lines[-1].table_row)
            and (not line.after_blank or _continues(current.last, line))
        ):
            current.lines.append(line)
        else:
            blocks.append(_Block([line], line.after_blank, line.heading))
    return blocks


def _is_loose_heading(block: _Block, following: _Block | None) -> bool:
    """A short stand-alone line without sentence punctuation, set off by blank lines above body text."""
    if block.heading or len(block.lines) > 1 or block.lines[0].bullet or not block.after_blank:
        return False
    text = normalize_text(block.last)
    if (
        not text
        or len(text) > _MAX_LOOSE_HEADING_CHARS
        or _ends_sentence(text)
        or text[-1] in "、0123456789"
        or text[0] in "※⇒"
        or ":" in text[:-1]
        or _has_open_bracket(text)
    ):
        return False
    if following is None or not following.after_blank:
        return False
    body = normalize_text("\n".join(line.text for line in following.lines))
    return following.lines[0].bullet or len(body) >= _MIN_BODY_CHARS


def normalize_document(text: str) -> NormalizedText:
    """Normalise one page (or a whole file without pages), keeping paragraphs and headings."""
    lines = _read_lines(_characters(text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")))
    blocks = _blocks(lines)
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        paragraph_text = normalize_text("\n".join(line.text for line in block.lines))
        if not paragraph_text:
            continue
        heading = block.heading or _is_loose_heading(block, following)
        paragraphs.append(Paragraph(offset, offset + len(paragraph_text), heading))
        parts.append(paragraph_text)
        offset += len(paragraph_text) + 1
    return NormalizedText("\n".join(parts), tuple(paragraphs))
