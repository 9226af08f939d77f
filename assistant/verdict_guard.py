"""Checks on the verdict that opens an answer, against the question actually asked.

A card's « Oui » or « Non » answers the card's question. When the user asks a narrower or a different
thing, the verdict must not mislead at the first word:

- a question that asks to confirm a figure (« le seuil c'est toujours 40 000 € HT ? ») answered by a
  « Oui » whose first sentence states another figure of the same kind (« … fixé à 100 000 € HT ») gets
  « Non »: the answer gives the right figure, its verdict must not confirm the wrong one;
- a question that narrows (« doit-il forcément passer par un ESAT ? », « un lot juste pour elle ? »,
  « … compte juste parce qu'il habite en QPV ? ») answered by a « Oui » written for a question that
  does not narrow (« peut-on réserver un lot ? ») loses that verdict: the answer opens with its facts.

- a verdict written for imposing on another party (« peut-on obliger l'entreprise à recruter une personne
  précise ? » → « Non ») is dropped for a user asking what he may do himself (« est-ce que je peux
  embaucher le fils d'une de mes conductrices ? »): another actor, another answer;

- a guide's paragraph opening on a bare « Oui : » or « Non : » answers its own heading's question; quoted
  for a yes/no question whose verdict the passages did not give, it opens on its facts instead.

- an answer opening « Pas automatiquement » (« Pas forcément »…) to a question asking with that very adverb
  (« l'objectif est-il automatiquement réévalué ? ») denies what is asked: it opens « Non, pas automatiquement ».

A verdict-less true answer is better than a wrong verdict; when in doubt the answer is left as it is.
The narrowing words live in ``prompts/yes_no.yaml`` (``narrowing``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.cards import Reading
from assistant.fr import capitalized, fold
from assistant.fr.quantities import parse_amounts, parse_percentages
from assistant.readings import is_conditional, with_verdict
from assistant.yes_no import YesNoLexicon, asks_in_the_negative, imposes, load_lexicon, restricts_to_only

# The answer's verdict word (folded), after its markup.
_VERDICT = re.compile(r"^[\s*_]*(oui|non)\b")
# A figure the question asks to confirm: said after a copula (« c'est », « est de », « reste »…) or an
# adverb of confirmation (« toujours », « bien », « encore »), and closing the question (only its tax, its
# period or the question mark after it): « … c'est toujours 40 000 € HT ? », « le taux est bien de 5 % ? ».
_CONFIRMING = re.compile(
    r"\b(?:c'est|c est|cest|est|sont|reste|restent|vaut|valent|toujours|bien|encore|passe|passent|fixe|fixes)"
    r"(?:\s+(?:de|a|d'|toujours|bien|encore|fixe|fixes))*\s*$"
)
_CLOSING = re.compile(r"^\s*(?:ht|ttc|hors taxes?|par an|/\s*an|annuels?)?\s*(?:\?|$|,|;|\bou\b|\bet\b)")
# The first sentence of an answer: up to its first full stop or line break.
_FIRST_SENTENCE = re.compile(r"^.*?(?:\.(?=\s|$)|\n|$)", re.S)


def _figures(text: str) -> list[tuple[str, float, tuple[int, int]]]:
    """The sums of money and the percentages ``text`` states: (kind, value, span)."""
    money = [("€", amount.value, amount.span) for amount in parse_amounts(text)]
    shares = [("%", share.value, share.span) for share in parse_percentages(text) if share.explicit]
    return money + shares


def confirmed_figures(question: str) -> list[tuple[str, float]]:
    """The figures a question asks to confirm (« le seuil c'est toujours 40 000 € HT ? » → 40 000 €);
    a figure that only describes the user's case (« mon marché de 60 k€ c'est obligatoire ? ») is none."""
    found = []
    for kind, value, (start, end) in _figures(question):
        before, after = fold(question[:start]).rstrip(), fold(question[end:])
        if _CONFIRMING.search(before) and _CLOSING.match(after):
            found.append((kind, value))
    return found


def contradicts_figure(question: str, answer: str) -> bool:
    """Whether the answer's first sentence states, instead of the figure the question asks to confirm,
    only other figures of the same kind (« 40 000 € ? » → « … 100 000 € HT … 60 000 € HT »)."""
    asked = confirmed_figures(question)
    if not asked:
        return False
    lead = _FIRST_SENTENCE.match(answer.strip())
    stated = _figures(lead.group() if lead else answer)
    for kind, value in asked:
        same_kind = [v for k, v, _ in stated if k == kind]
        if same_kind and all(abs(v - value) > 1e-6 * max(1.0, value) for v in same_kind):
            return True
    return False


# « seulement / uniquement » before a definite or possessive determiner picks one object among several
# (« uniquement le lot 3 », « seulement ma partie »); before « des », « aux », « si » or a verb it restricts.
_OBJECT_PICKED = re.compile(
    r"\b(?:seulement|uniquement|exclusivement)\s+(?=(?:le|la|les|l|ce|cet|cette|ces|mon|ma|mes|notre|nos)\b)"
)


def narrows(text: str, lexicon: YesNoLexicon | None = None) -> bool:
    """Whether a question narrows what it asks (« forcément », « seulement », « juste pour », « ne … que »,
    « suffit-il »): its verdict is not that of the same question asked broadly."""
    lexicon = lexicon or load_lexicon()
    # « ça compte aussi, ou seulement les heures sur site ? »: the narrower case offered after « ou » is the
    # other answer; the question itself asks the broad one
    folded = re.split(r"\bou\b", fold(text), maxsplit=1)[0]
    # « réserver uniquement le lot nettoyage » picks the thing done, not the condition of the verdict: a lot
    # reserved alone is reserved all the same
    folded = _OBJECT_PICKED.sub(" ", folded)
    return restricts_to_only(folded) or any(
        re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded) for word in lexicon.narrowing
    )


def verdict_word(answer: str) -> str:
    """« oui » or « non » when the answer opens with it, else ""."""
    found = _VERDICT.match(fold(answer))
    return found.group(1) if found else ""


# The bold lead of an answer and its verdict phrase (« **Oui pour la clause** : … »).
# What follows it must start a statement of its own (« : », « . », a new line), not go on with the verdict's
# sentence (« **Oui**, et c'est souvent la meilleure formule »).
_BOLD_LEAD = re.compile(r"^\s*\*\*(?P<bold>.+?)\*\*(?:\s*[:.]\s*|\s*\n\s*)", re.S)
_PLAIN_LEAD = re.compile(r"^\s*(?:oui|non)\b[^:.\n]{0,40}?[:.]\s+", re.I)
_LEAD_WORDS = 6


def without_verdict(answer: str) -> str:
    """The answer opening with its facts, its short verdict lead (« **Oui** : », « **Oui pour la clause** : »,
    « Oui : ») taken off. A conditional or long lead (« **Oui, si le CCAP le prévoit** ») says more than a
    verdict: the answer is left as it is, and so is an answer opening without a verdict."""
    if not verdict_word(answer):
        return answer
    lead = _BOLD_LEAD.match(answer)
    if lead is not None:
        bold = lead.group("bold").strip()
        if len(bold.split()) > _LEAD_WORDS or is_conditional(bold):
            return answer
        rest = answer[lead.end() :]
    else:
        plain = _PLAIN_LEAD.match(answer)
        if plain is None:
            return answer
        rest = answer[plain.end() :]
    return capitalized(rest) if rest.strip() else answer


_BARE_VERDICT = re.compile(r"^\s*(?:oui|non)\s*:\s+", re.I)


def without_bare_verdict(paragraph: str) -> str:
    """A guide paragraph without its bare « Oui : » / « Non : » opening (« Oui : les demandeurs d'emploi de
    plus de 50 ans… » → « Les demandeurs d'emploi… »); a conditional one (« Oui, s'il relève… ») is kept."""
    found = _BARE_VERDICT.match(paragraph)
    if found is None:
        return paragraph
    return capitalized(paragraph[found.end() :])


def written_for_imposing(question: str, verdict_texts: Iterable[str]) -> bool:
    """Whether the verdict was written for imposing on another party (most of the questions that carry it:
    « peut-on obliger l'entreprise à recruter une personne précise ? » → « Non ») while the question asked
    imposes nothing (« est-ce que je peux embaucher le fils d'une de mes conductrices ? »): another actor,
    another answer."""
    if imposes(question):
        return False
    texts = list(verdict_texts)
    return bool(texts) and 2 * sum(imposes(text) for text in texts) > len(texts)


# An answer opening on a bare qualified denial (« **Pas automatiquement** : … », « Pas forcément. … »).
_QUALIFIED_DENIAL = re.compile(r"^(?P<mark>\s*(?:\*\*)?)(?P<pas>Pas)\s+(?P<rest>.*)", re.S)


def qualified_denial(question: str, answer: str, lexicon: YesNoLexicon | None = None) -> str:
    """``answer`` opening « Non, pas automatiquement » when it opens « Pas automatiquement » and the question
    asks with that very adverb (« les heures augmentent automatiquement ? »): denying the adverb asked is a
    « Non ». Asked without it (« ses heures comptent ? ») or in the negative, the answer is left as it is."""
    lexicon = lexicon or load_lexicon()
    found = _QUALIFIED_DENIAL.match(answer)
    if found is None or asks_in_the_negative(question, lexicon):
        return answer
    said, asked = fold(found.group("rest")), fold(question)
    if not any(
        said.startswith(word) and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", asked) for word in lexicon.qualifiers
    ):
        return answer
    return f"{found.group('mark')}Non, pas {found.group('rest')}"


def guard_verdict(question: str, answer: str, verdict_texts: Iterable[str]) -> str:
    """``answer`` with its verdict checked against ``question`` (the yes/no question the user asks):
    flipped to « Non » when it would confirm a wrong figure, dropped when the question narrows what the
    verdict's own questions (``verdict_texts``: the reading or the card's questions) ask broadly, or when
    those questions impose on another party what the user asks to do himself; an answer opening on a denial of
    the adverb asked (« Pas automatiquement ») gets its « Non » (:func:`qualified_denial`)."""
    said = verdict_word(answer)
    if not said:
        return qualified_denial(question, answer)
    if written_for_imposing(question, verdict_texts):
        return without_verdict(answer)
    if said != "oui":
        return answer
    if contradicts_figure(question, answer):
        return with_verdict(answer, Reading(question, "Non"))
    if narrows(question) and not any(narrows(text) for text in verdict_texts):
        return without_verdict(answer)
    return answer
