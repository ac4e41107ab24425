"""The names a question sets in brackets (「市役所目標」, 『ゼロカーボン』), which pick the item, row or label it asks
about; one reading for the modules that pick by them."""

from __future__ import annotations

import re

_QUOTED_NAME = re.compile(r"[「『]([^「」『』]+)[」』]")


def quoted_names(text: str, shortest: int, longest: int) -> list[str]:
    """What the text sets in 「」 or 『』 within these lengths; a longer bracket quotes a sentence, not a name."""
    return [name for name in _QUOTED_NAME.findall(text) if shortest <= len(name) <= longest]
