"""The Answer and Citation models: what the chain returns to the CLI, the web pages and the eval harness."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.abstention import Abstention
from ingest.document import Chunk
from kb.search import SearchHit


class Turn(BaseModel):
    """One message of chat history."""

    role: str
    content: str


class Citation(BaseModel):
    """One [n] marker's source: enough for a reader to find and check the quoted sentence."""

    n: int
    doc: str
    title: str
    municipality: str
    page: int | None
    section: str
    quote: str = Field(description="The exact sentence of the passage that supports the claim.")
    chunk_id: str
    chunk_text: str = Field(description="The whole passage, so a page can show the quote in context.")

    @classmethod
    def of(cls, n: int, chunk: Chunk, quote: str) -> Citation:
        return cls(
            n=n,
            doc=chunk.doc_id,
            title=chunk.title,
            municipality=chunk.municipality,
            page=chunk.page,
            section=chunk.section,
            quote=quote,
            chunk_id=chunk.chunk_id,
            chunk_text=chunk.text,
        )


class Answer(BaseModel):
    question: str
    answer: str
    abstained: bool
    abstention: Abstention | None = Field(
        None, description="Which check abstained (the user sees the same message whatever it is); None when answered."
    )
    lang: str
    citations: list[Citation] = []
    retrieved: list[SearchHit] = []
    standalone_query: str = ""
    municipality: str = Field("", description="The municipality the question was recognised to be about.")
    evidence_score: float = Field(0.0, description="The best evidence score; below the threshold it abstains.")
    timings_ms: dict[str, float] = {}
    answered_by: Literal["extractive", "llm"] = Field(
        "extractive", description="Which answerer wrote the text: the quoting one, or a verified language model."
    )
