"""Benchmark: ingest throughput, warm search latency, where a search spends its time, warm `ask` latency, recall@5.

    .venv/bin/python scripts/bench.py                 # about 4 minutes on 2 cores
    .venv/bin/python scripts/bench.py --profile       # + cProfile of the hybrid searches and of the asks
    .venv/bin/python scripts/bench.py --sweep         # + recall@5 over chunk sizes x candidates x rrf_k (slow)

Figures only, no pass/fail. Every absolute figure comes with a ratio against a baseline measured in the same
process (hybrid latency / dense-only latency, ingest chunks/s / raw embedding passages/s, ask latency / hybrid
search latency), because absolute times on a shared 2-core machine move with whatever else is running; the load
average is printed too. The `ask` section is in scripts/bench_ask.py, timing helpers in scripts/bench_support.py.
Recall@5: a question is a hit when one of its top 5 passages holds one of its gold quotes (same document; both
sides normalised with ingest.normalize.normalize_text and stripped of whitespace), over the answerable rows
that have sources.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import climate_kb  # noqa: E402,F401  (offline environment defaults before anything else is imported)
import kb  # noqa: E402,F401  (torch threading defaults, before torch is imported)
from evals.matching import holds_source  # noqa: E402
from evals.schema import EvalRow, load_eval_set  # noqa: E402
from kb.embeddings import SentenceTransformerEmbeddings, load_embeddings  # noqa: E402
from kb.keyword import KeywordHit  # noqa: E402
from kb.knowledge_base import KnowledgeBase  # noqa: E402
from kb.search import HybridSearcher, SearchMode  # noqa: E402
from kb.settings import KBSettings  # noqa: E402
from kb.store import DenseHit  # noqa: E402

# isort: split
from bench_ask import bench_ask  # noqa: E402  (scripts/, beside this file; after the project's defaults above)
from bench_support import machine, percentile, print_profile, summary, timed_ms  # noqa: E402

WARM_UP = 5
SWEEP_CHUNKS = [(96, 16), (128, 32), (160, 32), (224, 48), (320, 64)]
SWEEP_CANDIDATES = [10, 20, 30, 50, 100]
SWEEP_RRF_K = [5, 10, 20, 30, 60, 100]
DEPTH = max(SWEEP_CANDIDATES)


def answerable(rows: list[EvalRow]) -> list[EvalRow]:
    return [r for r in rows if r.answerable and r.sources]


# ------------------------------------------------------------------------------------------------- ingest


def bench_ingest(settings: KBSettings, embeddings: SentenceTransformerEmbeddings, corpus: Path) -> KnowledgeBase:
    knowledge_base = KnowledgeBase(settings, embeddings)
    start = time.perf_counter()
    results = knowledge_base.ingest([corpus])
    seconds = time.perf_counter() - start
    chunks = sum(r.chunks for r in results)
    texts = [c.text for c in knowledge_base._catalog.all_chunks()]
    start = time.perf_counter()
    embeddings.embed_documents(texts)
    raw = time.perf_counter() - start
    print(f"ingest      {len(results)} files, {chunks} chunks in {seconds:.1f} s: {chunks / seconds:.1f} chunks/s")
    print(f"baseline    embed_documents of the same {len(texts)} chunks: {len(texts) / raw:.1f} passages/s")
    print(f"ratio       ingest / raw embedding throughput = {(chunks / seconds) / (len(texts) / raw):.2f}")
    return knowledge_base


# ------------------------------------------------------------------------------------------------- latency


def forget_query_vectors(knowledge_base: KnowledgeBase) -> Callable[[], None]:
    """Empty the store's query-vector cache, so each timed search embeds its question."""
    return knowledge_base._vectors.forget_query_vectors


