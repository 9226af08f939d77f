"""The example questions (``eval/examples.yaml``) with what a correct answer must contain.

Data shared by the engine tests, the CLI end-to-end tests, the benchmarks and the
load test; see the YAML file's header for the meaning of each field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

EXAMPLES_FILE = Path(__file__).with_name("examples.yaml")


@dataclass(frozen=True)
class Example:
    id: str
    question: str
    intent: str
    contains: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    hours: int | None = None
    absent: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()  # source files one of the citations must come from


def _example(entry: dict[str, Any]) -> Example:
    lists = {key: tuple(entry.get(key) or ()) for key in ("contains", "references", "absent", "cites")}
    return Example(entry["id"], entry["question"], entry["intent"], hours=entry.get("hours"), **lists)


def load_examples(path: Path = EXAMPLES_FILE) -> tuple[Example, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(_example(entry) for entry in data["examples"])


EXAMPLES: tuple[Example, ...] = load_examples()
