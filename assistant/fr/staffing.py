"""The people a message asks to employ with insertion hours, and on what basis.

« ça fait combien de jeunes si chacun fait un contrat de 3 mois à temps plein ? », « combien de
gars je dois placer : chantier de 14 mois, 30 h/semaine, 4 semaines de congés » : the number of
people is asked, over a period in months, at weekly hours (full time when not said), less the
weeks off the message counts. Read on the text folded by :func:`~assistant.fr.text.fold`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.fr.safety import never_raise
from assistant.fr.text import fold

# « combien de jeunes », « combien de gars je dois placer », « combien de personnes à temps plein »
_PEOPLE_ASKED = re.compile(
    r"\bcombien (?:de |d')(?:personnes|salaries|gars|mecs|jeunes|interimaires|ouvriers|contrats|recrutements|"
    r"embauches|postes|alternants|apprentis|allocataires|beneficiaires|candidats)\b"
)
_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "huit": 8, "neuf": 9, "dix": 10}
# The period one person works: « contrat de 3 mois », « sur 6 mois », « chantier de 14 mois ».
_PERIOD = re.compile(r"\b(\d{1,2}(?:[.,]\d)?|une?|deux|trois|quatre|cinq|six|huit|neuf|dix)\s*mois\b")
# « à 35 h par semaine », « 30h/semaine », « 28 h hebdo », « 17h30 par semaine »: each person's weekly hours.
WEEKLY_HOURS = re.compile(
    r"\b(\d{1,2}(?:[.,]\d)?)\s*h(?:eures?)?(\d{2})?\s*(?:par semaine|/\s*sem(?:aine)?|hebdo\w*|la semaine)\b"
)
# « à temps plein », « à mi-temps », « à temps partiel 80 % » is not read: only the two unambiguous ones.
_TIME_SHARE = re.compile(r"\b(?:a |en )?(?P<share>temps plein|plein temps|mi-temps|mi temps|demi-temps)\b")
# « ça fait combien d'heures au total ? », « elle ferait combien d'heures ? »: one person's hours asked.
# Written fast, the apostrophe goes (« combien d heures ») and a pronoun slips in (« ça me fait combien »).
_HOURS_ASKED = re.compile(
    r"\bcombien d['\s]?heures\b|\b(?:ca|cela) (?:me |nous |lui |leur )?(?:fait|ferait|donne|donnerait|represente)\w* combien\b"
    r"|\bcombien (?:ca|cela) (?:me |nous |lui )?(?:fait|ferait|donne)\b|\bnombre d['\s]?heures\b"
)
# The period one person works counted in weeks (« pendant 13 semaines », « une mission de 6 semaines »), not the
# weeks off it leaves out (« 4 semaines de congés »).
_PERIOD_WEEKS = re.compile(
    r"\b(?:pendant|sur|durant|de|d'|pour)\s*(\d{1,2}(?:[.,]\d)?|une?|deux|trois|quatre|cinq|six|huit|neuf|dix)\s*semaines?\b"
    r"(?!\s+(?:de |d')?(?:conges|intemperies|fermeture|vacances|absences?|arrets?|inactivite))"
)
# « 4 semaines de congés/intempéries »: weeks nobody works on the market.
_WEEKS_OFF = re.compile(
    r"\b(\d{1,2})\s*semaines?\s+(?:de |d')?(?:conges|intemperies|fermeture|vacances|absences?|arrets?|inactivite)\b"
)


# « ça fait combien de mois de boulot ? », « combien de semaines à mi-temps ? »: a length of work asked.
_DURATION_ASKED = re.compile(
    r"\bcombien de (?:semaines|mois)\b|\b(?:ca|cela) (?:prend|fait|represente|ferait) combien de (?:semaines|mois)\b"
)


def asks_duration(folded: str) -> bool:
    """Whether a (folded) message asks how many weeks or months of work some hours make."""
    return bool(_DURATION_ASKED.search(folded))


def half_time_in(folded: str) -> bool:
    """« à mi-temps », « à mi temps », « à demi-temps »."""
    share = _TIME_SHARE.search(folded)
    return share is not None and "plein" not in share.group("share")


@dataclass(frozen=True)
class StaffingAsk:
    """How many people, each working ``weekly_hours`` (None: full time) over ``months``, less ``weeks_off``."""

    months: float
    weekly_hours: float | None = None
    weeks_off: float = 0
    time_share: float = 1.0  # of a full-time week, when the weekly hours are not given (« à mi-temps »: 0.5)
    weeks: float | None = None  # the period as the message counts it in weeks (« pendant 13 semaines »), if so


# « pour un gars à 35 h », « une personne à 24 h »: a person at so many hours is their working week.
PERSON_AT_HOURS = re.compile(
    r"\b(?:gars|mecs?|personnes?|salaries?|salariees?|ouvriers?|jeunes?|quelqu'un|chacun|compagnons?|apprentis?|"
    r"interimaires?|agents?)\s+(?:a|de)\s+(\d{1,2}(?:[.,]\d)?)\s*h(?:eures?)?(\d{2})?\b"
    r"(?!\s*(?:d'insertion|de\s+(?:formation|travail|plus|moins)|au\s+total|en\s+tout|sur\s+le))"
)
MAX_WEEKLY_HOURS = 48  # the legal weekly maximum: more is a volume of hours, not a week


def weekly_hours_in(folded: str) -> float | None:
    """Each person's weekly hours (« 24 h par semaine », « un gars à 35 h » → 24.0, 35.0), or None."""
    m = WEEKLY_HOURS.search(folded)
    if m is None:
        m = PERSON_AT_HOURS.search(folded)
        if m is None or float(m.group(1).replace(",", ".")) > MAX_WEEKLY_HOURS:
            return None
    value = float(m.group(1).replace(",", ".")) + (int(m.group(2)) / 60 if m.group(2) else 0)
    return value if value > 0 else None