def bench_latency(knowledge_base: KnowledgeBase, questions: list[str]) -> dict[SearchMode, list[float]]:
    """Warm = model, Chroma and BM25 loaded and exercised; each question still embedded (the cache is emptied)."""
    forget = forget_query_vectors(knowledge_base)
    for question in questions[:WARM_UP]:
        for mode in SearchMode:
            knowledge_base.search(question, mode=mode)
    results = {}
    for mode in SearchMode:
        results[mode] = timed_ms(lambda q, mode=mode: knowledge_base.search(q, mode=mode), questions, forget)
        print(f"search {mode.value:<8} {summary(results[mode])}   ({len(questions)} questions, warm, new question)")
    for question in questions:
        knowledge_base.search(question)  # fills the query-vector cache
    repeated = timed_ms(lambda q: knowledge_base.search(q), questions)
    print(f"search hybrid   {summary(repeated)}   (the same questions again: query vectors cached)")
    dense = statistics.median(results[SearchMode.dense])
    dense95 = percentile(results[SearchMode.dense], 0.95)
    for mode in (SearchMode.hybrid, SearchMode.keyword):
        p50 = statistics.median(results[mode]) / dense
        p95 = percentile(results[mode], 0.95) / dense95
        print(f"ratio       {mode.value} / dense-only latency: p50 {p50:.2f}, p95 {p95:.2f}")
    return results


def bench_parts(knowledge_base: KnowledgeBase, questions: list[str]) -> None:
    """Each step of a hybrid search on its own: query embedding, Chroma query, BM25, catalog lookup."""
    searcher = knowledge_base.searcher()
    vectors = knowledge_base._vectors
    keyword = knowledge_base._current_keyword_index()
    depth = knowledge_base.settings.candidates
    forget = forget_query_vectors(knowledge_base)
    vector = vectors.embed_query(questions[0])
    ids = [h.chunk_id for h in vectors.search(vector, depth)] + [
        h.chunk_id for h in keyword.search(questions[0], depth)
    ]
    parts = {
        "query embedding": lambda q: vectors.embed_query(q),
        "Chroma query": lambda q: vectors.search(vector, depth),
        "BM25 query": lambda q: keyword.search(q, depth),
        "catalog lookup": lambda q: knowledge_base._catalog.chunks_by_ids(ids),
        "catalog generation": lambda q: knowledge_base._catalog.generation(),
        "whole hybrid search": lambda q: searcher.search(q, 5),
    }
    for name, function in parts.items():
        print(f"  {name:<20} {summary(timed_ms(function, questions, forget))}")


def bench_query_embedding(embeddings: SentenceTransformerEmbeddings, questions: list[str]) -> None:
    """Single-question embedding by each engine, alternating so all see the same load: the configured one (the
    ONNX export by default), sentence-transformers under bf16 autocast, and sentence-transformers in fp32 (extra
    copies of the model: the configured one keeps its linear weights in bf16)."""
    model = embeddings.model_name_or_path
    prefixes = (embeddings.query_prefix, embeddings.passage_prefix)
    engines = {f"configured ({embeddings.query_engine})": embeddings}
    if embeddings.query_engine == "onnx":
        engines["sentence-transformers"] = SentenceTransformerEmbeddings(model, *prefixes, 1)
    if embeddings._bf16:
        engines["s-t fp32"] = SentenceTransformerEmbeddings(model, *prefixes, 1, bf16=False)
    times: dict[str, list[float]] = {name: [] for name in engines}
    for question in questions[:WARM_UP]:
        for engine in engines.values():
            engine.embed_query(question)
    for question in questions:
        for name, engine in engines.items():
            times[name].extend(timed_ms(engine.embed_query, [question]))
    for name, values in times.items():
        print(f"  {name:<20} {summary(values)}")
    configured = statistics.median(next(iter(times.values())))
    for name, values in list(times.items())[1:]:
        print(f"  ratio configured / {name:<20} p50 {configured / statistics.median(values):.2f}")


# -------------------------------------------------------------------------------------------------- recall


def recall_table(
    rows: list[EvalRow], search: Callable[[str, SearchMode], list[tuple[str, str]]]
) -> dict[str, dict[str, float]]:
    """mode -> {all, ja, en, no follow-ups} recall@5; `search` gives (doc id, passage text) of the top 5."""
    table: dict[str, dict[str, float]] = {}
    for mode in SearchMode:
        hits = {r.id: any(holds_source(doc, text, r.sources) for doc, text in search(r.question, mode)) for r in rows}
        groups = {
            "all": rows,
            "ja": [r for r in rows if r.lang == "ja"],
            "en": [r for r in rows if r.lang == "en"],
            "no follow-ups": [r for r in rows if not r.history],
        }
        table[mode.value] = {name: sum(hits[r.id] for r in group) / len(group) for name, group in groups.items()}
        table[mode.value]["missed"] = [r.id for r in rows if not hits[r.id]]  # type: ignore[assignment]
    return table


