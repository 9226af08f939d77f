"""A message asking several things read as its situation and its asked parts (assistant/parts.py, pure)."""

from __future__ import annotations

from assistant.lexical import FrenchAnalyzer
from assistant.matching import key_words
from assistant.parts import AskedMessage, asked_sentences, continues, question_sentences, refers_back, split_asked

ANALYZER = FrenchAnalyzer()


def split(message: str) -> AskedMessage:
    return split_asked(message, lambda text: key_words(text, ANALYZER))


def test_a_one_question_message_is_one_part() -> None:
    asked = split("Les heures d'un apprenti comptent-elles pour la clause d'insertion ?")
    assert asked.parts == ("Les heures d'un apprenti comptent-elles pour la clause d'insertion ?",)


def test_each_question_mark_ends_a_part() -> None:
    asked = split("Peut-on réserver un lot aux SIAE ? et comment on compte les heures d'un ESAT ?")
    assert asked.parts == ("Peut-on réserver un lot aux SIAE ?", "et comment on compte les heures d'un ESAT ?")


def test_the_situation_told_before_the_questions_is_context_not_a_part() -> None:
    asked = split(
        "On a un marché de nettoyage de 400 000 €. Le titulaire manque de candidats. Qui valide l'éligibilité ?"
    )
    assert asked.situation == "On a un marché de nettoyage de 400 000 €. Le titulaire manque de candidats."
    assert asked.parts == ("Qui valide l'éligibilité ?",)


def test_a_question_without_a_question_mark_is_a_part() -> None:
    asked = split("Un GEIQ peut-il réaliser les heures du titulaire ? comment on compte ses heures de formation")
    assert asked.parts == (
        "Un GEIQ peut-il réaliser les heures du titulaire ?",
        "comment on compte ses heures de formation",
    )


def test_a_connector_followed_by_a_question_splits_one_sentence() -> None:
    asked = split("Est-ce que le titulaire peut sous-traiter à une EI, et est-ce que l'acheteur doit l'accepter ?")
    assert asked.parts == (
        "Est-ce que le titulaire peut sous-traiter à une EI,",
        "et est-ce que l'acheteur doit l'accepter ?",
    )


def test_a_connector_inside_one_question_does_not_split_it() -> None:
    asked = split("Est-ce que les ESAT et les entreprises adaptées peuvent répondre à un lot réservé ?")
    assert len(asked.parts) == 1


def test_a_question_naming_nothing_asks_about_the_sentence_it_follows() -> None:
    asked = split(
        "La chef de chantier a son équipe complète. Elle demande si elle peut passer par une ETTI. "
        "C'est OK ? Et dans ce cas je compte comment les heures ?"
    )
    assert asked.situation == "La chef de chantier a son équipe complète."
    assert asked.parts == (
        "Elle demande si elle peut passer par une ETTI. C'est OK ?",
        "Et dans ce cas je compte comment les heures ?",
    )


def test_a_question_naming_nothing_joins_the_question_before_it() -> None:
    asked = split("Le titulaire peut-il embaucher un saisonnier au RSA en CDD ? et ça compte ?")
    assert asked.parts == ("Le titulaire peut-il embaucher un saisonnier au RSA en CDD ? et ça compte ?",)


def test_examples_closed_by_an_ellipsis_detail_the_question_before() -> None:
    asked = split(
        "Quels justificatifs je demande au titulaire ? attestation France Travail, pass IAE... ? "
        "et qui valide l'éligibilité des personnes ?"
    )
    assert asked.parts == (
        "Quels justificatifs je demande au titulaire ? attestation France Travail, pass IAE... ?",
        "et qui valide l'éligibilité des personnes ?",
    )


def test_a_piece_that_does_not_open_as_a_question_details_the_one_before() -> None:
    asked = split("Dans un groupement, qui porte les heures d'insertion ? le mandataire ou chaque cotraitant ?")
    assert len(asked.parts) == 1


def test_a_question_opening_with_et_and_naming_its_own_subject_is_a_part() -> None:
    asked = split("Un jeune de 22 ans sans diplôme, il compte ? et un senior de 55 ans inscrit à France Travail ?")
    assert asked.parts == (
        "Un jeune de 22 ans sans diplôme, il compte ?",
        "et un senior de 55 ans inscrit à France Travail ?",
    )


def test_a_question_opening_with_et_and_naming_nothing_joins_the_one_before() -> None:
    asked = split("Une SIAE peut-elle répondre à un marché réservé aux ESAT ? Et inversement ?")
    assert len(asked.parts) == 1


def test_a_part_pointing_back_is_read_with_the_part_before() -> None:
    asked = split("Quelle différence entre clause et critère d'insertion ? on peut cumuler les deux sur un lot ?")
    assert asked.context(1) == "Quelle différence entre clause et critère d'insertion ?"


def test_a_part_naming_its_own_subject_is_read_with_the_situation_only() -> None:
    asked = split(
        "On a un MAPA de travaux. Peut-on réserver un lot aux SIAE ? Qui valide l'éligibilité des personnes ?"
    )
    assert asked.context(1) == "On a un MAPA de travaux."


def test_a_part_opening_with_a_coordinator_continues_the_one_before() -> None:
    assert continues("et pour un apprenti de 30 ans ?")
    assert not continues("qui valide l'éligibilité ?")


def test_an_object_pronoun_points_back() -> None:
    assert refers_back("et comment je le note concrètement ?")


def test_il_y_a_does_not_point_back() -> None:
    assert not refers_back("il y a un seuil minimum conseillé ?")


# The coarse reading the card matcher weighs: whole sentences, nothing split or joined.


def test_the_asked_sentences_of_a_two_question_message_are_both_questions() -> None:
    message = "est-ce que je peux sous-traiter le nettoyage à une SIAE ? et est-ce que l'acheteur doit l'accepter ?"
    assert asked_sentences(message) == [
        "est-ce que je peux sous-traiter le nettoyage à une SIAE ?",
        "et est-ce que l'acheteur doit l'accepter ?",
    ]


def test_a_message_without_question_mark_asks_its_last_sentence() -> None:
    message = (
        "On a un chantier de voirie. Le titulaire a pris du retard. Je voudrais savoir si les heures sont décalées"
    )
    assert asked_sentences(message) == ["Je voudrais savoir si les heures sont décalées"]


def test_a_message_without_question_mark_has_no_question_sentence() -> None:
    assert question_sentences("On a un chantier de voirie. Je voudrais savoir si les heures sont décalées") == []


def test_a_list_of_examples_is_no_question_sentence_of_its_own() -> None:
    message = "Quels justificatifs je demande au titulaire ? attestation France Travail, pass IAE... ?"
    assert question_sentences(message) == ["Quels justificatifs je demande au titulaire ?"]


def test_a_sentence_of_fewer_than_three_words_is_no_question_sentence() -> None:
    assert question_sentences("Les heures d'un apprenti comptent pour la clause ? Sûr ?") == [
        "Les heures d'un apprenti comptent pour la clause ?"
    ]


def test_an_article_abbreviated_with_a_dot_does_not_end_a_sentence() -> None:
    message = "Peut-on écarter l'offre (art. R. 2152-3) ? Et sur quel fondement ?"
    assert question_sentences(message) == ["Peut-on écarter l'offre (art. R. 2152-3) ?", "Et sur quel fondement ?"]
