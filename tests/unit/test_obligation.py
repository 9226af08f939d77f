"""« Is the social condition mandatory for my market? » opened with the verdict of the threshold check."""

from __future__ import annotations

import pytest

from assistant.fr import extract
from assistant.obligation import mandatory_opening, spaser_verdict
from assistant.settings import Settings
from assistant.sizing import load_grid


@pytest.fixture(scope="module")
def grid():
    return load_grid(Settings().domain_data_dir / "sizing_grid.yaml")


def opening(message: str, grid) -> str | None:
    trades = [(t.id, t.label, tuple(t.synonyms)) for t in grid.trades]
    return mandatory_opening(message, extract(message, trades), grid)


def test_works_below_the_eu_threshold_open_with_non(grid) -> None:
    text = opening("3 M€ HT de travaux, la condition sociale est-elle obligatoire ?", grid)
    assert text is not None and text.startswith("**Non.**") and "5 404 000 € HT" in text


def test_works_above_the_eu_threshold_open_with_oui_and_the_article(grid) -> None:
    text = opening("6 M€ de travaux de voirie, est-on obligés de mettre une clause ?", grid)
    assert text is not None and text.startswith("**Oui.**") and "L2112-2-1" in text


def test_the_trade_gives_the_market_type(grid) -> None:
    text = opening("nettoyage des locaux, 400 k€ HT : la clause d'insertion est obligatoire ?", grid)
    assert text is not None and text.startswith("**Oui.**") and "216 000 € HT" in text


def test_an_amount_without_a_type_between_thresholds_depends_on_the_type(grid) -> None:
    text = opening("marché de 300 000 € HT, faut-il mettre une clause sociale ?", grid)
    assert text is not None and text.startswith("**Cela dépend du type de marché.**")


@pytest.mark.parametrize(
    "message", ["la clause est-elle obligatoire ?", "combien d'heures pour 3 M€ de travaux ?", "3 M€ de travaux"]
)
def test_without_a_value_or_without_asking_about_the_obligation_there_is_no_opening(message, grid) -> None:
    assert opening(message, grid) is None


def test_asking_whether_the_buyer_may_put_a_mandatory_clause_opens_with_oui(grid) -> None:
    text = opening("la mairie a-t-elle le droit d'imposer une clause obligatoire sur 50 000 € de fournitures ?", grid)
    assert text is not None and text.startswith("**Oui, c'est possible.**") and "216 000 € HT" in text


def test_an_adverb_between_may_and_impose_still_asks_permission(grid) -> None:
    text = opening("MAPA à 80k€ HT, est ce que l'acheteur peut quand meme imposer une clause d'insertion ?", grid)
    assert text is not None and text.startswith("**Oui, c'est possible.**")


def test_asking_whether_the_buyer_may_do_without_keeps_the_threshold_verdict(grid) -> None:
    text = opening("peut-on ne pas mettre de clause obligatoire sur 2 M€ de travaux ?", grid)
    assert text is not None and text.startswith("**Non.**")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("est-ce qu'un syndicat mixte avec 20 M€ d'achats annuels est obligé d'avoir un SPASER ?", False),
        ("on achète pour 80 millions d'euros par an : le schéma de promotion des achats est obligatoire ?", True),
    ],
)
def test_spaser_obligation_compares_the_annual_purchases_with_the_threshold(message, expected, grid) -> None:
    found = spaser_verdict(message, extract(message), grid)
    assert found is not None and found.mandatory is expected and found.threshold == "50 M€"


@pytest.mark.parametrize(
    "message",
    [
        "le SPASER c'est obligatoire au-delà de 50 M€ ou de 100 M€ ?",  # the threshold quoted, not purchases
        "SPASER obligatoire pour une commune ?",  # no amount
        "30 M€ d'achats par an, combien d'heures d'insertion ?",  # no SPASER
    ],
)
def test_spaser_obligation_needs_the_buyers_purchases(message, grid) -> None:
    assert spaser_verdict(message, extract(message), grid) is None


def test_a_spaser_question_gets_no_social_condition_verdict(grid) -> None:
    assert opening("SPASER obligatoire pour notre clause sociale avec 30 M€ d'achats par an ?", grid) is None


def test_an_amount_per_year_is_weighed_over_the_whole_duration(grid) -> None:
    text = opening("entretien de voirie, 1,5 M€ HT par an sur 4 ans : la clause sociale est-elle obligatoire ?", grid)
    assert text is not None and text.startswith("**Oui.**") and "6 000 000 € HT" in text


def test_the_trade_that_gives_the_type_is_named_never_left_empty(grid) -> None:
    text = opening("nettoyage des locaux, 400 k€ HT : la clause d'insertion est obligatoire ?", grid)
    assert text is not None and "«  »" not in text and "« Propreté et nettoyage »" in text


def test_an_annual_amount_counts_every_year_renewals_included(grid) -> None:
    text = opening(
        "collecte des déchets, 1,1 M€ HT par an, sur 4 ans + 2 ans de reconduction : la clause est-elle obligatoire ?",
        grid,
    )
    assert text is not None and "6 600 000 € HT" in text and "4 400 000" not in text


def test_an_annual_amount_tied_to_the_market_is_still_multiplied_by_its_years(grid) -> None:
    text = opening("marché de 150 k€ HT par an sur 4 ans, la clause est-elle obligatoire ?", grid)
    assert text is not None and not text.startswith("**Non.**") and "600 000 € HT" in text


def test_a_total_said_beside_the_annual_amount_is_taken_as_it_is(grid) -> None:
    text = opening("marché de 2 M€ sur 4 ans, soit 500 k€ par an, clause obligatoire ?", grid)
    assert text is not None and "2 000 000 € HT" in text and "8 000 000" not in text


class _Toolbox:
    def __init__(self, grid) -> None:
        self.grid = grid

    def trades(self):
        return [(t.id, t.label, tuple(t.synonyms)) for t in self.grid.trades]


def test_the_part_asking_whether_it_is_mandatory_is_answered_by_the_threshold_verdict(grid) -> None:
    from assistant.backends.embedded.guides import GuideAnswers

    answers = object.__new__(GuideAnswers)
    answers.toolbox = _Toolbox(grid)
    message = (
        "marché de collecte, 1,1 M€ HT par an sur 4 ans, jamais de clause d'insertion. Par où je commence ? "
        "et c'est obligatoire à partir de quel montant ?"
    )
    assert answers._obligation_opened(message, "et c'est obligatoire à partir de quel montant ?")
    assert not answers._obligation_opened(message, "Par où je commence ?")


def test_without_a_value_the_part_on_the_obligation_keeps_its_card(grid) -> None:
    from assistant.backends.embedded.guides import GuideAnswers

    answers = object.__new__(GuideAnswers)
    answers.toolbox = _Toolbox(grid)
    message = "Par où je commence ? et la clause est obligatoire à partir de quel montant ?"
    assert not answers._obligation_opened(message, "et la clause est obligatoire à partir de quel montant ?")


def test_one_markets_amount_is_not_the_buyers_purchases(grid) -> None:
    message = "MAPA de 90k€ HT, prestations de propreté. Le SPASER de la collectivité dit oui, c'est obligatoire ?"
    assert spaser_verdict(message, extract(message), grid) is None


def test_one_market_beside_a_cited_spaser_gets_the_threshold_verdict(grid) -> None:
    text = opening(
        "MAPA de 90k€ HT, prestations de propreté. Légalement il y a une obligation d'y mettre une clause sociale ? "
        "le SPASER de la collectivité dit oui",
        grid,
    )
    assert text is not None and text.startswith("**Non")
