"""Where a sentence ends, one definition for every module that reads passages, questions or answers by sentence;
the terminators are the chunker's (ingest/chunk.py), so a passage is cut where the assistant reads a sentence end.

A full stop is no terminator inside a line, where it is as often a decimal point or an abbreviation's dot
("12.5%", "No.3"); only at a line's end, or where a module says what may follow it, does it end a sentence.
"""

from __future__ import annotations

import re

from ingest.chunk import TERMINATORS

TERMINATOR = re.compile(f"[{TERMINATORS}]")
"""A sentence's end anywhere in a text: a quote holding one is prose, no heading."""
SENTENCE_END = re.compile(rf"[{TERMINATORS}.]\s*$")
"""Text that ends as a sentence does: a line of prose, not a label or a table cell."""
