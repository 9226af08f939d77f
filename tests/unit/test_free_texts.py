"""Writing requests that are not clauses (an e-mail, a letter, a note to elected officials) are told apart
from requests for a clause or a template document."""

from __future__ import annotations

import pytest

from assistant.fr import find_clause_kind, find_free_text
from assistant.fr.clause_kinds import added_details, free_text_kind, request_details


@pytest.mark.parametrize(
    ("message", "free"),
    [
        ("écris moi un mail pour le facilitateur pour dire qu'on a eu le lot", "email"),
        ("fais moi un courrier pour le département, ton poli mais ferme", "letter"),
        ("un paragraphe pour la délibération du conseil municipal", "deliberation"),
        ("rédige la partie insertion de mon mémoire technique", "tender-memo"),
        ("une lettre de motivation pour une entreprise de travaux publics", "cover-letter"),
        ("fais moi 5 ou 6 arguments courts pour le comité de direction", "prose"),
    ],
)
def test_a_free_writing_request_is_recognised(message: str, free: str) -> None:
    assert find_free_text(message) == free


@pytest.mark.parametrize(
    "message",
    [
        "rédige l'article d'insertion du CCAP",
        "donne moi la mention à mettre dans l'avis de publicité",
        "rédige un critère d'attribution sur l'insertion",
        "rédige une note de dérogation",
    ],
)
def test_a_clause_or_template_request_is_not_free_text(message: str) -> None:
    assert find_free_text(message) is None


def test_a_letter_to_the_company_launching_the_clause_is_the_start_letter() -> None:
    assert find_clause_kind("prépare le courrier de lancement de la clause pour le titulaire") == "start-letter"


def test_a_letter_about_something_else_is_not_the_start_letter() -> None:
    assert find_clause_kind("fais moi un courrier pour dire qu'on ne trouve personne") is None


def test_penalties_listed_among_the_contents_of_an_article_ask_for_the_execution_clause() -> None:
    message = "rédige un article CCAP clause d'insertion avec : nb d'heures, modalités, relevé mensuel et pénalités"
    assert find_clause_kind(message) == "execution"


def test_an_article_about_penalties_asks_for_the_penalties_article() -> None:
    assert find_clause_kind("l'article du CCAP sur les pénalités en cas de non respect de la clause") == "penalties"


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("fais un mail de relance à une entreprise qui n'a pas envoyé ses relevés d'heures", "hours-reminder"),
        ("un courrier au titulaire qui est en retard sur ses heures d'insertion", "hours-reminder"),
        ("ecris un mail au facilitateur pour lui demander des candidats", "facilitator-email"),
        ("redige le paragraphe insertion de notre memoire technique", "tender-memo"),
        ("un projet de délibération pour le conseil communautaire sur les clauses sociales", "deliberation"),
        ("un mail pour présenter notre GEIQ aux entreprises titulaires d'une clause", "structure-offer"),
        ("un courrier à l'acheteur : on n'arrive pas à trouver de candidats pour la clause", "difficulty-letter"),
        ("un mail à l'acheteur pour demander si le salarié repris compte dans la clause", "buyer-question"),
        ("tu peux me l'écrire sous forme de texte à coller dans le mémoire ?", "tender-memo"),
        ("un texte pour expliquer aux acheteurs pourquoi réserver des lots aux ESAT", "reservation-plea"),
        ("tu peux lui écrire un petit mail tout simple pour lui expliquer ?", "clause-explainer"),
        ("un paragraphe de synthèse pour le rapport d'activité : 1 200 heures, 30 personnes", "activity-summary"),
        ("une lettre de motivation pour une entreprise du BTP qui a des heures d'insertion", "cover-letter"),
        ("m'aider à écrire une lettre pour dire que je suis intéressé par les heures d'insertion", "cover-letter"),
        ("Modèle de courrier au prestataire pour lui rappeler qu'il n'a pas fait ses heures", "hours-reminder"),
        ("un mail au MO pour dire que j'ai pas eu de candidat, que ça soit tracé", "difficulty-letter"),
        ("une lettre au MO pour demander de baisser les heures, le chantier a été décalé", "difficulty-letter"),
        ("un mail pour prévenir le facilitateur qu'on va prendre du retard sur les heures", "difficulty-letter"),
        ("un mail de présentation à envoyer aux entreprises du BTP qui ont des clauses", "structure-offer"),
        ("un paragraphe pour notre plaquette sur nos heures de mise à disposition", "structure-offer"),
        ("rédige moi un paragraphe que je colle dans l'offre", "tender-memo"),
        ("une note dans ma réponse qui explique comment je vais faire l'insertion", "tender-memo"),
        ("pour le critère social je mets quoi dans mon mémoire technique ? fais-moi un paragraphe", "tender-memo"),
        ("un CV pour une entreprise du BTP", "cv-model"),
    ],
)
def test_a_free_text_with_a_template_gets_its_kind(message: str, kind: str) -> None:
    free = find_free_text(message)
    assert free is not None and free_text_kind(message, free) == kind


@pytest.mark.parametrize(
    "message",
    ["un mail à ma collègue pour la remercier"],
)
def test_a_free_text_without_a_template_keeps_the_notice(message: str) -> None:
    free = find_free_text(message)
    assert free is not None and free_text_kind(message, free) is None


def test_the_details_after_the_request_are_kept_without_the_style_instructions() -> None:
    message = "Rédige un mail pour le facilitateur pour dire qu'on a eu le lot, démarrage en mars. Ton poli mais ferme"
    assert request_details(message) == "on a eu le lot, démarrage en mars"


def test_the_details_after_a_purpose_verb_are_kept() -> None:
    message = "un mail aux entreprises pour les inviter à un job dating au centre social le 12 juin à 14h"
    assert request_details(message) == "à un job dating au centre social le 12 juin à 14h"


