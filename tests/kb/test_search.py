from __future__ import annotations

from pathlib import Path

import pytest

from ingest.document import Chunk, DocumentMeta, PreparedDocument
from ingest.normalize import normalize_text
from kb.catalog import Catalog
from kb.keyword import KeywordHit
from kb.knowledge_base import KnowledgeBase, QueryTooLong
from kb.search import HybridSearcher, SearchFilters, SearchHit, SearchMode
from kb.store import DenseHit

KAWASAKI_PLAN = "004_71f1e8f213e95c41"
KAWASAKI_SYSTEM = "002_9b8fc3061bf01655"
TOCHIGI_REPORT = "000_56ba6f7bcf1d8ad5"
SAITAMA_STRATEGY = "003_6d29eccc7c9bb25d"


def comparable(text: str) -> str:
    return "".join(normalize_text(text).split())


def holding(hits: list[SearchHit], doc_id: str, *phrases: str) -> list[SearchHit]:
    """The hits of `doc_id` whose text contains every phrase (normalised, whitespace ignored)."""
    return [
        h for h in hits if h.chunk.doc_id == doc_id and all(comparable(p) in comparable(h.chunk.text) for p in phrases)
    ]


# ------------------------------------------------------------------------------------- realistic questions


def test_kawasaki_2030_target_question_finds_the_target_passage(seeded_kb: KnowledgeBase) -> None:
    hits = seeded_kb.search("川崎市の2030年度の温室効果ガス削減目標は？", k=5)
    assert holding(hits, KAWASAKI_PLAN, "2030年度", "▲50%削減(2013年度比)")


def test_english_question_reaches_the_japanese_target_passage(seeded_kb: KnowledgeBase) -> None:
    hits = seeded_kb.search("What is Kawasaki's greenhouse gas reduction target for 2030?", k=5)
    assert holding(hits, KAWASAKI_PLAN, "▲50%")


def test_english_question_is_answered_through_the_dense_side(seeded_kb: KnowledgeBase) -> None:
    question = "Which body coordinates Kawasaki's climate policy across departments?"
    assert not holding(seeded_kb.search(question, k=5, mode=SearchMode.keyword), KAWASAKI_SYSTEM, "総合調整会議")
    assert holding(seeded_kb.search(question, k=5), KAWASAKI_SYSTEM, "総合調整会議")
    assert holding(seeded_kb.search(question, k=5, mode=SearchMode.dense), KAWASAKI_SYSTEM, "総合調整会議")


@pytest.mark.parametrize(
    ("question", "doc_id", "phrase"),
    [
        ("栃木市が脱炭素を促進するために設置したプラットフォームは？", TOCHIGI_REPORT, "脱炭素促進プラットフォーム"),
        ("栃木市ではEV車を使ってどんな啓発をしましたか", TOCHIGI_REPORT, "デモンストレーション"),
        ("さいたま市は2050年にどんな姿を目指していますか", SAITAMA_STRATEGY, "2050"),
        ("川崎市は産業系の排出を2030年度までにどれだけ減らす目標ですか？", KAWASAKI_PLAN, "産業系目標"),
    ],
)
def test_japanese_question_finds_its_passage_in_the_top_five(
    seeded_kb: KnowledgeBase, question: str, doc_id: str, phrase: str
) -> None:
    assert holding(seeded_kb.search(question, k=5), doc_id, phrase)


def test_ranks_are_consecutive_scores_descending_and_k_respected(seeded_kb: KnowledgeBase) -> None:
    for k in (1, 3, 12):
        hits = seeded_kb.search("再生可能エネルギーの導入目標", k=k)
        assert [h.rank for h in hits] == list(range(1, k + 1))
        scores = [h.score for h in hits]
        assert scores == sorted(scores, reverse=True)
        assert len({h.chunk.chunk_id for h in hits}) == k


def test_default_k_comes_from_the_settings(seeded_kb: KnowledgeBase) -> None:
    assert len(seeded_kb.search("脱炭素")) == seeded_kb.settings.default_k


def test_hits_carry_everything_a_citation_needs(seeded_kb: KnowledgeBase) -> None:
    [hit] = seeded_kb.search("栃木市脱炭素促進プラットフォーム", k=1)
    chunk = hit.chunk
    assert chunk.doc_id == TOCHIGI_REPORT
    assert chunk.municipality == "栃木市"
    assert chunk.title == "令和5年度 事務報告 第7節 カーボンニュートラル推進課"
    assert seeded_kb.document_text(TOCHIGI_REPORT)[chunk.start : chunk.end] == chunk.text


# ------------------------------------------------------------------------------------------------- filters


