from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from ingest.document import Chunk, DocumentMeta, PreparedDocument
from kb.catalog import Catalog, StoredNames


def prepared(doc_id: str, texts: list[str], municipality: str = "川崎市", content_hash: str = "") -> PreparedDocument:
    chunks = []
    offset = 0
    for index, text in enumerate(texts):
        chunks.append(
            Chunk(
                chunk_id=f"{doc_id}-{text}",
                doc_id=doc_id,
                index=index,
                text=text,
                start=offset,
                end=offset + len(text),
                page=index + 1,
                section="第1章",
                title=f"{doc_id} の計画",
                municipality=municipality,
            )
        )
        offset += len(text) + 1
    return PreparedDocument(
        meta=DocumentMeta(
            doc_id=doc_id, title=f"{doc_id} の計画", municipality=municipality, source_file=f"{doc_id}.txt"
        ),
        text="\n".join(texts),
        content_hash=content_hash or f"hash-{doc_id}-{len(texts)}",
        chunks=chunks,
    )


@pytest.fixture
def catalog(tmp_path: Path):
    catalog = Catalog(tmp_path / "kb" / "catalog.sqlite3")
    yield catalog
    catalog.close()


def test_new_catalog_is_empty_at_generation_zero(catalog: Catalog) -> None:
    assert catalog.generation() == 0
    assert catalog.documents() == []
    assert catalog.chunk_ids() == set()
    assert catalog.content_hash("a") is None


def test_stored_document_is_listed_with_metadata_hash_and_chunk_count(catalog: Catalog) -> None:
    catalog.replace_document(prepared("a", ["一", "二", "三"], content_hash="h1"))
    [stored] = catalog.documents()
    assert stored.meta.doc_id == "a"
    assert stored.meta.municipality == "川崎市"
    assert stored.meta.source_file == "a.txt"
    assert stored.content_hash == "h1"
    assert stored.chunk_count == 3
    assert catalog.content_hash("a") == "h1"
    assert catalog.document_text("a") == "一\n二\n三"


def test_chunk_covering_finds_the_passage_that_holds_a_span_of_the_document(catalog: Catalog) -> None:
    catalog.replace_document(prepared("a", ["市域目標", "民生系目標", "産業系目標"]))
    catalog.replace_document(prepared("b", ["市域目標"]))
    text = catalog.document_text("a")
    assert text is not None
    start = text.index("民生系")
    covering = catalog.chunk_covering("a", start, start + len("民生系目標"))
    assert covering is not None
    assert (covering.doc_id, covering.text) == ("a", "民生系目標")
    assert catalog.chunk_covering("a", start, text.index("産業系") + 2) is None  # spans two chunks
    assert catalog.chunk_covering("missing", 0, 1) is None


def test_every_committed_change_increases_the_generation(catalog: Catalog) -> None:
    catalog.replace_document(prepared("a", ["一"]))
    catalog.replace_document(prepared("b", ["二"]))
    assert catalog.generation() == 2
    catalog.remove_document("a")
    assert catalog.generation() == 3


def test_replacing_a_document_swaps_all_its_chunks(catalog: Catalog) -> None:
    catalog.replace_document(prepared("a", ["古い一", "古い二"]))
    catalog.replace_document(prepared("b", ["別"]))
    catalog.replace_document(prepared("a", ["新しい一"]))
    assert catalog.chunk_ids("a") == {"a-新しい一"}
    assert catalog.chunk_ids() == {"a-新しい一", "b-別"}
    assert [d.chunk_count for d in catalog.documents()] == [1, 1]


def test_failed_replacement_keeps_the_old_version_and_generation(catalog: Catalog) -> None:
    catalog.replace_document(prepared("a", ["古い"], content_hash="old"))
    broken = prepared("a", ["同じ", "同じ"], content_hash="new")  # two chunks with one id: the insert fails
    with pytest.raises(sqlite3.IntegrityError):
        catalog.replace_document(broken)
    assert catalog.content_hash("a") == "old"
    assert catalog.chunk_ids() == {"a-古い"}
    assert catalog.generation() == 1


