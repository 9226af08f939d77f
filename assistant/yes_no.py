"""Whether a message asks yes or no, so that its answer opens with the verdict.

A question asks yes or no when one of its asked sentences does: it ends with « ? » or opens the
way users ask without one (« est ce que mon apprenti compte »), it asks for no fact, way or
reason (« comment », « combien »…) and offers no choice (« X ou Y ? ») — unless it names its
own two answers (« oui ou non », « ou pas ») or its first side restricts (« forcément en CDI ou … ? »). The phrasings live in ``prompts/yes_no.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.fr import fold
from assistant.settings import PROJECT_ROOT
from assistant.yaml_data import load_yaml

LEXICON = PROJECT_ROOT / "prompts" / "yes_no.yaml"

# Asked for a fact, a way or a reason, not a yes/no (« comment », « combien », « c'est quoi »…).
OPEN_QUESTION = re.compile(
    r"\b(comment|combien|pourquoi|quel|quelle|quels|quelles|lequel|laquelle|lesquels|lesquelles|quoi|koi"
    r"|ou (?:est(?![- ]ce)|sont|trouver|s'adresser|se renseigner)|qui (?:est|sont|peut|doit|fait|paie|verifie|valide)"
    r"|a qui|aupres de qui|quand(?! meme)|depuis quand|jusqu'a quand|que (?:faire|dois|doit|faut|peut|peux)"
    r"|c'est qui|c est qui|qui qui|qui a|qui l'a|qui l a)\b"
)
# « qui » right after a noun introduces a relative clause (« un intérimaire qui a fini son parcours, ses heures
# comptent ? »), not a question: the interrogative one opens the sentence or its clause, follows a pause, a
# conjunction, « ce » (« qu'est-ce qui », « ce qui »), « c'est » (« c'est qui qui… ») or a verb of asking (« savoir qui »).
_ASKING_QUI = re.compile(
    r"(?:^|[^\w\s']\s*|\b(?:et|mais|alors|donc|ou|ce|qui|c|est|cest|savoir|sais|dire|demande|demander|voir)\s+)$"
)
# What says who or what the question is NOT about, not that it asks in the negative: an aside in brackets
# (« les accompagnateurs (pas les chauffeurs) comptent ? ») and a contrast after a comma or a conjunction
# (« une agence normale, pas une ETTI », « sur le gros œuvre et pas sur les autres lots », « mais pas de casier »).
_ASIDE = re.compile(r"\([^)]*\)")
_CONTRAST = re.compile(
    r"(?:,|\bet\b|\bmais\b)\s+pas\s+(?:forcement\s+)?(?:(?:un|une|les|le|la|des|du|de|d'|l')\s*)?[\w'-]+"
)
# « ne … que »: a restriction, like the lexicon's restrictive words.
_ONLY = re.compile(r"\bn[e']\s*(?:[\w'-]+\s+){0,3}?qu[e']")
# The same restriction, its « ne » alone: « ne … pas que » (« ne sait pas qu'une SIAE… ») denies, it does not restrict.
_RESTRICTING_NE = re.compile(r"\bn[e']\s*(?=(?:(?!pas\b|plus\b|jamais\b)[\w'-]+\s+){0,3}?qu[e'])")


@dataclass(frozen=True)
class YesNoLexicon:
    explicit: tuple[str, ...]  # « oui ou non », « ou pas »: the question names its two answers
    openers: tuple[str, ...]  # « est ce que », « on peut »: a yes/no asked without a question mark
    restrictive: tuple[str, ...]  # « forcément », « seulement »: a choice that still asks yes or no
    negations: tuple[str, ...] = ()  # « ne », « pas », « sans »: a question asked in the negative
    narrowing: tuple[str, ...] = ()  # « forcément », « juste pour »: a question asking a narrower case
    imposing: tuple[str, ...] = ()  # « obliger l'entreprise », « exiger »: a question about imposing on another party
    qualifiers: tuple[
        str, ...
    ] = ()  # « automatiquement », « forcément »: a question asking whether it holds unconditionally

    def offers_choice(self, folded: str) -> bool:
        """Whether « ou » offers a choice (« MAPA ou appel d'offres ? ») where neither side restricts."""
        found = re.search(r"\bou\b", folded)
        if found is None:
            return False
        before, after = folded[: found.start()], folded[found.end() :]
        restricts = any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", before) for word in self.restrictive)
        # « ça compte aussi, ou seulement les heures sur site ? »: the other side restricts, a yes/no as well
        restricted = any(re.match(rf"\W*{re.escape(word)}(?!\w)", after) for word in self.restrictive)
        return not (restricts or restricted or _ONLY.search(before))


@lru_cache(maxsize=2)
def load_lexicon(path: Path = LEXICON) -> YesNoLexicon:
    data = load_yaml(path.read_text(encoding="utf-8"))
    return YesNoLexicon(
        *(
            tuple(data.get(key) or ())
            for key in ("explicit", "openers", "restrictive", "negations", "narrowing", "imposing", "qualifiers")
        )
    )


def restricts_to_only(folded: str) -> bool:
    """Whether a (folded) text restricts with « ne … que » (« on ne peut réserver qu'aux SIAE ? »)."""
    return bool(_ONLY.search(folded))


def imposes(text: str, lexicon: YesNoLexicon | None = None) -> bool:
    """Whether a question asks about imposing something on another party (« peut-on obliger l'entreprise à
    recruter… ? », « demander au titulaire d'embaucher… ? »), not about what the asker may do himself."""
    lexicon = lexicon or load_lexicon()
    folded = fold(text)
    return any(re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded) for phrase in lexicon.imposing)


