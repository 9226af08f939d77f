"""Out-of-scope redirects (prompts/redirects.yaml), second part: the services users are sent to for needs the
guides do not cover (a local count of structures, the aid per post, a structure's agreement file, a minor on
dangerous work, a start-up's aids, an agent's own career, housing emergencies, the disabled-workers duty of a
small firm, a cycle path grant, an intermediary association's placements), and the questions they leave alone."""

from __future__ import annotations

import pytest

from assistant.redirects import load_redirects
from assistant.settings import PROJECT_ROOT

REDIRECTS = load_redirects(PROJECT_ROOT / "prompts" / "redirects.yaml")


@pytest.mark.parametrize(
    ("message", "service"),
    [
        ("combien y a-t-il d'ESAT dans le département aujourd'hui ?", "DDETS"),
        ("les entreprises d'insertion en Isère, il y en a combien ?", "Marché de l'inclusion"),
        ("c'est combien le montant de l'aide au poste d'un ACI cette année ?", "arrêté"),
        ("Où en est l'instruction du conventionnement de notre ACI ?", "DDETS"),
        ("un apprenti de 16 ans peut-il monter sur la nacelle ?", "inspection du travail"),
        ("quelles aides pour une start up qui se lance ?", "Région"),
        ("mon avancement d'échelon n'est pas passé, je m'adresse à qui ?", "ressources humaines"),
        ("une famille menacée d'expulsion peut demander le FSL où ?", "Maison du Département"),
        (
            "nous sommes 8 salariés, l'obligation d'emploi des travailleurs handicapés s'applique à nous ?",
            "URSSAF",
        ),
        ("le Département finance-t-il les voies vertes des communes ?", "isere.fr"),
        (
            "une AI peut dépasser 480 heures de mise à disposition chez la même entreprise ?",
            "DDETS",
        ),
        ("le courriel de la personne chargée des clauses sur le Voironnais ?", "04 76 00 38 38"),
        ("le numéro du service APA de la Maison du Département ?", "autonomie"),
    ],
)
def test_a_need_outside_the_guides_is_sent_to_its_service(message: str, service: str) -> None:
    assert REDIRECTS.sure(message) is not None
    assert service in REDIRECTS.abstention(message)


@pytest.mark.parametrize(
    "message",
    [
        "une structure peut-elle baisser son prix grâce aux aides au poste sur un lot réservé ?",
        "un jeune de 17 ans peut-il être recruté sur une clause d'insertion ?",
        "faut-il indiquer le courriel du facilitateur dans le CCAP ?",
        "comment créer une structure d'insertion et obtenir son conventionnement ?",
        "les travailleurs handicapés bénéficiaires de l'obligation d'emploi sont-ils éligibles à la clause ?",
    ],
)
def test_a_question_the_guides_answer_is_left_to_them(message: str) -> None:
    assert REDIRECTS.sure(message) is None


@pytest.mark.parametrize(
    ("message", "service"),
    [
        # a pension estimate, whatever the scheme: a public agent's fund is named
        ("une secrétaire de mairie veut simuler sa retraite, elle s'adresse où ?", "CNRACL"),
        ("je cotise à l'Ircantec, comment je connais mes droits ?", "Ircantec"),
        # an RSA recipient's summons: the referent, the CAF, the Department's social services
        ("mon cousin au RSA est convoqué à un rendez-vous obligatoire, il risque quoi s'il n'y va pas ?", "CAF"),
        # where to file for an aid
        (
            "il existe une aide du Département pour rénover notre local associatif ? où on envoie le dossier ?",
            "isere.fr",
        ),
        # how many buyers already do something: their published data
        ("combien de collectivités de l'Isère ont déjà un marché réservé aux ESAT ?", "données essentielles"),
    ],
)
def test_a_need_about_an_own_file_or_a_count_is_sent_to_whoever_holds_it(message: str, service: str) -> None:
    assert REDIRECTS.sure(message) is not None
    assert service in REDIRECTS.abstention(message)


@pytest.mark.parametrize(
    "message",
    [
        "combien de communes doivent mettre une clause d'insertion ?",
        "un allocataire du RSA peut-il être embauché sur une clause d'insertion ?",
        "les heures d'insertion comptent-elles pour la retraite des salariés en parcours sur le marché ?",
    ],
)
def test_a_rule_question_near_those_needs_is_left_to_the_guides(message: str) -> None:
    assert REDIRECTS.sure(message) is None
