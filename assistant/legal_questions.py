"""Questions about the law, told apart from requests to do what it forbids.

The conduct rules and the legal guardrails recognise a practice (a residence condition, hours declared for people
already on the payroll, a candidate turned down for his age); whether the message asks to DO it or asks ABOUT it is
another question, read here from the cues of ``prompts/legal_questions.yaml``:

- a request (a wish, an order, a text to write) is refused, whatever else the message asks;
- ``verdict``: whether the practice is lawful (« est-elle compatible avec l'égalité de traitement ? », « c'est
  légal ? »): answered on the question route, the rule's « Non » first with its reason and the lawful way;
- ``grounds``: the grounds to contest such a clause: the same reason, given as the grounds;
- ``explained``: its controls, its consequences, how often it happens: the rule's reason (how the practice is
  proven, controlled and sanctioned) and the lawful way, without a « Non » nobody asked for.

A lawyer, a journalist or a jobseeker's adviser asking about a practice is not asking to carry it out; the writer
who wants it done still gets the refusal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assistant.cues import Cues
from assistant.errors import IntentDataError
from assistant.fr import fold_words
from assistant.yaml_data import load_yaml

Reading = Literal["verdict", "grounds", "explained"]
# The readings in the order they are tried: a verdict owed (« c'est légal ? … on risque quoi ? ») comes first.
READINGS: tuple[Reading, ...] = ("verdict", "grounds", "explained")
# The readings that need the message to be a question (the grounds are often asked as an order: « Donnez-moi… »).
_ASKED_ONLY: frozenset[Reading] = frozenset({"verdict", "explained"})

# A question without its mark: « … en CDI ou pas », « … oui ou non ».
_QUESTION_WITHOUT_MARK = re.compile(r"\b(?:ou pas|ou non|oui ou non)\W*$")


@dataclass(frozen=True)
class LegalQuestions:
    """The cues of a request and of each reading of a question about the law."""

    request: Cues
    readings: dict[Reading, Cues]
    own_act: Cues = Cues()  # the writer's own act (« on déclare… »): a request…
    reported: Cues = Cues()  # …unless someone else's words are reported (« un patron m'a dit que… »)
    wrong_asked: Cues = Cues()  # « …, ça pose problème ? »: a « oui » there means the practice is wrong

    @classmethod
    def load(cls, path: Path) -> LegalQuestions:
        try:
            data = load_yaml(Path(path).read_text(encoding="utf-8")) or {}
            return cls(
                request=_cues(data.get("request")),
                readings={reading: _cues(data.get(reading)) for reading in READINGS},
                own_act=_cues(data.get("own_act")),
                reported=_cues(data.get("reported")),
                wrong_asked=_cues(data.get("wrong_asked")),
            )
        except (OSError, re.error, AttributeError) as error:
            raise IntentDataError(
                "Le fichier des questions sur le droit est illisible.", detail=f"{path}: {error}"
            ) from error

    def read(self, message: str) -> Reading | None:
        """How ``message`` asks about the law, or None when it asks to do something (or is no such question)."""
        words = fold_words(message)
        if self.request.find(words) is not None or self._own_act(words):
            return None
        asked = is_asked(message, words)
        for reading in READINGS:
            if reading in _ASKED_ONLY and not asked:
                continue
            if self.readings[reading].find(words) is not None:
                return reading
        return None

    def asks_if_wrong(self, message: str) -> bool:
        """Whether ``message`` asks if the practice is a problem (« ça pose problème ? »), where « Non » would read
        as « no problem »."""
        return self.wrong_asked.find(fold_words(message)) is not None

    def _own_act(self, words: str) -> bool:
        """The writer says they do it (« on déclare des gars déjà salariés, il y a des contrôles ? »), in their own name."""
        return self.own_act.find(words) is not None and self.reported.find(words) is None


def is_asked(message: str, words: str) -> bool:
    """A question: a question mark, or « ou pas » at the end."""
    return "?" in message or _QUESTION_WITHOUT_MARK.search(words) is not None


def _cues(block: object) -> Cues:
    data = block if isinstance(block, dict) else {}
    return Cues.from_data(data.get("signals"), data.get("unless"))
