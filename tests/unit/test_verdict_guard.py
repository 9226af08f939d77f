"""The verdict opening an answer, checked against the question asked (assistant/verdict_guard.py): it never
confirms a wrong figure nor answers a broader question than the one asked."""

from __future__ import annotations

from assistant.verdict_guard import (
    confirmed_figures,
    contradicts_figure,
    guard_verdict,
    narrows,
    without_bare_verdict,
    without_verdict,
)

THRESHOLDS = (
    "**Oui** : le seuil de dispense est fixé à 100 000 € HT pour les travaux et à 60 000 € HT pour les "
    "fournitures et services.\nUne clause reste possible sous ces seuils."
)


def test_a_figure_closing_a_question_after_c_est_is_asked_to_be_confirmed() -> None:
    assert confirmed_figures("Le seuil de dispense c'est toujours 40 000 € HT ?") == [("€", 40000.0)]


def test_a_figure_describing_the_user_s_case_is_not_asked_to_be_confirmed() -> None:
    assert confirmed_figures("mon marché de 60 k€ HT, la clause est obligatoire ?") == []
    assert confirmed_figures("et pour un marché à 60 000 € ?") == []


def test_an_answer_stating_other_figures_of_the_same_kind_contradicts_the_asked_one() -> None:
    assert contradicts_figure("le seuil c'est toujours 40 000 € HT ?", THRESHOLDS)


def test_an_answer_stating_the_asked_figure_does_not_contradict_it() -> None:
    assert not contradicts_figure("le seuil c'est bien 100 000 € HT ?", THRESHOLDS)


def test_a_yes_that_would_confirm_a_wrong_figure_becomes_no_and_gives_the_figure() -> None:
    guarded = guard_verdict("Le seuil de dispense c'est toujours 40 000 € HT ?", THRESHOLDS, [])
    assert guarded.startswith("**Non** : le seuil de dispense est fixé à 100 000 € HT")


def test_a_question_with_forcement_or_juste_pour_narrows() -> None:
    assert narrows("il doit forcément passer par un ESAT ?")
    assert narrows("On peut faire un lot juste pour elle ?")
    assert narrows("on ne peut réserver qu'aux SIAE ?")


def test_seulement_picking_one_object_does_not_narrow() -> None:
    assert not narrows("Peut-on réserver uniquement le lot espaces verts et laisser les autres lots ouverts ?")
    assert not narrows("je peux clauser seulement ma tranche ferme ?")


def test_seulement_before_a_group_or_a_condition_still_narrows() -> None:
    assert narrows("le titulaire doit-il embaucher uniquement des allocataires du RSA ?")
    assert narrows("les heures comptent seulement si le facilitateur a validé ?")


def test_a_narrower_case_offered_after_ou_leaves_the_question_broad() -> None:
    assert not narrows("les heures en CDD comptent aussi ou seulement celles de notre intermédiaire ?")


def test_juste_describing_the_person_does_not_narrow() -> None:
    assert not narrows("un jeune qui a juste un récépissé de titre de séjour peut être embauché ?")


def test_a_yes_written_for_a_broad_question_is_dropped_for_a_narrowing_one() -> None:
    answer = "**Oui** : l'article L2113-13 permet de réserver un marché ou un lot aux SIAE."
    said = ["Peut-on réserver un lot aux SIAE ?"]
    assert guard_verdict("On peut faire un lot juste pour elle ?", answer, said) == (
        "L'article L2113-13 permet de réserver un marché ou un lot aux SIAE."
    )


def test_a_yes_written_for_a_question_that_narrows_as_well_stands() -> None:
    answer = "**Oui** : une clause peut ne porter que sur certains lots."
    said = ["Peut-on ne mettre la clause que sur certains lots ?"]
    assert guard_verdict("je peux mettre la clause seulement sur le gros oeuvre ?", answer, said) == answer


def test_a_no_is_left_as_it_is() -> None:
    answer = "**Non** : toute entreprise titulaire d'une clause peut l'embaucher."
    assert guard_verdict("il doit forcément passer par un ESAT ?", answer, ["Une RQTH est-elle éligible ?"]) == answer


def test_a_short_verdict_lead_is_taken_off() -> None:
    assert without_verdict("**Oui pour la clause** : l'éligibilité repose sur des catégories.") == (
        "L'éligibilité repose sur des catégories."
    )


def test_a_conditional_verdict_lead_is_kept() -> None:
    answer = "**Oui, si le CCAP le prévoit** : les pénalités se fixent dans le CCAP."
    assert without_verdict(answer) == answer


def test_a_verdict_whose_sentence_goes_on_is_kept() -> None:
    answer = "**Oui**, et c'est souvent la meilleure formule : les deux se complètent."
    assert without_verdict(answer) == answer


def test_a_guide_paragraph_loses_its_bare_yes() -> None:
    assert without_bare_verdict("Oui : les demandeurs d'emploi de plus de 50 ans figurent dans la liste.") == (
        "Les demandeurs d'emploi de plus de 50 ans figurent dans la liste."
    )


def test_a_guide_paragraph_keeps_a_conditional_yes() -> None:
    paragraph = "Oui, s'il relève d'une des catégories de la clause."
    assert without_bare_verdict(paragraph) == paragraph


def test_an_answer_opening_without_a_verdict_is_left_as_it_is() -> None:
    answer = "**Le titulaire** : il déclare toutes les heures."
    assert without_verdict(answer) == answer


FREE_CHOICE = "**Non** : l'entreprise choisit librement ses candidats parmi les publics éligibles."
IMPOSED = (
    "Peut-on obliger l'entreprise à recruter une personne précise ?",
    "on peut demander au titulaire d'embaucher le chômeur que le maire connaît ?",
    "on voudrait que les heures soient faites par nos jeunes, c'est possible ?",
)


def test_a_verdict_written_for_imposing_on_the_company_is_dropped_for_the_company_s_own_choice() -> None:
    asked = "est-ce que je peux embaucher le fils d'une de mes conductrices ?"
    assert (
        guard_verdict(asked, FREE_CHOICE, IMPOSED)
        == "L'entreprise choisit librement ses candidats parmi les publics éligibles."
    )


def test_a_verdict_written_for_imposing_stands_when_the_user_asks_to_impose() -> None:
    asked = "on peut exiger du titulaire qu'il embauche le fils d'un élu ?"
    assert guard_verdict(asked, FREE_CHOICE, IMPOSED) == FREE_CHOICE


AUTOMATIC = "**Pas automatiquement** : le volume d'heures fixé au CCAP ne change que si le CCAP le prévoit."


def test_a_denial_of_the_adverb_asked_opens_with_no() -> None:
    guarded = guard_verdict("L'objectif d'heures est-il automatiquement réévalué au prorata ?", AUTOMATIC, [])
    assert guarded.startswith("**Non, pas automatiquement** : le volume")


def test_a_denial_of_an_adverb_not_asked_is_left_as_it_is() -> None:
    assert guard_verdict("l'objectif d'heures est réévalué après un avenant ?", AUTOMATIC, []) == AUTOMATIC


def test_a_denial_of_the_adverb_asked_in_the_negative_is_left_as_it_is() -> None:
    asked = "l'objectif n'est pas automatiquement réévalué ?"
    assert guard_verdict(asked, AUTOMATIC, []) == AUTOMATIC


def test_a_plain_denial_of_the_adverb_asked_opens_with_no() -> None:
    guarded = guard_verdict("c'est forcément en CDI ?", "Pas forcément. Un CDD compte aussi.", [])
    assert guarded == "Non, pas forcément. Un CDD compte aussi."
