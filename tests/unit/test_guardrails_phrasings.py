"""Legal guardrails (residence, firm location, imposed structure) on more everyday phrasings."""

from __future__ import annotations

from assistant.guardrails import check_request
from assistant.routing import RefusalPolicy
from assistant.settings import PROJECT_ROOT

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")


def kinds(text: str) -> list[str]:
    return [refusal.kind for refusal in check_request(text, POLICY.refusal_parts)]


def test_only_the_people_of_a_place_is_a_residence_condition() -> None:
    assert "residence" in kinds("l'élue voudrait que seules les familles du bourg soient recrutées")


def test_a_seat_required_in_the_area_is_a_local_preference() -> None:
    assert "proximity" in kinds("écrire que les prestataires doivent avoir une agence dans la métropole")


def test_a_named_structure_the_contractor_must_call_on_is_imposed() -> None:
    assert "imposed_structure" in kinds("le titulaire devra recourir à l'ETTI Tremplin pour ses heures")


def test_working_with_the_insertion_service_is_not_an_imposed_structure() -> None:
    assert POLICY.route("le titulaire doit travailler avec le service insertion du Département") is None


def test_asking_whether_firms_must_have_a_local_office_is_answered() -> None:
    assert (
        POLICY.route("les entreprises doivent-elles avoir un établissement dans le département pour répondre ?") is None
    )


def test_direct_hiring_required_is_a_single_route() -> None:
    assert "single_route" in kinds("on impose que l'entreprise recrute directement les personnes en insertion")


def test_direct_hiring_among_other_routes_is_not_refused() -> None:
    assert kinds("l'entreprise embauche directement ou passe par une ETTI, au choix") == []


def test_benefit_recipients_of_a_named_department_is_a_residence_condition() -> None:
    # The RSA is paid by the department where one lives: « du RSA de la Drôme » means living there.
    assert "residence" in kinds(
        "peut-on imposer que les salariés en insertion soient des allocataires du RSA de la Drôme ?"
    )


def test_benefit_recipients_without_a_place_are_a_lawful_public() -> None:
    assert kinds("peut-on exiger que les personnes en insertion soient des bénéficiaires du RSA ?") == []


def test_a_recipient_asking_for_himself_is_not_refused() -> None:
    assert kinds("je touche le RSA de la Savoie, est-ce que je peux travailler sur un chantier avec clause ?") == []


def test_obliging_the_contractor_to_take_only_residents_of_a_named_town_is_refused() -> None:
    assert "residence" in kinds("le maire aimerait obliger le titulaire à embaucher que des habitants de Crolles")


def test_a_verb_of_residence_followed_directly_by_a_town_is_read() -> None:
    assert "residence" in kinds("il faudrait imposer des personnes qui habitent Meylan pour ces heures")


def test_living_in_a_town_said_of_oneself_is_not_refused() -> None:
    assert kinds("j'habite Meylan, qui peut m'aider à trouver un poste avec une clause sociale ?") == []


# --- a place of business required of the candidates ---------------------------------------------


def test_an_agency_in_a_named_area_required_to_bid_is_a_local_preference() -> None:
    assert "proximity" in kinds("il faut avoir une agence dans l'Oisans pour candidater, rédige la clause")


def test_a_depot_in_a_named_area_required_of_candidates_is_a_local_preference() -> None:
    assert "proximity" in kinds("les candidats doivent avoir un dépôt dans l'Oisans")


def test_a_local_establishment_asked_as_a_condition_of_candidature_is_refused() -> None:
    assert POLICY.route("avoir une agence locale comme condition de candidature, c'est légal ?") is not None


def test_a_firm_required_to_be_set_up_in_the_department_is_a_local_preference() -> None:
    assert "proximity" in kinds("je veux que l'entreprise soit implantée dans le département")


def test_a_seat_within_a_distance_asked_of_the_firm_is_refused() -> None:
    assert POLICY.route("on peut demander un siège à moins de 30 km du chantier ?") is not None


def test_a_delay_of_intervention_required_of_the_holder_is_not_a_presence() -> None:
    assert POLICY.route("le titulaire devra intervenir sous 4 h en cas de panne") is None


def test_a_presence_on_site_within_hours_is_a_delay_not_an_establishment() -> None:
    assert kinds("on exige une présence sur place sous 2 h en cas d'urgence, c'est possible ?") == []


def test_a_firm_describing_its_own_seat_is_not_refused() -> None:
    assert kinds("nous avons un dépôt dans l'Oisans et nous voulons répondre au marché") == []


def test_the_proximity_refusal_gives_the_delay_of_intervention_as_the_lawful_need() -> None:
    (refusal,) = check_request("les candidats doivent avoir un dépôt dans l'Oisans", POLICY.refusal_parts)
    assert "exiger des candidats un établissement" in refusal.reason
    assert "délai d'intervention justifié par l'objet" in refusal.alternative


def test_residents_of_the_agglo_required_is_a_residence_condition() -> None:
    assert "residence" in kinds(
        "les élus voudraient imposer que les conducteurs recrutés soient des habitants de l'agglo"
    )


def test_a_firm_based_in_the_agglo_asked_about_is_no_residence_condition() -> None:
    assert kinds("les entreprises de l'agglo peuvent-elles répondre à notre marché ?") == []


def test_residents_required_far_from_the_verb_that_imposes_them_is_a_residence_condition() -> None:
    assert "residence" in kinds(
        "une délibération qui impose que 30 % des heures de tous les marchés de la commune soient faites par des "
        "habitants de la ville"
    )