def asks_open(folded: str) -> bool:
    """Whether a (folded) text asks for a fact, a way or a reason (:data:`OPEN_QUESTION`); a « qui » that opens
    a relative clause asks nothing."""
    return any(
        not found.group().startswith("qui ") or _ASKING_QUI.search(folded[: found.start()])
        for found in OPEN_QUESTION.finditer(folded)
    )


def asks_yes_no(sentence: str, lexicon: YesNoLexicon | None = None) -> bool:
    """Whether one asked sentence asks yes or no."""
    lexicon = lexicon or load_lexicon()
    folded = fold(sentence).strip()
    named = [marker for marker in lexicon.explicit if re.search(rf"(?<!\w){re.escape(marker)}(?!\w)", folded)]
    rest = folded
    for marker in named:
        rest = re.sub(rf"(?<!\w){re.escape(marker)}(?!\w)", " ", rest)
    if asks_open(rest) or lexicon.offers_choice(rest):
        return False
    opening = re.sub(r"^[^\w]+", "", folded)
    return folded.endswith("?") or bool(named) or opening.startswith(lexicon.openers)


def asks_in_the_negative(sentence: str, lexicon: YesNoLexicon | None = None) -> bool:
    """Whether a question asks in the negative (« il ne peut pas … ? », « ça compte pas ? », « sans
    diplôme ? »): its verdict is the opposite of the same question asked positively. « ne … que »
    restricts, the named answers (« oui ou non », « ou pas ») and what is set aside (« (pas ETTI) »,
    « une agence normale, pas une ETTI ») are no negation."""
    lexicon = lexicon or load_lexicon()
    folded = _CONTRAST.sub(" ", _ASIDE.sub(" ", fold(sentence)))
    for marker in lexicon.explicit:
        folded = re.sub(rf"(?<!\w){re.escape(marker)}(?!\w)", " ", folded)
    folded = _RESTRICTING_NE.sub(" ", folded)
    return any(re.search(_whole_word(word), folded) for word in lexicon.negations)


def _whole_word(word: str) -> str:
    """A pattern for ``word`` standing alone; an elided word (« n' ») is glued to the next one."""
    end = "" if word.endswith("'") else r"(?!\w)"
    return rf"(?<!\w){re.escape(word)}{end}"


# A statement put to the test (« vrai ou faux : … », « c'est vrai ou pas ? ») is answered in its own words. The leading
# « Oui » or « Non » of a card or a guide answers the question put the positive way (« doit-elle être justifiée ? »): a
# statement put the negative way (« … n'a pas besoin d'être justifiée ») is true when that answer is « Non ».
_TRUE_OR_FALSE_ASKED = re.compile(r"\bvrai ou (?:faux|pas)\b")
_LEADING_YES_OR_NO = re.compile(r"^(\*\*)?(Oui|Non)(?=\W)")


def as_true_or_false(message: str, answer: str, lexicon: YesNoLexicon | None = None) -> str:
    """``answer`` opening « Vrai » or « Faux » instead of « Oui » or « Non » when ``message`` asks « vrai ou faux »."""
    folded = fold(message)
    if not _TRUE_OR_FALSE_ASKED.search(folded):
        return answer
    negative = asks_in_the_negative(_TRUE_OR_FALSE_ASKED.sub(" ", folded).strip(" :?") + " ?", lexicon)

    def verdict(found: re.Match[str]) -> str:
        true = (found.group(2) == "Oui") != negative
        return f"{found.group(1) or ''}{'Vrai' if true else 'Faux'}"

    return _LEADING_YES_OR_NO.sub(verdict, answer, count=1)
