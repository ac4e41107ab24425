"""What a quote must be about to answer a year or date question, decided once per question.

A year or a date in a sentence says when, not what: whatever else happened then is no answer. Three rules ask a
quote to name the question's subject, each against the mistake it was added for:

- the year's subject (`AskedSubject.words`): a sentence of the asked year must share a Japanese subject word with
  the question, not its place or year: "2022年度の排出量" is not answered by whatever else happened in 2022. When
  the question asks a date, the line giving the year must name it (a timeline's lines around, "令和3年3月…を改定",
  name that year's other events).
- the other years' subject (`AskedSubject.other_years`): when no passage using the question's rarest subject words
  names the asked year ("死亡率" of "令和6年版…死亡率は何位", given in "令和4年版"), the documents give that thing for
  other years only, and a quote of the asked year must name those words: one sharing only "政令指定都市" ("世帯数…
  2024年9月1日現在") is about something else. The noun an organisation question calls its answer by ("…立ち上げた組織の
  名前") is not that subject: the body founded that year ("…推進協議会を発足") is named, not called a 組織.
- the asked event (`AskedSubject.event_words`): a date question naming no year ("…推進戦略の中間見直しは何年度に行う
  予定") dates one event of the plan its title names: a dated row sharing only the plan's name ("令和2年7月…ゼロ
  カーボンシティを表明") dates another, so the quote, its context or heading must name the event.

Which words count, the same for every rule unless said:

- Hiragana alone (あり, ところ) is the asking, not the thing asked ("…どんなものがありましたか"): the other years'
  subject and the asked event leave such words out. The year's subject keeps them, as it was written before the
  others: most year questions hold one (する, どれ, あり: 160 of the eval sets' 215), so that rule mostly turns away
  only quotes sharing no word at all with the question, and leaving them out would change which quotes pass.
- A document's title is the document, not the thing asked: the asked event leaves the title's words out (the plan's
  name dates every row of its history). Deciding whether the documents give the other years' subject in the asked
  year, a passage is read with its title, since a passage is of its document: the 骨子 a question names of "…推進戦略
  骨子（素案）" is given in the asked year by that document's "2050年…導入量" line. A quote itself is matched on its
  text and context (and, for the event, its heading), never its title.
- A target is named by aiming at it: "2050年の…実質ゼロを目指す" is about "2050年の目標は？".

The rules hold only where the question asks one thing in Japanese: an English question's Japanese words are the
search's guesses, not the asker's subject; a question asking more ("令和3年度にどんな場を設けて、その後どんな会社を")
has its other answers in other years and other passages; a follow-up's event is in the earlier answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.admissible import asks_one_thing
from assistant.question import AnswerKind, QuestionFacts
from assistant.terms import comparable_terms
from ingest.kana import HIRAGANA_BLOCK
from ingest.normalize import normalize_text
from ingest.tokenize import keyword_tokens
from kb.glossary import canonical_wording
from kb.search import SearchHit

_YEAR_TERM = re.compile(r"\d+|年度?|令和|平成")
_ALL_HIRAGANA = re.compile(rf"[{HIRAGANA_BLOCK}]+")
_AIMS_AT = re.compile(r"目指")
_ASKED_BODY = re.compile(r"組織|団体|機関|部署|名前|名称")
"""What an organisation question calls its answer ("…立ち上げた組織の名前"): the 協議会 it names need not say 組織.
Not question._KIND_CUES: those also hold nouns that imply a kind and are the subject itself (間伐する面積, 推計人口,
どんな取組), the words a quote of another year must name, and no kind's cue holds 名前 or 名称."""
_LEADING_YEAR = re.compile(r"\s*(?:(?:令和|平成)\s*(?:\d{1,2}|元)|(?:19|20)\d{2})\s*年度?")


