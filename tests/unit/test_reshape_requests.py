"""Re-shaping requests: a short version of a text, a results synthesis from the user's figures,
a table of hours per lot (from the sizing or a list of amounts), the columns of a tracking table,
the indicators with their definitions, a tiny market warned before its clause."""

from __future__ import annotations

import pytest

from assistant.backends.base import Turn
from assistant.backends.embedded.drafting import _recent_questions, topic_kind
from assistant.backends.embedded.sizing import _counted_lots
from assistant.drafting import default_grid, default_library, draft
from assistant.fr.amount_lists import listed_amounts
from assistant.fr.clause_kinds import find_free_text, free_text_kind, request_details, wants_short
from assistant.fr.columns import asked_columns
from assistant.fr.review import review_figures
from assistant.sessions import Message
from assistant.sizing.lot_table import lot_table
from assistant.sizing.small_market import small_market
from assistant.state import ConversationState

COPIL = (
    "Pour le COPIL je dois présenter un bilan : 38 000 heures réalisées sur 52 000 prévues, 61 personnes, "
    "dont 27 du QPV, 14 sorties en emploi durable. Tu peux me rédiger une synthèse ?"
)


# --- short versions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "trop long, tu peux raccourcir ?",
        "ça doit tenir en un paragraphe",
        "ok tu peux me l'écrire en 10 lignes max",
        "plus court stp et pas trop administratif",
        "rédige-moi un article de CCAP, court svp, c'est un petit marché",
        "une version courte pour le MAPA",
    ],
)
def test_a_request_for_a_shorter_text_is_recognised(message: str) -> None:
    assert wants_short(message)


@pytest.mark.parametrize("message", ["Rédige l'article du CCAP pour 800 heures", "le marché court sur 3 ans"])
def test_an_ordinary_request_is_not_a_request_for_a_short_text(message: str) -> None:
    assert not wants_short(message)


def test_the_short_clause_keeps_hours_perimeter_publics_and_facilitator_in_one_paragraph() -> None:
    params = {"hours": 350, "lots": "Lot gros œuvre", "facilitator": "la MIFE", "facilitator_contact": "04 00 00 00 00"}
    result = draft("execution", params, short=True)
    body = result.text.split("\n\n", 1)[1]
    assert result.short and "\n\n" not in body.strip()
    for expected in ("350", "Lot gros œuvre", "catégories nationales", "la MIFE", "L2112-2", "contradictoire"):
        assert expected in result.text


def test_a_kind_without_a_short_version_keeps_its_full_text() -> None:
    assert not draft("penalties", {}, short=True).short


def test_details_listed_in_brackets_are_woven_in_without_the_style_instructions() -> None:
    message = (
        "tu peux me rédiger un paragraphe pour le mémoire technique sur notre démarche "
        "(tutorat, formation HACCP, parcours vers CDI) ? 10 lignes max, je copie colle direct"
    )
    assert request_details(message) == "tutorat, formation HACCP, parcours vers CDI"


# --- results review -------------------------------------------------------------------------


def test_the_figures_of_a_results_review_are_read_from_the_message() -> None:
    assert review_figures(COPIL) == {
        "hours_done": 38000,
        "hours_planned": 52000,
        "participants": 61,
        "group_count": 27,
        "group_label": "du QPV",
        "durable_exits": 14,
        "exits_label": "en emploi durable",
    }


def test_hours_over_a_duration_are_not_read_as_hours_planned() -> None:
    assert "hours_planned" not in review_figures("38 000 heures réalisées sur 3 ans")


def test_the_results_review_computes_the_rates_from_the_figures_given() -> None:
    text = draft("results-review", review_figures(COPIL)).text
    for expected in ("73 %", "14 000 heures restent", "44 %", "23 %", "623 heures par personne"):
        assert expected in text


def test_the_results_review_states_no_figure_the_user_did_not_give() -> None:
    text = draft("results-review", {"hours_done": 500}).text
    assert "500 heures réalisées" in text and "%" not in text


# --- table per lot ----------------------------------------------------------------------------


def test_the_lot_table_computes_each_lot_and_the_total_at_every_rate_tried() -> None:
    params = {
        "lots": [
            {"label": "gros œuvre", "amount": 400000, "trade": "gros oeuvre"},
            {"label": "peinture", "amount": 300000, "trade": "peinture"},
        ],
        "rate": 0.07,
    }
    table = lot_table(params, [0.05], default_grid())
    assert table.rates == (0.05, 0.07)
    assert [row.hours for row in table.rows] == [(333, 467), (350, 490)]
    assert table.total is not None and table.total.hours == (683, 957)


def test_a_lot_without_a_published_share_is_left_to_fix_and_leaves_no_total() -> None:
    params = {"lots": [{"label": "électricité", "amount": 200000, "trade": "électricité"}], "rate": 0.05}
    table = lot_table(params, [], default_grid())
    assert table.rows[0].share is None and table.rows[0].hours == (None,)
    assert table.total is not None and table.total.hours == (None,)


def test_without_lots_the_total_uses_the_building_average_named_as_such() -> None:
    table = lot_table({"amount": 900000, "rate": 0.05, "trade": "menuiserie"}, [0.07], default_grid())
    assert table.total is not None and table.total.hours == (750, 1050)
    assert table.total_share_basis is not None and "moyenne" in table.total_share_basis


# --- tiny market --------------------------------------------------------------------------------


def test_a_tiny_market_stays_under_the_small_clause_mark_even_at_the_highest_share() -> None:
    small = small_market(30000, default_grid())
    assert small is not None and small.ceiling < small.min_hours


