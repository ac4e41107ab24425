"""The offline answerer: pick the sentences of the retrieved passages that answer the question, quote them.

No language model: every word of the evidence, and so every figure, is copied from a cited passage. A sentence
is scored by named signals (the question terms it contains, weighted by rarity in the knowledge base; the
retrieval rank of its passage; whether it has the kind of content asked for, a figure, a date, an organisation;
whether it names the asked year; its similarity to the question) weighed by a ranker learned from the eval sets
(assistant.ranking). Questions about a municipality take evidence only from that municipality's documents or
from sentences naming it. When no sentence clears the ranker's calibrated bar the assistant abstains.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.abbreviations import english_weight
from assistant.abstention import Abstention
from assistant.admissible import Admits, admissible, both, in_the_asked_unit, passage_admissible
from assistant.counters import COUNTERS
from assistant.entries import entry_rest
from assistant.evidence import Evidence, overlaps, passage_concerns, requote, same_stretch, sentence_allowed, union
from assistant.headings import under_asked_heading
from assistant.labels import AskedLabel, asked_label, labelled_quotes
from assistant.lists import (
    SIGNPOST,
    DocumentSource,
    ListBlock,
    Quote,
    asked_compound,
    asked_count,
    asks_whole,
    find_blocks,
    heading_names,
    labelled_blocks,
    names_any,
    quotes,
    row_named,
    run_on,
    subject_item,
    under_item,
)
from assistant.named_lines import count_pattern, counts_asked, labelled_row, picked_first
from assistant.premises import counted_patterns, same_name
from assistant.question import (
    DOTTED_DATE,
    AnswerKind,
    QuestionFacts,
    Year,
    analyse,
    figure_unit,
    head_terms,
    named_head,
    question_parts,
    topic_phrases,
)
from assistant.quotable import (
    MAX_LABEL_CHARS,
    Unit,
    is_column_names,
    is_label,
    label_letter,
    line_end,
    quotable_units,
    row_around,
)
from assistant.ranking import Ranker
from assistant.sentences import SENTENCE_END, TERMINATOR
from assistant.subject import AskedSubject, yearly_title
from assistant.tables import column_of_total_quote, with_whole_tables
from assistant.terms import TEXTS_READ, comparable_terms
from assistant.unit_families import asked_figure
from ingest.chunk import split_sentences
from ingest.document import Chunk
from ingest.normalize import normalize_text
from ingest.tagger import tagged
from kb.search import SearchHit

_KIND_PATTERNS: dict[AnswerKind, re.Pattern[str]] = {
    AnswerKind.figure: re.compile(
        r"\d[\d,.]*\s*(?:%|万|億|千|t|トン|kW|MW|GW|kWh|ha|m2|km|件|人|名|者|台|基|社|か所|団体|区|市町村|世帯|校|店舗|倍|円)|▲|△"
        # a bare count in a table cell ("くららフェスタ2024 2000"), but not a year, date or article number
        r"|(?<![\d.,])\d[\d,]*\d(?=\s|$|の)"
        # a count after its label ("会員数:58(2024年11月現在)")
        r"|数\s*[:：]\s*\d"
        # the label of a table of counts ("会員(令和6年3月31日現在) (単位:団体)"), its figures on the lines after it
        r"|単位\s*[:：]"
    ),
    # "令和27(2045)年頃": the western year in brackets between the era year and 年
    AnswerKind.date: re.compile(
        r"(?:19|20)\d{2}\s*[)）]?\s*年|令和\s*\d+\s*年|平成\s*\d+\s*年|\d{1,2}月\d{1,2}日|\d{1,2}月"
        rf"|{DOTTED_DATE.pattern}"
    ),
    AnswerKind.organisation: re.compile(
        r"会議|協議会|委員会|センター|推進室|推進課|[^\s]{1,8}課|[^\s]{1,8}局|[^\s]{1,8}部|機構|協会|株式会社|銀行"
        r"|プラットフォーム|コンソーシアム|ネットワーク|本部|チーム"
    ),
    AnswerKind.listing: re.compile(r"[、・]|①|②|\n"),
}
_SAME_UNIT = {"トン": r"トン|t(?![a-z])", "t": r"トン|t(?![a-z])"}
"""Units written two ways: a question's "3,300トン" is the document's "330t-CO2"."""
_ASKS_AREA = re.compile(r"面積|広さ|how (?:large|big)", re.IGNORECASE)
"""A question that must be answered in area units; English "area" alone is as often a place ("leading area"), so
it only prefers them (_AREA)."""
_AREA = re.compile(rf"{_ASKS_AREA.pattern}|\barea\b", re.IGNORECASE)
_AREA_UNITS = r"ha|ヘクタール|m2|㎡|km2|平方"
_AREA_FIGURE = re.compile(rf"\d\s*(?:{_AREA_UNITS})")
_ASKS_COUNT = re.compile(r"(?:会員|参加者|団体|事業者)数")
_MEASURES: tuple[tuple[re.Pattern[str], str], ...] = (
    (_AREA, _AREA_UNITS),
    (re.compile(r"(?:吸収|排出|削減)量|absorb|absorption"), r"t-?CO2|トン|t(?![a-z])"),
)
"""A measure the question asks for -> the units its figure is given in: "面積は？" is answered by "約8ha", not by
the sentences about the same project that hold no area."""
_NAMED_UNIT = re.compile(r"(?<![\d.,A-Za-z])(?<![\d.,]\s)([kMG]Wh?)(?![A-Za-z])")
"""A unit a question names with no figure ("…, in kWh?", "何kWhですか"): the answer is the figure in it, which
tables write in any case and in brackets ("183,147,067 (KWh/年)")."""
_COUNTED_THINGS = tuple(c for c in COUNTERS if c not in {"人", "名"})
"""Counters of things, not of people (those are the people unit family's own, with the rows of a table of events)."""
_ASKS_COUNTED = re.compile(rf"何\s*({'|'.join(_COUNTED_THINGS)})")


def _counted_in(counters: str) -> re.Pattern[str]:
    """A figure counted in one of the counters: "20者", "約78万世帯", "110の企業・団体等", the label of a table of
    them ("(単位:団体)") or of its count ("会員数:58")."""
    return re.compile(
        rf"\d[\d,]*\s*(?:[万千]\s*)?(?:{counters})|\d[\d,]*\s*の[^\d。\n]{{0,12}}?(?:{counters})"
        rf"|単位\s*[:：]\s*(?:{counters})|数\s*[:：]\s*\d"
    )


_SHARE = re.compile(r"%|割合|比率|何割|パーセント|percent", re.IGNORECASE)
"""A question for a share asks no measure: "排出量を何%削減" wants the percentage, not the tonnes."""
_NOT_A_SHARE = re.compile(
    r"(?:%|割合|比率|パーセント)\s*(?:じゃ|では|で)な(?:く|い)|not (?:as )?(?:a )?(?:percent(?:age)?|share)",
    re.IGNORECASE,
)
"""A share the question declines ("パーセントじゃなくて量で"): it asks the amount, the share is the one it has."""
_REQUIRED_KINDS = (AnswerKind.figure, AnswerKind.date)
_ASKS_ZERO_TARGET = re.compile(
    r"(?:年|年度)(?:まで)?の目標(?:は|って|を)|(?:温室効果ガス|排出|CO2|削減|脱炭素|カーボン).{0,20}目標"
    r"|(?:emission|greenhouse|carbon|co2|reduction).{0,30}(?:target|goal)"
    r"|\b(?:19|20)\d{2}\s+(?:target|goal)|(?:target|goal)\s+(?:for|in)\s+(?:fy\s*)?(?:19|20)\d{2}",
    re.IGNORECASE,
)
"""A target that may be set at zero: the emissions one, or a year's target named with no measure; a target for
an amount ("再エネをどれくらい導入する目標") is a figure."""
_ZERO = r"(?:実質|排出量?)\s*ゼロ"
# A question for the department ("担当している部署は？", "課と係は？") wants an office of the administration, not any
# body: a platform or a council is no department, and "中心部" no 部.
_ASKS_OFFICE = re.compile(r"部署|部局|課(?:は|と|$)|係(?:は|$)|department|division", re.IGNORECASE)
_OFFICE = re.compile(r"課(?!題|税|金)|局|(?<![関連])係(?![るわ])|(?<![温研教])室")
# Plans set one target for the whole area and others per sector or for the city's own offices; a question that
# names no sector asks for the whole-area one.
_SECTOR = re.compile(
    r"産業|業務|家庭|運輸|市役所|区役所|庁舎|事務事業|公共施設|廃棄物|部門|sector|office|industr", re.IGNORECASE
)
_WHOLE_AREA = re.compile(r"市域|区域|全体")
_MIN_NEW_TERMS_SHARE = 0.25
_MIN_TITLE_CHARS = 8
_MAX_CONTEXT_CHARS = 240
_NO_HEADER = re.compile(r"[①-⑳、,:：()（）・]")
"""What column names run together never hold besides a figure (quotable.is_column_names): an item mark, a clause
or a note ("自治体 : 川崎市(…)")."""
_YEAR_ROW = re.compile(r"(?:(?:19|20)\d{2}\s+)+(?:19|20)\d{2}")
_BODY = re.compile(
    r"[^\s、。「」『』()\[\]【】,.:のはがをにでとへやも]{1,20}?"
    r"(?:会議|協議会|委員会|センター|プラットフォーム|コンソーシアム|推進本部)"
)
_CLAUSE_ENDS = frozenset({"動詞", "助動詞", "形容詞"})
"""The words a clause describing a noun ends in ("立ち上げ た 協議会"): a name holds none of them."""
_YEAR_CELL = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_FIGURE_CELL = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d+\.\d+|(?<![\d.,])\d{2,}(?![\d.,])")
_MIN_YEAR_COLUMNS = 3
_MAX_HEADER_LABEL_CHARS = 8
"""A row header beside the years ("年次目指す方向 2022 2023 …")."""


_BEYOND_EARLIER = re.compile(r"それでも|それ以外|そのほか|その他に|ほかに|他に")
"""A follow-up that asks past the earlier answer ("それでも2050年に残ってしまう排出は"): that answer is its premise."""
_RESTATED_SHARE = 0.6
_ASKS_AHEAD = re.compile(r"今後|これから|この先|\bin the future\b|\bgoing forward\b|\bfrom now on\b", re.IGNORECASE)
"""A follow-up about what the earlier answer's subject will do next ("その会議、今後はどうしていく？"): plans write
that in the sentence after their description of it ("…を進めています。今後も、…に取り組んでいきます。")."""
_SAYS_EARLIER = 0.3
"""The share of the earlier answer's term weight a sentence holds when it is where that answer was said."""


@dataclass(frozen=True)
class Weights:
    """The selector's depths, ratios and list scoring, chosen on evals/sets/dev.jsonl; a quote's own score is the
    ranker's (assistant.ranking), whose weights are learned."""

    list_retrieval: float = 0.25
    part_rerank_depth: int = 4
    part_ratio: float = 0.8
    extra_list_sentences: int = 2
    head: float = 2.0
    rerank_depth: int = 16
    companion_ratio: float = 0.6
    list_depth: int = 8
    list_intro: float = 1.0
    list_items: float = 0.5
    list_count: float = 0.5
    list_min: float = 0.55
    list_label: float = 0.5
    headed_ratio: float = 0.85
    """A quote under a heading naming the asked noun goes first when it scores this share of a best quote that
    names it nowhere (h16-list-02's 効果 row scored .88 of the 概要 row)."""


TermWeight = Callable[[str], float]
"""How much a question term counts in matching a quote (its rarity in the knowledge base, or 0)."""


@dataclass(frozen=True)
class Asking:
    """One question as the selector weighs quotes for it, read once: what it asks, the text it searched with, the
    municipalities it is about, the earlier answer a follow-up points into (`conversation`), and which sentences
    may be evidence at all (`admits`: the caller's rule and the question's own, assistant.admissible), and how much
    each of its terms weighs (`weight`: its language's rule, assistant.abbreviations)."""

    facts: QuestionFacts
    search_text: str
    municipalities: tuple[str, ...]
    conversation: str
    admits: Admits | None
    weight: TermWeight

    @classmethod
    def of(
        cls,
        facts: QuestionFacts,
        search_text: str,
        municipalities: tuple[str, ...],
        weight: TermWeight,
        conversation: str = "",
        admits: Admits | None = None,
    ) -> Asking:
        return cls(facts, search_text, municipalities, conversation, both(admits, admissible(facts)), weight)

    def part(self, text: str) -> Asking:
        """One part of a question in parts, asked on its own under the whole question's admission rules and in
        its language: an English question's part, written with its Japanese words, reads as Japanese."""
        facts = analyse(text, self.facts.lang)
        return Asking(facts, text, self.municipalities, "", self.admits, self.weight)


@dataclass(frozen=True)
class Selection:
    """The chosen evidence, best first; empty when the assistant should abstain."""

    evidence: tuple[Evidence, ...]
    best_score: float
    abstention: Abstention | None = None
    """Why the evidence is empty, when the selector knows; the chain names the other reasons."""
    unanswered: tuple[str, ...] = ()
    """The municipalities of an answered comparison whose own passages answer nothing, so the answer can say so
    instead of leaving them out unremarked."""
    answering: tuple[Evidence, ...] = ()
    """The quote each part of a question in parts is answered by: a cap on the quotes (one municipality's of a
    comparison) keeps these, else it drops what the last part asked."""


Similarity = Callable[[str, list[str]], list[float]]
"""Cosine similarity of a question to each of several texts (the knowledge base's embedding model)."""
Completion = Callable[[str, tuple[Evidence, ...], list[SearchHit], tuple[str, ...], str], tuple[Evidence, ...]]
"""Adds what the chosen sentences lack (the value beside a label line, assistant.values) to the evidence; its last
argument is the earlier answer of a follow-up."""


class SentenceSelector:
    def __init__(
        self,
        idf: TermWeight,
        similarity: Similarity | None,
        min_score: float,
        max_sentences: int,
        weights: Weights,
        documents: DocumentSource | None = None,
        complete: Completion | None = None,
        ranker: Ranker | None = None,
        capitals: Callable[[], frozenset[str]] | None = None,
    ) -> None:
        """`idf`: a term's weight in a Japanese question. `capitals`: the Latin words the documents write in
        capitals, the only ones an English question's terms match (assistant.abbreviations); None: its terms weigh as
        a Japanese question's."""
        self._ranker = ranker or Ranker()
        self._capitals = capitals
        self._documents = documents
        self._complete = complete
        self._idf = idf
        self._similarity = similarity
        self._min_score = min_score
        self._max_sentences = max_sentences
        self._weights = weights

    @property
    def min_score(self) -> float:
        """Below this best evidence score the whole answer abstains."""
        return self._min_score

    def select(
        self,
        facts: QuestionFacts,
        search_text: str,
        hits: list[SearchHit],
        municipalities: tuple[str, ...],
        part: bool = False,
        conversation: str = "",
        admits: Admits | None = None,
        parts: tuple[str, ...] = (),
    ) -> Selection:
        """`part`: the question is one part of an answerable whole (one municipality of a comparison), so its
        evidence needs only clear the bar of a part, as in `_answer_each_part`. `conversation`: the earlier answer
        of a follow-up, whose words name what "その…" / "それは…" points at. `admits`: which sentences may be
        evidence at all (about a place the knowledge base does not cover, only those naming it); the best
        admitted sentence is chosen, and the abstention bar applies to it. `parts`: what each part of a question in
        parts searches for, when not its clauses as written (an English question's, with their Japanese words)."""
        asking = self._asking(facts, search_text, municipalities, conversation, admits)
        scored = self._score(asking, hits)
        candidates = self._rerank(search_text, scored)
        if not candidates:
            return Selection((), 0.0, _nothing_quotable(facts, hits, municipalities))
        column = column_of_total_quote(facts, search_text, conversation, hits, municipalities)
        if column is not None:
            return Selection((column,), max(candidates[0].score, self._min_score))
        parts = parts or question_parts(search_text)
        answers = self._rank_parts(parts, hits, asking) if len(parts) > 1 else []
        # A sentence rarely answers both parts of a question, so it matches only half the whole question's terms:
        # the question is answered when a part's best sentence clears the bar of a whole question.
        best = max((candidates[0].score, *(ranked[0].score for ranked in answers if ranked)))
        if best < self._min_score * (self._weights.part_ratio if part else 1.0):
            return self._whole_list(asking, hits, best)
        chosen = self._pick(facts, candidates, municipalities)
        chosen = self._headed_first(asking, candidates, chosen)
        chosen = picked_first(search_text, facts.kind, scored, chosen)
        chosen = _without_repeats(tuple(in_context(e) for e in chosen))
        chosen = self._with_list(asking, hits, chosen)
        chosen = self._with_entry_rests(hits, chosen)
        chosen, answering = self._answer_each_part(parts, answers, chosen, asking.weight)
        chosen = _under_asked_labels(chosen, search_text)
        if self._complete is not None:
            chosen = self._complete(search_text, chosen, hits, municipalities, conversation)
        if asking.admits is not None:
            chosen = tuple(e for e in chosen if asking.admits(e.sentence))  # list items and values found beside
        return Selection(with_whole_tables(chosen), best, answering=answering)

    def _headed_first(
        self, asking: Asking, candidates: list[Evidence], chosen: tuple[Evidence, ...]
    ) -> tuple[Evidence, ...]:
        """The chosen quotes led by the row of the table whose heading names what the question asks, when the best
        quote names it nowhere (assistant.headings)."""
        headed = under_asked_heading(asking.search_text, asking.weight, candidates, self._weights.headed_ratio)
        if headed is None:
            return chosen
        return (headed, *(c for c in chosen if not overlaps(c, headed)))

    def _with_list(self, asking: Asking, hits: list[SearchHit], chosen: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
        """A list question's items after the sentence announcing them, which is mostly its best sentence; a
        question naming one labelled item ("目標3は？"), that item alone."""
        facts, search_text, municipalities = asking.facts, asking.search_text, asking.municipalities
        asked = asked_label(search_text)
        if asked is not None:
            item = self._labelled_item(asked, hits, municipalities)
            if item:
                # The item first; the chosen sentences may hold what its line lacks (the step's year).
                return (*item, *(c for c in chosen if not any(overlaps(c, i) for i in item)))
        count = asked_count(search_text)
        if count is not None and chosen and any(p.search(chosen[0].sentence) for p in counted_patterns(facts.text)):
            # "基本的施策は5つあるそうですが" answered by "7つの基本的施策を示しています": the documents' count
            count = asked_count(chosen[0].sentence) or count
        asks_list = facts.kind is AnswerKind.listing or count is not None or asks_whole(search_text)
        # Another question's best sentence that counts the list it announces ("連携協定を2本締結した") stays whole
        # and the items follow it, whatever the question's wording ("締結先は？").
        within = chosen[0].sentence if chosen and not asks_list else None
        if within is not None:
            count = asked_count(within)
        if not asks_list and count is None:
            return self._named_row(asking, hits, chosen)
        if chosen and labelled_row(search_text, chosen[:1], items=True) is not None:
            return chosen[:1]  # the row the label the question brackets heads lists the items asked
        best_sentence = chosen[0].sentence if chosen else ""
        listed, list_score = self._list_evidence(asking, count, hits, within, best_sentence)
        if not listed or list_score < self._weights.list_min:
            return self._run_on(chosen, hits)
        lead = [c for c in chosen[:1] if within is not None or not any(overlaps(c, i) for i in listed)]
        return (*lead, *_described_items(listed, chosen))

    def _run_on(self, chosen: tuple[Evidence, ...], hits: list[SearchHit]) -> tuple[Evidence, ...]:
        """Each chosen run of item lines followed by its rest when its passage cut it off: a list answer is whole."""
        known = [h.chunk for h in hits]

        def rest_of(evidence: Evidence) -> Evidence | None:
            rest = run_on(evidence.hit, evidence.start, evidence.sentence, self._documents, known)
            return None if rest is None else Evidence(rest.hit, rest.text, evidence.score)

        return _followed_by_rests(chosen, rest_of, lambda rest, quote: rest.sentence in quote.sentence)

    def _with_entry_rests(self, hits: list[SearchHit], chosen: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
        """Each chosen quote followed by the rest of the labelled entry it ends on, when its passage cut the entry
        off (assistant.entries)."""
        known = [h.chunk for h in hits]
        return _followed_by_rests(chosen, lambda evidence: entry_rest(evidence, self._documents, known), overlaps)

    def _named_row(self, asking: Asking, hits: list[SearchHit], chosen: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
        """A question bracketing the name a table row gives its items ("「次世代技術の導入・活用」って、具体的に何
        やるの？") asks what the row lists, however it is worded: the row's numbered items answer it."""
        listed, score = self._list_evidence(asking, None, hits, rows_only=True)
        if not listed or score < self._weights.list_min:
            return chosen
        return (*(c for c in chosen[:1] if not any(overlaps(c, i) for i in listed)), *listed)

    def _whole_list(self, asking: Asking, hits: list[SearchHit], best: float) -> Selection:
        """No sentence answers a question for a whole sequence ("目標はいくつあって、それぞれ何？"): its answer is a
        list whose items are short labelled lines sharing few of its words, kept when the list matches well."""
        if not asks_whole(asking.search_text):
            return Selection((), best, Abstention.below_bar)
        count = asked_count(asking.search_text)
        listed, score = self._list_evidence(asking, count, hits)
        listed = tuple(e for e in listed if asking.admits is None or asking.admits(e.sentence))
        if not listed or score < self._weights.list_min:
            return Selection((), best, Abstention.below_bar)
        return Selection(listed, max(best, self._min_score))

    def _rank_parts(self, parts: tuple[str, ...], hits: list[SearchHit], asking: Asking) -> list[list[Evidence]]:
        """Each part's best sentences, scored as a question of its own."""
        ranked = []
        for part in parts:
            scored = self._score(asking.part(part), hits)
            ranked.append(self._rerank(part, scored[: self._weights.part_rerank_depth]))
        return ranked

    def _answer_each_part(
        self, parts: tuple[str, ...], answers: list[list[Evidence]], chosen: tuple[Evidence, ...], weight: TermWeight
    ) -> tuple[tuple[Evidence, ...], tuple[Evidence, ...]]:
        """A question in parts ("いつ改定され、その推進体制の中心はどこ？") gets the best sentence for each part
        the answer does not cover yet; one sentence rarely holds both facts. When the part's best quote shares a
        line with the answer and matched the part by the lines the answer lacks, it widens the quote it overlaps in
        the same passage ("コンソーシアム(2023年9月1日創設)" above the "参画団体(22団体)" the answer quotes), or else
        the best quote that repeats nothing is added (the "④資本金1億円" of a table the answer quotes "③所在地…"
        from). Also the quote that answers each part, widened or added or already there."""
        answer = list(chosen)
        answering: list[Evidence] = []
        bar = self._min_score * self._weights.part_ratio
        for part, best_first in zip(parts, answers, strict=False):
            ranked = [e for e in best_first if e.score >= bar]
            if not ranked:
                continue
            if any(overlaps(ranked[0], c) for c in answer):
                if not self._adds_to(part, ranked[0], answer, weight):
                    answering.append(ranked[0])
                    continue
                at = next((i for i, c in enumerate(answer) if same_stretch(ranked[0], c)), None)
                if at is not None:
                    answer[at] = requote(answer[at], union(answer[at], ranked[0]))
                    answering.append(answer[at])
                    continue
            fresh = next((e for e in ranked if not any(overlaps(e, c) for c in answer)), None)
            if fresh is not None:
                answer.append(fresh)
                answering.append(fresh)
        return tuple(answer), tuple(answering)

    def _adds_to(self, part: str, best: Evidence, answer: Sequence[Evidence], weight: TermWeight) -> bool:
        """Whether the lines of the quote the answer lacks weigh more for the part than those it already quotes."""
        quoted = {line for e in answer for line in e.sentence.split("\n")}
        terms = self._query_terms(part, weight)

        def weight(lines: list[str]) -> float:
            found = set(comparable_terms("\n".join(lines)))
            return sum(w for t, w in terms.items() if t in found)

        lines = best.sentence.split("\n")
        return weight([x for x in lines if x not in quoted]) > weight([x for x in lines if x in quoted])

    def _score(self, asking: Asking, hits: list[SearchHit]) -> list[Evidence]:
        facts, search_text, municipalities = asking.facts, asking.search_text, asking.municipalities
        # The organisations the question itself names: an English question's Japanese words, run together, would
        # read as one ("栃木市 団体 会員 … プラットフォーム" normalised is no body any passage names).
        asked_bodies = _asked_bodies(facts.text)
        query_terms = self._query_terms(search_text, asking.weight)
        asked_years = {year.value: year.pattern() for year in facts.years}
        year_patterns = [*asked_years.values(), *(year.pattern() for year in facts.base_years)] if facts.years else []
        preferred_patterns = [year.pattern() for year in facts.preferred_years]
        subject = AskedSubject.of(
            facts, search_text, municipalities, asking.conversation, asking.weight, hits, year_patterns
        )
        earlier = self._conversation_terms(asking, query_terms)
        cues = _Cues.of(facts, query_terms, earlier, asking.conversation)
        kind_pattern = _kind_pattern(facts, bool(year_patterns))
        # "施策がいくつ" is answered by "5施策", which no figure pattern reads as a figure
        counting = count_pattern(search_text)
        top_score = hits[0].score if hits else 1.0
        listing = facts.kind is AnswerKind.listing
        scored: list[Evidence] = []
        kind_found: list[bool] = []
        passage_admits = passage_admissible(facts)
        in_unit = in_the_asked_unit(facts)
        for hit in hits:
            if not passage_concerns(hit.chunk, municipalities):
                continue
            if passage_admits is not None and not passage_admits(f"{hit.chunk.section}\n{hit.chunk.text}"):
                continue  # a figure of something else than the asked act's amount
            title = _flat(hit.chunk.title)
            # A yearly report ("令和5年度 事務報告") is about its year throughout: its table rows name no year.
            document_year = yearly_title(hit.chunk.title)
            heading = hit.chunk.section.strip()
            units = quotable_units(hit.chunk.text, hit.chunk.section, listing)
            after_earlier = cues.after_earlier(units)
            for unit in units:
                if municipalities and not sentence_allowed(hit, unit.text, municipalities):
                    continue
                if asking.admits is not None and not asking.admits(unit.text):
                    continue
                with_context = f"{unit.context}\n{unit.text}"
                if in_unit is not None and not in_unit(f"{heading}\n{with_context}"):
                    continue  # a figure of another measure than the unit asked names
                signals = cues.signals(unit, with_context, heading, title)
                signals["retrieval"] = hit.score / top_score
                signals["after_earlier"] = float(unit.start == after_earlier)
                signals["inverse_rank"] = 1.0 / max(hit.rank, 1)
                has_kind = kind_pattern is not None and bool(kind_pattern.search(unit.text))
                signals["kind"] = float(has_kind)
                # A list item is of the year its list's heading gives ("令和3年度に設置した…" over "③ …会議")
                dated = any(p.search(unit.text) or p.search(unit.heading) for p in year_patterns)
                if not subject.admits(unit.text, with_context, heading, hit.chunk.title, dated):
                    continue  # a quote of the year, or a date, about something else than the question asks
                if year_patterns:
                    if not dated and not any(p.search(document_year) for p in year_patterns):
                        continue  # an answer for another year is no answer
                    if dated and _only_an_empty_year_column(unit.text, asked_years):
                        continue  # the year heads a column the table has no figure in yet
                    if asked_bodies and _names_another_body(unit.text, with_context, asked_bodies):
                        continue  # the year, but another organisation's figure
                    signals["year"] = float(dated)
                else:
                    signals["year"] = float(any(p.search(unit.text) for p in preferred_patterns))
                scored.append(Evidence(hit, unit.text, self._ranker.score(signals), unit.start, signals))
                kind_found.append(has_kind or counts_asked(counting, unit.text))
        if _kind_required(facts, bool(year_patterns)) and (any(kind_found) or year_patterns or facts.ordinals):
            # "いつ" wants a date and "何%" a figure: a sentence without one talks about the subject, not the answer.
            # With a year or a term asked ("第6期"), no figure of it means the documents do not give it.
            scored = [e for e, found in zip(scored, kind_found, strict=True) if found]
        scored.sort(key=lambda e: e.score, reverse=True)
        return scored

    def _list_evidence(
        self,
        asking: Asking,
        count: int | None,
        hits: list[SearchHit],
        within: str | None = None,
        lead: str = "",
        rows_only: bool = False,
    ) -> tuple[tuple[Evidence, ...], float]:
        """The items of the list near the retrieved passages that best matches the question, and its score; with
        a sentence `within`, only a list it announces; `lead`, the best sentence, may announce one past its
        passage; `rows_only`, only a table row the question names in brackets."""
        weights = self._weights
        search_text, municipalities = asking.search_text, asking.municipalities
        query_terms = self._query_terms(search_text, asking.weight)
        total = sum(query_terms.values()) or 1.0

        def overlap(text: str) -> float:
            terms = set(comparable_terms(text))
            return sum(w for t, w in query_terms.items() if t in terms) / total

        top_score = hits[0].score if hits else 1.0
        known = [h.chunk for h in hits]
        # The line the asked-for noun labels holds the items it names; a numbered list under it is another list.
        heads = head_terms(search_text) if within is None else ()
        label = "".join(heads)
        head = heads[-1] if heads else ""
        compound = asked_compound(search_text, head)
        asked = named_head(search_text) if within is None else ()
        # A table's column read as a list answers only a question counting or asking for all of a list, or naming
        # the column: "which" makes any question a listing one ("Under which article…").
        counted = within is None and (count is not None or asks_whole(search_text))
        best: tuple[float, tuple[Evidence, ...]] = (0.0, ())
        for hit in hits[: weights.list_depth]:
            if municipalities and hit.chunk.municipality not in municipalities:
                continue
            labelled = labelled_blocks(hit, label)
            found = find_blocks(hit, self._documents, lead)
            # A line the asked noun labels is the answer; failing one, the list its heading or labels name.
            named = labelled or [b for b in found if heading_names(b, compound, head) or row_named(b, search_text)]
            for block in [*found, *labelled]:
                if within is not None and not _announces(block, within):
                    continue
                if rows_only and not row_named(block, search_text):
                    continue
                if block.column and not (counted or block in named):
                    continue
                if block.captions and not (head and head in block.item_text):
                    continue  # "どんな取組" is not answered by the captions "【蓄電池】" of a sentence sharing 取組
                if block not in named and not names_any(block, asked):
                    continue  # "Which technologies …": a list naming no technology is another list
                score = (
                    weights.list_intro * overlap(block.intro)
                    + weights.list_items * overlap(block.item_text)
                    + weights.list_retrieval * hit.score / top_score
                    + (weights.list_label if block in named else 0.0)
                )
                if count is not None:
                    score += weights.list_count if block.count == count else -weights.list_count
                if score > best[0]:
                    listed = self._list_quotes(block, search_text, known)
                    evidence = tuple(Evidence(q.hit, q.text, score) for q in listed)
                    if evidence:
                        best = (score, evidence)
        return best[1], best[0]

    def _labelled_item(
        self, asked: AskedLabel, hits: list[SearchHit], municipalities: tuple[str, ...]
    ) -> tuple[Evidence, ...]:
        """The asked item of the first labelled run near the best retrieved passages, quoted with what lies under
        it, scored at the bar: the item is what the question names, whatever words it shares. A run the passage's
        last line announces ("次の①~⑧の施策…") counts as near: the chunk was cut before the items it introduces."""
        known = [h.chunk for h in hits]
        for hit in hits[: self._weights.list_depth]:
            if municipalities and hit.chunk.municipality not in municipalities:
                continue
            last_line = hit.chunk.text.rsplit("\n", 1)[-1]
            for block in find_blocks(hit, self._documents, last_line):
                found = labelled_quotes(block, asked, self._documents, known)
                if found:
                    return tuple(Evidence(q.hit, q.text, self._min_score) for q in found)
        return ()

    def _list_quotes(self, block: ListBlock, search_text: str, known: list[Chunk]) -> list[Quote]:
        """The list's items; when the question names one of them, what the document says under that one."""
        subject = subject_item(block, search_text)
        if subject is not None:
            return under_item(block, subject, self._documents, known)
        return quotes(block, self._documents, known)

    def _asking(
        self,
        facts: QuestionFacts,
        search_text: str,
        municipalities: tuple[str, ...],
        conversation: str,
        admits: Admits | None,
    ) -> Asking:
        """The question with its language's term weight."""
        weight = self._idf
        if facts.lang == "en" and self._capitals is not None:
            weight = english_weight(self._idf, self._capitals, search_text)
        return Asking.of(facts, search_text, municipalities, weight, conversation, admits)

    def _query_terms(self, text: str, weight: TermWeight) -> dict[str, float]:
        """Each question term with its weight: rarity in the knowledge base, more for the asked head noun and the
        phrase the question is about."""
        head = {*head_terms(text), *(t for p in topic_phrases(text) for t in comparable_terms(p))}
        return {
            t: weight(t) * (self._weights.head if t in head else 1.0) for t in dict.fromkeys(comparable_terms(text))
        }

    def _conversation_terms(self, asking: Asking, query_terms: dict[str, float]) -> dict[str, float]:
        """The earlier answer's terms the question does not already have, by rarity: they tell which of the
        passages the question's "その" points into, without outweighing what the question itself asks."""
        terms = dict.fromkeys(comparable_terms(asking.conversation))
        return {t: asking.weight(t) for t in terms if t not in query_terms}

    def candidates(
        self,
        facts: QuestionFacts,
        search_text: str,
        hits: list[SearchHit],
        municipalities: tuple[str, ...],
        conversation: str = "",
        admits: Admits | None = None,
        depth: int | None = None,
    ) -> list[Evidence]:
        """The quotes the selector chooses among, best first, each with its signals: what `climate-kb
        train-ranker` learns the weights from. `depth`: how many to rerank and keep (the selector's own depth when
        None)."""
        asking = self._asking(facts, search_text, municipalities, conversation, admits)
        return self._rerank(search_text, self._score(asking, hits), depth)

    def _rerank(self, search_text: str, candidates: list[Evidence], depth: int | None = None) -> list[Evidence]:
        """Add the embedding model's judgement to the lexical one, for the few best candidates (embedding all
        would cost more than the rest of the answer); the others are dropped."""
        if self._similarity is None or not candidates:
            return candidates
        head = candidates[: depth or self._weights.rerank_depth]
        similarities = self._similarity(search_text, [e.sentence for e in head])
        reranked = [
            Evidence(
                e.hit,
                e.sentence,
                e.score + self._ranker.score({"semantic": sim}),
                e.start,
                {**e.signals, "semantic": sim},
            )
            for e, sim in zip(head, similarities, strict=True)
        ]
        return sorted(reranked, key=lambda e: e.score, reverse=True)

    def _pick(
        self, facts: QuestionFacts, candidates: list[Evidence], municipalities: tuple[str, ...]
    ) -> tuple[Evidence, ...]:
        """The best sentence, one per asked municipality when several are compared, and close runners-up."""
        chosen: list[Evidence] = [candidates[0]]
        for municipality in municipalities if len(municipalities) > 1 else ():
            if any(sentence_allowed(c.hit, c.sentence, (municipality,)) for c in chosen):
                continue
            match = next((c for c in candidates if sentence_allowed(c.hit, c.sentence, (municipality,))), None)
            if match is not None and match.score >= self._min_score and match not in chosen:
                chosen.append(match)
        threshold = candidates[0].score * self._weights.companion_ratio
        # Items of a list are spread over several lines and sentences: a list question may quote more of them.
        extra = self._weights.extra_list_sentences if facts.kind is AnswerKind.listing else 0
        limit = max(len(chosen), self._max_sentences + extra)
        for candidate in candidates[1:]:
            if len(chosen) >= limit or candidate.score < threshold:
                break
            repeated = [i for i, c in enumerate(chosen) if overlaps(candidate, c)]
            if not repeated:
                chosen.append(candidate)
            elif len(repeated) == 1 and (merged := _runner_up_merged(chosen[repeated[0]], candidate)) is not None:
                chosen[repeated[0]] = merged
        return tuple(chosen)


@dataclass(frozen=True)
class _Cues:
    """What a quote is weighed against for one question, read once and then checked in every unit."""

    query_terms: dict[str, float]
    total: float
    earlier: dict[str, float]
    earlier_total: float
    premise: set[str]
    ahead: bool
    unit_patterns: list[re.Pattern[str]]
    counted: list[re.Pattern[str]]
    day_patterns: list[re.Pattern[str]]
    known_dates: list[re.Pattern[str]]
    whole_area: bool
    asked: str
    """The question, normalised: a date it does not state is news, however much else a quote repeats of it."""
    news: re.Pattern[str] | None

    @classmethod
    def of(
        cls, facts: QuestionFacts, query_terms: dict[str, float], earlier: dict[str, float], conversation: str
    ) -> _Cues:
        units = {figure_unit(f) for f in facts.figures} - {""}
        unit_patterns = [re.compile(rf"\d\s*(?:{_SAME_UNIT.get(u, re.escape(u))})") for u in units]
        unit_patterns += [re.compile(rf"\d\s*(?:{units})") for units in _asked_measures(facts.text)]
        return cls(
            query_terms=query_terms,
            total=sum(query_terms.values()) or 1.0,
            earlier=earlier,
            earlier_total=sum(earlier.values()) or 1.0,
            premise=set(comparable_terms(conversation)) if _BEYOND_EARLIER.search(facts.text) else set(),
            ahead=bool(earlier) and _ASKS_AHEAD.search(facts.text) is not None,
            unit_patterns=unit_patterns,
            counted=counted_patterns(facts.text),
            day_patterns=[day.pattern() for day in facts.days],
            known_dates=[month.pattern() for month in facts.months] if facts.kind is AnswerKind.date else [],
            whole_area=facts.kind is AnswerKind.figure and not _SECTOR.search(facts.text),
            asked=normalize_text(facts.text),
            news=_KIND_PATTERNS[AnswerKind.date] if facts.kind is AnswerKind.date else None,
        )

    def signals(self, unit: Unit, with_context: str, heading: str, title: str) -> dict[str, float]:
        """The unit's own signals (assistant.ranking); the passage's retrieval, the kind and the year are the
        selector's to add."""
        unit_terms = comparable_terms(unit.text)
        own, from_earlier = self._overlaps(set(unit_terms))
        own_context, from_earlier_context = self._overlaps(set(comparable_terms(with_context)))
        text = unit.text
        return {
            "own_terms": own,
            "own_terms_in_context": own_context,
            "earlier_terms": from_earlier,
            "earlier_terms_in_context": from_earlier_context,
            "length": math.log1p(len(text)),
            "extra_lines": float(unit.extra_lines),
            # the passage's own heading names its subject; the answer is under it
            "echo": float(
                (_echoes(unit_terms, self.query_terms) and not self._tells_the_date(text)) or text.strip() == heading
            ),
            # "それでも…": the earlier answer is the premise, the question asks past it
            "restates": float(bool(self.premise) and _restates(unit_terms, self.premise)),
            "running_head": float(_repeats_title(text, title)),
            # "…進行管理について示しています": where the answer is, not what, nor is the heading under it
            "signpost": float(any(SIGNPOST.search(line) for line in text.split("\n"))),
            # "3本と聞きましたが": the documents' count of the same thing
            "figure_unit": float(any(p.search(text) for p in self.unit_patterns)),
            # "連携協定を3本" is corrected by "連携協定を2本締結した"
            "counted": float(any(p.search(text) for p in self.counted)),
            # the row of the day asked about, which shares no other word with it
            "day": float(any(p.search(text) for p in self.day_patterns)),
            # the date the question gives is its premise, not what it asks
            "known_date": float(any(p.search(text) for p in self.known_dates)),
            "whole_area": float(self.whole_area and bool(_WHOLE_AREA.search(text))),
        }

    def after_earlier(self, units: Sequence[Unit]) -> int:
        """Where the sentence after the passage's last one saying the earlier answer starts, for a question about
        what comes next; -1 when the question asks no such thing or the passage does not say that answer."""
        if not self.ahead:
            return -1
        said = [
            u.start + len(u.text)
            for u in units
            if not u.extra_lines and self._overlaps(set(comparable_terms(u.text)))[1] >= _SAYS_EARLIER
        ]
        if not said:
            return -1
        return min((u.start for u in units if u.start >= max(said)), default=-1)

    def _tells_the_date(self, text: str) -> bool:
        """Whether a quote gives a date the question does not state: "建築士太陽光発電設備説明制度【令和6(2024)年度
        施行】" repeats the scheme a いつ question describes, and adds the one thing asked, its year."""
        return self.news is not None and any(m.group(0) not in self.asked for m in self.news.finditer(text))

    def _overlaps(self, terms: set[str]) -> tuple[float, float]:
        """The share of the question's term weight, and of the earlier answer's, that the terms hold."""
        own = sum(w for t, w in self.query_terms.items() if t in terms) / self.total
        return own, sum(w for t, w in self.earlier.items() if t in terms) / self.earlier_total


def _kind_required(facts: QuestionFacts, dated: bool) -> bool:
    """Whether a sentence without the asked kind of answer is no answer: a date for いつ, a figure for 何% or for a
    count asked of a year."""
    return facts.kind in _REQUIRED_KINDS or _count_of_a_year(facts, dated)


def _count_of_a_year(facts: QuestionFacts, dated: bool) -> bool:
    return facts.kind is AnswerKind.general and dated and bool(_ASKS_COUNT.search(facts.text))


def _kind_pattern(facts: QuestionFacts, dated: bool) -> re.Pattern[str] | None:
    """What a sentence holding the asked kind of answer looks like: for an area ("面積はどれくらい") a figure in
    its units, since "6区が参加" is a figure but no area; for a department, an office of the administration; for a
    count asked of a year ("2022年時点の会員数は"), a figure, since a sentence of that year without one does not
    give that year's count; for a target, a figure or the zero a long-term target is set at ("2050年の…実質ゼロ")."""
    if facts.kind is AnswerKind.organisation and _ASKS_OFFICE.search(facts.text):
        return _OFFICE
    if facts.kind is AnswerKind.figure:
        figure = asked_figure(facts.text)
        if figure is not None:
            return figure
        counters = _ASKS_COUNTED.findall(normalize_text(facts.text))
        if counters:
            return _counted_in("|".join(dict.fromkeys(counters)))
        if _ASKS_AREA.search(facts.text) and not _SHARE.search(facts.text):
            return _AREA_FIGURE
        if facts.years and _ASKS_ZERO_TARGET.search(normalize_text(facts.text)):
            return _target_figure(facts.years)
    elif _count_of_a_year(facts, dated):
        return _KIND_PATTERNS[AnswerKind.figure]
    return _KIND_PATTERNS.get(facts.kind)


def _target_figure(years: tuple[Year, ...]) -> re.Pattern[str]:
    """A figure, or the zero a target for the asked year is set at ("2050年の温室効果ガス排出量実質ゼロ"); the zero
    of another year's target ("2050年…実質ゼロと2030年の目標") gives no figure for this one."""
    asked = "|".join(year.pattern().pattern for year in years)
    return re.compile(rf"{_KIND_PATTERNS[AnswerKind.figure].pattern}|(?:{asked})[^。\n]{{0,40}}?{_ZERO}")


def _asked_measures(question: str) -> list[str]:
    """The units of the measures a question asks for (its area, its tonnes of CO2, the kWh it names); none when
    it asks a share."""
    if _SHARE.search(_NOT_A_SHARE.sub("", question)):
        return []
    named = [rf"[(（]?\s*(?i:{re.escape(m.group(1))})(?![A-Za-z])" for m in _NAMED_UNIT.finditer(question)]
    return [*(units for cue, units in _MEASURES if cue.search(question)), *named]


def _announces(block: ListBlock, sentence: str) -> bool:
    """The sentence is the list's intro ("連携協定を2本締結した。")."""
    intro = block.intro.strip()
    return bool(intro) and intro in sentence


def in_context(evidence: Evidence) -> Evidence:
    """The sentence with what completes it in its passage: the next sentence of its paragraph ("…タンクに補充して
    います。" "補充した水素を利用して発電した電気を、夜間や災害時に活用しています。") and the short label line over
    it ("1月15日（月）" over a table row, "(3) 運営委員会" over its body), or for a heading quoted alone the
    sentences under it that describe it (_with_description), within a quote's budget."""
    text = evidence.hit.chunk.text
    start = evidence.start
    if start < 0 or text[start : start + len(evidence.sentence)] != evidence.sentence:
        return evidence
    row = row_around(text, start, start + len(evidence.sentence))
    if row is not None:
        return Evidence(evidence.hit, text[row[0] : row[1]], evidence.score, row[0])
    end = start + len(evidence.sentence)
    described = _with_description(text, start, end, evidence.sentence)
    if described == end and "\n" in evidence.sentence:
        # a window of lines holds its own labels, unless its last line ends with one joined to a sentence
        valued = _with_label_value(text, start, end)
        return evidence if valued == end else Evidence(evidence.hit, text[start:valued], evidence.score, start)
    end = described
    following = split_sentences(text, end, line_end(text, end))
    if following and following[0][1] - start <= _MAX_CONTEXT_CHARS:
        end = _with_label_value(text, start, following[0][1])
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == start and line_start > 0:
        label_start = text.rfind("\n", 0, line_start - 1) + 1
        label = text[label_start : line_start - 1].strip()
        fits = end - label_start <= _MAX_CONTEXT_CHARS
        if (
            label
            and len(label) <= MAX_LABEL_CHARS
            and fits
            and not _repeats_title(label, _flat(evidence.hit.chunk.title))
        ):
            start = label_start
    if (start, end) == (evidence.start, evidence.start + len(evidence.sentence)):
        return evidence
    return Evidence(evidence.hit, text[start:end].strip(), evidence.score, start)


def _with_description(text: str, start: int, end: int, quote: str) -> int:
    """Where a quote of heading lines alone ("(1) 川崎温暖化対策推進会議(CC川崎エコ会議)", "Step 3新たな浮島処理
    センターでCN実現に向けたCCUSの取組") ends with the first sentence of the prose line under it, which says what
    the heading only names (what the body does, what is set up there): a heading repeats the question's subject and
    answers nothing. The quote stays as it was when it holds a sentence, the line under it is another heading (an
    item of a list) or the sentence is over the budget."""
    if end != line_end(text, end) or end >= len(text) or TERMINATOR.search(quote):
        return end
    body_end = line_end(text, end + 1)
    if not SENTENCE_END.search(text[end + 1 : body_end]):
        return end
    first = split_sentences(text, end + 1, body_end)
    if not first or first[0][1] - start > _MAX_CONTEXT_CHARS:
        return end
    return first[0][1]


def _described_items(listed: tuple[Evidence, ...], chosen: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """A list's items, each quoted by its heading alone ("Step 3新たな浮島処理センターでCN実現に向けたCCUSの取組",
    its description too long for a list) replaced by the chosen quote holding that heading with the sentence under
    it: the ranker picked it as an answer, and the heading only names what the question asks about."""
    return tuple(_described(item, listed, chosen) for item in listed)


def _described(item: Evidence, listed: tuple[Evidence, ...], chosen: tuple[Evidence, ...]) -> Evidence:
    """The chosen quote going on from the item's heading line to a sentence, when it repeats no other item."""
    if "\n" in item.sentence or TERMINATOR.search(item.sentence):
        return item
    heading = f"{item.sentence}\n"
    for quote in chosen:
        _, found, after = quote.sentence.partition(heading)
        if not found or not TERMINATOR.search(after.split("\n", 1)[0]):
            continue
        if not any(overlaps(quote, other) for other in listed if other is not item):
            return quote
    return item


def _joined_label(line: str) -> bool:
    """The line ends with a lettered label joined to the sentence before it ("…実施しました。ア所在地及び面積"); a
    note in brackets after a sentence ("…設立しました。(2024年10月現在20者)") labels nothing under it."""
    spans = split_sentences(line)
    tail = line[spans[-1][0] :] if len(spans) > 1 else ""
    return is_label(tail) and label_letter(tail) is not None


def _with_label_value(text: str, start: int, end: int) -> int:
    """Where a quote ending with a label joined to its sentence ("…間伐を実施しました。ア所在地及び面積") ends with
    the label's value, the line under it ("檜原村南郷約8ha…"): a label alone quotes a question's words and none of
    its answer. The quote stays as it was when it ends with no such label, or that line is no value (blank, prose)
    or over the budget."""
    line_start = text.rfind("\n", 0, end) + 1
    if end != line_end(text, end) or not _joined_label(text[line_start:end]):
        return end
    value_end = line_end(text, end + 1)
    value = text[end + 1 : value_end]
    if not value.strip() or SENTENCE_END.search(value) or value_end - start > _MAX_CONTEXT_CHARS:
        return end
    return value_end


def _under_asked_labels(chosen: tuple[Evidence, ...], question: str) -> tuple[Evidence, ...]:
    """Each quote ending with a short label line the question names (the "供給サイド" of "…電力の供給サイドについて")
    read on through the short lines that label heads ("廃棄物発電", "市外再エネ電気"): the label only repeats what
    was asked, and what it heads answers it."""
    asked = set(comparable_terms(question))
    quoted = {line for e in chosen for line in e.sentence.split("\n")}
    return tuple(_read_on(e, asked, quoted) for e in chosen)


def _read_on(evidence: Evidence, asked: set[str], quoted: set[str]) -> Evidence:
    """The quote widened through the short lines under its last line when that line is a label whose every term
    the question asks; it stops at prose, at a line quoted already and at a quote's budget."""
    text, start = evidence.hit.chunk.text, evidence.start
    end = start + len(evidence.sentence)
    if start < 0 or text[start:end] != evidence.sentence or end >= len(text) or text[end] != "\n":
        return evidence
    last = evidence.sentence.rsplit("\n", 1)[-1]
    terms = set(comparable_terms(last))
    if not is_label(last) or not terms or not terms <= asked:
        return evidence
    widened = end
    while widened < len(text):
        following = line_end(text, widened + 1)
        line = text[widened + 1 : following]
        if not line.strip() or not is_label(line) or line in quoted or following - start > _MAX_CONTEXT_CHARS:
            break
        widened = following
    return evidence if widened == end else requote(evidence, (start, widened))


def _followed_by_rests(
    chosen: tuple[Evidence, ...],
    rest_of: Callable[[Evidence], Evidence | None],
    repeats: Callable[[Evidence, Evidence], bool],
) -> tuple[Evidence, ...]:
    """Each chosen quote followed by the rest its passage cut off (a list's run, a labelled entry's value), unless
    a chosen quote already holds that rest."""
    whole: list[Evidence] = []
    for evidence in chosen:
        whole.append(evidence)
        rest = rest_of(evidence)
        if rest is not None and not any(repeats(rest, quote) for quote in chosen):
            whole.append(rest)
    return tuple(whole)


def _restates(unit_terms: list[str], premise: set[str]) -> bool:
    """Whether a sentence says mostly what the earlier answer said: most of that answer's terms are in it."""
    return len(premise & set(unit_terms)) >= _RESTATED_SHARE * len(premise)


def _echoes(unit_terms: list[str], query_terms: dict[str, float]) -> bool:
    """A heading that only repeats the question ("2030年度の再生可能エネルギー導入目標") tells the reader nothing:
    the answer is the line under it."""
    terms = [t for t in unit_terms if not t.isdigit()]
    return bool(terms) and sum(t not in query_terms for t in terms) / len(terms) < _MIN_NEW_TERMS_SHARE


def _nothing_quotable(facts: QuestionFacts, hits: list[SearchHit], municipalities: tuple[str, ...]) -> Abstention:
    """Why no quote was scored: the asked year is named by no passage of the asked place (its text, heading or
    title), or the passages' quotes were all ruled out."""
    years = [year.pattern() for year in facts.years]
    own = [h.chunk for h in hits if passage_concerns(h.chunk, municipalities)]
    if years and not any(p.search(f"{c.title}\n{c.section}\n{c.text}") for c in own for p in years):
        return Abstention.asked_year_absent
    return Abstention.no_admissible_quote


def _only_an_empty_year_column(text: str, years: dict[int, re.Pattern[str]]) -> bool:
    """A table whose header row is years ("2022 2023 2024 2025 2026") and whose next row has figures for the
    first few only ("実績値31,825,490 (KWh/年) 183,147,067 (KWh/年)"), or none: a later year is named, not
    answered."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        header = [int(y) for y in _YEAR_CELL.findall(line)]
        if len(header) < _MIN_YEAR_COLUMNS or len(_YEAR_CELL.sub("", line).strip()) > _MAX_HEADER_LABEL_CHARS:
            continue
        filled = len(_FIGURE_CELL.findall(lines[index + 1])) if index + 1 < len(lines) else 0
        asked = [header.index(year) for year in years if year in header]
        if asked and all(column >= filled for column in asked):
            rest = "\n".join(lines[:index] + lines[index + 1 :])
            return not any(pattern.search(rest) for pattern in years.values())
    return False


def _bodies(text: str) -> set[str]:
    """The organisations a text names ("CC川崎エコ会議", "脱炭素アクションみぞのくち推進会議")."""
    return set(_BODY.findall(normalize_text(text)))


def _asked_bodies(text: str) -> set[str]:
    """The organisations a question names, each without the clause describing it: "立ち上げた協議会" names no
    協議会 but asks which one, so any 協議会 is the asked kind of body and only another kind (a 会議) is another."""
    return {_without_clause(body) for body in _bodies(text)}


def _without_clause(body: str) -> str:
    """A body's name after the last verb, auxiliary or adjective before it ("立ち上げた協議会" -> "協議会")."""
    words = tagged(body)
    last = max((i for i, word in enumerate(words) if word.pos1 in _CLAUSE_ENDS), default=-1)
    return "".join(word.surface for word in words[last + 1 :]) or body


def _names_another_body(sentence: str, with_context: str, asked: set[str]) -> bool:
    """A sentence naming only other organisations than the asked one, which neither it nor the line over it
    names, is about them: their member count in the asked year is not the asked body's. A sentence naming none
    is about the one the line over it names ("(1) CC川崎エコ会議" over "…110の企業・団体等が会員となっています")."""
    named = _bodies(sentence) or _bodies(with_context)
    same = any(same_name(a, n) for a in asked for n in named) or any(a in with_context for a in asked)
    return bool(named) and not same


def _repeats_title(text: str, flat_title: str) -> bool:
    """A cover page or a slide's running head repeats the document's title: it answers nothing."""
    return len(flat_title) >= _MIN_TITLE_CHARS and flat_title in _flat(text)


@lru_cache(maxsize=TEXTS_READ)
def _flat(text: str) -> str:
    """Normalised and without spaces, as a title repeated in a slide's running head is compared; cached, since
    each question reads the units of the same passages again."""
    return normalize_text(text).replace(" ", "")


def _without_repeats(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """Each line quoted once. A quote that goes on into one quoted already from above it (a heading with its
    description, _with_description: "第7節カーボンニュートラル推進課" over the sentence chosen first) widens that
    quote instead of being dropped, since the heading may be what was asked (第何節)."""
    kept: list[Evidence] = []
    for item in evidence:
        repeated = [i for i, k in enumerate(kept) if overlaps(item, k)]
        if not repeated:
            kept.append(item)
        elif len(repeated) == 1 and (widened := _merged(kept[repeated[0]], item)) is not None:
            kept[repeated[0]] = widened
    return tuple(kept)


def _runner_up_merged(chosen: Evidence, runner_up: Evidence) -> Evidence | None:
    """The chosen quote widened over a runner-up of its stretch, unless the runner-up holds the whole chosen quote:
    then it is that answer in a wider window the ranker scored lower, and its extra lines are context; merging them
    runs the quote into what follows it (the 制度1… items under "…報告書制度を規定しました。", which a list answer
    then quotes as items and drops its opening sentence for repeating them). Nor over a table's header row."""
    if _spans_over(runner_up, chosen):
        return None
    merged = _merged(chosen, runner_up)
    if merged is None or any(_is_table_header(line) for line in _added_lines(chosen, merged)):
        return None
    return merged


def _added_lines(quote: Evidence, widened: Evidence) -> list[str]:
    """The lines of `widened` the quote did not hold."""
    own = set(quote.sentence.split("\n"))
    return [line for line in widened.sentence.split("\n") if line not in own]


def _is_table_header(line: str) -> bool:
    """A table's header row, column names without a figure ("協定の名称締結先締結日") or a row of years ("2022 2023
    2024"): it heads the table quoted next, or another table under the same header, and a quote widened over it
    would make that one read as a repeat and be dropped (the 2本 of "連携協定を2本締結した", the 2023 figure)."""
    text = line.strip()
    if _YEAR_ROW.fullmatch(text):
        return True
    return is_column_names(text) and not _NO_HEADER.search(text) and not TERMINATOR.search(text)


def _spans_over(wider: Evidence, quote: Evidence) -> bool:
    """Whether `wider` starts no later and ends no earlier than `quote` in their passage."""
    return wider.start <= quote.start and quote.start + len(quote.sentence) <= wider.start + len(wider.sentence)


def _merged(quote: Evidence, other: Evidence) -> Evidence | None:
    """The quote widened over `other`, a quote sharing its stretch of one passage: what `other` adds beside the
    shared lines may be the answer ("自治体 : 川崎市(環境局・経済労働局)" under the chosen "参画団体(22団体)"), and
    dropping it as a repeat loses that. None when the two are not one stretch, the whole is over a quote's budget,
    or a line it adds repeats the document's title (a running head)."""
    if not same_stretch(quote, other):
        return None
    span = union(quote, other)
    if span[1] - span[0] > _MAX_CONTEXT_CHARS:
        return None
    widened = requote(quote, span)
    title = _flat(quote.hit.chunk.title)
    if any(_repeats_title(line, title) for line in _added_lines(quote, widened)):
        return None
    return widened
