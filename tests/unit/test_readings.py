"""Yes/no readings of answer cards (assistant/readings.py): a yes/no question answered by a card opens with
the verdict of the card's closest reading, only when that reading clearly answers it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from assistant.cards import Card, Reading
from assistant.readings import asked_yes_no, choose_reading, with_verdict, yes_no_sentence


def card(
    answer: str, readings: tuple[Reading, ...], question: str = "Qui déclare les heures d'un sous-traitant ?"
) -> Card:
    return Card(
        "sous-traitant",
        question,
        (),
        answer,
        "explanation",
        (),
        (),
        ("acheteur",),
        dt.date(2026, 11, 1),
        "t",
        readings,
    )


def overlap(asked: str, text: str) -> float:
    """A stand-in for the matcher's similarity: the share of words the two questions share."""
    mine, theirs = set(asked.lower().rstrip(" ?").split()), set(text.lower().rstrip(" ?").split())
    return len(mine & theirs) / len(mine | theirs)


COUNTS = Reading("les heures du sous-traitant comptent pour le titulaire ?", "Oui", "s'il est accepté")
DECLARES = Reading("le sous-traitant déclare lui-même ses heures au facilitateur ?", "Non")
WHO = card(
    "**Le titulaire** : il déclare toutes les heures du marché, y compris celles de ses sous-traitants.",
    (COUNTS, DECLARES),
)


def test_a_yes_no_question_gets_the_verdict_of_its_closest_reading() -> None:
    asked = "les heures du sous-traitant comptent pour le titulaire ?"
    assert choose_reading(asked, WHO, overlap) == COUNTS


def test_the_verdict_opens_the_answer_before_the_card_s_own() -> None:
    assert with_verdict(WHO.answer, COUNTS) == f"**Oui, s'il est accepté.**\n\n{WHO.answer}"


def test_a_verdict_leads_an_answer_in_plain_text_with_a_colon() -> None:
    answer = "Les heures exigibles suivent les commandes réellement passées."
    assert with_verdict(answer, Reading("il doit faire toutes les heures ?", "Non")) == (
        "**Non** : les heures exigibles suivent les commandes réellement passées."
    )


def test_a_question_asked_in_the_negative_gets_no_verdict() -> None:
    asked = "les heures du sous-traitant ne comptent pas pour le titulaire ?"
    assert choose_reading(asked, WHO, overlap) is None


def test_a_reading_far_from_the_question_gives_no_verdict() -> None:
    assert choose_reading("on peut payer le facilitateur en fin de marché ?", WHO, overlap) is None


def test_two_readings_of_opposite_verdicts_too_close_give_no_verdict() -> None:
    twin = Reading("comptent pour le titulaire les heures du sous-traitant ?", "Non")
    unsure = card(WHO.answer, (COUNTS, twin))
    assert choose_reading("les heures du sous-traitant comptent pour le titulaire ?", unsure, overlap) is None


def test_a_reading_about_what_the_message_never_names_gives_no_verdict() -> None:
    asked = "les heures du sous-traitant comptent pour le titulaire ?"
    assert choose_reading(asked, WHO, overlap, covered=lambda text: 0.2) is None


def test_a_card_opening_with_a_verdict_keeps_it_when_its_own_question_is_closest() -> None:
    says_no = card(
        "**Non** : une condition de résidence est discriminatoire.",
        (Reading("une personne qui habite une autre commune peut être comptée ?", "Oui"),),
        question="peut-on exiger que les personnes habitent la commune ?",
    )
    assert choose_reading("peut-on exiger que les personnes habitent la commune ?", says_no, overlap) is None


def test_a_card_already_opening_with_the_reading_s_verdict_is_untouched() -> None:
    says_yes = card("**Oui** : les heures du sous-traitant comptent.", (COUNTS,))
    assert choose_reading("les heures du sous-traitant comptent pour le titulaire ?", says_yes, overlap) is None


