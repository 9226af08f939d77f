"""The people a message asks to employ with insertion hours, and on what basis.

« ça fait combien de jeunes si chacun fait un contrat de 3 mois à temps plein ? », « combien de
gars je dois placer : chantier de 14 mois, 30 h/semaine, 4 semaines de congés » : the number of
people is asked, over a period in months, at weekly hours (full time when not said), less the
weeks off the message counts. Read on the text folded by :func:`~assistant.fr.text.fold`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.fr.formatting import fmt_number
from assistant.fr.numbers import COUNT, COUNT_WORDS_FROM_TWO, count_value
from assistant.fr.safety import never_raise
from assistant.fr.text import fold
from assistant.settings import PROJECT_ROOT
from assistant.yaml_data import load_yaml

CUES_FILE = PROJECT_ROOT / "prompts" / "compute_cues.yaml"

# Pay asked over the period (« 35 h par semaine pendant 4 mois au SMIC, ça fait combien en net ? »): a wage, not hours.
_PAY_ASKED = re.compile(r"\b(?:net|brut|salaires?|combien (?:je|j|il|elle|on) (?:gagne\w*|touche\w*))\b")
# A wage asked in so many words (« en net », « salaire brut », « je touche »): narrower than the cue above, since it is
# read on any message a classifier sends to a computation, where « net » or « salaires » also describe a market.
_WAGE_ASKED = re.compile(
    r"\b(?:en net|en brut|(?:net|brut) par mois|salaire (?:net|brut)|(?:mon|son|ton|leur|quel) salaire"
    r"|(?:je|j|il|elle|on|tu) (?:touche|gagne)(?:rai|rait|ras)?)\b"
)


def asks_a_wage(folded: str) -> bool:
    """Whether a message asks what a person earns (« et en net ça fait combien par mois pour 35 h ? »)."""
    return _WAGE_ASKED.search(folded) is not None


# « combien de jeunes », « combien de gars je dois placer », « combien de personnes à temps plein »
_PEOPLE_ASKED = re.compile(
    r"\bcombien (?:de |d')(?:personnes|salaries|gars|mecs|jeunes|interimaires|ouvriers|contrats|recrutements|"
    r"embauches|postes|alternants|apprentis|allocataires|beneficiaires|candidats)\b"
)
# The period one person works: « contrat de 3 mois », « sur 6 mois », « contrat de 2 ans » (not an age: « moins
# de 26 ans »).
_PERIOD = re.compile(
    r"(?<!moins de )(?<!plus de )(?<!age de )(?<!agee de )(?<!agees de )(?<!ages de )"
    r"\b(" + COUNT + r")\s*(mois|ans?|annees?)\b"
    r"(?!\s*(?:et plus|revolus|d'anciennete|d'experience|de chomage))"
)
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
    r"\b(?:pendant|sur|durant|de|d'|pour)\s*(" + COUNT + r")\s*semaines?\b"
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
    return bool(_DURATION_ASKED.search(folded)) or cue("duration_asked", folded)


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
    people: int = 1  # « 2 personnes à mi-temps »: each works the same hours
    on_market: OnMarket | None = None  # the share of the time spent on the market (alternance), if said
    left: tuple[tuple[int, float], ...] = ()  # people who left early and the weeks they worked (fr.departures)


# « pour un gars à 35 h », « une personne à 24 h »: a person at so many hours is their working week.
PERSON_AT_HOURS = re.compile(
    r"\b(?:gars|mecs?|personnes?|salaries?|salariees?|ouvriers?|jeunes?|quelqu'un|chacun|compagnons?|apprentis?|"
    r"interimaires?|agents?)\s+(?:a|de)\s+(\d{1,2}(?:[.,]\d)?)\s*h(?:eures?)?(\d{2})?\b"
    r"(?!\s*(?:d'insertion|de\s+(?:formation|travail|plus|moins)|au\s+total|en\s+tout|sur\s+le))"
)
# « en contrat de pro de 12 mois à 35 h », « un CDD de 6 mois à 24 h »: a contract's weekly hours
CONTRACT_AT_HOURS = re.compile(
    r"\b(?:contrats?|cdd|cdi|alternance|apprentissage)\b(?:\s+[\w']+){0,6}?\s+a\s+(\d{1,2}(?:[.,]\d)?)\s*h(?:eures?)?(\d{2})?\b"
    r"(?!\s*(?:d'insertion|de\s+(?:formation|travail|plus|moins)|au\s+total|en\s+tout|sur\s+le))"
)
MAX_WEEKLY_HOURS = 48  # the legal weekly maximum: more is a volume of hours, not a week


def weekly_hours_in(folded: str) -> float | None:
    """Each person's weekly hours (« 24 h par semaine », « un gars à 35 h » → 24.0, 35.0), or None."""
    m = WEEKLY_HOURS.search(folded)
    if m is None:
        m = PERSON_AT_HOURS.search(folded) or CONTRACT_AT_HOURS.search(folded)
        if m is None or float(m.group(1).replace(",", ".")) > MAX_WEEKLY_HOURS:
            return None
    value = float(m.group(1).replace(",", ".")) + (int(m.group(2)) / 60 if m.group(2) else 0)
    return value if value > 0 else None


