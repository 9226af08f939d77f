"""French for what Typer prints itself: usage errors, help texts, panel titles.

Typer 0.29 bundles its own copy of Click whose messages are English f-strings (no
gettext catalogue to install), and validates values with pydantic, whose messages are
English too. :func:`install` therefore hooks the three places those strings reach the
user, once, before the application runs: the rich error printer (messages translated
by the patterns of ``messages.fr.yaml``), the parameters' help texts, and the fixed
strings of the rich help (panel titles, « Usage: »). Texts live in the YAML file.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CATALOGUE = Path(__file__).with_name("messages.fr.yaml")


@cache
def _catalogue() -> dict[str, Any]:
    return yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(item["en"]), item["fr"]) for item in _catalogue()["patterns"]]


def translate(message: str) -> str:
    """An English Typer/Click/pydantic message in French; text already French passes unchanged."""
    for pattern, french in _patterns():
        message = pattern.sub(french, message)
    return message


def translate_help(text: str | None) -> str | None:
    return _catalogue()["help"].get(text, text) if text else text


def _usage(text: str) -> str:
    return re.sub(r"^(\s*)Usage: ", lambda m: m.group(1) + _catalogue()["usage"], text)


@cache
def install() -> None:
    """Hook the translations into Typer (idempotent)."""
    from typer import rich_utils
    from typer._click import core

    for name, french in _catalogue()["titles"].items():
        setattr(rich_utils, name, french)

    english_error = rich_utils.rich_format_error

    def french_error(self: Any) -> None:
        english = self.format_message
        self.format_message = lambda: translate(english())
        english_error(self)

    rich_utils.rich_format_error = french_error

    english_get_params = core.Command.get_params

    def french_params(self: Any, ctx: Any) -> Any:
        params = english_get_params(self, ctx)
        for param in params:
            if getattr(param, "help", None):
                param.help = translate_help(param.help)
        return params

    core.Command.get_params = french_params  # type: ignore[method-assign]

    english_usage = core.Command.get_usage

    def french_usage(self: Any, ctx: Any) -> str:
        return _usage(english_usage(self, ctx))

    core.Command.get_usage = french_usage  # type: ignore[method-assign]
