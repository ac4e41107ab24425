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

from assistant.abstention import Abstention
from assistant.evidence import Evidence, overlaps, passage_concerns
from assistant.extractive import Selection, SentenceSelector
from assistant.places import Mention
from assistant.question import (
    PART_BREAK,
    QuestionFacts,
    analyse,
    heading_clauses,
    question_parts,
    subject_clauses,
    subject_sentences,
)
from assistant.rewrite import LEADING_PARTICLES
from ingest.kana import HIRAGANA, KANJI, KATAKANA_BLOCK
from kb.search import SearchHit

# What joins the names of an enumeration ("栃木市と川崎市", "川崎市、さいたま市", "Kawasaki and Saitama"), and a
# reading or alias in brackets after a name ("特別区（23区）").
_JOINERS = r"\s*(?:と|、|,|，|・|や|及び|および|並びに|and)\s*"
_JOINER = re.compile(_JOINERS + "$", re.IGNORECASE)
_BRACKETED = re.compile(r"\s*[(（][^()（）]{1,12}[)）]")
# What a name owns in an enumeration of its documents or bodies ("さいたま市の戦略と川崎市の資料では"): kanji,
# katakana or letters after の, no particle; a plan's full title is long ("さいたま市のゼロカーボンシティ推進戦略").
# A document may be named by its subject first, in quotes or not ("葛飾区の「多摩の森」の報告", "葛飾区のZEBの取組").
_QUOTED_SUBJECT = r"の「[^「」]{1,20}」"
_OWNED_WORD = rf"の[{KATAKANA_BLOCK}{KANJI}A-Za-z0-9]{{1,16}}"
_OWNED = r"(?:(?:" + _QUOTED_SUBJECT + r"|" + _OWNED_WORD + r")?" + _OWNED_WORD + r")?"
# One or two kanji right after a name continue it into the name of a body ("特別区長会", "川崎市役所"): cut with
# the name, else the other place's question reads "栃木市長会は". A longer run is a name of its own that holds the
# topic ("川崎市脱炭素経営支援コンソーシアム").
_NAME_CONTINUED = re.compile(rf"[{KANJI}]{{1,2}}(?![{KATAKANA_BLOCK}{KANJI}])")
_OWNED_THEN_JOINER = re.compile(_OWNED + _JOINERS, re.IGNORECASE)
# The whole noun phrase a later side of a parallel enumeration names after its place, up to the particle or comma
# the sides share ("…と葛飾区が参加する「多摩の森」活性化プロジェクトでは", "…と川崎の「脱炭素アクションみぞのくち」
# では", "…と川崎市脱炭素経営支援コンソーシアムでは"): cut whole, else the kept side reads "さいたま市のロードマップ
# が参加する「多摩の森」…". Quoted words are one piece, whatever particles they hold.
_OTHER_PHRASE = re.compile(
    r"(?:「[^「」]{1,30}」|[^「」、,，?？。!！\s]){0,40}?(?=では|には|でも|にも|で|に|は|を|[、,，?？。!！])"
)
_OWNED_ONLY = re.compile(_OWNED)
# A place's own document named as where the answer is written ("さいたま市の戦略では", "栃木市の事務報告には",
# "川崎市の基本計画を比べると"): the place's passages are all of its documents already, and the document's kind
# would only pick the sentences that name the plan ("さいたま市ゼロカーボンシティ推進戦略の策定") over those on
# the topic. A document asked about ("…の基本計画、いつ改定") is followed by no such particle and stays. The
# subject a document is named by in quotes ("葛飾区の「多摩の森」の報告では") is the topic, and stays.
_OWN_DOCUMENT = re.compile(
    r"(?P<subject>" + _QUOTED_SUBJECT + r")?"
    rf"の[{KATAKANA_BLOCK}{KANJI}A-Za-z0-9]{{0,14}}?(?:計画|戦略|報告|資料|取組|素案)(?=では|には|で|に|を)"
)
# "それぞれ" / "各々" distribute the question over the places it names; asked of one place they mean nothing, and
# as a word to match they pick the sentence that happens to say "庁内関係課がそれぞれ所管する施設". They go from the
# text a place's sentences are chosen for, not from its search (whose passages the whole question's wording found).
# A part that ends an item of an enumeration ("…プラットフォームと", "…共同調達と"): the parts ask one thing of
# both places. A word ending in と ("あと、") is no item.
_ENUMERATED = re.compile(rf"[{KATAKANA_BLOCK}{KANJI}」』)）A-Za-z0-9]\s*(?:と|や|及び|および|並びに)$")
_EACH = re.compile(r"(?:それぞれ|各々|おのおの)(?:で|に|の)?")
# A comparison asking whether each place's documents mention the topic ("…例は、栃木市と川崎市の資料に出てきますか"):
# the place's passages are its documents already, and the words asking whether they hold it (資料, 出てき) are in
# none of the sentences that do. As words to match they only lower every sentence's share of the question's terms,
# and the place's best score under the bar; so does the word for the mention itself ("…を使う話は", "…例は").
# They go from the text a place's sentences are chosen for.
_MENTIONED = re.compile(
    r"(?:の(?:資料|文書))?(?:に|には|で|では|の中に)"
    rf"(?:出て(?:く|き)|書かれて|書いて|載って|記載されて|触れられて|触れて)[{HIRAGANA}]*[?？。]?$"
)
_MENTION = re.compile(r"(?:話|例|記述)(?=は)")


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
    sentences = subject_sentences(text, mentions, order)
    if not sentences:
        headed = heading_clauses(text, mentions, order)
        if headed:
            lead = text[: mentions[0].start]
            return tuple(
                PlaceQuestion(name, _without_own_document(text, clause, lead, mentions, name))
                for name, clause in zip(order, headed, strict=True)
            )
        sentences = parts_of_each(text, mentions, order) or tuple(whole)
    return tuple(PlaceQuestion(name, own, search) for name, own, search in zip(order, sentences, whole, strict=True))