def _months(folded: str) -> float | None:
    period = _PERIOD.search(folded)
    if period is None:
        return None
    return count_value(period.group(1)) * (1 if period.group(2) == "mois" else 12)


# A person's contract said with its length (« des contrats de 4 mois », « en CDD de 4 mois »): in a follow-up to a
# count of people, the new period each one works.
_CONTRACT_MONTHS = re.compile(
    r"\b(?:contrats?|cdd|cdi|missions?|parcours)\s+(?:\w+\s+){0,2}?de\s+(" + COUNT + r")\s*mois\b"
)


def contract_months(folded: str) -> float | None:
    """The months of the contracts a message names (« et si c'est des contrats de 4 mois ? » → 4), or None."""
    found = _CONTRACT_MONTHS.search(folded)
    return count_value(found.group(1)) if found else None


# « 6 semaines de chantier », « 47 semaines travaillées »: weeks worked said by the words after their number
# (``weeks_worked_after`` in prompts/compute_cues.yaml).
_WEEKS_THEN = re.compile(r"\b(" + COUNT + r")\s*semaines?\s+(?P<rest>.{0,25})")


def period_weeks(folded: str) -> float | None:
    """The weeks one person works, when the message counts its period in weeks (« pendant 13 semaines », « 6 semaines
    de chantier »)."""
    period = _PERIOD_WEEKS.search(folded)
    if period is not None:
        return count_value(period.group(1))
    for m in _WEEKS_THEN.finditer(folded):
        if _weeks_worked_after().match(m.group("rest")):
            return count_value(m.group(1))
    return None


@lru_cache(maxsize=1)
def _weeks_worked_after() -> re.Pattern[str]:
    return re.compile(r"(?:" + cue_alternation("weeks_worked_after") + r")\b")


@lru_cache(maxsize=1)
def _cue_terms() -> dict[str, tuple[str, ...]]:
    """The cue lexicons of ``prompts/compute_cues.yaml``, read once: name → its terms (regular expressions)."""
    data = load_yaml(CUES_FILE.read_text(encoding="utf-8")) or {}
    return {str(name): tuple(str(term) for term in terms) for name, terms in data.items() if terms}


def cue_alternation(name: str) -> str:
    """The terms of the named lexicon as one alternation, for a pattern built around it (one that never matches
    when the lexicon is absent)."""
    return "|".join(_cue_terms().get(name, ())) or "(?!)"


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern[str]]:
    """The cue lexicons of ``prompts/compute_cues.yaml``, each as one whole-word pattern."""
    return {name: re.compile(r"\b(?:" + "|".join(terms) + r")\b") for name, terms in _cue_terms().items()}


def cue(name: str, folded: str) -> bool:
    """Whether the folded text holds a term of the named lexicon of ``prompts/compute_cues.yaml``."""
    pattern = _cues().get(name)
    return pattern is not None and pattern.search(folded) is not None


@dataclass(frozen=True)
class OnMarket:
    """The share of a person's working time spent on the market, and how the message said it."""

    share: float
    said: str
    by_weeks: bool = False  # whole weeks away (alternance): the calendar stretches, each week on site is full