@dataclass(frozen=True)
class AskedSubject:
    """The words a quote of a year or date question must name, and which of the rules apply (module docstring).

    `years`: the asked years' patterns, empty when the question names none; `words`: the year's subject;
    `other_years`: the other years' subject, empty when the asked year gives it or the rule does not apply;
    `named`: the subject's words that name something (not hiragana alone); `dates_event`: the question asks the
    date of an event and names no year; `asks_a_date`: the question asks a date."""

    years: tuple[re.Pattern[str], ...]
    words: frozenset[str]
    other_years: frozenset[str]
    named: frozenset[str]
    dates_event: bool
    asks_a_date: bool

    @classmethod
    def of(
        cls,
        facts: QuestionFacts,
        search_text: str,
        municipalities: Sequence[str],
        conversation: str,
        weight: Callable[[str], float],
        hits: Sequence[SearchHit],
        years: Sequence[re.Pattern[str]],
    ) -> AskedSubject:
        place = {t for name in municipalities for t in keyword_tokens(name)}
        words = frozenset(
            t
            for t in comparable_terms(search_text)
            if len(t) > 1 and not t.isascii() and t not in place and not _YEAR_TERM.fullmatch(t)
        )
        named = frozenset(t for t in words if not _ALL_HIRAGANA.fullmatch(t))
        one_thing = facts.lang == "ja" and asks_one_thing(normalize_text(facts.text))
        asks_a_date = facts.kind is AnswerKind.date
        organisation = facts.kind is AnswerKind.organisation
        subject = frozenset(t for t in named if not (organisation and _ASKED_BODY.fullmatch(t)))
        other_years = _other_years(subject, weight, hits, years) if years and one_thing else frozenset()
        dates_event = not years and asks_a_date and one_thing and not conversation
        return cls(tuple(years), words, other_years, named, dates_event, asks_a_date)

    def admits(self, text: str, with_context: str, heading: str, title: str, dated: bool) -> bool:
        """Whether a quote (`text`, read `with_context` under its `heading`, in the document titled `title`) is
        about what the question asks; `dated`: it, or its list's heading, names the asked year."""
        if self.years:
            if self.words and not _about(self.words, with_context):
                return False  # the year, but about something else
            if self.other_years and not _about(self.other_years, with_context):
                return False  # the year, but not the thing the documents give for other years
            return not (dated and self.asks_a_date and not self._dates_words(text))
        event = self.event_words(title) if self.dates_event else frozenset()
        return not event or _about(event, f"{heading}\n{with_context}")

    def event_words(self, title: str) -> frozenset[str]:
        """The words naming what happened, not the document it happened in: those not in the passage's title."""
        titled = set(comparable_terms(title))
        return frozenset(t for t in self.named if t not in titled)

    def _dates_words(self, text: str) -> bool:
        """Whether a line giving the asked year names the year's subject: in a timeline ("令和3年3月…を改定"), the
        lines around name other events of that year."""
        dated_lines = "\n".join(line for line in text.split("\n") if any(p.search(line) for p in self.years))
        return not self.words or _about(self.words, dated_lines)


def yearly_title(title: str) -> str:
    """The year a document's title dates it to ("令和5年度 事務報告" -> "令和5年度"), or "" when it names none: a
    plan's title naming its target year after its name ("…推進基本計画（2030年まで）") is not its period, so only a
    leading year counts."""
    found = _LEADING_YEAR.match(normalize_text(title))
    return found.group(0) if found else ""


def _about(subject: frozenset[str], text: str) -> bool:
    """Whether a text names a subject word, or sets a target the question asks ("2050年の…実質ゼロを目指す" for
    "2050年の目標は？")."""
    wording = canonical_wording(text)
    return any(t in wording for t in subject) or ("目標" in subject and _AIMS_AT.search(text) is not None)


def _other_years(
    named: frozenset[str], weight: Callable[[str], float], hits: Sequence[SearchHit], years: Sequence[re.Pattern[str]]
) -> frozenset[str]:
    """The question's rarest named words a retrieved passage (read with its title) uses, when no passage using
    them names the asked year in its text or its title's leading year; empty when one does, or none uses them."""
    worded = [(hit, canonical_wording(f"{hit.chunk.title}\n{hit.chunk.text}")) for hit in hits]
    used = {t for t in named if any(t in wording for _, wording in worded)}
    if not used:
        return frozenset()
    top = max(weight(t) for t in used)
    rarest = frozenset(t for t in used if weight(t) >= top)
    holding = [hit for hit, wording in worded if any(t in wording for t in rarest)]
    of_the_year = any(
        p.search(hit.chunk.text) or p.search(yearly_title(hit.chunk.title)) for hit in holding for p in years
    )
    return frozenset() if of_the_year else rarest