def print_recall(table: dict[str, dict[str, float]], rows: list[EvalRow]) -> None:
    n_ja = sum(r.lang == "ja" for r in rows)
    n_fu = sum(bool(r.history) for r in rows)
    print(f"recall@5    {len(rows)} answerable rows ({n_ja} ja, {len(rows) - n_ja} en, {n_fu} follow-ups)")
    print(f"  {'mode':<8} {'all':>6} {'ja':>6} {'en':>6} {'no follow-ups':>14}")
    for mode, scores in table.items():
        print(
            f"  {mode:<8} {scores['all']:6.3f} {scores['ja']:6.3f} {scores['en']:6.3f} {scores['no follow-ups']:14.3f}"
        )
    print(f"  hybrid misses: {', '.join(table['hybrid']['missed'])}")


class _CachedKeyword:
    def __init__(self, rankings: dict[str, list[str]]) -> None:
        self._rankings = rankings

    def search(self, query: str, k: int, municipality: str | None = None, doc_id: str | None = None):
        return [KeywordHit(chunk_id, 0.0) for chunk_id in self._rankings[query][:k]]


class _CachedVectors:
    def __init__(self, rankings: dict[str, list[str]]) -> None:
        self._rankings = rankings

    def embed_query(self, query: str) -> str:
        return query

    def search(self, query: str, k: int, municipality: str | None = None, doc_id: str | None = None):
        return [DenseHit(chunk_id, 0.0) for chunk_id in self._rankings[query][:k]]


def sweep(
    rows: list[EvalRow], corpus: Path, embeddings: SentenceTransformerEmbeddings, scratch: Path, out: Path | None
) -> None:
    """Recall@5 (hybrid) over chunk sizes x candidates x rrf_k; each chunking is ingested once, rankings cached."""
    questions = sorted({r.question for r in rows})
    query_vectors = {q: embeddings.embed_query(q) for q in questions}
    records = []
    for chunk_tokens, overlap in SWEEP_CHUNKS:
        settings = KBSettings(
            dir=scratch / f"sweep-{chunk_tokens}-{overlap}",
            chroma_url="",
            chunk_tokens=chunk_tokens,
            chunk_overlap_tokens=overlap,
        )
        knowledge_base = KnowledgeBase(settings, embeddings)
        start = time.perf_counter()
        knowledge_base.ingest([corpus])
        n_chunks = len(knowledge_base._catalog.chunk_ids())
        keyword = knowledge_base._current_keyword_index()
        keyword_rankings = {q: [h.chunk_id for h in keyword.search(q, DEPTH)] for q in questions}
        dense_rankings = {
            q: [h.chunk_id for h in knowledge_base._vectors.search(query_vectors[q], DEPTH)] for q in questions
        }
        print(f"  chunks {chunk_tokens}/{overlap}: {n_chunks} chunks ({time.perf_counter() - start:.0f} s)", flush=True)
        for candidates, rrf_k in itertools.product(SWEEP_CANDIDATES, SWEEP_RRF_K):
            searchers = {
                mode: HybridSearcher(
                    knowledge_base._catalog,
                    _CachedKeyword(keyword_rankings),  # type: ignore[arg-type]
                    _CachedVectors(dense_rankings),  # type: ignore[arg-type]
                    candidates,
                    rrf_k,
                    mode,
                )
                for mode in SearchMode
            }

            def search(question: str, mode: SearchMode, searchers=searchers) -> list[tuple[str, str]]:
                return [(h.chunk.doc_id, h.chunk.text) for h in searchers[mode].search(question, 5)]

            table = recall_table(rows, search)
            records.append(
                {
                    "chunk_tokens": chunk_tokens,
                    "overlap": overlap,
                    "chunks": n_chunks,
                    "candidates": candidates,
                    "rrf_k": rrf_k,
                    **{f"{mode}_{group}": table[mode][group] for mode in table for group in ("all", "ja", "en")},
                    "hybrid_missed": table["hybrid"]["missed"],
                }
            )
        knowledge_base.close()
    if out is not None:
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    print(f"  {'chunks':>7} {'cand':>4} {'rrf_k':>5}  {'hybrid':>6} {'ja':>6} {'en':>6}  {'keyword':>7} {'dense':>6}")
    best = sorted(records, key=lambda r: (-r["hybrid_all"], -r["hybrid_en"], r["chunk_tokens"] != 160))
    defaults = [r for r in records if (r["chunk_tokens"], r["candidates"], r["rrf_k"]) == (160, 30, 60)]
    for r in [*defaults, *best[:15]]:
        print(
            f"  {r['chunk_tokens']:>4}/{r['overlap']:<3}{r['candidates']:>4} {r['rrf_k']:>5}  {r['hybrid_all']:6.3f}"
            f" {r['hybrid_ja']:6.3f} {r['hybrid_en']:6.3f}  {r['keyword_all']:7.3f} {r['dense_all']:6.3f}"
        )
    print("  per chunking, best candidates/rrf_k:")
    for chunk_tokens, overlap in SWEEP_CHUNKS:
        mine = [r for r in best if r["chunk_tokens"] == chunk_tokens]
        top = mine[0]
        print(
            f"  {chunk_tokens:>4}/{overlap:<3} {top['candidates']:>4} {top['rrf_k']:>5}  hybrid {top['hybrid_all']:.3f}"
            f" (ja {top['hybrid_ja']:.3f}, en {top['hybrid_en']:.3f}); keyword {top['keyword_all']:.3f},"
            f" dense {top['dense_all']:.3f}"
        )


