"""« Is the social condition mandatory for my 3 M€ market? » answered first with « Oui » or « Non ».

A question that asks whether a clause or the social condition is mandatory and gives the
market's value is decided by the same threshold check as a sizing (article L2112-2-1,
``sizing/social_condition.py``): the answer opens with the verdict for that value, then the
card or the passages explain. Without a value, or without a question on the obligation, the
card answers alone.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.fr import Extraction, fold
from assistant.sizing.grid import Grid
from assistant.sizing.social_condition import check, market_type_of

# The message asks whether something is compulsory…
_ASKS_MANDATORY = re.compile(
    r"\b(?:obligatoires?|obliges?|obligation|impose\w*|faut[\s-]il|doit[\s-]on|dois[\s-]je|sommes[\s-]nous\s+tenus"
    r"|est[\s-]on\s+tenus?|on\s+(?:est|doit|a)\s+(?:tenus?|oblige\w*|l'obligation))\b"
)
# …and that something is the social clause or condition.
_ABOUT_CLAUSE = re.compile(r"\b(?:clauses?|conditions?\s+(?:d'execution\s+)?sociales?|insertion|l2112-2-1|social\w*)\b")
_VERDICT = {"optional": "Non", "mandatory": "Oui"}


def mandatory_opening(message: str, found: Extraction, grid: Grid) -> str | None:
    """The opening sentence (« **Non.** Travaux : 3 000 000 € HT n'atteint pas… ») for a message and
    the parameters read from it, or None."""
    folded = fold(message)
    if not (_ASKS_MANDATORY.search(folded) and _ABOUT_CLAUSE.search(folded)):
        return None
    value = found.market_value or found.amount
    if not value:
        return None
    trade = grid.trade_by_id(found.trade_id) if found.trade_id else None
    market_type, origin = market_type_of(found.market_type, [trade] if trade else [])
    result = check(grid, Decimal(str(value)), market_type, origin)
    verdict = _VERDICT.get(result.status or "", "Cela dépend du type de marché")
    return f"**{verdict}.** {result.line}"
