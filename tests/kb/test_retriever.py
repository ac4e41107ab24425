from __future__ import annotations

import pytest
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import RunnableLambda

from kb.knowledge_base import KnowledgeBase, QueryTooLong
from kb.retriever import KBRetriever, document_to_hit, hit_to_document
from kb.search import SearchFilters, SearchMode

TOCHIGI_REPORT = "000_56ba6f7bcf1d8ad5"
SAITAMA_STRATEGY = "003_6d29eccc7c9bb25d"


def test_retriever_is_a_langchain_retriever_returning_ranked_documents(seeded_kb: KnowledgeBase) -> None:
    retriever = KBRetriever(knowledge_base=seeded_kb, k=3)
    assert isinstance(retriever, BaseRetriever)
    documents = retriever.invoke("栃木市脱炭素促進プラットフォームの会員は何団体ですか？")
    assert len(documents) == 3
    assert [d.metadata["rank"] for d in documents] == [1, 2, 3]
    top = documents[0]
    assert top.metadata["doc_id"] == TOCHIGI_REPORT
    assert top.metadata["municipality"] == "栃木市"
    assert {"chunk_id", "title", "page", "section", "start", "end", "index", "score"} <= set(top.metadata)
    assert "text" not in top.metadata
    assert top.id == top.metadata["chunk_id"]
    assert "プラットフォーム" in top.page_content


def test_retriever_returns_what_the_knowledge_base_search_returns(seeded_kb: KnowledgeBase) -> None:
    question = "川崎市の2030年度の温室効果ガス削減目標は？"
    documents = KBRetriever(knowledge_base=seeded_kb).invoke(question)
    hits = seeded_kb.search(question, k=5)
    assert [d.id for d in documents] == [h.chunk.chunk_id for h in hits]
    assert [d.metadata["score"] for d in documents] == [h.score for h in hits]


def test_retriever_applies_filters_and_mode(seeded_kb: KnowledgeBase) -> None:
    retriever = KBRetriever(
        knowledge_base=seeded_kb, k=4, filters=SearchFilters(municipality="さいたま市"), mode=SearchMode.dense
    )
    documents = retriever.invoke("What is the city's renewable energy target for 2050?")
    assert len(documents) == 4
    assert {d.metadata["doc_id"] for d in documents} == {SAITAMA_STRATEGY}


def test_retriever_works_inside_a_chain_and_in_batches(seeded_kb: KnowledgeBase) -> None:
    chain = KBRetriever(knowledge_base=seeded_kb, k=2) | RunnableLambda(
        lambda docs: [d.metadata["doc_id"] for d in docs]
    )
    results = chain.batch(["栃木市脱炭素促進プラットフォーム", "さいたま市ゼロカーボンシティ推進戦略"])
    assert results[0][0] == TOCHIGI_REPORT
    assert results[1][0] == SAITAMA_STRATEGY


def test_retriever_passes_the_query_length_error_on(seeded_kb: KnowledgeBase) -> None:
    with pytest.raises(QueryTooLong):
        KBRetriever(knowledge_base=seeded_kb).invoke("あ" * (seeded_kb.settings.max_query_chars + 1))


def test_document_converts_back_to_the_same_hit(seeded_kb: KnowledgeBase) -> None:
    for hit in seeded_kb.search("再生可能エネルギーの導入", k=5):
        assert document_to_hit(hit_to_document(hit)) == hit.model_copy(
            update={"keyword_rank": None, "dense_rank": None}
        )
