from __future__ import annotations

from pathlib import Path

import pytest

from ingest.document import DocumentMeta
from ingest.errors import IngestError
from ingest.manifest import load_manifest
from ingest.normalize import normalize_text
from ingest.pipeline import prepare_document
from ingest.tokenize import count_tokens

CHUNK_TOKENS, OVERLAP_TOKENS, LIMIT = 160, 32, 10_000_000


def _prepare(path: Path, meta: DocumentMeta | None = None, chunk_tokens: int = CHUNK_TOKENS):
    return prepare_document(path, meta, chunk_tokens=chunk_tokens, overlap_tokens=OVERLAP_TOKENS, max_file_bytes=LIMIT)


def _chunk_with(path: Path, quote: str):
    """The first chunk of `path` containing `quote`, compared the way the eval quote matcher does."""
    document = _prepare(path, load_manifest(path.parent).get(path.stem))
    return next(chunk for chunk in document.chunks if normalize_text(quote) in chunk.text)


def test_every_seed_prepares_into_exact_chunks_within_budget(seed_path: Path) -> None:
    meta = load_manifest(seed_path.parent)[seed_path.stem]
    document = _prepare(seed_path, meta)
    assert document.meta.title == meta.title
    assert document.meta.source_file == seed_path.name
    assert len(document.chunks) >= 5
    assert len({chunk.chunk_id for chunk in document.chunks}) == len(document.chunks)
    for index, chunk in enumerate(document.chunks):
        assert chunk.index == index
        assert document.text[chunk.start : chunk.end] == chunk.text
        assert count_tokens(chunk.text) <= CHUNK_TOKENS
        assert (chunk.doc_id, chunk.title, chunk.municipality) == (meta.doc_id, meta.title, meta.municipality)


def test_kawasaki_target_sentence_is_found_whole_in_one_chunk(corpus_dir: Path) -> None:
    chunk = _chunk_with(corpus_dir / "004_71f1e8f213e95c41.txt", "2030年度までに▲50%削減（2013年度比）")
    assert chunk.municipality == "川崎市"
    assert chunk.section == "川崎市の地球温暖化対策の取組"


def test_tochigi_line_broken_word_is_whole_in_its_chunk(corpus_dir: Path) -> None:
    chunk = _chunk_with(corpus_dir / "000_56ba6f7bcf1d8ad5.txt", "脱炭素に関する意見交換や情報共有")
    assert chunk.section == "〔総括概要〕"


def test_katsushika_radicals_are_searchable_as_ordinary_kanji(corpus_dir: Path) -> None:
    chunk = _chunk_with(corpus_dir / "001_2996c38e42373e8a.txt", "あきる野市戸倉約3ha(市有林)")
    assert chunk.municipality == "葛飾区"


def test_kawasaki_plan_chunks_carry_their_chapter_section(corpus_dir: Path) -> None:
    chunk = _chunk_with(corpus_dir / "002_9b8fc3061bf01655.txt", "PDCA(Plan Do Check Action)サイクル")
    assert chunk.section == "3. 計画の進行管理"


def test_saitama_bold_markdown_is_gone_from_chunks(corpus_dir: Path) -> None:
    chunk = _chunk_with(corpus_dir / "003_6d29eccc7c9bb25d.txt", "地域の役割はこれまで以上に大きくなっています。")
    assert "**" not in chunk.text


def test_reingesting_unchanged_text_gives_the_same_ids_and_hash(seed_path: Path) -> None:
    first, second = _prepare(seed_path), _prepare(seed_path)
    assert [c.chunk_id for c in first.chunks] == [c.chunk_id for c in second.chunks]
    assert first.content_hash == second.content_hash


def test_content_hash_changes_with_chunk_parameters(seed_path: Path) -> None:
    assert _prepare(seed_path).content_hash != _prepare(seed_path, chunk_tokens=CHUNK_TOKENS + 1).content_hash


def test_without_metadata_the_stem_is_the_id_and_the_first_line_the_title(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text("# 気候変動対策\n\n本市は2050年までに排出量実質ゼロを目指します。", encoding="utf-8")
    document = _prepare(path)
    assert (document.meta.doc_id, document.meta.title, document.meta.source_file) == ("plan", "気候変動対策", "plan.md")
    assert document.chunks[0].section == "気候変動対策"


def test_metadata_without_title_takes_the_html_title(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<title>ＺＥＢの推進</title><p>公共施設のZEB化を進めます。</p>", encoding="utf-8")
    document = _prepare(path, DocumentMeta(doc_id="page", municipality="川崎市"))
    assert (document.meta.title, document.meta.municipality) == ("ZEBの推進", "川崎市")
    assert document.chunks[0].title == "ZEBの推進"


def test_pdf_chunks_keep_their_page_numbers(make_pdf) -> None:
    pages = [
        ["第1章 計画の背景", "本市は2050年までに温室効果ガス排出量実質ゼロを目指します。"],
        ["2030年度までに50%削減を目標とします。"],
        ["再生可能エネルギーを最大限導入します。"],
    ]
    document = _prepare(make_pdf(pages))
    assert [(chunk.page, chunk.section) for chunk in document.chunks] == [
        (1, "第1章計画の背景"),
        (2, "第1章計画の背景"),
        (3, "第1章計画の背景"),
    ]
    assert "50%削減" in document.chunks[1].text


def test_file_with_only_markup_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "debris.md"
    path.write_text("**\n- \n|---|---|\n", encoding="utf-8")
    with pytest.raises(IngestError, match="no text after normalisation"):
        _prepare(path)
