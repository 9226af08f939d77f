"""Reading the product's YAML data files (cards, prompts, grids) with libyaml's C parser when present.

The answer cards alone are a few thousand lines: the pure-Python parser takes seconds on them,
the C one a tenth of that. Both build the same safe Python objects.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """The data of one YAML document (safe types only); raises ``yaml.YAMLError`` when malformed."""
    return yaml.load(text, Loader=_LOADER)
