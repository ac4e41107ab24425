"""The LCEL chain: question + history -> standalone query -> hybrid retrieval -> answer -> citations.

Each step is a runnable over one state dict, so a step can be swapped (an LLM answerer for the extractive one)
or run alone in a test.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from assistant.abbreviations import without_possessives, written_in_capitals
from assistant.abstention import Abstention
from assistant.admissible import Admits, both
from assistant.answerable import why_unanswerable
from assistant.citations import Answer, Turn
from assistant.comparison import candidates_each, place_questions, select_each
from assistant.compose import abstention_text, answer_text, citations_for
from assistant.elsewhere import asked_elsewhere, naming, select_elsewhere
from assistant.evidence import Evidence, overlaps
from assistant.extractive import Selection, SentenceSelector, Weights
from assistant.frame import is_frame
from assistant.llm import answerer_from_settings
from assistant.nation import about_the_nation, asks_the_nations_target
from assistant.places import PlaceMatch, PlaceResolver, inside_name
from assistant.question import analyse, question_parts
from assistant.quotable import cell_items
from assistant.quoted import quoted_names
from assistant.ranking import Ranker
from assistant.rewrite import standalone_question
from assistant.schedules import ScheduleFinder
from assistant.settings import AssistantSettings
from assistant.standing import with_list_heading
from assistant.superlatives import SuperlativeFinder
from assistant.terms import comparable_terms
from assistant.topics import comparable_text, foreign_topic
from assistant.values import ValueFinder
from ingest.document import Chunk
from ingest.normalize import normalize_text
from kb.knowledge_base import KnowledgeBase
from kb.per_generation import PerGeneration
from kb.retriever import KBRetriever, document_to_hit
from kb.search import SearchFilters, SearchHit, SearchMode

_RRF_K = 60
_PLACES_IN_A_LIST = 3
_PACKED_ROW_DEPTH = 10
"""How far down a place's keyword search a passage with a packed table row is looked for."""
_RARE_TERM_WEIGHT = 1.5
"""A term this rare names a measure; commoner ones ("市", "化", "導入") are in most items of a plan."""
_MARKED_TERM_CHARS = (2, 20)
"""The lengths of a term the question sets in 「」 that is searched on its own; one character matches anything."""
_MARKED_TERM_DEPTH = 5
"""How far down a marked term's keyword search a passage holding the term is looked for."""


class QuestionRejected(ValueError):
    """A question the assistant will not process (empty or too long); the message is shown to the user."""


