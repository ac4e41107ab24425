"""kb.build_once: a build is finished or absent, never half there, and runs once for concurrent callers."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from kb.build_once import build_once


def _write_marker(out: Path) -> None:
    (out / "marker").write_text("built")


def test_build_once_builds_only_when_the_target_is_missing(tmp_path: Path) -> None:
    calls: list[Path] = []

    def build(out: Path) -> None:
        calls.append(out)
        _write_marker(out)

    target = tmp_path / "model"
    assert build_once(target, build) == target
    assert build_once(target, build) == target
    assert len(calls) == 1
    assert calls[0] != target  # built elsewhere, then renamed into place
    assert (target / "marker").read_text() == "built"


def test_leftover_partial_build_does_not_count_as_built_and_is_removed(tmp_path: Path) -> None:
    target = tmp_path / "model"
    leftover = tmp_path / f"{target.name}.partial-crashed"
    leftover.mkdir()
    (leftover / "model.safetensors").write_bytes(b"half a file")

    build_once(target, _write_marker)

    assert (target / "marker").exists()
    assert not leftover.exists()


def test_failed_build_leaves_neither_target_nor_partial_folder(tmp_path: Path) -> None:
    def crash(out: Path) -> None:
        (out / "model.safetensors").write_bytes(b"half a file")
        raise RuntimeError("disk full")

    target = tmp_path / "model"
    with pytest.raises(RuntimeError, match="disk full"):
        build_once(target, crash)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["model.lock"]


def test_concurrent_callers_wait_for_a_single_build(tmp_path: Path) -> None:
    calls: list[Path] = []

    def slow_build(out: Path) -> None:
        calls.append(out)
        time.sleep(0.3)
        _write_marker(out)

    target = tmp_path / "model"
    results: list[Path] = []
    threads = [threading.Thread(target=lambda: results.append(build_once(target, slow_build))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert results == [target] * 3
    assert (target / "marker").exists()
