"""Build a folder once per cache, atomically: the default model and its ONNX query export are both made this way.

Builds take seconds to tens of seconds and hundreds of MB, may be started by several processes at once (the web
server and a CLI command) and may die half-way (Ctrl-C, a full disk); none of that may leave a folder that looks
finished but is not.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock

log = logging.getLogger(__name__)

_PARTIAL = ".partial-"


def build_once(target: Path, build: Callable[[Path], None]) -> Path:
    """Run `build` into a temporary sibling of `target` and rename it into place, unless `target` exists.

    The rename is atomic, so `target` existing means a finished build: a crash leaves only a partial folder,
    which the next build removes. The file lock makes concurrent callers wait for one build instead of racing.
    """
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(target.parent / f"{target.name}.lock"):
        if target.is_dir():
            return target
        _remove_partial_builds(target)
        log.info("Building %s (once per cache folder)", target)
        partial = Path(tempfile.mkdtemp(prefix=target.name + _PARTIAL, dir=target.parent))
        try:
            build(partial)
            os.replace(partial, target)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
    return target


def _remove_partial_builds(target: Path) -> None:
    """Delete folders left by builds that died; safe only while holding the build lock."""
    for leftover in target.parent.glob(target.name + _PARTIAL + "*"):
        shutil.rmtree(leftover, ignore_errors=True)
