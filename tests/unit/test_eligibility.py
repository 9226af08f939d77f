"""A described person's eligibility to the insertion clause (assistant/eligibility.py, prompts/eligibility.yaml)."""

from __future__ import annotations

import re

from assistant.eligibility import (
    _CATEGORIES,
    _CONDITIONAL,
    _NEVER_CRITERIA,
    _NOT_ALONE,
    _data,
    assess_message,
    other_questions,
)
from assistant.fr import fold


def _answer(message: str) -> str:
    assessed = assess_message(message)
    assert assessed is not None, message
    return fold(assessed.text)


def test_eight_months_registered_is_not_long_term_unemployment() -> None:
    text = _answer("J'accompagne un homme de 57 ans inscrit à France Travail depuis 8 mois, il est éligible ?")
    assert "au titre du chomage de longue duree" not in text
    assert "pas a ce seul titre" in text
    assert "plus de 12 mois" in text


def test_a_senior_job_seeker_is_eligible_only_if_the_ccap_retains_seniors() -> None:
    text = _answer("J'accompagne un homme de 57 ans inscrit à France Travail depuis 8 mois, il est éligible ?")
    assert text.startswith("**oui, si le ccap")


def test_more_than_twelve_months_registered_is_long_term_unemployment() -> None:
    text = _answer("ma cousine est au chômage depuis 20 mois, elle compte pour la clause ?")
    assert text.startswith("**oui, au titre du chomage de longue duree")


def test_rqth_is_a_category_and_its_proof_stays_with_the_facilitator() -> None:
    text = _answer("mon voisin a une RQTH et cherche un poste, il est éligible ?")
    assert text.startswith("**oui, au titre des travailleurs handicapes")
    assert "l5212-13" in text
    assert "donnee de sante" in text


def test_living_in_a_priority_district_is_never_a_criterion() -> None:
    text = _answer("mon fils habite en QPV et il a 30 ans, il est éligible ?")
    assert "ne suffit pas et n'est pas une condition" in text
    assert text.startswith("**cela depend")


def test_someone_already_employed_is_not_counted_automatically() -> None:
    text = _answer("j'ai un salarié en CDI depuis 4 ans qui était au RSA avant, je peux le compter ?")
    assert text.startswith("**non, pas automatiquement")
    assert "a l'entree de la personne sur le marche" in text


def test_an_adult_without_a_category_depends_on_a_prescribers_opinion() -> None:
    text = _answer("un gars de 31 ans sans diplôme, il rentre dans les critères ?")
    assert text.startswith("**cela depend")
    assert "avis motive d'un prescripteur" in text
    assert "ni au titre des jeunes" in text


def test_an_adult_between_the_age_categories_is_told_both_bounds() -> None:
    text = _answer("j'ai 45 ans et je cherche du travail depuis 5 mois, je compte comme senior pour la clause ?")
    assert "ni au titre des jeunes" in text
    assert "au titre des seniors" in text
    assert "plus de 50 ans" in text
    assert not text.startswith("**oui")


def test_a_young_person_without_a_school_leaving_date_is_eligible_on_its_condition() -> None:
    text = _answer("ma nièce a 21 ans et cherche du travail, elle est éligible ?")
    assert text.startswith("**oui, si la personne a moins de 26 ans")
    assert "6 mois" in text


def test_a_young_person_just_out_of_school_is_not_yet_in_the_young_category() -> None:
    text = _answer("un jeune de 18 ans qui vient de sortir du lycée, il est éligible ?")
    assert "pas encore au titre des jeunes" in text


def test_refugee_status_is_no_category_and_the_right_to_work_is_checked_by_the_employer() -> None:
    text = _answer("je suis réfugiée, j'ai 35 ans, est-ce que je suis éligible ?")
    assert "pas une categorie a part, ni un obstacle" in text
    assert "droit de travailler en france" in text
    assert "la nationalite n'est jamais une condition" in text


def test_a_person_under_a_justice_measure_depends_and_the_fact_is_never_passed_on() -> None:
    text = _answer("mon frère sort de détention le mois prochain, il pourra compter pour la clause ?")
    assert "avis motive d'un prescripteur" in text
    assert "article 10 du rgpd" in text


