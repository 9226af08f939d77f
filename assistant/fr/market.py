"""The market a request describes: its type (EU threshold category) and the value compared with the threshold.

« marché de travaux de 6 M€ » is a works market of 6 000 000 € ; « accord-cadre de
services, maximum 400 k€ » a services framework agreement whose maximum, 400 000 €,
is the value compared with the EU threshold (article L2112-2-1 makes the social
condition mandatory at that threshold). A lot's amount is not the market's value:
« lot 2 peinture 180 000 € » gives none.
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.fr.numbers import Doc, to_float, words_after, words_before
from assistant.fr.quantities import _Money
from assistant.fr.text import fold

# The EU threshold categories of a local authority's markets (directive 2014/24, art. 4);
# the sizing grid gives each its threshold.
MarketType = Literal["works", "supplies_services", "social_services"]

_SOCIAL = re.compile(r"\bservices?\s+sociaux\b|\bservices\s+specifiques\b|\bannexe\s+xiv\b")
_WORKS = re.compile(r"\btravaux\b")
_SUPPLIES = re.compile(
    r"\bfournitures?\b|\bprestations?\s+de\s+services?\b"
    r"|\b(?:marches?|accords?[\s-]+cadres?|contrats?|lots?)\s+(?:publics?\s+)?de\s+services?\b"
)

# The last of these words before an amount says what the amount is the value of.
_CUE = re.compile(
    r"\b(?P<cue>marches?|accords?[\s-]+cadres?|operations?|valeur|montant|enveloppe|budget|travaux|fournitures?"
    r"|services?|prestations?|contrats?|lots?|tranches?|max(?:imum|imal)?|plafon\w*)\b"
)
# « 1,2 M€ de travaux »: the words after the amount name the market.
_MARKET_AFTER = re.compile(r"^\s*(?:ht\s+)?(?:de|d')\s*(?:travaux|fournitures?|services?|prestations?)\b")
# « 1,2 M€ HT au total », « 900 k€ tous lots confondus »: the whole market, whatever cue came before.
_TOTAL_AFTER = re.compile(
    r"^\s*(?:ht\s+|h\.t\.?\s+)?(?:au\s+total|en\s+tout|tous\s+lots(?:\s+confondus)?|pour\s+l'ensemble|au\s+global)\b"
)
_MAXIMUM = re.compile(r"^(?:max|plafon)")
_PART = re.compile(r"^(?:lots?|tranches?)$")


def market_type_in(folded: str) -> MarketType | None:
    """The market's type as the folded text names it; None when it names none or both works and supplies."""
    if _SOCIAL.search(folded):
        return "social_services"
    works = _WORKS.search(folded) is not None
    supplies = _SUPPLIES.search(folded) is not None
    if works == supplies:
        return None
    return "works" if works else "supplies_services"


def _cue(doc: Doc, money: _Money) -> str | None:
    before = words_before(doc.work.text, money.start, limit=50, cut_digits=False)
    cues = [m.group("cue") for m in _CUE.finditer(before)]
    return cues[-1] if cues else None


def _candidates(monies: list[_Money]) -> list[_Money]:
    # A market's value is HT (the thresholds are); hourly figures and penalties are not values.
    return [m for m in monies if not (m.per_hour or m.penalty or m.hourly_cue) and m.tax != "TTC"]


def maximum_in(doc: Doc, monies: list[_Money]) -> float | None:
    """The amount said to be a maximum or ceiling (« maximum 400 k€ », « plafonné à 1 M€ »)."""
    for money in _candidates(monies):
        cue = _cue(doc, money)
        if cue and _MAXIMUM.match(cue):
            return to_float(money.value)
    return None


def market_value_in(doc: Doc, monies: list[_Money]) -> float | None:
    """The value compared with the EU threshold: a framework agreement's maximum, else the market's amount.

    The amount must be tied to the market by the words before it (« marché de travaux
    de », « opération de », « valeur »…) or after it (« 1,2 M€ de travaux », « 1,2 M€ au
    total »); an amount tied to a lot or a tranche is not the market's value.
    """
    maximum = maximum_in(doc, monies)
    if maximum is not None:
        return maximum
    for money in _candidates(monies):
        after = words_after(doc.work.text, money.end)
        if _TOTAL_AFTER.match(after):
            return to_float(money.value)
        cue = _cue(doc, money)
        if cue and _PART.match(cue):
            continue
        if cue or _MARKET_AFTER.match(after):
            return to_float(money.value)
    return None


# What a market buys, named after « marché de », « lot », « prestation de » (« marché de denrées alimentaires »,
# « marché de maintenance informatique »): up to the first figure or punctuation, read on the lowercased message so
# that the words keep their accents when shown back.
_LETTERS = r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*"
_ACTIVITY = re.compile(
    r"\b(?:march[ée]s?|lots?|prestations?|contrats?|accords?[\s-]+cadres?)\s+(?:publics?\s+|annuels?\s+)?"
    r"(?:de|d['’]|des|du)\s*(?P<activity>" + _LETTERS + r"(?:\s+" + _LETTERS + r"){0,4})"
)
# Words a named activity does not end on (« entretien des postes de » ends on « postes »).
_TRAILING = re.compile(r"(?:\s+(?:de|d|des|du|la|le|les|et|à|a|en|sur|pour|avec|environ|est|fait|qui|un|une))+$")
# Words that name building works, a generic market or no activity at all: the building comparison still fits them.
_NOT_AN_ACTIVITY = re.compile(
    r"^(?:travaux|chantiers?|batiments?|construction|renovation|rehabilitation|gros|second|tce|btp|services?|"
    r"fournitures?|prestations?|insertion|montant|environ|marches?|lots?|l'|la|le|les|ce|cette|mon|notre|nos|un|une)\b"
)

# A verb or a filler ends the activity named (« marché du collège fait genre 300 000 € »: the activity is « collège »).
_VERB_ON = re.compile(r"\s+(?:fait|fera|font|est|sont|vaut|coute|coûte|genre|represente|représente|dure|porte|c)\b.*$")


def market_activity(text: str) -> str | None:
    """What the market buys when the message names it and it is no building work (« denrées alimentaires »,
    « maintenance informatique »), or None: the sizing then asks its labour share instead of comparing it with
    the building average."""
    folded = fold(text)
    if _WORKS.search(folded) or _SUPPLIES.search(folded) or _SOCIAL.search(folded):
        return None
    found = _ACTIVITY.search(text.lower())
    if found is None:
        return None
    activity = _TRAILING.sub("", _VERB_ON.sub("", found.group("activity"))).strip(" -'’")
    return None if not activity or _NOT_AN_ACTIVITY.match(fold(activity)) else activity
