"""A grant set against what it produced, asked per hour, per person or per positive exit (pure reader).

The Department funds facilitators and evaluates them: « le facilitateur déclare 48 000 heures réalisées pour une
subvention de 95 k€, ça fait combien par heure ? », then « rapporté aux 212 bénéficiaires dont 30 % de sorties
positives ? ». Only the figures the message states (or the grant said earlier in the conversation) are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.fr.numbers import DIGITS, number_float
from assistant.fr.quantities import parse_amounts

# The money is a grant or the cost of the facilitation, not a market's amount.
_GRANT = re.compile(
    r"\b(?:subventions?|subventionn\w*|financements?|financ\w+ (?:par|a hauteur)|enveloppes?|budgets?"
    r"|cout (?:du|de la) (?:dispositif|facilitation|poste|service))\b"
)
# What the grant is set against, asked: « par heure », « coût par sortie positive », « rapporté aux personnes ».
_PER_UNIT = re.compile(
    r"\b(?:par|pour chaque)\s+(?:heure|personne|beneficiaire|participant|sortie|parcours)s?\b"
    r"|\bcout (?:par|de (?:l|la|chaque))\b|\brapport\w*\s+(?:aux?|a la|a l)\b"
)
_HOURS = re.compile(rf"(?P<n>{DIGITS})\s*(?:h\b|heures?\b)")
_PEOPLE = re.compile(rf"(?P<n>{DIGITS})\s*(?:beneficiaires|personnes|participants|salaries en parcours)\b")
_EXIT_SHARE = re.compile(rf"(?P<n>{DIGITS})\s*%\s*(?:de\s+)?sorties?\s+(?:positives?|dynamiques?)")


@dataclass(frozen=True)
class GrantCost:
    """The grant (€), and what the message sets it against: hours, people, a share of positive exits."""

    amount: float
    hours: float | None = None
    people: float | None = None
    exit_share: float | None = None


def _value(found: re.Match[str] | None) -> float | None:
    value = number_float(found.group("n")) if found else None
    return value if value else None


def grant_cost(text: str, folded: str, said_before: float | None = None) -> GrantCost | None:
    """The grant and its denominators when the message asks a cost per unit, or None. ``said_before``: the grant
    of an earlier turn, used when this message names no grant of its own."""
    if _PER_UNIT.search(folded) is None:
        return None
    amounts = parse_amounts(text) if _GRANT.search(folded) else []
    amount = amounts[0].value if amounts else said_before
    hours, people = _value(_HOURS.search(folded)), _value(_PEOPLE.search(folded))
    share = _value(_EXIT_SHARE.search(folded))
    if not amount or (hours is None and people is None):
        return None
    exit_share = share / 100 if share is not None and 0 < share <= 100 and people else None
    return GrantCost(float(amount), hours, people, exit_share)
