"""Follow-up questions made standalone: "その2050年の目標は？" after a Kawasaki question becomes a Kawasaki question.

Only questions that refer back are rewritten (a demonstrative, "what about X", or no subject of their own);
a self-contained question is left exactly as the user wrote it. The chain always searches the user's own words
as well, so a wrong rewrite cannot hide the right passage.
"""

from __future__ import annotations

import re

from assistant.citations import Turn
from assistant.places import PlaceMatch, PlaceResolver
from assistant.question import years_in
from ingest.tokenize import keyword_tokens

_REFERS_BACK = re.compile(
    r"その|それ|これ|この|あの|同じ|同市|同区|当該|そこ|上記|前述|先ほど|さっき|では|じゃあ|また|ほか|他に|他の"
    r"|\b(?:it|its|that|those|this|these|they|their|there|same|what about|how about|and for|also|other)\b",
    re.IGNORECASE,
)
_QUESTION_WORDS = frozenset(
    {"何", "どう", "どの", "どこ", "いつ", "誰", "どれ", "教え", "ください", "what", "about", "how", "and", "is"}
)
_MAX_BARE_TERMS = 1


def standalone_question(question: str, history: list[Turn], places: PlaceResolver) -> str:
    previous = next((t.content for t in reversed(history) if t.role == "user"), None)
    if previous is None:
        return question
    asked = places.resolve(question)
    earlier = places.resolve(previous)
    own_terms = [t for t in keyword_tokens(question) if t not in _QUESTION_WORDS]
    place_words = {t for name in (*asked.covered, *asked.uncovered) for t in keyword_tokens(name)}
    topic_terms = [t for t in own_terms if t not in place_words]
    if asked.any and len(topic_terms) <= _MAX_BARE_TERMS:
        # "さいたま市は？" / "What about Saitama?": the earlier question, asked of the new place.
        return f"{_without_places(previous, earlier, places)} {' '.join((*asked.covered, *asked.uncovered))}"
    if asked.any or not _REFERS_BACK.search(question):
        return question
    earlier_places = " ".join((*earlier.covered, *earlier.uncovered))
    if years_in(question):
        # A new year replaces the old one: keep the earlier topic, drop its years.
        topic = _without_years(_without_places(previous, earlier, places))
        return f"{earlier_places} {question} {topic}".strip()
    return f"{earlier_places} {question}".strip()


def _without_places(text: str, found: PlaceMatch, places: PlaceResolver) -> str:
    stripped = text
    for name in (*found.covered, *found.uncovered):
        for alias in places.aliases(name):
            stripped = re.sub(re.escape(alias), " ", stripped, flags=re.IGNORECASE)
    return stripped.strip()


def _without_years(text: str) -> str:
    return re.sub(r"(?:19|20)\d{2}\s*年?度?|令和\s*\d+\s*年?度?|平成\s*\d+\s*年?度?", " ", text).strip()
