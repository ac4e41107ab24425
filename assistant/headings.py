"""The quote whose heading names what the question asks for.

A table's row rarely repeats its table's subject: "1.再生可能エネルギーの地産地消・地域の…増加・分散型電源の増加
によるレジリエンス強化…" sits under "6.取組の効果・指標", and a question asking "どんな効果が見込まれていますか" shares
only the row's name with it. The row of another table under another heading ("5. 具体的事業・重点事業" with its
"概要" column) names the same item and outscores it. When the best quote nowhere names the asked noun (the question's
head, assistant.question) and a close runner-up sits under a heading or table header that does, that runner-up is
the row of the asked table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.evidence import Evidence
from assistant.question import head_terms
from ingest.normalize import normalize_text


def asked_heads(question: str, weight: Callable[[str], float]) -> tuple[str, ...]:
    """The question's head nouns that carry weight: a frame word ("こと") heads no table."""
    return tuple(t for t in head_terms(question) if weight(t) > 0)


def _above(evidence: Evidence) -> str:
    """The heading of the quote's passage and the passage's text above the quote: its table header, if any."""
    chunk = evidence.hit.chunk
    above = chunk.text[: max(evidence.start, 0)]
    return normalize_text(f"{chunk.section}\n{above}")


def _names(text: str, heads: tuple[str, ...]) -> bool:
    return all(h in text for h in heads)


def under_asked_heading(
    question: str, weight: Callable[[str], float], candidates: Sequence[Evidence], ratio: float
) -> Evidence | None:
    """The best candidate scoring at least `ratio` of the best one whose heading names the asked noun, when the
    best one names it neither in its text nor above it; else None."""
    heads = asked_heads(question, weight)
    if not heads or not candidates:
        return None
    best = candidates[0]
    if _names(normalize_text(best.sentence), heads) or _names(_above(best), heads):
        return None
    bar = best.score * ratio
    return next((c for c in candidates[1:] if c.score >= bar and _names(_above(c), heads)), None)
