"""When a passage holds a gold quote and when an answer contains a key fact.

Both sides go through the project's one normaliser (ingest.normalize.normalize_text) and lose all whitespace,
so PDF line breaks, full-width digits, radical look-alikes and "令和 5 年度" vs "令和5年度" never decide a score.
"""

from __future__ import annotations

from functools import lru_cache

from evals.schema import ALTERNATIVE_SEPARATOR, EvalSource
from ingest.normalize import normalize_text


@lru_cache(maxsize=8192)
def comparable(text: str) -> str:
    """The form quotes, passages, answers and key facts are compared in: normalised, without any whitespace.

    Cached because every configuration retrieves the same passages and each is checked against every quote.
    """
    return "".join(normalize_text(text).split())


def holds(passage: str, quote: str) -> bool:
    """Whether the passage contains the whole quote; a quote split across two passages is held by neither."""
    needle = comparable(quote)
    return bool(needle) and needle in comparable(passage)


def holds_source(doc: str, passage: str, sources: list[EvalSource]) -> bool:
    """Whether a passage of document `doc` holds any gold quote of that same document.

    A source is a (document, quote) pair: the same words in another document are not the cited source.
    """
    return any(source.doc == doc and holds(passage, source.quote) for source in sources)


def includes(answer: str, item: str) -> bool:
    """Whether the answer contains one `must_include` item, i.e. any of its `|`-separated alternatives."""
    haystack = comparable(answer)
    return any((needle := comparable(part)) and needle in haystack for part in item.split(ALTERNATIVE_SEPARATOR))


def missing_items(answer: str, must_include: list[str]) -> list[str]:
    """The `must_include` items the answer lacks, as written in the eval set."""
    return [item for item in must_include if not includes(answer, item)]
