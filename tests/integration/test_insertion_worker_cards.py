"""Questions a person in an insertion company asks about their own contract (corpus/cards/terrain-questions-11.yaml,
corpus/09-acteurs.md), and yes/no questions whose nearest card answers them through a written reading: played
through the engine, each opens with the verdict or the figure the guides give."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def engine(product_context):
    return product_context.engine


def test_the_length_of_a_cddi_is_its_ceiling_with_the_exceptions_to_verify(engine) -> None:
    response = engine.ask("un CDDI ça peut durer combien de temps maximum ? on m'a dit 24 mois")
    assert response.answer.startswith("**Le CDDI (contrat à durée déterminée d'insertion) dure 24 mois au plus")
    assert "50 ans" in response.answer and "à vérifier" in response.answer


def test_the_employer_of_a_worker_on_a_market_is_the_insertion_company(engine) -> None:
    response = engine.ask("c'est qui mon employeur en vrai ? l'EI, la boite qui a le marché, ou le departement ?")
    assert response.answer.startswith("**La structure d'insertion qui a signé votre contrat")


def test_a_contract_does_not_follow_the_market_it_is_worked_on(engine) -> None:
    response = engine.ask("je suis en CDDI sur le ménage d'un collège : si le marché continue, mon contrat continue ?")
    assert response.answer.startswith("**Non, pas automatiquement**")


def test_training_during_an_insertion_contract_is_asked_of_the_counsellor(engine) -> None:
    response = engine.ask("on a le droit a une formation pendant le cddi ? j'aimerais passer le caces")
    assert response.answer.startswith("**Oui**") and "conseiller" in response.answer


@pytest.mark.parametrize(
    ("message", "opening"),
    [
        (
            "On peut mettre une clause d'insertion dans un AC à bons de commande ? comment on fixe le nb d'heures ?",
            "**Oui, dimensionnée sur le montant réaliste",
        ),
        ("on parle de clause sociale, de critere social, de marché reservé... c'est pareil ou pas ?", "**Non"),
        (
            "si le gars en insertion part au bout de 10 jours, les heures qu'il a faites sont comptées quand meme ?",
            "**Oui, elles restent acquises",
        ),
        (
            "Est-ce que le MO a le droit de retenir la pénalité sur ma dernière situation de travaux sans m'avoir "
            "envoyé de courrier avant ?",
            "**Non, l'acheteur informe d'abord le titulaire",
        ),
    ],
)
def test_a_yes_no_question_gets_the_verdict_of_its_card_s_reading(engine, message: str, opening: str) -> None:
    assert engine.ask(message).answer.startswith(opening)


def test_hours_left_by_an_insolvent_holder_go_to_the_market_that_finishes_the_lot(engine) -> None:
    response = engine.ask(
        "une des entreprises (lot menuiseries) vient d'être placée en liquidation judiciaire, elle avait fait 120 h "
        "sur 500 : qu'est-ce qui se passe pour les heures d'insertion restantes ?"
    )
    assert response.answer.startswith("**Les heures déjà faites restent acquises")
    assert "annoncée dès la consultation" in response.answer
