"""Questions about how one municipality appears in the other municipalities' documents ("さいたま市は、他の自治体の
資料ではどのように登場しますか？", "…他の自治体のZEB施設を視察したことはありますか？").

Searched and scored as usual, such a question finds only the municipality's own documents: every passage that names
it is there. What it asks for is elsewhere: a line of another city's plan that lists it among its partners, or the
participants of a visit another ward hosted. So each other municipality's documents are searched on their own, the
passages that name the asked municipality are kept, and each gives its best sentence that names it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.evidence import Evidence, overlaps
from assistant.extractive import Selection, SentenceSelector
from assistant.question import analyse
from kb.search import SearchHit

# "他の自治体", "他自治体", "他の市区町村", "他の資料"/"他の文書" (documents not the municipality's own),
# "other municipalities"/"other documents". Not "他区"/"他都市": a ward working with the others is asked of its
# own report.
_ELSEWHERE = re.compile(r"他(?:の)?(?:自治体|市区町村|資料|文書)|other\s+(?:municipalit|documents)", re.IGNORECASE)


def asked_elsewhere(text: str, covered: Sequence[str]) -> str | None:
    """The one covered municipality a question asks about in the others' documents, or None: the question names
    exactly one covered municipality and speaks of the other municipalities or documents."""
    if len(covered) != 1 or _ELSEWHERE.search(text) is None:
        return None
    return covered[0]


def naming(hits: Iterable[SearchHit], place: str) -> list[SearchHit]:
    """The passages of other municipalities' documents that name the place."""
    return [h for h in hits if h.chunk.municipality != place and place in h.chunk.text]


def select_elsewhere(
    selector: SentenceSelector, question: str, lang: str, place: str, hits: list[SearchHit], per_place: int
) -> tuple[Evidence, ...]:
    """For each other municipality's passages that name the place, in retrieval order, its best sentences that name
    it, at most `per_place`; each needs only clear a part's bar, the question's own answer being the other part.
    `lang`: the question's language as asked, whose term weights apply though `question` holds its Japanese words."""
    facts = analyse(question, lang)
    evidence: list[Evidence] = []
    named = naming(hits, place)
    for municipality in dict.fromkeys(h.chunk.municipality for h in named):
        own = [h for h in named if h.chunk.municipality == municipality]
        selection: Selection = selector.select(
            facts, question, own, (place,), part=True, admits=lambda sentence: place in sentence
        )
        kept = [e for e in selection.evidence if not any(overlaps(e, other) for other in evidence)]
        evidence.extend(kept[:per_place])
    return tuple(evidence)
