"""Who can answer a question the guides leave open, inferred from its topic, kept as data in
``prompts/answerers.yaml``.

A redirect topic (:mod:`assistant.redirects`) names the service of a message whose signals show it asks for that
service's facts. Most questions the guides do not settle show no such signal: a legal point they do not treat, one
tender's documents, a structure's price, who pays a training. An answer that does not settle the question (a « Vouliez-vous
dire », a « je ne trouve pas », the nearest card only) still names who decides that kind of point, so that the user
knows where to go; the general line (the facilitator, the IVE service) stays for a message whose topic is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assistant.cues import Cues
from assistant.fr import fold_words
from assistant.yaml_data import load_yaml

KINDS = ("close", "clarify", "unknown")  # the three answers that name who can answer


class UnknownAnswerKind(ValueError):
    """A line was asked for an answer kind the data does not word (see :data:`KINDS`)."""


@dataclass(frozen=True)
class Answerer:
    id: str
    cues: Cues
    service: str  # who decides, as the end of a sentence

    def shown(self, words: str, whole: str) -> bool:
        """Whether ``words`` (folded) show this topic, unless the ``whole`` folded message vetoes it."""
        if self.cues.unless is not None and self.cues.unless.search(whole):
            return False
        return any(signal.search(words) for signal in self.cues.signals)


@dataclass(frozen=True)
class Answerers:
    topics: tuple[Answerer, ...]
    lines: dict[str, str]  # per answer kind, a template with {services}
    also: str = "{services}."  # a second topic's service, after the first (each service keeps its own clauses)
    most: int = 2
    open_markers: tuple[re.Pattern[str], ...] = ()  # how a card says the guides do not settle the point

    def leaves_open(self, answer: str) -> bool:
        """Whether a card's ``answer`` itself says the guides do not settle the point (« ce cas n'est pas traité dans
        les guides »): like the nearest card, it then names who can settle the user's case."""
        return any(marker.search(answer) for marker in self.open_markers)

    def find(self, asked: str, whole: str) -> tuple[Answerer, ...]:
        """The topics (at most ``most``, in the data's order) shown in what is ``asked``, else in the ``whole``
        message: the question's own topic comes before the situation told around it."""
        asked_words, whole_words = fold_words(asked), fold_words(whole)
        found = tuple(t for t in self.topics if t.shown(asked_words, whole_words))
        if not found and asked_words != whole_words:
            found = tuple(t for t in self.topics if t.shown(whole_words, whole_words))
        return found[: self.most]

    def line(self, kind: str, asked: str, whole: str) -> str | None:
        """The ``kind`` of answer's sentence naming who can answer, or None when no topic is read."""
        if kind not in self.lines:
            raise UnknownAnswerKind(f"type de réponse inconnu : {kind!r}")
        found = self.find(asked, whole)
        if not found:
            return None
        first = self.lines[kind].format(services=found[0].service)
        others = [self.also.format(services=t.service) for t in found[1:]]
        return " ".join([first, *others])


def load_answerers(path: Path) -> Answerers | None:
    """The topics of ``path`` (None when the file is missing)."""
    if not path.is_file():
        return None
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    topics = tuple(
        Answerer(
            id=str(raw["id"]),
            cues=Cues.from_data(raw.get("signals"), raw.get("unless")),
            service=str(raw["service"]).strip(),
        )
        for raw in data.get("topics") or ()
    )
    lines = {kind: str(data[kind]).strip() for kind in KINDS if data.get(kind)}
    also = str(data.get("also") or "{services}.").strip()
    markers = tuple(re.compile(str(marker)) for marker in data.get("open_markers") or ())
    return Answerers(topics, lines, also, int(data.get("most") or 2), markers)
