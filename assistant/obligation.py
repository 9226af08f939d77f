"""« Is the social condition mandatory for my 3 M€ market? » answered first with « Oui » or « Non ».

A question that asks whether a clause or the social condition is mandatory and gives the
market's value is decided by the same threshold check as a sizing (article L2112-2-1,
``sizing/social_condition.py``): the answer opens with the verdict for that value, then the
card or the passages explain. Without a value, or without a question on the obligation, the
card answers alone. A question that asks whether the buyer *may* put a clause in (« ont-ils le
droit de mettre une clause obligatoire sur un marché aussi petit ? ») is answered « Oui » at any
value: the check then says whether it is also mandatory.

The same holds for the SPASER (article L2111-3): « SPASER obligatoire pour nous ? on fait 30 M€
d'achats par an » opens with the verdict of the annual purchases against the threshold of
article D2111-3 (``spaser_threshold`` of the sizing grid).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

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
# The message asks whether the buyer may put a clause in (« ont-ils le droit de mettre », « peut-on imposer »)…
_ASKS_PERMISSION = re.compile(
    r"\b(?:le\s+droit\s+d[e']|peut|peuvent|peux|puis|pouvons|pouvez|possible\s+d[e']|legal\s+d[e']|autorises?\s+a)"
    r"(?:[\s-]+(?:on|il|elle|ils|elles|je|nous|vous|t|l'acheteur))?"
    # an adverb between (« l'acheteur peut quand même imposer une clause ? »)
    r"(?:\s+(?:quand\s+meme|aussi|bien|vraiment|legalement|encore|toujours|tout\s+de\s+meme))*[\s-]*(?:y\s+)?"
    r"(?:mettre|imposer|prevoir|inserer|exiger|ajouter|inclure)\b"
)
# …unless it asks whether it may do without.
_WITHOUT = re.compile(r"\b(?:ne\s+pas|sans|se\s+passer|eviter|dispens\w*|deroger|derogation)\b")
_VERDICT = {"optional": "Non", "mandatory": "Oui"}
_ALLOWED = "Oui, c'est possible"
_SPASER = re.compile(r"\b(?:spaser|schemas?\s+de\s+promotion\s+des\s+achats)\b")


def mandatory_opening(message: str, found: Extraction, grid: Grid) -> str | None:
    """The opening sentence (« **Non.** Travaux : 3 000 000 € HT n'atteint pas… ») for a message and
    the parameters read from it, or None."""
    folded = fold(message)
    if _asks_about_the_spaser(folded) or not (_ASKS_MANDATORY.search(folded) and _ABOUT_CLAUSE.search(folded)):
        return None
    value, per_year = _compared_value(found)
    if not value:
        return None
    trade = grid.trade_by_id(found.trade_id) if found.trade_id else None
    market_type, origin = market_type_of(found.market_type, [trade] if trade else [])
    result = check(
        grid,
        value,
        market_type,
        origin,
        basis="annual" if per_year else "market",
        trade=trade.label if trade else None,
        per_year=per_year,
    )
    verdict = _VERDICT.get(result.status or "", "Cela dépend du type de marché")
    if asks_permission(folded):
        verdict = _ALLOWED
    return f"**{verdict}.** {result.line}"


def _compared_value(found: Extraction) -> tuple[Decimal | None, tuple[Decimal, int] | None]:
    """The value compared with the threshold, and the annual amount and months it was computed from.

    An amount said per year counts for every year of the market, renewals included (« 1,1 M€ HT par
    an, 4 ans + 2 de reconduction » is 6,6 M€); a framework agreement's maximum or a total said apart
    from the annual amount is taken as it is.
    """
    total = found.maximum_amount or found.market_value
    annual = found.annual_amount
    if annual and found.months and (total is None or total == annual):
        return Decimal(str(annual)) * found.months / 12, (Decimal(str(annual)), found.months)
    value = total or found.amount
    return (Decimal(str(value)) if value else None), None


def asks_mandatory(text: str) -> bool:
    """Whether a message or a part of it asks if something is compulsory (« c'est obligatoire à partir de
    quel montant ? »)."""
    return bool(_ASKS_MANDATORY.search(fold(text)))


def asks_permission(folded: str) -> bool:
    """Whether a (folded) message asks if something may be done, not if it may be done without."""
    return bool(_ASKS_PERMISSION.search(folded)) and not _WITHOUT.search(folded)


class SpaserVerdict(NamedTuple):
    """The annual purchases a message gives against the SPASER threshold, both said in millions."""

    mandatory: bool
    amount: str  # « 35 M€ »
    threshold: str  # « 50 M€ »


def spaser_verdict(message: str, found: Extraction, grid: Grid) -> SpaserVerdict | None:
    """Whether a SPASER is mandatory for the annual purchases given by a message asking so; None when the
    message does not ask it or gives no purchases. A figure equal to the threshold, today's or the former
    one, is the user quoting it (« le seuil c'est 50 ou 100 M€ ? »), not its purchases."""
    folded = fold(message)
    threshold = grid.spaser_threshold
    if threshold is None or not (_SPASER.search(folded) and _ASKS_MANDATORY.search(folded)):
        return None
    value = found.amount
    if not value or value in {threshold.value, threshold.former}:
        return None
    if _names_one_market(folded):
        return None  # « MAPA de 90 k€ … le SPASER dit oui » gives one market's value, not the buyer's purchases
    return SpaserVerdict(value > threshold.value, _millions(value), _millions(threshold.value))


# An amount said as one market's (« MAPA de 90 k€ », « un lot à 200 k€ »), and the words of a buyer's purchases.
_MARKET_AMOUNT = re.compile(
    r"\b(?:mapa|marches?|lots?|accords?[- ]cadres?|consultations?|contrats?|dsp)\s+(?:\w+\s+){0,3}?"
    r"(?:de|a|d'environ|d environ|pour)\s+\d"
)
_PURCHASES = re.compile(r"\bachat\w*|\bachet\w*|\bdepens\w*|\bcommande publique annuelle\b")


def _names_one_market(folded: str) -> bool:
    return bool(_MARKET_AMOUNT.search(folded)) and not _PURCHASES.search(folded)


def _asks_about_the_spaser(folded: str) -> bool:
    """The SPASER is what the message asks about, not a document it cites beside one market's amount (« MAPA de 90 k€,
    le SPASER de la collectivité dit oui » asks whether that market needs a clause)."""
    return bool(_SPASER.search(folded)) and not _names_one_market(folded)


def _millions(value: float) -> str:
    """« 35 M€ », « 37,5 M€ »: amounts of annual purchases are said in millions."""
    return f"{value / 1_000_000:g}".replace(".", ",") + " M€"
