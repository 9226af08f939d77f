"""The legal guardrails on everyday wording: a firm called « la boîte », a quota for the people of a neighbourhood, a
structure imposed on a concession's holder, one fulfilment route forbidden; and the lawful neighbours they leave
alone (a question on what counts, a route left open)."""

from __future__ import annotations

from assistant.guardrails import check_request
from assistant.refusal_parts import load_refusal_parts
from assistant.settings import PROJECT_ROOT
from tests.unit.conduct_rules import POLICY, rules

PARTS = load_refusal_parts(PROJECT_ROOT / "prompts" / "refusals.yaml")


def kinds(text: str) -> set[str]:
    return {refusal.kind for refusal in check_request(text, PARTS)}


# --- local preference: « la boîte » is a firm


def test_extra_points_for_the_village_firm_called_a_boite_are_a_local_preference() -> None:
    assert "proximity" in kinds("on ajoute deux points dans la note pour la boîte de notre village")


def test_a_firm_called_a_boite_described_without_preference_is_not_refused() -> None:
    assert kinds("la boîte du village a gagné le lot de peinture, comment suivre ses heures ?") == set()


# --- residents of a neighbourhood in an ordinary contract


def test_a_quota_of_people_from_the_priority_neighbourhood_is_a_residence_condition() -> None:
    assert "residence" in kinds("il faudrait un quota de 15 % de gens du QPV sur les heures du marché de ménage")


def test_the_neighbourhood_served_first_is_a_residence_condition() -> None:
    assert "residence" in kinds("la clause bénéficiera d'abord aux habitants du quartier")


def test_the_residents_of_priority_neighbourhoods_are_refused_even_in_an_anru_operation() -> None:
    # The charter's target is the owner's commitment to the ANRU, pursued by the facilitator's sourcing; the CCAP
    # keeps the national categories (corpus card on ANRU and QPV), so a residence condition is still refused.
    assert "residence" in kinds("projet ANRU : mets dans le CCAP que les heures sont réservées aux habitants des QPV")


def test_a_contract_said_to_be_outside_anru_is_refused_a_residence_condition() -> None:
    assert "residence" in kinds("marché de voirie hors ANRU : les heures sont réservées aux habitants des QPV")


# --- a structure imposed on the holder of a concession


def test_a_structure_imposed_on_a_delegataire_is_refused() -> None:
    assert "imposed_structure" in kinds("le délégataire devra s'approvisionner chez l'ESAT de notre ville")


def test_a_concessionnaire_free_to_choose_its_structure_is_not_refused() -> None:
    assert kinds("le concessionnaire pourra sous-traiter à une SIAE de son choix") == set()


# --- one lawful fulfilment route forbidden


def test_forbidding_insertion_temping_is_refused() -> None:
    assert "route_excluded" in rules("dans le CCAP, on interdit le recours aux ETTI pour ces heures")


def test_a_clause_wanting_no_temping_is_refused() -> None:
    assert "route_excluded" in rules("je ne veux pas d'intérim, mets seulement des embauches dans la clause")


def test_the_holder_barred_from_a_secondment_route_is_refused() -> None:
    assert "route_excluded" in rules("le titulaire ne pourra pas passer par une association intermédiaire")


def test_imposing_one_route_only_is_left_to_the_single_route_guardrail() -> None:
    assert "route_excluded" not in rules("les heures seront faites exclusivement par intérim")


def test_asking_whether_temping_hours_count_is_not_refused() -> None:
    assert "route_excluded" not in rules("l'intérim d'insertion est-il exclu du calcul des heures ?")


def test_asking_whether_a_route_is_closed_to_us_is_not_refused() -> None:
    assert "route_excluded" not in rules("on peut cotraiter avec une SIAE sur ce lot ou c'est exclu pour nous ?")


def test_a_clause_leaving_subcontracting_open_is_not_refused() -> None:
    assert "route_excluded" not in rules("écris la clause sans exclure la sous-traitance à une SIAE")


def test_no_temping_agency_nearby_is_a_description() -> None:
    assert "route_excluded" not in rules("il n'y a aucune ETTI dans la vallée, que faire ?")


def test_forbidding_subcontracting_in_general_is_left_to_the_guides() -> None:
    assert "route_excluded" not in rules("peut-on interdire la sous-traitance du lot de charpente ?")


def test_a_question_whether_a_route_may_be_forbidden_is_answered_not_refused() -> None:
    screening = POLICY.screen("Est-il légal d'interdire l'intérim d'insertion dans une clause sociale ?")
    assert screening.refusal is None and screening.answered is not None