def parts_of_each(text: str, mentions: Sequence[Mention], order: Sequence[str]) -> tuple[str, ...]:
    """Each place's own part of a question in parts about different places ("葛飾区の清掃事務所にさいたま市も視察に
    来た…その視察はいつ", "あと、さいたま市自身の戦略では…何を導入"), with the topic said before any place: the one
    part naming it alone, else the one part naming it. Given the whole question, each place's sentences must answer
    the other's part too ("いつ" makes every side want a date). Empty unless every part names a place and each place
    gets a part of its own; and for places enumerated ("…プラットフォームと、川崎市の…は、それぞれ何団体？"), whose
    parts ask one thing of both."""
    parts = question_parts(text)
    named = [{n for m in mentions if text[m.start : m.end] in part for n in m.names if n in order} for part in parts]
    if len(parts) < 2 or not all(named) or any(_ENUMERATED.search(part) for part in parts[:-1]):
        return ()
    own: list[str] = []
    for name in order:
        alone = [part for part, names in zip(parts, named, strict=True) if names == {name}]
        naming = alone or [part for part, names in zip(parts, named, strict=True) if name in names]
        if len(naming) != 1 or naming[0] in own:
            return ()
        own.append(naming[0])
    lead = text[: mentions[0].start]
    compact = PART_BREAK.sub("", lead)
    return tuple(part if part.startswith(compact) else lead + part for part in own)


def _without_others(text: str, mentions: Sequence[Mention], keep: str) -> str:
    """The text with every mention not standing for `keep` cut out, with a bracketed alias right after it and the
    joiner that ties it into the enumeration: the one before it when a name, or what a name owns, comes just before
    that ("栃木市と川崎市で", "さいたま市の戦略と川崎市の資料"), with what the cut name owns when the name before owns
    something too, else the one after it, with what the cut name owns ("取組は、特別区とさいたま市で",
    "さいたま市の戦略と")."""
    pieces: list[str] = []
    kept: list[int] = []  # where the kept place's names end in the joined pieces
    parallel = False  # each place owns its own document or body ("さいたま市の戦略と川崎市の取組では")
    position = 0
    previous_end = -1
    for mention in mentions:
        if mention.start < max(previous_end, position):
            continue  # an alias in brackets after a name ("特別区(23区)"), or in what a cut name owns ("のCC川崎")
        end = _continued_end(text, mention.end)
        bracket = _BRACKETED.match(text, end)
        if bracket is not None:
            end = bracket.end()
        named_before, previous_end = previous_end, end
        if keep in mention.names:
            pieces.append(text[position:end])
            position = end
            kept.append(sum(map(len, pieces)))
            continue
        before = text[position : mention.start]
        joined = _JOINER.search(before)
        if joined is not None and _owned_between(text, named_before, position + joined.start()):
            before = before[: joined.start()]
            if position + joined.start() > named_before:  # parallel: "さいたま市の戦略と川崎市の資料では"
                end = _phrase_end(text, end)
                parallel = True
        else:
            after = _OWNED_THEN_JOINER.match(text, end)
            if after is not None:
                parallel = parallel or text.startswith("の", end)
                end = after.end()
        pieces.append(before)
        position = end
    pieces.append(text[position:])
    asked = "".join(pieces)
    return LEADING_PARTICLES.sub("", (_without_own_documents(asked, kept) if parallel else asked).strip())


def _without_own_document(text: str, clause: str, lead: str, mentions: Sequence[Mention], name: str) -> str:
    """A clause a place heads without the place's own document named after its name ("さいたま市の戦略では都市間の
    連携は…" -> "さいたま市では都市間の連携は…"), as in a comparison whose places each own their document."""
    heading = next(m for m in mentions if name in m.names and clause.startswith(text[m.start : m.end], len(lead)))
    return _without_own_documents(clause, [len(lead) + heading.end - heading.start])


def _without_own_documents(text: str, name_ends: Sequence[int]) -> str:
    """The text without the place's own document named after its name, once the other places are cut out
    ("さいたま市の戦略と川崎市の取組では" asked of さいたま市 -> "さいたま市では")."""
    for end in reversed(name_ends):
        document = _OWN_DOCUMENT.match(text, end)
        if document is not None:
            text = text[:end] + (document["subject"] or "") + text[document.end() :]
    return text


