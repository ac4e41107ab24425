from __future__ import annotations

import gc
import os
import socket
import subprocess
import sys
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import chromadb
import numpy as np
import pytest
from chromadb.config import Settings as ChromaClientSettings
from langchain_core.embeddings import Embeddings

from ingest.document import Chunk
from kb.default_model import MODEL_DIR_NAME
from kb.knowledge_base import IngestStatus, KnowledgeBase
from kb.lazy_embeddings import LazyEmbeddings
from kb.search import SearchFilters, SearchMode
from kb.settings import KBSettings
from kb.store import VectorStore
from kb.vector_identity import EmbeddingModelMismatch, VectorIdentity

CHROMA = Path(sys.executable).parent / "chroma"


def chunks_of(small_docs: dict[str, tuple[str, str]]) -> list[Chunk]:
    return [
        Chunk(chunk_id=f"{doc_id}#0", doc_id=doc_id, index=0, text=text, start=0, end=len(text), municipality=town)
        for doc_id, (town, text) in small_docs.items()
    ]


@pytest.fixture
def store(tmp_path: Path, default_embeddings: Embeddings) -> VectorStore:
    return VectorStore(KBSettings(dir=tmp_path), default_embeddings, VectorIdentity("test-model", "passage: "))


def test_added_chunks_are_listed_and_deleted_by_id(store: VectorStore, small_docs: dict) -> None:
    batches: list[int] = []
    store.add(chunks_of(small_docs), on_batch=batches.append)
    assert store.ids() == {f"{doc_id}#0" for doc_id in small_docs}
    assert batches == [3]
    store.delete({"aoba_heat#0"})
    assert store.ids() == {"midori_solar#0", "kita_forest#0"}
    store.delete(set())
    assert len(store.ids()) == 2


def test_adding_the_same_ids_again_does_not_duplicate(store: VectorStore, small_docs: dict) -> None:
    store.add(chunks_of(small_docs))
    store.add(chunks_of(small_docs))
    assert len(store.ids()) == 3


def test_nearest_passage_comes_first_with_descending_similarity(store: VectorStore, small_docs: dict) -> None:
    store.add(chunks_of(small_docs))
    hits = store.search(store.embed_query("熱中症を防ぐために避難できる涼しい場所は？"), k=3)
    assert hits[0].chunk_id == "aoba_heat#0"
    similarities = [h.similarity for h in hits]
    assert similarities == sorted(similarities, reverse=True)
    assert all(-1.0 <= s <= 1.0 for s in similarities)


def test_filters_restrict_dense_hits(store: VectorStore, small_docs: dict) -> None:
    store.add(chunks_of(small_docs))
    vector = store.embed_query("熱中症対策")
    assert [h.chunk_id for h in store.search(vector, k=3, municipality="北山村")] == ["kita_forest#0"]
    assert [h.chunk_id for h in store.search(vector, k=3, doc_id="midori_solar")] == ["midori_solar#0"]
    assert store.search(vector, k=3, municipality="北山村", doc_id="midori_solar") == []
    assert [h.chunk_id for h in store.search(vector, k=3, municipality="北山村", doc_id="kita_forest")] == [
        "kita_forest#0"
    ]


def test_empty_collection_and_large_k_are_handled(store: VectorStore, small_docs: dict) -> None:
    vector = store.embed_query("脱炭素")
    assert store.search(vector, k=5) == []
    store.add(chunks_of(small_docs))
    assert len(store.search(vector, k=50)) == 3


def test_collection_built_with_another_model_is_refused_with_a_clear_message(
    tmp_path: Path, default_embeddings: Embeddings, small_docs: dict
) -> None:
    settings = KBSettings(dir=tmp_path, collection="plans")
    VectorStore(settings, default_embeddings, VectorIdentity("model-a", "passage: ")).add(chunks_of(small_docs))
    with pytest.raises(EmbeddingModelMismatch) as error:
        VectorStore(settings, default_embeddings, VectorIdentity("model-b", "passage: "))
    message = str(error.value)
    assert f"collection 'plans' in {tmp_path / 'chroma'}" in message
    assert "model: stored 'model-a', configured 'model-b'" in message  # what differs, and only that
    assert "prefix" not in message.split("To fix")[0]
    assert "--kb NEW_DIR" in message  # the ways out: a new knowledge base, the model back, or re-embedding
    assert "CLIMATE_KB_EMBEDDING_MODEL='model-a' back" in message
    assert f"delete {tmp_path / 'chroma'} and run `climate-kb ingest` on its documents again" in message
    # The refused open did not relabel the collection: the original model still opens it.
    assert len(VectorStore(settings, default_embeddings, VectorIdentity("model-a", "passage: ")).ids()) == 3