def test_the_tone_asked_at_the_end_of_the_details_is_left_out() -> None:
    message = "un mail de relance pour une entreprise qui a fait 0h d'insertion à mi-chantier, ton cordial mais ferme"
    assert request_details(message) == "une entreprise qui a fait 0h d'insertion à mi-chantier"


def test_a_sentence_saying_only_the_texts_format_gives_no_details() -> None:
    assert request_details("tu peux me l'ecrire ? un paragraphe que je colle direct") is None


def test_a_request_without_details_has_none() -> None:
    assert request_details("écris moi un mail pour le facilitateur") is None


def test_a_revision_adding_a_fact_gives_that_fact() -> None:
    assert (
        added_details("rajoute qu'on a déjà fait 9 % sur le marché précédent")
        == "on a déjà fait 9 % sur le marché précédent"
    )


def test_a_revision_that_only_shortens_adds_nothing() -> None:
    assert added_details("plus court stp") is None


def test_a_filler_opening_the_details_is_dropped() -> None:
    message = "un paragraphe pour mon mémoire technique. en gros on prend un jeune encadré par le chef d'équipe"
    assert request_details(message) == "on prend un jeune encadré par le chef d'équipe"


def test_the_subject_of_an_explanation_is_not_taken_for_details() -> None:
    assert request_details("un texte pour leur expliquer pourquoi ils devraient réserver des lots aux ESAT") is None


def test_asking_to_add_a_paragraph_on_a_topic_adds_no_claim() -> None:
    assert added_details("tu peux rajouter un paragraphe sur le fait que ça ne coûte pas plus cher ?") is None


def test_a_template_of_a_letter_is_still_a_letter() -> None:
    assert find_free_text("un modèle de courrier au titulaire pour lui rappeler ses heures") == "letter"


def test_a_template_of_a_clause_is_not_free_text() -> None:
    assert find_free_text("un modèle de clause pour le mail aux entreprises") is None


def test_a_cover_letter_weaves_the_job_seekers_details_and_asks_no_residence() -> None:
    from assistant.drafting import draft

    text = draft("cover-letter", {"details": "23 ans, permis B, CACES 1 en cours"}).text
    assert "permis B" in text and "Madame, Monsieur" in text
    assert "résid" not in text and "nationalit" not in text


def test_penalties_listed_in_parentheses_among_the_contents_ask_for_the_execution_clause() -> None:
    message = "Donne moi le texte complet de l'article CCAP (objet, public, modalités, contrôle, pénalités)"
    assert find_clause_kind(message) == "execution"


def test_a_summary_for_the_assembly_reports_results_rather_than_deliberating() -> None:
    message = "Rédige un paragraphe de synthèse pour la délibération annuelle présentant le bilan des clauses sociales"
    free = find_free_text(message)
    assert free is not None and free_text_kind(message, free) == "activity-summary"


def test_a_summary_without_figures_leaves_placeholders_for_them() -> None:
    from assistant.drafting import draft

    text = draft("activity-summary", {}).text
    assert "[XX] heures d'insertion" in text


def test_a_counsellor_introducing_a_person_to_the_facilitator_gets_the_referral() -> None:
    message = "je veux un modèle de mail pour présenter un allocataire au facilitateur clauses"
    free = find_free_text(message)
    assert free is not None and free_text_kind(message, free) == "candidate-referral"


def test_the_referral_asks_only_what_the_clause_needs_and_the_persons_consent() -> None:
    from assistant.drafting import draft

    text = draft("candidate-referral", {}).text
    assert "Accord de la personne" in text and "santé" in text  # the note says what never to send


def test_reshaping_an_answer_for_ones_tender_is_not_the_tender_memo() -> None:
    assert find_free_text("ok écris moi ça en 3 lignes pour que je le mette dans ma réponse") != "tender-memo"


def test_a_fact_introduced_by_il_faut_is_added() -> None:
    assert added_details("rajoute qu'il faut le permis B c'est important") == "il faut le permis B c'est important"


def test_a_version_for_a_text_message_revises_the_text_just_drafted() -> None:
    from assistant.backends.embedded.drafting import _REVISION

    assert _REVISION.search("et fais moi aussi la version courte pour un sms")


def test_the_person_a_referral_presents_is_not_taken_for_details() -> None:
    assert request_details("un mail pour présenter un allocataire au facilitateur, avec le strict nécessaire") is None


def test_a_template_of_a_tender_memo_is_still_a_tender_memo() -> None:
    assert find_free_text("tu peux m'écrire un modèle de mémoire technique pour notre réponse ?") == "tender-memo"


@pytest.mark.parametrize(
    "message",
    [
        "fais-moi une feuille d'heures simple pour mes gars, à imprimer",
        "un modèle de fiche d heures avec date, heures et signature",
        "tu peux me préparer un relevé d'heures pour le chantier ?",
    ],
)
def test_the_sheet_the_hours_are_written_on_is_the_hours_report(message: str) -> None:
    assert find_clause_kind(message) == "hours-report"


def test_the_sentence_asking_for_the_text_is_not_taken_for_details() -> None:
    message = "On répond à un appel d'offres. Tu peux m'écrire un modèle de mémoire technique pour notre association ?"
    assert request_details(message) is None


@pytest.mark.parametrize(
    "message",
    ["et je note comment les offres, sur 10 points ? donne-moi une grille", "une grille pour noter le mémoire"],
)
def test_a_grid_to_score_the_offers_is_the_criterion(message: str) -> None:
    assert find_clause_kind(message) == "criterion"


def test_a_grid_that_scores_nothing_is_no_criterion() -> None:
    assert find_clause_kind("une grille de salaires") is None
