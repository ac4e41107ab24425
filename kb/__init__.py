"""The knowledge base: catalog, Chroma vectors, BM25 keywords and hybrid search over them."""

import os

# torch's OpenMP threads spin-wait between parallel regions by default. On our 2-core machines, whenever another
# process is busy, the two spinning threads starve each other: a single query embedding measured 0.2-3 s instead
# of 20-60 ms. Passive waiting removes that; it must be set before torch is imported, and `kb` is imported first.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