def test_every_answer_says_the_facilitator_checks_with_supporting_documents() -> None:
    text = _answer("mon beau-père touche l'ASS, ça compte pour le marché ?")
    assert "c'est le facilitateur qui verifie l'eligibilite" in text
    assert "justificatifs" in text


def test_a_general_question_on_a_category_is_left_to_the_cards() -> None:
    assert assess_message("Un bénéficiaire de l'AAH est-il éligible à la clause ?") is None


def test_a_question_on_the_list_of_publics_is_left_to_the_cards() -> None:
    assert assess_message("Quels publics sont éligibles : DELD, RSA, jeunes -26 ans, RQTH ?") is None


def test_a_situation_without_an_eligibility_question_is_not_answered_here() -> None:
    assert assess_message("mon salarié au RSA n'a pas le permis, quelles aides pour le transport ?") is None


def test_a_named_persons_file_is_not_judged() -> None:
    assert assess_message("Le candidat Karim B. touche le RSA, il est encore éligible ?") is None


def test_every_attribute_said_has_a_line_and_every_category_its_reason() -> None:
    _, texts = _data()
    for key in (*_CATEGORIES, *_CONDITIONAL, *_NOT_ALONE, *_NEVER_CRITERIA):
        assert texts.lines[key]["text"], key
    for key in _CATEGORIES:
        assert texts.lines[key]["category"], key
    for key in _CONDITIONAL:
        assert texts.lines[key]["condition"], key


def test_the_wording_gives_no_duration_or_age_but_the_guides() -> None:
    _, texts = _data()
    wording = " ".join([*texts.verdicts.values(), texts.always, *(line["text"] for line in texts.lines.values())])
    figures = set(re.findall(r"\b\d+ (?:mois|ans)\b", fold(wording)))
    assert figures <= {"12 mois", "6 mois", "26 ans", "50 ans"}


def test_a_self_employed_workers_own_business_is_left_to_the_cards() -> None:
    assert assess_message("j'ai une RQTH et je suis auto-entrepreneur, ça compte pour la clause ?") is None


def test_a_minor_is_told_the_labour_codes_rules_for_young_workers_apply() -> None:
    text = _answer("mon fils a 16 ans et a quitté le collège il y a 8 mois, il compte pour la clause ?")
    assert "mineur" in text
    assert "inspection du travail" in text


def test_the_other_questions_of_the_message_are_kept_for_the_guides() -> None:
    message = "ma sœur touche le RSA, elle est éligible ? et les heures de formation comptent-elles dans la clause ?"
    assert other_questions(message) == ["et les heures de formation comptent-elles dans la clause ?"]


def test_whether_someone_keeps_counting_is_left_to_the_cards() -> None:
    assert assess_message("ma salariée en insertion a eu 26 ans, elle compte toujours ?") is None


def test_an_insertion_structures_own_staff_are_eligible_as_such() -> None:
    text = _answer("nos salariés en CDDI de l'atelier chantier d'insertion, ils comptent pour la clause ?")
    assert text.startswith("**oui, au titre des salaries des structures d'insertion")


def test_being_taken_on_the_clause_is_an_eligibility_question() -> None:
    assert assess_message("Mon frère a une RQTH, il peut être pris sur la clause ?") is not None


def test_a_handicap_without_its_recognition_is_eligible_on_that_condition() -> None:
    text = _answer("mon oncle est handicapé depuis un accident, il est éligible à la clause ?")
    assert text.startswith("**oui, si la personne est reconnue travailleur handicape")


def test_someone_hired_for_the_market_weeks_ago_enters_it_with_the_situation_at_hiring() -> None:
    text = _answer("j'ai recruté il y a trois semaines pour le chantier une dame qui était au RSA, elle compte ?")
    assert text.startswith("**oui, au titre du rsa")


def test_how_to_prove_eligibility_is_left_to_the_cards() -> None:
    assert assess_message("quels justificatifs demander pour vérifier que mon salarié au RSA est éligible ?") is None
