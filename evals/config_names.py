"""The names of the configurations an evaluation compares, importable without building them.

The CLI lists them in its help at start-up; evals/configs.py, which builds them, imports the assistant and Chroma.
"""

from __future__ import annotations

CONFIG_NAMES: tuple[str, ...] = ("ours", "keyword", "dense", "naive")
"""Every configuration, in the order tables list them; the first is the default primary. evals/configs.py maps
each to what it builds (the assistant in a retrieval mode, or the naive baseline)."""