def test_collection_of_an_older_version_is_refused_naming_the_passage_format(
    tmp_path: Path, default_embeddings: Embeddings
) -> None:
    """Older versions recorded "model|prefix" and embedded the bare chunk text."""
    settings = KBSettings(dir=tmp_path)
    client = chromadb.PersistentClient(
        path=str(tmp_path / "chroma"), settings=ChromaClientSettings(anonymized_telemetry=False)
    )
    client.create_collection(settings.collection, metadata={"embedding_model": "model-a|passage: "})
    with pytest.raises(EmbeddingModelMismatch) as error:
        VectorStore(settings, default_embeddings, VectorIdentity("model-a", "passage: "))
    message = str(error.value)
    assert "passage format: stored 'text', this version embeds 'municipality+section'" in message
    assert "model:" not in message
    assert "CLIMATE_KB_EMBEDDING_MODEL" not in message  # no setting brings the old format back
    assert "run `climate-kb ingest` on its documents again" in message


def test_knowledge_base_refuses_a_folder_built_with_another_model_or_prefix(
    make_kb: Callable[..., KnowledgeBase],
    write_docs: Callable[..., Path],
    default_model_path: Path,
) -> None:
    knowledge_base = make_kb()
    knowledge_base.ingest([write_docs("aoba_heat")])
    folder = knowledge_base.settings.dir
    with pytest.raises(EmbeddingModelMismatch) as error:
        make_kb(dir=folder, embedding_model=str(default_model_path)).search("熱中症")
    # What built the collection, what was asked for, and that the built-in default is an empty setting.
    assert f"model: stored '{MODEL_DIR_NAME}', configured '{default_model_path}'" in str(error.value)
    assert "CLIMATE_KB_EMBEDDING_MODEL='' back" in str(error.value)
    with pytest.raises(EmbeddingModelMismatch) as error:
        make_kb(dir=folder, passage_prefix="passage> ").ingest([write_docs("kita_forest")])
    assert "passage prefix: stored 'passage: ', configured 'passage> '" in str(error.value)
    assert "CLIMATE_KB_PASSAGE_PREFIX='passage: ' back" in str(error.value)
    assert [d.meta.doc_id for d in make_kb(dir=folder).documents()] == ["aoba_heat"]  # nothing was written