_N = "(" + COUNT + ")"
# « une semaine sur trois au CFA », « 1 semaine sur 4 en formation », « 3 semaines sur 4 en entreprise »
_WEEKS_OUT_OF = re.compile(_N + r"\s*semaines?\s+sur\s+" + _N + r"\b(?P<rest>.{0,40})")
# « 2 semaines CFA », « 3 semaines en entreprise », « 1 semaine au centre de formation »: weeks and where.
_WEEKS_AT = re.compile(
    _N + r"\s*semaines?\s+(?:(?:a|au|en|de|chez)\s+|a l'|d')?(?P<place>[a-z']+(?:\s+(?!pour\b|et\b)[a-z']+){0,2})"
)
# « 1 jour par semaine au centre », « en formation 1 jour par semaine », « 2 jours/semaine en CFA »
_DAYS_A_WEEK = re.compile(_N + r"\s*jours?\s*(?:par|/|chaque|de la)\s*semaine\b")
# « à 80 % sur ce chantier », « 80 % de son temps sur le marché »: a share of the time on the market.
# « 40 % de l'activité part sur un marché cantine »: the share of a team's activity that goes to one market.
_SHARE_ON_MARKET = re.compile(
    r"\b(\d{1,3})\s*%\s*(?:de son temps\s+|du temps\s+|de leur temps\s+|de (?:l'|notre |leur )activite\s+"
    r"(?:(?:part|va|passe|est|se fait|serait|partirait|irait)\s+)?)?(?:sur|au|en|pour)\s+"
    r"(?:ce|le|la|notre|mon|leur|son|cette|un|une)\s+(?:chantier|marche|operation|lot|site)\b"
)
WORK_DAYS_A_WEEK = 5  # the legal 35 h spread over five days (7 h a day)


def on_market_share(folded: str) -> OnMarket | None:
    """The share of time on the market an alternance or a part-time presence leaves (« 2 semaines CFA / 2 semaines
    entreprise » → 0.5, « une semaine sur trois au CFA » → 2/3, « 1 jour par semaine en formation » → 0.8,
    « à 80 % sur ce chantier » → 0.8), or None."""
    share = _SHARE_ON_MARKET.search(folded)
    if share and 0 < int(share.group(1)) < 100:
        return OnMarket(int(share.group(1)) / 100, f"{share.group(1)} % du temps sur le marché")
    out_of = _WEEKS_OUT_OF.search(folded)
    if out_of:
        part, whole = count_value(out_of.group(1)), count_value(out_of.group(2))
        if 0 < part < whole:
            training = cue("training_place", out_of.group("rest"))
            said = f"{fmt_number(part)} semaine{'s' if part > 1 else ''} sur {fmt_number(whole)}"
            if training:
                return OnMarket((whole - part) / whole, said + " en formation", by_weeks=True)
            if cue("work_place", out_of.group("rest")):
                return OnMarket(part / whole, said + " en entreprise", by_weeks=True)
    training_weeks = work_weeks = None
    for m in _WEEKS_AT.finditer(folded):
        place = m.group("place")
        if training_weeks is None and cue("training_place", place):
            training_weeks = count_value(m.group(1))
        elif work_weeks is None and cue("work_place", place):
            work_weeks = count_value(m.group(1))
    if training_weeks and work_weeks:
        return OnMarket(
            work_weeks / (work_weeks + training_weeks),
            f"{fmt_number(work_weeks)} semaine{'s' if work_weeks > 1 else ''} en entreprise pour "
            f"{fmt_number(training_weeks)} en formation",
            by_weeks=True,
        )
    days = _DAYS_A_WEEK.search(folded)
    if days and cue("training_place", folded[max(0, days.start() - 40) : days.end() + 40]):
        off = count_value(days.group(1))
        if 0 < off < WORK_DAYS_A_WEEK:
            return OnMarket(
                (WORK_DAYS_A_WEEK - off) / WORK_DAYS_A_WEEK,
                f"{fmt_number(off)} jour{'s' if off > 1 else ''} de formation par semaine",
            )
    return None


