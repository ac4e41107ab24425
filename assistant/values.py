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

from assistant.evidence import Evidence, overlaps, passage_concerns, sentence_allowed
from assistant.question import analyse, dated_otherwise, figure_unit, figures_in
from assistant.quotable import is_column_names
from assistant.terms import comparable_terms
from ingest.document import Chunk
from ingest.kana import HIRAGANA
from ingest.normalize import normalize_text
from kb.search import SearchHit


class ValueKind(StrEnum):
    date = "date"
    count = "count"
    amount = "amount"
    quantity = "quantity"
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
    (ValueKind.quantity, re.compile(r"どの(?:くらい|ぐらい|程度)|どれ(?:くらい|ぐらい|だけ)")),
    (ValueKind.place, re.compile(r"どこ(?:に|で(?!す))|所在地|本社|住所|場所|会場|where", re.I)),
    (ValueKind.person, re.compile(r"誰|だれ|どなた|トップ|会長|代表者|委員長|\bwho\b", re.I)),
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
    ValueKind.quantity: re.compile(r"\d[\d,.]*\s*(?:万|千)?\s*(?:t|トン|kW|MW|kWh|ha|m2|km|%|台|基|件|人|団体|社)"),
    ValueKind.place: re.compile(_PLACE),
    ValueKind.person: re.compile(r"[市区町村]長|知事|会長|委員長|理事長|座長|議長|代表者|代表理事|本部長|社長"),
    ValueKind.partner: re.compile(_ORGANISATION),
    ValueKind.where: re.compile(f"{_PLACE}|{_ORGANISATION}"),
}
"""What a line holding each kind of value looks like."""

_LABEL_WORDING: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"本社|本店|住所|どこにあ"), "所在地"),
    (re.compile(r"トップ|長は誰"), "会長 代表"),
    (re.compile(r"相手"), "締結先"),
)
"""How a question says it -> the label forms use ("本社はどこ", "住所は" ask for the company profile's 所在地)."""

# A heading of a numbered structure: (1) / （1）, ①, 1. / 1栃木… (not a date, a figure or a table row), 第1章.
_HEADING = re.compile(
    r"^\s*(?:(\(\d{1,2}\)|（\d{1,2}）)|([①-⑳])|(\d{1,2})(?:\.\s*|(?=[^\d\s.,%月日年:：/()-]))|(第\d+[章節]))"
)
_QUESTION_WORDS = frozenset(
    {"いつ", "どこ", "誰", "だれ", "何", "月", "日", "教え", "わかり", "分かり", "全部", "あり", "やっ", "開か", "開催"}
    | {"ます", "です"}
    # the verbs that end a premise's clause ("出資している", "構成されている"): they name no label
    | {"いる", "いた", "ある", "する", "なる"}
)
_KANA = re.compile(f"[{HIRAGANA}ァ-ン]")
"""A lone kana token ("さ" of "開催されました") is a verb's ending, not a word a label could hold. The katakana
stop at ン, not KATAKANA's ヺ: a lone ヶ is the counter of "何ヶ所", "3ヶ月", which a label may hold."""
_MAX_LABEL_CHARS = 60
_MAX_VALUE_LINE_CHARS = 200
_LOOKAHEAD_LINES = 10
_MAX_TABLE_SCAN_LINES = 80
_PHRASE_KANA = re.compile(f"(?!の)[{HIRAGANA}]")
"""Hiragana other than の: a line of prose ("…について"), not a row of column names ("協定の名称締結先締結日")."""
_ITEM_LINES_ABOVE = 3
_MAX_ITEM_KEY_CHARS = 12
_JOINED_GAP_LINES = 2
_MIN_MATCH = 0.5
_CONTEXT = 0.3
_MAX_RUN = 6
_DEPTH = 6
_MAX_QUOTES = 4
_JOINED_MAX_CHARS = 120
_CLAUSE_BREAK = re.compile(r"[、，,。？！]|[?!](?!\s)")
"""Where a question's clauses end: a premise stated in a sentence of its own ("…構成されているんですよね？"
before "何団体ですか？") is a clause that asks nothing. An English "?" followed by a space ends the question, not
a clause: the Japanese words searched for it follow."""


