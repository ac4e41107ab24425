"""The terms a question and a quote are compared by: keyword tokens, each wording spelled one way.

Their own module because the selector, the rule it consults on a quote's subject (assistant.subject) and the
answerers it hands over to (lists, values, schedules, superlatives) all compare by them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.tokenize import keyword_tokens
from kb.glossary import canonical_wording

TEXTS_READ = 16384
"""Sentences and units whose terms (and flat form, assistant.extractive) are kept: about what the passages of a
corpus hold, as in ingest/tokenize.py."""
_GLUED_LATIN = re.compile(r"[^\w\s]+([A-Za-z0-9]+)")
"""A Latin word the tokenizer keeps glued to the sign before it ("再エネ×EV等" gives "×EV"): the word alone is the
term, as the question writes it ("EV")."""


def comparable_terms(text: str) -> list[str]:
    """Keyword tokens with each wording spelled one way (再生可能エネルギー and 再エネ compare equal); each caller
    gets its own list."""
    return list(_comparable_terms(text))


@lru_cache(maxsize=TEXTS_READ)
def _comparable_terms(text: str) -> tuple[str, ...]:
    """Cached by text: every question scores the sentences of the same retrieved passages again."""
    return tuple(_unglued(token) for token in keyword_tokens(canonical_wording(text)))


def _unglued(token: str) -> str:
    glued = _GLUED_LATIN.fullmatch(token)
    return glued[1].lower() if glued is not None else token