def _continued_end(text: str, name_end: int) -> int:
    """Where the word a name starts ends: after the kanji that continue it ("特別区長会"), else at the name's end."""
    continued = _NAME_CONTINUED.match(text, name_end)
    return continued.end() if continued is not None else name_end


def _owned_end(text: str, name_end: int) -> int:
    """Where what a name owns ends ("川崎市の資料" -> after 資料), or the name's end when it owns nothing."""
    owned = _OWNED_ONLY.match(text, name_end)
    return owned.end() if owned is not None else name_end


def _phrase_end(text: str, name_end: int) -> int:
    """Where the noun phrase a later side of a parallel enumeration starts with its name ends ("川崎の「…」では" ->
    before では); what the name owns when no shared particle closes the phrase soon."""
    phrase = _OTHER_PHRASE.match(text, name_end)
    return phrase.end() if phrase is not None else _owned_end(text, name_end)


def _owned_between(text: str, name_end: int, joiner_start: int) -> bool:
    """Whether the joiner follows the previous name, or what that name owns ("さいたま市の戦略と")."""
    return 0 <= name_end <= joiner_start and _OWNED_ONLY.fullmatch(text, name_end, joiner_start) is not None


def select_each(
    selector: SentenceSelector,
    questions: Sequence[PlaceQuestion],
    hits: list[SearchHit],
    lang: str,
    per_place: int,
    every_side: float = 1.0,
) -> Selection:
    """One group of at most `per_place` quotes per municipality, in the order asked, each chosen for that
    municipality's own question from its own passages. The answer stands when one municipality's evidence clears
    the answer bar, the others then needing only clear a part's (else they are left out), or when every
    municipality's evidence clears the fraction `every_side` of the bar: two sides that each hold a near answer
    are stronger evidence than one side alone. The municipalities left out are named in the selection."""
    evidence = []
    bests = []
    unanswered = []
    for question in questions:
        own = _own_question(question, hits, lang)
        if own is None:
            bests.append(0.0)
            unanswered.append(question.municipality)
            continue
        asked, facts, own_hits = own
        selection = selector.select(facts, asked, own_hits, (question.municipality,), part=True)
        bests.append(selection.best_score)
        if not selection.evidence:
            unanswered.append(question.municipality)
        # Another place's passage may name this one ("九都県市(…さいたま市…)"): its quote, already given, would
        # be this place's again, in part or whole, and take the place of one of its own.
        kept = [e for e in selection.evidence if not any(overlaps(e, other) for other in evidence)]
        evidence.extend(_capped(kept, selection.answering, per_place))
    best, weakest = max(bests, default=0.0), min(bests, default=0.0)
    if best < selector.min_score and weakest < selector.min_score * every_side:
        return Selection((), best, Abstention.comparison_below_bar)
    return Selection(tuple(evidence), best, unanswered=tuple(unanswered))


def _capped(quotes: Sequence[Evidence], answering: Sequence[Evidence], most: int) -> list[Evidence]:
    """The first `most` quotes, in their order, but the best quote and each quote answering a part of the place's
    question kept before the others fill the rest ("…計画期間、削減目標、進行管理の方法を教えて": the part asking
    進行管理 is answered by the quote added last, which three quotes on the targets would push out)."""
    answers = [n == 0 or any(overlaps(quote, answer) for answer in answering) for n, quote in enumerate(quotes)]
    room = max(most - sum(answers), 0)
    others = [n for n, answers_part in enumerate(answers) if not answers_part][:room]
    return [quote for n, quote in enumerate(quotes) if answers[n] or n in others]


def candidates_each(
    selector: SentenceSelector, questions: Sequence[PlaceQuestion], hits: list[SearchHit], lang: str, depth: int
) -> list[list[Evidence]]:
    """The quotes `select_each` chooses among for each municipality, from its own passages."""
    rankings = []
    for question in questions:
        own = _own_question(question, hits, lang)
        if own is not None:
            asked, facts, own_hits = own
            rankings.append(selector.candidates(facts, asked, own_hits, (question.municipality,), depth=depth))
    return rankings


def _own_question(
    question: PlaceQuestion, hits: list[SearchHit], lang: str
) -> tuple[str, QuestionFacts, list[SearchHit]] | None:
    """The question as asked of one municipality, its facts and that municipality's passages; None without any.
    `lang`: the whole question's language, which its place's question, written with its Japanese words, keeps."""
    own = [hit for hit in hits if passage_concerns(hit.chunk, (question.municipality,))]
    if not own:
        return None
    asked = _topic_asked(_EACH.sub("", question.text))
    return asked, analyse(asked, lang), own


def _topic_asked(text: str) -> str:
    """The question without the words asking whether the documents mention its topic, when it asks that."""
    mentioned = _MENTIONED.search(text)
    return text if mentioned is None else _MENTION.sub("", text[: mentioned.start()])
