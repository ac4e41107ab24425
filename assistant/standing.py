"""Questions about where something stands ("推進体制の中でどういう位置づけですか？"): what a list item is a
member of is the list's heading, not the item itself.

A body named as "① 脱炭素アクションみぞのくち推進会議（事業者・団体等、行政）" in a plan's list answers "what is it"
only with the line that announces the list ("令和3年度に設置した検討体制（例）"); the item alone says nothing of
its place. So a quoted run of items is extended up to the line announcing them.
"""

from __future__ import annotations

import re

from assistant.evidence import Evidence, located

_ASKS_STANDING = re.compile(r"位置(?:づけ|付け|付)|どういう立場")
_ITEM = re.compile(r"^\s*(?:[①-⑳]|[(（]\d{1,2}[)）]|\d{1,2}[.．)）]\s|[・•])")
_MAX_HEADING_CHARS = 60


def asks_standing(question: str) -> bool:
    return _ASKS_STANDING.search(question) is not None


def with_list_heading(question: str, chosen: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """The chosen quotes, each run of list items from its passage preceded by the line announcing the list, when
    the question asks where something stands."""
    if not asks_standing(question):
        return chosen
    return tuple(_headed(e) for e in chosen)


def _headed(evidence: Evidence) -> Evidence:
    """The quote from the line above its run of items, when it begins with an item and that line is a heading."""
    text = evidence.hit.chunk.text
    start = located(evidence)
    if start <= 0:
        return evidence
    if _ITEM.match(evidence.sentence) is None:
        return evidence
    line_start = start
    while line_start > 0:
        previous = text.rfind("\n", 0, line_start - 1) + 1
        line = text[previous : line_start - 1]
        if _ITEM.match(line) is None:
            if not line.strip() or len(line) > _MAX_HEADING_CHARS:
                return evidence
            end = start + len(evidence.sentence)
            return Evidence(evidence.hit, text[previous:end].strip(), evidence.score, previous)
        line_start = previous
    return evidence