@pytest.mark.parametrize("mode", list(SearchMode))
def test_municipality_filter_restricts_results_in_every_mode(seeded_kb: KnowledgeBase, mode: SearchMode) -> None:
    hits = seeded_kb.search("温室効果ガス削減目標", k=10, filters=SearchFilters(municipality="川崎市"), mode=mode)
    assert hits
    assert {h.chunk.municipality for h in hits} == {"川崎市"}
    assert {h.chunk.doc_id for h in hits} <= {KAWASAKI_PLAN, KAWASAKI_SYSTEM}


@pytest.mark.parametrize("mode", list(SearchMode))
def test_document_filter_restricts_results_in_every_mode(seeded_kb: KnowledgeBase, mode: SearchMode) -> None:
    hits = seeded_kb.search("温室効果ガス削減目標", k=10, filters=SearchFilters(doc_id=SAITAMA_STRATEGY), mode=mode)
    assert hits
    assert {h.chunk.doc_id for h in hits} == {SAITAMA_STRATEGY}


def test_filter_without_matches_returns_nothing(seeded_kb: KnowledgeBase) -> None:
    assert seeded_kb.search("削減目標", filters=SearchFilters(municipality="横浜市")) == []
    assert seeded_kb.search("削減目標", filters=SearchFilters(municipality="川崎市", doc_id=TOCHIGI_REPORT)) == []


def test_filter_finds_a_passage_that_unfiltered_search_ranks_lower(seeded_kb: KnowledgeBase) -> None:
    question = "2030年度の削減目標"
    unfiltered = seeded_kb.search(question, k=5)
    assert SAITAMA_STRATEGY not in {h.chunk.doc_id for h in unfiltered}
    filtered = seeded_kb.search(question, k=5, filters=SearchFilters(municipality="さいたま市"))
    assert {h.chunk.doc_id for h in filtered} == {SAITAMA_STRATEGY}


# --------------------------------------------------------------------------------------------------- modes


def test_keyword_mode_uses_only_bm25(seeded_kb: KnowledgeBase) -> None:
    hits = seeded_kb.search("栃木市脱炭素促進プラットフォーム", k=5, mode=SearchMode.keyword)
    assert hits[0].chunk.doc_id == TOCHIGI_REPORT
    assert all(h.keyword_rank is not None and h.dense_rank is None for h in hits)
    assert [h.keyword_rank for h in hits] == [1, 2, 3, 4, 5]


def test_keyword_mode_finds_nothing_for_words_no_passage_has(seeded_kb: KnowledgeBase) -> None:
    assert seeded_kb.search("What is the flux capacitor?", mode=SearchMode.keyword) == []


def test_english_question_reaches_bm25_through_its_japanese_terms(seeded_kb: KnowledgeBase) -> None:
    question = "How many members does Tochigi's decarbonization platform have?"
    hits = seeded_kb.search(question, k=5, mode=SearchMode.keyword)
    assert holding(hits, TOCHIGI_REPORT, "脱炭素促進プラットフォーム")
    assert {h.chunk.municipality for h in hits[:3]} == {"栃木市"}  # "Tochigi" was read as 栃木市


def test_english_question_reaches_bm25_through_a_name_the_documents_use(seeded_kb: KnowledgeBase) -> None:
    """No glossary lists 堤根: the name is read from the stored documents and searched in kanji."""
    hits = seeded_kb.search("What will be built at Tsutsumine?", k=3, mode=SearchMode.keyword)
    assert any("堤根" in h.chunk.text for h in hits)


def test_dense_mode_uses_only_vectors_and_answers_english(seeded_kb: KnowledgeBase) -> None:
    hits = seeded_kb.search("What platform did Tochigi set up to promote decarbonisation?", k=5, mode=SearchMode.dense)
    assert all(h.dense_rank is not None and h.keyword_rank is None for h in hits)
    assert [h.dense_rank for h in hits] == [1, 2, 3, 4, 5]
    assert holding(hits, TOCHIGI_REPORT, "プラットフォーム")


def test_hybrid_mode_fuses_both_rankings(seeded_kb: KnowledgeBase) -> None:
    hits = seeded_kb.search("川崎市の2030年度の温室効果ガス削減目標は？", k=5)
    assert any(h.keyword_rank is not None and h.dense_rank is not None for h in hits)
    assert seeded_kb.searcher().mode is SearchMode.hybrid


# ------------------------------------------------------------------------------------------- query length


def test_question_over_the_length_cap_raises_query_too_long(seeded_kb: KnowledgeBase) -> None:
    limit = seeded_kb.settings.max_query_chars
    with pytest.raises(QueryTooLong, match=f"{limit + 1:,} characters; the limit is {limit:,}"):
        seeded_kb.search("脱" * (limit + 1))


def test_question_at_the_length_cap_is_searched(seeded_kb: KnowledgeBase) -> None:
    limit = seeded_kb.settings.max_query_chars
    question = ("川崎市の削減目標 " * limit)[:limit]
    assert seeded_kb.search(question, k=1, mode=SearchMode.keyword)


