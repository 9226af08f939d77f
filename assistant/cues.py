"""Cues: patterns showing what a message is about, unless another pattern says otherwise.

The conduct rules (``prompts/conduct.yaml``) and the redirect topics
(``prompts/redirects.yaml``) both decide on cues written as data: a list of
``signals`` (regular expressions over the message's folded words) and an optional
``unless`` that vetoes them (« liste noire » is a blacklist, unless the message asks
what the law allows). One type keeps the two files read and matched the same way.

A cue may also be a combination of **concepts** (``prompts/lexicons.yaml``): one
sentence holding a term of every concept, close to each other — an act of the user
(exclude, misrepresent, disclose) with what the law protects (a ground of
discrimination, the reality of the hours, health data). A concept is a list of terms
written from the law, so the cue covers a category of requests, not the phrasings seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.yaml_data import load_yaml

# Sentences of a folded message: a concept combination must hold within one of them.
_SENTENCE_END = re.compile(r"[.;!?\n]+")
DEFAULT_WINDOW = 160  # at most this many characters between two terms of a combination

Lexicons = Mapping[str, tuple[str, ...]]


class UnknownLexicon(ValueError):
    """A conduct rule names a lexicon that ``prompts/lexicons.yaml`` does not define."""


def load_lexicons(path: Path) -> dict[str, tuple[str, ...]]:
    """The named term lists of a lexicon file; an absent file gives none."""
    if not path.is_file():
        return {}
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    return {str(name): tuple(str(term) for term in terms or ()) for name, terms in (data.get("lexicons") or {}).items()}


def concept_pattern(names: str | Sequence[str], lexicons: Lexicons) -> re.Pattern[str]:
    """One pattern matching, as whole words, any term of the named lexicon(s)."""
    terms: list[str] = []
    for name in [names] if isinstance(names, str) else list(names):
        if name not in lexicons:
            raise UnknownLexicon(f"lexique inconnu : {name!r}")
        terms.extend(lexicons[name])
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{term})" for term in terms) + r")(?!\w)")


@dataclass(frozen=True)
class Cues:
    signals: tuple[re.Pattern[str], ...] = ()
    unless: re.Pattern[str] | None = None
    concepts: tuple[re.Pattern[str], ...] = ()  # all of them in one sentence, within ``window``
    window: int = DEFAULT_WINDOW

    @classmethod
    def from_data(
        cls,
        signals: Iterable[object] | None,
        unless: object | None,
        concepts: Iterable[str | Sequence[str]] | None = None,
        lexicons: Lexicons | None = None,
        window: int | None = None,
    ) -> Cues:
        """Cues from a data file's ``signals`` list, ``unless`` pattern and ``concepts`` (all optional)."""
        return cls(
            signals=tuple(re.compile(str(signal)) for signal in signals or ()),
            unless=re.compile(str(unless)) if unless else None,
            concepts=tuple(concept_pattern(names, lexicons or {}) for names in concepts or ()),
            window=int(window) if window else DEFAULT_WINDOW,
        )

    def find(self, words: str) -> str | None:
        """The passage of ``words`` (a message through ``fold_words``) a signal shows, unless vetoed."""
        if self.unless is not None and self.unless.search(words):
            return None
        for signal in self.signals:
            found = signal.search(words)
            if found:
                return found.group(0)
        if self.concepts:
            for sentence in _SENTENCE_END.split(words):
                found_span = self._combination(sentence)
                if found_span:
                    return found_span
        return None

    def _combination(self, sentence: str) -> str | None:
        """The shortest passage of ``sentence`` holding a term of every concept, if within the window."""
        spans = [[m.span() for m in concept.finditer(sentence)] for concept in self.concepts]
        if not all(spans):
            return None
        for start, end in spans[0]:
            low, high = start, end
            for others in spans[1:]:
                near = [s for s in others if s[0] <= end + self.window and s[1] >= start - self.window]
                if not near:
                    break
                closest = min(near, key=lambda s: abs(s[0] - start))
                low, high = min(low, closest[0]), max(high, closest[1])
            else:
                return sentence[low:high].strip()
        return None
