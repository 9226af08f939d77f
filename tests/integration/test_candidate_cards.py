"""Cards for askers who bid or employ rather than buy (corpus/cards/structures-candidates.yaml), reached by
wordings they do not store, against the buyer-side and neighbouring cards that used to answer those questions."""

from __future__ import annotations

import pytest

from assistant.audience import for_asker
from assistant.cards import load_cards
from assistant.matching import CardMatcher
from assistant.settings import PROJECT_ROOT

CARDS = {card.id: card for card in load_cards(PROJECT_ROOT / "corpus" / "cards")}
NEIGHBOURS = (
    "reserve-ess-services",
    "reserve-ess-trois-ans",
    "association-repondre-marche-public",
    "association-titulaire-marche-reserve",
    "qui-peut-candidater-selon-levier",
    "salarie-deja-en-cdi",
    "clause-marche-fournitures",
    "organisme-prive-soumis-code",
    "don-remplace-heures",
    "sous-traitance-ea-esat",
    "pass-iae-definition",
    "reserver-siae",
    "reserve-structure-nommee",
    "negocier-heures-insertion-offres",
    "groupement-avec-esat-siae",
)
NEW = (
    "ess-structure-candidate-marche-reserve",
    "ess-agrement-esus-societe-commerciale",
    "association-objet-statutaire-candidature",
    "salaries-en-reconversion-heures-insertion",
    "clauses-sociales-achats-organisme-prive",
    "oeth-et-clause-insertion",
    "subvention-ou-marche-structure",
    "structure-suggerer-reservation-acheteur",
    "titulaire-negocier-volume-heures",
)


@pytest.fixture(scope="module")
def matcher(make_card_matcher) -> CardMatcher:
    return make_card_matcher([CARDS[i] for i in NEIGHBOURS + NEW])


@pytest.mark.parametrize(
    ("message", "card_id"),
    [
        ("nous sommes une coopérative du médico-social : les lots réservés à l'ESS nous sont-ils ouverts ?", NEW[0]),
        ("une SARL détenue par un groupe, sans agrément ESUS, est-elle une entreprise de l'ESS ?", NEW[1]),
        ("nos statuts ne prévoient pas cette activité : notre association peut-elle quand même candidater ?", NEW[2]),
        ("une employée qui se forme en alternance chez nous depuis 3 ans, c'est de l'insertion ?", NEW[3]),
        ("en tant qu'association, puis-je demander à mes fournisseurs de travailler avec une SIAE ?", NEW[4]),
        ("l'obligation d'emploi des travailleurs handicapés et les heures d'insertion, c'est lié ?", NEW[5]),
        ("la commune veut nous subventionner pour un service qu'elle définit elle-même, c'est régulier ?", NEW[6]),
        (
            "notre régie voudrait proposer à la mairie des idées de critères sociaux pour ses marchés : c'est permis ?",
            NEW[7],
        ),
        ("les prestations de notre lot ont diminué : nos heures d'insertion doivent-elles baisser ?", NEW[8]),
    ],
)
def test_a_non_buyer_question_worded_anew_finds_its_card(matcher: CardMatcher, message: str, card_id: str) -> None:
    best = for_asker(matcher.match(message), message).best
    assert best is not None and best.card.id == card_id


@pytest.fixture(scope="module")
def engine(product_context):
    return product_context.engine


def test_the_side_said_in_a_first_turn_is_kept_for_the_next_turns(engine) -> None:
    first = engine.ask("Je dirige une association d'aide à domicile. Qu'est-ce qu'une clause d'insertion ?")
    second = engine.ask("et les heures d'un intérimaire d'ETTI comptent-elles ?", first.session_id)
    assert engine.store.load(second.session_id, 2).state.get("asker") == "entreprise"
