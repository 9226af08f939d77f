"""One process at a time on a derived file shared by several processes (API workers, test workers).

Building a derived artifact (the ONNX export, the card vectors) costs seconds to minutes of CPU;
processes that start together would each build it. With the lock, the first builds it and the
others wait, then read what it wrote.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def exclusive(target: Path) -> Iterator[None]:
    """Hold ``.<name>.lock`` beside ``target`` (released when the block ends or the process dies)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / f".{target.name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
