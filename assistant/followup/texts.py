"""The French texts of the follow-up (``prompts/followup.yaml``) and French number formats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from assistant.fr.formatting import fmt_date_fr, fmt_number
from assistant.yaml_data import load_yaml


@dataclass(frozen=True)
class Texts:
    raw: dict[str, Any]

    def get(self, section: str, key: str, **values: Any) -> str:
        template = self.raw[section][key]
        return template.format(**values) if values else template

    def section(self, name: str) -> dict[str, str]:
        return dict(self.raw[name])


def load_texts(path: Path) -> Texts:
    return Texts(load_yaml(path.read_text(encoding="utf-8")))


def hours(value: float) -> str:
    """« 6 253,39 h » with a narrow no-break space before the unit."""
    return f"{fmt_number(value, decimals=2)}\u00a0h"


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{fmt_number(rate * 100, decimals=1)}\u00a0%"


def share(part: int, whole: int) -> str:
    return percent(part / whole if whole else None)


def day(iso: str) -> str:
    return fmt_date_fr(date.fromisoformat(iso))
