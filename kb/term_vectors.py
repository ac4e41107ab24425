"""Document terms' vectors kept in the catalog, so each term is embedded once, not once per process.

kb/neighbours.py compares an English word with every term of the keyword index: about 1,200 terms for the bundled
corpus, 6 s to embed on 2 cores. Embedded in memory, a server paid that in warm-up, and every one-off
`climate-kb ask` of an English question paid it again. Kept by embedding set-up (model and passage prefix), so a
changed model never reads another model's vectors. Filled on first use (the first English
question, or a server's warm-up) after a document brings new terms, so an ingest still embeds its passages only.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from kb.catalog import Catalog
from kb.vector_identity import VectorIdentity

_DTYPE = np.float32


class StoredTermVectors:
    """Callable as an embedder of terms: kept vectors are read, missing ones embedded and kept."""

    def __init__(
        self, catalog: Catalog, embed: Callable[[list[str]], list[list[float]]], identity: VectorIdentity
    ) -> None:
        self._catalog = catalog
        self._embed = embed
        self._identity = f"{identity.model}|{identity.passage_prefix}"

    def __call__(self, terms: list[str]) -> np.ndarray:
        """One row per term, in order."""
        kept = self._catalog.term_vectors(self._identity)
        missing = [term for term in dict.fromkeys(terms) if term not in kept]
        if missing:
            fresh = {
                term: vector.tobytes()
                for term, vector in zip(missing, np.asarray(self._embed(missing), dtype=_DTYPE), strict=True)
            }
            self._catalog.keep_term_vectors(self._identity, fresh)
            kept.update(fresh)
        if not terms:
            return np.empty((0, 0), dtype=_DTYPE)
        return np.stack([np.frombuffer(kept[term], dtype=_DTYPE) for term in terms])
