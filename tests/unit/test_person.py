"""Reading one person's situation from a message (assistant/fr/person.py)."""

from __future__ import annotations

from assistant.fr.person import asks_eligibility, describes_person, names_someone, read_person


def test_a_benefit_the_message_states_is_an_attribute() -> None:
    assert "rsa" in read_person("Ma voisine touche le RSA, elle peut travailler sur le chantier ?").attributes


def test_a_denied_benefit_is_not_an_attribute() -> None:
    person = read_person("Il n'est pas au RSA, mais il cherche du travail")
    assert "rsa" not in person.attributes
    assert "rsa" in person.denied


def test_a_benefit_in_the_past_is_kept_apart_from_the_present() -> None:
    person = read_person("Elle était au RSA avant son embauche dans l'atelier")
    assert "rsa" in person.past
    assert "rsa" not in person.attributes


def test_a_relatives_benefit_is_not_the_persons() -> None:
    assert "rsa" not in read_person("Son père touche le RSA, le fils est-il éligible ?").attributes


def test_months_as_a_job_seeker_are_read_in_years_and_a_half() -> None:
    assert read_person("Inscrite comme demandeuse d'emploi depuis un an et demi").registered_months == 18


def test_months_as_a_job_seeker_are_read_before_the_word_registration() -> None:
    assert read_person("DELD avec 10 mois d'inscription seulement").registered_months == 10


def test_an_age_is_read_but_a_duration_in_years_is_not() -> None:
    person = read_person("Il a 34 ans et travaille en intérim depuis 10 ans")
    assert person.ages == (34,)


def test_an_age_in_a_list_of_categories_is_not_a_persons_age() -> None:
    assert read_person("publics : RSA, DELD, jeunes -26 ans, seniors +50 ans").ages == ()


def test_just_leaving_school_is_zero_months_out_of_school() -> None:
    assert read_person("une jeune de 17 ans qui sort du lycée").out_of_school_months == 0


def test_an_eligibility_question_is_asked_only_in_a_sentence_that_asks() -> None:
    assert asks_eligibility("Mon cousin est au RSA, il est éligible ?")
    assert not asks_eligibility("Elle est éligible. Comment trouver un garage solidaire pour sa voiture ?")


def test_counting_more_or_double_is_not_an_eligibility_question() -> None:
    assert not asks_eligibility("une personne RQTH, ça compte double dans les heures ?")


def test_a_possessive_or_an_age_tells_a_described_person() -> None:
    assert describes_person("mon neveu cherche du travail, il compte ?")
    assert not describes_person("Un bénéficiaire de l'AAH est-il éligible ?")


def test_a_named_person_is_recognised() -> None:
    assert names_someone("Le candidat Karim B. est-il toujours éligible ?")
    assert not names_someone("Le candidat est-il toujours éligible ?")


def test_counting_the_hours_themselves_is_not_an_eligibility_question() -> None:
    assert not asks_eligibility("mon apprenti fait des heures le samedi, je les compte ?")
    assert not asks_eligibility("je peux compter ce temps de trajet ?")


def test_the_end_of_an_insertion_pathway_is_in_the_past() -> None:
    person = read_person("une salariée sortie de son parcours IAE l'an dernier, elle est éligible ?")
    assert "siae" in person.past
