"""Buyers' and lawyers' answer cards (corpus/cards/acheteurs-questions-3.yaml) reached by wordings they do not
store, against the neighbouring cards that used to answer those questions."""

from __future__ import annotations

import pytest

from assistant.cards import load_cards
from assistant.matching import CardMatcher
from assistant.settings import PROJECT_ROOT

CARDS = {card.id: card for card in load_cards(PROJECT_ROOT / "corpus" / "cards")}
NEIGHBOURS = (
    "penalites-principe",
    "penalite-tres-elevee-dissuasive",
    "montant-penalite-par-heure",
    "sous-traitance-clause-repercutee",
    "sous-traitant-classique-heures",
    "choisir-lots-a-clauser",
    "cumul-reserve-et-clause-meme-lot",
    "accord-cadre-heures-par-an",
    "facilitateur-gratuit",
    "spaser-obligatoire-pour-moi",
    "ponderation-critere-insertion",
)
NEW = (
    "etablissement-public-accompagne-facilitateur",
    "plafonner-penalites-insertion",
    "sous-traitance-obligation-reste-titulaire",
    "lot-reserve-et-lots-clauses",
    "critere-emploi-equipe-affectee",
    "clause-certains-bons-de-commande",
    "accord-cadre-commandes-tres-variables",
    "bilan-annuel-clauses-obligatoire",
)


@pytest.fixture(scope="module")
def matcher(make_card_matcher) -> CardMatcher:
    return make_card_matcher([CARDS[i] for i in NEIGHBOURS + NEW])


@pytest.mark.parametrize(
    ("message", "card_id"),
    [
        ("nous sommes un hôpital, le facilitateur financé par le Département peut-il nous aider ?", NEW[0]),
        ("un plafond aux pénalités d'insertion, c'est conseillé ?", NEW[1]),
        ("la sous-traitance décharge-t-elle le titulaire de son engagement d'insertion ?", NEW[2]),
        ("réserver le lot propreté à une EI et clauser les autres lots, c'est cohérent ?", NEW[3]),
        ("noter la présence de travailleurs handicapés dans l'équipe dédiée au marché, c'est admis ?", NEW[4]),
        ("clause d'insertion uniquement sur les bons de commande importants, possible ?", NEW[5]),
        ("commandes qui varient beaucoup d'une année sur l'autre : comment exprimer les heures ?", NEW[6]),
        ("un bilan annuel des clauses sociales est-il obligatoire pour un acheteur public ?", NEW[7]),
    ],
)
def test_a_buyer_question_worded_anew_finds_its_card(matcher: CardMatcher, message: str, card_id: str) -> None:
    best = matcher.match(message).best
    assert best is not None and best.card.id == card_id