def test_query_vectors_are_cached_per_store_and_bounded(
    tmp_path: Path, counting_embeddings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kb.store._QUERY_CACHE_SIZE", 2)
    first = VectorStore(KBSettings(dir=tmp_path / "a"), counting_embeddings, VectorIdentity("m", "passage: "))
    second = VectorStore(KBSettings(dir=tmp_path / "b"), counting_embeddings, VectorIdentity("m", "passage: "))
    vector = first.embed_query("脱炭素")
    assert first.embed_query("脱炭素") == vector
    assert counting_embeddings.queries == ["脱炭素"]
    second.embed_query("脱炭素")  # another store has its own cache
    assert counting_embeddings.queries == ["脱炭素"] * 2
    first.embed_query("再エネ")
    first.embed_query("省エネ")  # evicts the least recently used: 脱炭素
    first.embed_query("脱炭素")
    assert counting_embeddings.queries == ["脱炭素", "脱炭素", "再エネ", "省エネ", "脱炭素"]
    first.forget_query_vectors()
    first.embed_query("省エネ")
    assert counting_embeddings.queries[-1] == "省エネ" and len(counting_embeddings.queries) == 6


def test_similarity_embeds_each_passage_text_once_per_store_and_bounded(
    tmp_path: Path, counting_embeddings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kb.store._PASSAGE_CACHE_SIZE", 2)
    store = VectorStore(KBSettings(dir=tmp_path), counting_embeddings, VectorIdentity("m", "passage: "))
    question, texts = "再エネの導入目標は？", ["太陽光発電設備を設置する。", "森林を整備する。"]
    first = store.similarity(question, texts)
    uncached = np.asarray(counting_embeddings.inner.embed_documents(texts), dtype=np.float32) @ np.asarray(
        counting_embeddings.inner.embed_query(question), dtype=np.float32
    )
    assert first == uncached.tolist()  # the very values an uncached call gives
    assert store.similarity(question, texts) == first
    assert counting_embeddings.embedded == texts
    store.similarity("森林", [texts[1], "熱中症対策"])  # a third text evicts the least recently used: texts[0]
    store.similarity(question, texts)
    assert counting_embeddings.embedded == [*texts, "熱中症対策", texts[0]]
    store.forget_passage_vectors()
    store.similarity(question, texts[1:])
    assert counting_embeddings.embedded[-1] == texts[1]


def test_a_store_does_not_outlive_its_last_reference(tmp_path: Path, default_embeddings: Embeddings) -> None:
    """A cache on the class (functools.lru_cache on a method) would keep every store and its client alive."""
    store = VectorStore(KBSettings(dir=tmp_path), default_embeddings, VectorIdentity("m", "passage: "))
    store.embed_query("脱炭素")
    reference = weakref.ref(store)
    del store
    gc.collect()
    assert reference() is None


def test_deleting_and_listing_never_embed(tmp_path: Path, small_docs: dict, default_embeddings: Embeddings) -> None:
    loads: list[int] = []

    def load() -> Embeddings:
        loads.append(1)
        return default_embeddings

    settings = KBSettings(dir=tmp_path)
    VectorStore(settings, default_embeddings, VectorIdentity("m", "passage: ")).add(chunks_of(small_docs))
    lazy = VectorStore(settings, LazyEmbeddings(load), VectorIdentity("m", "passage: "))
    lazy.delete({"aoba_heat#0"})
    lazy.update_metadata(chunks_of(small_docs)[:1])
    assert lazy.ids() == {"midori_solar#0", "kita_forest#0"}
    assert loads == []
    assert lazy.search(lazy.embed_query("太陽光"), k=1)[0].chunk_id == "midori_solar#0"
    assert loads == [1]


# ------------------------------------------------------------------------------------------------ server mode


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A real `chroma run` on loopback with its data in a temporary folder; yields (url, data folder)."""
    data = tmp_path / "chroma-server"
    port = free_port()
    log = (tmp_path / "chroma-server.log").open("wb")
    server = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                client = chromadb.HttpClient(
                    host="127.0.0.1", port=port, settings=ChromaClientSettings(anonymized_telemetry=False)
                )
                client.heartbeat()
                break
            except Exception:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"chroma run did not answer: {(tmp_path / 'chroma-server.log').read_text()}"
                    ) from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", data
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.mark.server
def test_ingest_search_and_remove_against_a_chroma_server(
    chroma_server: tuple[str, Path],
    make_kb: Callable[..., KnowledgeBase],
    write_docs: Callable[..., Path],
    chroma_ids: Callable[[KnowledgeBase], set[str]],
) -> None:
    url, data = chroma_server
    knowledge_base = make_kb(chroma_url=url)
    results = knowledge_base.ingest([write_docs()])
    assert [r.status for r in results] == [IngestStatus.added] * 3

    assert not (knowledge_base.settings.dir / "chroma").exists()  # vectors live on the server, not in the folder
    assert data.is_dir()
    assert chroma_ids(knowledge_base) == knowledge_base._catalog.chunk_ids()

    dense = knowledge_base.search("熱中症を防ぐ涼しい避難場所", k=1, mode=SearchMode.dense)
    assert [h.chunk.doc_id for h in dense] == ["aoba_heat"]
    hybrid = knowledge_base.search("間伐", filters=SearchFilters(municipality="北山村"))
    assert [h.chunk.doc_id for h in hybrid] == ["kita_forest"]

    assert knowledge_base.remove("aoba_heat") is True
    assert chroma_ids(knowledge_base) == knowledge_base._catalog.chunk_ids()
    assert "aoba_heat" not in {h.chunk.doc_id for h in knowledge_base.search("クーリングシェルター", k=5)}

    # A second client (another process in production) sees the same collection.
    restarted = make_kb(dir=knowledge_base.settings.dir, chroma_url=url)
    statuses = {r.doc_id: r.status for r in restarted.ingest([write_docs()])}
    assert statuses == {
        "aoba_heat": IngestStatus.added,
        "kita_forest": IngestStatus.unchanged,
        "midori_solar": IngestStatus.unchanged,
    }
    assert len(chroma_ids(restarted)) == 3


def test_a_search_is_one_query_without_counting_the_collection_first(
    store: VectorStore, small_docs: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chroma itself returns fewer than k when the collection holds fewer: a count ahead of every search was a
    second call into Chroma on each question's hot path."""
    store.add(chunks_of(small_docs))
    vector = store.embed_query("脱炭素")
    expected = [h.chunk_id for h in store.search(vector, k=50)]
    monkeypatch.setattr(type(store._chroma._collection), "count", lambda self: pytest.fail("counted"))
    assert [h.chunk_id for h in store.search(vector, k=50)] == expected
    assert len(expected) == 3
