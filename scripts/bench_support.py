"""Timing helpers shared by the sections of scripts/bench.py: percentiles, timed calls, profiles, the machine line."""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import statistics
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

Item = TypeVar("Item")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed_ms(
    function: Callable[[Item], object], inputs: Iterable[Item], before: Callable[[], object] | None = None
) -> list[float]:
    """Milliseconds of each call; `before` runs untimed ahead of each (emptying a cache)."""
    times = []
    for item in inputs:
        if before is not None:
            before()
        start = time.perf_counter()
        function(item)
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> str:
    return f"p50 {statistics.median(times):7.1f} ms   p95 {percentile(times, 0.95):7.1f} ms"


def print_profile(function: Callable[[Item], object], inputs: Iterable[Item], top: int = 12) -> None:
    """cProfile of the calls, the `top` functions by cumulative time."""
    profile = cProfile.Profile()
    profile.enable()
    for item in inputs:
        function(item)
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(top)
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[-2500:])


def machine() -> str:
    import torch

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores, load average {load}; torch {torch.__version__}, {torch.get_num_threads()} threads, "
        f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', '(unset)')}"
    )
