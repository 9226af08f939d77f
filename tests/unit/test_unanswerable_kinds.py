"""Kinds of questions the guides cannot answer (the last section of prompts/redirects.yaml): each is recognised
in phrasings of its own, is sent to the service that holds the fact, and leaves the neighbouring rule alone."""

from __future__ import annotations

import pytest

from assistant.redirects import load_redirects
from assistant.settings import PROJECT_ROOT

REDIRECTS = load_redirects(PROJECT_ROOT / "prompts" / "redirects.yaml")


def _topic(message: str) -> str | None:
    found = REDIRECTS.sure(message)
    return found.id if found is not None else None


@pytest.mark.parametrize(
    "message",
    [
        "mon apprenti a 16 ans, il a le droit de monter sur la nacelle ?",
        "un mineur peut-il utiliser la disqueuse sur le chantier ?",
        "qui paye les chaussures de sécurité d'un intérimaire, l'ETTI ou le client ?",
        "la salariée revient en mi-temps thérapeutique, elle peut reprendre sur le marché ?",
    ],
)
def test_a_health_and_safety_rule_goes_to_the_labour_inspectorate(message: str) -> None:
    assert _topic(message) == "work_health_safety"
    assert "inspection du travail" in REDIRECTS.answer(message)


@pytest.mark.parametrize(
    "message",
    [
        "Un jeune de 17 ans peut-il être recruté sur une clause d'insertion ?",
        "Les heures d'un apprenti mineur comptent-elles dans la clause ?",
    ],
)
def test_a_minor_on_a_clause_without_dangerous_work_is_not_a_safety_question(message: str) -> None:
    assert _topic(message) != "work_health_safety"


@pytest.mark.parametrize(
    "message",
    [
        "combien d'ESAT dans le département aujourd'hui ?",
        "les entreprises d'insertion sur notre territoire, il y en a combien ?",
    ],
)
def test_a_live_count_of_structures_goes_to_the_inclusion_market_and_the_ddets(message: str) -> None:
    assert _topic(message) == "structure_counts"
    answer = REDIRECTS.answer(message)
    assert "lemarche.inclusion.gouv.fr" in answer and "DDETS" in answer


def test_a_count_of_hours_for_a_market_is_not_a_count_of_structures() -> None:
    assert _topic("combien d'heures d'insertion pour une SIAE sur un marché de 200 000 € ?") is None


def test_one_named_structure_s_figure_goes_to_the_structure_and_the_ddets() -> None:
    message = "c'est quoi le nombre de salariés de l'EI de Saint-Marcellin ?"
    assert _topic(message) == "structure_figures"
    assert "DDETS" in REDIRECTS.answer(message)


def test_another_department_s_results_go_to_their_reports_and_the_ive() -> None:
    message = "Et la Savoie, ils ont quels résultats sur les clauses ? on peut comparer ?"
    assert _topic(message) == "other_territories"
    assert "04 76 00 38 38" in REDIRECTS.answer(message)


def test_sector_statistics_go_to_the_statistical_services() -> None:
    message = "y a-t-il des statistiques nationales sur l'emploi dans les ESAT ?"
    assert _topic(message) == "sector_statistics"
    assert "DARES" in REDIRECTS.answer(message)


def test_the_yearly_post_aid_amount_goes_to_the_order_that_fixes_it_not_to_awards() -> None:
    message = "c'est combien l'aide au poste d'un ACI en 2026 ?"
    assert _topic(message) == "post_aid_amounts"
    assert "arrêté" in REDIRECTS.answer(message)


def test_a_price_lowered_thanks_to_the_post_aid_is_not_an_aid_amount() -> None:
    assert _topic("combien je peux baisser mon prix grâce à l'aide au poste ?") != "post_aid_amounts"


def test_a_siae_agreement_s_status_goes_to_the_ddets() -> None:
    message = "toujours pas de réponse pour le conventionnement de notre chantier d'insertion, c'est normal ?"
    assert _topic(message) == "siae_agreement_status"
    assert "DDETS" in REDIRECTS.answer(message)


def test_a_named_contract_s_content_goes_to_its_buyer() -> None:
    message = "le marché de propreté de la ville de Vienne prévoyait combien d'heures d'insertion ?"
    assert _topic(message) == "named_contract_content"
    assert "autorité organisatrice" in REDIRECTS.answer(message)


def test_an_agent_s_address_goes_to_the_buyer_and_the_ive() -> None:
    message = "vous avez le mail du gestionnaire qui suit mon dossier au Département ?"
    assert _topic(message) in {"person_contact", "agent_contact"}
    message = "je cherche l'adresse mail de la responsable des achats de la commune"
    assert _topic(message) == "agent_contact"
    assert "04 76 00 38 38" in REDIRECTS.answer(message)


def test_what_a_clause_should_say_of_a_contact_is_not_a_contact_asked() -> None:
    assert _topic("faut-il indiquer le nom de la personne référente dans le CCAP ?") is None


@pytest.mark.parametrize(
    "message",
    [
        "le facilitateur peut-il venir à notre conseil municipal pour présenter la démarche ?",
        "la maison de l'emploi peut-elle facturer son accompagnement aux entreprises ?",
    ],
)
def test_asking_for_the_facilitation_goes_to_the_ive(message: str) -> None:
    assert _topic(message) == "facilitation_request"
    assert "04 76 00 38 38" in REDIRECTS.answer(message)


