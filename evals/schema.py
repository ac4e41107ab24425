"""The evaluation-set row format and its loader.

One JSON object per line (`evals/sets/*.jsonl`). The format is strict (unknown keys are rejected) so a typo
such as `must_includes` fails loudly instead of silently scoring nothing.

Conventions the sets follow (checked by tests/evals/test_sets.py):

- `sources[].quote` is a verbatim, single-line substring of the raw corpus file `corpus/<doc>.txt`, so a
  citation can be located exactly; keep the file's odd characters (⽣, ⾦, ₂, full-width digits).
- `must_include` lists the key facts a correct answer must contain. Items are compared after NFKC
  normalisation (full-width digits become ASCII, ₂ becomes 2), `|` separates acceptable alternatives,
  and every item is worded as in the cited document, because answers are extractive.
- Unanswerable rows (`answerable: false`: another city, a year the documents give no figure for) have no
  sources and no `must_include`; a correct answer says the documents do not cover it.
- Wrong-premise rows (`category: "wrong_premise"`) are ANSWERABLE: a city official expects the assistant to
  correct the false premise with the documented figure, not to refuse. `must_include` holds the TRUE fact and
  `sources` the passage that states it; the false figure is never listed. A premise that is false only
  because the documents are silent belongs in `unanswerable_*` instead.
- `expected_failure` keeps a known failure in the set with its reason, so reports can separate it from
  regressions instead of the row being deleted.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

CATEGORIES: tuple[str, ...] = (
    "numeric_target",
    "date",
    "organisation",
    "list",
    "cross_document",
    "follow_up",
    "english",
    "variant_spelling",
    "unanswerable_other_city",
    "unanswerable_year",
    "wrong_premise",
)
"""The allowed `category` values; reports group scores by these."""

ALTERNATIVE_SEPARATOR = "|"


class EvalSource(BaseModel):
    """A gold citation: the document id (corpus file stem) and a verbatim quote from it."""

    model_config = ConfigDict(extra="forbid")

    doc: str
    quote: str


class Turn(BaseModel):
    """One earlier message of a conversation, for questions that only make sense after it."""

    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: str


class EvalRow(BaseModel):
    """One evaluation question with what a correct, sourced answer must contain."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    lang: Literal["ja", "en"] = "ja"
    municipality: str = ""
    category: str = ""
    answerable: bool = True
    must_include: list[str] = Field(default_factory=list)
    sources: list[EvalSource] = Field(default_factory=list)
    answer: str = ""
    history: list[Turn] = Field(default_factory=list)
    expected_failure: str = Field("", description="Why this row is a known failure kept in the set; empty if none.")


class EvalSetError(ValueError):
    """A malformed eval-set file; the message names the file and line."""


def normalise(text: str) -> str:
    """NFKC, the normalisation under which `must_include` items are compared with answers and documents."""
    return unicodedata.normalize("NFKC", text)


def alternatives(item: str) -> list[str]:
    """The acceptable spellings of one `must_include` item, NFKC-normalised, empty parts dropped."""
    return [normalise(part).strip() for part in item.split(ALTERNATIVE_SEPARATOR) if part.strip()]


def load_eval_set(path: Path) -> list[EvalRow]:
    """Read a JSONL eval set; blank lines are skipped.

    Raises EvalSetError naming the line of the first malformed row or duplicate id, so a hand-edited set
    can be fixed without bisecting the file.
    """
    rows: list[EvalRow] = []
    first_line_of: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalSetError(f"{path}:{line_no}: invalid JSON: {exc.msg} (column {exc.colno})") from exc
            try:
                row = EvalRow.model_validate(data)
            except ValidationError as exc:
                problems = "; ".join(
                    f"{'.'.join(str(part) for part in err['loc']) or '<row>'}: {err['msg']}" for err in exc.errors()
                )
                raise EvalSetError(f"{path}:{line_no}: invalid row: {problems}") from exc
            if row.id in first_line_of:
                raise EvalSetError(
                    f"{path}:{line_no}: duplicate id {row.id!r} (first used on line {first_line_of[row.id]})"
                )
            first_line_of[row.id] = line_no
            rows.append(row)
    return rows
