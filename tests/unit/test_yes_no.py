"""Whether a message asks yes or no (``prompts/yes_no.yaml``): what decides that its answer opens with a verdict."""

from __future__ import annotations

import pytest

from assistant.extractive import read_question
from assistant.lexical import FrenchAnalyzer
from assistant.yes_no import as_true_or_false, asks_in_the_negative, asks_yes_no, imposes


@pytest.mark.parametrize(
    "sentence",
    [
        "un salarié en CDI depuis dix ans, je le déclare dans la clause : oui ou non ?",
        "la clause sociale s'impose à notre syndicat ou pas",
        "est ce que mon contrat de pro compte dans les heures",
        "on peut confier le lot ménage à une association intermédiaire",
        "ai-je le droit de demander un casier judiciaire aux candidats",
    ],
)
def test_yes_no_is_read_from_the_question_form_even_without_a_question_mark(sentence) -> None:
    assert asks_yes_no(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "le facilitateur c'est qui sur le Trièves ?",
        "je dois prévoir combien d'heures pour un lot de 200 k€ ?",
        "on déclare les heures au mois ou au trimestre ?",
        "le marché de voirie de l'an dernier, qui l'a remporté ?",
        "merci pour la réponse précédente",
    ],
)
def test_open_questions_choices_and_statements_ask_no_yes_no(sentence) -> None:
    assert not asks_yes_no(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "le suivi doit se faire obligatoirement par le PLIE ou un autre organisme peut le faire ?",
        "la clause ne vise que les chantiers ou aussi la restauration scolaire ?",
    ],
)
def test_a_choice_whose_first_side_restricts_still_asks_yes_or_no(sentence) -> None:
    assert asks_yes_no(sentence)


def test_the_first_question_of_a_message_decides() -> None:
    analyzer = FrenchAnalyzer()
    assert read_question("je peux sanctionner le titulaire ? à quel montant ?", analyzer).yes_no
    assert not read_question("à quel montant ? je peux sanctionner le titulaire ?", analyzer).yes_no


def test_quand_meme_asks_yes_or_no_not_when() -> None:
    assert asks_yes_no("les heures déjà faites comptent quand même ?")


@pytest.mark.parametrize(
    "sentence",
    [
        "ça compte pas ?",
        "l'entreprise ne peut pas refuser ?",
        "est-ce grave si l'acheteur ne sait pas qu'une SIAE intervient ?",
    ],
)
def test_a_question_with_a_negation_asks_in_the_negative(sentence) -> None:
    assert asks_in_the_negative(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "on ne commande que la moitié du maximum, il doit faire les heures ?",
        "je peux le compter, oui ou non ?",
        "c'est obligatoire ou pas ?",
    ],
)
def test_a_restriction_or_the_named_answers_are_no_negation(sentence) -> None:
    assert not asks_in_the_negative(sentence)


def test_ou_est_ce_que_offers_the_other_side_it_does_not_ask_where() -> None:
    assert asks_yes_no("il doit forcément passer par un ESAT ou est-ce qu'il peut être embauché ailleurs ?")


def test_a_choice_whose_second_side_restricts_still_asks_yes_or_no() -> None:
    assert asks_yes_no("les heures en atelier ça compte aussi ou uniquement les heures sur site ?")


@pytest.mark.parametrize(
    "sentence",
    [
        "un intérimaire qui a fini son parcours chez nous, ses heures comptent encore ?",
        "on peut exclure une entreprise qui a pas respecté sa clause sur le marché précédent ?",
        "un salarié en contrat pro qui est aussi reconnu travailleur handicapé, ses heures comptent double ?",
    ],
)
def test_a_relative_qui_after_a_noun_leaves_the_question_yes_or_no(sentence) -> None:
    assert asks_yes_no(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "qui valide que la personne est éligible ?",
        "et qui vérifie les heures, nous ou le facilitateur ?",
        "on répond en groupement avec un autre menuisier, qui doit faire les heures ?",
        "c'est qui qui valide l'éligibilité ?",
        "qu'est-ce qui a changé sur les marchés réservés ?",
        "je voudrais savoir qui paie le salaire de la personne ?",
    ],
)
def test_an_interrogative_qui_still_asks_for_a_person_not_yes_or_no(sentence) -> None:
    assert not asks_yes_no(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "est ce que les accompagnateurs (pas les chauffeurs) peuvent compter dans les heures d'insertion ?",
        "un intérimaire d'une agence normale, pas une ETTI, ça compte ?",
        "je peux mettre la clause seulement sur le gros oeuvre et pas sur les autres lots ?",
        "il a une RQTH mais pas de chômage de longue durée, il est éligible ?",
    ],
)
def test_what_a_question_sets_aside_is_no_negation(sentence) -> None:
    assert not asks_in_the_negative(sentence)


def test_a_negated_verb_beside_an_aside_still_asks_in_the_negative() -> None:
    assert asks_in_the_negative("les heures (hors ETTI) ne comptent pas ?")


@pytest.mark.parametrize(
    "question",
    [
        "Peut-on obliger l'entreprise à recruter une personne précise ?",
        "on peut demander au titulaire de l'embaucher ?",
    ],
)
def test_a_question_about_obliging_another_party_imposes(question: str) -> None:
    assert imposes(question)


@pytest.mark.parametrize(
    "question", ["est-ce que je peux embaucher le fils d'une de mes conductrices ?", "suis-je obligé d'embaucher ?"]
)
def test_a_question_about_what_the_asker_may_do_imposes_nothing(question: str) -> None:
    assert not imposes(question)


def test_vrai_ou_faux_asks_yes_or_no_without_a_question_mark() -> None:
    assert asks_yes_no("vrai ou faux : une clause d'insertion n'a pas besoin d'être liée à l'objet du marché")


def test_a_statement_put_as_true_or_false_is_answered_vrai() -> None:
    message = "vrai ou faux : la clause est obligatoire au-dessus des seuils européens"
    assert as_true_or_false(message, "**Oui** : depuis le 22 août 2026.").startswith("**Vrai** :")


def test_a_statement_put_the_negative_way_is_false_when_the_answer_is_yes() -> None:
    message = "vrai ou faux : une clause d'insertion n'a pas besoin d'être justifiée par l'objet du marché"
    assert as_true_or_false(message, "**Oui** : elle doit être liée à l'objet.").startswith("**Faux** :")


def test_an_ordinary_question_keeps_its_oui() -> None:
    assert as_true_or_false("la clause est obligatoire ?", "**Oui** : x") == "**Oui** : x"
