"""A change of the hourly cost a sizing divides by, named without a figure.

« et si l'acheteur prend le SMIC chargé comme base, ça change quoi ? », « et avec le coût horaire
réel plutôt ? »: the user swaps the divisor of the computation for a reference they name but do not
quantify. The sizing answers with the effect of the divisor (hours inversely proportional to it) and
asks the figure, never supplying one itself (the SMIC's value is not in the sources). A figure given
(« et à 20 € de l'heure ? ») is an ordinary hourly cost, read by :mod:`~assistant.fr.quantities`.
"""

from __future__ import annotations

import re

from assistant.fr.safety import never_raise
from assistant.fr.text import fold

# The divisor named: a reference for the hourly cost (folded text).
_COST_BASE = re.compile(
    r"\b(?:smic\w*|couts? horaires?|taux horaires?|base horaire|salaires? horaires?|couts? salaria\w*"
    r"|cout de l'heure|couts? (?:reel|charge)s? (?:de l'heure|horaire))\b"
)
# A what-if on the computation already made, not a question on the method in general.
_WHAT_IF = re.compile(
    r"\b(?:et si|si (?:on|je|j'|l'acheteur|le titulaire|il|elle|ils|vous|nous)|plutot|au lieu|a la place"
    r"|(?:ca|cela) change\w*|change quoi|qu'est-ce que ca change|ca donne quoi|avec le)\b"
)

_PENALTY = re.compile(r"\b(?:penalit\w*|manquantes?|non (?:faites|realisees))\b")


@never_raise(lambda: False)
def names_cost_base(text: str) -> bool:
    """Whether the message swaps the hourly cost for a reference it names (« le SMIC chargé »)."""
    folded = fold(text)
    if _PENALTY.search(folded):
        return False  # « 1,5 fois le SMIC horaire par heure manquante » is a penalty, not the sizing's divisor
    return bool(_COST_BASE.search(folded) and _WHAT_IF.search(folded))