def test_a_reading_restating_the_card_s_verdict_is_returned_when_asked_for() -> None:
    says_yes = card("**Oui** : les heures du sous-traitant comptent.", (COUNTS,))
    asked = "les heures du sous-traitant comptent pour le titulaire ?"
    assert choose_reading(asked, says_yes, overlap, restated=True) == COUNTS


def test_an_opposite_verdict_replaces_the_card_s_verdict_and_keeps_its_explanation() -> None:
    answer = "**Non** : une condition de résidence est une préférence locale, discriminatoire."
    reading = Reading("une personne qui habite ailleurs peut être comptée ?", "Oui", "où qu'elle habite")
    assert with_verdict(answer, reading) == (
        "**Oui, où qu'elle habite** : une condition de résidence est une préférence locale, discriminatoire."
    )


def test_a_nuanced_verdict_goes_before_a_conditional_yes() -> None:
    answer = "**Oui, si le CCAP retient ces profils** : les heures d'un ESAT comptent."
    reading = Reading("un ESAT compte ?", "Cela dépend", "du CCAP")
    assert with_verdict(answer, reading) == f"**Cela dépend du CCAP.**\n\n{answer}"


def test_a_what_question_asks_no_verdict() -> None:
    assert asked_yes_no("comment déclarer les heures du sous-traitant ?") is None


def test_the_first_yes_no_question_of_a_message_is_the_one_read() -> None:
    message = "qui valide l'éligibilité ? et les heures du sous-traitant comptent pour le titulaire ?"
    assert asked_yes_no(message) == "et les heures du sous-traitant comptent pour le titulaire ?"


def test_a_short_yes_no_question_is_read_with_what_the_message_said_before() -> None:
    message = "L'entreprise veut compter ses deux salariés handicapés en CDI. Elle a le droit ?"
    assert asked_yes_no(message) == message


def test_a_verdict_taking_a_complement_is_joined_without_a_comma() -> None:
    assert Reading("q ?", "Cela dépend", "du CCAP").opening == "Cela dépend du CCAP"
    assert Reading("q ?", "Oui", "si le CCAP l'admet").opening == "Oui, si le CCAP l'admet"


def test_a_question_asked_after_the_yes_no_one_does_not_name_the_reading() -> None:
    # « … en plus de la clause ? ou ça fait doublon » : « doublon » belongs to the second question
    from assistant.matching import CardMatcher
    from assistant.readings import reading_for

    def idf(token: str) -> float:
        return 5.0 if token.startswith("doubl") else 1.0  # the rare word that says what is asked

    # the real matcher with no card, its embedding saying nothing: the words alone decide
    matcher = CardMatcher([], lambda texts: [[1.0, 0.0] for _ in texts], lambda text: [1.0, 0.0], idf)  # type: ignore[arg-type, return-value]

    doublon = Reading("un critère sur les heures en plus de la clause fait doublon ?", "Non")
    criterion = card("**Les heures au-delà du minimum** se notent.", (doublon,))
    message = "on peut mettre un critère sur les heures en plus de la clause ? ou ça fait doublon"
    assert reading_for(message, criterion, matcher) is None


def test_a_nuanced_verdict_replaces_a_bare_yes() -> None:
    answer = "**Oui** : une condition d'exécution sociale doit être liée à l'objet du marché."
    reading = Reading(
        "un critère sur la chaîne d'approvisionnement est légal ?", "Cela dépend", "de son lien avec ce marché"
    )
    assert with_verdict(answer, reading) == (
        "**Cela dépend de son lien avec ce marché** : une condition d'exécution sociale doit être liée à l'objet du marché."
    )


def test_an_opening_that_already_explains_ends_its_sentence_before_the_card_s_explanation() -> None:
    reading = Reading("un ESAT compte ?", "Cela dépend", "du CCAP : leurs heures comptent s'il retient ces profils")
    assert with_verdict("**Oui** : si vous sous-traitez à une EA, ses heures comptent.", reading) == (
        "**Cela dépend du CCAP : leurs heures comptent s'il retient ces profils.** Si vous sous-traitez à une EA, "
        "ses heures comptent."
    )


