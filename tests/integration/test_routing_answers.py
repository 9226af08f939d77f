"""What the embedded answerer does with a route, over the real corpus: a model asked about is
described with a draft offered; a story told before a clause question does not redirect it; one person's hours
over weeks are computed, then extended; a market's full-time staff gives its hours worked; a letter asking to be
hired is a cover letter, not a reservation to a named person; a market of no building work gets its labour share
asked, not the building average; a penalty question with its own figures gets their arithmetic."""

from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.presenting import load_messages
from assistant.settings import PROJECT_ROOT

OFFER = load_messages(PROJECT_ROOT / "prompts" / "messages.yaml").get("offer_drafting")


@pytest.fixture(scope="module")
def helper(product_context) -> Assistant:
    return Assistant(context=product_context)


def test_asking_what_a_model_looks_like_answers_and_offers_a_draft(helper: Assistant) -> None:
    response = helper.ask("l'état mensuel des heures d'insertion, il contient quoi ? vous avez un modèle ?")
    assert response.intent == "question"
    assert response.answer.rstrip().endswith(OFFER)


def test_a_word_of_the_story_does_not_redirect_a_question_on_the_clause(helper: Assistant) -> None:
    message = (
        "Je suis le gérant d'une PME de plomberie, celle qui a remporté le lot sanitaires du gymnase. "
        "Est-ce que les heures de notre apprenti peuvent compter pour la clause d'insertion ?"
    )
    assert helper.ask(message).intent != "redirect"


def test_one_persons_hours_over_weeks_are_computed_then_extended(helper: Assistant) -> None:
    first = helper.ask("j'ai fait 35h par semaine pendant 13 semaines, ça fait combien d'heures ?")
    assert first.intent == "conversion" and "455 h" in first.answer
    more = helper.ask("et si je fais encore 6 semaines ?", first.session_id)
    assert more.intent == "conversion" and "210 h" in more.answer and "665 h" in more.answer


def test_a_markets_full_time_staff_gives_its_hours_worked(helper: Assistant) -> None:
    response = helper.ask("infogérance, 6 techniciens sur site, marché de 3 ans, 5% des heures : ça donne combien ?")
    assert response.intent == "sizing" and "1 446" in response.answer


def test_a_letter_asking_to_be_hired_is_drafted_as_a_cover_letter(helper: Assistant) -> None:
    response = helper.ask(
        "écris-moi une lettre pour demander à l'entreprise de maçonnerie de m'embaucher après ma mission"
    )
    assert response.intent == "drafting" and "motivation" in response.answer.lower()


def test_a_market_of_no_building_work_gets_its_labour_share_asked_not_the_building_average(helper: Assistant) -> None:
    response = helper.ask("marché de denrées alimentaires à 380 k€ HT, 5 %, ça fait combien d'heures ?")
    assert response.intent == "sizing" and "denrées alimentaires" in response.answer
    assert "chantier de bâtiment" not in response.answer


def test_a_simulated_share_of_an_annual_amount_says_its_hours_per_year_once(helper: Assistant) -> None:
    response = helper.ask("marché de denrées alimentaires, 380 k€ HT par an sur 4 ans, 5 %, combien d'heures ?")
    assert "par an" in response.answer and "(4 ans) (soit" not in response.answer


def test_a_penalty_question_with_its_figures_gets_their_arithmetic(helper: Assistant) -> None:
    response = helper.ask(
        "Le titulaire n'a réalisé que 120 h sur les 350 prévues. Le CCAP prévoit 30 € par heure non réalisée. "
        "Peut-on appliquer la totalité des pénalités ?"
    )
    assert response.intent == "question"
    answer = response.answer.replace("\u202f", " ").replace("\xa0", " ")
    assert "350 h prévues − 120 h réalisées = **230 h manquantes**" in answer and "230 h × 30 € = **6 900 €**" in answer


def test_a_duration_asked_gets_the_figure_of_a_yes_no_card_without_its_yes(helper: Assistant) -> None:
    response = helper.ask(
        "il faut etre inscrit a France Travail depuis combien de temps pour avoir droit a ces emplois ?"
    )
    assert "12 mois" in response.answer.split("\n")[0]
    assert not response.answer.lstrip("* ").lower().startswith("oui")


def test_hypotheses_told_after_a_sizing_without_a_published_share_redo_it(helper: Assistant) -> None:
    first = helper.ask("mon lot plomberie fait 45 000 € HT, la clause c'est 5 % des heures, ça fait combien d'heures ?")
    response = helper.ask(
        "il dit que la main d'oeuvre c'est genre 40% du prix et il compte 40€ de l'heure", first.session_id
    )
    assert response.intent == "sizing" and "45 000 € × 40 % × 5 % ÷ 40 €/h" in response.answer
