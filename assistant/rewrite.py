"""Follow-up questions made standalone: "その2050年の目標は？" after a Kawasaki question becomes a Kawasaki question.

Only questions that refer back are rewritten: a bare place ("さいたま市は？", "What about Saitama?") or a
question that names no place of its own; a question naming its place is left exactly as the user wrote it.
The chain always searches the user's own words as well, so a wrong rewrite cannot hide the right passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.citations import Turn
from assistant.ordinals import with_item
from assistant.places import PlaceMatch, PlaceResolver, inside_name
from assistant.question import asked_years, era_year, head_terms, subject_entity, western_year
from ingest.kana import HIRAGANA, KANJI, KATAKANA
from ingest.tokenize import keyword_tokens

_QUESTION_WORDS = frozenset(
    {"何", "どう", "どの", "どこ", "いつ", "誰", "どれ", "教え", "ください", "what", "about", "how", "and", "is"}
)
_MAX_BARE_TERMS = 1
_YEAR_WORDS = frozenset({"年", "年度", "fy", "in", "for", "by", "then"})
LEADING_PARTICLES = re.compile(r"^(?:[のがはをにでとも、,]\s*)+")
"""Particles left dangling at the start once a name is cut out ("がつくった…", "と川崎市で…")."""
_CITED_QUOTE = re.compile(r"「(.+?)」\s*\[\d+\]", re.DOTALL)
_NAMED = re.compile(r"「([^「」]+)」(?!\s*\[\d+\])")
"""A name the answer gives in brackets (「都市間連携による脱炭素化の推進」), not one of our own cited quotes."""
_ASKS_NEXT = re.compile(r"\b(?:next|after (?:that|this|it)|then)\b|次[はにの]|その(?:後|次)", re.IGNORECASE)
_DEMONSTRATIVE_NOUN = re.compile(rf"(?:その|この|あの)([{KANJI}々{KATAKANA}ーA-Za-zＡ-Ｚａ-ｚ0-9]+)")
""""その会議", "この施策", "そのVPP": a noun pointed back at, up to the first particle or kana."""
_BARE_PRONOUN = re.compile(r"^(?:それ|これ|あれ)(?:って|は|を|、)")
"""A follow-up whose subject is a pronoun for the whole of what was just discussed ("それって何に向けた…")."""
_RELATIVE_YEAR = re.compile(r"(?:その)?(翌|前|同)年(度)?(?!度|比)(?:の(?=\d{1,2}\s*月))?")
"""A year told from the one just discussed ("その翌年の5月には…", "同年度の…"), with the の that joins it to a month;
"前年度比" compares, it dates nothing."""
_THERE = re.compile(r"(?:あ)?そこ(?:で|に|は|の|へ|から|って)|その場所|同じ場所|\bthere\b", re.IGNORECASE)
"""A place pointed back at ("そこで開かれた…", "だいたいそこで", "there")."""
_ASKS_WHERE = re.compile(r"どこ|\bwhere\b", re.IGNORECASE)
_NAMED_YEAR = re.compile(r"(令和|平成)\s*(\d{1,2}|元)\s*年|((?:19|20)\d{2})\s*年")
_STAGE = re.compile(r"\b(Step|Phase|Stage)\s*(\d{1,2})\b|(ステップ|フェーズ)\s*(\d{1,2})", re.IGNORECASE)


@dataclass(frozen=True)
class Rewrite:
    """`search` finds the passages (it carries the earlier topic); `focus` picks the answering sentence (the
    question's own words and its place), so the earlier answer's sentence does not win again."""

    search: str
    focus: str
    earlier_answer: str = ""
    """What the assistant said last, when the question refers back to it: "それは…" often points at a thing
    only the answer named."""


def standalone_question(question: str, history: list[Turn], places: PlaceResolver) -> Rewrite:
    previous = next((t.content for t in reversed(history) if t.role == "user"), None)
    if previous is None:
        return Rewrite(question, question)
    # "2つ目の課題には…" points at an item of the last answer: it asks about that item by name.
    question = with_item(question, next((t.content for t in reversed(history) if t.role == "assistant"), ""))
    question = _dated(question, _last_answer(history))
    asked = places.resolve(question)
    earlier = places.resolve(previous)
    own_terms = [t for t in keyword_tokens(question) if t not in _QUESTION_WORDS]
    place_words = {t for name in (*asked.covered, *asked.uncovered) for t in keyword_tokens(name)}
    topic_terms = [t for t in own_terms if t not in place_words]
    if asked.any and len(topic_terms) <= _MAX_BARE_TERMS:
        # "さいたま市は？" / "What about Saitama?": the earlier question, asked of the new place.
        rewritten = f"{_without_asked_places(previous, earlier, places)} {' '.join((*asked.covered, *asked.uncovered))}"
        return Rewrite(rewritten, rewritten)
    if asked.any:
        return Rewrite(question, question)
    # No place of its own in a conversation: "その2050年の目標は？", "いま何人委嘱されていますか？". It inherits
    # the earlier place and topic; a new year replaces the earlier one.
    earlier_places = " ".join((*earlier.covered, *earlier.uncovered))
    topic = _without_asked_places(previous, earlier, places)
    if asked_years(question):
        topic = LEADING_PARTICLES.sub("", _without_years(topic))
        if all(_says_nothing_but_when(t) for t in topic_terms):
            # "では2050年は？" / "And what about 2050?": the earlier question, asked of the new year.
            rewritten = " ".join(f"{earlier_places} {topic} {question}".split())
            return Rewrite(rewritten, rewritten)
    answer = _earlier_answer(history)
    said = _last_answer(history)
    pointed = _DEMONSTRATIVE_NOUN.search(question)
    referent = pointed.group(1) if pointed else ""
    if referent and referent in said and referent not in previous:
        # "そのVPPって、どういう仕組み？" after an answer that named "バーチャルパワープラント（VPP）": the thing only
        # the answer named is the subject, under both its names; the earlier question's topic would bury it.
        focus = " ".join(w for w in (earlier_places, question, _full_form(referent, said)) if w)
        return Rewrite(focus, focus, answer)
    # "そこで開かれた最初の会議は？" after "どこで開かれていましたか？": the place the last answer gave is where
    # the question asks about; the earlier question only asked for it.
    there = answer if _THERE.search(question) and _ASKS_WHERE.search(previous) else ""
    # "どれくらいの団体が参加してる？" after "CC川崎エコ会議って何？" asks about the same thing, and so does "その会議、
    # 今後は…" whose "会議" is a word of that subject; a follow-up that names a thing of its own ("基本方針はいくつ
    # ある？") is about that one.
    named = _named_instance(referent, previous, said)
    earlier_subject = named or _earlier_subject(history) or _pointed_at_whole(question, previous)
    refers_back = bool(named) or (bool(referent) and referent in earlier_subject)
    subject = "" if subject_entity(question) and not refers_back else earlier_subject
    focus = " ".join(w for w in (earlier_places, subject, question, there, _next_stage(question, answer)) if w)
    return Rewrite(f"{focus} {topic}".strip(), focus, answer)


def _named_instance(referent: str, previous: str, said: str) -> str:
    """The one thing the last answer named, when the question points back with the earlier question's own
    category word: "その施策の具体的事業は？" after "基本的施策6は何？" -> 「都市間連携による脱炭素化の推進」 is the
    施策 meant; the earlier question only described it."""
    names = {n for n in _NAMED.findall(said) if n not in previous}
    return names.pop() if referent and referent in previous and len(names) == 1 else ""


def _full_form(term: str, text: str) -> str:
    """The other name the text gives a term in brackets: "バーチャルパワープラント（VPP）" or "VPP（仮想発電所）"."""
    name = rf"[{KANJI}々{KATAKANA}ー・A-Za-z]+"  # one name: a run without kana particles, digits or punctuation
    found = re.search(rf"({name})\s*[（(]\s*{re.escape(term)}\s*[）)]", text) or re.search(
        rf"{re.escape(term)}\s*[（(]\s*({name})\s*[）)]", text
    )
    return found.group(1) if found else ""


def _dated(question: str, said: str) -> str:
    """The question with a relative year ("その翌年") written as the year it means, counted from the first year the
    last answer names (the date it gave), across an era's change (平成31年's 翌年 is 令和2年): the documents date
    events by year, never by "翌年"."""
    relative = _RELATIVE_YEAR.search(question)
    named = _NAMED_YEAR.search(said)
    if relative is None or named is None:
        return question
    era, era_number, western = named.groups()
    shift = {"翌": 1, "前": -1, "同": 0}[relative.group(1)]
    if western:
        year = f"{int(western) + shift}年"
    elif shift == 0:
        year = named.group(0)
    else:
        year = era_year(western_year(era, era_number) + shift)
    return question[: relative.start()] + year + (relative.group(2) or "") + question[relative.end() :]


def _says_nothing_but_when(term: str) -> bool:
    """A word of a bare-year follow-up: the year itself, its counter, or a function word ("じゃあ", "in")."""
    return term.isdigit() or term in _YEAR_WORDS or re.fullmatch(f"[{HIRAGANA}ー]+", term) is not None


def _next_stage(question: str, answer: str) -> str:
    """The stage after the one the earlier answer is about, when the question asks what comes next ("What comes
    after that?" after "Step 1 …" -> "Step 2"): the plan names it, the question does not."""
    stages = list(_STAGE.finditer(answer)) if _ASKS_NEXT.search(question) else []
    if not stages:
        return ""
    label, number = stages[0].group(1) or stages[0].group(3), stages[0].group(2) or stages[0].group(4)
    return f"{label} {int(number) + 1}"


def _earlier_subject(history: list[Turn]) -> str:
    """The thing the latest earlier question that names one is about."""
    asked = (subject_entity(t.content) for t in reversed(history) if t.role == "user")
    return next((subject for subject in asked if subject), "")


def _pointed_at_whole(question: str, previous: str) -> str:
    """What a bare "それって…" points at when the earlier question marked no subject: the thing it asked about,
    its last noun run ("藤岡地域を対象にプロジェクトチームを作ったんだよね？" -> プロジェクトチーム)."""
    return "".join(head_terms(previous)) if _BARE_PRONOUN.match(question) else ""


def _last_answer(history: list[Turn]) -> str:
    return next((t.content for t in reversed(history) if t.role == "assistant"), "")


def _earlier_answer(history: list[Turn]) -> str:
    """The last answer's quoted evidence (our own answers quote 「…」[n] after a fixed lead-in), or the whole
    answer when it quotes nothing that way."""
    answer = _last_answer(history)
    quoted = _CITED_QUOTE.findall(answer)
    return " ".join(quoted) if quoted else answer


def _without_asked_places(text: str, found: PlaceMatch, places: PlaceResolver) -> str:
    """The topic of a question, to be asked of another place or year: the text without every spelling of the
    places it is asked of (`found`, so a likeness, "栃木市みたいな", stays part of the topic), a space where each
    stood, and without the particles left dangling at the start ("がつくった…"). Not the chain's
    `_without_place_mentions`, which cuts every mention from a search text and leaves no gap. A place inside a
    coined name ("CC川崎エコ会議", "川崎未来エナジー") stays: cut, the name matches nothing."""
    stripped = text
    for name in (*found.covered, *found.uncovered):
        for alias in places.aliases(name):
            stripped = re.sub(
                re.escape(alias),
                lambda m: m.group(0) if inside_name(m.string, m.start(), m.end()) else " ",
                stripped,
                flags=re.IGNORECASE,
            )
    return LEADING_PARTICLES.sub("", stripped.strip())


def _without_years(text: str) -> str:
    return re.sub(r"(?:19|20)\d{2}\s*年?度?|令和\s*\d+\s*年?度?|平成\s*\d+\s*年?度?", " ", text).strip()
