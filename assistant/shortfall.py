"""The hours a clause still lacks, and the penalty they would cost, when a question states them (pure).

Buyers and companies often ask about penalties with their own figures: « il a fait 320 h sur les 400 h
prévues ; à 60 € par heure non réalisée, ça fait combien ? ». The guides say how penalties work, never
the user's figures: the answer states the arithmetic once (400 − 320 = 80 h ; 80 × 60 € = 4 800 €),
with what makes the penalty due (the CCAP, a contradictory procedure) said by the answer around it.
Only figures the message gives are used: hours done « sur » hours due, and a rate « par heure ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.fr import fmt_number, fold
from assistant.fr.numbers import number_value

_NUMBER = r"\d{1,3}(?:[  \u202f]\d{3})+|\d+"
# What the hours due are called when their unit is left out (« 80 h sur les 210 prévues »).
_DUE_WORDS = "prevues|dues|demandees|exigees|attendues|fixees|requises"
# « 320h sur les 400h prévues », « 120 h sur les 350 prévues », « 80 heures sur 210 »
_DONE_OF_DUE = re.compile(
    rf"(?<![\d,.])(?P<done>{_NUMBER})\s*(?:h\b|heures?\b)\s*(?:d'insertion\s+)?sur\s+(?:les\s+|un total de\s+)?"
    rf"(?P<due>{_NUMBER})(?![\d,.])\s*(?:h\b|heures?\b|(?=(?:{_DUE_WORDS})\b))"
)
# « 60 € par heure non réalisée », « 30 euros HT de l'heure manquante », « 45 €/h »
_RATE = re.compile(
    rf"(?<![\d,.])(?P<rate>{_NUMBER}(?:,\d{{1,2}})?)\s*(?:€|euros?)\s*(?:ht\s*)?(?:par|de l'|/)\s*h(?:eure)?\b"
)


@dataclass(frozen=True)
class Shortfall:
    done: int
    due: int
    rate: Decimal | None  # the penalty per missing hour the message gives, if any

    @property
    def missing(self) -> int:
        return self.due - self.done

    @property
    def penalty(self) -> Decimal | None:
        return None if self.rate is None else self.rate * self.missing


def find_shortfall(message: str) -> Shortfall | None:
    """The hours done and due a message states (« 320 h sur les 400 h »), with the penalty rate per hour it
    gives; None when it states no such pair, or no hours done, or not fewer than those due."""
    folded = fold(message)
    found = _DONE_OF_DUE.search(folded)
    if found is None:
        return None
    done, due = number_value(found.group("done")), number_value(found.group("due"))
    if done is None or due is None or not 0 < done < due:  # « 0 h sur 420 »: nothing to compute, all is missing
        return None
    rate = _RATE.search(folded)
    return Shortfall(int(done), int(due), number_value(rate.group("rate"), decimal_hint=True) if rate else None)


def shortfall_values(found: Shortfall) -> dict[str, str]:
    """The figures of a shortfall, in French, for the messages of ``prompts/messages.yaml``."""
    values = {
        "done": fmt_number(found.done, 0),
        "due": fmt_number(found.due, 0),
        "missing": fmt_number(found.missing, 0),
    }
    if found.rate is not None and found.penalty is not None:
        values |= {"rate": fmt_number(found.rate, 2), "penalty": fmt_number(found.penalty, 2)}
    return values