# ---------------------------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=PROJECT_ROOT / "corpus")
    parser.add_argument("--set", dest="eval_set", type=Path, default=PROJECT_ROOT / "evals" / "sets" / "dev.jsonl")
    parser.add_argument("--questions", type=int, default=50, help="How many questions time the searches.")
    parser.add_argument("--profile", action="store_true", help="cProfile the hybrid searches and the asks.")
    parser.add_argument("--sweep", action="store_true", help="Recall@5 over chunk sizes, candidates and rrf_k.")
    parser.add_argument("--sweep-out", type=Path, help="Write every sweep row as JSON lines here.")
    args = parser.parse_args()

    print(machine())
    rows = load_eval_set(args.eval_set)
    questions = [r.question for r in rows][: args.questions]
    start = time.perf_counter()
    settings = KBSettings(dir=Path("/nonexistent"), chroma_url="")
    embeddings = load_embeddings(settings)
    print(
        f"model       loaded in {time.perf_counter() - start:.1f} s "
        f"(bf16 autocast: {embeddings._bf16}; questions embedded by {embeddings.query_engine})"
    )

    with tempfile.TemporaryDirectory(prefix="climate-kb-bench-") as scratch:
        settings = KBSettings(dir=Path(scratch) / "kb", chroma_url="")
        knowledge_base = bench_ingest(settings, embeddings, args.corpus)
        print()
        bench_latency(knowledge_base, questions)
        print("parts of a hybrid search (each on its own):")
        bench_parts(knowledge_base, questions)
        print("single-question embedding:")
        bench_query_embedding(embeddings, questions)
        if args.profile:
            print_profile(knowledge_base.search, questions)
        print()
        scored = answerable(rows)
        print("ask (extractive answers, warm):")
        bench_ask(knowledge_base, scored, args.profile)
        print()

        def search(question: str, mode: SearchMode) -> list[tuple[str, str]]:
            return [(h.chunk.doc_id, h.chunk.text) for h in knowledge_base.search(question, 5, mode=mode)]

        print_recall(recall_table(scored, search), scored)
        knowledge_base.close()
        if args.sweep:
            print()
            print("sweep (recall@5 on the same rows; rankings cached per chunking, fusion by HybridSearcher)")
            sweep(scored, args.corpus, embeddings, Path(scratch), args.sweep_out)
    print(machine())


if __name__ == "__main__":
    main()
