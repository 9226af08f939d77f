"""Out-of-scope redirects (prompts/redirects.yaml), neighbouring procedures and facts of one instance: a pension, a
professional card, a disabled worker's recognition or the Agefiph's aid, the European Social Fund, the
unemployment allowance, one's RSA referent, a hiring aid, how to apply for a subsidy, a permanence's days, a
buyer's planned launch, a list of communes or firms to canvass. Each is sent to the service that holds it, and the
rule questions that share their words stay with the guides."""

from __future__ import annotations

import pytest

from assistant.redirects import load_redirects
from assistant.settings import PROJECT_ROOT

PROMPTS = PROJECT_ROOT / "prompts"
REDIRECTS = load_redirects(PROMPTS / "redirects.yaml")


@pytest.mark.parametrize(
    ("message", "service"),
    [
        ("deux ans en atelier chantier d'insertion, ça valide des trimestres de retraite ?", "info-retraite.fr"),
        ("la carte BTP d'un salarié mis à disposition, c'est qui qui la demande ?", "cartebtp.fr"),
        ("comment obtenir la RQTH quand on a un problème de dos ?", "MDA"),
        ("on voudrait demander une aide de l'Agefiph pour aménager un poste de travail", "Agefiph"),
        ("qui gère le FSE+ pour les structures d'insertion en Isère ?", "fse.gouv.fr"),
        ("en travaillant sur un chantier avec clause, je garde mon chômage ?", "France Travail"),
        ("au RSA depuis trois mois, comment avoir un référent ?", "CAF"),
        ("quelles aides pour l'embauche d'un apprenti cette année ?", "ASP"),
        ("comment demander une subvention au Département pour notre association ?", "isere.fr"),
        ("le bureau de la mission locale de Vienne, c'est quel jour sans rendez-vous ?", "isere.fr"),
        ("la ville compte-t-elle lancer un appel d'offres de nettoyage l'an prochain ?", "profil d'acheteur"),
        ("la liste des communes du Vercors à démarcher pour des clauses, vous l'avez ?", "données essentielles"),
        ("quelles entreprises du bâtiment contacter dans le Voironnais pour placer nos salariés ?", "facilitateur"),
        ("c'était combien, l'offre retenue du lot plomberie de la crèche ?", "profil d'acheteur"),
    ],
)
def test_a_neighbouring_procedure_or_one_instance_is_sent_to_its_service(message: str, service: str) -> None:
    assert REDIRECTS.sure(message) is not None
    assert service in REDIRECTS.abstention(message)


@pytest.mark.parametrize(
    "message",
    [
        "un salarié proche de la retraite peut-il compter dans les heures d'insertion ?",
        "une personne avec une RQTH est-elle éligible à la clause d'insertion ?",
        "ajoute une phrase sur les aides de l'Agefiph dans le courrier",
        "un demandeur d'emploi indemnisé est-il éligible à la clause ?",
        "comment démarcher les entreprises pour leur proposer des candidats ?",
        "est-ce que je peux transmettre à une ETTI la liste des entreprises qui ont répondu ?",
        "la clause d'insertion peut-elle exiger la carte BTP des salariés dans le CCAP ?",
    ],
)
def test_a_rule_question_sharing_their_words_is_left_to_the_guides(message: str) -> None:
    assert REDIRECTS.sure(message) is None


def test_the_unemployment_allowance_goes_to_france_travail_not_to_the_caf() -> None:
    topic = REDIRECTS.sure("si je prends une mission sur une clause, je perds mes allocations chômage ?")
    assert topic is not None
    assert topic.id == "unemployment_benefits"


def test_the_time_an_approval_takes_goes_to_the_ddets() -> None:
    answer = REDIRECTS.abstention("combien de temps prend le conventionnement d'une entreprise d'insertion ?")
    assert "DDETS" in (answer or "")


def test_how_long_a_pass_iae_lasts_stays_with_the_guides() -> None:
    assert REDIRECTS.sure("un PASS IAE est valable combien de temps ?") is None
