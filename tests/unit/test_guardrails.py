"""Specifications of the legal guardrails (assistant.guardrails)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from assistant.errors import RequestRefused
from assistant.fr import fold_words
from assistant.guardrails import check_request, ensure_allowed, proportionality_warning
from assistant.refusal_parts import load_refusal_parts
from assistant.settings import PROJECT_ROOT

PARTS = load_refusal_parts(PROJECT_ROOT / "prompts" / "refusals.yaml")


def kinds(text: str, **kwargs) -> set[str]:
    return {refusal.kind for refusal in check_request(text, PARTS, **kwargs)}


# --- residence and local preference are refused ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Réserver les heures aux habitants de la commune",
        "Les heures d'insertion doivent être réalisées par des résidents du département",
        "Je veux des publics issus du territoire",
        "Peut-on favoriser l'embauche locale ?",
        "Embaucher uniquement des habitants du quartier",
        "Réserver 500 heures aux habitants de Voiron",
        "Les personnes recrutées doivent être domiciliées en Isère",
        "RÉSERVER LES HEURES AUX HABITANTS DE LA COMMUNE",
        "reserver les heures aux habitants de la commune",
        "Le titulaire recrutera en priorité les jeunes de la commune",
        "Heures réservées aux Isérois",
        "clause avec préférence locale pour les embauches",
        "Les salariés en insertion devront habiter la commune",
        "Les candidats doivent résider dans le département",
        "Condition de résidence sur la commune",
        "Les personnes recrutées résidant à Grenoble",
        "Privilégier le recrutement de proximité",
        "Réserver le marché aux entreprises locales",
        "Priorité aux entreprises implantées dans le département",
        "Favoriser les entreprises iséroises",
        "Le maire veut mettre « producteurs isérois » dans le RC pour nous favoriser : il a le droit ?",
        "on veut privilégier les artisans isérois dans nos marchés",
    ],
)
def test_residence_or_local_preference_is_refused(text):
    assert "residence" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peut-on réserver le marché aux entreprises adaptées de l'Isère seulement ?",
        "peut-on réserver le lot aux SIAE du Grésivaudan ?",
        "réserver le marché aux entreprises adaptées du département, c'est possible ?",
    ],
)
def test_a_reservation_to_structures_of_a_place_is_refused(text):
    assert kinds(text) & {"residence", "proximity"}


@pytest.mark.parametrize(
    "text",
    [
        "Peut-on réserver un lot aux entreprises adaptées ?",
        "les SIAE du Grésivaudan peuvent-elles répondre au marché réservé ?",
        "réserver le marché aux ESAT de France, c'est possible ?",
        "L'architecte dit que les artisans du Trièves ne répondront pas : c'est vrai que ça fait fuir ?",
        "les producteurs isérois peuvent-ils répondre à un marché de restauration collective ?",
    ],
)
def test_a_reservation_to_a_kind_of_structure_without_a_place_is_not_refused(text):
    assert not kinds(text)


def test_residence_in_publics_field_is_refused_without_any_verb():
    assert "residence" in kinds("habitants de Grenoble", publics=True)


def test_qpv_targeting_is_refused_with_anru_explanation():
    refusals = check_request("Réserver les heures aux habitants des quartiers prioritaires", PARTS)
    assert refusals and "ANRU" in refusals[0].alternative


# --- nationality is refused ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Recruter des personnes de nationalité française",
        "uniquement des salariés français",
        "Les heures sont réservées aux ressortissants de l'Union européenne",
        "pas d'étrangers sur le chantier",
        "Nationalité française exigée",
    ],
)
def test_nationality_requirement_is_refused(text):
    assert "nationality" in kinds(text)


# --- a single compulsory route is refused --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Les embauches se feront uniquement en CDI",
        "Le titulaire réalise la clause obligatoirement par embauche directe",
        "CDI obligatoire pour les personnes en insertion",
        "Imposer le recours exclusif à une ETTI",
        "seulement par mise à disposition du GEIQ",
        "exiger des CDI",
        "Obligation d'embauche directe pour les heures d'insertion",
    ],
)
def test_single_compulsory_route_is_refused(text):
    assert "single_route" in kinds(text)


# --- descriptive mentions are not refused ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Contactez le facilitateur du territoire",
        "Les SIAE du département peuvent répondre à ce marché",
        "Le Département de l'Isère lance un marché de 1 000 heures",
        "Marché de restauration des résidents de l'EHPAD",
        "Aucune condition de résidence ni de nationalité n'est exigée",
        "Le titulaire n'est pas tenu de recourir uniquement à l'embauche directe",
        "sans imposer le CDI",
        "Lot 2 - gros œuvre",
        "Comment aider les entreprises locales à répondre ?",
        "Mission locale de Grenoble",
        "Le marché est réservé aux SIAE (article L2113-13)",
        "Le facilitateur de la Métropole grenobloise",
        "Demandeurs d'emploi de longue durée, bénéficiaires du RSA",
        "PLIE du bassin grenoblois",
        "Entretien des espaces verts du Département",
        "Le titulaire choisit librement entre CDI, CDD, intérim d'insertion et sous-traitance",
        "Jeunes sortis du système scolaire depuis six mois",
        "Transport des élèves du département",
        "On peut valoriser le CDI dans un critère d'attribution",
        "Gestion urbaine de proximité",
        "Le facilitateur réside à Grenoble",
        "Le titulaire devra recourir à l'embauche directe ou à l'intérim",
        "Les habitants de la commune bénéficieront du nouveau gymnase",
        "Le marché porte sur le logement des habitants du département",
        "Plusieurs entreprises installées dans le Trièves ont répondu",
        "",
    ],
)
def test_descriptive_text_is_not_refused(text):
    assert check_request(text, PARTS) == []


def test_publics_field_with_national_categories_is_not_refused():
    assert check_request("bénéficiaires du RSA, travailleurs handicapés", PARTS, publics=True) == []


# --- the refusal explains itself ------------------------------------------------


def test_residence_refusal_gives_reason_and_lawful_alternative():
    refusal = check_request("Réserver les heures aux habitants de la commune", PARTS)[0]
    assert "égalité de traitement" in refusal.reason and "non-discrimination" in refusal.reason
    assert "catégories nationales" in refusal.alternative and "facilitateur" in refusal.alternative
    assert "PLIE" in refusal.alternative and "France Travail" in refusal.alternative


def test_a_residence_goal_is_followed_in_the_clause_report_never_as_a_condition():
    alternative = check_request("Réserver les heures aux habitants du quartier", PARTS)[0].alternative
    assert "bilan" in alternative and "jamais comme une condition" in alternative


def test_a_proximity_refusal_says_what_the_insertion_criterion_scores():
    refusal = next(
        r
        for r in check_request("noter les entreprises du coin avec un bonus de 10 points", PARTS)
        if r.kind == "proximity"
    )
    assert "tutorat" in refusal.alternative and "R2152-7" in refusal.alternative


def test_single_route_refusal_points_to_award_criterion():
    refusal = check_request("uniquement en CDI", PARTS)[0]
    assert "liberté" in refusal.reason and "proportionnalité" in refusal.reason
    assert "critère" in refusal.alternative


def test_nationality_refusal_gives_reason():
    refusal = check_request("de nationalité française", PARTS)[0]
    assert "discrimination" in refusal.reason


def test_ensure_allowed_raises_request_refused_with_french_message():
    with pytest.raises(RequestRefused) as error:
        ensure_allowed("Réserver les heures aux habitants de la commune", PARTS, field="publics")
    assert error.value.message.startswith("Demande refusée")
    assert "Alternative légale" in error.value.message
    assert error.value.field == "publics"


def test_ensure_allowed_accepts_lawful_text():
    ensure_allowed("Le facilitateur du territoire valide l'éligibilité", PARTS)


def test_several_unlawful_elements_are_all_reported():
    assert kinds("Réserver uniquement en CDI aux habitants de la commune de nationalité française") == {
        "residence",
        "nationality",
        "single_route",
    }


# --- proportionality -------------------------------------------------------------


def test_rate_above_20_percent_gets_proportionality_warning():
    warning = proportionality_warning(0.25)
    assert warning and "25 %" in warning and "20 %" in warning


def test_rate_of_20_percent_or_less_gets_no_warning():
    assert proportionality_warning(0.20) is None and proportionality_warning(0.05) is None


def test_proportionality_threshold_can_come_from_the_grid():
    assert proportionality_warning(0.18, threshold=0.15) is not None


# --- folding -----------------------------------------------------------------------


def test_fold_removes_accents_case_and_ligatures():
    assert fold_words("Gros-Œuvre À L'Isère") == "gros oeuvre a l isere"


def test_every_article_cited_by_a_refusal_is_known():
    known_file = Path(__file__).resolve().parents[2] / "corpus" / "data" / "known_articles.yaml"
    known = {str(key) for section in yaml.safe_load(known_file.read_text(encoding="utf-8")).values() for key in section}
    refusals = check_request("Réserver uniquement en CDI aux habitants de la commune de nationalité française", PARTS)
    for refusal in refusals:
        for article in re.findall(r"\b[LRD]\d{4}(?:-\d+)*\b", refusal.reason + refusal.alternative):
            assert article in known


@pytest.mark.parametrize(
    "text",
    [
        "rédige une clause qui réserve les heures d'insertion aux jeunes de Voiron",
        "Priorité aux demandeurs d'emploi de Grenoble pour ce chantier",
    ],
)
def test_people_of_a_named_town_with_a_reservation_word_are_refused(text: str) -> None:
    assert [r.kind for r in check_request(text, PARTS)] == ["residence"]


@pytest.mark.parametrize(
    "text",
    [
        "Les jeunes de France Travail sont accompagnés par un conseiller.",
        "Le facilitateur accompagne les personnes de Pontcharra qui le souhaitent.",
    ],
)
def test_people_of_a_named_place_without_a_reservation_are_not_refused(text: str) -> None:
    assert check_request(text, PARTS) == []


@pytest.mark.parametrize(
    "text",
    [
        "les entreprises doivent être basées sur la commune ou à moins de 30 km",
        "20 % de la note sur l'emploi local",
        "réserver le marché uniquement aux ESAT de l'Isère",
        "seules les entreprises qui ont leur siège en Isère peuvent répondre",
        "des points bonus aux candidats qui emploient des travailleurs handicapés du bassin berjallien",
        "les heures profitent en priorité aux habitants de nos 28 communes",
        "les soumissionnaires devront être implantés dans le Vercors",
        "seules les entreprises installées en Chartreuse pourront candidater",
        "on écarte les candidats qui vivent à plus de 40 km du site",
        "des entreprises installées à Vizille uniquement pour ce lot",
    ],
)
def test_a_local_preference_among_firms_or_people_is_refused_whatever_the_wording(text: str) -> None:
    assert kinds(text) & {"residence", "proximity"}


def test_an_origin_of_products_is_refused_like_a_nationality() -> None:
    assert "nationality" in kinds("des bennes fabriquées en France")


def test_hours_to_be_done_by_the_people_of_a_named_place_are_refused_as_residence() -> None:
    refusals = check_request("je veux que les heures soient faites par des gens du Trièves, pas de Grenoble", PARTS)
    assert [refusal.kind for refusal in refusals] == ["residence"]


# --- handing the work over to one named structure ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Je souhaite imposer dans le CCAP que l'entreprise sous-traite le fleurissement et la tonte à l'ESAT de la ville voisine",
        "Écris que le titulaire doit sous-traiter le balayage à l'ESAT de Vienne",
        "Est-il possible d'imposer au titulaire de sous-traiter à une entreprise adaptée précise ?",
        "Le titulaire devra confier l'entretien des massifs à l'entreprise d'insertion du quartier",
    ],
)
def test_work_handed_over_to_one_named_structure_is_refused_in_any_tense(text: str) -> None:
    assert kinds(text) == {"imposed_structure"}


@pytest.mark.parametrize(
    "text",
    [
        "Le titulaire peut-il sous-traiter une partie de la tonte à un ESAT ?",
        "Une entreprise adaptée peut-elle être sous-traitante d'un marché clausé ?",
        "Je sous-traite les bordures à une EA, ces heures comptent-elles ?",
        "Le titulaire doit confier au facilitateur l'état mensuel des heures",
    ],
)
def test_subcontracting_to_a_structure_asked_about_or_chosen_by_the_firm_is_not_refused(text: str) -> None:
    assert kinds(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Je n'impose pas de passer par l'ETTI, je voudrais juste la suggérer",
        "On n'exige pas de sous-traiter à l'ESAT du secteur, c'est une simple piste",
    ],
)
def test_an_imposition_the_user_negates_is_not_refused(text: str) -> None:
    assert kinds(text) == set()


# --- one resident, a wished contract type, a seat or a perimeter scored ------------------------


def test_one_young_person_of_the_commune_is_a_residence_condition():
    assert "residence" in kinds("Le titulaire embauchera au moins un jeune de la commune")


def test_one_young_person_under_26_is_a_national_category():
    assert not kinds("Le titulaire embauchera au moins un jeune de moins de 26 ans")


def test_a_permanent_contract_wished_of_the_holder_is_a_single_route():
    assert "single_route" in kinds("Je veux que le titulaire du lot recrute en CDI les personnes en insertion")


def test_a_permanent_contract_the_holder_offers_is_described_not_imposed():
    assert not kinds("Le titulaire a recruté en CDI deux personnes en insertion")


def test_points_for_a_seat_on_the_commune_are_a_proximity_criterion():
    assert "proximity" in kinds("Donner quelques points en plus aux entreprises qui ont leur siège sur la commune")


def test_a_bonus_for_firms_inside_a_perimeter_is_a_proximity_criterion():
    assert "proximity" in kinds("Les entreprises situées dans le périmètre de la communauté auront un bonus de points")


def test_a_criterion_on_the_number_of_local_residents_hired_is_a_proximity_criterion():
    assert "proximity" in kinds("un critère de jugement « nombre d'habitants QPV embauchés » pondéré à 25 %")


def test_the_share_of_local_residents_among_the_people_hired_in_a_report_is_not_refused():
    assert not kinds("dans le bilan, on met la part d'habitants des QPV parmi les personnes embauchées ?")


def test_firms_inside_a_perimeter_described_are_not_refused():
    assert not kinds("Les entreprises situées dans le périmètre du chantier répondent peu aux consultations")


def test_a_proximity_refusal_offers_an_environmental_criterion_on_the_offer():
    refusal = check_request("Un critère proximité du chantier noté sur 15 points pour le bilan carbone", PARTS)[0]
    assert refusal.kind == "proximity"
    assert "critère environnemental" in refusal.alternative
    assert "jamais l'implantation" in refusal.alternative


def test_favouring_craftsmen_set_up_inside_a_perimeter_is_a_residence_preference():
    assert "residence" in kinds("On aimerait favoriser les artisans installés dans le périmètre du Parc")
