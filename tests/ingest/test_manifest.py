from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.manifest import MANIFEST_NAME, load_manifest

MUNICIPALITIES = {"栃木市", "葛飾区", "川崎市", "さいたま市"}
DOC_TYPES = {"事務報告", "報告資料", "実行計画", "戦略素案", "講演資料"}


def _manifest(tmp_path: Path, content: str) -> Path:
    (tmp_path / MANIFEST_NAME).write_text(content, encoding="utf-8")
    return tmp_path


def test_seed_manifest_describes_every_seed_document(corpus_dir: Path) -> None:
    manifest = load_manifest(corpus_dir)
    assert sorted(manifest) == sorted(path.stem for path in corpus_dir.glob("*.txt"))
    for stem, meta in manifest.items():
        assert meta.doc_id == stem
        assert meta.title and meta.publisher and meta.date
        assert meta.municipality in MUNICIPALITIES
        assert meta.doc_type in DOC_TYPES


def test_seed_manifest_dates_are_iso_where_the_document_gives_a_day(corpus_dir: Path) -> None:
    manifest = load_manifest(corpus_dir)
    assert manifest["004_71f1e8f213e95c41"].date == "2024-11-21"
    assert manifest["001_2996c38e42373e8a"].date == "2025-03-18"


def test_missing_manifest_gives_no_metadata(tmp_path: Path) -> None:
    assert load_manifest(tmp_path) == {}


def test_manifest_entry_becomes_document_meta_keyed_by_file_stem(tmp_path: Path) -> None:
    folder = _manifest(tmp_path, json.dumps({"plan": {"title": "計画", "municipality": "川崎市"}}))
    meta = load_manifest(folder)["plan"]
    assert (meta.doc_id, meta.title, meta.municipality, meta.date) == ("plan", "計画", "川崎市", "")


def test_manifest_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    (tmp_path / MANIFEST_NAME).write_text('{"plan": {"title": "計画"}}', encoding="utf-8-sig")
    assert load_manifest(tmp_path)["plan"].title == "計画"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"plan": {"title": "計画",}}', "not valid JSON"),
        ('[{"title": "計画"}]', "must be a JSON object"),
        ('{"plan": "計画"}', "entry for 'plan' must be an object"),
        ('{"plan": {"titel": "計画"}}', "unknown field.*titel"),
        ('{"plan": {"title": 2030}}', "invalid entry for 'plan': title"),
    ],
)
def test_malformed_manifest_is_an_error_with_a_reason(tmp_path: Path, content: str, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        load_manifest(_manifest(tmp_path, content))
