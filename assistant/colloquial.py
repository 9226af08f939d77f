"""Everyday words read as the standard word the guides use (``corpus/data/colloquial.yaml``).

The guides never say « gars », « boîte » or « taf »: their rarity weight there is the highest there is,
so in the card matcher such a word outweighed the concept asked and pulled the message towards any
card whose paraphrase happened to use it. :class:`ColloquialAnalyzer` reads every everyday word as
its standard word (« gars » → « personne »), in the messages and in the cards' texts alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from assistant.fr import strip_accents
from assistant.lexical import FrenchAnalyzer
from assistant.yaml_data import load_yaml


class ColloquialAnalyzer(FrenchAnalyzer):
    """The French analyzer, with each everyday word analysed as its standard word(s)."""

    def __init__(self, words: Mapping[str, str]) -> None:
        super().__init__()
        self._standard = {strip_accents(key.lower()): str(value) for key, value in words.items()}
        looping = sorted(set(self._standard) & set(_words(" ".join(self._standard.values()))))
        if looping:
            raise ValueError(f"colloquial words whose standard word is itself colloquial: {looping}")

    @classmethod
    def load(cls, path: Path) -> FrenchAnalyzer:
        """The analyzer for the list at ``path``; the plain analyzer when there is no list."""
        if not path.is_file():
            return FrenchAnalyzer()
        return cls(load_yaml(path.read_text(encoding="utf-8")) or {})

    def _analysed_word(self, token: str) -> tuple[str, ...]:
        standard = self._standard.get(strip_accents(token))
        if standard is None:
            return super()._analysed_word(token)
        return tuple(self.tokens(standard))


def _words(text: str) -> list[str]:
    return [strip_accents(word) for word in text.lower().replace("'", " ").split()]