def test_the_verdict_of_a_card_answers_its_own_yes_no_questions_and_its_readings_of_the_same_verdict() -> None:
    from assistant.readings import verdict_texts

    same = Reading("les heures d'un ESAT comptent ?", "Oui")
    other = Reading("il doit forcément passer par un ESAT ?", "Non")
    rqth = card("**Oui** : une RQTH est éligible.", (same, other), question="Une RQTH est-elle éligible ?")
    rqth = dataclasses.replace(rqth, paraphrases=("rqth eligible",))
    assert verdict_texts(rqth, None) == ["Une RQTH est-elle éligible ?", "les heures d'un ESAT comptent ?"]
    assert verdict_texts(rqth, other) == ["il doit forcément passer par un ESAT ?"]


IMPOSING = card(
    "**Non** : l'entreprise choisit librement ses candidats parmi les publics éligibles.",
    (Reading("je peux embaucher quelqu'un que je connais pour la clause ?", "Oui", "s'il est éligible"),),
    question="peut-on obliger l'entreprise à embaucher quelqu'un que je connais pour la clause ?",
)


def test_a_question_about_imposing_does_not_rival_one_about_what_the_asker_may_do() -> None:
    # the card's own « Non » was written for a buyer obliging the company; the company asks about its own choice
    asked = "je peux embaucher quelqu'un que je connais pour la clause ?"
    assert choose_reading(asked, IMPOSING, overlap) == IMPOSING.readings[0]


def test_a_question_about_imposing_keeps_the_verdict_written_for_it() -> None:
    asked = "peut-on obliger l'entreprise à embaucher quelqu'un que je connais pour la clause ?"
    assert choose_reading(asked, IMPOSING, overlap) is None


def test_a_negative_lead_read_no_is_completed_by_the_verdict() -> None:
    answer = "**Pas sur le maximum : sur le montant estimé réaliste des commandes**, car le maximum surestime."
    reading = Reading("Faut-il calculer les heures sur le maximum ?", "Non", "sur le montant estimé réaliste")
    assert with_verdict(answer, reading) == (
        "**Non, pas sur le maximum : sur le montant estimé réaliste des commandes**, car le maximum surestime."
    )


def test_the_situation_told_before_a_short_question_does_not_make_it_negative() -> None:
    maximum = Reading("on calcule les heures sur le maximum ?", "Non")
    sized = card("**Pas sur le maximum** : sur le montant réaliste.", (maximum,), question="sur quel montant ?")
    asked = "sans montant minimum, on calcule les heures sur le maximum ?"
    assert choose_reading(asked, sized, overlap) is None
    assert choose_reading(asked, sized, overlap, negative=False) == maximum


def test_the_yes_no_sentence_is_read_alone_for_its_negation() -> None:
    message = "accord-cadre sans montant minimum, comment je calcule les heures ? Sur le maximum ?"
    assert yes_no_sentence(message) == "Sur le maximum ?"


def test_of_two_near_tied_readings_the_one_sharing_more_words_gives_its_verdict() -> None:
    # The similarity puts DECLARES 0.005 ahead (an embedder's noise): the lexical overlap picks COUNTS.
    def noisy(asked: str, text: str) -> float:
        return {COUNTS.question: 0.800, DECLARES.question: 0.805}.get(text, 0.0)

    asked = "les heures du sous-traitant comptent pour le titulaire ?"
    assert choose_reading(asked, WHO, noisy, lexical=overlap) is None  # tied verdicts apart: no verdict
    same_verdict = card(WHO.answer, (COUNTS, dataclasses.replace(DECLARES, verdict="Oui")))
    assert choose_reading(asked, same_verdict, noisy, lexical=overlap) == COUNTS


def test_a_reading_clearly_closer_is_not_overruled_by_the_lexical_overlap() -> None:
    def clear(asked: str, text: str) -> float:
        return {COUNTS.question: 0.70, DECLARES.question: 0.80}.get(text, 0.0)

    asked = "le sous-traitant déclare lui-même ses heures au facilitateur ?"
    assert choose_reading(asked, WHO, clear, lexical=lambda a, t: 1.0 if t == COUNTS.question else 0.0) == DECLARES
