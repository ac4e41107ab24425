"""Values that sit beside their label, not inside a sentence: the answer to いつ/どこ/誰/何団体/いくら in a form.

PDF extraction flattens forms and tables. A company profile reads "③所在地 川崎市幸区…" and "④資本金 1億円"; a
report lists its headings "(1) 会員" "(2) 設立総会" and then their tables ("市内 県内 県外 計" / "48 8 2 58",
"期日 会場 内容" / "12月20日(水) 市民交流センター"). The sentence selector finds the label, which matches the
question's words, but the label holds no value; the value is on the same line after it, or on the next lines.

This module looks, for a question that asks for one kind of value, at the short lines of the retrieved passages
that match the question's subject best; when such a line lacks the value it reads on in the document, within the
label's own block, to the first line that holds it, and quotes the label and the value (with the table header
over the value) verbatim, each from the stored passage that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from assistant.extractive import Evidence, comparable_terms, overlaps, passage_concerns, sentence_allowed
from ingest.document import Chunk
from ingest.normalize import normalize_text
from kb.search import SearchHit


class ValueKind(StrEnum):
    date = "date"
    count = "count"
    amount = "amount"
    place = "place"
    person = "person"
    partner = "partner"
    where = "where"


_ASKS: tuple[tuple[ValueKind, re.Pattern[str]], ...] = (
    (ValueKind.date, re.compile(r"いつ|何年|何月|何日|日付|日程|開催日|期日|when|what date", re.I)),
    (
        ValueKind.count,
        re.compile(
            r"何(?:団体|人|名|者|社|件|か所|箇所|校|回)|いくつ|(?:会員|参加者|参加|人|団体|社|件|事業者)数"
            r"|how many|number of",
            re.I,
        ),
    ),
    (ValueKind.amount, re.compile(r"いくら|資本金|金額|予算額|事業費|出資額|how much money|capital", re.I)),
    (ValueKind.place, re.compile(r"どこ(?:に|で(?!す))|所在地|本社|住所|場所|会場|where", re.I)),
    (ValueKind.person, re.compile(r"誰|だれ|トップ|会長|代表者|委員長|\bwho\b", re.I)),
    (ValueKind.partner, re.compile(r"相手|締結先|どこと|with whom", re.I)),
    (ValueKind.where, re.compile(r"どこ")),
)
"""Question wording -> the kind of value it asks for."""

_ADDRESS = r"[都道府県市区町村][^\s、。]{0,12}\d+(?:[-－]\d+)+"
_PLACE = _ADDRESS + r"|センター|会館|ホール|庁舎|会議室|[^\s]室\)|ビル|公園|体育館|公民館"
_ORGANISATION = r"株式|会社|協会|組合|法人|銀行|機構|公社|大学|協議会|委員会|[^\s、]{1,8}(?:省|庁|課|局)(?![^\s、]*長)"
_HOLDS: dict[ValueKind, re.Pattern[str]] = {
    ValueKind.date: re.compile(
        r"(?:19|20)\d{2}\s*年|令和\s*(?:\d+|元)\s*(?:\(\d{4}\)\s*)?年|平成\s*\d+\s*年|\d{1,2}月\d{1,2}日|\d{1,2}月"
    ),
    ValueKind.count: re.compile(
        r"\d[\d,]*\s*(?:団体|人|名|者|社|件|か所|箇所|校|基|台)"
        # a bare count in a table row ("48 8 2 58") or before の ("110の企業"), not an enumerator or a date
        r"|(?<![\d.,(（])\d[\d,]*(?=\s|$|の)"
    ),
    ValueKind.amount: re.compile(r"\d[\d,.]*\s*(?:兆|億|万|千)?\s*円"),
    ValueKind.place: re.compile(_PLACE),
    ValueKind.person: re.compile(r"[市区町村]長|知事|会長|委員長|理事長|座長|議長|代表者|代表理事|本部長|社長"),
    ValueKind.partner: re.compile(_ORGANISATION),
    ValueKind.where: re.compile(f"{_PLACE}|{_ORGANISATION}"),
}
"""What a line holding each kind of value looks like."""

_LABEL_WORDING: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"本社|本店|どこにあ"), "所在地"),
    (re.compile(r"トップ|長は誰"), "会長 代表"),
    (re.compile(r"相手"), "締結先"),
)
"""How a question says it -> the label forms use ("本社はどこ" is the company profile's 所在地)."""

# A heading of a numbered structure: (1) / （1）, ①, 1. / 1栃木… (not a date, a figure or a table row), 第1章.
_HEADING = re.compile(
    r"^\s*(?:(\(\d{1,2}\)|（\d{1,2}）)|([①-⑳])|(\d{1,2})(?:\.\s*|(?=[^\d\s.,%月日年:：/()-]))|(第\d+[章節]))"
)
_QUESTION_WORDS = frozenset({"いつ", "どこ", "誰", "だれ", "何", "教え", "あり", "やっ", "開か", "ます", "です"})
_MAX_LABEL_CHARS = 60
_MAX_VALUE_LINE_CHARS = 200
_LOOKAHEAD_LINES = 10
_MAX_HEADER_CHARS = 30
_ITEM_LINES_ABOVE = 3
_MAX_ITEM_KEY_CHARS = 12
_JOINED_GAP_LINES = 2
_MIN_MATCH = 0.5
_CONTEXT = 0.3
_MAX_RUN = 6
_DEPTH = 6
_MAX_QUOTES = 4
_JOINED_MAX_CHARS = 120
_CLAUSE_BREAK = re.compile(r"[、，,]")


DocumentText = Callable[[str], str | None]
ChunkCovering = Callable[[str, int, int], Chunk | None]


def asked_values(question: str) -> tuple[ValueKind, ...]:
    """The kinds of value a question asks for ("いつ、どこで" asks two); none for a question about anything else."""
    normalized = normalize_text(question)
    kinds = [kind for kind, cue in _ASKS if cue.search(normalized)]
    if ValueKind.where in kinds and (ValueKind.place in kinds or ValueKind.partner in kinds):
        kinds.remove(ValueKind.where)
    return tuple(kinds)


def holds(text: str, kind: ValueKind) -> bool:
    return bool(_HOLDS[kind].search(text))


def label_wording(question: str) -> str:
    """The question with the labels documents use for what it asks added ("本社" -> "所在地")."""
    extra = [label for cue, label in _LABEL_WORDING if cue.search(question)]
    return " ".join([question, *extra])


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


@dataclass(frozen=True)
class _Found:
    match: float
    rank: int
    doc_id: str
    label: _Span
    value: _Span


class ValueFinder:
    """Adds the value beside or under a label line to the chosen evidence, when the question asks for it."""

    def __init__(
        self,
        idf: Callable[[str], float],
        document_text: DocumentText,
        chunk_covering: ChunkCovering,
        depth: int = _DEPTH,
        max_quotes: int = _MAX_QUOTES,
    ) -> None:
        self._max_quotes = max_quotes
        self._idf = idf
        self._document_text = document_text
        self._chunk_covering = chunk_covering
        self._depth = depth

    def complete(
        self, question: str, chosen: tuple[Evidence, ...], hits: Sequence[SearchHit], municipalities: Sequence[str]
    ) -> tuple[Evidence, ...]:
        """The chosen evidence, with the value each asking clause of the question wants put first when a label
        line matches that clause at least as well as the chosen sentences that hold such a value."""
        if not chosen:
            return chosen
        answer = list(chosen)
        whole = all(asked_values(clause) for clause in _CLAUSE_BREAK.split(question))
        for clause, kinds in self._asks(question, municipalities):
            weights = self._weights(label_wording(clause), municipalities)
            total = sum(weights.values())

            def match(text: str, weights: dict[str, float] = weights, total: float = total) -> float:
                terms = set(comparable_terms(text))
                return sum(w for t, w in weights.items() if t in terms) / total

            found = self._best_label(hits, municipalities, kinds, match)
            answered = max((match(e.sentence) for e in answer if _holds_all(e.sentence, kinds)), default=0.0)
            if found is None or found.match < answered:
                continue
            added = self._evidence(found, chosen[0].score, hits)
            held = added[-1].sentence.rsplit("\n", 1)[-1] if added else ""
            if found.value == found.label and any(held in e.sentence or e.sentence in held for e in answer):
                continue  # the line holds its value and is quoted already
            if added:
                rest = [e for e in answer if not any(overlaps(e, a) for a in added)]
                if whole:
                    # the value found, quotes without a value of the asked kind only repeat the subject
                    rest = [e for e in rest if any(holds(e.sentence, k) for k in kinds)]
                answer = [*added, *rest]
        return tuple(answer[: max(len(chosen), self._max_quotes)])

    def _asks(self, question: str, municipalities: Sequence[str]) -> list[tuple[str, tuple[ValueKind, ...]]]:
        """The clauses that ask for a value, each with the kinds it asks: "その会社の資本金と、市の出資比率は" asks the
        amount in its first clause only. A clause without a subject ("どこで開かれましたか") adds its kinds to the one
        before it."""
        asks: list[tuple[str, tuple[ValueKind, ...]]] = []
        for clause in _CLAUSE_BREAK.split(question):
            kinds = asked_values(clause)
            if not kinds:
                continue
            subject = any(w > 0 for w in self._weights(clause, municipalities).values())
            if asks and not subject:
                previous, known = asks[-1]
                asks[-1] = (previous, tuple(dict.fromkeys([*known, *kinds])))
            elif subject:
                asks.append((clause, kinds))
        return asks

    def _weights(self, question: str, municipalities: Sequence[str]) -> dict[str, float]:
        """The question's subject words, weighted by rarity; the place and the question words say nothing about
        which label is meant."""
        place = {t for name in municipalities for t in comparable_terms(name)}
        return {
            t: self._idf(t)
            for t in dict.fromkeys(comparable_terms(question))
            if t not in place and t not in _QUESTION_WORDS and not t.isdigit()
        }

    def _best_label(
        self,
        hits: Sequence[SearchHit],
        municipalities: Sequence[str],
        kinds: tuple[ValueKind, ...],
        match: Callable[[str], float],
    ) -> _Found | None:
        best: _Found | None = None
        for hit in hits[: self._depth]:
            chunk = hit.chunk
            if not passage_concerns(chunk, municipalities):
                continue
            lines = chunk.text.split("\n")
            offset = 0
            for index, line in enumerate(lines):
                start, offset = chunk.start + offset, offset + len(line) + 1
                if not line.strip() or len(line) > _MAX_LABEL_CHARS:
                    continue
                if municipalities and not sentence_allowed(hit, line, tuple(municipalities)):
                    continue
                run = _run_above(lines, index)
                line_match = match(line)
                score = (1 - _CONTEXT) * line_match + _CONTEXT * match("\n".join([chunk.section, *run, line]))
                if score < _MIN_MATCH or (best is not None and score <= best.match):
                    continue
                text = self._document_text(chunk.doc_id)
                if text is None:
                    continue
                label = _Span(start, start + len(line))
                value = _value_after(text, label, kinds)
                if value is None:
                    continue
                if value == label and run and match("\n".join([*run, line])) > line_match:
                    # "③所在地…" alone does not say whose: quote from the record's first line, which names it
                    label = value = _Span(start - sum(len(r) + 1 for r in run), label.end)
                best = _Found(score, hit.rank, chunk.doc_id, label, value)
        return best

    def _evidence(self, found: _Found, score: float, hits: Sequence[SearchHit]) -> tuple[Evidence, ...]:
        """The label and its value as quotes: one quote when they are close in one passage, else two."""
        text = self._document_text(found.doc_id) or ""
        label, value = found.label, found.value
        if value.start < label.start:
            spans = [_Span(value.start, label.end)]
        elif value == label:
            spans = [label]
        elif (
            text.count("\n", label.end, value.start) <= _JOINED_GAP_LINES
            and value.end - label.start <= _JOINED_MAX_CHARS
            and self._chunk_covering(found.doc_id, label.start, value.end) is not None
        ):
            spans = [_Span(label.start, value.end)]
        else:
            spans = [label, value]  # far apart, or stored in two passages
        evidence: list[Evidence] = []
        for span in spans:
            chunk = self._chunk_covering(found.doc_id, span.start, span.end)
            if chunk is None:
                return ()
            held = next((h for h in hits if h.chunk.chunk_id == chunk.chunk_id), None)
            hit = held or SearchHit(rank=found.rank, score=0.0, chunk=chunk)
            evidence.append(Evidence(hit, text[span.start : span.end], score))
        return tuple(evidence)


def _value_after(text: str, label: _Span, kinds: tuple[ValueKind, ...]) -> _Span | None:
    """Where the value of a label line is: the line itself when it holds every asked kind, else the first line
    after it, within the label's block, that holds one (with the table header over it).

    The block ends at a heading of another style ("2地球温暖化…" after "(5) …"), or at a heading of the label's
    own style once other lines came between: "(1) 会員" "(2) 設立総会" … are a run of headings whose tables follow.
    """
    line = text[label.start : label.end]
    missing = [k for k in kinds if not holds(line, k)]
    if not missing:
        return label
    style = _style(line)
    above = _lines_above(text, label.start, _ITEM_LINES_ABOVE)
    items = {_item_key(a) for _, a in above} - {None}
    position, previous = label.end + 1, label
    content_seen = False
    for _ in range(_LOOKAHEAD_LINES):
        if position >= len(text):
            return None
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        current, span = text[position:end], _Span(position, end)
        if _item_key(current) in items:
            # "制度2" after "制度1 / 名称【令和7年度施行】 / label": the label describes the item above it, whose
            # name line holds the value; what follows belongs to the next item.
            start, name = above[0] if above else (0, "")
            if len(name) <= _MAX_LABEL_CHARS and any(holds(name, k) for k in missing):
                return _Span(start, start + len(name))
            return None
        heading = _style(current)
        if heading is not None and (heading != style or content_seen):
            return None
        if heading is None:
            content_seen = True
        if len(current) <= _MAX_VALUE_LINE_CHARS and any(holds(current, k) for k in missing):
            before = text[previous.start : previous.end]
            if previous != label and _is_header(before):
                return _Span(previous.start, end)
            return span
        position, previous = end + 1, span
    return None


def _lines_above(text: str, start: int, count: int) -> list[tuple[int, str]]:
    """The `count` lines before the one starting at `start`, nearest first, with their offsets."""
    found: list[tuple[int, str]] = []
    end = start - 1
    while end > 0 and len(found) < count:
        begin = text.rfind("\n", 0, end) + 1
        found.append((begin, text[begin:end]))
        end = begin - 1
    return found


def _item_key(line: str) -> str | None:
    """A short numbered item line with its number blanked ("制度2" -> "制度#"), to tell the next item of a list."""
    if len(line) > _MAX_ITEM_KEY_CHARS or not re.search(r"\d", line):
        return None
    return re.sub(r"\d+", "#", line.strip())


def _run_above(lines: list[str], index: int) -> list[str]:
    """The lines of the numbered run a heading line belongs to, above it: "③所在地…" belongs to the record that
    "①会社名川崎未来エナジー株式会社" names."""
    style = _style(lines[index])
    if style is None:
        return []
    start = index
    while start > 0 and index - start < _MAX_RUN and _style(lines[start - 1]) == style:
        start -= 1
    return lines[start:index]


def _style(line: str) -> str | None:
    """Which numbering a heading line uses, None for a line that is no heading."""
    found = _HEADING.match(line)
    if found is None:
        return None
    return next(str(i) for i, group in enumerate(found.groups()) if group)


def _is_header(line: str) -> bool:
    """A table's header row: short column names, no figures ("期日会場内容", "市内県内県外計")."""
    return 0 < len(line) <= _MAX_HEADER_CHARS and not re.search(r"\d", line) and _style(line) is None


def _holds_all(text: str, kinds: tuple[ValueKind, ...]) -> bool:
    return all(holds(text, k) for k in kinds)
