"""What a message says about one person's situation: age, months as a job seeker, benefits, status (pure).

Job seekers, advisers and employers describe someone (« mon beau-frère est au RSA depuis 2 ans », « un gars
de 27 ans sans diplôme, au chômage depuis 8 mois ») and ask whether that person counts for the clause. This
module only reads the situation; :mod:`assistant.eligibility` decides. The cue words are data
(``prompts/eligibility.yaml``); a cue denied (« pas au RSA ») is dropped, and one in the past (« il était au
RSA ») is kept apart: eligibility is judged on the situation when the person starts on the market.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.fr.text import fold
from assistant.settings import PROJECT_ROOT
from assistant.yaml_data import load_yaml

CUES_FILE = PROJECT_ROOT / "prompts" / "eligibility.yaml"

# How far before a cue a negation or a past tense still bears on it (same clause, a few words).
_NEGATION_REACH = 2  # words between the negation and the cue
_PAST_REACH = 30  # characters
_SENTENCE = re.compile(r"[^.?!]+[.?!]*")
_CLAUSE_END = re.compile(r"[,.;:?!]|\bmais\b|\bet\b")
_WORD_NUMBERS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "six": 6,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "dix-huit": 18,
}


@dataclass(frozen=True)
class Person:
    """The situation a message describes: the attributes it states now, those it states in the past,
    the ages it gives and the months as a job seeker or out of school (None when not said)."""

    attributes: frozenset[str]
    past: frozenset[str]
    denied: frozenset[str]
    ages: tuple[int, ...]
    registered_months: float | None
    out_of_school_months: float | None


@dataclass(frozen=True)
class PersonCues:
    """The compiled cue words of ``prompts/eligibility.yaml``."""

    asks: tuple[re.Pattern[str], ...]
    person: tuple[re.Pattern[str], ...]
    attributes: dict[str, tuple[re.Pattern[str], ...]]
    negation: re.Pattern[str]
    others: re.Pattern[str]
    past: re.Pattern[str]
    named: re.Pattern[str]
    elsewhere: re.Pattern[str]
    age: re.Pattern[str]
    registered: tuple[re.Pattern[str], ...]
    out_of_school: re.Pattern[str]
    just_out: re.Pattern[str]


def _compiled(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"(?<!\w)(?:{pattern})") for pattern in patterns)


def cues_from_data(data: dict[str, Any]) -> PersonCues:
    numbers = data["numbers"]
    return PersonCues(
        asks=_compiled(data["asks"]),
        person=_compiled(data["person"]),
        attributes={name: _compiled(patterns) for name, patterns in data["attributes"].items()},
        # the negation ends the text before the cue, a couple of words away at most
        negation=re.compile(rf"\b{data['negations']}\b(?:\s+[\w']+){{0,{_NEGATION_REACH}}}\s*$"),
        others=re.compile(data["others"]),
        past=re.compile(data["past"]),
        named=re.compile(data["named"]),
        elsewhere=re.compile(data["elsewhere"]),
        age=re.compile(numbers["age"]),
        registered=(re.compile(numbers["registered"]), re.compile(numbers["registered_span"])),
        out_of_school=re.compile(numbers["out_of_school"]),
        just_out=re.compile(numbers["just_out"]),
    )


@lru_cache(maxsize=2)
def person_cues(path: Path = CUES_FILE) -> PersonCues:
    """The cue words, read once."""
    return cues_from_data(load_yaml(path.read_text(encoding="utf-8")))


def asks_eligibility(text: str, cues: PersonCues | None = None) -> bool:
    """Whether the message asks if someone counts for the clause (« il est éligible ? », « ça compte ? »),
    in a sentence that asks: « elle est éligible mais le transport coince » only states it."""
    cues = cues or person_cues()
    folded = fold(text)
    asking = [s for s in _SENTENCE.findall(folded) if s.rstrip().endswith("?")] if "?" in folded else [folded]
    return any(p.search(sentence) for sentence in asking for p in cues.asks)


def outside_eligibility(text: str, cues: PersonCues | None = None) -> bool:
    """Whether the message is about a situation the clause's categories do not settle for one person
    (a self-employed worker asking about their own business): the cards answer it."""
    return bool((cues or person_cues()).elsewhere.search(fold(text)))


def names_someone(text: str, cues: PersonCues | None = None) -> bool:
    """Whether the message names one person (« Kevin M. »): a file the facilitator holds."""
    return bool((cues or person_cues()).named.search(text))


def describes_person(text: str, cues: PersonCues | None = None) -> bool:
    """Whether the message tells of one person (« mon beau-frère », « un gars de 27 ans », « je suis »)
    rather than a category asked about in general (« un DELD est-il éligible ? »)."""
    folded = fold(text)
    return any(p.search(folded) for p in (cues or person_cues()).person)


def read_person(text: str, cues: PersonCues | None = None) -> Person:
    """The person's situation as the message states it."""
    cues = cues or person_cues()
    folded = fold(text)
    now: set[str] = set()
    before: set[str] = set()
    denied: set[str] = set()
    for name, patterns in cues.attributes.items():
        for pattern in patterns:
            for found in pattern.finditer(folded):
                lead = _clause_before(folded, found.start())
                if cues.others.search(lead):
                    continue  # said of a relative, not of the person
                if cues.negation.search(lead):
                    denied.add(name)
                elif cues.past.search(lead[-_PAST_REACH:]):
                    before.add(name)
                else:
                    now.add(name)
    ages = tuple(int(m.group(1)) for m in cues.age.finditer(folded) if 14 <= int(m.group(1)) <= 70)
    return Person(
        attributes=frozenset(now),
        past=frozenset(before - now),
        denied=frozenset(denied - now),
        ages=ages,
        registered_months=next((_months(m) for p in cues.registered if (m := p.search(folded))), None),
        out_of_school_months=0.0 if cues.just_out.search(folded) else _months(cues.out_of_school.search(folded)),
    )


def _clause_before(folded: str, start: int) -> str:
    """The text of the clause before position ``start`` (a negation or a past tense bears within it)."""
    lead = folded[:start]
    ends = list(_CLAUSE_END.finditer(lead))
    return lead[ends[-1].end() :] if ends else lead


def _months(found: re.Match[str] | None) -> float | None:
    """« 8 mois » → 8, « 2 ans » → 24, « un an et demi » → 18."""
    if found is None:
        return None
    raw, unit = found.group(1), found.group(2)
    value = float(raw) if raw.isdigit() else float(_WORD_NUMBERS.get(raw, 0))
    if "et demi" in found.group(0):
        value += 0.5
    return value * 12 if unit.startswith("an") else value