def test_a_market_large_enough_gets_no_small_market_warning() -> None:
    assert small_market(1_000_000, default_grid()) is None


def test_the_short_tender_memo_keeps_the_eligible_publics() -> None:
    text = draft("tender-memo", {}, short=True).text
    for expected in ("RSA", "travailleurs handicapés", "jeunes", "tuteur", "formation"):
        assert expected in text


# --- amounts listed for lots -----------------------------------------------------------------


def test_amounts_listed_with_one_shared_unit_are_read_in_order() -> None:
    assert listed_amounts("les montants : 3,2 / 2,1 / 0,3 M€") == [3_200_000, 2_100_000, 300_000]
    assert listed_amounts("lots de 120 ; 80 ; 45 k€ HT") == [120_000, 80_000, 45_000]


def test_a_date_or_a_single_amount_is_not_a_list_of_amounts() -> None:
    assert listed_amounts("le 12/05 à 10 €") == []
    assert listed_amounts("un marché de 300 000 €") == []


def test_a_list_of_amounts_for_the_lots_named_becomes_numbered_lots() -> None:
    lots = _counted_lots("un tableau pour mes 3 lots ? les montants : 3,2 / 2,1 / 0,3 M€")
    assert [(lot["label"], lot["amount"]) for lot in lots] == [
        ("Lot 1", 3_200_000),
        ("Lot 2", 2_100_000),
        ("Lot 3", 300_000),
    ]


def test_a_list_whose_length_differs_from_the_lots_counted_is_not_read_as_lots() -> None:
    assert _counted_lots("mes 4 lots : 3,2 / 2,1 / 0,3 M€") == []


# --- columns of the tracking table -------------------------------------------------------------


def test_columns_named_by_the_user_are_added_as_named() -> None:
    assert asked_columns("ajoutez une colonne site et une colonne date de fin de contrat").added == (
        "Site",
        "Date de fin de contrat",
    )


def test_a_tracking_per_order_or_subsequent_contract_implies_its_column() -> None:
    assert asked_columns("un suivi mensuel par bon de commande").added == ("N° de bon de commande",)
    assert asked_columns("un tableau type", context="heures par marché subséquent").added == ("Marché subséquent",)


def test_a_column_of_personal_data_is_refused() -> None:
    asked = asked_columns("ajoute une colonne nom et une colonne RQTH")
    assert asked.added == () and asked.refused == ("Nom", "RQTH")


def test_the_hours_report_shows_the_added_columns_in_its_table_and_spreadsheet_header() -> None:
    text = draft("hours-report", {"columns": "Site ; Date de fin de contrat"}).text
    assert "| Site | Date de fin de contrat |" in text and ";Site;Date de fin de contrat;" in text


# --- indicators table -------------------------------------------------------------------------


def test_the_indicators_table_defines_each_indicator() -> None:
    text = draft("indicators-table", {}).text
    for expected in ("une seule fois", "réellement travaillées", "6 et 12 mois", "emploi durable", "sortie positive"):
        assert expected in text


# --- a text asked after answers on a template's topic ---------------------------------------------


def test_a_text_asked_after_questions_on_indicators_is_the_indicators_table() -> None:
    catalog = default_library().catalog
    assert topic_kind(catalog, ["tu peux me le mettre sous forme de tableau ?", "Quels indicateurs suivre ?"]) == (
        "indicators-table"
    )


def test_a_text_asked_after_a_candidate_asked_how_to_get_the_best_mark_is_the_tender_memo() -> None:
    catalog = default_library().catalog
    texts = ["tu peux me l'écrire ?", "le RC note la performance sociale, je mets quoi pour avoir la note max ?"]
    assert topic_kind(catalog, texts) == "tender-memo"


def test_a_text_asked_after_unrelated_questions_has_no_topic_kind() -> None:
    assert topic_kind(default_library().catalog, ["écris-le", "qui est le facilitateur en Isère ?"]) is None


def test_the_framework_agreement_named_two_questions_before_is_still_the_topic() -> None:
    history = [
        Message("1", "user", "on part sur un accord-cadre à bons de commande, comment je calcule ?", "t", None),
        Message("2", "assistant", "Sur le montant réaliste.", "t", "question"),
        Message("3", "user", "et si on commande la moitié ?", "t", None),
        Message("4", "assistant", "Les heures suivent les commandes.", "t", "question"),
    ]
    state = ConversationState(last_intent="question", last_question="et si on commande la moitié ?")
    recent = _recent_questions(Turn("tu peux me l'écrire pour le CCAP ?", state, history))
    assert any("accord-cadre" in text for text in recent)


def test_a_tender_memo_for_a_framework_agreement_follows_the_orders_placed() -> None:
    text = draft("tender-memo", {"framework_agreement": "oui"}, short=True).text
    assert "au prorata des montants effectivement commandés" in text
    assert "prorata" not in draft("tender-memo", {}, short=True).text


# --- arguments for a board ----------------------------------------------------------------------


def test_a_request_for_arguments_to_convince_drafts_the_arguments() -> None:
    message = "Pouvez-vous me faire 5 ou 6 arguments courts sur le coût pour le comité de direction ?"
    free = find_free_text(message)
    assert free is not None and free_text_kind(message, free) == "arguments"


def test_the_arguments_cite_the_obligation_and_claim_no_extra_cost_figure() -> None:
    text = draft("arguments", {}).text
    for expected in ("L2112-2-1", "tous les candidats", "facilitateur", "5 à 10 %"):
        assert expected in text
    assert "aucun chiffre de surcoût" in text
