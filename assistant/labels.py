"""Labelled items: a question that names one item of a plan's labelled sequence ("目標3は？", "PJ 4は？", "Step 2
では何を？") is answered by that item and the lines under it, not by the whole list or by sentences that merely
share the label's word.

Plans number their goals, projects and steps with a label before the number ("目標1:", "PJ 1", "Step 1"), the
item's name on the same or the next line. The list collector (assistant.lists) already reads such runs; this
module finds the question's label and picks the item carrying it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.lists import CIRCLED, ITEM, LABEL, DocumentSource, ListBlock, Quote, number_of, quotes, under_item
from ingest.document import Chunk
from ingest.kana import KANJI, KATAKANA_BLOCK

_ASKED = re.compile(
    rf"(?P<label>{LABEL})\s*(?P<num>\d{{1,2}})"
    r"(?![\d,.]|\s*[年月日時分%％万億千件人台基社か箇ヶヵ個倍円回本つ大tT歳次章節条号項])"
)
"""A label and its number in a question: "目標3", "PJ 4", "Step 2"; never a year, a count or a chapter."""
_CIRCLED_RANGE = re.compile(rf"[{CIRCLED}]\s*[～〜~\-－ー]\s*[{CIRCLED}]")
"""The span of a list a question cites ("①～⑧のうち"): its ends are the list's, not an item asked."""
_ASKED_CIRCLED = re.compile(rf"(?<![{KANJI}{KATAKANA_BLOCK}A-Za-z0-9])[{CIRCLED}]")
"""A bare circled number in a question ("⑥は何？"): the item a plan numbers so, which has no label word. One
glued to a name before it ("対象地域①") is part of that name, which the passages write so too."""


@dataclass(frozen=True)
class AskedLabel:
    label: str
    """The label word, lowercased; empty for a bare circled number ("⑥"), which asks for a circled item."""
    number: int


def asked_label(question: str) -> AskedLabel | None:
    """The one labelled item the question names, if it names exactly one (two are a comparison)."""
    found = {(m.group("label").lower(), int(m.group("num"))) for m in _ASKED.finditer(question)}
    found |= {("", number_of(m.group(0))) for m in _ASKED_CIRCLED.finditer(_CIRCLED_RANGE.sub(" ", question))}
    if len(found) != 1:
        return None
    label, number = found.pop()
    return AskedLabel(label, number)


def labelled_index(block: ListBlock, asked: AskedLabel, text: str) -> int | None:
    """Which of the block's items carries the asked label and number; `text` is the block's document."""
    for index, item in enumerate(block.items):
        match = ITEM.match(text[item.start : item.end])
        if match is None or (match.group("label") or "").lower() != asked.label:
            continue
        if not asked.label and match.group("num") not in CIRCLED:
            continue  # "⑥" asks for the sixth circled item, not a line opening with a figure
        if number_of(match.group("num")) == asked.number:
            return index
    return None


def labelled_quotes(
    block: ListBlock, asked: AskedLabel, source: DocumentSource | None, known: list[Chunk]
) -> list[Quote]:
    """The asked item's own lines and what the document says under it, each quoted from its chunk; empty when the
    block holds no such item."""
    text = source.document_text(block.hit.chunk.doc_id) if source is not None else None
    if text is None or not block.under:
        return []  # only a numbered run labels its items; "CO2吸収量" under a counted heading is no item 2
    index = labelled_index(block, asked, text)
    if index is None:
        return []
    own = quotes(replace(block, items=(block.items[index],)), source, known)
    below = under_item(block, index, source, known)
    return [*own, *(q for q in below if all(q.text not in o.text for o in own))]
