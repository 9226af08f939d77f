"""Computations over the user's own figures, played through the engine: each is routed as a computation, shows
its method with the user's figures written the French way, and keeps to them (no ratio, no legal amount added)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def engine(product_context):
    return product_context.engine


def _computed(response) -> bool:
    return any(call.name == "size" for call in response.tool_calls)


def test_a_penalty_on_missing_hours_is_computed_and_left_to_the_ccap(engine) -> None:
    response = engine.ask("Notre CCAP fixe 35 € HT par heure non réalisée ; il nous manque 120 h. Ça fait combien ?")
    assert response.intent == "conversion" and _computed(response)
    assert "120 h × 35 € HT = **4 200 € HT**" in response.answer
    assert "aucun barème national" in response.answer and "contradictoire" in response.answer


def test_a_cap_asked_next_is_compared_with_the_penalty_just_computed(engine) -> None:
    first = engine.ask("Notre CCAP fixe 35 € HT par heure non réalisée ; il nous manque 120 h. Ça fait combien ?")
    response = engine.ask("et avec un plafond de 1 % du montant du marché, qui fait 300 000 € HT ?", first.session_id)
    assert _computed(response) and "3 000 €" in response.answer
    assert "dépasse le plafond" in response.answer


def test_hours_still_to_be_done_come_off_the_penalty_just_computed(engine) -> None:
    first = engine.ask(
        "Le CCAP prévoit 60 € HT par heure non réalisée. Il manque 1 150 h au titulaire : ça fait combien ?"
    )
    response = engine.ask("et s'il fait encore 400 h d'ici la réception ?", first.session_id)
    assert _computed(response) and "1 150 h manquantes − 400 h encore réalisées = **750 h**" in response.answer
    assert "750 h × 60 € HT = **45 000 € HT**" in response.answer


AMENDED = (
    "Avenant sur le lot plomberie : le montant passe de 480 k€ à 560 k€ HT à cause de travaux supplémentaires. "
    "Le nombre d'heures d'insertion doit augmenter automatiquement ou il faut le prévoir dans l'avenant ?"
)
PRORATA = "la clause initiale c'est 350 h pour 480 k€, ça ferait combien au prorata ?"


def test_a_clause_s_hours_are_carried_to_the_amended_amount_at_the_prorata(engine) -> None:
    response = engine.ask(PRORATA, engine.ask(AMENDED).session_id)
    assert _computed(response)
    assert "350 h × 560 000 ÷ 480 000 = **408 h**, soit 58 h de plus" in response.answer
    assert "avenant" in response.answer


def test_the_amendment_article_asked_after_a_prorata_carries_its_figures(engine) -> None:
    second = engine.ask(PRORATA, engine.ask(AMENDED).session_id)
    response = engine.ask("tu peux m'écrire l'article de l'avenant à coller ?", second.session_id)
    assert response.intent == "drafting"
    assert "porté de 350 heures à 408 heures" in response.answer
    assert "de 480 000 € HT à 560 000 € HT" in response.answer and "demeurent inchangées" in response.answer


def test_hours_said_without_more_to_come_after_a_penalty_are_no_catching_up(engine) -> None:
    first = engine.ask(
        "Le CCAP prévoit 60 € HT par heure non réalisée. Il manque 1 150 h au titulaire : ça fait combien ?"
    )
    response = engine.ask("et 400 h ça fait combien d'ETP ?", first.session_id)
    assert "45 000" not in response.answer


def test_hours_done_out_of_hours_due_with_a_rate_are_computed_in_the_answer(engine) -> None:
    response = engine.ask("s'il réalise 300 h au lieu de 450, à 40 € par heure manquante, ça fait combien ?")
    assert response.intent == "question"
    assert "450 h prévues − 300 h réalisées = **150 h manquantes**" in response.answer
    assert "150 h × 40 € = **6 000 €**" in response.answer and "contradictoire" in response.answer


def test_a_rate_given_in_an_earlier_question_prices_the_hours_said_next(engine) -> None:
    first = engine.ask("notre CCAP prévoit une pénalité de 40 € par heure non réalisée, c'est proportionné ?")
    response = engine.ask("le titulaire en a fait 250 sur 400, ça fait combien ?", first.session_id)
    assert "150 h × 40 € = **6 000 €**" in response.answer


def test_a_rate_given_after_the_missing_hours_prices_them(engine) -> None:
    first = engine.ask("le titulaire a fait 320 h sur les 400 h prévues, que peut-on faire ?")
    response = engine.ask("et avec 60 € par heure non réalisée ?", first.session_id)
    assert _computed(response) and "80 h × 60 € = **4 800 €**" in response.answer


def test_a_team_s_hours_stop_for_those_who_left_early(engine) -> None:
    response = engine.ask(
        "3 personnes à 35 h par semaine pendant 8 semaines, l'une est partie après 3 semaines : combien d'heures ?"
    )
    assert response.intent == "conversion"
    assert "**665 h au total**" in response.answer and "560 + 105 = 665 h" in response.answer


def test_a_volume_of_work_is_converted_into_hours_with_its_method(engine) -> None:
    response = engine.ask("on a 1 200 pièces à 15 minutes chacune, ça fait combien d'heures ? la clause dit 10 %")
    assert response.intent == "conversion" and _computed(response)
    assert "1 200 pièces × 15 min = 18 000 min" in response.answer and "**300 h de travail**" in response.answer
    assert "300 h × 10 % = **30 h**" in response.answer


def test_a_quantity_at_a_unit_price_is_worked_out_in_a_question_s_answer(engine) -> None:
    response = engine.ask("30 tonnes par an à 2 € HT le kg, ça fait combien sur 4 ans ? c'est au-dessus des seuils ?")
    assert response.intent == "question"
    assert "30 tonnes = 30 000 kg × 2 € = **60 000 € HT** par an" in response.answer
    assert "60 000 € × 4 = **240 000 € HT**" in response.answer


def test_a_sizing_redone_on_a_new_share_gives_each_rate_tried_before(engine) -> None:
    first = engine.ask("marché de 600 000 € HT, la clause dit 5 % des heures : ça fait combien d'heures ?")
    second = engine.ask("et pour 8 % ?", first.session_id)
    response = engine.ask("la main-d'œuvre c'est 50 % du prix, tu refais le calcul ?", second.session_id)
    assert "600 000 € × 50 % × 8 % ÷ 30 €/h = 800 h" in response.answer
    assert "- à 5 % : 500 h" in response.answer


def test_monthly_hours_said_in_a_question_give_the_hours_of_a_year_next(engine) -> None:
    first = engine.ask("Un salarié en CDI à 86 h par mois peut-il compter dans les heures d'une clause ?")
    response = engine.ask("ça ferait combien d'heures sur l'année ?", first.session_id)
    assert response.intent == "conversion" and "86 h par mois × 12 mois = **1 032 h par an**" in response.answer


def test_hours_per_year_after_a_sizing_are_the_sizing_s_not_monthly_hours_said_before_it(engine) -> None:
    first = engine.ask("Un salarié en CDI à 86 h par mois peut-il compter dans les heures d'une clause ?")
    sized = engine.ask(
        "Marché de nettoyage de 400 000 € HT sur 4 ans, clause à 5 %, combien d'heures ?", first.session_id
    )
    response = engine.ask("et ça fait combien par an ?", sized.session_id)
    assert "86 h par mois" not in response.answer
    assert "Heures par an : 133 h" in response.answer


def test_each_lot_keeps_the_labour_share_the_user_gives_it(engine) -> None:
    response = engine.ask(
        "Calcule les heures, 5 % et 30 €/h :\n- lot 1 gros œuvre 300 k€ HT, MO 40 %\n- lot 2 peinture 100 k€ HT, MO 70 %"
    )
    assert "| 40 % | 200 h" in response.answer and "| 70 % | 117 h" in response.answer


def test_etp_asked_after_two_rates_were_tried_converts_both(engine) -> None:
    first = engine.ask("Travaux de 1,5 M€ HT, part de main-d'œuvre 40 %, coût horaire 30 €, 5 % : combien d'heures ?")
    second = engine.ask("et à 10 % ?", first.session_id)
    response = engine.ask("ça fait combien d'ETP ?", second.session_id)
    assert "2 000 heures représentent 1,24 ETP" in response.answer
    assert "- à 5 % : 1 000 h, soit 0,62 ETP." in response.answer


def test_rates_said_in_questions_are_the_rates_a_later_sizing_uses(engine) -> None:
    first = engine.ask("Notre marché d'entretien prévoit 5 % des heures de main-d'œuvre, comment on le calcule ?")
    second = engine.ask("et à 8 % ?", first.session_id)
    response = engine.ask("marché de nettoyage de 300 000 € HT, combien d'heures d'insertion ?", second.session_id)
    assert _computed(response) and "× 8 % ÷ 30 €/h = 640 h" in response.answer
    assert "repris de vos messages précédents : 8 %" in response.answer
    assert "- à 5 % : 400 h" in response.answer


def test_a_sizing_with_no_rate_said_anywhere_keeps_the_default_rate_unannounced(engine) -> None:
    first = engine.ask("Qui valide l'éligibilité des personnes en insertion ?")
    response = engine.ask("marché de nettoyage de 300 000 € HT, combien d'heures d'insertion ?", first.session_id)
    assert "× 5 % ÷ 30 €/h = 400 h" in response.answer and "repris de vos messages" not in response.answer


def test_a_rate_in_the_sizing_message_wins_over_a_rate_said_before(engine) -> None:
    first = engine.ask("la clause à 10 %, c'est légal ?")
    response = engine.ask("marché de nettoyage de 300 000 € HT à 6 %, combien d'heures ?", first.session_id)
    assert "× 6 % ÷ 30 €/h = 480 h" in response.answer and "repris de vos messages" not in response.answer
