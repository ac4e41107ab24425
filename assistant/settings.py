"""Every assistant and web setting in one typed place, read from `CLIMATE_KB_*` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from kb.settings import PROJECT_ROOT


class AssistantSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLIMATE_KB_", extra="ignore")

    passages: int = Field(8, ge=1, le=50, description="Passages retrieved per question for the answerer.")
    max_citations: int = Field(3, ge=1, le=10, description="Most sentences quoted in one answer.")
    per_place: int = Field(
        3,
        ge=1,
        le=10,
        description="Quotes for each municipality when a question compares several: a side's third-best quote "
        "often holds the fact asked of it (another plant, a member count). Its best quote and the quote answering "
        "each part of the question are kept first, and exceed it only when they alone number more.",
    )
    comparison_side_ratio: float = Field(
        0.95,
        gt=0,
        le=1,
        description="A comparison answers when every municipality's best quote clears this fraction of the answer "
        "bar, even if none clears the whole bar: two sides that each hold a near answer are stronger evidence than "
        "one (both sides of a development row answering correctly scored .977 of the bar).",
    )
    ranker_file: Path = Field(
        Path(__file__).with_name("ranker.json"),
        description="The answer-selection weights and abstention bar `climate-kb train-ranker` learned.",
    )
    min_answer_score: float | None = Field(
        None, description="Abstain below this evidence score instead of the ranker file's calibrated bar."
    )
    max_question_chars: int = Field(500, ge=10, description="Longer questions are refused with a clear message.")

    llm_base_url: str = Field(
        "", description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 for Ollama; empty: extractive."
    )
    llm_model: str = Field("", description="Model name the endpoint serves, e.g. qwen2.5:7b-instruct.")
    llm_api_key: SecretStr = Field(SecretStr(""), description="Bearer token, if the endpoint wants one.")
    llm_timeout_s: float = Field(
        60.0, gt=0, description="Seconds to wait for the endpoint before answering extractively."
    )
    llm_max_retries: int = Field(1, ge=0, description="Retries of a failed endpoint call (connection error, 5xx).")
    llm_temperature: float = Field(0.0, ge=0, le=2, description="0: the same passages give the same answer.")
    llm_max_tokens: int = Field(800, ge=16, description="Longest reply the model may write.")
    llm_gguf_path: Path | None = Field(
        None, description="A local GGUF model for llama-cpp-python (the `llama` extra); takes precedence over the URL."
    )
    llm_context_tokens: int = Field(8192, ge=512, description="llama.cpp context window: prompt plus reply.")

    host: str = Field("127.0.0.1", description="Where `climate-kb serve` listens.")
    port: int = Field(7860, ge=1, le=65535)
    users_file: Path = Field(
        PROJECT_ROOT / "users.json", description="Staff logins: {user: scrypt hash}; see `climate-kb add-user`."
    )
    feedback_db: Path = Field(PROJECT_ROOT / ".kb" / "feedback.sqlite3")
    public_rate_limit_per_minute: int = Field(20, ge=1, description="Questions per client per minute.")
    concurrency: int = Field(4, ge=1, description="Requests the web app answers at once.")
    eval_json: Path = Field(
        PROJECT_ROOT / "reports" / "eval.json",
        description="The latest `climate-kb eval --json` result, shown on the staff evaluation tab.",
    )
