"""Cues: patterns showing what a message is about, unless another pattern says otherwise.

The conduct rules (``prompts/conduct.yaml``) and the redirect topics
(``prompts/redirects.yaml``) both decide on cues written as data: a list of
``signals`` (regular expressions over the message's folded words) and an optional
``unless`` that vetoes them (« liste noire » is a blacklist, unless the message asks
what the law allows). One type keeps the two files read and matched the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Cues:
    signals: tuple[re.Pattern[str], ...] = ()
    unless: re.Pattern[str] | None = None

    @classmethod
    def from_data(cls, signals: Iterable[object] | None, unless: object | None) -> Cues:
        """Cues from a data file's ``signals`` list and ``unless`` pattern (both optional)."""
        return cls(
            signals=tuple(re.compile(str(signal)) for signal in signals or ()),
            unless=re.compile(str(unless)) if unless else None,
        )

    def find(self, words: str) -> str | None:
        """The passage of ``words`` (a message through ``fold_words``) a signal shows, unless vetoed."""
        if self.unless is not None and self.unless.search(words):
            return None
        for signal in self.signals:
            found = signal.search(words)
            if found:
                return found.group(0)
        return None
