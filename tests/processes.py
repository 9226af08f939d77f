"""The environment of a product process (CLI, server) that a test starts."""

from __future__ import annotations

import os

MODELS_CACHE_VARIABLE = "CLAUSES_MODELS_CACHE_DIR"


def child_env(**settings: str) -> dict[str, str]:
    """This process's environment without the runner's ``CLAUSES_`` settings, except the run's
    shared models cache (so a child does not export the model or embed the cards again), plus
    ``settings`` given as ``CLAUSES_<NAME>`` variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAUSES_")}
    if MODELS_CACHE_VARIABLE in os.environ:
        env[MODELS_CACHE_VARIABLE] = os.environ[MODELS_CACHE_VARIABLE]
    env.update({f"CLAUSES_{name.upper()}": value for name, value in settings.items()})
    return env
