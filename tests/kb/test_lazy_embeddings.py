from __future__ import annotations

import threading
import time

from kb.embeddings import SentenceTransformerEmbeddings
from kb.lazy_embeddings import LazyEmbeddings


def test_lazy_embeddings_load_the_model_once_on_first_use_even_from_many_threads(
    default_embeddings: SentenceTransformerEmbeddings,
) -> None:
    loads: list[int] = []

    def load() -> SentenceTransformerEmbeddings:
        loads.append(1)
        time.sleep(0.2)  # a slow load, so the threads arrive while it is under way
        return default_embeddings

    lazy = LazyEmbeddings(load)
    assert not lazy.loaded and loads == []
    threads = [threading.Thread(target=lazy.embed_query, args=("脱炭素",)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == [1]
    assert lazy.loaded
    assert lazy.embed_documents(["脱炭素"]) == default_embeddings.embed_documents(["脱炭素"])
