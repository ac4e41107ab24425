"""Retrieval recall of the knowledge base alone: keyword-only, dense-only and hybrid, by language and category.

    .venv/bin/python scripts/retrieval_recall.py                          # dev set, KB built in a temp dir
    .venv/bin/python scripts/retrieval_recall.py --kb /tmp/kb --misses    # reuse (or first build) a KB folder
    .venv/bin/python scripts/retrieval_recall.py --set evals/sets/heldout.jsonl

Calls `KnowledgeBase.search` directly (no assistant, no filters: users pass none), over the answerable rows that
have sources. A row is a hit at k when one of the top k passages holds one of its gold quotes of the same
document (evals.matching.holds_source).

Headline: the standalone rows. A follow-up row ("では2050年の目標は？") only means something after the
conversation, and turning it into a standalone question is the assistant's job (assistant/rewrite.py), not the
knowledge base's; follow-ups are reported on their own, searched as the question alone and as the earlier user
turns joined with the question (a crude stand-in for the rewrite).
"""

from __future__ import annotations

import argparse
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
from kb.embeddings import load_embeddings  # noqa: E402
from kb.knowledge_base import KnowledgeBase  # noqa: E402
from kb.search import SearchMode  # noqa: E402
from kb.settings import KBSettings  # noqa: E402

KS = (1, 5, 10)
DEPTH = max(KS)

Query = Callable[[EvalRow], str]


def first_hit_rank(knowledge_base: KnowledgeBase, row: EvalRow, query: str, mode: SearchMode) -> int | None:
    """Rank (1-based) of the first passage holding a gold quote within the top DEPTH, else None."""
    for hit in knowledge_base.search(query, DEPTH, mode=mode):
        if holds_source(hit.chunk.doc_id, hit.chunk.text, row.sources):
            return hit.rank
    return None


def ranks(knowledge_base: KnowledgeBase, rows: list[EvalRow], query: Query) -> dict[SearchMode, dict[str, int | None]]:
    return {
        mode: {row.id: first_hit_rank(knowledge_base, row, query(row), mode) for row in rows} for mode in SearchMode
    }


def recall(found: dict[str, int | None], rows: list[EvalRow], k: int) -> str:
    if not rows:
        return "     -"
    hits = sum(1 for row in rows if (rank := found[row.id]) is not None and rank <= k)
    return f"{hits / len(rows):6.3f}"


def print_by_group(
    title: str, groups: dict[str, list[EvalRow]], table: dict[SearchMode, dict[str, int | None]], ks: tuple[int, ...]
) -> None:
    print(title)
    header = "".join(f" {mode.value[:7]:>7}@{k:<2}" for mode in SearchMode for k in ks)
    print(f"  {'group':<22}{'n':>4}{header}")
    for name, rows in groups.items():
        cells = "".join(f"  {recall(table[mode], rows, k)}  " for mode in SearchMode for k in ks)
        print(f"  {name:<22}{len(rows):>4}{cells}")
    print()


def print_misses(rows: list[EvalRow], table: dict[SearchMode, dict[str, int | None]]) -> None:
    missed = [row for row in rows if (rank := table[SearchMode.hybrid][row.id]) is None or rank > 5]
    print(f"hybrid misses at 5 ({len(missed)}): id  [hybrid / keyword / dense rank within {DEPTH}]")
    for row in missed:
        shown = " / ".join(str(table[mode][row.id] or "-") for mode in SearchMode)
        print(f"  {row.id:<40} [{shown}]  {row.question}")
    print()


def with_history(row: EvalRow) -> str:
    earlier = [turn.content for turn in row.history if turn.role == "user"]
    return " ".join([*earlier, row.question])


def open_knowledge_base(kb_dir: Path, corpus: Path) -> KnowledgeBase:
    """The KB in `kb_dir`, with `corpus` ingested (unchanged documents are skipped, so reuse is cheap)."""
    settings = KBSettings(dir=kb_dir, chroma_url="")
    knowledge_base = KnowledgeBase(settings, embeddings=load_embeddings(settings))
    start = time.perf_counter()
    results = knowledge_base.ingest([corpus])
    summary = ", ".join(f"{r.doc_id} {r.status.value}" for r in results)
    print(f"kb {kb_dir}: {summary} ({time.perf_counter() - start:.1f} s)")
    return knowledge_base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="eval_set", type=Path, default=PROJECT_ROOT / "evals" / "sets" / "dev.jsonl")
    parser.add_argument("--corpus", type=Path, default=PROJECT_ROOT / "corpus")
    parser.add_argument("--kb", type=Path, help="Knowledge-base folder to reuse or build; a temp dir if absent.")
    parser.add_argument("--misses", action="store_true", help="List the standalone rows hybrid misses at 5.")
    args = parser.parse_args()

    rows = [row for row in load_eval_set(args.eval_set) if row.answerable and row.sources]
    standalone = [row for row in rows if not row.history]
    follow_ups = [row for row in rows if row.history]

    with tempfile.TemporaryDirectory(prefix="climate-kb-recall-") as scratch:
        knowledge_base = open_knowledge_base(args.kb or Path(scratch) / "kb", args.corpus)
        start = time.perf_counter()
        table = ranks(knowledge_base, standalone, lambda row: row.question)
        alone = ranks(knowledge_base, follow_ups, lambda row: row.question)
        joined = ranks(knowledge_base, follow_ups, with_history)
        knowledge_base.close()
    elapsed = time.perf_counter() - start

    print(f"{args.eval_set.name}: {len(rows)} answerable rows with sources, {len(standalone)} standalone")
    by_lang = {
        "standalone": standalone,
        **{f"  {lang}": [row for row in standalone if row.lang == lang] for lang in ("ja", "en")},
    }
    print_by_group("recall (headline: standalone rows)", by_lang, table, KS)
    categories = sorted({row.category for row in standalone})
    print_by_group(
        "recall@5 by category (standalone)",
        {category: [row for row in standalone if row.category == category] for category in categories},
        table,
        (5,),
    )
    print_by_group("follow-ups, question alone", {"follow_up": follow_ups}, alone, (5,))
    print_by_group("follow-ups, earlier user turns + question", {"follow_up": follow_ups}, joined, (5,))
    if args.misses:
        print_misses(standalone, table)
    print(f"{3 * (len(standalone) + 2 * len(follow_ups))} searches in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