class Assistant:
    def __init__(
        self,
        knowledge_base: KnowledgeBase,
        mode: SearchMode = SearchMode.hybrid,
        settings: AssistantSettings | None = None,
        ranker: Ranker | None = None,
    ) -> None:
        """`ranker`: the answer-selection weights and bar, when not the settings' ranker file's (training)."""
        self.knowledge_base = knowledge_base
        self.mode = mode
        self.settings = settings or AssistantSettings()
        self._values = ValueFinder(self._term_weight, self.document_text, knowledge_base.chunk_covering)
        self._superlatives = SuperlativeFinder(self._term_weight, self)
        self._schedules = ScheduleFinder(self._term_weight, self)
        ranker = ranker or Ranker.load(self.settings.ranker_file)
        bar = self.settings.min_answer_score
        self._selector = SentenceSelector(
            idf=self._term_weight,
            similarity=knowledge_base.similarity,
            min_score=ranker.bar if bar is None else bar,
            ranker=ranker,
            max_sentences=self.settings.max_citations,
            weights=Weights(),
            documents=self,
            complete=self._complete,
            capitals=PerGeneration(knowledge_base.generation, self._written_in_capitals).get,
        )
        # None unless a language model is configured; then it rewords the evidence, verified, or the quotes stand.
        self._llm = answerer_from_settings(self.settings)
        # Building a resolver compiles a pattern of several hundred aliases; both are kept until the catalog changes.
        self._resolver = PerGeneration(
            knowledge_base.generation, lambda: PlaceResolver(knowledge_base.municipalities())
        )
        self._texts: PerGeneration[dict[str, str | None]] = PerGeneration(knowledge_base.generation, dict)
        self._wording = PerGeneration(knowledge_base.generation, self._municipalities_wording)
        self.chain: Runnable[dict[str, Any], Answer] = (
            RunnableLambda(self._prepare, name="prepare")
            | RunnableLambda(self._retrieve, name="retrieve")
            | RunnableLambda(self._answer, name="answer")
        )

    def ask(self, question: str, history: list[Turn] | None = None, filters: SearchFilters | None = None) -> Answer:
        question = question.strip()
        if not question:
            raise QuestionRejected("The question is empty.")
        if len(question) > self.settings.max_question_chars:
            raise QuestionRejected(
                f"The question is {len(question):,} characters long; please keep it under "
                f"{self.settings.max_question_chars:,}."
            )
        return self.chain.invoke({"question": question, "history": history or [], "filters": filters})

    def document_text(self, doc_id: str) -> str | None:
        """A document's text, kept until the catalog changes: a list answer reads on past its passage."""
        texts = self._texts.get()
        if doc_id not in texts:
            texts[doc_id] = self.knowledge_base.document_text(doc_id)
        return texts[doc_id]

    def chunk_covering(self, doc_id: str, start: int, end: int) -> Chunk | None:
        return self.knowledge_base.chunk_covering(doc_id, start, end)

    def _complete(
        self,
        question: str,
        chosen: tuple[Evidence, ...],
        hits: list[SearchHit],
        municipalities: tuple[str, ...],
        conversation: str,
    ) -> tuple[Evidence, ...]:
        """The chosen sentences with the value beside a label line, then with the winning row of a table when the
        question picks one by its figure ("最も多い"): that row answers it, whatever the label lines say; and the rows
        of the meeting table a question asks the date or venue of."""
        chosen = self._values.complete(question, chosen, hits, municipalities)
        chosen = with_list_heading(question, chosen)
        chosen = self._superlatives.complete(question, chosen, hits, municipalities, conversation)
        return self._schedules.complete(question, chosen, hits, municipalities)

    def candidates(self, question: str, history: list[Turn] | None = None, *, depth: int) -> list[list[Evidence]]:
        """Each ranking of scored quotes the answer is chosen from, with their signals (`climate-kb
        train-ranker`): one, or one per municipality when the question compares several; none for a question
        about how a place appears elsewhere. `depth`: how many quotes each ranking keeps."""
        state = self._retrieve(self._prepare({"question": question, "history": history or [], "filters": None}))
        if state["place_questions"]:
            return candidates_each(self._selector, state["place_questions"], state["hits"], state["lang"], depth)
        if state["elsewhere"] is not None:
            return []
        scope, admits = self._scope(state["places"])
        found = self._selector.candidates(
            state["facts"], state["focus_text"], state["hits"], scope, state["conversation"], admits, depth
        )
        return [found]

    def _scope(self, places: PlaceMatch) -> tuple[tuple[str, ...], Admits | None]:
        """The municipalities evidence may come from, and, for a place the knowledge base does not cover, which
        sentences may be evidence at all: 東京都's forest area quoted in the 23 wards' report is in the documents,
        横浜市's target is not, and another city's figure is never an answer about it."""
        if places.covered:
            return places.covered, None
        return places.uncovered, self._about(places.uncovered) if places.uncovered else None

    def _about(self, uncovered: tuple[str, ...]) -> Admits:
        """Whether a sentence is about a place the knowledge base does not cover: it names it, and not as one of a
        list of places ("九都県市(埼玉県、千葉県、…、相模原市、川崎市)" says nothing about 相模原市)."""
        resolver = self._resolver.get()

        def about(sentence: str) -> bool:
            names = {n for m in resolver.mentions(normalize_text(sentence)) for n in m.names}
            return any(u in names for u in uncovered) and len(names) < _PLACES_IN_A_LIST

        return about

    def _municipalities_wording(self) -> dict[str, str]:
        """Each municipality's documents as one comparable text: a topic none of them writes is no topic of its."""
        texts: dict[str, list[str]] = {}
        for document in self.knowledge_base.documents():
            text = self.document_text(document.meta.doc_id)
            if text and document.meta.municipality:
                texts.setdefault(document.meta.municipality, []).append(comparable_text(text))
        return {place: "\n".join(parts) for place, parts in texts.items()}

    def _written_in_capitals(self) -> frozenset[str]:
        return written_in_capitals(
            text for d in self.knowledge_base.documents() if (text := self.document_text(d.meta.doc_id))
        )

    def _term_weight(self, token: str) -> float:
        if is_frame(token):
            return 0.0  # "本当", "やっ": how the question is asked, which no quote need hold
        rarity = self.knowledge_base.term_rarity(token)
        if rarity is not None:
            return rarity
        # A term no passage has: English words cannot match Japanese text, so they carry no weight; a
        # Japanese term the documents never use counts fully, which is what makes an off-topic question abstain.
        return 0.0 if token.isascii() else 3.0

    def _prepare(self, state: dict[str, Any]) -> dict[str, Any]:
        started = time.perf_counter()
        lang = analyse(state["question"]).lang
        # "かわさきしんようきんこ" is asked about as 川崎信用金庫: every step after this reads the documents' spelling.
        question = self.knowledge_base.documents_spelling(state["question"]) if lang == "ja" else state["question"]
        resolver = self._resolver.get()
        rewrite = standalone_question(question, state["history"], resolver)
        standalone = rewrite.search
        # The question's language, whatever an earlier turn its focus quotes is written in.
        facts = analyse(rewrite.focus, lang)
        places = resolver.resolve(standalone)
        filters: SearchFilters | None = state["filters"]
        if filters is not None and filters.municipality and filters.municipality not in places.covered:
            places = type(places)(covered=(filters.municipality, *places.covered), uncovered=places.uncovered)
        search_text, focus_text, conversation = standalone, rewrite.focus, rewrite.earlier_answer
        parts: tuple[str, ...] = ()
        if lang == "en":
            search_text = self._in_japanese_too(standalone, places.covered)
            focus_text = self._in_japanese_too(rewrite.focus, places.covered)
            conversation = self._in_japanese_too(conversation, ())
            # Each part of an English question searches its own words' Japanese: the whole question's would make
            # "…, and when did it start operating?" look for the capital too.
            parts = tuple(self._in_japanese_too(p, places.covered) for p in question_parts(rewrite.focus))
        normalized = normalize_text(focus_text)
        comparison = place_questions(normalized, resolver.mentions(normalized), places.covered)
        return {
            **state,
            "started": started,
            "lang": lang,
            "asked": question,
            "facts": facts,
            "places": places,
            "standalone": standalone,
            "search_text": search_text,
            "focus_text": focus_text,
            "conversation": conversation,
            "parts": parts,
            "place_questions": () if filters is not None and filters.municipality else comparison,
            "elsewhere": None
            if filters is not None and filters.municipality
            else asked_elsewhere(normalized, places.covered),
            "foreign_topic": None
            if lang != "ja"
            else foreign_topic(normalized, resolver.mentions(normalized), places.covered, self._wording.get()),
        }

    def _in_japanese_too(self, english: str, places: tuple[str, ...]) -> str:
        """An English text with the Japanese words its passages use: the municipalities the resolver found
        (its gazetteer and group names included), then the knowledge base's own wording for the rest."""
        words = dict.fromkeys([*places, *self.knowledge_base.japanese_wording(english)])
        return " ".join([without_possessives(english), *words]).strip()

    def _retrieve(self, state: dict[str, Any]) -> dict[str, Any]:
        started = time.perf_counter()
        base = state["filters"] or SearchFilters()
        # A comparison searches each municipality with the question as asked of it (the searches of the whole
        # question would add nothing but another query to embed), and each keeps a fair share of the passages:
        # one city's many good matches must not crowd out the other's answer.
        own = {q.municipality: q.search_text for q in state["place_questions"]}
        queries = [] if own else [(state["search_text"], base)]
        if state["standalone"] != state["asked"]:
            queries.append((state["asked"], base))
        general = len(queries)
        for municipality in state["places"].covered:
            if not base.municipality:
                text = own.get(municipality, state["search_text"])
                queries.append((text, base.model_copy(update={"municipality": municipality})))
        rankings = [self._search(text, filters) for text, filters in queries]
        quota = self.settings.passages // len(own) if own else 0
        hits = _fuse(rankings, self.settings.passages, reserved=rankings[general:], quota=quota)
        hits = self._with_keyword_best(queries, hits)
        hits = self._with_marked_terms(state["asked"], [f for _text, f in queries[general:] or queries[:1]], hits)
        if own:
            hits = self._with_packed_rows(queries[general:], hits)
        if state["elsewhere"] is not None:
            hits = self._with_mentions_elsewhere(state["search_text"], state["elsewhere"], hits)
        return {**state, "hits": hits, "retrieve_ms": (time.perf_counter() - started) * 1000}

    def _with_keyword_best(self, queries: list[tuple[str, SearchFilters]], hits: list[SearchHit]) -> list[SearchHit]:
        """The passages with, after them, each search's best keyword match they lack. A table row packing many
        items into one cell ("① 公共施設への… ⑧ 廃棄物焼却施設等の長寿命化・省CO2化 ⑩ 公用車の電動化…") holds
        the asked words, but its embedding is the blur of all its items: the dense side ranks it nowhere, and
        rank fusion drops the passage the words single out."""
        return self._with_keyword_matches(queries, hits, 1, lambda _text, _filters: lambda _chunk: True)

    def _with_marked_terms(self, asked: str, scopes: list[SearchFilters], hits: list[SearchHit]) -> list[SearchHit]:
        """The passages with, after them, the best keyword match holding each term the question sets in 「」
        that none of them holds, searched on its own in each scope (each asked place, or the whole question's).
        The user marks the word the answer is about (「自己託送」); the rest of the question (さいたま市, 戦略)
        pulls both sides of the search towards passages about the place, so the one passage holding the rare term
        ranks below the few that are used."""
        quoted = quoted_names(normalize_text(asked), *_MARKED_TERM_CHARS)
        if not quoted:
            return hits
        held = comparable_text("\n".join(h.chunk.text for h in hits))
        marked = [(term, filters) for term in quoted if comparable_text(term) not in held for filters in scopes]
        return self._with_keyword_matches(marked, hits, _MARKED_TERM_DEPTH, _holds_term)

    def _with_packed_rows(self, queries: list[tuple[str, SearchFilters]], hits: list[SearchHit]) -> list[SearchHit]:
        """The passages with, after them, each place's best keyword match holding a packed table row one of whose
        items names a rare word of the place's question ("⑩ 公用車の電動化・利用最適化の推進" for "公用車"). A
        comparison asks each place about one measure; a plan lists its measures as items of one cell, which neither
        the dense side nor the keyword side's best match of the whole question's words ranks among its few
        passages. The place's name is left out of these searches: the search keeps to its passages already, and
        the name would rank first those that name the place (its plan's title, its history) over its measures."""

        def names_a_rare_word(text: str, filters: SearchFilters) -> Callable[[Chunk], bool]:
            rare = {t for t in comparable_terms(text) if len(t) > 1 and self._term_weight(t) >= _RARE_TERM_WEIGHT}
            if filters.municipality:
                rare -= set(comparable_terms(filters.municipality))
            return lambda chunk: _item_names(chunk.text, rare)

        unnamed = [(self._without_place_mentions(text), filters) for text, filters in queries]
        return self._with_keyword_matches(unnamed, hits, _PACKED_ROW_DEPTH, names_a_rare_word)

    def _without_place_mentions(self, text: str) -> str:
        """A keyword search text with every place mention the resolver finds cut out (a likeness and a group too),
        so the name does not rank first the passages that name the place; but not out of a coined name
        ("CC川崎エコ会議"). Not rewrite's `_without_asked_places`, which keeps a likeness in a question's topic."""
        mentions = self._resolver.get().mentions(text)
        for mention in reversed(mentions):
            if not inside_name(text, mention.start, mention.end):
                text = text[: mention.start] + text[mention.end :]
        return text

    def _with_keyword_matches(
        self,
        queries: list[tuple[str, SearchFilters]],
        hits: list[SearchHit],
        depth: int,
        wanted: Callable[[str, SearchFilters], Callable[[Chunk], bool]],
    ) -> list[SearchHit]:
        """The passages with, after them, each search's first passage they lack among its `depth` best keyword
        matches that the search's `wanted` rule accepts."""
        known = {h.chunk.chunk_id for h in hits}
        extra: list[SearchHit] = []
        for text, filters in queries:
            accepts = wanted(text, filters)
            for hit in self.knowledge_base.search(text, depth, filters, SearchMode.keyword):
                if hit.chunk.chunk_id not in known and accepts(hit.chunk):
                    known.add(hit.chunk.chunk_id)
                    extra.append(hit)
                    break
        return [*hits, *(h.model_copy(update={"rank": len(hits) + n}) for n, h in enumerate(extra, 1))]

    def _with_mentions_elsewhere(self, text: str, place: str, hits: list[SearchHit]) -> list[SearchHit]:
        """The passages with, after them, the best passage of each other municipality's documents that names the
        place: a question about how it appears elsewhere is answered there, not in its own documents."""
        known = {h.chunk.chunk_id for h in hits}
        extra: list[SearchHit] = []
        for municipality in sorted(self.knowledge_base.municipalities() - {place}):
            found = naming(self._search(text, SearchFilters(municipality=municipality)), place)
            extra.extend(h for h in found[:1] if h.chunk.chunk_id not in known)
        return [*hits, *(h.model_copy(update={"rank": len(hits) + n}) for n, h in enumerate(extra, 1))]

    def _search(self, text: str, filters: SearchFilters) -> list[SearchHit]:
        retriever = KBRetriever(
            knowledge_base=self.knowledge_base, k=self.settings.passages, filters=filters, mode=self.mode
        )
        return [document_to_hit(d) for d in retriever.invoke(text)]

    def _answer(self, state: dict[str, Any]) -> Answer:
        started = time.perf_counter()
        facts, places, hits = state["facts"], state["places"], state["hits"]
        lang = state["lang"]
        scope, admits = self._scope(places)
        if state["place_questions"] and state["foreign_topic"] is not None:
            # Each side would clear a part's bar with its best sentences, on the topic or not; the topic none of
            # the compared places writes leaves every side with sentences about something else.
            selection = Selection((), 0.0, Abstention.foreign_topic)
        elif state["place_questions"]:
            selection = select_each(
                self._selector,
                state["place_questions"],
                hits,
                lang,
                self.settings.per_place,
                self.settings.comparison_side_ratio,
            )
        elif unanswerable := why_unanswerable(
            state["focus_text"], state["foreign_topic"], state["elsewhere"], (hit.chunk.text for hit in hits)
        ):
            selection = Selection((), 0.0, unanswerable)
        else:
            # A question about the nation's target is answered by the nation's line, one side of the comparison
            # the plan draws, which need only clear the bar of a part.
            nation = asks_the_nations_target(state["focus_text"])
            selection = self._selector.select(
                facts,
                state["focus_text"],
                hits,
                scope,
                part=nation,
                conversation=state["conversation"],
                admits=both(admits, about_the_nation) if nation else admits,
                parts=state["parts"],
            )
        if state["elsewhere"] is not None:
            selection = self._and_elsewhere(state["focus_text"], lang, state["elsewhere"], hits, selection)
        abstain = not selection.evidence
        answered_by = "extractive"
        if abstain:
            text, citations = abstention_text(lang, hits), []
        else:
            citations = citations_for(selection.evidence)
            text = answer_text(lang, citations, facts.figures, selection.unanswered)
            if self._llm is not None:
                evidence = [item.hit.chunk for item in selection.evidence]
                reply = self._llm.answer(state["question"], state["standalone"], lang, hits, evidence, scope)
                if reply is not None:
                    text, citations, answered_by = reply.text, reply.citations, "llm"
        finished = time.perf_counter()
        return Answer(
            question=state["question"],
            answer=text,
            abstained=abstain,
            abstention=_why_abstained(places, selection),
            lang=lang,
            citations=citations,
            retrieved=hits,
            standalone_query=state["standalone"],
            municipality=places.covered[0] if places.covered else "",
            evidence_score=round(selection.best_score, 4),
            answered_by=answered_by,
            timings_ms={
                "retrieve": round(state["retrieve_ms"], 2),
                "answer": round((finished - started) * 1000, 2),
                "total": round((finished - state["started"]) * 1000, 2),
            },
        )

    def _and_elsewhere(
        self, question: str, lang: str, place: str, hits: list[SearchHit], selection: Selection
    ) -> Selection:
        """The answer from the place's own documents, then what the others' documents say of it; the latter
        alone answers when its own documents do not."""
        found = select_elsewhere(self._selector, question, lang, place, hits, self.settings.per_place)
        found = tuple(e for e in found if not any(overlaps(e, own) for own in selection.evidence))
        if not found:
            return selection
        return Selection((*selection.evidence, *found), max(selection.best_score, self._selector.min_score))


