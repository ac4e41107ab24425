from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from chromadb.api.client import SharedSystemClient
from langchain_core.embeddings import Embeddings

from ingest.document import Chunk
from ingest.pipeline import prepare_document
from kb.catalog import Catalog
from kb.keyword import KeywordIndex, indexed_tokens
from kb.knowledge_base import IngestProgress, IngestResult, IngestStatus, KnowledgeBase
from kb.passage import passage_text
from kb.search import SearchFilters, SearchMode
from kb.settings import KBSettings
from kb.store import chroma_client
from tests.kb.conftest import CountingEmbeddings

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
TOCHIGI = "000_56ba6f7bcf1d8ad5"
CLIMATE_KB = Path(sys.executable).parent / "climate-kb"

MakeKB = Callable[..., KnowledgeBase]


def prepared_ids(kb: KnowledgeBase, path: Path) -> dict[str, str]:
    """chunk id -> embedded text (kb.passage) of a file as the knowledge base would chunk it now."""
    settings = kb.settings
    prepared = prepare_document(
        path,
        None,
        chunk_tokens=settings.chunk_tokens,
        overlap_tokens=settings.chunk_overlap_tokens,
        max_file_bytes=settings.max_file_bytes,
    )
    return {c.chunk_id: passage_text(c) for c in prepared.chunks}


def doc_ids(hits: list) -> set[str]:
    return {h.chunk.doc_id for h in hits}


def assert_consistent(kb: KnowledgeBase, chroma_ids: Callable[[KnowledgeBase], set[str]]) -> None:
    """Chroma, the catalog and the saved keyword index all hold exactly the catalog's chunks."""
    catalog_ids = kb._catalog.chunk_ids()
    assert chroma_ids(kb) == catalog_ids
    saved = KeywordIndex.load(kb.settings.dir / "keyword")
    assert saved is not None
    assert saved.generation == kb._catalog.generation()
    assert len(saved) == len(catalog_ids)


# ------------------------------------------------------------------------------------------- re-ingesting


def test_second_ingest_of_the_seeds_is_all_unchanged_and_embeds_nothing(
    seeded_kb: KnowledgeBase, make_kb: MakeKB, counting_embeddings, chroma_ids
) -> None:
    before_catalog = seeded_kb._catalog.chunk_ids()
    before_vectors = chroma_ids(seeded_kb)
    generation = seeded_kb._catalog.generation()
    again = make_kb(dir=seeded_kb.settings.dir, embeddings=counting_embeddings)

    results = again.ingest([CORPUS])

    assert [r.status for r in results] == [IngestStatus.unchanged] * 5
    assert sum(r.chunks for r in results) == len(before_catalog)
    assert counting_embeddings.embedded == []
    assert again._catalog.chunk_ids() == before_catalog
    assert chroma_ids(again) == before_vectors == before_catalog
    assert again._catalog.generation() == generation


