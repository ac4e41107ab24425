"""Meeting schedules: "プロジェクトチームの会合はいつ（どこで）開かれた？" and "2月7日の運営委員会の議題は？" are
answered by the rows of the table of its meetings, not by the sentence that introduces the team.

Annual reports list a body's meetings as a table with a header naming a date column and a venue column
("期日会場内容") and one row per meeting, its cells flattened onto lines of their own ("1月15日(月)" "渡良瀬遊水地"
"ハートランド城" "(研修室1)" "脱炭素先行地域づくりの概要について"). PDF extraction often puts such a table far
from the heading that names the body, and a report may hold several of them one after another, so the table meant
is the one whose rows' agenda talks about the question's subject; its rows may run over two stored passages, so
each run of rows is quoted from the passage that holds it. A question naming the day of a meeting wants that
row alone, all its cells, though the passage it was retrieved by cuts the row short.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.evidence import Evidence, overlaps, passage_concerns
from assistant.lists import DocumentSource
from assistant.question import Day, claimed_part, days_in
from assistant.quotable import MAX_HEADER_CHARS, ROW_DAY, dated_row, ends_row, line_end
from assistant.superlatives import quote_span, share_of
from assistant.terms import comparable_terms
from assistant.values import heading_of_table
from ingest.kana import HIRAGANA
from ingest.normalize import normalize_text
from kb.search import SearchHit

_ASKS = re.compile(r"いつ|日程|日時|開催日|何月何日|何日|どこ|場所|会場|\bwhen\b|\bwhere\b", re.IGNORECASE)
"""A question for when or where something took place."""
_HELD = re.compile(r"会合|ミーティング|開催|開か|開い|行われ|やって|集ま|\bmeetings?\b|\bheld\b|\bmet\b", re.IGNORECASE)
"""Wording for something taking place (a meeting, an event held), not the name of the body that met."""
_AGENDA = re.compile(r"議題|議事|内容|テーマ|検討|話し合|協議|審議|何を|何について|\bagenda\b|\bdiscuss", re.IGNORECASE)
"""A question for what a meeting took up: its row's agenda cells answer it, as its date and venue cells answer when
and where."""
_BODY = re.compile(r"会議|総会|委員会|協議会|説明会|研修会|講演会|セミナー")
"""A body or an event that meets; its name is the question's subject too ("設立総会", "運営委員会")."""
_MONTH_OR_DAY = re.compile(r"\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
"""A day or month the question names: it picks a row of the table, or is a premise to check; no subject word."""
_ASKED_MONTH = re.compile(r"(?<!\d)(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)")
"""A month the question names without a day ("2月には何日に"): it picks that month's rows of the table."""
_FIRST = re.compile(r"最初|初回|第1回|\bfirst\b", re.IGNORECASE)
_LAST = re.compile(r"最後|\blast\b", re.IGNORECASE)
_DATE_COLUMN = re.compile(r"期\s*日|日\s*時|開催日|日\s*程")
_ANY_DATE_COLUMN = re.compile(rf"{_DATE_COLUMN.pattern}|実施日|年月日")
"""A header of another table ("実施日実施団体・イベント参加人数") ends the schedule above it."""
_VENUE_COLUMN = re.compile(r"会\s*場|場\s*所")
_MAX_ROWS = 8
_MIN_MATCH = 0.3
"""The share of the question's subject (by rarity) a table's rows must hold together for the table to be its."""
_CLAIM_TOPIC = re.compile(r"(?P<topic>[^、。?]+?)(?:のこと)?は")
"""What a claim is about: the words before its は."""
_PARTICLE = re.compile(f"[{HIRAGANA}]")
"""A lone kana left of the question's wording once its asking words are taken out ("どこでやってた" -> "で")."""
_DEPTH = 6
_DOCUMENTS_READ = 8
_MAX_CONTEXT = 1
"""Chosen quotes kept after the rows: the sentence that introduces the body whose meetings they are."""


@dataclass(frozen=True)
class Schedule:
    """A table of meetings, as document offsets: its header line and its rows."""

    header: int
    rows: tuple[tuple[int, int], ...]


def asks_schedule(question: str) -> bool:
    """Whether the question asks when or where a meeting (an event) took place, or what it took up."""
    normalized = normalize_text(question)
    asks = _ASKS.search(normalized) or _AGENDA.search(normalized)
    return bool(asks and (_HELD.search(normalized) or _BODY.search(normalized)))


def is_header(line: str) -> bool:
    """A short line naming a date column and a venue column ("期日会場内容", "日時 場所 内容"). The two columns say
    it is a schedule's header, so it is held to a header's length only, not to column names' want of figures
    (quotable.is_column_names)."""
    text = line.strip()
    return len(text) <= MAX_HEADER_CHARS and bool(_DATE_COLUMN.search(text) and _VENUE_COLUMN.search(text))


def _ends_table(line: str) -> bool:
    """What ends a dated row (units.ends_row), or another table's header."""
    text = line.strip()
    return ends_row(text) or (len(text) <= MAX_HEADER_CHARS and bool(_ANY_DATE_COLUMN.search(text)))


@lru_cache(maxsize=_DOCUMENTS_READ)
def schedules(text: str) -> tuple[Schedule, ...]:
    """Each schedule table of the text: its dated rows (units.dated_row) one after another under a header, up to
    a line that starts no row where a row should. Read once per document: every retrieved passage of it asks for
    the same tables."""
    found: list[Schedule] = []
    header = -1
    position = 0
    while position <= len(text):
        rows = _rows_from(text, position) if header >= 0 else ()
        if rows:
            found.append(Schedule(header, rows))
            header, position = -1, rows[-1][1] + 1
            continue
        end = line_end(text, position)
        header = position if is_header(text[position:end]) else -1
        position = end + 1
    return tuple(found)


def _rows_from(text: str, start: int) -> tuple[tuple[int, int], ...]:
    """The dated rows that follow one another from start, each running on to the next day's line or the end of
    the table; a row read whole: a schedule is quoted line by line."""
    rows: list[tuple[int, int]] = []
    while (row := dated_row(text, start, max_chars=None, ends=_ends_table)) is not None:
        rows.append(row)
        start = row[1] + 1
    return tuple(rows)


@dataclass(frozen=True)
class _Found:
    """A schedule of a document, with the heading that names it when a run of headings does."""

    hit: SearchHit
    text: str
    schedule: Schedule
    heading: tuple[int, int] | None

    def heading_text(self) -> str:
        """Empty when no heading names the schedule."""
        return self.text[slice(*self.heading)] if self.heading else ""

    def with_heading(self) -> str:
        """The heading and all the rows: what a question's subject is matched against."""
        rows = self.schedule.rows
        return f"{self.heading_text()}\n{self.text[rows[0][0] : rows[-1][1]]}"


class ScheduleFinder:
    """Puts the rows of the meeting table the question is about first in the chosen evidence."""

    def __init__(self, idf: Callable[[str], float], source: DocumentSource, depth: int = _DEPTH) -> None:
        self._idf = idf
        self._source = source
        self._depth = depth

    def complete(
        self, question: str, chosen: tuple[Evidence, ...], hits: Sequence[SearchHit], municipalities: Sequence[str]
    ) -> tuple[Evidence, ...]:
        """The best matching schedule's heading and rows, then the chosen prose of the same document that
        introduces them; a chosen row of another table, or another document's sentence, is some other meeting."""
        if not chosen or not asks_schedule(question):
            return chosen
        match = self._matcher(question, municipalities)
        if match is None:
            return chosen
        claimed = claimed_part(question)
        days = asked_days(question) - asked_days(claimed)
        found = self._best(self._topical(claimed, municipalities) or match, hits, municipalities, days)
        if found is None or self._another_event(match, chosen[0], found):
            return chosen
        months = asked_months(question) - asked_months(claimed)
        added = self._evidence(found, chosen[0].score, hits, days, months, _asked_end(question))
        if not added:
            return chosen
        context = [
            e
            for e in chosen
            if e.hit.chunk.doc_id == found.hit.chunk.doc_id
            and not any(ROW_DAY.match(line) for line in e.sentence.split("\n"))
            and not any(overlaps(e, a) for a in added)
        ]
        return (*added, *context[:_MAX_CONTEXT])

    def _best(
        self,
        match: Callable[[str], float],
        hits: Sequence[SearchHit],
        municipalities: Sequence[str],
        days: frozenset[Day],
    ) -> _Found | None:
        """The schedule whose heading and rows hold most of the question's subject, enough of it, a schedule
        holding a meeting on the asked day first, then the one whose heading names the body asked about most: a
        question's other words may be a wrong premise ("1月に全員協議会室で") that another body's rows hold;
        of two holding as much, the one whose rows talk about it more: a project's meetings discuss its subject
        row after row, another body's name it once among other business. For a question checking a claim, `match`
        weighs the claim's topic alone (`_topical`)."""
        best: tuple[tuple[bool, float, float, float], _Found | None] = ((False, 0.0, 0.0, 0.0), None)
        seen: set[tuple[str, int]] = set()
        for hit in hits[: self._depth]:
            if not passage_concerns(hit.chunk, municipalities):
                continue
            for found in self._schedules_in(hit):
                rows = found.schedule.rows
                key = (hit.chunk.doc_id, rows[0][0])
                if key in seen:
                    continue
                seen.add(key)
                whole = match(found.with_heading())
                on_day = any(_day_of(found.text[start:end]) in days for start, end in rows)
                named = match(found.heading_text())
                score = (on_day, named, whole, sum(match(found.text[start:end]) for start, end in rows))
                if whole >= _MIN_MATCH and score > best[0]:
                    best = (score, found)
        return best[1]

    def _another_event(self, match: Callable[[str], float], best: Evidence, found: _Found) -> bool:
        """Whether the best quote is a dated line of another table naming the asked event more fully than the
        schedule does ("6月17日(土) 栃木市家庭教育講演会・栃木市PTA大学191" of a table of outreach events, with
        no venue column): the event is that line's, and a schedule sharing only the report's topic is no answer."""
        chunk = best.hit.chunk
        if best.start < 0 or not any(ROW_DAY.match(line) for line in best.sentence.split("\n")):
            return False
        start = chunk.start + best.start
        end = start + len(best.sentence)
        rows = found.schedule.rows
        if found.hit.chunk.doc_id == chunk.doc_id and start < rows[-1][1] and rows[0][0] < end:
            return False
        return match(best.sentence) > match(found.with_heading())

    def _schedules_in(self, hit: SearchHit) -> list[_Found]:
        """The schedules of the passage's document that reach into the passage."""
        chunk = hit.chunk
        text = self._source.document_text(chunk.doc_id)
        if text is None or text[chunk.start : chunk.end] != chunk.text:
            return []
        return [
            _Found(hit, text, schedule, heading_of_table(text, schedule.header))
            for schedule in schedules(text)
            if schedule.rows[0][0] < chunk.end and schedule.rows[-1][1] > chunk.start
        ]

    def _matcher(self, question: str, municipalities: Sequence[str]) -> Callable[[str], float] | None:
        """The share of the question's subject words, by rarity, a text holds; the words asking when or where it
        took place are no subject, and neither is the place."""
        subject = _MONTH_OR_DAY.sub(" ", _HELD.sub(" ", _ASKS.sub(" ", normalize_text(question))))
        place = {t for name in municipalities for t in comparable_terms(name)}
        weights = {
            t: self._idf(t)
            for t in dict.fromkeys(comparable_terms(subject))
            if t not in place and not _PARTICLE.fullmatch(t)
        }
        return share_of(weights)

    def _topical(self, claimed: str, municipalities: Sequence[str]) -> Callable[[str], float] | None:
        """The share of a claim's topic a text holds ("会員証" of "会員証のことは、12月20日の設立総会で話し合った
        んですよね"): the day, body and venue after it are what the asker believes and may be wrong, so they pick no
        schedule; None when the question claims nothing or its claim names no topic."""
        topic = _CLAIM_TOPIC.match(normalize_text(claimed))
        return self._matcher(topic.group("topic"), municipalities) if topic else None

    def _evidence(
        self,
        found: _Found,
        score: float,
        hits: Sequence[SearchHit],
        days: frozenset[Day],
        months: frozenset[int] = frozenset(),
        end: slice | None = None,
    ) -> tuple[Evidence, ...]:
        """The heading and the rows (the asked day's rows only, when the question names the day of one; else the
        asked month's rows, when it names a month; of those, the `end` asked, the first or the last meeting),
        each run of lines quoted from the stored passage that holds it whole: rows stored over two passages are
        quoted from both."""
        doc_id = found.hit.chunk.doc_id
        rows = found.schedule.rows
        rows = (
            tuple(r for r in rows if _day_of(found.text[slice(*r)]) in days)
            or tuple(r for r in rows if _month_of(found.text[slice(*r)]) in months)
            or rows
        )
        rows = rows[end] if end is not None else rows
        runs: list[tuple[int, int]] = []
        for start, end in _lines(found.text, rows[:_MAX_ROWS]):
            if runs and self._source.chunk_covering(doc_id, runs[-1][0], end) is not None:
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((start, end))
        spans = [*([found.heading] if found.heading else []), *runs]
        quoted = (quote_span(self._source, doc_id, span, found.hit, score, hits) for span in spans)
        return tuple(e for e in quoted if e is not None)


def _asked_end(question: str) -> slice | None:
    """The first or the last of the meetings, when the question asks for one ("最初の会議はいつ"): a schedule
    lists its meetings in the order they took place."""
    normalized = normalize_text(question)
    if _FIRST.search(normalized):
        return slice(None, 1)
    return slice(-1, None) if _LAST.search(normalized) else None


def asked_days(question: str) -> frozenset[Day]:
    """The days the question names ("2月7日の運営委員会")."""
    return frozenset(days_in(question))


def asked_months(question: str) -> frozenset[int]:
    """The months the question names without a day ("2月には何日に会合を"): their rows answer it."""
    return frozenset(int(m) for m in _ASKED_MONTH.findall(normalize_text(question)))


def _month_of(row: str) -> int | None:
    """The month of the day a row of a schedule starts with ("2月13日(火)…" -> 2)."""
    day = _day_of(row)
    return day.month if day else None


def _day_of(row: str) -> Day | None:
    """The day a row of a schedule starts with ("2月7日(水)全員協議会室…" -> 2月7日)."""
    found = ROW_DAY.match(row)
    return Day(int(found.group(1)), int(found.group(2))) if found else None


def _lines(text: str, rows: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """The spans of the rows' lines, in order."""
    spans: list[tuple[int, int]] = []
    for start, end in rows:
        position = start
        for line in text[start:end].split("\n"):
            spans.append((position, position + len(line)))
            position += len(line) + 1
    return spans
