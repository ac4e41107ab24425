"""Counters: units that count things (3本, 22団体, 13,000世帯) rather than measure or share them (t, kW, %).

Question analysis, wrong-premise checks and threshold filters each need to know them; one list keeps a counter
added for one from being missed by the others.
"""

from __future__ import annotations

COUNTERS: tuple[str, ...] = ("件", "人", "名", "台", "基", "者", "団体", "社", "か所", "箇所", "本", "回", "校", "世帯")
COUNTER_ALTERNATION = "|".join(COUNTERS)
"""The counters as a regex alternation (none is a prefix of another, so order does not matter)."""


def is_counter(unit: str) -> bool:
    """A unit that counts things (本, 世帯, 団体), not a measure or a share (%, 万, t)."""
    return unit in COUNTERS
