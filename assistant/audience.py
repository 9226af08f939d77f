"""Who asks: a buyer preparing a market or a firm that won one, and the steps cards addressed to them.

A card of steps to take (type ``procedure``) speaks to one side: « Contactez le facilitateur
indiqué dans le CCAP dès la notification » is for the firm that won the market, « Repérez les
marchés riches en main-d'œuvre » for the buyer. When a message says who asks (« je prépare
notre marché », « notre commune » for a buyer; « on a remporté le lot », « mon entreprise » for
a firm), a procedure card whose ``audience`` leaves that side out is not an answer to « par où
je commence ? » and is dropped from the ranking. Cards of facts (« les heures d'un intérimaire
d'ETTI comptent-elles ? ») answer whoever asks and are kept. A message that asks about the
other side (« que devra faire le titulaire ? ») keeps every card.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from assistant.fr import fold
from assistant.matching import Matching

Asker = Literal["acheteur", "entreprise"]

_MARKET_WORDS = (
    r"(?:marches?|dce|ccap|consultations?|appels?\s+d'offres?|accords?[\s-]cadres?|renouvellement|procedures?|cctp)"
)
# The buyer: prepares, writes or launches the market; speaks of its own body or of its markets.
_BUYER = re.compile(
    r"\b(?:je|on|nous)\s+(?:prepare|preparons|redige|redigeons|lance|lancons|relance|relancons|monte|montons)\s+"
    r"(?:le|la|les|un|une|des|notre|nos|mon|ma|mes)\s+(?:\w+\s+){0,3}?" + _MARKET_WORDS + r"\b"
    r"|\b(?:mon|notre)\s+(?:dce|service\s+(?:des\s+)?(?:achats?|marches|commande\s+publique)|collectivite|commune"
    r"|mairie|intercommunalite|communaute\s+(?:de\s+communes|d'agglomeration)|agglo\w*|syndicat|conseil\s+municipal)\b"
    r"|\b(?:je\s+suis|en\s+tant\s+qu[e'])\s*(?:\w+\s+){0,2}?(?:acheteu\w*|juriste\s+(?:marches|commande)"
    r"|responsable\s+(?:des\s+)?(?:achats|marches)|secretaire\s+de\s+mairie|maire|dgs)\b"
    r"|\bnos\s+(?:marches|achats|consultations|acheteurs)\b"
)
# The firm: won the market or a lot, speaks of its company, is the holder or a candidate.
_FIRM = re.compile(
    r"\b(?:nous\s+avons|on\s+a|j'?\s*ai|(?:on|nous)\s+vien(?:t|s|nent|ons)\s+d'?)\s*"
    r"(?:remporte|gagne|decroche|obtenu|obtenir|eu|avoir|ete\s+retenus?)\s+(?:le|la|un|une|ce|notre)\s+"
    r"(?:\w+\s+){0,2}?(?:marches?|lots?|accords?)\b"
    r"|\b(?:mon|notre|ma)\s+(?:entreprise|societe|boite|sarl|pme)\b"
    r"|\b(?:nous\s+sommes|on\s+est|je\s+suis)\s+(?:\w+\s+){0,2}?(?:titulaires?|attributaires?|artisan\w*"
    r"|gerant\w*|chef\s+d'entreprise)\b"
)
# The message asks about the other side: then the cards addressed to that side answer it.
_ABOUT_FIRM = re.compile(r"\b(?:l'entreprise|les\s+entreprises|le\s+titulaire|les\s+titulaires|candidats?)\b")
_ABOUT_BUYER = re.compile(r"\b(?:l'acheteur|les\s+acheteurs|la\s+collectivite|la\s+mairie|le\s+maitre\s+d'ouvrage)\b")


def asker(message: str) -> Asker | None:
    """The side that asks, when the message says it and says only one; None otherwise."""
    folded = fold(message)
    buyer, firm = bool(_BUYER.search(folded)), bool(_FIRM.search(folded))
    if buyer == firm:
        return None
    if buyer:
        return None if _ABOUT_FIRM.search(folded) else "acheteur"
    return None if _ABOUT_BUYER.search(folded) else "entreprise"


def for_asker(matching: Matching, message: str) -> Matching:
    """The ranking without the procedure cards addressed to the other side than the one asking."""
    side = asker(message)
    if side is None:
        return matching
    kept = tuple(m for m in matching.ranked if m.card.type != "procedure" or side in m.card.audience)
    return matching if len(kept) == len(matching.ranked) else replace(matching, ranked=kept)
