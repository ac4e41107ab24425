"""Questions about several municipalities at once ("栃木市と川崎市で、担当部署はそれぞれどこですか？"), answered one
municipality at a time.

Scored together, one city's sentences compete with the other's, and the sentence that mentions the topic most
wins for each city rather than the one that answers. So each covered municipality gets the question as asked of
it alone (the other names taken out), the sentence choice runs over that municipality's own passages only, and
the answer is one short group of quotes per municipality, in the order the question names them. A passage is
scored only for the municipalities it concerns, so the work stays that of one selection.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.evidence import Evidence, passage_concerns
from assistant.extractive import Selection, SentenceSelector
from assistant.places import Mention
from assistant.question import QuestionFacts, analyse, subject_clauses, subject_sentences
from assistant.rewrite import LEADING_PARTICLES
from kb.search import SearchHit

# What joins the names of an enumeration ("栃木市と川崎市", "川崎市、さいたま市", "Kawasaki and Saitama"), and a
# reading or alias in brackets after a name ("特別区（23区）").
_JOINERS = r"\s*(?:と|、|,|，|・|や|及び|および|並びに|and)\s*"
_JOINER = re.compile(_JOINERS + "$", re.IGNORECASE)
_BRACKETED = re.compile(r"\s*[(（][^()（）]{1,12}[)）]")
# What a name owns in an enumeration of its documents or bodies ("さいたま市の戦略と川崎市の資料では"): kanji,
# katakana or letters after の, no particle.
_OWNED = r"(?:の[\u30a0-\u30ff\u4e00-\u9fffA-Za-z0-9]{1,8})?"
_OWNED_THEN_JOINER = re.compile(_OWNED + _JOINERS, re.IGNORECASE)
_OWNED_ONLY = re.compile(_OWNED)
# "それぞれ" / "各々" distribute the question over the places it names; asked of one place they mean nothing, and
# as a word to match they pick the sentence that happens to say "庁内関係課がそれぞれ所管する施設". They go from the
# text a place's sentences are chosen for, not from its search (whose passages the whole question's wording found).
_EACH = re.compile(r"(?:それぞれ|各々|おのおの)(?:で|に|の)?")


@dataclass(frozen=True)
class PlaceQuestion:
    """One municipality of a comparison and the question as asked of it alone."""

    municipality: str
    text: str
    search: str = ""  # what the place's passages are searched with, when not `text`: a sentence of a question
    # in several may be too short to find its passage ("…でも共同調達は具体的事業に入っていますか。"), and the
    # whole question's other words still describe the topic.

    @property
    def search_text(self) -> str:
        return self.search or self.text


def place_questions(text: str, mentions: Sequence[Mention], covered: Sequence[str]) -> tuple[PlaceQuestion, ...]:
    """The question once per covered municipality, in the order named, without the other places' names:
    "栃木市と川崎市で、部署はどこ？" -> "栃木市で、部署はどこ？" and "川崎市で、部署はどこ？". Empty unless the text
    names two or more covered municipalities."""
    order = list(dict.fromkeys(n for m in mentions for n in m.names if n in covered))
    if len(order) < 2:
        return ()
    clauses = subject_clauses(text, mentions, order)
    if clauses:
        return tuple(PlaceQuestion(name, clause) for name, clause in zip(order, clauses, strict=True))
    whole = [_without_others(text, mentions, name) for name in order]
    sentences = subject_sentences(text, mentions, order) or whole
    return tuple(PlaceQuestion(name, own, search) for name, own, search in zip(order, sentences, whole, strict=True))


def _without_others(text: str, mentions: Sequence[Mention], keep: str) -> str:
    """The text with every mention not standing for `keep` cut out, with a bracketed alias right after it and the
    joiner that ties it into the enumeration: the one before it when a name, or what a name owns, comes just before
    that ("栃木市と川崎市で", "さいたま市の戦略と川崎市の資料"), with what the cut name owns when the name before owns
    something too, else the one after it, with what the cut name owns ("取組は、特別区とさいたま市で",
    "さいたま市の戦略と")."""
    pieces: list[str] = []
    position = 0
    previous_end = -1
    for mention in mentions:
        if mention.start < previous_end:
            continue  # an alias in brackets after a name ("特別区(23区)")
        end = mention.end
        bracket = _BRACKETED.match(text, end)
        if bracket is not None:
            end = bracket.end()
        named_before, previous_end = previous_end, end
        if keep in mention.names:
            continue
        before = text[position : mention.start]
        joined = _JOINER.search(before)
        if joined is not None and _owned_between(text, named_before, position + joined.start()):
            before = before[: joined.start()]
            if position + joined.start() > named_before:  # parallel: "さいたま市の戦略と川崎市の資料では"
                end = _owned_end(text, end)
        else:
            after = _OWNED_THEN_JOINER.match(text, end)
            if after is not None:
                end = after.end()
        pieces.append(before)
        position = end
    pieces.append(text[position:])
    return LEADING_PARTICLES.sub("", "".join(pieces).strip())


def _owned_end(text: str, name_end: int) -> int:
    """Where what a name owns ends ("川崎市の資料" -> after 資料), or the name's end when it owns nothing."""
    owned = _OWNED_ONLY.match(text, name_end)
    return owned.end() if owned is not None else name_end


def _owned_between(text: str, name_end: int, joiner_start: int) -> bool:
    """Whether the joiner follows the previous name, or what that name owns ("さいたま市の戦略と")."""
    return 0 <= name_end <= joiner_start and _OWNED_ONLY.fullmatch(text, name_end, joiner_start) is not None


def select_each(
    selector: SentenceSelector,
    questions: Sequence[PlaceQuestion],
    hits: list[SearchHit],
    per_place: int,
) -> Selection:
    """One group of at most `per_place` quotes per municipality, in the order asked, each chosen for that
    municipality's own question from its own passages. The answer stands when one municipality's evidence clears
    the answer bar; the others then need only clear a part's, else they are left out."""
    evidence = []
    best = 0.0
    for question in questions:
        own = _own_question(question, hits)
        if own is None:
            continue
        asked, facts, own_hits = own
        selection = selector.select(facts, asked, own_hits, (question.municipality,), part=True)
        best = max(best, selection.best_score)
        kept = [e for e in selection.evidence if not any(e.sentence == other.sentence for other in evidence)]
        evidence.extend(kept[:per_place])
    if best < selector.min_score:
        return Selection((), best)
    return Selection(tuple(evidence), best)


def candidates_each(
    selector: SentenceSelector, questions: Sequence[PlaceQuestion], hits: list[SearchHit], depth: int
) -> list[list[Evidence]]:
    """The quotes `select_each` chooses among for each municipality, from its own passages."""
    rankings = []
    for question in questions:
        own = _own_question(question, hits)
        if own is not None:
            asked, facts, own_hits = own
            rankings.append(selector.candidates(facts, asked, own_hits, (question.municipality,), depth=depth))
    return rankings


def _own_question(question: PlaceQuestion, hits: list[SearchHit]) -> tuple[str, QuestionFacts, list[SearchHit]] | None:
    """The question as asked of one municipality, its facts and that municipality's passages; None without any."""
    own = [hit for hit in hits if passage_concerns(hit.chunk, (question.municipality,))]
    if not own:
        return None
    asked = _EACH.sub("", question.text)
    return asked, analyse(asked), own
