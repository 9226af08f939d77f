"""The hours a clause lacks and their penalty, when a question states them in the user's own figures."""

from __future__ import annotations

from decimal import Decimal

from assistant.shortfall import find_shortfall, shortfall_keys, shortfall_values


def test_hours_done_out_of_hours_due_give_the_missing_hours() -> None:
    found = find_shortfall("l'entreprise a fait 320h sur les 400h prévues, on fait quoi ?")
    assert found is not None and found.missing == 80


def test_a_rate_per_hour_not_done_gives_the_penalty() -> None:
    found = find_shortfall("Il a réalisé 120 h sur les 350 prévues. Le CCAP prévoit 30 € par heure non réalisée.")
    assert found is not None and found.penalty == Decimal(30 * 230)


def test_hours_due_without_their_unit_are_read_when_called_due() -> None:
    found = find_shortfall("j ai fait 80h sur les 210 prevues sur l annee")
    assert found is not None and (found.done, found.due) == (80, 210)


def test_hours_done_instead_of_hours_due_give_the_missing_hours() -> None:
    found = find_shortfall("si on réalise 900 h au lieu de 1 200, à 45 € par heure manquante, on paie combien ?")
    assert found is not None and (found.missing, found.penalty) == (300, Decimal(45 * 300))


def test_hours_asked_for_instead_of_others_are_no_hours_done() -> None:
    assert find_shortfall("je peux proposer 500h au lieu de 800 dans mon offre ?") is None


def test_a_pair_without_unit_is_read_after_a_verb_of_doing() -> None:
    found = find_shortfall("le titulaire en a réalisé 150 sur 600 cette année")
    assert found is not None and found.missing == 450


def test_a_pair_of_people_is_no_shortfall() -> None:
    assert find_shortfall("on a embauché 3 sur 10 salariés en insertion") is None


def test_hours_due_said_in_another_clause_of_the_sentence_are_read() -> None:
    found = find_shortfall("il a fait 0 heure alors qu'il devait en faire 2 100. Le CCAP dit 20 € par heure non faite.")
    assert found is not None and (found.missing, found.penalty) == (2100, Decimal(42000))


def test_the_hours_still_missing_with_a_rate_give_the_penalty() -> None:
    found = find_shortfall("il nous manque 150 h à 40 €, ça coûte combien ?")
    assert found is not None and (found.missing, found.penalty) == (150, Decimal(6000))


def test_the_hours_left_to_do_with_a_rate_give_the_penalty() -> None:
    found = find_shortfall("il reste 300 h à faire, la pénalité est de 25 € de l'heure")
    assert found is not None and found.penalty == Decimal(7500)


def test_missing_hours_without_a_rate_leave_nothing_to_compute() -> None:
    assert find_shortfall("on nous réclame 3 000 € pour 300 h non réalisées, c'est normal ?") is None


def test_the_users_own_product_of_hours_and_rate_is_the_most_it_can_cost() -> None:
    found = find_shortfall("c'est 40 € par heure manquante, 500h x 40 ça fait 20 000 € ?")
    assert found is not None and found.all_missing and found.penalty == Decimal(20000)
    assert shortfall_keys(found)[0] == "shortfall.all_missing"


def test_hours_over_a_duration_are_no_shortfall() -> None:
    assert find_shortfall("1 200 heures sur 4 ans, ça fait combien par an ?") is None


def test_no_hour_done_and_no_rate_is_nothing_to_compute() -> None:
    assert find_shortfall("il a fait 0 heure sur 420 prévues") is None


def test_a_number_with_a_thousands_space_is_read_whole_before_a_full_stop() -> None:
    found = find_shortfall("il a fait 200 h alors qu'il en devait 1 400. Pénalité : 10 €/h")
    assert found is not None and found.due == 1400


def test_the_penalty_is_written_the_french_way() -> None:
    found = find_shortfall("fait 320 h sur les 400 h ; 60 € par heure non réalisée")
    assert found is not None and shortfall_values(found)["penalty"] == "4 800"


def test_a_penalty_is_followed_by_what_the_arithmetic_does_not_decide() -> None:
    found = find_shortfall("fait 320 h sur les 400 h ; 60 € par heure non réalisée")
    assert found is not None and shortfall_keys(found)[-2:] == ["shortfall.penalty", "shortfall.note"]


def test_the_share_of_the_hours_done_is_given_when_some_were_done() -> None:
    found = find_shortfall("fait 320 h sur les 400 h prévues")
    assert found is not None and shortfall_values(found)["share"] == "80"
    assert shortfall_keys(found) == ["shortfall.hours", "shortfall.done_share"]


def test_a_penalty_asked_for_is_told_from_one_only_stated() -> None:
    asked = find_shortfall("il a fait 300 h sur 400 h, à 20 € par heure non réalisée ça fait combien ?")
    stated = find_shortfall("il a fait 300 h sur 400 h, 20 € par heure non réalisée : comment contester ?")
    assert asked is not None and asked.asked and stated is not None and not stated.asked


def test_hours_due_and_done_said_apart_give_the_missing_hours() -> None:
    found = find_shortfall("1 500 h dues au CCAP ; à ce jour 1 100 h réalisées. Pénalité : 40 € de pénalité par heure")
    assert found is not None and (found.missing, found.penalty) == (400, Decimal(16000))


def test_hours_done_said_in_the_first_person_are_read_against_the_hours_due() -> None:
    found = find_shortfall("donc si j'en fais que 200 h sur 350 ça me coûte combien ?", Decimal(50))
    assert found is not None and (found.done, found.due, found.penalty) == (200, 350, Decimal(7500))


def test_work_done_on_sites_out_of_a_number_of_communes_is_no_shortfall() -> None:
    assert find_shortfall("on fait 3 chantiers sur 5 communes, ça fait combien ?", Decimal(50)) is None
