"""Quantities read in a request: amounts, rates and shares, durations, hours."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from assistant.errors import InvalidInput
from assistant.fr.formatting import capitalized, fmt_number, fmt_plain
from assistant.fr.numbers import (
    ABBREVIATION_STOP,
    NUM,
    SMALL_NUMBERS,
    Doc,
    canonical_number,
    number_value,
    prepare,
    to_float,
    words_after,
    words_before,
)
from assistant.fr.safety import never_raise
from assistant.fr.text import Span, fold
from assistant.fr.time_share import is_time_share

PercentageRole = Literal["rate", "labour_share", "weight", "time_share", "other"]


@dataclass(frozen=True, slots=True)
class Amount:
    """A sum of money in euros. ``span`` slices the original text.

    ``market`` says the amount is tied to the market by its wording (« marché de »,
    « lot de », « montant »…); ``lot`` that it is one lot's amount (« le lot gros œuvre
    est estimé à 420 k€ »); ``tax`` is "HT", "TTC" or None when not said.
    """

    value: float
    span: Span
    text: str
    tax: str | None = None
    market: bool = False
    lot: bool = False


@dataclass(frozen=True, slots=True)
class Percentage:
    """A percentage as a fraction (0.05 for « 5 % »).

    ``explicit`` is False when the role was inferred rather than written: a lone
    unqualified « 5 % » in a sizing request is read as the insertion rate.
    """

    value: float
    role: PercentageRole
    span: Span
    text: str
    explicit: bool = True


# --------------------------------------------------------------------------- amounts

_AMOUNT_RE = re.compile(
    NUM
    + r"""
    (?P<mult>\s*(?:
        k\s?(?:€|eur(?:os?)?\b)|keur\b|k(?![\w€])
      | m\s?(?:€|eur(?:os?)?\b)|meur\b|mio\b|m(?=\s*(?:ht|ttc|(?:d'\s*)?euros?)\b)
      | (?<=\d[.,]\d)m(?=\s*(?:[,;)\n]|$)) | (?<=\d[.,]\d\d)m(?=\s*(?:[,;)\n]|$))
      | millions?\b
      | mds?\s?(?:€|eur(?:os?)?\b)|mrds?\b|milliards?\b
      | mille\b
    ))?
    (?P<half>\s+et\s+demie?\b)?
    (?P<cur>\s*(?:d'\s*)?(?:€|euros?\b|eur\b))?
    (?P<tax>\s*(?:ht\b|h\.t\.?|ttc\b|t\.t\.c\.?|hors\s+tax\w*|toutes\s+taxes\s+comprises))?
    """,
    re.VERBOSE,
)
_PER_HOUR_AFTER_RE = re.compile(
    # « de l'heure », also typed « de l heure » without the apostrophe
    r"\s*(?:/\s*h(?:eures?)?(?![\w])|par\s+h(?:eures?)?\b|(?:de\s+)?l(?:'\s*|\s+)heure\b|horaires?\b)"
)
_HOURLY_CUE_RE = re.compile(r"\b(?:cout|taux|salaire|prix|tarif)\s+horaires?\b[^\d]{0,30}$")
_HOURLY_WORDS_RE = re.compile(r"\b(?:cout|taux|salaire|prix|tarif)\s+horaires?\b|\bde l'heure\b")
_HOURLY_CEILING = 200  # euros: no market is this small, many hourly costs are below it
_PENALTY_CUE_RE = re.compile(r"\bpenalit\w*[^\d]{0,40}$")
_PENALTY_AFTER_RE = re.compile(r"^[^\d]{0,25}\b(?:non[\s-]+(?:realise|effectue|execute|faite)\w*|manquant\w*)")
# « 40 € de pénalité par heure (d'insertion) non réalisée »: the penalty named between the sum and its hour
_PENALTY_PER_HOUR_AFTER_RE = re.compile(r"^\s*(?:ht\s+)?(?:de\s+|d'\s*)penalit\w*\s+(?:par|de\s+l'|a\s+l')\s*heure\b")
_MARKET_CUE_RE = re.compile(
    r"\b(?:marches?|lots?|montants?|budgets?|enveloppes?|estim\w*|valeur|accord-cadre|operations?|contrats?)\b.{0,45}$",
    re.S,
)
_MARKET_CUE_TIGHT_RE = re.compile(
    r"\b(?:marche|lot|montant|budget|enveloppe|estim\w*|valeur)\b(?:\s+(?:global|total|estime|previsionnel))?"
    r"\s*(?:de|d'|:|=|a|est\s+de|s'eleve\s+a|de\s+l'ordre\s+de)?\s*$"
)
_NOT_MONEY_AFTER_RE = re.compile(
    r"\s*(?:d'\s*|de\s+)?(?:heures?\b|h\b|habitants|personnes|participants|etp\b|salaries|emplois|beneficiaires|marches|m2\b|km\b)"
)
_BARE_UNIT_AFTER_RE = re.compile(
    r"\s*(?:h\b|heures?|%|mois|ans?\b|annees?|etp|m2|m\b|km|jours?|personnes|salaries|lots?\b)"
)
_LOT_BEFORE_RE = re.compile(r"\blots?\s*(?:n\s*°\s*|no\.?\s*|numero\s*)?$")
# « le lot GO est estimé à », « lot 2 peinture : », « mon lot fait » (one lot, not « 5 lots, env »).
_ONE_LOT_CUE_RE = re.compile(r"\blot\b(?:\s*(?:n\s*°\s*|no\.?\s*|numero\s*)?\d{1,2}\b)?[^\d,;.?!]{0,40}$")


@dataclass(frozen=True, slots=True)
class _Money:
    value: Decimal
    start: int  # in the work layer
    end: int
    tax: str | None
    market: bool
    per_hour: bool
    penalty: bool
    hourly_cue: bool
    lot: bool = False


def scan_money(doc: Doc) -> list[_Money]:
    text = doc.work.text
    found: list[_Money] = []
    for m in _AMOUNT_RE.finditer(text):
        raw = m.group("num")
        start = m.start("num")
        mult_text = (m.group("mult") or "").strip()
        currency = bool(m.group("cur")) or "€" in mult_text or "eur" in mult_text
        tax_text = (m.group("tax") or "").strip()
        before_role = words_before(text, start, cut_digits=False)
        if " " in raw and _LOT_BEFORE_RE.search(text, max(0, start - 20), start):
            # « lot 2 180 000 € »: the first group is the lot number, not thousands.
            head, _, raw = raw.partition(" ")
            start += len(head) + 1
        if mult_text.startswith("k"):
            factor = 10**3
        elif mult_text.startswith(("md", "mrd", "milliard")):
            factor = 10**9
        elif mult_text.startswith("mille"):
            factor = 10**3
        elif mult_text.startswith("m"):
            factor = 10**6
        else:
            factor = 1
        number = number_value(raw, decimal_hint=factor > 1)
        if number is None:
            continue
        if m.group("half") and factor >= 10**6 and number == number.to_integral_value():
            number += Decimal("0.5")  # « deux millions et demi »
        after = text[m.end() : m.end() + 60]
        money_mult = factor > 1 and not mult_text.startswith("mille")
        if factor > 1 and not currency and _NOT_MONEY_AFTER_RE.match(after):
            continue  # « 25,1 millions d'heures »
        tight_cue = bool(_MARKET_CUE_TIGHT_RE.search(before_role))
        if not (currency or money_mult or tax_text):
            # A bare number is money only right after « marché de », « montant »…, and not a year.
            if not tight_cue or number < 1000 or _BARE_UNIT_AFTER_RE.match(after):
                continue
            if re.fullmatch(r"(?:19|20)\d\d", raw):
                continue
        penalty_per_hour = bool(_PENALTY_PER_HOUR_AFTER_RE.match(after))
        per_hour = bool(_PER_HOUR_AFTER_RE.match(after)) or penalty_per_hour
        penalty = (
            bool(_PENALTY_CUE_RE.search(before_role))
            or penalty_per_hour
            or (per_hour and bool(_PENALTY_AFTER_RE.match(after)))
        )
        # « c'est quoi le coût horaire qu'on prend ? 30 € ? 35 € ? »: a sum too small to be a market, in a message
        # about the hourly cost, is that cost even when a question mark stands between them.
        hourly_cue = bool(_HOURLY_CUE_RE.search(before_role)) or (
            factor == 1 and number < _HOURLY_CEILING and bool(_HOURLY_WORDS_RE.search(text))
        )
        tax = "HT" if tax_text.startswith("h") else ("TTC" if tax_text else None)
        found.append(
            _Money(
                value=number * factor,
                start=start,
                end=m.end(),
                tax=tax,
                market=tight_cue or bool(_MARKET_CUE_RE.search(before_role)),
                per_hour=per_hour,
                penalty=penalty,
                hourly_cue=hourly_cue,
                lot=bool(_ONE_LOT_CUE_RE.search(before_role)),
            )
        )
    return found


def _amount_of(doc: Doc, money: _Money) -> Amount:
    s, e = doc.work.span(money.start, money.end)
    return Amount(
        value=to_float(money.value),
        span=(s, e),
        text=doc.original[s:e].strip(),
        tax=money.tax,
        market=money.market,
        lot=money.lot,
    )


def market_amounts(doc: Doc, monies: list[_Money]) -> list[Amount]:
    return [_amount_of(doc, m) for m in monies if not (m.per_hour or m.penalty or m.hourly_cue)]


def best_amount(amounts: list[Amount]) -> float | None:
    """Tied to the market first; within those, an amount said HT beats one said TTC.

    When the message gives one lot's amount besides larger totals (« 1,2 M€ au total,
    le lot GO est estimé à 420 k€ »), the request is about that lot: its amount wins.
    Several lots' amounts are a multi-lot request and keep the first amount.
    """
    if not amounts:
        return None
    pool = [a for a in amounts if a.market] or amounts
    pool = [a for a in pool if a.tax != "TTC"] or pool
    lots = [a for a in pool if a.lot]
    if len(lots) == 1 and len(pool) > 1 and all(a.value > lots[0].value for a in pool if not a.lot):
        return lots[0].value
    return pool[0].value


def hourly_cost_in(monies: list[_Money]) -> float | None:
    for money in monies:
        if (money.per_hour or money.hourly_cue) and not money.penalty:
            return to_float(money.value)
    return None


def penalty_in(doc: Doc, monies: list[_Money]) -> float | None:
    for money in monies:
        if money.penalty and (money.per_hour or "horaire" in words_before(doc.work.text, money.start)):
            return to_float(money.value)
    return None


@never_raise(list)
def parse_amounts(text: str) -> list[Amount]:
    """Every sum of money that can be a market amount, in order, with spans (multi-lot requests).

    Hourly costs (« 30 €/h »), penalties and numbers without a money marker (years,
    articles, phone numbers, hours) are left out.
    """
    doc = prepare(text)
    return market_amounts(doc, scan_money(doc))


@never_raise(lambda: None)
def parse_amount(text: str) -> float | None:
    """The market amount in euros: the first one tied to the market by its wording, else the first."""
    return best_amount(parse_amounts(text))


# « 310 k€ HT/an », « 180 000 € par an », « 1,1 M€ annuels »: an amount said for one year of the market.
_PER_YEAR_AFTER_RE = re.compile(
    r"^\s*(?:ht\s*)?(?:/\s*an\b|par\s+an\b|annuels?\b|l'an\b|chaque\s+annee\b|par\s+annee\b)"
)


# « notre forfait annuel c'est environ 480 k€ », « un chiffre annuel de 300 k€ »: the year said before the amount
_PER_YEAR_BEFORE_RE = re.compile(
    r"\b(?:forfait|montant|budget|chiffre|volume|cout|prix)\s+annuel\w*\b[^\d.;?!]{0,25}$|\bpar\s+an\s*(?::|=|de|c'est)?\s*$"
)


def annual_amount_in(doc: Doc, amounts: list[Amount]) -> float | None:
    """The first amount said per year (« 1,1 M€ HT par an », « forfait annuel de 480 k€ »), or None."""
    for amount in amounts:
        after = fold(doc.original[amount.span[1] : amount.span[1] + 25])
        before = fold(doc.original[max(0, amount.span[0] - 45) : amount.span[0]])
        if _PER_YEAR_AFTER_RE.match(after) or _PER_YEAR_BEFORE_RE.search(before):
            return amount.value
    return None


@never_raise(lambda: None)
def parse_annual_amount(text: str) -> float | None:
    """An amount given per year (« 310 k€ HT/an », « 180 000 € par an »): the market's value is
    this times its years, renewals included."""
    doc = prepare(text)
    return annual_amount_in(doc, market_amounts(doc, scan_money(doc)))


# « un TJM à 550 », « taux journalier de 480 € », « 600 €/jour »: a price per day of work.
_DAY_RATE_RE = re.compile(
    r"\b(?:tjm|taux journaliers?(?: moyens?)?|prix de (?:la )?journee|cout journalier|tarif journalier)"
    r"\s*(?:moyen\s*)?(?:de|a|:|=|d'environ|autour de|vers)?\s*(?P<num>\d{2,4}(?:[.,]\d{1,2})?)\s*(?:€|euros?\b)?"
    r"|(?P<num2>\d{2,4}(?:[.,]\d{1,2})?)\s*(?:€|euros?)\s*(?:ht\s*)?(?:/\s*j(?:our)?\b|par jour\b|la journee\b|/\s*jour)"
)
WORK_HOURS_A_DAY = 7  # the legal 35 h over five days


@never_raise(lambda: None)
def parse_day_rate(text: str) -> float | None:
    """A price per day of work (« TJM à 550 », « 600 €/jour »), or None."""
    m = _DAY_RATE_RE.search(fold(text))
    if m is None:
        return None
    value = number_value(m.group("num") or m.group("num2"), decimal_hint=True)
    return float(value) if value is not None and value > 0 else None


@never_raise(lambda: None)
def parse_hourly_cost(text: str) -> float | None:
    """« 30 €/h », « 25 euros de l'heure », « coût horaire de 28 € » (penalties excluded)."""
    return hourly_cost_in(scan_money(prepare(text)))


@never_raise(lambda: None)
def parse_penalty_per_hour(text: str) -> float | None:
    """« pénalité de 50 € par heure », « 40 €/h non réalisée »: euros per missing hour."""
    doc = prepare(text)
    return penalty_in(doc, scan_money(doc))


# --------------------------------------------------------------------------- percentages

_PERCENT_RE = re.compile(NUM + r"\s*%")
_RATE_FRACTION_RE = re.compile(r"\btaux(?:\s+d'insertion)?\s*(?:de|:|=|a|egal\s+a)?\s*" + NUM + r"(?!\s*(?:%|[\w€]))")
_MO = r"(?:main[\s-]*d(?:'\s*|\s+)oeuvre|mo)\b"
_LABOUR_BEFORE_RE = re.compile(_MO + r"[^,;\d]{0,20}$")
# « 35 % de part main d'oeuvre », « 40 % de part de MO »: the share named before the labour
_LABOUR_AFTER_RE = re.compile(r"^\s*(?:de\s+|d'\s*|en\s+)?(?:la\s+)?(?:parts?\s+(?:de\s+(?:la\s+)?|d'\s*)?)?" + _MO)
# « 5 % de la main-d'œuvre », « 5 % des heures de main-d'œuvre » : a part OF the labour (the article
# says so) is the insertion rate; « 60 % de main-d'œuvre » (no article) is the labour share of the
# amount, and so is anything said to weigh in the amount (« 45 % de la MO dans le montant »).
_OF_THE_LABOUR_AFTER_RE = re.compile(
    r"^\s*(?:de\s+(?:la|sa|leur)\s+|des\s+(?:heures\s+(?:de\s+|d'\s*)?)?"
    r"|du\s+(?:montant|cout|volume|total)\s+(?:de\s+(?:la\s+)?|d'\s*))" + _MO
)
_SHARE_OF_AMOUNT_AFTER_RE = re.compile(
    _MO
    + r"[^,;.?!\d]{0,25}?\b(?:dans\s+(?:le|son|leur)|du|de\s+l'|sur\s+le)\s*(?:montant|prix|cout|budget|chiffre|total)\b"
)
# « 5 % de la main-d'œuvre en insertion », « on met 7 % de la MO » : a share of the labour given to
# insertion is the insertion rate, not the labour share of the amount.
_INSERTION_OF_LABOUR_AFTER_RE = re.compile(
    r"^\s*(?:de\s+|d'\s*)(?:la\s+|sa\s+|leur\s+)?" + _MO + r"[^,;.?!\d]{0,30}?"
    r"(?:\ben\s+(?:heures\s+d'\s*)?insertion\b|\bd'\s*insertion\b|\bpour\s+l'\s*insertion\b|\ben\s+clause\b)"
)
# « 5 % de main-d'œuvre dédiée » (to insertion, left unsaid): a small share set aside is the insertion rate.
_SET_ASIDE_LABOUR_AFTER_RE = re.compile(
    r"^\s*(?:de\s+|d'\s*)(?:la\s+)?" + _MO + r"\s+(?:dediee?s?|reservee?s?|consacree?s?|affectee?s?)\b"
)
_INSERTION_VERB_BEFORE_RE = re.compile(
    r"\b(?:met|mets|mettre|mettait|mettrait|mettons|demand\w*|impos\w*|exig\w*|reserv\w*|calcul\w*|prend\w*)"
    r"\s+(?:[\w']+\s+){0,2}$"
)
# « 4 % de la masse salariale »: a small part of a wage bill (already the labour's cost) is the insertion rate.
_OF_THE_PAYROLL_AFTER_RE = re.compile(
    r"^\s*(?:de\s+(?:la|sa|leur|votre|notre)\s+|des\s+)(?:masses?\s+salariales?|salaires)\b"
)
_MAX_RATE_OF_LABOUR = Decimal(20)  # « on met 50 % de main-d'œuvre » stays a labour share
# « la main-d'œuvre représente à peu près 45 % du montant »: the labour, subject of the sentence, is that
# share of the amount, however many words lie between them.
_OF_THE_AMOUNT_AFTER_RE = re.compile(r"^\s*(?:du|de\s+son|de\s+notre)\s+(?:montant|prix|marche|cout|budget|total)\b")
# An abbreviation's full stop (« la MO c'est env. 65 % du prix ») does not end the sentence.
_LABOUR_SUBJECT_BEFORE_RE = re.compile(_MO + rf"(?:[^,;.?!\d]|{ABBREVIATION_STOP}){{0,40}}$")
_WEIGHT_BEFORE_RE = re.compile(r"\b(?:ponder\w*|poids|coefficient)\b[^,;\d]{0,25}$")
_WEIGHT_AFTER_RE = re.compile(r"^\s*(?:de\s+la\s+note|des\s+points|de\s+la\s+notation|du\s+total\s+des\s+points)")
_RATE_BEFORE_RE = re.compile(
    r"(?:\btaux(?:\s+d'insertion|\s+de\s+clause|\s+de\s+la\s+clause)?\s*(?:de|:|=|a|egal\s+a)?"
    r"|\bclause(?:\s+(?:d'insertion|sociale))?\s*(?:a|de|:|=)"
    r"|\binsertion\s*(?:de|a|:|=))\s*$"
)
# « et à 7 % ? » is a rate; « réservé à 50 % de travailleurs handicapés » is not.
_WEAK_RATE_BEFORE_RE = re.compile(r"\ba\s*$")
_RATE_AFTER_RE = re.compile(r"^\s*(?:des\s+heures|d'heures|d'insertion|du\s+(?:volume|nombre|total)\s+d'heures)")
# Percentages of money or of benefits (« mutuelle prise en charge à 70 % »), never an insertion rate.
_NOT_RATE_RE = re.compile(
    r"\b(?:tva|penalit\w*|remise|avance|revision|retenue|mutuelle|prise\s+en\s+charge|rembours\w*|subvention\w*"
    r"|(?:co)?financ\w*|abattement)\b"
)
_QUALIFIED_AFTER_RE = re.compile(r"^\s*(?:de|du|des|d')\b")
# A lone percentage after these words measures something else (« taux de chômage 8 % »).
_NOT_INFERRED_RE = re.compile(
    r"\b(?:taux|chomage|hausse|baisse|augment\w*|inflation|marge|evolution|variation|actualisation|reduction)\b"
)
# « on a déjà fait 9 % sur notre marché précédent »: a past record describes another market, not this one.
_PAST_RECORD_BEFORE_RE = re.compile(
    r"\b(?:(?:a|avons|ont|avait|avions|avaient)\s+(?:deja\s+|bien\s+|meme\s+)?"
    r"(?:fait|realise|atteint|depasse|obtenu)|deja\s+(?:fait|realise|atteint))\b[^\d,;]{0,10}$"
)
_PAST_RECORD_AFTER_RE = re.compile(
    r"\b(?:marches?|chantiers?|contrats?|lots?)\s+(?:precedent|passe|anterieur|d'avant)\w*"
    r"|\b(?:precedent|dernier|ancien)s?\s+(?:marches?|chantiers?|contrats?|lots?)\b"
    r"|\bl'an(?:nee)?\s+(?:derniere?|passee?)\b"
)
_MAX_INFERRED_RATE = Decimal(20)  # above this a lone percentage is not an insertion rate (disproportion threshold)


# « 7 % au lieu de 5 % », « plutôt que 5 % »: the value being replaced has no role in the new computation.
_REPLACED_BEFORE_RE = re.compile(r"\b(?:au lieu d(?:e|es|u|')|plutot qu(?:e|')|a la place d(?:e|es|u|'))\s*$")


def _is_past_record(before: str, after: str) -> bool:
    """« on a déjà fait 9 % », « 9 % sur notre marché précédent », « sur l'ancien marché on était à 9 % »."""
    own_clause = re.split(r"[,\d]", after, maxsplit=1)[0]
    return bool(
        _PAST_RECORD_BEFORE_RE.search(before)
        or _PAST_RECORD_AFTER_RE.search(own_clause)
        or _PAST_RECORD_AFTER_RE.search(before)
    )


def _is_part_of_the_labour(number: Decimal, before: str, after: str) -> bool:
    """« la clause c'est 5 % de la main-d'œuvre »: a small part of the labour itself is the insertion rate."""
    return (
        number <= _MAX_RATE_OF_LABOUR
        and bool(_OF_THE_LABOUR_AFTER_RE.match(after))
        and not _SHARE_OF_AMOUNT_AFTER_RE.search(after)
        and not _LABOUR_BEFORE_RE.search(before)
    )


def scan_percentages(doc: Doc) -> list[Percentage]:
    text = doc.work.text
    found: list[tuple[int, Percentage]] = []
    for m in _PERCENT_RE.finditer(text):
        number = number_value(m.group("num"), decimal_hint=True)
        if number is None:
            continue
        before = words_before(text, m.start("num"), limit=50)
        after = words_after(text, m.end())
        role: PercentageRole = "other"
        past = _is_past_record(before, after) or _REPLACED_BEFORE_RE.search(before) is not None
        if past:
            pass  # another market's figure: no role in this one
        elif is_time_share(before, after, float(number)):
            role = "time_share"  # « la personne est à 80 % »: her working time, never the clause's rate
        elif _INSERTION_OF_LABOUR_AFTER_RE.match(after) or (
            _LABOUR_AFTER_RE.match(after)
            and number <= _MAX_RATE_OF_LABOUR
            and (_INSERTION_VERB_BEFORE_RE.search(before) or _SET_ASIDE_LABOUR_AFTER_RE.match(after))
        ):
            role = "rate"
        elif _is_part_of_the_labour(number, before, text[m.end() : m.end() + 80]) or (
            number <= _MAX_RATE_OF_LABOUR and _OF_THE_PAYROLL_AFTER_RE.match(after)
        ):
            role = "rate"
        elif (
            _LABOUR_BEFORE_RE.search(before)
            or _LABOUR_AFTER_RE.match(after)
            or (_OF_THE_AMOUNT_AFTER_RE.match(after) and _LABOUR_SUBJECT_BEFORE_RE.search(before))
        ):
            role = "labour_share"
        elif _WEIGHT_BEFORE_RE.search(before) or _WEIGHT_AFTER_RE.match(after):
            role = "weight"
        elif not _NOT_RATE_RE.search(before + " " + after[:15]) and (
            _RATE_BEFORE_RE.search(before)
            or _RATE_AFTER_RE.match(after)
            or (_WEAK_RATE_BEFORE_RE.search(before) and not _QUALIFIED_AFTER_RE.match(after))
        ):
            role = "rate"
        s, e = doc.work.span(m.start("num"), m.end())
        explicit = True
        if role == "other" and (
            not past
            and number <= _MAX_INFERRED_RATE
            and not _QUALIFIED_AFTER_RE.match(after)
            and not _NOT_RATE_RE.search(before)
            and not _NOT_INFERRED_RE.search(before)
        ):
            explicit = False  # unqualified: a candidate insertion rate, settled below
        found.append(
            (m.start(), Percentage(to_float(number / 100, 6), role, (s, e), doc.original[s:e].strip(), explicit))
        )
    for m in _RATE_FRACTION_RE.finditer(text):
        number = number_value(m.group("num"), decimal_hint=True)
        if number is None or not 0 < number < 1:
            continue
        s, e = doc.work.span(m.start("num"), m.end("num"))
        found.append((m.start("num"), Percentage(to_float(number, 6), "rate", (s, e), doc.original[s:e].strip())))
    found.sort(key=lambda item: item[0])
    result = [p for _, p in found]
    # A lone unqualified « 5 % » in « 600 000 € HT sur 3 ans, 5 % » is the insertion rate,
    # but only when nothing else in the message is explicitly the rate.
    has_rate = any(p.role == "rate" for p in result)
    settled: list[Percentage] = []
    for p in result:
        if p.role == "other" and not p.explicit:
            if not has_rate:
                p = Percentage(p.value, "rate", p.span, p.text, explicit=False)
                has_rate = True
            else:
                p = Percentage(p.value, "other", p.span, p.text, explicit=True)
        settled.append(p)
    return settled


# « une clause à 6 % du montant converti en heures »: a rate taken on the whole amount, not on its labour
# (« 10 % du montant de la main-d'œuvre » is a rate of the labour; « la MO fait 45 % du montant » a labour share).
_WHOLE_AMOUNT_AFTER_RE = re.compile(
    r"\s*(?:du|de\s+son|de\s+notre|de\s+l'\s*)\s*(?:montant|prix|chiffre\s+d'affaires|ca)\b"
    r"(?!\s*(?:(?:ht|total|global)\s+)?(?:de\s+(?:la\s+)?|d'\s*)?" + _MO + r"|\s*(?:ht\s+)?initial)"
)


_CHANGE_BEFORE_RE = re.compile(
    r"\b(?:hausse|baisse|augment\w*|inflation|marge|evolution|variation|actualisation|reduction)\b"
)


@never_raise(lambda: False)
def rate_of_the_amount(text: str) -> bool:
    """Whether the insertion rate is said to apply to the whole amount (« 6 % du montant converti en heures »)."""
    work = prepare(text).work.text
    for m in _PERCENT_RE.finditer(work):
        number = number_value(m.group("num"), decimal_hint=True)
        before = words_before(work, m.start("num"), limit=50)
        if number is None or number > _MAX_INFERRED_RATE or _LABOUR_SUBJECT_BEFORE_RE.search(before):
            continue
        if _NOT_RATE_RE.search(before) or _CHANGE_BEFORE_RE.search(before):
            continue  # « une hausse de 3 % du montant », « une avance de 5 % du montant »
        if _WHOLE_AMOUNT_AFTER_RE.match(work, m.end()):
            return True
    return False


# « un tableau 5 / 7 / 10 % », « à 5, 7 et 10 % »: several insertion rates to compare, the sign written once or each time.
_RATE_SERIES_RE = re.compile(
    r"(?<![\d.,])(?:\d{1,2}(?:[.,]\d+)?\s*%?\s*(?:/|,|;|\bet\b|\bou\b|-)\s*){1,4}\d{1,2}(?:[.,]\d+)?\s*%"
)
_SERIES_NUMBER_RE = re.compile(r"\d{1,2}(?:[.,]\d+)?")


@never_raise(tuple)
def parse_rate_series(text: str) -> tuple[float, ...]:
    """Insertion rates listed to be compared (« 5 / 7 / 10 % » → 0.05, 0.07, 0.10), or () when fewer than two."""
    work = prepare(text).work.text
    for m in _RATE_SERIES_RE.finditer(work):
        numbers = [number_value(n, decimal_hint=True) for n in _SERIES_NUMBER_RE.findall(m.group(0))]
        if any(n is None or n <= 0 or n > _MAX_INFERRED_RATE for n in numbers) or len(set(numbers)) < 2:
            continue  # « 60/40 % » shares the hours; only small rates make a series
        if re.search(r"\bentre\s*$", work[: m.start()]):
            continue  # « entre 5 et 10 % » is a range, not rates to compare
        return tuple(dict.fromkeys(to_float(n / 100, 6) for n in numbers if n is not None))
    return ()


@never_raise(list)
def parse_percentages(text: str) -> list[Percentage]:
    """Every percentage with its role: insertion rate, labour share, criterion weight or other."""
    return scan_percentages(prepare(text))


def first_role(percentages: list[Percentage], role: PercentageRole) -> float | None:
    for p in percentages:
        if p.role == role and 0 <= p.value <= 1:
            return p.value
    return None


@never_raise(lambda: None)
def parse_rate(text: str) -> float | None:
    """The insertion rate as a fraction (« taux d'insertion 7 % », « clause à 10 % » → 0.07, 0.10)."""
    return first_role(parse_percentages(text), "rate")


@never_raise(lambda: None)
def parse_labour_share(text: str) -> float | None:
    """The labour share as a fraction (« 70 % de main-d'œuvre », « part de MO 50 % »)."""
    return first_role(parse_percentages(text), "labour_share")


@never_raise(lambda: None)
def parse_weight(text: str) -> float | None:
    """The weight of an award criterion as a fraction (« pondéré à 10 % », « pondération 15 % »)."""
    return first_role(parse_percentages(text), "weight")


# --------------------------------------------------------------------------- durations

_DURATION_RE = re.compile(
    r"(?:(?<![\w.,/\-])(?P<num>\d{1,3}(?:[.,]\d+)?)|\b(?P<one>une?))"
    r"\s*(?P<unit>mois|ans?|annees?)\b"
    r"(?P<half>\s*et\s+demie?\b)?"
    r"(?:\s*(?:et\s+)?(?P<extra>\d{1,2})\s*mois\b)?"
)
_NOT_DURATION_BEFORE_RE = re.compile(
    r"(?:\b(?:moins|plus|depuis|au\s+moins|d'au\s+moins|age\w*|jeunes?|seniors?|de\s+\d+\s+a)\s*(?:de\s+)?$"
    r"|\bcd[di]\s+(?:de\s+)?$|\bcontrats?\s+(?:de\s+)?$)"
)
_NOT_DURATION_AFTER_RE = re.compile(
    r"^\s*(?:et\s+plus|revolus|d'anciennete|d'experience|de\s+chomage|d'inscription|minimum|d'age)"
)
_DURATION_CUE_RE = re.compile(r"\b(?:sur|pendant|durant|duree[^\d,;]{0,15}|pour|d'une\s+duree\s+de)\s*$")


# What follows a firm duration and lengthens it: renewals (« reconductible 3 fois », « + 2 reconductions
# d'un an ») or an optional period (« + 2 ans de reconduction »). The estimated value of a market counts
# its renewals, and so does its duration for a sizing: « 4 ans + 2 ans de reconduction » lasts 6 years.
_RENEWABLE = r"(?:reconductibles?|renouvelables?|reconduits?|renouvelee?s?|prolongeables?)"
_FIRM = r"^\s*(?:fermes?\b)?\s*[,(]?\s*"


def _period(name: str) -> str:
    """A length of time (« 1 an », « un an », « 12 mois »), its number and unit captured under ``name``."""
    return rf"(?P<{name}>\d{{1,3}}(?:[.,]\d+)?|une?)\s*(?P<{name}_unit>mois|ans?|annees?)\b"


# « reconductible 3 fois (1 an) », « + 2 reconductions d'un an », « renouvelable 2 fois par période de 12 mois »
_RENEWALS_AFTER_RE = re.compile(
    _FIRM + r"(?:(?:\+|plus\b|et\b|,)\s*)?(?:" + _RENEWABLE + r"\s+)?(?:tacitement\s+|expressement\s+)?"
    r"(?P<n>\d{1,2}|une?)\s*(?:fois|reconductions?|renouvellements?|periodes?)\b"
    r"(?:\s*(?:annuelles?|supplementaires?|successives?|eventuelles?))?"
    r"(?:\s*[(]?\s*(?:par\s+periodes?\s+(?:de\s+|d')?|pour\s+|de\s+|d')?"
    + _period("each")
    # « (4 ans max) » is the whole duration, not each period
    + r"(?!\s*(?:max\w*|au\s+(?:total|plus)|en\s+tout)))?"
)
# « + 2 ans de reconduction », « et 1 an reconductible », « (+ 12 mois en option) », « + 2 ans »
_OPTIONAL_PERIOD_RE = re.compile(
    _FIRM + r"(?P<link>\+|plus\b|et\b)\s*" + _period("extra") + r"(?P<tail>\s*(?:de\s+(?:reconductions?|"
    r"renouvellements?|prolongation)|" + _RENEWABLE + r"|optionnel\w*|en\s+options?|supplementaires?))?"
)


def _period_months(number: str, unit: str) -> Decimal | None:
    """« 2 », « ans » → 24; « un », « an » → 12."""
    value = Decimal(SMALL_NUMBERS[number]) if number in SMALL_NUMBERS else number_value(number)
    if value is None or value <= 0:
        return None
    return value if unit == "mois" else value * 12


def _count(word: str) -> int:
    return SMALL_NUMBERS.get(word) or int(word)


def _extension(after: str, base: Decimal) -> tuple[Decimal, int]:
    """The months that renewals or an optional period add to a firm duration of ``base`` months, and the
    length of text they take: « + 3 reconductions » → 3 × base; « + 2 ans de reconduction » → 24;
    « + 1 an reconductible 2 fois » → 24. « 2 ans et 3 ans » adds nothing: « et » joins two durations
    unless a renewal word follows the second."""
    m = _RENEWALS_AFTER_RE.match(after)
    if m:
        each = _period_months(m.group("each"), m.group("each_unit")) if m.group("each") else None
        return _count(m.group("n")) * (each or base), m.end()
    m = _OPTIONAL_PERIOD_RE.match(after)
    if m is None or (m.group("link") == "et" and m.group("tail") is None):
        return Decimal(0), 0
    extra = _period_months(m.group("extra"), m.group("extra_unit")) or Decimal(0)
    again = _RENEWALS_AFTER_RE.match(after[m.end() :]) if m.group("tail") else None
    if again and again.group("each") is None:
        return _count(again.group("n")) * extra, m.end() + again.end()
    return extra, m.end()


# « reconduit une 4e année », « jusqu'à la cinquième année »: the market then lasts that many years.
_ORDINALS = {"deuxieme": 2, "second": 2, "seconde": 2, "troisieme": 3, "quatrieme": 4, "cinquieme": 5, "sixieme": 6}
_ORDINAL_YEAR_RE = re.compile(
    r"\b(?:une|d'une|jusqu'a la|jusqu'en|sur une|pour une)\s+"
    r"(?:(?P<num>\d{1,2})\s*(?:e|eme|ieme|em)|(?P<word>" + "|".join(_ORDINALS) + r"))\s+annee\b"
)


def _ordinal_year_months(work: str) -> int | None:
    """« une 4e année » → 48 months, or None."""
    m = _ORDINAL_YEAR_RE.search(work)
    if m is None:
        return None
    years = int(m.group("num")) if m.group("num") else _ORDINALS[m.group("word")]
    return years * 12 if 1 < years <= 20 else None


# « un contrat de 7 ans »: a work contract of a person in insertion rarely lasts four years or more (a CDDI, an
# apprenticeship, a contrat de professionnalisation last at most three), so such a contract is the market itself.
_MARKET_CONTRACT_BEFORE_RE = re.compile(r"\bcontrats?\s+(?:de\s+)?$")
_MIN_MARKET_CONTRACT_YEARS = 4


def _market_contract(before: str, m: re.Match[str]) -> bool:
    if not _MARKET_CONTRACT_BEFORE_RE.search(before) or m.group("num") is None or not m.group("unit").startswith("an"):
        return False
    years = number_value(m.group("num"), decimal_hint=True)
    return years is not None and years >= _MIN_MARKET_CONTRACT_YEARS


_THEN_THE_WHOLE_DURATION_RE = re.compile(r"^\s*(?:et|puis|,)\s*(?:sur\s+)?(?:les|la|toute)\b")


@never_raise(lambda: None)
def parse_duration_months(text: str) -> int | None:
    """The market duration in months: « 18 mois », « 3 ans », « 2 ans et demi » (30), « un an ».

    Ages and seniority (« moins de 26 ans », « depuis 12 mois ») and years (« 2026 ») are not durations.
    """
    doc = prepare(text)
    work = doc.work.text
    first: int | None = None
    consumed = 0  # the end of the renewals read after the last duration: « + 2 ans de reconduction » is not a duration of its own
    for m in _DURATION_RE.finditer(work):
        if m.start() < consumed:
            continue
        before = work[max(0, m.start() - 30) : m.start()]
        if _NOT_DURATION_AFTER_RE.match(work[m.end() : m.end() + 30]) or (
            _NOT_DURATION_BEFORE_RE.search(before) and not _market_contract(before, m)
        ):
            continue
        if m.group("one"):
            if _THEN_THE_WHOLE_DURATION_RE.match(work[m.end() : m.end() + 30]):
                continue  # « sur un an et sur les 4 ans »: a result asked per year, then over the duration said next
            if m.group("unit") == "mois":
                continue  # « un mois » is rare as a market duration and « une mois » is not French
            number: Decimal | None = Decimal(1)
        else:
            number = number_value(m.group("num"), decimal_hint=True)
        if number is None or number <= 0:
            continue
        months = number if m.group("unit") == "mois" else number * 12
        if m.group("half"):
            months += 6 if m.group("unit") != "mois" else Decimal("0.5")
        if m.group("extra"):
            months += int(m.group("extra"))
        added, length = _extension(work[m.end() : m.end() + 70], months)
        months += added
        consumed = m.end() + length
        value = int(round(months))
        if not 0 < value <= 1200:
            continue
        if _DURATION_CUE_RE.search(before):
            return value
        if first is None:
            first = value
    return first if first is not None else _ordinal_year_months(work)


# --------------------------------------------------------------------------- hours

_HOURS_RE = re.compile(NUM + r"\s*(?P<unit>heures?\b|hrs?\b|h(?![\w/])(?!\s?\d))")
_PER_PERIOD_AFTER_RE = re.compile(
    r"\s*(?:(?:de\s+travail\s+)?(?:/\s*|par\s+|chaque\s+|tous\s+les\s+)"
    r"(?:mois|semaines?|sem|jours?|ans?|annees?|etp|personnes?|salaries?)\b"
    r"|(?:mensuel|hebdomadaire|annuel|quotidien)\w*)"
)
_MONTHLY_RE = re.compile(
    NUM + r"\s*(?:heures?|h)\s*(?:de\s+travail\s+)?(?:/\s*mois|par\s+mois|chaque\s+mois|mensuel(?:le)?s?)\b"
)
_ETP_BASE_RES = (
    re.compile(r"\bbase\s*(?:annuelle\s*)?(?:de\s+|d'\s*|:\s*|=\s*)?" + NUM + r"(?:\s*(?:h\b|heures?))?"),
    re.compile(NUM + r"\s*(?:h|heures?)\s*(?:/\s*|par\s+)(?:etp|an|annee)\b"),
    re.compile(NUM + r"\s*(?:h|heures?)\s*annuel\w*"),
    re.compile(r"\b(?:etp|temps\s+plein)\s*(?:a|de|=|:|sur\s+la\s+base\s+de)\s*" + NUM + r"\s*(?:h\b|heures?)"),
    re.compile(r"(?<![\w'])a\s+" + NUM + r"\s*(?:h\b|heures?\b)(?!\s*d'insertion)"),
)
_ETP_BASE_RANGE = (1000, 2500)
_LOOSE_ETP_BASE_RANGE = (1400, 2000)  # « à 1 820 heures » is a base only when it looks like a year of work


_ETP_CONTEXT_RE = re.compile(r"\betp\b|\btemps\s+plein\b")


def _etp_bases(doc: Doc) -> list[tuple[int, int, int]]:
    text = doc.work.text
    found: list[tuple[int, int, int]] = []
    etp_context = bool(_ETP_CONTEXT_RE.search(text))
    for index, pattern in enumerate(_ETP_BASE_RES):
        loose = index == len(_ETP_BASE_RES) - 1
        if loose and not etp_context:
            continue  # « une clause à 1 500 heures » is a volume of hours, not a base
        low, high = _LOOSE_ETP_BASE_RANGE if loose else _ETP_BASE_RANGE
        for m in pattern.finditer(text):
            number = number_value(m.group("num"))
            if number is None or not low <= number <= high:
                continue
            found.append((m.start("num"), m.end(), int(round(number))))
    found.sort()
    return found


@never_raise(lambda: None)
def parse_etp_base(text: str) -> int | None:
    """The annual hours of one full-time equivalent: « base 1 600 h », « à 1 820 heures »."""
    bases = _etp_bases(prepare(text))
    return bases[0][2] if bases else None


# « 1 200 h de main-d'œuvre », « 9 000 heures travaillées »: the labour of the market, not insertion hours.
_WORKED_AFTER_RE = re.compile(
    r"\s*(?:(?:de\s+|d'\s*)(?:" + _MO + r"|travail\b(?!\s+(?:par|/|chaque|tous))|production\b"
    # a service's own unit of labour: « 21 000 heures de vacation » (security), « de prestation », « d'intervention »
    r"|vacations?\b|prestations?\b|interventions?\b)"
    r"|travaillees?\b|effectuees?\s+sur\s+le\s+(?:marche|chantier))"
)


# « le marché fait 1 200 heures de formation »: the hours of a service market that sells hours of teaching are its
# labour, the base of « 7 % des heures » (a person's « 35 h de formation » are not).
_SERVICE_HOURS_AFTER_RE = re.compile(r"\s*(?:de\s+|d'\s*)(?:formation|cours|enseignement|animation)\b")
_MARKET_BEFORE_RE = re.compile(
    r"\b(?:marches?|lots?|accords?-cadres?|prestations?|contrats?|consultations?|chantiers?|operations?)\b[^.;?!\d]{0,30}$"
)


# « la clause dit 5 % des heures travaillées » : the rate applies to hours, so the market's own volume of hours given
# elsewhere in the message (« le marché c'est environ 14 000 h par an ») is its labour.
_RATE_OF_HOURS_RE = re.compile(r"%\s*(?:des|du total des)\s+heures\b(?!\s+d'\s*insertion)")
_INSERTION_AFTER_RE = re.compile(r"\s*(?:d'\s*|de\s+)insertion\b")
# « 7 % des heures … on estime 4 000 h de conduite et manutention par an sur ce marché »: hours of an activity said
# to be the market's, with the market named after them.
_MARKET_AFTER_RE = re.compile(
    r"\s*(?:de\s+|d'\s*)[^.;?!\d]{0,50}?\b(?:sur|dans|pour)\s+(?:le|ce|notre|votre|du)\s+(?:marches?|contrats?|lots?)\b"
)


def _is_worked(work: str, end: int, start: int | None = None) -> bool:
    if _WORKED_AFTER_RE.match(work, end):
        return True
    if _RATE_OF_HOURS_RE.search(work) is not None and _MARKET_AFTER_RE.match(work, end) is not None:
        return not _INSERTION_AFTER_RE.match(work, end)
    if start is None or _MARKET_BEFORE_RE.search(work[max(0, start - 60) : start]) is None:
        return False
    if _SERVICE_HOURS_AFTER_RE.match(work, end):
        return True
    return _RATE_OF_HOURS_RE.search(work) is not None and not _INSERTION_AFTER_RE.match(work, end)


@never_raise(lambda: None)
def parse_worked_hours(text: str) -> int | None:
    """The hours of labour of the market (« on fait 1 200 h de main-d'œuvre par an », « 9 000 heures travaillées »).

    The insertion rate applies to them; they are never insertion hours themselves.
    """
    found = _first_worked(prepare(text).work.text)
    return int(round(found[1])) if found else None


def _first_worked(work: str) -> tuple[re.Match[str], Decimal] | None:
    """The first hours of labour in a prepared text, with their number."""
    for m in _HOURS_RE.finditer(work):
        if not _is_worked(work, m.end(), m.start()):
            continue
        number = number_value(m.group("num"))
        if number is not None and number > 0:
            return m, number
    return None


# « 21 000 heures de vacation par an », « 1 200 h de main-d'œuvre/an »: the hours worked are a yearly volume.
_PER_YEAR_AFTER_RE = re.compile(r"[^.;?!\d]{0,40}?(?:\bpar\s+an\b|/\s*an\b|\bannuel\w*|\bchaque\s+annee\b)")


@never_raise(lambda: False)
def worked_hours_per_year(text: str) -> bool:
    """Whether the hours worked the message gives are said per year (« 21 000 h de vacation par an »)."""
    work = prepare(text).work.text
    found = _first_worked(work)
    return found is not None and _PER_YEAR_AFTER_RE.match(work, found[0].end()) is not None


_PERSON_AT_BEFORE_RE = re.compile(
    r"\b(?:gars|mecs?|personnes?|salariee?s?|ouvriers?|jeunes?|quelqu'un|chacun|compagnons?|apprentis?|interimaires?"
    r"|agents?)\s+a\s*$"
)


def _is_a_week(number: str) -> bool:
    value = number_value(number)
    return value is not None and value <= 48


@never_raise(lambda: None)
def parse_hours(text: str) -> int | None:
    """Insertion hours given by the user (« 1 000 heures », « 1000 h », « 500 heures d'insertion »).

    Per-period hours (« 400 h/mois », « 35 h par semaine »), hours of labour of the market
    (« 1 200 h de main-d'œuvre »), ETP bases and clock times are not.
    """
    doc = prepare(text)
    work = doc.work.text
    bases = _etp_bases(doc)
    for m in _HOURS_RE.finditer(work):
        start = m.start("num")
        if any(s <= start < e for s, e, _ in bases) or _is_worked(work, m.end(), m.start()):
            continue
        if _PER_PERIOD_AFTER_RE.match(work, m.end()):
            continue
        if re.search(r"(?:€|euros?|eur)\s*/?\s*$", work[max(0, start - 8) : start]):
            continue
        if _PERSON_AT_BEFORE_RE.search(work[max(0, start - 30) : start]) and _is_a_week(m.group("num")):
            continue  # « pour un gars à 35 h »: the person's working week, not hours to convert
        number = number_value(m.group("num"))
        if number is None or number <= 0:
            continue
        return int(round(number))
    return None


@never_raise(lambda: None)
def parse_monthly_hours(text: str) -> int | None:
    """Hours per month of transferred staff (cleaning): « 400 h/mois », « 400 heures par mois »."""
    m = _MONTHLY_RE.search(prepare(text).work.text)
    if not m:
        return None
    number = number_value(m.group("num"))
    return int(round(number)) if number is not None and number > 0 else None


# --------------------------------------------------------------------------- one field, strictly

# The structured paths (API, CLI, tool calls) give one value per field: it is read with the
# same number conventions as a chat message, and an unreadable value is a named French error.

MAX_AMOUNT = Decimal("10000000000")  # 10 billion euros: anything above is a typo
_FIELD_SPACES_RE = re.compile(r"[\s\u00a0\u202f\u2009]+")
_FIELD_UNIT_RE = re.compile(r"(?i)(€|eur(os?)?|ht|h/mois|heures?|h|mois|€/h)+$")


def read_decimal(value: Any, *, field: str, label: str) -> Decimal:
    """A number given as a number or as French text (« 1 200 », « 1.200 », « 1,5 », « 30 €/h »)."""
    if isinstance(value, bool) or value is None:
        raise InvalidInput(f"{capitalized(label)} : valeur manquante ou illisible.", field=field)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidInput(f"{capitalized(label)} : valeur non numérique ({value}).", field=field)
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInput(f"{capitalized(label)} : valeur non numérique.", field=field)
        return value
    if isinstance(value, str):
        text = _FIELD_UNIT_RE.sub("", _FIELD_SPACES_RE.sub("", value))
        try:
            number = Decimal(canonical_number(text))
        except InvalidOperation:
            raise InvalidInput(f"{capitalized(label)} : « {value} » n'est pas un nombre.", field=field) from None
        if not number.is_finite():
            raise InvalidInput(f"{capitalized(label)} : « {value} » n'est pas un nombre.", field=field)
        return number
    raise InvalidInput(f"{capitalized(label)} : type de valeur non pris en charge.", field=field)


def read_fraction(value: Any, *, field: str = "rate", label: str = "taux") -> float:
    """Read a rate or share given as 0.05, 5, « 5 % », « 5% » or « 0,05 ».

    A number above 1 and up to 100 is read as a percentage (5 → 5 %), since
    users type both forms; a string with « % » is always a percentage. Raises
    :class:`InvalidInput` (naming ``field``) outside 0–100 %.
    """
    return float(read_fraction_decimal(value, field=field, label=label))


def read_fraction_decimal(value: Any, *, field: str, label: str) -> Decimal:
    is_percent = isinstance(value, str) and "%" in value
    if isinstance(value, str):
        cleaned = value.replace("%", "").strip()
        if not cleaned:
            raise InvalidInput(f"{capitalized(label)} : valeur manquante.", field=field)
        number = read_decimal(cleaned, field=field, label=label)
    else:
        number = read_decimal(value, field=field, label=label)
    if number < 0:
        raise InvalidInput(
            f"{capitalized(label)} : {fmt_plain(number)} est négatif ; indiquez une valeur entre 0 et 100 %.",
            field=field,
        )
    if is_percent or number > 1:
        if number > 100:
            raise InvalidInput(
                f"{capitalized(label)} : {fmt_plain(number)} % dépasse 100 % ; indiquez une valeur entre 0 et 100 %.",
                field=field,
            )
        number = number / 100
    return number


def read_amount(value: Any, *, field: str = "amount", label: str = "montant HT du marché") -> float:
    """An amount in euros, written as in a chat message (« 1 200 000 », « 1,2 M€ », « 800 k€ »), range-checked."""
    return float(read_amount_decimal(value, field=field, label=label))


def read_amount_decimal(value: Any, *, field: str = "amount", label: str = "montant HT du marché") -> Decimal:
    try:
        amount = read_decimal(value, field=field, label=label)
    except InvalidInput:
        spoken = parse_amounts(value) if isinstance(value, str) else []
        if len(spoken) != 1:
            raise
        amount = Decimal(str(spoken[0].value))
    return check_amount(amount, field=field, label=label)


def check_amount(amount: Decimal, *, field: str, label: str) -> Decimal:
    if amount <= 0:
        raise InvalidInput(
            f"{capitalized(label)} : le montant doit être strictement positif (reçu : {fmt_plain(amount)} €).",
            field=field,
        )
    if amount > MAX_AMOUNT:
        raise InvalidInput(
            f"{capitalized(label)} : {fmt_number(amount)} € dépasse 10 milliards d'euros, ce qui paraît être une "
            "erreur de saisie ; vérifiez le montant HT.",
            field=field,
        )
    return amount