# ------------------------------------------------------------------------------------- fusion, in isolation


class FakeKeyword:
    def __init__(self, ranking: list[str]) -> None:
        self.ranking = ranking
        self.calls: list[tuple] = []

    def search(self, query: str, k: int, municipality: str | None = None, doc_id: str | None = None):
        self.calls.append((query, k, municipality, doc_id))
        return [KeywordHit(chunk_id, 1.0) for chunk_id in self.ranking[:k]]


class FakeVectors:
    def __init__(self, ranking: list[str]) -> None:
        self.ranking = ranking
        self.calls: list[tuple] = []

    def embed_query(self, query: str) -> list[float]:
        return [0.0]

    def search(self, vector: list[float], k: int, municipality: str | None = None, doc_id: str | None = None):
        self.calls.append((k, municipality, doc_id))
        return [DenseHit(chunk_id, 0.5) for chunk_id in self.ranking[:k]]


@pytest.fixture
def catalog(tmp_path: Path):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    chunks = [
        Chunk(chunk_id=name, doc_id="d", index=i, text=name, start=0, end=1, municipality="町")
        for i, name in enumerate("abcdefgh")
    ]
    catalog.replace_document(
        PreparedDocument(meta=DocumentMeta(doc_id="d"), text="abcdefgh", content_hash="h", chunks=chunks)
    )
    yield catalog
    catalog.close()


def searcher(catalog: Catalog, keyword: list[str], dense: list[str], mode: SearchMode = SearchMode.hybrid):
    return HybridSearcher(catalog, FakeKeyword(keyword), FakeVectors(dense), candidates=30, rrf_k=60, mode=mode)  # type: ignore[arg-type]


def test_passage_both_retrievers_rank_beats_passages_only_one_ranks_first(catalog: Catalog) -> None:
    hits = searcher(catalog, ["a", "b", "c"], ["d", "b", "e"]).search("q", 5)
    assert hits[0].chunk.chunk_id == "b"
    assert (hits[0].keyword_rank, hits[0].dense_rank) == (2, 2)
    assert hits[0].score == pytest.approx(2 / 62)
    assert {h.chunk.chunk_id for h in hits[1:3]} == {"a", "d"}


def test_fused_score_is_the_sum_of_reciprocal_ranks(catalog: Catalog) -> None:
    hits = searcher(catalog, ["a", "b"], ["c", "a"]).search("q", 5)
    scores = {h.chunk.chunk_id: h.score for h in hits}
    assert scores == pytest.approx({"a": 1 / 61 + 1 / 62, "c": 1 / 61, "b": 1 / 62})


def test_dense_weight_scales_the_dense_sides_reciprocal_ranks(catalog: Catalog) -> None:
    keyword, vectors = FakeKeyword(["c", "a"]), FakeVectors(["b", "c"])
    hits = HybridSearcher(catalog, keyword, vectors, 30, 60, dense_weight=0.5).search("q", 5)  # type: ignore[arg-type]
    scores = {h.chunk.chunk_id: h.score for h in hits}
    assert scores == pytest.approx({"c": 1 / 61 + 0.5 / 62, "a": 1 / 62, "b": 0.5 / 61})
    assert [h.chunk.chunk_id for h in hits] == ["c", "a", "b"]


def test_vectors_the_catalog_does_not_list_are_dropped_and_ranks_stay_consecutive(catalog: Catalog) -> None:
    hits = searcher(catalog, ["a"], ["orphan-1", "b", "orphan-2", "c"]).search("q", 3)
    assert [h.chunk.chunk_id for h in hits] == ["a", "b", "c"]
    assert [h.rank for h in hits] == [1, 2, 3]


def test_filters_and_candidate_depth_reach_both_retrievers(catalog: Catalog) -> None:
    keyword, vectors = FakeKeyword(["a"]), FakeVectors(["b"])
    hybrid = HybridSearcher(catalog, keyword, vectors, candidates=7, rrf_k=60)  # type: ignore[arg-type]
    hybrid.search("q", 3, SearchFilters(municipality="町", doc_id="d"))
    hybrid.search("q", 20)
    assert keyword.calls == [("q", 7, "町", "d"), ("q", 20, None, None)]
    assert vectors.calls == [(7, "町", "d"), (20, None, None)]


def test_single_mode_searches_call_only_their_retriever(catalog: Catalog) -> None:
    keyword, vectors = FakeKeyword(["a"]), FakeVectors(["b"])
    HybridSearcher(catalog, keyword, vectors, 30, 60, SearchMode.keyword).search("q", 3)  # type: ignore[arg-type]
    assert (len(keyword.calls), len(vectors.calls)) == (1, 0)
    HybridSearcher(catalog, keyword, vectors, 30, 60, SearchMode.dense).search("q", 3)  # type: ignore[arg-type]
    assert (len(keyword.calls), len(vectors.calls)) == (1, 1)
