"""The user's own figures that ask for plain arithmetic rather than a sizing (pure readers over folded text).

Buyers and companies bring figures of their own market and ask what they make: the penalty of the hours still
missing (« il me manque 640 h, à 50 € l'heure »), where a cap puts it (« plafond de 10 % du montant annuel »),
the progress against a target prorated over time (« 9 000 h sur 6 ans, fin d'année 2 j'en ai fait 2 100 »),
one person's hours over a year (« 104 h par mois », « et si elle passe à 130 h en septembre ? ») or an
amendment that raises the base from a given year (« avenant de +15 % en année 3 »), or a record of hours done against
hours planned (« 41 200 h réalisées pour 38 000 prévues, 137 personnes »). Each reader returns only
what the message says; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.fr.numbers import DIGITS, number_float
from assistant.fr.quantities import parse_amounts
from assistant.fr.review import review_figures

_HOURS = r"\s*(?:h\b|heures?\b)"
_MONTHS = (
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
)

# « il me manque 640 h », « il manque encore 120 heures », « 640 h manquantes », « 80 h non réalisées »
_MISSING = re.compile(
    rf"\bmanqu\w*\s+(?:encore\s+|environ\s+|a peu pres\s+)?(?P<a>{DIGITS}){_HOURS}"
    rf"|(?P<b>{DIGITS}){_HOURS}\s*(?:d'?\s?insertion\s+)?(?:manquantes?|non (?:realisees?|faites?|effectuees?)|en moins)\b"
)
# « plafond de 10 % du montant annuel », « plafonnée à 5 % du marché »
_CAP = re.compile(
    rf"\bplafon\w*\s+(?:de\s+|a\s+|fixe\s+a\s+)?(?P<pct>{DIGITS})\s*%\s*(?:du|de\s+la|de\s+l')\s*"
    r"(?P<base>montant(?:\s+annuel|\s+total|\s+du\s+marche)?|marche|prix)"
)
# « 9000h d'insertion au total », « le marché dit 1200 heures d'insertion », « objectif de 3 000 h »
_TARGET = re.compile(
    rf"(?P<n>{DIGITS}){_HOURS}\s*(?:d'?\s?insertion\b|au total\b|prevues\b|dues\b|a faire\b)"
    rf"|\bobjectif\s+(?:de\s+)?(?P<m>{DIGITS}){_HOURS}"
)
# « j'ai fait 2100h », « on est à 380h », « réalisé 1 200 h », « on en a fait 900 »
_DONE = re.compile(
    rf"\b(?:(?:j'ai|on a|nous avons|il a|ils ont|j'en ai|on en a|en a)\s+(?:deja\s+)?(?:fait|realise|effectue)"
    rf"|(?:on est|on en est|nous sommes|je suis|j'en suis|il est)\s+a|realise\w*\s*:?)\s+(?P<n>{DIGITS}){_HOURS}?"
    rf"|(?P<r>{DIGITS}){_HOURS}\s*(?:d'?\s?insertion\s+)?(?:deja\s+)?(?:realisees|faites|effectuees)\b"
)
# « on s'engage sur 1200 h », « le CCAP demande 1 200 heures », « engagement de 1200 h »: the hours the holder owes
_COMMITTED = re.compile(
    rf"\b(?:engag\w*\s+(?:sur|a|pour|de)|engagement\s+(?:de|sur|a)|(?:ccap|marche|clause)\s+(?:\w+\s+)?"
    rf"(?:demande|impose|prevoit|exige))\s+(?P<n>{DIGITS}){_HOURS}"
)
# « si on en fait que 800 », « on n'en réalise que 800 h », « ils en font 900 »: the hours done, said as a case
_DONE_IF = re.compile(
    rf"\b(?:on|nous|je|j'|il|ils|elle|elles)\s*(?:n'\s*)?(?:en\s+)?(?:fait|fais|faisons|font|realise|realisons|realisent|"
    rf"atteint|atteignons)\s+(?:que\s+|seulement\s+|juste\s+)?(?P<n>{DIGITS})(?:{_HOURS})?"
)
# « fin d'année 2 », « à la fin de la 2e année », « au bout de 4 mois », « après 18 mois », « on est en mois 8 »
_ELAPSED_YEARS = re.compile(
    r"\bfin (?:d'annee|de l'annee|de la) (?P<a>\d{1,2})\b|\bfin de (?:la )?(?P<b>\d{1,2})(?:e|eme|ere)? annee\b"
    r"|\b(?:au bout de|apres|depuis) (?P<c>\d{1,2}) ans?\b"
)
_PERIOD = re.compile(r"\b(\d{1,3}) (mois|ans?|annees?)\b")
_ELAPSED_MONTHS = re.compile(r"\b(?:au bout de|apres|depuis|on est (?:a|en)(?: mois)?) (?P<n>\d{1,2}) mois\b")
# « suis-je en retard ? » asks whether late; « on est dans les clous ? », « à jour ? » whether on track
_ASKS_LATE = re.compile(r"\ben retard\b")
_ASKS_ON_TRACK = re.compile(r"\bdans les clous\b|\ba jour\b|\bdans les temps\b|\bdans le rythme\b|\bon tient\b")
# « calcule le taux de réalisation », « la moyenne d'heures par personne »: what the record is asked to give
_ASKS_RECORD = re.compile(r"\btaux de (?:realisation|reussite|atteinte)\b|\bmoyenne\b|\bpar personne\b|\bcalcul\w*")
# « 104h par mois », « 104 h/mois », « 130 heures mensuelles »
_MONTHLY = re.compile(rf"(?P<n>{DIGITS}){_HOURS}\s*(?:par mois|/\s*mois|mensuel\w*|chaque mois)")
_FROM_MONTH = re.compile(
    r"\b(?:en|des|a partir d(?:e\s+|')|a compter d(?:e\s+|')|au 1er|au premier)\s*(?P<m>" + "|".join(_MONTHS) + r")\b"
)
# « avenant de +15 % en année 3 », « augmentation de 15 % à partir de l'année 3 »
_RAISE = re.compile(
    rf"\b(?:avenant|augment\w*|hausse|extension)\s+(?:de\s+)?\+?\s*(?P<pct>{DIGITS})\s*%"
    rf"|\+\s*(?P<plus>{DIGITS})\s*%"
)
_FROM_YEAR = re.compile(
    r"\b(?:en|des|a partir de|a compter de|pour)\s+(?:l')?(?:annee\s+(?P<a>\d{1,2})|(?P<b>\d{1,2})(?:e|eme)\s+annee)\b"
)
# « sur une année », « par an », « sur l'année », « à l'année »: the result is asked per year
_PER_YEAR = re.compile(r"\b(?:sur (?:une|l'|un) ?(?:annee|an)|par an|a l'annee|annuel\w*|sur 12 mois)\b")
# « et si on applique ça à … », « rapporté à », « pour un budget de »: the last result scaled to a new amount
_SCALE = re.compile(
    r"\b(?:appliqu\w+|rapport\w+|extrapol\w+|transpos\w+|generalis\w+)\s+(?:ca|cela|le calcul|ce calcul|ce taux|"
    r"la meme chose|le meme calcul)?\s*(?:a|au|aux|sur|pour)\b"
)


@dataclass(frozen=True)
class Progress:
    target: float  # the hours due over the whole duration
    months: int  # the duration
    elapsed: int  # months gone by
    done: float
    asks: str | None = (
        None  # « late » (« suis-je en retard ? ») or « on_track » (« dans les clous ? »): the yes/no asked
    )


@dataclass(frozen=True)
class Realisation:
    done: float  # the hours worked, over the markets or the period the user counts
    planned: float  # the hours the clauses asked for over the same markets
    people: float | None  # the people who worked them, when said


@dataclass(frozen=True)
class MonthlyChange:
    hours: float  # the new monthly hours
    month: int  # the month they start (1 = January)


@dataclass(frozen=True)
class Raise:
    share: float  # +15 % → 0.15
    from_year: int


def _value(raw: str | None) -> float | None:
    return number_float(raw) if raw is not None else None  # « 9.000 » and « 9 000 » both read as nine thousand


def _group(match: re.Match[str] | None, *names: str) -> str | None:
    if match is None:
        return None
    return next((match.group(n) for n in names if match.group(n)), None)


def missing_hours(folded: str) -> float | None:
    """The hours still missing the message states (« il me manque 640 h »)."""
    return _value(_group(_MISSING.search(folded), "a", "b"))


# More hours to be done before the end, after a penalty was computed (« et s'il fait encore 400 h d'ici la
# réception ? », « s'il rattrape 300 h »): they come off the hours missing.
_MORE_DONE = re.compile(
    rf"\b(?:fai[st]|fera|font|feront|realise\w*|effectue\w*|rattrap\w*)\s+(?:encore\s+|en plus\s+|de plus\s+)?"
    rf"(?P<n>{DIGITS})\s*(?:h\b|heures?\b)(?:\s+(?:de plus|en plus|supplementaires?))?"
)
# What makes those hours more to come rather than hours said (« 400 h ça fait combien d'ETP ? »).
_MORE_CUE = re.compile(r"\bencore\b|\brattrap|\b(?:en|de) plus\b|\bsupplementaire")


def more_hours_done(folded: str) -> float | None:
    """The hours a follow-up says will still be done (« s'il fait encore 400 h », « s'il rattrape 300 h »), or
    None when it says hours without « encore », « de plus » or a catching up."""
    found = _MORE_DONE.search(folded)
    if found is None or not _MORE_CUE.search(found.group(0)):
        return None
    return _value(found.group("n"))


# « ça ferait combien au prorata ? », « proportionnellement », « une règle de trois »: hours carried to a new amount.
_PRORATA = re.compile(r"\bprorata\b|\bproportionnel\w*|\bregle de trois\b|\ba proportion\b")


def asks_prorata(folded: str) -> bool:
    return _PRORATA.search(folded) is not None


def prorata_amount(message: str, previous: str | None, amount: float) -> float | None:
    """The new amount hours are to be carried to at the prorata: another amount of the message, else the last
    amount of the question before other than ``amount`` (« le montant passe de 480 k€ à 560 k€ » then « 350 h pour
    480 k€, ça ferait combien au prorata ? »); None when neither gives one."""
    for text in (message, previous or ""):
        others = [a.value for a in parse_amounts(text) if a.value and abs(a.value - amount) > 0.5]
        if others:
            return others[-1]
    return None


def hours_short(folded: str) -> tuple[float, float] | None:
    """The hours due and the hours done when a message states both and fewer were done (« on s'engage sur 1200 h,
    si on en fait que 800 »), the shortfall a penalty is computed on; None otherwise."""
    due = _value(_group(_COMMITTED.search(folded), "n") or _group(_TARGET.search(folded), "n", "m"))
    done = _value(_group(_DONE_IF.search(folded), "n") or _group(_DONE.search(folded), "n", "r"))
    if due is None or done is None or not 0 <= done < due:
        return None
    return due, done


def penalty_cap_share(folded: str) -> float | None:
    """The cap of the penalties as a share of the amount (« plafond de 10 % du montant annuel » → 0.1)."""
    found = _value(_group(_CAP.search(folded), "pct"))
    return found / 100 if found is not None and 0 < found < 100 else None


def cap_is_annual(folded: str) -> bool:
    found = _CAP.search(folded)
    return found is not None and "annuel" in found.group("base")


def progress(folded: str, months: int | None) -> Progress | None:
    """Hours due over a duration, the time gone by and the hours done (« 9 000 h sur 6 ans, fin d'année 2,
    j'ai fait 2 100 h »); None unless all four are stated and the time gone by is inside the duration."""
    target = _value(_group(_TARGET.search(folded), "n", "m"))
    done = _value(_group(_DONE.search(folded), "n", "r"))
    by_years = _ELAPSED_YEARS.search(folded)
    by_months = _ELAPSED_MONTHS.search(folded) if by_years is None else None
    years = _group(by_years, "a", "b", "c")
    elapsed = int(years) * 12 if years else (int(by_months.group("n")) if by_months else None)
    said = by_years or by_months
    if said is not None:  # « au bout de 4 mois … le chantier dure 14 mois »: the longest other period is the duration
        rest = folded[: said.start()] + " " + folded[said.end() :]
        periods = [int(n) * (12 if unit.startswith("an") else 1) for n, unit in _PERIOD.findall(rest)]
        months = max(periods, default=months)
    if None in (target, done, elapsed, months) or not target or done is None or done >= target:
        return None
    assert target is not None and elapsed is not None and months is not None
    if not 0 < elapsed < months:
        return None
    asks = "late" if _ASKS_LATE.search(folded) else "on_track" if _ASKS_ON_TRACK.search(folded) else None
    return Progress(target, months, elapsed, done, asks)


def realisation(folded: str) -> Realisation | None:
    """Hours done against hours planned, and the people when said (« 41 200 h réalisées pour 38 000 prévues, 137
    personnes »), read as a results review reads them (:func:`assistant.fr.review.review_figures`), when the message
    asks what they make (a rate of completion, a mean per person)."""
    if _ASKS_RECORD.search(folded) is None:
        return None
    figures = review_figures(folded)
    if "hours_done" not in figures:
        return None
    return Realisation(figures["hours_done"], figures["hours_planned"], figures.get("participants"))


def monthly_hours(folded: str) -> float | None:
    """A person's hours per month (« CDI à temps partiel (104h par mois) »)."""
    return _value(_group(_MONTHLY.search(folded), "n"))


def monthly_change(folded: str) -> MonthlyChange | None:
    """New monthly hours from a month on (« si elle passe à 130 h par mois en septembre »)."""
    hours = monthly_hours(folded)
    month = _FROM_MONTH.search(folded)
    if hours is None or month is None:
        return None
    return MonthlyChange(hours, _MONTHS.index(month.group("m")) + 1)


def raise_from_year(folded: str) -> Raise | None:
    """A rise of the base from a year on (« avenant de +15 % en année 3 »)."""
    share = _value(_group(_RAISE.search(folded), "pct", "plus"))
    year = _group(_FROM_YEAR.search(folded), "a", "b")
    if share is None or year is None or not 0 < share < 100:
        return None
    return Raise(share / 100, int(year))


def asks_per_year(folded: str) -> bool:
    return _PER_YEAR.search(folded) is not None


def scales_to_a_new_amount(folded: str) -> bool:
    """« et si on applique ça à un budget de 300 M€ ? »: the last result, for another amount."""
    return _SCALE.search(folded) is not None
