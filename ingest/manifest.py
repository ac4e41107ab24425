"""corpus/manifest.json: who published each document, when, for which municipality.

The manifest maps each file stem to its metadata, e.g.
`{"004_71f1e8f213e95c41": {"title": "...", "municipality": "川崎市", "publisher": "...", "date": "2024-11-21",
"doc_type": "講演資料"}}`. It is optional (files without an entry still ingest), but a manifest that is present
and wrong is an error, not something to skip silently: a typo'd key would otherwise drop metadata unnoticed.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from ingest.document import DocumentMeta
from ingest.errors import IngestError

MANIFEST_NAME = "manifest.json"
_FIELDS = frozenset(DocumentMeta.model_fields) - {"doc_id"}


def _entry(stem: str, entry: object) -> DocumentMeta:
    if not isinstance(entry, dict):
        raise IngestError(f"{MANIFEST_NAME}: the entry for '{stem}' must be an object")
    unknown = sorted(set(entry) - _FIELDS)
    if unknown:
        allowed = ", ".join(sorted(_FIELDS))
        raise IngestError(f"{MANIFEST_NAME}: unknown field(s) {', '.join(unknown)} for '{stem}' (allowed: {allowed})")
    try:
        return DocumentMeta.model_validate({**entry, "doc_id": stem}, strict=True)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise IngestError(f"{MANIFEST_NAME}: invalid entry for '{stem}': {problems}") from exc


def load_manifest(folder: Path) -> dict[str, DocumentMeta]:
    """Metadata by file stem from `folder/manifest.json`; {} when there is none. Malformed -> IngestError."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"{MANIFEST_NAME} cannot be read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise IngestError(f"{MANIFEST_NAME} is not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    if not isinstance(data, dict):
        raise IngestError(f"{MANIFEST_NAME} must be a JSON object mapping file stems to metadata")
    return {stem: _entry(stem, entry) for stem, entry in data.items()}
