"""What a configuration returns for one eval row: the harness's own small model, independent of the product.

Keeping it separate from assistant.citations.Answer lets the naive baseline (which has no Answer) and test
doubles be scored by exactly the same code as the assistant.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class PredictedCitation(BaseModel):
    """A cited passage: the quoted sentence and the whole passage it came from."""

    doc: str
    quote: str
    chunk_text: str


class RetrievedPassage(BaseModel):
    """One retrieved passage in rank order (1 = best)."""

    rank: int
    doc: str
    text: str


class Prediction(BaseModel):
    answer: str = ""
    abstained: bool = False
    abstention: str = Field("", description="Which check abstained, as the configuration names it; '' if none did.")
    citations: list[PredictedCitation] = Field(default_factory=list)
    retrieved: list[RetrievedPassage] = Field(default_factory=list)
    latency_ms: float = Field(0.0, description="Wall-clock time of the whole answer, measured by the runner.")
    error: str = Field("", description="The exception the configuration raised, if any; the row then fails.")
