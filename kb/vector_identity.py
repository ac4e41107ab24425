"""What makes stored vectors comparable with new ones, and the message when they are not.

Vectors are only comparable when the same model embedded the same kind of text: the model, the passage prefix
(e5's "passage: ") and the way a chunk is turned into text (kb/passage.py) are recorded with the collection and
checked on every open, so a changed setting cannot silently mix incomparable vectors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from kb.default_model_name import MODEL_DIR_NAME
from kb.passage import PASSAGE_FORMAT
from kb.settings import KBSettings

_LEGACY_PASSAGE_FORMAT = "text"
"""What collections written before the passage format was recorded hold: the bare chunk text."""


class EmbeddingModelMismatch(RuntimeError):
    """The collection was built with another embedding set-up; its vectors cannot be compared with ours."""


@dataclass(frozen=True)
class VectorIdentity:
    """What makes stored vectors comparable with new ones; recorded in the collection's metadata."""

    model: str
    passage_prefix: str
    passage_format: str = PASSAGE_FORMAT

    @classmethod
    def of(cls, settings: KBSettings) -> VectorIdentity:
        return cls(settings.embedding_model or MODEL_DIR_NAME, settings.passage_prefix)

    def as_metadata(self) -> dict[str, str]:
        return {
            "embedding_model": self.model,
            "passage_prefix": self.passage_prefix,
            "passage_format": self.passage_format,
        }

    @classmethod
    def from_metadata(cls, metadata: Mapping[str, object] | None) -> VectorIdentity | None:
        """None for a collection without a recorded identity; older collections recorded "model|prefix"."""
        metadata = metadata or {}
        model = metadata.get("embedding_model")
        if not isinstance(model, str):
            return None
        if "passage_format" not in metadata:
            name, _, prefix = model.rpartition("|") if "|" in model else (model, "", "")
            return cls(name, prefix, _LEGACY_PASSAGE_FORMAT)
        return cls(model, str(metadata.get("passage_prefix", "")), str(metadata["passage_format"]))


_SETTING_OF = {"model": "CLIMATE_KB_EMBEDDING_MODEL", "passage_prefix": "CLIMATE_KB_PASSAGE_PREFIX"}


def mismatch_message(settings: KBSettings, stored: VectorIdentity | None, wanted: VectorIdentity) -> str:
    """Which part of the set-up differs, and the ways out: a new knowledge base, the stored set-up back, or
    re-embedding this one's documents."""
    server = bool(settings.chroma_url)
    where = f"collection '{settings.collection}' " + (
        f"on the Chroma server {settings.chroma_url}" if server else f"in {settings.dir / 'chroma'}"
    )
    vectors = f"the collection '{settings.collection}' on the server" if server else str(settings.dir / "chroma")
    elsewhere = "--kb NEW_DIR or CLIMATE_KB_DIR=NEW_DIR" + (", or CLIMATE_KB_COLLECTION" if server else "")
    fixes = [f"ingest into a new knowledge base ({elsewhere})"]
    if stored is None:
        return f"{where} records no embedding model, so climate-kb did not make it: {fixes[0]}."
    differing = [f.name for f in fields(VectorIdentity) if getattr(stored, f.name) != getattr(wanted, f.name)]
    differences = "; ".join(
        f"{name.replace('_', ' ')}: stored '{getattr(stored, name)}', "
        f"{'configured' if name in _SETTING_OF else 'this version embeds'} '{getattr(wanted, name)}'"
        for name in differing
    )
    if all(name in _SETTING_OF for name in differing):
        # An empty model setting means the built-in default, which is recorded under its folder name.
        values = {name: "" if getattr(stored, name) == MODEL_DIR_NAME else getattr(stored, name) for name in differing}
        fixes.append("set " + " and ".join(f"{_SETTING_OF[n]}='{v}'" for n, v in values.items()) + " back")
    fixes.append(
        f"re-embed this knowledge base's documents with the configured set-up: delete {vectors} and run "
        "`climate-kb ingest` on its documents again (the catalog keeps them; chunks missing from Chroma are "
        "re-embedded)"
    )
    return (
        f"{where} holds vectors that cannot be compared with this configuration's ({differences}). To fix: "
        + "; or ".join(fixes)
        + "."
    )
