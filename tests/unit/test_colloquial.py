"""Everyday words read as the standard word in card matching (assistant/colloquial.py, corpus/data/colloquial.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from assistant.cards import Card
from assistant.colloquial import ColloquialAnalyzer
from assistant.lexical import FrenchAnalyzer
from assistant.matching import CardMatcher

LIST = Path(__file__).resolve().parents[2] / "corpus" / "data" / "colloquial.yaml"


def analyzer() -> FrenchAnalyzer:
    return ColloquialAnalyzer.load(LIST)


def test_an_everyday_word_is_analysed_as_its_standard_word() -> None:
    assert analyzer().tokens("ma boite") == analyzer().tokens("mon entreprise")


def test_an_everyday_word_typed_with_accents_is_read_too() -> None:
    assert analyzer().tokens("ma boîte") == analyzer().tokens("ma boite")


def test_an_everyday_word_may_stand_for_several_words() -> None:
    assert analyzer().tokens("un AO") == analyzer().tokens("un appel d'offres")


def test_other_words_are_analysed_as_by_the_plain_analyzer() -> None:
    text = "Les heures d'insertion réalisées par un salarié en CDD comptent-elles ?"
    assert analyzer().tokens(text) == FrenchAnalyzer().tokens(text)


def test_a_standard_word_that_is_itself_listed_as_everyday_is_refused() -> None:
    with pytest.raises(ValueError, match="boulot"):
        ColloquialAnalyzer({"taf": "boulot", "boulot": "travail"})


def test_without_a_list_the_plain_analyzer_is_used(tmp_path: Path) -> None:
    assert type(ColloquialAnalyzer.load(tmp_path / "absent.yaml")) is FrenchAnalyzer


def card(card_id: str, question: str, paraphrases: tuple[str, ...]) -> Card:
    return Card(
        card_id, question, paraphrases, "**Réponse.**", "explanation", (), (), ("acheteur",), dt.date(2026, 12, 1), "t"
    )


CARDS = [
    card(
        "eligibilite-chomage",
        "Une personne au chômage depuis trois mois est-elle éligible à la clause ?",
        ("chômeur récent éligible à la clause ?",),
    ),
    card("meme-personne", "Faut-il garder la même personne tout le marché ?", ("le gars doit rester jusqu'au bout ?",)),
]


def rare_when_unknown(token: str) -> float:
    """The guides' rarity weight: a word they never use (« gars ») weighs the most."""
    known = {"person", "chomag", "moi", "eligibl", "claus", "march", "rest", "gard"}
    return 1.5 if token in known else 5.76


def test_an_everyday_word_no_longer_pulls_the_message_to_a_card_that_merely_says_it() -> None:
    matcher = CardMatcher(
        CARDS,
        lambda texts: np.ones((len(texts), 4), dtype=np.float32),
        lambda text: np.ones(4, dtype=np.float32),
        rare_when_unknown,
        analyzer=analyzer(),
    )
    matching = matcher.match("un gars au chômage, éligible ?")
    assert matching.best is not None and matching.best.card.id == "eligibilite-chomage"