def test_changed_file_is_updated_without_re_embedding_its_unchanged_chunks(
    tmp_path: Path, make_kb: MakeKB, counting_embeddings, chroma_ids
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    source = folder / f"{TOCHIGI}.txt"
    shutil.copy(CORPUS / f"{TOCHIGI}.txt", source)
    kb = make_kb(embeddings=counting_embeddings)
    assert kb.ingest([folder])[0].status is IngestStatus.added
    old = prepared_ids(kb, source)
    assert len(counting_embeddings.embedded) == len(old)

    text = source.read_text(encoding="utf-8")
    assert "デモンストレーション" in text
    source.write_text(text.replace("デモンストレーション", "試乗会と展示会"), encoding="utf-8")
    new = prepared_ids(kb, source)
    counting_embeddings.embedded.clear()

    [result] = kb.ingest([folder])

    assert (result.status, result.chunks) == (IngestStatus.updated, len(new))
    assert sorted(counting_embeddings.embedded) == sorted(new[i] for i in set(new) - set(old))
    assert 0 < len(counting_embeddings.embedded) < len(new) / 2  # most chunks kept their vectors
    gone = set(old) - set(new)
    assert gone
    assert not gone & chroma_ids(kb)
    assert not gone & kb._catalog.chunk_ids()
    assert_consistent(kb, chroma_ids)
    keyword_hits = kb.search("デモンストレーション", k=10, mode=SearchMode.keyword)
    assert not {h.chunk.chunk_id for h in keyword_hits} & gone
    assert any("試乗会と展示会" in h.chunk.text for h in kb.search("試乗会と展示会", mode=SearchMode.keyword))
    assert "試乗会と展示会" in kb.document_text(TOCHIGI)


def test_corrected_manifest_municipality_reaches_every_search_mode(
    write_docs: Callable[..., Path], make_kb: MakeKB, counting_embeddings, chroma_metadata
) -> None:
    folder = write_docs("aoba_heat")
    kb = make_kb(embeddings=counting_embeddings)
    kb.ingest([folder])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["aoba_heat"]["municipality"] = "青葉市"
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    counting_embeddings.embedded.clear()
    assert kb._expander.get().places("How does Aoba prepare for heat waves?") == ["青葉町"]

    assert kb.ingest([folder])[0].status is IngestStatus.updated
    # The English query expansion knows the new municipality as soon as the change is committed.
    assert kb._expander.get().places("How does Aoba prepare for heat waves?") == ["青葉市"]

    # Same text, same chunk ids; the municipality is part of the embedded text, so the one chunk is re-embedded.
    [chunk] = kb._catalog.all_chunks()
    assert counting_embeddings.embedded == [passage_text(chunk)]
    assert passage_text(chunk).startswith("青葉市\n")
    assert kb.municipalities() == {"青葉市"}
    for mode in SearchMode:
        moved = kb.search("クーリングシェルター", filters=SearchFilters(municipality="青葉市"), mode=mode)
        assert doc_ids(moved) == {"aoba_heat"}, mode
        assert kb.search("クーリングシェルター", filters=SearchFilters(municipality="青葉町"), mode=mode) == []
    [metadata] = chroma_metadata(kb, kb._catalog.chunk_ids()).values()
    assert metadata["municipality"] == "青葉市"


# ------------------------------------------------------------------------------------------------ removing


def test_remove_deletes_a_document_from_chroma_catalog_and_keyword_index(
    write_docs: Callable[..., Path], make_kb: MakeKB, chroma_ids
) -> None:
    kb = make_kb()
    kb.ingest([write_docs()])
    removed_ids = kb._catalog.chunk_ids("aoba_heat")
    assert removed_ids

    assert kb.remove("aoba_heat") is True

    assert [d.meta.doc_id for d in kb.documents()] == ["kita_forest", "midori_solar"]
    assert not removed_ids & chroma_ids(kb)
    assert_consistent(kb, chroma_ids)
    for mode in SearchMode:
        assert "aoba_heat" not in doc_ids(kb.search("クーリングシェルター 熱中症", k=10, mode=mode))
    assert kb.document_text("aoba_heat") is None
    restarted = make_kb(dir=kb.settings.dir)
    assert kb.search("クーリングシェルター", mode=SearchMode.keyword) == []
    assert restarted.search("クーリングシェルター", mode=SearchMode.keyword) == []


def test_removing_an_unknown_document_returns_false_and_changes_nothing(
    write_docs: Callable[..., Path], make_kb: MakeKB, chroma_ids
) -> None:
    kb = make_kb()
    kb.ingest([write_docs("kita_forest")])
    before = chroma_ids(kb)
    assert kb.remove("no_such_doc") is False
    assert chroma_ids(kb) == before == kb._catalog.chunk_ids()
    assert [d.meta.doc_id for d in kb.documents()] == ["kita_forest"]


@pytest.fixture
def model_loads(
    write_docs: Callable[..., Path], make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch, default_embeddings
) -> Iterator[tuple[KnowledgeBase, list[KBSettings]]]:
    """A knowledge base of the three small documents reopened without a model, and the list of model loads (the
    stored passages' model or the reader that answers questions, kb/onnx_embeddings.py)."""
    first = make_kb()
    first.ingest([write_docs()])
    loads: list[KBSettings] = []

    def load(settings: KBSettings):
        loads.append(settings)
        return default_embeddings

    monkeypatch.setattr("kb.knowledge_base.load_embeddings", load)
    monkeypatch.setattr("kb.knowledge_base.reading_embeddings", lambda settings, _: load(settings))
    kb = KnowledgeBase(KBSettings(dir=first.settings.dir, chroma_url=""))  # no model given: loaded when needed
    yield kb, loads
    kb.close()


def test_remove_listing_and_keyword_search_never_load_the_embedding_model(
    model_loads: tuple[KnowledgeBase, list[KBSettings]], chroma_ids
) -> None:
    kb, loads = model_loads
    assert [d.meta.doc_id for d in kb.documents()] == ["aoba_heat", "kita_forest", "midori_solar"]
    assert doc_ids(kb.search("間伐", k=1, mode=SearchMode.keyword)) == {"kita_forest"}
    assert kb.remove("aoba_heat") is True
    assert loads == []
    assert_consistent(kb, chroma_ids)
    assert doc_ids(kb.search("太陽光発電設備", k=1, mode=SearchMode.dense)) == {"midori_solar"}
    assert len(loads) == 1  # the first text to embed loads it, once
    kb.search("熱中症")
    assert len(loads) == 1


def test_warm_up_loads_the_model_before_the_first_question(
    model_loads: tuple[KnowledgeBase, list[KBSettings]],
) -> None:
    kb, loads = model_loads
    assert loads == []
    kb.warm_up()
    assert len(loads) == 1
    kb.search("熱中症")
    assert len(loads) == 1


# ---------------------------------------------------------------------------------------------- bad input


def test_bad_files_fail_with_a_reason_and_the_good_ones_are_added(tmp_path: Path, make_kb: MakeKB, chroma_ids) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text("緑ヶ丘市は2030年度までに太陽光発電設備を公共施設50か所に設置する。\n", "utf-8")
    (folder / "sjis.txt").write_bytes("青葉町はクーリングシェルターとして町立図書館を指定する。\n".encode("shift_jis"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref")
    (folder / "huge.md").write_text("# 大きな文書\n\n" + "森林整備を進める。\n" * 400, encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not listed: unsupported type in a folder")
    kb = make_kb(max_file_bytes=3000)

    results = {r.doc_id: r for r in kb.ingest([folder, folder / "notes.docx"])}

    assert {doc: r.status for doc, r in results.items()} == {
        "broken": IngestStatus.failed,
        "empty": IngestStatus.failed,
        "good": IngestStatus.added,
        "huge": IngestStatus.failed,
        "sjis": IngestStatus.added,
        "notes": IngestStatus.failed,
    }
    assert "empty" in results["empty"].reason
    assert "PDF cannot be read" in results["broken"].reason
    assert "over the limit of 3,000 bytes" in results["huge"].reason
    assert "unsupported file type '.docx'" in results["notes"].reason
    assert all(r.chunks == 0 for r in results.values() if r.status is IngestStatus.failed)
    assert [d.meta.doc_id for d in kb.documents()] == ["good", "sjis"]
    assert {c.doc_id for c in kb._catalog.all_chunks()} == {"good", "sjis"}
    assert_consistent(kb, chroma_ids)
    assert doc_ids(kb.search("クーリングシェルター", mode=SearchMode.keyword)) == {"sjis"}  # decoded correctly


def test_a_single_file_takes_its_folder_manifest_metadata(write_docs: Callable[..., Path], make_kb: MakeKB) -> None:
    folder = write_docs()
    kb = make_kb()
    [result] = kb.ingest([folder / "kita_forest.txt"])
    assert result.status is IngestStatus.added
    [stored] = kb.documents()
    assert (stored.meta.doc_id, stored.meta.municipality, stored.meta.title) == (
        "kita_forest",
        "北山村",
        "北山村 kita_forest",
    )
    assert stored.chunk_count == result.chunks == 1


def test_progress_hooks_see_every_file_and_every_embedded_chunk(
    write_docs: Callable[..., Path], make_kb: MakeKB
) -> None:
    events: list[tuple] = []

    class Recorder(IngestProgress):
        def file_started(self, path: Path, chunk_count: int) -> None:
            events.append(("started", path.stem, chunk_count))

        def chunks_embedded(self, count: int) -> None:
            events.append(("embedded", count))

        def file_done(self, result: IngestResult) -> None:
            events.append(("done", result.doc_id, result.status))

    kb = make_kb()
    folder = write_docs("aoba_heat", "kita_forest")
    kb.ingest([folder], Recorder())
    kb.ingest([folder], Recorder())
    assert events == [
        ("started", "aoba_heat", 1),
        ("embedded", 1),
        ("done", "aoba_heat", IngestStatus.added),
        ("started", "kita_forest", 1),
        ("embedded", 1),
        ("done", "kita_forest", IngestStatus.added),
        ("done", "aoba_heat", IngestStatus.unchanged),
        ("done", "kita_forest", IngestStatus.unchanged),
    ]


def test_empty_knowledge_base_finds_nothing_in_any_mode(make_kb: MakeKB) -> None:
    kb = make_kb()
    assert kb.documents() == []
    for mode in SearchMode:
        assert kb.search("脱炭素", mode=mode) == []


# ------------------------------------------------------------------------------------- interrupted writes


def test_crash_at_the_second_documents_commit_keeps_the_kb_whole(
    write_docs: Callable[..., Path], tmp_path: Path, make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch, chroma_ids
) -> None:
    kb = make_kb()
    kb.ingest([write_docs("aoba_heat")])  # the previous knowledge base
    batch = write_docs("kita_forest", "midori_solar", folder=tmp_path / "batch")
    midori_ids = set(prepared_ids(kb, batch / "midori_solar.txt"))
    commits: list[str] = []
    real_replace = Catalog.replace_document

    def replace_then_die(self: Catalog, prepared, names=None) -> None:
        commits.append(prepared.meta.doc_id)
        if len(commits) == 2:
            raise KeyboardInterrupt  # Ctrl-C (or a crash) at the second document's commit
        real_replace(self, prepared, names)

    with monkeypatch.context() as patch:
        patch.setattr(Catalog, "replace_document", replace_then_die)
        with pytest.raises(KeyboardInterrupt):
            kb.ingest([batch])
    assert commits == ["kita_forest", "midori_solar"]

    restarted = make_kb(dir=kb.settings.dir)
    assert [d.meta.doc_id for d in restarted.documents()] == ["aoba_heat", "kita_forest"]
    assert restarted._catalog.chunk_ids("kita_forest")  # the first document is stored whole
    assert chroma_ids(restarted) - restarted._catalog.chunk_ids() == midori_ids  # orphans of the second
    for mode in SearchMode:
        assert doc_ids(restarted.search("クーリングシェルター", k=1, mode=mode)) == {"aoba_heat"}, mode
        assert doc_ids(restarted.search("間伐と再造林", k=1, mode=mode)) == {"kita_forest"}, mode
        assert "midori_solar" not in doc_ids(restarted.search("太陽光発電設備 緑ヶ丘市", k=10, mode=mode)), mode

    results = restarted.ingest([batch])

    assert [(r.doc_id, r.status) for r in results] == [
        ("kita_forest", IngestStatus.unchanged),
        ("midori_solar", IngestStatus.added),
    ]
    assert_consistent(restarted, chroma_ids)
    assert doc_ids(restarted.search("太陽光発電設備", k=1)) == {"midori_solar"}


def test_orphan_vectors_are_swept_by_the_next_write_even_when_nothing_changed(
    write_docs: Callable[..., Path], make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch, chroma_ids
) -> None:
    kb = make_kb()
    folder = write_docs("aoba_heat")
    kb.ingest([folder])
    write_docs("kita_forest", folder=folder)
    with monkeypatch.context() as patch:
        patch.setattr(Catalog, "replace_document", lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
        with pytest.raises(KeyboardInterrupt):
            kb.ingest([folder / "kita_forest.txt"])
    assert chroma_ids(kb) > kb._catalog.chunk_ids()

    assert kb.ingest([folder / "aoba_heat.txt"])[0].status is IngestStatus.unchanged

    assert_consistent(kb, chroma_ids)


class RepairRecorder(IngestProgress):
    def __init__(self) -> None:
        self.repairs: list[int] = []

    def repair_started(self, chunk_count: int) -> None:
        self.repairs.append(chunk_count)


def test_chunks_missing_from_chroma_are_re_embedded_by_the_next_ingest(
    write_docs: Callable[..., Path], make_kb: MakeKB, counting_embeddings, chroma_ids
) -> None:
    kb = make_kb(embeddings=counting_embeddings)
    folder = write_docs()
    kb.ingest([folder])
    lost = {next(iter(kb._catalog.chunk_ids("aoba_heat"))), next(iter(kb._catalog.chunk_ids("kita_forest")))}
    collection = chroma_client(kb.settings).get_collection(kb.settings.collection)
    collection.delete(ids=sorted(lost))  # e.g. a crash between two steps of an older write, or a damaged store
    assert chroma_ids(kb) == kb._catalog.chunk_ids() - lost
    assert "aoba_heat" not in doc_ids(kb.search("クーリングシェルター", k=3, mode=SearchMode.dense))
    counting_embeddings.embedded.clear()
    progress = RepairRecorder()

    results = kb.ingest([folder / "midori_solar.txt"], progress)

    assert [r.status for r in results] == [IngestStatus.unchanged]
    assert progress.repairs == [2]
    assert sorted(counting_embeddings.embedded) == sorted(
        passage_text(c) for c in kb._catalog.chunks_by_ids(sorted(lost)).values()
    )
    assert_consistent(kb, chroma_ids)
    assert doc_ids(kb.search("クーリングシェルター", k=1, mode=SearchMode.dense)) == {"aoba_heat"}


def test_a_wiped_chroma_folder_is_rebuilt_from_the_catalog(
    write_docs: Callable[..., Path], make_kb: MakeKB, counting_embeddings, chroma_ids
) -> None:
    kb = make_kb()
    folder = write_docs()
    kb.ingest([folder])
    kb.close()
    SharedSystemClient.clear_system_cache()  # forget the open client, as a new process would
    shutil.rmtree(kb.settings.dir / "chroma")

    restarted = make_kb(dir=kb.settings.dir, embeddings=counting_embeddings)
    assert {r.status for r in restarted.ingest([folder])} == {IngestStatus.unchanged}

    assert len(counting_embeddings.embedded) == 3
    assert_consistent(restarted, chroma_ids)
    assert doc_ids(restarted.search("熱中症を防ぐ涼しい避難場所", k=1, mode=SearchMode.dense)) == {"aoba_heat"}


def test_threads_searching_during_an_ingest_see_each_document_whole(
    tmp_path: Path, make_kb: MakeKB, default_embeddings
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    source = folder / f"{TOCHIGI}.txt"
    shutil.copy(CORPUS / f"{TOCHIGI}.txt", source)
    kb = make_kb()
    kb.ingest([folder])
    old_count = kb.documents()[0].chunk_count
    source.write_text(source.read_text(encoding="utf-8") + "\n" + japanese_report(60), encoding="utf-8")
    new_count = len(prepared_ids(kb, source))
    assert new_count > old_count
    stop = threading.Event()
    seen: set[int] = set()
    problems: list[str] = []

    def read() -> None:
        while not stop.is_set():
            try:
                for document in kb.documents():
                    seen.add(document.chunk_count)
                for hit in kb.search("脱炭素促進プラットフォーム", k=5, mode=SearchMode.keyword):
                    assert hit.chunk.doc_id == TOCHIGI
            except Exception as error:  # any failure in a reader thread is the finding
                problems.append(repr(error))
                return

    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    try:
        assert kb.ingest([folder])[0].status is IngestStatus.updated
    finally:
        stop.set()
        for reader in readers:
            reader.join(30)
    assert not problems, problems
    assert seen <= {old_count, new_count}
    assert kb.documents()[0].chunk_count == new_count


def japanese_report(sentences: int, seed: int = 7) -> str:
    """A long, varied Japanese plan: distinct sentences so every chunk gets its own id."""
    rng = random.Random(seed)
    towns = ["北山村", "南浜市", "東谷町", "西野市", "中川町", "若葉区"]
    measures = [
        "公共施設への太陽光発電設備の導入",
        "街路灯のLED化",
        "公用車の電動車への更新",
        "住宅の断熱改修への補助",
        "森林の間伐と再造林",
        "地域新電力会社の設立",
        "食品ロスの削減",
        "自転車通行空間の整備",
        "ごみ焼却施設の廃熱利用",
        "事業者向け省エネ診断",
    ]
    verbs = ["推進する", "拡充する", "検討する", "実施した", "開始する", "継続する"]
    lines = []
    for i in range(sentences):
        town, measure, verb = rng.choice(towns), rng.choice(measures), rng.choice(verbs)
        year, amount = 2024 + i % 7, rng.randint(2, 900)
        lines.append(
            f"{town}は{year}年度に{measure}を{verb}。対象は{amount}件で、第{i + 1}号事業として進捗を管理する。"
        )
        if i % 6 == 5:
            lines.append("")
    return "\n".join(lines) + "\n"


def test_killed_ingest_process_leaves_a_consistent_queryable_kb(
    tmp_path: Path, write_docs: Callable[..., Path], make_kb: MakeKB, chroma_ids, chroma_metadata
) -> None:
    """SIGKILL `climate-kb ingest` once the big document's first batch of vectors is in Chroma."""
    folder = write_docs("aoba_heat")
    (folder / "zz_big_plan.txt").write_text(japanese_report(450), encoding="utf-8")
    kb_dir = tmp_path / "kb"
    env = {name: value for name, value in os.environ.items() if not name.startswith("CLIMATE_KB_")}
    env.update(HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False", PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [
            str(CLIMATE_KB),
            "ingest",
            str(folder / "aoba_heat.txt"),
            str(folder / "zz_big_plan.txt"),
            "--kb",
            str(kb_dir),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    stderr = bytearray()
    reader = threading.Thread(target=lambda: [stderr.extend(b) for b in iter(lambda: process.stderr.read1(4096), b"")])
    reader.start()
    progress = re.compile(rb"zz_big_plan\.txt:\s+\d+%\|[^|]*\|\s*(\d+)/(\d+)")
    deadline = time.monotonic() + 300
    try:
        while True:
            done = [int(m.group(1)) for m in progress.finditer(bytes(stderr))]
            if re.search(rb"added +aoba_heat", stderr) and done and max(done) > 0:
                break
            assert process.poll() is None, f"ingest ended before it could be killed: {stderr.decode()}"
            assert time.monotonic() < deadline, f"no progress within 300 s: {stderr.decode()}"
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        reader.join()
    assert process.returncode == -signal.SIGKILL
    total = int(progress.findall(bytes(stderr))[-1][1])
    assert max(int(m[0]) for m in progress.findall(bytes(stderr))) < total  # killed mid-document

    kb = make_kb(dir=kb_dir)
    assert [d.meta.doc_id for d in kb.documents()] == ["aoba_heat"]
    orphans = chroma_ids(kb) - kb._catalog.chunk_ids()
    assert orphans  # some vectors of the big document were written before the kill
    assert kb._catalog.chunk_ids() <= chroma_ids(kb)
    assert {m["doc_id"] for m in chroma_metadata(kb, orphans).values()} == {"zz_big_plan"}
    for mode in SearchMode:
        assert doc_ids(kb.search("クーリングシェルター", k=1, mode=mode)) == {"aoba_heat"}, mode
        assert "zz_big_plan" not in doc_ids(kb.search("街路灯のLED化を推進する", k=10, mode=mode)), mode

    results = kb.ingest([folder / "aoba_heat.txt", folder / "zz_big_plan.txt"])

    assert [r.status for r in results] == [IngestStatus.unchanged, IngestStatus.added]
    assert results[1].chunks == total
    assert_consistent(kb, chroma_ids)
    assert "zz_big_plan" in doc_ids(kb.search("街路灯のLED化を推進する", k=5))


def test_the_names_english_questions_are_read_with_follow_the_stored_documents(tmp_path: Path, make_kb: MakeKB) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "omiya.txt").write_text("大宮駅周辺の街区間で熱電融通を行う。\n", "utf-8")
    kb = make_kb()
    assert "大宮" not in kb.japanese_wording("Omiya")
    kb.ingest([folder])
    assert kb.japanese_wording("Omiya") == ["大宮"]
    kb.remove("omiya")
    assert kb.japanese_wording("Omiya") == []


def test_names_are_read_at_ingest_and_a_knowledge_base_stored_without_them_reads_them_once(
    tmp_path: Path, make_kb: MakeKB
) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "omiya.txt").write_text("大宮駅周辺の街区間で熱電融通を行う。\n", "utf-8")
    kb = make_kb()
    kb.ingest([folder])
    catalog_path = kb.settings.dir / "catalog.sqlite3"
    with sqlite3.connect(catalog_path) as db:
        assert db.execute("SELECT COUNT(*) FROM document_names").fetchone()[0] == 1
        db.execute("DELETE FROM document_names")  # as a knowledge base built before names were kept
    reopened = make_kb(dir=kb.settings.dir)
    assert reopened.japanese_wording("Omiya") == ["大宮"]
    with sqlite3.connect(catalog_path) as db:
        assert db.execute("SELECT COUNT(*) FROM document_names").fetchone()[0] == 1


def test_a_write_tags_only_its_own_documents_passages_for_the_keyword_index(
    write_docs: Callable[..., Path], tmp_path: Path, make_kb: MakeKB, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = make_kb()
    kb.ingest([write_docs("aoba_heat")])
    tagged: list[str] = []

    def counting(chunk: Chunk) -> list[str]:
        tagged.append(chunk.doc_id)
        return indexed_tokens(chunk)

    monkeypatch.setattr("kb.knowledge_base.indexed_tokens", counting)
    kb.ingest([write_docs("kita_forest", folder=tmp_path / "more") / "kita_forest.txt"])
    assert set(tagged) == {"kita_forest"}
    assert doc_ids(kb.search("クーリングシェルター", k=1, mode=SearchMode.keyword)) == {"aoba_heat"}
    tagged.clear()
    kb.remove("kita_forest")
    assert tagged == []


def test_document_terms_are_embedded_once_so_an_english_question_in_a_new_process_embeds_only_its_words(
    write_docs: Callable[..., Path], make_kb: MakeKB, default_embeddings: Embeddings
) -> None:
    kb = make_kb()
    kb.ingest([write_docs()])
    first = CountingEmbeddings(default_embeddings)
    make_kb(dir=kb.settings.dir, embeddings=first).japanese_wording("Which library is a shelter?")
    assert "間伐" in first.embedded
    again = CountingEmbeddings(default_embeddings)
    make_kb(dir=kb.settings.dir, embeddings=again).japanese_wording("Which library is a shelter?")
    assert again.embedded == ["library", "shelter"]