# « 2 personnes », « deux apprentis », « 3 salariés en insertion »: the people who each work the period.
_PEOPLE_COUNT = re.compile(
    r"\b(\d{1,2}|" + COUNT_WORDS_FROM_TWO + r")\s+(?:de (?:nos|mes|leurs|ses)\s+)?"
    r"(?:personnes|salaries|salariees|gars|mecs|jeunes|ouvriers|apprentis|alternants|interimaires|agents|"
    r"compagnons|stagiaires|beneficiaires|candidats|contrats? (?:de )?pro\w*)\b"
)


def people_count(folded: str) -> int:
    """How many people the message says work the period (« 2 personnes à mi-temps » → 2); 1 when none."""
    m = _PEOPLE_COUNT.search(folded)
    if m is None:
        return 1
    value = int(count_value(m.group(1)))
    return value if 0 < value <= 50 else 1


# « un apprenti », « elle a un apprenti », « un salarié », « 2 gars »: the person(s) whose time is asked about.
_PERSON_NAMED = re.compile(
    r"\b(?:apprentis?|alternants?|salaries?|salariees?|gars|mecs?|personnes?|ouvriers?|jeunes?|compagnons?|"
    r"interimaires?|stagiaires?|contrats? (?:de )?pro\w*)\b"
)
# « combien de temps il faut qu'il bosse », « combien de semaines », « en combien de mois »
_TIME_ASKED = re.compile(r"\bcombien de (?:temps|semaines|mois|jours)\b|\ben combien de (?:temps|semaines|mois)\b")


def asks_time_to_cover(folded: str) -> bool:
    """« combien de temps il faut qu'il bosse pour couvrir les 350 h ? »: a time of work asked for some hours,
    for a person the message names."""
    return bool(_TIME_ASKED.search(folded)) and bool(_PERSON_NAMED.search(folded) or weekly_hours_in(folded))


def asks_coverage(folded: str) -> bool:
    """« est-ce que ça couvre nos 350 h ? », « ça suffit pour les 350 h ? »"""
    return cue("covers_hours", folded)


@never_raise(lambda: None)
def person_hours_ask(text: str) -> StaffingAsk | None:
    """The hours one person works over a period, asked (« à 17h30 par semaine sur 6 mois, combien d'heures ? »),
    or None: the message must give the weekly hours and the period and ask a number of hours, not of people."""
    folded = fold(text)
    asked = _HOURS_ASKED.search(folded) or cue("hours_total_asked", folded) or asks_coverage(folded)
    if _PEOPLE_ASKED.search(folded) or _PAY_ASKED.search(folded) or not asked:
        return None
    weekly, months, weeks = weekly_hours_in(folded), _months(folded), None
    if months is None and (weeks := period_weeks(folded)) is not None:
        months = weeks * 12 / 52
    time_share = _TIME_SHARE.search(folded)
    on_market = on_market_share(folded)
    # an alternance said without weekly hours (« une semaine sur trois au CFA ») is on a full-time contract
    if months is None or (weekly is None and time_share is None and on_market is None):
        return None
    off = _WEEKS_OFF.search(folded)
    share = 1.0 if weekly is not None or time_share is None or "plein" in time_share.group("share") else 0.5
    return StaffingAsk(
        months,
        weekly,
        float(off.group(1)) if off else 0,
        time_share=share,
        weeks=weeks,
        people=people_count(folded),
        on_market=on_market,
    )


def person_hours_of(text: str, hours: float | None, amount: float | None) -> StaffingAsk | None:
    """:func:`person_hours_ask` for a message whose extraction read ``hours`` and ``amount``: no market amount, and
    hours read only when they are the week's (« en contrat de pro de 12 mois à 35 h ») or the ones to cover (« ça
    couvre nos 350 h ? »)."""
    if amount is not None:
        return None
    ask = person_hours_ask(text)
    if ask is None or hours is None or hours == ask.weekly_hours or asks_coverage(fold(text)):
        return ask
    return None


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
    r"\b(" + COUNT + r")\s*(semaines?|mois)\b"
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
    value = count_value(period.group(1))
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
