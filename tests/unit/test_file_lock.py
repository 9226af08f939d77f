"""A derived file shared by several processes is built by one at a time (assistant/file_lock.py)."""

from __future__ import annotations

import fcntl
import threading
from pathlib import Path

import numpy as np
import pytest

from assistant.file_lock import exclusive
from assistant.matching import _cached_rows


def _try_lock(target: Path) -> bool:
    with open(target.parent / f".{target.name}.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


def test_a_second_holder_is_kept_out_while_the_first_builds(tmp_path: Path) -> None:
    target = tmp_path / "cards.npy"
    holding, release = threading.Event(), threading.Event()

    def build() -> None:
        with exclusive(target):
            holding.set()
            release.wait(timeout=30)

    builder = threading.Thread(target=build)
    builder.start()
    assert holding.wait(timeout=30)
    assert not _try_lock(target)
    release.set()
    builder.join(timeout=30)
    assert _try_lock(target)


def test_the_lock_is_released_when_the_build_fails(tmp_path: Path) -> None:
    target = tmp_path / "cards.npy"
    with pytest.raises(RuntimeError), exclusive(target):
        raise RuntimeError("build failed")
    assert _try_lock(target)


def test_card_vectors_already_kept_are_read_back_without_embedding(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def embed(texts: list[str]) -> np.ndarray:
        calls.append(texts)
        return np.array([[3.0, 4.0], [1.0, 0.0]])

    cached = tmp_path / "cards-abc.npy"
    first = _cached_rows(cached, embed, ["a", "b"])
    again = _cached_rows(cached, embed, ["a", "b"])
    assert len(calls) == 1
    assert np.array_equal(first, again)
    assert np.allclose(first[0], [0.6, 0.8])