def _number(word: str) -> float:
    return float(_WORDS[word]) if word in _WORDS else float(word.replace(",", "."))


def _months(folded: str) -> float | None:
    period = _PERIOD.search(folded)
    return None if period is None else _number(period.group(1))


def period_weeks(folded: str) -> float | None:
    """The weeks one person works, when the message counts its period in weeks (« pendant 13 semaines »)."""
    period = _PERIOD_WEEKS.search(folded)
    return None if period is None else _number(period.group(1))


@never_raise(lambda: None)
def person_hours_ask(text: str) -> StaffingAsk | None:
    """The hours one person works over a period, asked (« à 17h30 par semaine sur 6 mois, combien d'heures ? »),
    or None: the message must give the weekly hours and the period and ask a number of hours, not of people."""
    folded = fold(text)
    if _PEOPLE_ASKED.search(folded) or not _HOURS_ASKED.search(folded):
        return None
    weekly, months, weeks = weekly_hours_in(folded), _months(folded), None
    if months is None and (weeks := period_weeks(folded)) is not None:
        months = weeks * 12 / 52
    time_share = _TIME_SHARE.search(folded)
    if months is None or (weekly is None and time_share is None):
        return None
    off = _WEEKS_OFF.search(folded)
    share = 1.0 if weekly is not None or time_share is None or "plein" in time_share.group("share") else 0.5
    return StaffingAsk(months, weekly, float(off.group(1)) if off else 0, time_share=share, weeks=weeks)


@never_raise(lambda: None)
def staffing_ask(text: str) -> StaffingAsk | None:
    """The people asked for over a period, or None when the message asks no number of people or gives no period."""
    folded = fold(text)
    if not _PEOPLE_ASKED.search(folded):
        return None
    months, weeks = _months(folded), None
    if months is None and (weeks := period_weeks(folded)) is not None:
        months = weeks * 12 / 52  # « chaque contrat fait 35 h par semaine pendant 3 semaines »
    if months is None:
        return None
    off = _WEEKS_OFF.search(folded)
    return StaffingAsk(months, weekly_hours_in(folded), float(off.group(1)) if off else 0, weeks=weeks)


# A new period for the same person (« et si je fais encore 6 semaines ? », « et sur 9 mois ? »), not weeks off.
_ANY_PERIOD = re.compile(
    r"\b(\d{1,2}(?:[.,]\d)?|une?|deux|trois|quatre|cinq|six|huit|neuf|dix)\s*(semaines?|mois)\b"
    r"(?!\s+(?:de |d')?(?:conges|intemperies|fermeture|vacances|absences?|arrets?|inactivite))"
)
# The period comes on top of the one computed (« encore », « de plus », « prolongé de »), not instead of it.
_MORE = re.compile(
    r"\b(?:encore|de plus|en plus|supplementaires?|rajout\w*|ajout\w*|prolong\w*|renouvel\w*|de rab|en rab)\b"
)


@dataclass(frozen=True)
class PeriodChange:
    """The weeks a follow-up names for the same person, added to the period computed or replacing it."""

    weeks: float
    added: bool
    months: float | None = None  # the period as said in months (« et sur 9 mois ? »), if so


def period_change(folded: str) -> PeriodChange | None:
    """« et si je fais encore 6 semaines ? » → 6 weeks added; « et sur 9 mois ? » → 39 weeks instead."""
    period = _ANY_PERIOD.search(folded)
    if period is None:
        return None
    value = _number(period.group(1))
    weeks = value if period.group(2).startswith("semaine") else value * 52 / 12
    months = None if period.group(2).startswith("semaine") else value
    return PeriodChange(weeks, bool(_MORE.search(folded)), months) if weeks > 0 else None


# The market's own full-time staff (« 6 techniciens sur site », « 250 conducteurs à temps plein », « 12 ETP
# conseillers »): their hours are the hours worked a rate « des heures » applies to.
_STAFF = re.compile(
    r"\b(\d{1,4}(?:[.,]\d)?)\s*(?:etp|equivalents?\s+temps\s+plein)\b"
    r"|\b(\d{1,4})\s+(?:techniciens?|conducteurs?|chauffeurs?|agents?|salaries?|ouvriers?|employes?|operateurs?|"
    r"conseillers?|personnes|intervenants?|gardiens?|animateurs?|cuisiniers?|aides?|auxiliaires?|soignants?)"
    r"(?:\s+[\w'-]+){0,2}?\s+(?:a\s+temps\s+plein|a\s+plein\s+temps|sur\s+site|en\s+poste|permanents?|en\s+permanence)\b"
)
# A rate of the hours (« 5 % des heures », « 5 % des heures de conduite »), not of an amount or a labour share.
_RATE_OF_HOURS = re.compile(r"\d\s*%\s*(?:des|du\s+total\s+des|de\s+leurs|de\s+ces)\s+heures\b")


def market_staff(text: str) -> float | None:
    """The full-time staff of the market, when a rate of their hours is asked (« 5 % des heures, pour 250
    conducteurs à temps plein »), or None."""
    folded = fold(text)
    staff = _STAFF.search(folded)
    if staff is None or not _RATE_OF_HOURS.search(folded):
        return None
    value = float((staff.group(1) or staff.group(2)).replace(",", "."))
    return value if value > 0 else None
