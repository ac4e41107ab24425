"""Which Latin-script words of an English question can match the documents: the abbreviations they write in capitals.

The plans are Japanese; the Latin words they hold are abbreviations (LNG, ZEB, PPA, CC) and the odd English gloss
("Plan Do Check Action", "bottle to bottle"). An English question's ordinary words ("in", "for", "plan", "carbon")
match only those glosses, so by rarity they outweighed the Japanese terms the glossary added and made a PDCA
sentence the answer to a question about forest maintenance. An English question's word therefore counts only
when the documents write it in capitals; a Japanese question's Latin words ("kW", "Green CarbOn Club") are
names it chose to write, and keep their weight.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ingest.normalize import normalize_text

_WORD = re.compile(r"[A-Za-z]+")
# The English possessive: "Saitama's" would leave a one-letter "s" that the documents' letter "S" matches.
_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’]s\b")


def written_in_capitals(texts: Iterable[str]) -> frozenset[str]:
    """The Latin words (lowercased, as keyword tokens are) the texts write with a capital after the first letter:
    abbreviations (LNG, ZEB) and coined names ("CarbOn"), not the title case of a gloss ("Plan Do Check Action")."""
    return frozenset(
        w.lower() for text in texts for w in _WORD.findall(normalize_text(text)) if any(c.isupper() for c in w[1:])
    )


def english_weight(
    weight: Callable[[str], float], capitals: Callable[[], frozenset[str]], question: str
) -> Callable[[str], float]:
    """`weight` for an English question's terms: a Latin word weighs 0 unless both the documents and the question
    write it in capitals. The question's own spelling tells an abbreviation it names ("CN fuel") from an ordinary
    word that a coined name shares: one "Green CarbOn Club" in the documents made "carbon" of "carbon-neutral",
    asked in a third of English questions, their heaviest term, which no answer holds."""
    asked = written_in_capitals([question])

    def weigh(token: str) -> float:
        if token.isascii() and token.isalpha() and (token not in asked or token not in capitals()):
            return 0.0
        return weight(token)

    return weigh


def without_possessives(english: str) -> str:
    """The English text with "'s" dropped ("Saitama's strategy" -> "Saitama strategy")."""
    return _POSSESSIVE.sub("", english)
