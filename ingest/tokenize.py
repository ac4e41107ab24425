"""Japanese tokenisation with fugashi (MeCab + unidic-lite): token counts for chunk sizes, keywords for BM25."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.kana import HIRAGANA_BLOCK, KANJI
from ingest.normalize import normalize_text
from ingest.tagger import tagger

_DROPPED_POS = frozenset({"助詞", "助動詞", "補助記号", "記号", "空白"})
"""Particles, auxiliary verbs, punctuation and symbols: frequent everywhere, so they only add noise to BM25."""
_KEPT_SYMBOLS = frozenset({"%", "▲", "△"})
"""Symbols that carry a figure's meaning (▲/△ mark a decrease in Japanese tables): users search for them."""
_MIN_KANJI_SKELETON = 2
"""A word keyed by its kanji needs two of them: 行い/行う share one kanji but not their meaning."""
_KEYWORD_CACHE_SIZE = 16384
"""Texts whose keywords are kept: the answerer scores the same passage sentences for question after question."""
_HIRAGANA = re.compile(f"[{HIRAGANA_BLOCK}]")
_KANJI_WORD = re.compile(f"[{KANJI}々]+")


def count_tokens(text: str) -> int:
    """Number of fugashi tokens in `text` (whitespace is not a token)."""
    return len(tagger()(text)) if text else 0


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the fugashi tokens of `text`, so callers can cut it at token boundaries."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for node in tagger()(text):
        offset += len(node.white_space)
        spans.append((offset, offset + len(node.surface)))
        offset += len(node.surface)
    return spans


def keyword_tokens(text: str) -> list[str]:
    """BM25 terms: surface forms of the normalised text, function words and punctuation dropped.

    ASCII is lowercased; numbers stay (2030, 50) and so do %, ▲ and △, because users search for figures.
    Cached by text (the tokens depend on nothing else); each caller gets its own list.
    """
    return list(_keyword_tokens(text))


def search_keys(text: str) -> list[str]:
    """BM25 terms: the keyword tokens with okurigana dropped from words written in kanji and kana, so the ways
    of writing one word meet (取組/取り組み, 建替え/建て替え, 申込/申し込み)."""
    return [_without_okurigana(token) for token in keyword_tokens(text)]


def _without_okurigana(token: str) -> str:
    skeleton = _HIRAGANA.sub("", token)
    if len(skeleton) >= _MIN_KANJI_SKELETON and skeleton != token and _KANJI_WORD.fullmatch(skeleton):
        return skeleton
    return token


@lru_cache(maxsize=_KEYWORD_CACHE_SIZE)
def _keyword_tokens(text: str) -> tuple[str, ...]:
    return tuple(
        node.surface.lower() if node.surface.isascii() else node.surface
        for node in tagger()(normalize_text(text))
        if node.feature.pos1 not in _DROPPED_POS or node.surface in _KEPT_SYMBOLS
    )