_FIGURES = (ValueKind.count, ValueKind.quantity, ValueKind.amount)
"""What a table's rows hold: a heading over prose ("1再生可能エネルギーの地産地消") has no table."""


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
        line matches that clause at least as well as the chosen sentences that hold such a value. A heading's table
        completes a chosen quote, so it never pushes another chosen quote (the next item of a list) out."""
        if not chosen:
            return chosen
        answer = self._with_tables(question, list(chosen), hits, municipalities)
        kept = max(len(answer), self._max_quotes)
        whole = all(asked_values(clause) for clause in _clauses(question))
        stated = _stated_units(question)
        years = analyse(question).years
        for clause, kinds in self._asks(question, municipalities):
            weights = self._weights(label_wording(clause), municipalities)
            total = sum(weights.values())
            if not total:
                continue  # no word of the clause says which label is meant

            def match(text: str, weights: dict[str, float] = weights, total: float = total) -> float:
                terms = set(comparable_terms(text))
                return sum(w for t, w in weights.items() if t in terms) / total

            found = self._best_label(hits, municipalities, kinds, match)
            answered = max((match(e.sentence) for e in answer if _holds_all(e.sentence, kinds)), default=0.0)
            if found is None or found.match < answered or self._read_on_from(found, answer):
                continue
            added = self._evidence(found, chosen[0].score, hits)
            if dated_otherwise("\n".join(e.sentence for e in added), years):
                continue  # the value, but of another year: as the selector, no answer for the year asked
            held = added[-1].sentence.rsplit("\n", 1)[-1] if added else ""
            if found.value == found.label and any(held in e.sentence or e.sentence in held for e in answer):
                continue  # the line holds its value and is quoted already
            if added:
                rest = [e for e in answer if not any(overlaps(e, a) for a in added)]
                if whole:
                    # the value found, quotes without a value of the asked kind only repeat the subject; one with a
                    # figure in the unit of the question's own ("100%出資している") corrects or confirms its premise
                    rest = [e for e in rest if any(holds(e.sentence, k) for k in kinds) or stated.search(e.sentence)]
                answer = [*added, *rest]
        return tuple(answer[:kept])

    def _asks(self, question: str, municipalities: Sequence[str]) -> list[tuple[str, tuple[ValueKind, ...]]]:
        """The clauses that ask for a value, each with the kinds it asks: "その会社の資本金と、市の出資比率は" asks the
        amount in its first clause only. A clause without a subject ("どこで開かれましたか") adds its kinds to the one
        before it, or asks about the clauses before it that ask nothing ("運営委員会は、いつ開かれましたか")."""
        asks: list[tuple[str, tuple[ValueKind, ...]]] = []
        before: list[str] = []
        for clause in _clauses(question):
            kinds = asked_values(clause)
            if not kinds:
                before.append(clause)
                continue
            subject = any(w > 0 for w in self._weights(clause, municipalities).values())
            if asks and not subject:
                previous, known = asks[-1]
                asks[-1] = (previous, tuple(dict.fromkeys([*known, *kinds])))
            elif subject:
                asks.append((clause, kinds))
            elif before:
                asks.append(("、".join([*before, clause]), kinds))
            before = []
        return asks

    def _weights(self, question: str, municipalities: Sequence[str]) -> dict[str, float]:
        """The question's subject words, weighted by rarity; the place, the question words and the figures the
        question states (its premise's "100%", which the documents may contradict) say nothing about which label
        is meant."""
        place = {t for name in municipalities for t in comparable_terms(name)}
        figures = {t for figure in figures_in(question) for t in comparable_terms(figure)}
        return {
            t: self._idf(t)
            for t in dict.fromkeys(comparable_terms(question))
            if t not in place
            and t not in figures
            and t not in _QUESTION_WORDS
            and not t.isdigit()
            and not _KANA.fullmatch(t)
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
                text = self._document_text(chunk.doc_id)
                if text is None:
                    continue
                run = _run_above(lines, index)
                line_match = match(line)
                outline = _outline_above(text, start) if _style(line) else run
                score = (1 - _CONTEXT) * line_match + _CONTEXT * match("\n".join([chunk.section, *outline, line]))
                if score < _MIN_MATCH or (best is not None and score <= best.match):
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

    def _read_on_from(self, found: _Found, answer: Sequence[Evidence]) -> bool:
        """Whether a chosen quote already reads on from the label line into the lines under it ("商業施設の再生可能
        エネルギー100%化も進んでいます" over "マルイファミリー溝口及びノクティプラザ全体で…"): those lines are the
        label's own answer, and a later line holding the asked kind of value belongs to the next topic."""
        if found.value.start <= found.label.end:
            return False
        label = (self._document_text(found.doc_id) or "")[found.label.start : found.label.end]
        return any(label in evidence.sentence.split("\n")[:-1] for evidence in answer)

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
        return self._quotes(found.doc_id, text, spans, found.rank, score, hits)

    def _quotes(
        self, doc_id: str, text: str, spans: list[_Span], rank: int, score: float, hits: Sequence[SearchHit]
    ) -> tuple[Evidence, ...]:
        """The spans as verbatim quotes, each cited to the retrieved or stored passage that holds it."""
        evidence: list[Evidence] = []
        for span in (piece for whole in spans for piece in self._pieces(doc_id, text, whole)):
            chunk = self._chunk_covering(doc_id, span.start, span.end)
            if chunk is None:
                return ()
            held = next((h for h in hits if h.chunk.chunk_id == chunk.chunk_id), None)
            hit = held or SearchHit(rank=rank, score=0.0, chunk=chunk)
            evidence.append(Evidence(hit, text[span.start : span.end], score))
        return tuple(evidence)

    def _with_tables(
        self, question: str, answer: list[Evidence], hits: Sequence[SearchHit], municipalities: Sequence[str]
    ) -> list[Evidence]:
        """Each quote that ends on a numbered heading of what the question asks about followed by the heading's
        table of figures: "(1) 会員(単位:団体)" says nothing without "市内県内県外計 / 48 8 2 58", which extraction
        put after the run of headings, maybe in another passage. Whatever the question asks: "会員は市内の団体だけ？"
        is answered by the table too; a heading the question does not name is only context."""
        subject = {t for t, w in self._weights(question, municipalities).items() if w > 0}
        completed: list[Evidence] = []
        for evidence in answer:
            completed.append(evidence)
            heading = evidence.sentence.rsplit("\n", 1)[-1]
            if not subject & set(comparable_terms(heading)):
                continue
            table = self._table_under(evidence, heading, hits)
            if table and not any(overlaps(t, e) for t in table for e in answer):
                completed.extend(table)
        return completed

    def _table_under(self, evidence: Evidence, heading: str, hits: Sequence[SearchHit]) -> tuple[Evidence, ...]:
        chunk = evidence.hit.chunk
        text = self._document_text(chunk.doc_id)
        within = evidence.start if evidence.start >= 0 else chunk.text.find(evidence.sentence)
        if text is None or within < 0:
            return ()
        start = chunk.start + within + len(evidence.sentence) - len(heading)
        label = _Span(start, start + len(heading))
        if text[label.start : label.end] != heading:
            return ()
        table = _table_in_order(text, label, list(_FIGURES))
        if table is None:
            return ()
        return self._quotes(chunk.doc_id, text, [table], evidence.hit.rank, evidence.score, hits)

    def _pieces(self, doc_id: str, text: str, span: _Span) -> list[_Span]:
        """The span as quotes that are each stored in one passage: a long table runs on over several."""
        if self._chunk_covering(doc_id, span.start, span.end) is not None:
            return [span]
        lines = [(span.start, text[span.start : text.find("\n", span.start)])]
        lines += [
            (start, line) for start, line in _lines_below(text, span.start, _MAX_TABLE_SCAN_LINES) if start < span.end
        ]
        pieces: list[_Span] = []
        for start, line in lines:
            end = min(start + len(line), span.end)
            if pieces and self._chunk_covering(doc_id, pieces[-1].start, end) is not None:
                pieces[-1] = _Span(pieces[-1].start, end)
            else:
                pieces.append(_Span(start, end))
        return pieces


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
    in_order = _table_in_order(text, label, missing)
    if in_order is not None:
        return in_order
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


def _table_in_order(text: str, label: _Span, missing: list[ValueKind]) -> _Span | None:
    """The value of the n-th heading of a run of headings that all come before their tables ("(1) 会員" "(2) 設立総会"
    "(3) 運営委員会" then "市内県内県外計 / 48 8 2 58", "期日会場内容 / 12月20日…", "期日会場内容 / 12月27日…"): the
    rows, from the n-th table's header to its last line holding the value, however far extraction put it.

    None when the label is no numbered heading or its run's first heading has a body of its own."""
    numbered = _numbered(text[label.start : label.end])
    if numbered is None:
        return None
    style, number = numbered
    above = [(label.start, text[label.start : label.end])]
    above += _lines_above(text, label.start, _MAX_TABLE_SCAN_LINES) if number > 1 else []
    first = next((start for start, line in above if _numbered(line) == (style, 1)), None)
    if first is None:
        return None
    lines = _lines_below(text, first, _MAX_TABLE_SCAN_LINES)
    if not lines or _numbered(lines[0][1]) != (style, 2):
        return None  # the first heading has a body: its table, if any, is under it
    headers = [i for i, (_, line) in enumerate(lines[:-1]) if _is_column_header(line, lines[i + 1][1])]
    if len(headers) < number:
        return None
    start = headers[number - 1]
    stop = headers[number] if number < len(headers) else min(len(lines), start + _LOOKAHEAD_LINES)
    rows = [
        (offset, line)
        for offset, line in lines[start + 1 : stop]
        if len(line) <= _MAX_VALUE_LINE_CHARS and any(holds(line, k) for k in missing)
    ]
    if not rows:
        return None
    last_start, last = rows[-1]
    return _Span(lines[start][0], last_start + len(last))


def heading_of_table(text: str, header_start: int) -> tuple[int, int] | None:
    """The span of the numbered heading whose table, in the order of a run of headings, starts with the header
    line at `header_start` ("(4) 脱炭素先行地域プロジェクト" for the fourth "期日会場内容"): extraction may put the
    table far below it, past other text. None when no heading above names this table."""
    for start, line in _lines_above(text, header_start, _MAX_TABLE_SCAN_LINES):
        if _numbered(line) is None:
            continue
        table = _table_in_order(text, _Span(start, start + len(line)), [ValueKind.date])
        if table is not None and table.start == header_start:
            return start, start + len(line)
    return None


def _numbered(line: str) -> tuple[str, int] | None:
    """A heading line's numbering style and number ("(3) 運営委員会" -> the parenthesised style, 3)."""
    style = _style(line)
    found = _HEADING.match(line)
    if style is None or found is None:
        return None
    mark = next(group for group in found.groups() if group)
    digits = re.search(r"\d+", mark)
    return style, int(digits.group()) if digits else ord(mark) - ord("①") + 1


def _is_column_header(line: str, following: str) -> bool:
    """A table's header row right over its first data row: column names (nouns, no figures, no sentence) over a
    line that starts with a figure or a date ("期日会場内容" over "12月20日(水)…")."""
    return (
        _is_header(line)
        and not line.lstrip().startswith(("(", "（"))
        and not _PHRASE_KANA.search(line)
        and following.lstrip()[:1].isdigit()
    )


def _lines_below(text: str, start: int, count: int) -> list[tuple[int, str]]:
    """The `count` lines after the one starting at `start`, in order, with their offsets."""
    found: list[tuple[int, str]] = []
    position = text.find("\n", start) + 1
    while 0 < position < len(text) and len(found) < count:
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        found.append((position, text[position:end]))
        position = end + 1
    return found


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


def _outline_above(text: str, start: int) -> list[str]:
    """The headings a heading line sits under, in the document, not only its passage: the run of its own style
    above it and the heading of another style over that run. "(2) 設立総会" is the platform's general meeting
    because "(1) 会員" and "1栃木市脱炭素促進プラットフォーム" are above it, maybe in the passage before."""
    style = _style(text[start : text.find("\n", start) if "\n" in text[start:] else len(text)])
    outline: list[str] = []
    for _, line in _lines_above(text, start, _MAX_RUN + _ITEM_LINES_ABOVE):
        above = _style(line)
        if above == style:
            outline.insert(0, line)
        elif above is not None:
            outline.insert(0, line)
            break
    return outline


def _style(line: str) -> str | None:
    """Which numbering a heading line uses, None for a line that is no heading."""
    found = _HEADING.match(line)
    if found is None:
        return None
    return next(str(i) for i, group in enumerate(found.groups()) if group)


def _is_header(line: str) -> bool:
    """A table's header row: short column names, no figures ("期日会場内容", "市内県内県外計")."""
    return bool(line) and is_column_names(line) and _style(line) is None


def _clauses(question: str) -> list[str]:
    return [clause for clause in _CLAUSE_BREAK.split(question) if clause.strip()]


def _stated_units(question: str) -> re.Pattern[str]:
    """A figure in the unit of one the question states; matches nothing when it states none."""
    units = sorted({figure_unit(f) for f in figures_in(question)} - {""})
    if not units:
        return re.compile(r"(?!)")
    return re.compile(rf"\d\s*(?:{'|'.join(map(re.escape, units))})")


def _holds_all(text: str, kinds: tuple[ValueKind, ...]) -> bool:
    return all(holds(text, k) for k in kinds)
