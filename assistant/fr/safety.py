"""The safety net of the French readers: any failure reads as "nothing found", never a crash."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

_LOG = logging.getLogger("assistant.fr")

# Tests of robustness flip this to surface bugs that the public wrappers would otherwise
# swallow (a user must get "nothing understood", a developer must get the traceback).
RAISE_ERRORS = False

_P = ParamSpec("_P")
_R = TypeVar("_R")


def never_raise(
    default: Callable[[], Any],
) -> Callable[[Callable[Concatenate[str, _P], _R]], Callable[Concatenate[str, _P], _R]]:
    """Turn any failure into the "nothing found" value: a chat turn must not crash on text."""

    def decorate(func: Callable[Concatenate[str, _P], _R]) -> Callable[Concatenate[str, _P], _R]:
        @functools.wraps(func)
        def wrapper(text: str, *args: _P.args, **kwargs: _P.kwargs) -> _R:
            if not isinstance(text, str):
                return cast(_R, default())
            try:
                return func(text, *args, **kwargs)
            except Exception:
                if RAISE_ERRORS:
                    raise
                _LOG.warning("French parser %s failed; treated as nothing found", func.__name__, exc_info=True)
                return cast(_R, default())

        return wrapper

    return decorate