def test_what_the_facilitator_does_is_not_a_request_for_facilitation() -> None:
    assert _topic("quel est le rôle du facilitateur dans le suivi d'un marché ?") is None


def test_a_buyer_s_purchasing_share_this_year_goes_to_its_procurement_department() -> None:
    message = "quel pourcentage de nos achats a été réalisé avec des SIAE l'an dernier ?"
    assert _topic(message) == "purchasing_share"
    assert "commande publique" in REDIRECTS.answer(message)


def test_one_s_own_career_goes_to_one_s_hr_department() -> None:
    message = "mon avancement de grade n'a pas été pris en compte, je fais comment ?"
    assert _topic(message) == "own_employer"
    assert "ressources humaines" in REDIRECTS.answer(message)


def test_someone_put_out_of_their_home_goes_to_the_department_s_social_services() -> None:
    message = "une salariée en parcours risque l'expulsion de son appartement, qui peut l'aider ?"
    assert _topic(message) == "housing_emergency"
    assert "Maison du Département" in REDIRECTS.answer(message)


def test_a_worker_put_off_a_worksite_is_no_housing_question() -> None:
    assert _topic("il se met en danger sur le chantier, je peux le mettre dehors ?") != "housing_emergency"


def test_aid_to_a_startup_goes_to_the_region_and_bpifrance() -> None:
    message = "je monte une start-up, il y a un prêt d'honneur quelque part ?"
    assert _topic(message) == "business_creation_aid"
    assert "Bpifrance" in REDIRECTS.answer(message)


def test_coach_lines_go_to_the_region() -> None:
    message = "qui gère les lignes de cars entre Grenoble et Voiron maintenant ?"
    assert _topic(message) == "intercity_buses"
    assert "Région" in REDIRECTS.answer(message)


def test_a_coach_line_tender_with_a_clause_is_not_redirected() -> None:
    assert _topic("peut-on mettre une clause d'insertion dans le marché des lignes de cars ?") is None


def test_a_cycle_path_goes_to_the_department_s_roads_service() -> None:
    message = "on voudrait créer une voie verte, le Département finance ?"
    assert _topic(message) == "cycling_facilities"
    assert "service des routes" in REDIRECTS.answer(message)


def test_the_hours_cap_of_a_provision_goes_to_the_ddets_and_the_network() -> None:
    message = "pour une association intermédiaire, il y a un plafond d'heures par entreprise ?"
    assert _topic(message) == "provision_rules"
    assert "DDETS" in REDIRECTS.answer(message)


def test_counting_the_hours_of_a_provision_is_not_a_provision_rule() -> None:
    assert _topic("les heures d'une mise à disposition par une AI comptent-elles dans la clause ?") is None


def test_refusing_a_mission_goes_to_the_adviser_and_the_employer() -> None:
    message = "je peux refuser une mission si les horaires sont impossibles avec mes enfants ?"
    assert _topic(message) == "mission_refusal"
    assert "conseiller" in REDIRECTS.answer(message)


def test_a_buyer_refusing_a_candidate_is_no_mission_refusal() -> None:
    assert _topic("le titulaire peut-il refuser une mission à un candidat en insertion ?") != "mission_refusal"


def test_whether_the_disability_employment_duty_applies_goes_to_the_urssaf() -> None:
    message = "avec 8 salariés, est-ce que l'obligation d'emploi des travailleurs handicapés s'applique à nous ?"
    assert _topic(message) == "disability_duty_scope"
    assert "URSSAF" in REDIRECTS.answer(message)


def test_the_beneficiaries_of_the_disability_duty_on_a_clause_are_not_redirected() -> None:
    assert _topic("les bénéficiaires de l'obligation d'emploi sont-ils éligibles à la clause ?") is None


def test_the_contracts_with_hours_open_in_an_area_go_to_the_facilitator() -> None:
    message = "quels chantiers ont des clauses d'insertion en ce moment autour de Vienne ?"
    assert _topic(message) == "ongoing_clauses"
    assert "facilitateur" in REDIRECTS.answer(message)


def test_one_company_s_clause_said_fulfilled_goes_to_its_facilitator() -> None:
    message = "le titulaire du lot 2 dit que son engagement est déjà atteint, je peux le croire ?"
    assert _topic(message) == "clause_progress"
    assert "facilitateur" in REDIRECTS.answer(message)


def test_making_sure_the_hours_are_done_is_no_clause_status() -> None:
    message = "je peux imposer un GEIQ pour ses heures ? comme ça on est sûr que c'est bien fait"
    assert _topic(message) != "clause_progress"


def test_a_structure_asked_by_name_and_contact_goes_to_the_inclusion_market() -> None:
    message = "je cherche une entreprise adaptée en blanchisserie vers Vienne, il me faut un nom et un contact"
    assert _topic(message) in {"structure_directory", "structure_names"}
    assert "lemarche.inclusion.gouv.fr" in REDIRECTS.answer(message)


def test_a_message_that_says_it_is_not_about_clauses_is_not_cancelled_by_that_word() -> None:
    assert _topic("hors sujet clauses : les cars interurbains, c'est la Région maintenant ?") == "intercity_buses"
