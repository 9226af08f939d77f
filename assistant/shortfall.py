"""The hours a clause still lacks, and the penalty they would cost, when a question states them (pure).

Buyers and companies often ask about penalties with their own figures: « il a fait 320 h sur les 400 h
prévues ; à 60 € par heure non réalisée, ça fait combien ? ». The guides say how penalties work, never
the user's figures: the answer states the arithmetic once (400 − 320 = 80 h ; 80 × 60 € = 4 800 €),
with what makes the penalty due (the CCAP, a contradictory procedure) said by the answer around it.
Only figures the message gives are used. They come in several shapes, tried in turn:

- hours done against hours due: « 320 h sur les 400 h », « 280 h au lieu de 350 », « il en a fait 40 sur 120 »,
  « a fait 0 heure alors qu'elle devait en faire 1 400 »;
- the hours still missing, said as such: « il manque 150 h », « 70 h manquantes »;
- the hours due times the rate, written by the user (« 350 h x 60 »): every hour missing, the most it can cost;

and a rate per missing hour: « 60 € par heure non réalisée », « 45 €/h », « 30 € de l'heure », « il manque
150 h à 40 € ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.fr import fmt_number, fold
from assistant.fr.figures import missing_hours
from assistant.fr.numbers import number_value

_NUMBER = r"\d{1,3}(?:[  \u202f]\d{3})+(?!\d)|\d+"
_END = r"(?!\d|[,.]\d)"  # a number ends there: not « 1 400 » read as « 1 », a full stop may follow
_HOURS = r"\s*(?:h\b|heures?\b)"
# What the hours due are called when their unit is left out (« 80 h sur les 210 prévues »).
_DUE_WORDS = "prevues|dues|demandees|exigees|attendues|fixees|requises"
# A verb saying hours were done, for the pairs written without the unit (« il en a fait 40 sur 120 »).
_DONE_VERB = r"\b(?:fai[st]|faites|faisons|font|realise\w*|effectue\w*)\s+(?:que\s+|seulement\s+|juste\s+)?"
# « 320h sur les 400h prévues », « 120 h sur les 350 prévues », « 80 heures sur 210 »
_DONE_OF_DUE = re.compile(
    rf"(?<![\d,.])(?P<done>{_NUMBER}){_HOURS}\s*(?:d'insertion\s+)?sur\s+(?:les\s+|un total de\s+)?"
    rf"(?P<due>{_NUMBER}){_END}\s*(?:h\b|heures?\b|(?=(?:{_DUE_WORDS})\b))"
)
# « il en a fait 40 sur 120 », « on en a réalisé que 200 sur 500 »: the verb says they are hours
_DONE_VERB_OF_DUE = re.compile(
    rf"{_DONE_VERB}(?P<done>{_NUMBER})(?:{_HOURS})?\s*sur\s+(?:les\s+|un total de\s+)?(?P<due>{_NUMBER}){_END}"
    r"(?!\s*(?:ans?\b|annees?\b|mois\b|semaines?\b|jours?\b|%|personnes|salaries|lots?\b))"
)
# « si je fais 280h au lieu de 350 », « on a réalisé 900 heures au lieu des 1 200 »: hours done, not asked for
_INSTEAD = re.compile(
    rf"\b(?:fai[st]|faire|realis\w*|effectu\w*)\s+(?:que\s+|seulement\s+|juste\s+)?(?P<done>{_NUMBER}){_HOURS}\s*(?:d'insertion\s+)?au lieu (?:de|des)\s+(?P<due>{_NUMBER}){_END}"
)
# « a fait 0 heure … alors qu'elle devait en faire 1 400 », « réalisé 200 h, il en devait 900 »
_DONE_THEN_DUE = re.compile(
    rf"(?<![\d,.])(?P<done>{_NUMBER}){_HOURS}[^.?!;]{{0,100}}?"
    rf"\b(?:devai\w*|devr\w*|doi[tv]\w*|aurait du|fallait|etait tenu\w* de)\s+(?:en\s+)?(?:faire\s+|realiser\s+|effectuer\s+)?"
    rf"(?P<due>{_NUMBER}){_END}"
)
# Hours due and hours done said apart, in either order: « 1 200 h dues, 820 h faites », « objectif de 900 h ; on en
# a réalisé 610 h », « sur les 1 400 h prévues, il a fait 1 000 h »
_DUE_SAID = re.compile(
    rf"(?<![\d,.])(?P<n>{_NUMBER}){_END}{_HOURS}\s*(?:d'insertion\s+)?(?:{_DUE_WORDS}|a faire|au ccap|dans le ccap)\b"
    rf"|\b(?:objectif|clause|obligation)\s+(?:de\s+|d'insertion de\s+)?(?P<m>{_NUMBER}){_END}{_HOURS}"
)
_DONE_SAID = re.compile(
    rf"(?<![\d,.])(?P<n>{_NUMBER}){_END}{_HOURS}\s*(?:d'insertion\s+)?(?:faites|realisees|effectuees)\b"
    rf"|{_DONE_VERB}(?P<m>{_NUMBER}){_END}{_HOURS}"
)
# « il reste 300 h à faire », « il nous reste encore 120 heures »: the hours still to do
_LEFT = re.compile(rf"\breste\s+(?:encore\s+)?(?P<left>{_NUMBER}){_END}{_HOURS}")
# « 350h x 60 », « 350 h × 60 € »: the user's own product of the hours due by the rate
_DUE_TIMES_RATE = re.compile(
    rf"(?<![\d,.])(?P<due>{_NUMBER}){_HOURS}\s*(?:x|×|\*|fois)\s*(?P<rate>{_NUMBER}(?:,\d{{1,2}})?)(?![\d.])"
)
# « 60 € par heure non réalisée », « 30 euros HT de l'heure manquante », « 45 €/h », « 50 € l'heure »
_RATE = re.compile(
    rf"(?<![\d,.])(?P<rate>{_NUMBER}(?:,\d{{1,2}})?)\s*(?:€|euros?)\s*(?:ht\s*)?(?:de penalites?\s+)?(?:par|de l'|de l\s|l'|l\s|/)\s*h(?:eure)?\b"
)
# « il manque 150 h à 40 € »: the rate right after the missing hours
_RATE_AFTER_HOURS = re.compile(
    rf"{_HOURS}\s*(?:manquantes?\s+)?(?:a|de)\s+(?P<rate>{_NUMBER}(?:,\d{{1,2}})?)\s*(?:€|euros?)(?!\s*(?:ht\s*)?(?:par|/)\s*(?:mois|an|jour))"
)


# « ça fait combien ? », « je paie combien ? », « ça coûte quoi ? », « le total ? »: the amount itself is asked
_AMOUNT_ASKED = re.compile(
    r"\bcombien\b|\bca (?:me |nous |lui |leur )?(?:fait|ferait|donne|couter\w*|coute)\b|\btotal\b|\bmontant\b"
)


@dataclass(frozen=True)
class Shortfall:
    missing: int
    rate: Decimal | None  # the penalty per missing hour the message gives, if any
    done: int | None = None  # the hours done and due, when the message gives them
    due: int | None = None
    all_missing: bool = False  # the user's own « hours due × rate »: the most the penalty can be
    asked: bool = False  # the message asks the amount itself (« ça fait combien ? »), not only what to do

    @property
    def penalty(self) -> Decimal | None:
        return None if self.rate is None else self.rate * self.missing


def _int(raw: str) -> int | None:
    value = number_value(raw)
    return int(value) if value is not None and value == value.to_integral_value() else None


def _float(raw: str) -> float | None:
    value = number_value(raw)
    return float(value) if value is not None else None


def _rate(folded: str) -> Decimal | None:
    found = _RATE.search(folded) or _RATE_AFTER_HOURS.search(folded)
    return number_value(found.group("rate"), decimal_hint=True) if found else None


def _said_apart(folded: str) -> tuple[int, int] | None:
    due, done = _DUE_SAID.search(folded), _DONE_SAID.search(folded)
    if due is None or done is None or due.span() == done.span():
        return None
    due_n, done_n = _int(due.group("n") or due.group("m")), _int(done.group("n") or done.group("m"))
    return (done_n, due_n) if done_n is not None and due_n is not None else None


def _done_and_due(folded: str) -> tuple[int, int] | None:
    """The first pair of hours done and hours due the message states, in any of its shapes."""
    for pattern in (_DONE_OF_DUE, _INSTEAD, _DONE_VERB_OF_DUE, _DONE_THEN_DUE):
        found = pattern.search(folded)
        if found is None:
            continue
        done, due = _int(found.group("done")), _int(found.group("due"))
        if done is not None and due is not None and 0 <= done < due:
            return done, due
    pair = _said_apart(folded)
    return pair if pair is not None and 0 <= pair[0] < pair[1] else None


def penalty_rate(message: str) -> Decimal | None:
    """The penalty per missing hour a message gives (« 60 € par heure non réalisée »), kept for the turns after."""
    return _rate(fold(message))


def find_shortfall(message: str, known_rate: Decimal | None = None) -> Shortfall | None:
    """The hours still missing a message states (done against due, missing as such, or the user's own « due ×
    rate »), with the penalty rate per hour it gives, or else ``known_rate``, the one an earlier turn gave; None
    when it states none. Nothing done and no rate is no arithmetic worth showing (all the hours are missing)."""
    folded = fold(message)
    rate = _rate(folded) or known_rate
    asked = _AMOUNT_ASKED.search(folded) is not None
    pair = _done_and_due(folded)
    if pair is not None:
        done, due = pair
        if done == 0 and rate is None:
            return None
        return Shortfall(due - done, rate, done, due, asked=asked)
    left = _LEFT.search(folded)
    missing = missing_hours(folded) if left is None else _float(left.group("left"))
    if missing and missing == int(missing) and rate is not None:  # without a rate, nothing to compute
        return Shortfall(int(missing), rate, asked=asked)
    product = _DUE_TIMES_RATE.search(folded)
    if product is not None:
        all_due = _int(product.group("due"))
        times = number_value(product.group("rate"), decimal_hint=True)
        if all_due and times is not None and (rate is None or rate == times):
            return Shortfall(all_due, times, 0, all_due, all_missing=True, asked=asked)
    return None


def shortfall_values(found: Shortfall) -> dict[str, str]:
    """The figures of a shortfall, in French, for the messages of ``prompts/messages.yaml``."""
    values = {"missing": fmt_number(found.missing, 0)}
    if found.done is not None and found.due is not None:
        values |= {"done": fmt_number(found.done, 0), "due": fmt_number(found.due, 0)}
        values["share"] = fmt_number(Decimal(found.done * 100) / found.due, 1)
    if found.rate is not None and found.penalty is not None:
        values |= {"rate": fmt_number(found.rate, 2), "penalty": fmt_number(found.penalty, 2)}
    return values


def shortfall_keys(found: Shortfall) -> list[str]:
    """The message keys (``shortfall.*``) that word a shortfall, in order: the hours (and the share done, when some
    were), the penalty when a rate is given, then what the arithmetic does not decide."""
    if found.all_missing:
        return ["shortfall.all_missing", "shortfall.note"]
    hours = (
        ["shortfall.hours", "shortfall.done_share"]
        if found.done
        else ["shortfall.hours" if found.done == 0 else "shortfall.missing"]
    )
    return [*hours, "shortfall.penalty", "shortfall.note"] if found.rate is not None else hours
