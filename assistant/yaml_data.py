"""Reading the product's YAML data files (cards, prompts, grids) with libyaml's C parser when present.

The answer cards alone are a few thousand lines: the pure-Python parser takes seconds on them,
the C one a tenth of that. Both build the same safe Python objects.
"""

from __future__ import annotations

from typing import IO, Any

import yaml

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BASE):  # type: ignore[misc, valid-type]
    """A safe loader that refuses a key written twice in one mapping: YAML would keep the last one
    silently, and a card edited by hand would lose half of what was written (« readings » twice)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str | IO[str]) -> Any:
    """The data of one YAML document (safe types only); raises ``yaml.YAMLError`` when malformed or when
    a mapping repeats a key."""
    return yaml.load(text, Loader=_UniqueKeyLoader)
