"""How a candidate quote is scored: named signals, each weighted, summed; below a bar the assistant abstains.

The selector's hard rules decide which quotes may answer at all; among those, this weighted sum decides which
answers best and whether the best clears the bar. The weights and the bar are learned from the eval sets
(`climate-kb train-ranker`, evals/ranker_training.py) and read from a JSON file named in the settings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PRIOR_WEIGHTS: dict[str, float] = {
    "own_terms": 0.385,
    "own_terms_in_context": 0.165,
    "earlier_terms": 0.1155,
    "earlier_terms_in_context": 0.0495,
    "retrieval": 0.25,
    "extra_lines": -0.02,
    "echo": -0.3,
    "restates": -0.3,
    "after_earlier": 0.3,
    "running_head": -0.2,
    "signpost": -0.2,
    "kind": 0.12,
    "figure_unit": 0.15,
    "counted": 0.3,
    "day": 0.3,
    "known_date": -0.1,
    "whole_area": 0.1,
    "year": 0.15,
    "semantic": 0.5,
    "inverse_rank": 0.0,
    "length": 0.0,
}
"""Every signal the selector gives a candidate, with the weight chosen by hand before any training (and PRIOR_BAR,
the bar that went with them): what training shrinks toward, so a signal the training rows say little about keeps
its hand-chosen sense. The passage's rank and the quote's length were not used by hand."""
PRIOR_BAR = 0.85


@dataclass(frozen=True)
class Ranker:
    weights: Mapping[str, float] = field(default_factory=lambda: dict(PRIOR_WEIGHTS))
    bar: float = PRIOR_BAR

    def score(self, signals: Mapping[str, float]) -> float:
        """In the weights' order, so the same signals give the same score however they were gathered."""
        return sum(weight * signals.get(name, 0.0) for name, weight in self.weights.items())

    @classmethod
    def load(cls, path: Path) -> Ranker:
        """The ranker a training run wrote; a missing or unreadable file is an error, not a silent fallback,
        since the abstention bar only means something with the weights it was calibrated with."""
        stored = json.loads(path.read_text(encoding="utf-8"))
        return cls({str(k): float(v) for k, v in stored["weights"].items()}, float(stored["bar"]))

    def save(self, path: Path, about: Mapping[str, object]) -> None:
        path.write_text(
            json.dumps({"weights": dict(self.weights), "bar": self.bar, "about": about}, ensure_ascii=False, indent=1)
            + "\n",
            encoding="utf-8",
        )
