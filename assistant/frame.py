"""The words of a question's frame, not of its subject: they weigh nothing when a quote is matched to it.

A quote's own-terms signal is the share of the question's term weight it holds, and a term the documents never
use counts fully (so an off-topic question abstains). A casual yes/no question wraps its subject in words no
plan writes: "…やってたって本当？" asks whether the documents say the subject, and 本当 and やる would then weigh
more than the subject itself, so the sentence that says it falls under the bar.
"""

from __future__ import annotations

_CASUAL_FRAME = frozenset({"本当", "ほんと", "ホント", "やる", "やっ", "やり", "やら", "やれ"})
"""The yes/no frame ("って本当？") and the everyday verb for doing something ("やってる？", "何をやる")."""


def is_frame(token: str) -> bool:
    """Whether a question term belongs to how the question is asked rather than what it asks about."""
    return token in _CASUAL_FRAME