def test_interrupted_replacement_rolls_back(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog.replace_document(prepared("a", ["古い"], content_hash="old"))
    new = prepared("a", ["新しい"], content_hash="new")
    chunks = new.chunks

    class Interrupting(list):
        def __iter__(self):
            yield from chunks
            raise KeyboardInterrupt

    new.chunks = Interrupting(chunks)
    with pytest.raises(KeyboardInterrupt):
        catalog.replace_document(new)
    assert catalog.content_hash("a") == "old"
    assert catalog.chunk_ids() == {"a-古い"}
    # The connection is usable afterwards: no transaction was left open.
    catalog.replace_document(prepared("b", ["別"]))
    assert catalog.chunk_ids() == {"a-古い", "b-別"}


def test_removing_a_document_removes_its_chunks(catalog: Catalog) -> None:
    catalog.replace_document(prepared("a", ["一", "二"]))
    catalog.replace_document(prepared("b", ["三"]))
    assert catalog.remove_document("a") is True
    assert catalog.chunk_ids() == {"b-三"}
    assert [d.meta.doc_id for d in catalog.documents()] == ["b"]
    assert catalog.document_text("a") is None


def test_removing_an_unknown_document_returns_false(catalog: Catalog) -> None:
    catalog.replace_document(prepared("a", ["一"]))
    assert catalog.remove_document("nope") is False
    assert catalog.chunk_ids() == {"a-一"}


def test_all_chunks_come_in_document_then_position_order(catalog: Catalog) -> None:
    catalog.replace_document(prepared("b", ["b0", "b1"]))
    catalog.replace_document(prepared("a", ["a0", "a1", "a2"]))
    assert [(c.doc_id, c.index) for c in catalog.all_chunks()] == [("a", 0), ("a", 1), ("a", 2), ("b", 0), ("b", 1)]


def test_chunks_by_ids_returns_full_chunks_and_skips_unknown_ids(catalog: Catalog) -> None:
    catalog.replace_document(prepared("a", [f"文{i}" for i in range(1200)]))
    wanted = [f"a-文{i}" for i in range(0, 1200, 2)] + ["orphan-vector"]
    found = catalog.chunks_by_ids(wanted)
    assert set(found) == set(wanted) - {"orphan-vector"}  # more ids than one SQL batch of 500
    chunk = found["a-文10"]
    assert (chunk.text, chunk.index, chunk.page, chunk.section, chunk.municipality) == (
        "文10",
        10,
        11,
        "第1章",
        "川崎市",
    )


def test_catalog_persists_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    first = Catalog(path)
    first.replace_document(prepared("a", ["一", "二"], content_hash="h"))
    first.close()
    second = Catalog(path)
    assert second.content_hash("a") == "h"
    assert second.chunk_ids("a") == {"a-一", "a-二"}
    assert second.generation() == 1
    second.close()


# ---------------------------------------------------------------------------------------------- threads


class PausingChunks(list):
    """Chunks that stop half-way through the catalog's insert until the test says go on: a write in flight."""

    def __init__(self, chunks: list[Chunk], paused: threading.Event, resume: threading.Event) -> None:
        super().__init__(chunks)
        self.paused = paused
        self.resume = resume

    def __iter__(self):
        items = list(super().__iter__())
        yield from items[:1]
        self.paused.set()
        assert self.resume.wait(10)
        yield from items[1:]


def test_readers_on_other_threads_see_only_committed_state_during_a_write(catalog: Catalog) -> None:
    catalog.replace_document(prepared("a", ["古い一", "古い二"], content_hash="old"))
    paused, resume = threading.Event(), threading.Event()
    new = prepared("a", ["新一", "新二", "新三"], content_hash="new")
    new.chunks = PausingChunks(new.chunks, paused, resume)
    writer = threading.Thread(target=catalog.replace_document, args=(new,))
    writer.start()
    try:
        assert paused.wait(10)  # the writer's transaction has deleted the old rows and inserted the new document
        seen: dict[str, object] = {}

        def read() -> None:
            [document] = catalog.documents()
            seen.update(
                hash=catalog.content_hash("a"),
                count=document.chunk_count,
                ids=catalog.chunk_ids("a"),
                generation=catalog.generation(),
                chunks=sorted(catalog.chunks_by_ids(["a-古い一", "a-新一"])),
            )

        reader = threading.Thread(target=read)
        reader.start()
        reader.join(10)
        assert not reader.is_alive()  # a reader is never blocked by the writer
        assert seen == {
            "hash": "old",
            "count": 2,
            "ids": {"a-古い一", "a-古い二"},
            "generation": 1,
            "chunks": ["a-古い一"],
        }
    finally:
        resume.set()
        writer.join(10)
    assert catalog.content_hash("a") == "new"
    assert catalog.chunk_ids("a") == {"a-新一", "a-新二", "a-新三"}


def test_many_threads_read_consistent_documents_while_one_keeps_writing(catalog: Catalog) -> None:
    versions = {
        2: prepared("a", ["一", "二"], content_hash="two"),
        5: prepared("a", list("三四五六七"), content_hash="five"),
    }
    catalog.replace_document(versions[2])
    stop = threading.Event()
    problems: list[str] = []

    def write() -> None:
        for round_ in range(60):
            catalog.replace_document(versions[5 if round_ % 2 else 2])
        stop.set()

    def read() -> None:
        while not stop.is_set():
            try:
                documents = catalog.documents()
                if [(d.content_hash, d.chunk_count) for d in documents] not in ([("two", 2)], [("five", 5)]):
                    problems.append(f"documents {documents}")
            except sqlite3.Error as error:  # e.g. "cannot start a transaction within a transaction"
                problems.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=read) for _ in range(4)] + [threading.Thread(target=write)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not problems, problems[:5]
    assert catalog.generation() == 61


def test_closed_catalog_refuses_new_connections_from_any_thread(catalog: Catalog) -> None:
    catalog.replace_document(prepared("a", ["一"]))
    catalog.close()
    errors: list[Exception] = []

    def read() -> None:
        try:
            catalog.documents()
        except sqlite3.ProgrammingError as error:
            errors.append(error)

    for target in (read, read):
        thread = threading.Thread(target=target)
        thread.start()
        thread.join()
    with pytest.raises(sqlite3.ProgrammingError):
        catalog.documents()
    assert len(errors) == 2


def test_names_are_kept_with_their_document_and_go_with_it(catalog: Catalog) -> None:
    catalog.replace_document(prepared("a", ["一"]), StoredNames(version=1, counts='{"a": 1}'))
    catalog.replace_document(prepared("b", ["二"]))
    stored, unread = catalog.document_names(1)
    assert stored == ['{"a": 1}']
    assert unread == [("b", "hash-b-1", "二")]
    assert catalog.document_names(2)[0] == []  # another reading's names are read anew
    catalog.replace_document(prepared("a", ["一", "三"]))
    assert [doc_id for doc_id, _, _ in catalog.document_names(1)[1]] == ["a", "b"]


def test_names_read_from_a_text_since_replaced_are_not_kept(catalog: Catalog) -> None:
    catalog.replace_document(prepared("a", ["一"]))
    generation = catalog.generation()
    catalog.keep_document_names("a", "an older hash", StoredNames(version=1, counts="{}"))
    assert catalog.document_names(1)[0] == []
    catalog.keep_document_names("a", "hash-a-1", StoredNames(version=1, counts="{}"))
    assert catalog.document_names(1) == (["{}"], [])
    assert catalog.generation() == generation


def test_chunk_tokens_are_kept_until_their_chunk_goes(catalog: Catalog) -> None:
    catalog.replace_document(prepared("a", ["一", "二"]))
    generation = catalog.generation()
    catalog.keep_chunk_tokens(1, {"a-一": '["一"]', "a-二": '["二"]', "gone-三": '["三"]'})
    assert catalog.chunk_tokens(1) == {"a-一": '["一"]', "a-二": '["二"]'}
    assert catalog.chunk_tokens(2) == {}  # another tokeniser's tokens are read anew
    assert catalog.generation() == generation
    catalog.replace_document(prepared("a", ["一", "三"]))
    assert catalog.chunk_tokens(1) == {}
    catalog.keep_chunk_tokens(1, {"a-一": '["一"]'})
    catalog.remove_document("a")
    assert catalog.chunk_tokens(1) == {}
