"""Whether the person a message describes is eligible to the insertion clause, per attribute (pure).

« mon beau-frère est au RSA depuis 2 ans, ça compte ? », « un gars de 27 ans sans diplôme, il est éligible ? »:
the nearest card answers the category it is closest to, sometimes with the verdict of another one (a
55-year-old registered for 8 months is not a long-term job seeker). This module reads the situation
(:mod:`assistant.fr.person`) and says, for each attribute, what the guides say of it: a category (« oui, au
titre de … »), a category on a condition (« oui, si … »), not on its own (« pas à ce seul titre »), or the
facilitator's validation on a prescriber's opinion. Categories and durations are those of
``corpus/06-publics-eligibles.md``, worded in ``prompts/eligibility.yaml``; the facilitator always decides.

It answers only when a person is described AND their eligibility asked: a question on the list of publics in
general stays with the cards.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.fr.person import (
    CUES_FILE,
    Person,
    PersonCues,
    asks_eligibility,
    cues_from_data,
    describes_person,
    names_someone,
    outside_eligibility,
    read_person,
)
from assistant.parts import question_sentences
from assistant.yaml_data import load_yaml

# The guides' ages and durations (corpus/06-publics-eligibles.md): long-term means MORE than 12 months
# registered; young means under 26 and out of school for at least 6 months; seniors are over 50.
LONG_TERM_MONTHS = 12
YOUNG_BELOW = 26
OUT_OF_SCHOOL_MONTHS = 6
SENIOR_ABOVE = 50
ADULT_FROM = 18  # under it, the labour code's rules for minors apply to any hiring

# Attributes that make the person eligible by themselves, in the order their lines are said.
_CATEGORIES = ("rsa", "ass", "aah", "disabled", "long_term", "siae", "epide", "protected")
# Attributes that say nothing of a category alone: said after the categories.
_NOT_ALONE = ("justice", "care_leaver", "refugee")
# Attributes that give a category on a condition the message leaves open.
_CONDITIONAL = ("handicap",)
# Never a criterion, whether the message states or denies them (« il habite pas en QPV »).
_NEVER_CRITERIA = ("qpv", "residence")
# Attributes the answer needs one of (or an age): a contract form alone (apprentice, interim) is the cards'
# matter, and so is « mon jeune » alone, a counsellor's way of naming whoever they follow.
_DECISIVE = frozenset(
    {*_CATEGORIES, *_CONDITIONAL, *_NOT_ALONE, *_NEVER_CRITERIA, "job_seeker", "no_diploma", "employee"}
)


@dataclass(frozen=True)
class EligibilityTexts:
    """The wording of ``prompts/eligibility.yaml``: verdicts, one line per attribute, the closing line and
    the guide section each attribute cites."""

    verdicts: dict[str, str]
    lines: dict[str, dict[str, str]]
    always: str
    sources: dict[str, str]


@dataclass(frozen=True)
class Assessment:
    """The answer to « does this person count? »: the text and the guide section it cites."""

    text: str
    section: str


@lru_cache(maxsize=2)
def _data(path: Path = CUES_FILE) -> tuple[PersonCues, EligibilityTexts]:
    data: dict[str, Any] = load_yaml(path.read_text(encoding="utf-8"))
    texts = EligibilityTexts(data["verdicts"], data["lines"], data["always"], data["sources"])
    return cues_from_data(data), texts


def assess_message(message: str, path: Path = CUES_FILE) -> Assessment | None:
    """The eligibility answer when the message describes a person and asks whether they count, else None."""
    cues, texts = _data(path)
    if not asks_eligibility(message, cues) or names_someone(message, cues) or outside_eligibility(message, cues):
        return None
    person = read_person(message, cues)
    # an age or a duration said is a situation too (« 27 ans, au chômage depuis 8 mois »)
    described = describes_person(message, cues) or bool(person.ages) or person.registered_months is not None
    if not described or not (_DECISIVE & (person.attributes | person.denied) or person.ages):
        return None
    return assess(person, texts)


def other_questions(message: str, path: Path = CUES_FILE) -> list[str]:
    """The questions of the message that do not ask about the person's eligibility (« et toutes ses heures
    comptent ? », « qui me donne les justificatifs ? »): answered after it, from the guides."""
    cues, _ = _data(path)
    return [part for part in question_sentences(message) if not asks_eligibility(part, cues)]


def assess(person: Person, texts: EligibilityTexts) -> Assessment:
    """The verdict for the whole person, then one line per attribute, then who decides."""
    found = _findings(person)
    lines = [_line(texts, key, found) for key in found.order]
    if "employee" in found.present and not {"siae", "protected"} & set(found.categories):
        # already on the payroll: judged at the entry on the market (an SIAE's or an EA's own staff excepted)
        opening = texts.verdicts["not_automatically"]
    elif found.categories:
        reasons = " et ".join(texts.lines[key]["category"] for key in found.categories)
        opening = texts.verdicts["eligible"].format(reasons=reasons)
    elif found.conditions:
        conditions = " ou si ".join(texts.lines[key]["condition"] for key in found.conditions)
        opening = texts.verdicts["eligible_if"].format(conditions=conditions)
    else:
        opening = texts.verdicts["depends"]
    body = "\n".join(f"- {line}" for line in lines)
    text = "\n\n".join(part for part in (opening, body, texts.always) if part)
    return Assessment(text, texts.sources.get(found.cited, texts.sources["default"]))


@dataclass(frozen=True)
class _Findings:
    categories: tuple[str, ...]  # attributes that make the person eligible
    conditions: tuple[str, ...]  # categories that hold on a condition the message does not settle
    order: tuple[str, ...]  # every line to say, in order
    values: dict[str, str]  # figures the lines repeat (age, months)
    cited: str  # the attribute whose guide section is cited
    present: frozenset[str]  # the attributes that hold at the entry on the market


def _findings(person: Person) -> _Findings:
    now = _present(person)
    months = person.registered_months
    categories = [key for key in _CATEGORIES if key in now]
    conditions = [key for key in _CONDITIONAL if key in now]
    order: list[str] = [*categories, *conditions]
    values: dict[str, str] = {}
    young = _young(person, now, categories, conditions, order)
    # a senior looking for work, or who was (« il était au chômage presque 2 ans », now on an interim job)
    seeking = {"job_seeker", "long_term"} & (now | person.past) or months is not None
    # « senior » said of someone whose age is given counts only past the seniors' age (« j'ai 45 ans, senior ? »)
    senior = any(age > SENIOR_ABOVE for age in person.ages) or ("senior" in now and not person.ages)
    if senior and seeking:
        if "long_term" not in categories:
            conditions.append("senior")
        order.append("senior")
    if "long_term" not in now and months is not None:
        values["months"] = _months_text(months)
        order.append("long_term_short")
    elif "job_seeker" in now and "long_term" not in now and not categories:
        order.append("job_seeker")
    adults = [age for age in person.ages if YOUNG_BELOW <= age <= SENIOR_ABOVE]
    if adults and not categories and not young:
        values["age"] = str(adults[0])
        order.append("over_26")
    order += _context(person, now, categories, young)
    cited = "employee" if "employee" in now else next(iter([*categories, *conditions, *order]), "default")
    return _Findings(tuple(categories), tuple(conditions), tuple(order), values, cited, frozenset(now))


def _present(person: Person) -> set[str]:
    """The attributes that hold at the entry on the market: the months said decide long-term unemployment
    (« DELD à 11 mois d'inscription » is not), a recognised handicap is the category itself, and someone
    hired for this market a few weeks ago enters it with the situation they had at hiring."""
    now = set(person.attributes)
    months = person.registered_months
    if months is not None and months > LONG_TERM_MONTHS:
        now.add("long_term")
    elif months is not None:
        now.discard("long_term")
    if "disabled" in now:
        now.discard("handicap")
    if "hired_for_market" in now:
        now.discard("employee")
        now |= person.past
    return now


def _young(person: Person, now: set[str], categories: list[str], conditions: list[str], order: list[str]) -> bool:
    """Whether the person is young (an age under 26, or « un jeune » without an age), adding the young
    category, its condition, or the line saying school was left too recently."""
    young = any(age < YOUNG_BELOW for age in person.ages) or "young" in now
    out = person.out_of_school_months
    if not young:
        return False
    if out is not None and out >= OUT_OF_SCHOOL_MONTHS:
        categories.append("young")
        order.append("young")
    elif out is not None:
        order.append("young_in_school")
    else:
        conditions.append("young")
        order.append("young")
    return True


def _context(person: Person, now: set[str], categories: list[str], young: bool) -> list[str]:
    """The lines after the categories: minors, attributes that are no category alone, never-criteria,
    the diploma, and a situation said in the past."""
    lines = ["minor"] if any(age < ADULT_FROM for age in person.ages) else []
    lines += [key for key in _NOT_ALONE if key in now]
    lines += [key for key in _NEVER_CRITERIA if key in now | person.denied]
    if "no_diploma" in now and not young:
        lines.append("no_diploma")
    if person.past - now and (not categories or "employee" in now):
        lines.append("past")
    return lines


def _line(texts: EligibilityTexts, key: str, found: _Findings) -> str:
    return texts.lines[key]["text"].format(**found.values)


def _months_text(months: float) -> str:
    """« 8 mois », « 11,5 mois » for the line on a registration of 12 months or less."""
    whole = int(months) if months == int(months) else months
    return f"{whole} mois".replace(".", ",")
