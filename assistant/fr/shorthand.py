"""Text-message shorthand read as the words it stands for (``prompts/shorthand.yaml``).

People write to the widget as they text: « ecris moi un msg pr mon conseiller », « ca fait cmb ? ». Every rule,
parser and search reads whole words; expanding the shorthand once, when the message comes in, lets them all read
« message », « pour », « combien » instead of each learning the abbreviations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from assistant.settings import PROJECT_ROOT
from assistant.yaml_data import load_yaml

TABLE = PROJECT_ROOT / "prompts" / "shorthand.yaml"


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], dict[str, str]]:
    words = load_yaml(TABLE.read_text(encoding="utf-8")) or {}
    return _pattern(words), {str(key).lower(): str(value) for key, value in words.items()}


def _pattern(words: Mapping[str, str]) -> re.Pattern[str]:
    keys = sorted((re.escape(str(key).lower()) for key in words), key=len, reverse=True)
    # a word on its own: not inside another word, nor joined to one by an apostrophe or a hyphen (« l'pr »), nor an
    # initial before a name (« Pr. Dupont »)
    return re.compile(r"(?<![\w'’-])(" + "|".join(keys) + r")(?![\w'’-])(?!\.\s?[A-Z])", re.IGNORECASE)


def expand_shorthand(text: str) -> str:
    """``text`` with each shorthand word replaced by the words it stands for; the rest untouched."""
    pattern, table = _table()
    return pattern.sub(lambda found: table[found.group(1).lower()], text)
