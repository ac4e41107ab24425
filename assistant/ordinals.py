"""Follow-ups that point at an item of the earlier answer by its position: "2つ目の課題には、どう対応しているの？"
after an answer listing "①需要家との合意形成、②新たな需要家の確保、…" asks about 新たな需要家の確保.

The position means nothing to the documents; the item's own words do. The question is given the item's words in
place of its position, so the search and the sentence selector read it as if the user had named the item.
"""

from __future__ import annotations

import re

from assistant.lists import CIRCLED, KANJI_DIGITS, number_of

_ENGLISH = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_POSITION = re.compile(
    rf"(?:その|この|先ほどの|さっきの)?(?P<num>[0-9０-９]{{1,2}}|[{KANJI_DIGITS}])\s*(?:つ|個|点)?\s*(?:番)?目の?"
    r"|(?:その|この)?(?P<edge>最初|最後)の"
    rf"|\bthe\s+(?P<word>{'|'.join(_ENGLISH)}|last|(?P<nth>\d{{1,2}})(?:st|nd|rd|th))\b(?:\s+one)?",
    re.IGNORECASE,
)
"""A position: "2つ目の", "その5番目の", "三つ目の", "最後の", "the second"; a bare "2つの" is a count, no position."""
_ITEM_MARK = re.compile(rf"(?:^|(?<=[\s、，,。:：]))(?:(?P<circled>[{CIRCLED}])|(?P<num>\d{{1,2}})(?:[.．)）]\s*|\s+))")
"""An item's mark in an answer: "①", or a number before a space or a dot ("1 再生可能…", "2. 民間力…")."""
_ITEM_END = re.compile(r"[、，,。\n]|の\s*\d{1,2}\s*つ|など|です|があります")


def positioned_item(question: str, earlier_answer: str) -> tuple[str, str] | None:
    """The question's position phrase and the item of the earlier answer at that position, when the earlier
    answer numbers its items and the question points at one of them."""
    found = _POSITION.search(question)
    items = numbered_items(earlier_answer)
    if found is None or not items:
        return None
    position = _position(found, len(items))
    if position is None or not 1 <= position <= len(items):
        return None
    return found.group(0), items[position - 1]


def with_item(question: str, earlier_answer: str) -> str:
    """The question with its position phrase replaced by the item it points at ("2つ目の課題には…" ->
    "新たな需要家の確保の課題には…"); the question as it is when it points at none."""
    found = positioned_item(question, earlier_answer)
    if found is None:
        return question
    phrase, item = found
    joined = f"{item}の" if phrase.endswith("の") else f"{item} "
    return question.replace(phrase, joined, 1)


def numbered_items(answer: str) -> list[str]:
    """The items of the answer's one numbered run, in order: marks 1, 2, 3… (or ①②③…) with no gap; empty when
    the answer numbers nothing, or its numbers are no run (a year, an amount)."""
    marks = list(_ITEM_MARK.finditer(answer))
    items: list[str] = []
    for index, mark in enumerate(marks):
        number = number_of(mark.group("circled") or mark.group("num"))
        if number != len(items) + 1:
            if items:
                break
            continue
        end = marks[index + 1].start() if index + 1 < len(marks) else len(answer)
        text = answer[mark.end() : end]
        cut = _ITEM_END.search(text)
        items.append((text[: cut.start()] if cut else text).strip())
    return items if len(items) > 1 and all(items) else []


def _position(found: re.Match[str], count: int) -> int | None:
    if found.group("num"):
        return number_of(found.group("num"))  # int() reads full-width digits too
    if found.group("edge"):
        return 1 if found.group("edge") == "最初" else count
    if found.group("nth"):
        return int(found.group("nth"))
    word = found.group("word").lower()
    return count if word == "last" else _ENGLISH.get(word)
