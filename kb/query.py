"""Query expansion: an English question also carries the Japanese words its passages use.

The corpus is Japanese. BM25 matches nothing in "What is Kawasaki's renewable energy target?", and the dense
model places it near the right passages but not sharply. Appending the glossary's Japanese terms (再生可能エネルギー,
目標) and the stored municipality the question names in romaji (川崎市) lets both sides of the hybrid search work:
measured on the dev set's English rows, hybrid recall@5 went from .61 to .94. Other names the documents use (大宮,
浮島) come from kb.names. A Japanese question that spells a name in kana or romaji (かわさきしんようきんこ) is searched
in the documents' spelling (川崎信用金庫), from the same map; one that calls a thing by another established name
(営農型太陽光発電) also searches the plans' name for it (ソーラーシェアリング, kb.glossary). The assistant asks the
same expander for its own words (KnowledgeBase.japanese_wording), so there is one English-to-Japanese mapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kb.glossary import japanese_terms, mostly_latin, plans_names
from kb.loanwords import Loanwords
from kb.names import DocumentNames
from kb.neighbours import NearestTerms
from kb.romaji import romanised_names


class QueryExpander:
    """Built from the municipalities and document names the knowledge base stores; cheap to call on every search."""

    def __init__(
        self,
        municipalities: Iterable[str],
        names: DocumentNames | None = None,
        loanwords: Loanwords | None = None,
        neighbours: NearestTerms | None = None,
    ) -> None:
        self._document_names = names or DocumentNames({})
        self._loanwords = loanwords or Loanwords(())
        self._neighbours = neighbours
        self._names: dict[str, str] = {}
        for name in sorted(municipalities):
            for spelling in romanised_names(name):
                self._names.setdefault(spelling, name)
        alternatives = "|".join(re.escape(s) for s in sorted(self._names, key=len, reverse=True))
        self._pattern = re.compile(rf"\b({alternatives})\b", re.IGNORECASE) if alternatives else None

    def places(self, text: str) -> list[str]:
        """Stored municipalities the text names in romaji, in order of appearance."""
        if self._pattern is None:
            return []
        return list(dict.fromkeys(self._names[m.group(1).lower()] for m in self._pattern.finditer(text)))

    def prepare(self) -> None:
        """Do now what the first English question would otherwise wait seconds for: embed the document terms."""
        if self._neighbours is not None:
            self._neighbours.prepare()

    def japanese(self, english: str) -> list[str]:
        """The Japanese words for an English text: the municipalities and other stored names it writes in romaji,
        then its glossary terms, then the katakana loanwords of its other words (kb.loanwords), then the document
        terms nearest to the words none of those cover (kb.neighbours)."""
        # A municipality is searched by its full name only: its stem as a document name too (川崎 beside 川崎市)
        # would pull passages towards whatever merely names the city.
        rest = self._pattern.sub(",", english) if self._pattern is not None else english
        found = [
            *self.places(english),
            *self._document_names.japanese(rest),
            *japanese_terms(english),
            *self._loanwords.japanese(rest),
            *(self._neighbours.japanese(rest) if self._neighbours is not None else ()),
        ]
        return list(dict.fromkeys(found))

    def respell(self, japanese: str) -> str:
        """A Japanese text with the names it spells in kana or romaji written as the documents write them."""
        return self._document_names.respell(japanese)

    def expand(self, query: str) -> str:
        """The query, plus for an English one the Japanese words it lacks (never twice); a Japanese one in the
        documents' spelling, plus the plans' names for the synonyms it uses (kb.glossary)."""
        if not mostly_latin(query):
            query = self.respell(query)
            extra = [name for name in plans_names(query) if name not in query]
        else:
            extra = [term for term in self.japanese(query) if term not in query]
        return f"{query} {' '.join(extra)}" if extra else query
