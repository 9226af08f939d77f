"""When a matched answer card is confident enough to answer (pure)."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.cards import Card
from assistant.matching import CONFIDENT, MARGIN, CardMatch, Matching, asked_type


def card(card_id: str, kind: str = "explain") -> Card:
    return Card(card_id, f"Question {card_id} ?", (), "**Réponse.**", kind, (), (), (), dt.date(2026, 11, 1), "test")


def matching(score: float, lexical: float, runner_up: float = 0.0) -> Matching:
    return Matching((CardMatch(card("a"), score, lexical, 0.6), CardMatch(card("b"), runner_up, 0.0, 0.3)))


def test_a_card_well_above_the_threshold_answers() -> None:
    assert matching(CONFIDENT + 0.05, lexical=0.3).confident


def test_a_card_well_below_the_threshold_does_not_answer() -> None:
    assert not matching(CONFIDENT - 0.05, lexical=0.9).confident


def test_near_the_threshold_a_card_sharing_most_key_words_answers() -> None:
    assert matching(CONFIDENT - 0.005, lexical=0.6).confident


def test_near_the_threshold_a_card_matched_mostly_by_the_embedding_does_not_answer() -> None:
    assert not matching(CONFIDENT + 0.005, lexical=0.3).confident


def test_a_card_barely_ahead_of_the_next_one_does_not_answer() -> None:
    assert not matching(CONFIDENT + 0.05, lexical=0.6, runner_up=CONFIDENT + 0.048).confident


@pytest.mark.parametrize(
    "message", ["c'est quand la date limite ?", "depuis quand c'est obligatoire ?", "quand doit-on valider ?"]
)
def test_quand_asking_for_a_date_asks_for_a_figure(message: str) -> None:
    assert asked_type(message) == "figure"


@pytest.mark.parametrize("message", ["quand même, il compte ?", "quand on embauche en CDI, ça compte ?"])
def test_quand_as_a_conjunction_leaves_yes_no_cards_in_play(message: str) -> None:
    assert asked_type(message) is None


def two_cards(lead: float, lexical: tuple[float, float], concept: tuple[float, float]) -> Matching:
    best = CardMatch(card("a"), CONFIDENT + 0.1, lexical[0], 0.7, concept[0])
    runner_up = CardMatch(card("b"), round(CONFIDENT + 0.1 - lead, 3), lexical[1], 0.7, concept[1])
    return Matching((best, runner_up))


def test_near_the_margin_a_card_leading_on_its_lexical_side_answers() -> None:
    assert two_cards(MARGIN + 0.005, lexical=(0.6, 0.5), concept=(0.8, 0.4)).confident


def test_near_the_margin_a_card_ahead_only_by_its_embedding_does_not_answer() -> None:
    assert not two_cards(MARGIN + 0.005, lexical=(0.5, 0.5), concept=(0.4, 0.4)).confident


@pytest.mark.parametrize(("best", "runner_up"), [(0.475, 0.47), (0.47, 0.465)])
def test_a_lead_at_the_margin_band_s_lower_edge_is_in_the_band_whatever_the_binary_rounding(
    best: float, runner_up: float
) -> None:
    # 0.475 − 0.47 is 0.0050…04 in binary, 0.47 − 0.465 is 0.0049…95: both are the band's lower edge, inside it,
    # where the lexical sides decide
    first = CardMatch(card("a"), best, 0.6, 0.7, 0.8)
    second = CardMatch(card("b"), runner_up, 0.3, 0.7, 0.3)
    assert Matching((first, second)).confident


def test_a_lead_at_the_margin_band_s_edge_is_read_to_the_thousandth() -> None:
    # 0.44 − 0.405 is 0.034999… in binary: the edge of the band, not inside it, as 0.035 would be
    best = CardMatch(card("a"), 0.44, 0.5, 0.7, 0.4)
    runner_up = CardMatch(card("b"), 0.405, 0.5, 0.6, 0.4)
    assert Matching((best, runner_up)).confident


def test_well_past_the_margin_the_whole_score_decides() -> None:
    assert two_cards(MARGIN + 0.05, lexical=(0.5, 0.5), concept=(0.4, 0.4)).confident


# --- a card of one theme leading, where missing it costs more than taking it ------------------------


def themed(card_id: str, theme: str) -> Card:
    return Card(card_id, f"Question {card_id} ?", (), "**Non.**", "yes_no", (), (), (), dt.date(2026, 11, 1), theme)


def test_a_card_of_the_theme_close_behind_the_best_leads_the_matching() -> None:
    ranked = (
        CardMatch(themed("a", "autre"), CONFIDENT + 0.02, 0.5, 0.6),
        CardMatch(themed("b", "interdits"), CONFIDENT + 0.02 - MARGIN / 2, 0.5, 0.6),
    )
    led = Matching(ranked).led_by("interdits")
    assert led is not None and [m.card.id for m in led.ranked] == ["b", "a"]


def test_a_card_of_the_theme_a_margin_behind_the_best_does_not_lead() -> None:
    ranked = (
        CardMatch(themed("a", "autre"), CONFIDENT + 0.1, 0.5, 0.6),
        CardMatch(themed("b", "interdits"), CONFIDENT + 0.1 - MARGIN, 0.5, 0.6),
    )
    assert Matching(ranked).led_by("interdits") is None


def test_a_card_of_the_theme_below_the_threshold_does_not_lead_even_first() -> None:
    ranked = (CardMatch(themed("b", "interdits"), CONFIDENT - 0.01, 0.5, 0.6),)
    assert Matching(ranked).led_by("interdits") is None


def test_a_card_must_also_lead_a_third_card_within_the_margin_band_on_its_lexical_side() -> None:
    # The second and third cards are 0.001 apart: another embedder may swap them, and the best card then
    # faces the third one. It answers only when it leads both lexically.
    best = CardMatch(card("a"), CONFIDENT + 0.1, 0.6, 0.7, 0.5)
    second = CardMatch(card("b"), round(CONFIDENT + 0.1 - MARGIN + 0.01, 3), 0.5, 0.7, 0.4)
    third = CardMatch(card("c"), round(CONFIDENT + 0.1 - MARGIN + 0.009, 3), 0.5, 0.7, 0.8)
    assert Matching((best, second)).confident
    assert not Matching((best, second, third)).confident


def test_a_card_far_ahead_of_the_third_card_is_not_judged_against_it() -> None:
    best = CardMatch(card("a"), CONFIDENT + 0.1, 0.6, 0.7, 0.5)
    second = CardMatch(card("b"), round(CONFIDENT + 0.1 - MARGIN - 0.03, 3), 0.5, 0.7, 0.4)
    third = CardMatch(card("c"), round(CONFIDENT + 0.1 - MARGIN - 0.031, 3), 0.9, 0.7, 0.9)
    assert Matching((best, second, third)).confident


def _yes_no(answer: str) -> Card:
    return Card("y", "Question y ?", (), answer, "yes_no", (), (), (), dt.date(2026, 11, 1), "test")


def _asked_figure(found: Card) -> Matching:
    return Matching((CardMatch(found, CONFIDENT + 0.1, 0.6, 0.7, 0.8),), "quantity")


def test_a_quantity_asked_is_not_answered_by_a_bare_yes_no_card() -> None:
    assert not _asked_figure(_yes_no("**Oui** : c'est possible, voyez le facilitateur.")).confident


def test_a_quantity_asked_is_answered_by_a_yes_no_card_whose_first_sentence_states_it() -> None:
    assert _asked_figure(_yes_no("**Oui** : inscrits depuis plus de 12 mois. Voyez le facilitateur.")).confident


def test_a_date_asked_is_not_answered_by_a_yes_no_card_even_with_a_figure() -> None:
    found = _yes_no("**Oui** : au moins 50 % de travailleurs handicapés.")
    assert not Matching((CardMatch(found, CONFIDENT + 0.1, 0.6, 0.7, 0.8),), "figure").confident


def test_combien_asks_for_a_quantity() -> None:
    assert asked_type("il faut être inscrit depuis combien de temps ?") == "quantity"
