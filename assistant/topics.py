"""Whether a question's topic is written only in other municipalities' documents ("かつしか区の中に水素ステーション
って何か所あるの？", where only 川崎市's plan names hydrogen stations; "栃木市と葛飾区の水素ステーションは？").

Scored as usual, such a question is answered with the asked municipality's best sentences, which are about something
else (a seminar, forest work): nothing in its documents names the topic, so none of them can answer. A topic term is a
run of kanji, katakana and Latin letters the question writes ("水素ステーション"), at least `_MIN_TOPIC` long so that
it names a thing, not a word of grammar. It rules the asked municipalities out only when another municipality's
documents write it (so it is a real term of these plans, not a phrase of the question's own) and none of the asked
municipalities' documents writes any of its words, in any spelling the glossary knows: a plan that writes "水素" or
"グリーン・リカバリー" may answer in its own wording. A comparison's places share its topic: it is foreign only when
none of them writes it, for one that does answers its side.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.admissible import asks_one_thing
from assistant.places import Mention
from assistant.terms import comparable_terms
from ingest.kana import KANJI, KATAKANA
from ingest.normalize import normalize_text
from kb.glossary import canonical_wording

_RUN = re.compile(rf"[{KANJI}{KATAKANA}ーA-Za-z]+")
_MIN_TOPIC = 4
_WORD_BREAK = re.compile(r"[\s・･]+")
"""What a document may write inside a term (a line break, "グリーン・リカバリー") that the question leaves out."""


def comparable_text(text: str) -> str:
    """A document's or question's text with each wording spelled one way, in lower case (as `comparable_terms`
    gives "zeb" for "ZEB") and nothing inside a term."""
    return _WORD_BREAK.sub("", canonical_wording(normalize_text(text))).lower()


def foreign_topic(
    question: str, mentions: Sequence[Mention], asked: Sequence[str], texts: Mapping[str, str]
) -> str | None:
    """The question's topic term that only other municipalities' documents write, or None. `question`: normalised;
    `mentions`: the places it names, which are no topic; `asked`: the municipalities it is about; `texts`: each
    municipality's documents as `comparable_text`. A question asking two things is left alone: its other part may
    be about another place ("そのうち埼玉県の市の戦略素案では…")."""
    if not asked or any(place not in texts for place in asked):
        return None
    if not asks_one_thing(question):
        return None
    for mention in reversed(mentions):
        question = question[: mention.start] + "、" + question[mention.end :]
    own = [texts[place] for place in asked]
    for run in _RUN.findall(comparable_text(question)):
        words = [w for w in comparable_terms(run) if len(w) > 1]
        if len(run) < _MIN_TOPIC or run.isascii() or not words or any(w in text for w in words for text in own):
            continue
        if any(run in text for place, text in texts.items() if place not in asked):
            return run
    return None