def _why_abstained(places: PlaceMatch, selection: Selection) -> Abstention | None:
    """The check that left the answer without evidence, or None when it has some. A question only about places
    the knowledge base does not cover is abstained on for that, whichever check ruled out the sentences naming
    them; evidence emptied after scoring (each quote found was ruled out) had none admissible."""
    if selection.evidence:
        return None
    if places.uncovered and not places.covered:
        return Abstention.uncovered_place
    return selection.abstention or Abstention.no_admissible_quote


def _holds_term(term: str, _filters: SearchFilters) -> Callable[[Chunk], bool]:
    """Whether a passage holds the term, in any of its spellings."""
    wanted = comparable_text(term)
    return lambda chunk: wanted in comparable_text(chunk.text)


def _item_names(text: str, terms: set[str]) -> bool:
    """Whether one item of a packed table row of the text holds one of the terms."""
    for line in text.split("\n"):
        for start, end in cell_items(line):
            if terms & set(comparable_terms(line[start:end])):
                return True
    return False


def _fuse(
    rankings: list[list[SearchHit]], k: int, reserved: list[list[SearchHit]] | None = None, quota: int = 0
) -> list[SearchHit]:
    """Reciprocal-rank fusion of several searches (the user's words, the rewrite, the municipality filter); the
    top `quota` of each `reserved` ranking are kept whatever their fused rank."""
    if len(rankings) == 1:
        return rankings[0][:k]
    scores: dict[str, float] = {}
    by_id: dict[str, SearchHit] = {}
    for ranking in rankings:
        for rank, hit in enumerate(ranking, 1):
            chunk_id = hit.chunk.chunk_id
            scores[chunk_id] = scores.get(chunk_id, 0.0) + 1.0 / (_RRF_K + rank)
            by_id.setdefault(chunk_id, hit)
    ordered = sorted(scores, key=scores.__getitem__, reverse=True)
    kept = dict.fromkeys(h.chunk.chunk_id for ranking in reserved or [] for h in ranking[:quota])
    for chunk_id in ordered:
        if len(kept) >= k:
            break
        kept.setdefault(chunk_id)
    chosen = sorted(list(kept)[:k], key=scores.__getitem__, reverse=True)
    return [by_id[c].model_copy(update={"rank": n, "score": scores[c]}) for n, c in enumerate(chosen, 1)]
