"""Fitted scikit-learn models kept on disk under ``<data_dir>/models/``, named by a digest of what they were
trained from: a process that finds the file reads it instead of training again (the intent classifier, the
learned unlawful-request check and the one-case detector each take seconds to train)."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def files_key(version: str, files: Iterable[Path]) -> str:
    """Digest of a model's version, scikit-learn's version and every training file (name and bytes)."""
    import sklearn

    digest = hashlib.sha256(version.encode() + sklearn.__version__.encode())
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def load_or_fit(cached: Path | None, fit: Callable[[], T]) -> T:
    """The object pickled at ``cached``, else ``fit()`` written there for the next process (atomically: two
    processes may train at once); a missing, unreadable or unwritable cache only costs a training."""
    if cached is not None and cached.is_file():
        try:
            with cached.open("rb") as handle:
                return pickle.load(handle)  # type: ignore[no-any-return]
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            pass
    fitted = fit()
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_suffix(f".{hashlib.sha256(str(id(fitted)).encode()).hexdigest()[:6]}")
            with temporary.open("wb") as handle:
                pickle.dump(fitted, handle)
            temporary.replace(cached)
        except OSError:
            pass
    return fitted
