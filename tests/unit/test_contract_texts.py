"""Texts around the contract's life that have a template of their own: the social article of a concession (DSP),
the buyer's formal notice, the holder's contest of penalties, and a note on where the clauses stand and what to
aim for. Each request is told apart from its neighbours, and each text carries its legal basis."""

from __future__ import annotations

import pytest

from assistant.drafting import draft
from assistant.fr import find_clause_kind, find_free_text
from assistant.fr.clause_kinds import added_details, free_text_kind, job_title


def _free_kind(message: str) -> str | None:
    free = find_free_text(message)
    return free_text_kind(message, free) if free is not None else None


@pytest.mark.parametrize(
    "message",
    [
        "rédige-moi l'article du contrat de concession sur l'insertion, avec le reporting annuel",
        "une rédaction d'article « engagements sociaux du délégataire » pour la convention de DSP",
        "tu peux formuler ça en clause contractuelle pour la délégation de service public ?",
    ],
)
def test_an_article_asked_for_a_concession_contract_is_the_concession_article(message: str) -> None:
    assert find_clause_kind(message) == "concession"


def test_a_follow_up_table_asked_of_the_concession_holder_stays_a_table() -> None:
    assert find_clause_kind("un modèle de tableau de suivi annuel à demander au délégataire") == "hours-report"


def test_a_concession_named_in_a_question_without_any_text_asked_is_no_article() -> None:
    assert find_clause_kind("comment on calcule les heures sur une DSP de 7 ans ?") is None


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("tu peux me rédiger le courrier de mise en demeure ?", "formal-notice"),
        ("un projet de réponse à la mise en demeure reçue du département", "difficulty-letter"),
        ("un courrier de contestation des pénalités, ton ferme mais courtois", "penalty-contest"),
        ("une lettre pour demander la remise gracieuse des pénalités d'insertion", "penalty-contest"),
        ("un mail de relance à une entreprise qui n'a pas envoyé ses relevés d'heures", "hours-reminder"),
    ],
)
def test_a_letter_about_a_failing_clause_is_told_by_who_writes_and_at_which_step(message: str, kind: str) -> None:
    assert _free_kind(message) == kind


def test_a_note_on_where_the_clauses_stand_and_what_to_aim_for_is_the_policy_note() -> None:
    message = (
        "une note d'une page pour le Président sur l'état des lieux des clauses sociales et ce qu'on vise d'ici 2028"
    )
    assert _free_kind(message) == "policy-note"


def test_a_note_presenting_last_year_results_stays_the_activity_summary() -> None:
    assert _free_kind("une note d'une page pour les élus qui présente le bilan de l'an dernier") == "activity-summary"


def test_the_concession_article_cites_its_own_article_to_confirm_and_counts_hours_per_year() -> None:
    text = draft("concession", {"hours": 84000, "months": 84}).text
    assert "L3114-2 du code de la commande publique" in text and "à confirmer" in text
    assert "12 000 heures par an" in text
    assert "rapport annuel" in text


def test_the_concession_article_requires_no_residence() -> None:
    text = draft("concession", {}).text
    assert "Aucune condition de résidence, de domicile ni de nationalité" in text


def test_the_formal_notice_is_named_so_and_keeps_the_adversarial_procedure() -> None:
    text = draft("formal-notice", {"hours": 350, "hours_done": 120}).text
    assert "mettons en demeure" in text and "120 heures" in text
    assert "procédure contradictoire" in text


def test_the_contest_of_penalties_argues_imputability_and_moderation() -> None:
    text = draft("penalty-contest", {"hours": 240, "penalty_total": 14400}).text
    assert "pas imputable" in text and "modérer" in text
    assert "14 400 €" in text and "240 heures" in text


def test_the_policy_note_sets_its_objectives_for_the_year_asked_on_a_published_target() -> None:
    text = draft("policy-note", {"horizon": "2028"}).text
    assert "d'ici 2028" in text
    assert "30 %" in text and "PNAD" in text


def test_the_short_policy_note_keeps_the_frame_and_the_objectives() -> None:
    result = draft("policy-note", {}, short=True)
    assert result.short
    assert "L2112-2-1" in result.text and "SPASER" in result.text and "30 %" in result.text


@pytest.mark.parametrize(
    "message",
    [
        "un paragraphe de présentation de notre ACI pour la partie accompagnement du mémoire technique",
        "un paragraphe de mémoire technique sur l'accompagnement de nos salariés en situation de handicap",
    ],
)
def test_a_structure_writing_its_own_memo_gets_the_structure_memo(message: str) -> None:
    assert _free_kind(message) == "structure-memo"


def test_a_company_writing_its_memo_keeps_the_tender_memo() -> None:
    assert _free_kind("rédige la partie insertion de mon mémoire technique, on passe par une ETTI") == "tender-memo"


def test_a_text_to_paste_in_the_memo_is_the_memo_even_when_the_criterion_is_named_before() -> None:
    message = (
        "le RC note le critère social à 10 %. tu peux me faire un paragraphe type à coller dans le mémoire technique ?"
    )
    assert find_free_text(message) == "tender-memo"


def test_a_criterion_asked_with_the_documents_to_request_stays_the_criterion() -> None:
    assert find_free_text("la rédaction du sous-critère et la pièce à demander dans le DCE") is None


def test_the_structure_memo_covers_supervision_support_training_and_progression() -> None:
    text = draft("structure-memo", {}).text
    for part in ("Encadrement technique", "Accompagnement socioprofessionnel", "Formation et progression"):
        assert part in text
    assert "« None »" not in text


@pytest.mark.parametrize(
    "message",
    [
        "un texte pour les entreprises du coin, pour leur expliquer qu'elles peuvent passer par notre association",
        "fais moi un mail type pour proposer nos apprentis aux entreprises qui ont gagné des marchés avec clause",
    ],
)
def test_a_structure_offering_its_people_to_the_companies_is_the_structure_offer(message: str) -> None:
    assert _free_kind(message) in {"structure-offer"}


def test_the_structure_offer_names_candidates_for_direct_hire_and_the_provision_of_staff() -> None:
    text = draft("structure-offer", {}).text
    assert "candidats éligibles" in text and "apprentissage" in text and "mise à disposition" in text


def test_a_commitment_letter_for_someone_else_s_offer_is_the_partner_s_commitment() -> None:
    message = "on peut lui faire une lettre d'engagement à mettre dans son offre ? tu peux me l'écrire ?"
    assert _free_kind(message) == "partner-commitment"


def test_a_sentence_for_a_contract_of_provision_of_staff_is_not_a_globalisation_convention() -> None:
    message = "une phrase pour notre convention de mise à disposition : les heures comptent pour la clause"
    assert find_clause_kind(message) == "provision-clause"


def test_a_globalisation_convention_stays_one() -> None:
    assert find_clause_kind("rédige la convention de globalisation des heures sur nos trois marchés") == "globalisation"


def test_the_provision_clause_counts_only_the_hours_worked_on_the_market() -> None:
    text = draft("provision-clause", {}).text
    assert "heures travaillées" in text and "facilitateur" in text and "globalisation" in text


def test_a_buyer_announcing_clauses_to_the_companies_writes_the_information_letter() -> None:
    message = "un courrier du maire aux entreprises pour leur annoncer qu'on va mettre des clauses d'insertion dans nos marchés"
    assert _free_kind(message) == "firms-information"


def test_the_information_letter_names_the_routes_and_requires_no_residence() -> None:
    text = draft("firms-information", {"start": "janvier 2027"}).text
    assert "À partir de janvier 2027" in text
    assert "ETTI" in text and "GEIQ" in text
    assert "Aucune condition de résidence ni de nationalité" in text


def test_a_satisfaction_survey_of_the_companies_is_a_document_of_its_own() -> None:
    assert find_clause_kind(
        "tu peux me proposer un questionnaire de satisfaction pour les entreprises attributaires ?"
    ) == ("satisfaction-survey")


def test_the_survey_asks_about_the_scheme_never_about_the_people() -> None:
    text = draft("satisfaction-survey", {}).text
    assert "Facilitateur" in text and "Recrutement" in text and "Accompagnement" in text
    assert "aucune question sur les personnes recrutées" in text


def test_a_note_justifying_the_hours_per_lot_is_the_sizing_note() -> None:
    message = "une note d'une page pour justifier le nombre d'heures par lot devant le conseil municipal"
    assert find_clause_kind(message) == "sizing-note"


def test_the_sizing_note_gives_the_method_and_the_user_s_figures_without_making_up_ratios() -> None:
    text = draft("sizing-note", {"market_value": 3_400_000, "market_type": "travaux", "rate": 0.05}).text
    assert "part de main-d'œuvre du lot ÷ coût horaire moyen chargé × taux d'insertion" in text
    assert "5 % des heures de main-d'œuvre" in text
    assert "n'atteint pas le seuil européen" in text
    assert "… %" in text  # the share of each lot is left to fill, never guessed


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("SIAE, ETTI, GEIQ, EA… tu peux me faire un petit lexique, une ligne par sigle ?", "glossary"),
        ("un modèle d'attestation d'éligibilité clause que je pourrai signer", "eligibility-attestation"),
        ("une fiche de liaison PLIE / entreprise avec le nom, la date d'entrée et le type de contrat", "liaison-sheet"),
        ("tu peux me rédiger une fiche de poste de manœuvre pour un recrutement clause ?", "job-posting"),
        ("et une version courte pour l'annonce France Travail ?", "job-posting"),
        (
            "une petite annonce à mettre sur indeed ou france travail pour recruter quelqu'un en insertion",
            "job-posting",
        ),
        ("tu peux m'écrire une petite annonce pour recruter quelqu'un en parcours d'insertion", "job-posting"),
    ],
)
def test_documents_of_their_own_are_recognised_by_their_name(message: str, kind: str) -> None:
    assert find_clause_kind(message) == kind


def test_a_letter_asking_to_count_hours_done_on_another_site_is_the_hours_transfer() -> None:
    message = "un courrier au facilitateur : les heures manquantes ont été faites sur un autre chantier, à reporter"
    assert _free_kind(message) == "hours-transfer"


def test_the_hours_transfer_says_only_a_globalisation_convention_allows_it() -> None:
    text = draft("hours-transfer", {}).text
    assert "convention de globalisation" in text and "sans en réduire le total" in text


def test_the_glossary_expands_each_acronym_in_one_line() -> None:
    text = draft("glossary", {}).text
    assert "**PLIE** : plan local pour l'insertion et l'emploi" in text
    assert "**GEIQ** : groupement d'employeurs pour l'insertion et la qualification" in text


def test_the_eligibility_attestation_carries_the_category_only_and_the_person_s_consent() -> None:
    text = draft("eligibility-attestation", {}).text
    assert "consentement" in text and "ni santé" in text
    assert "elle n'est transmise ni à l'entreprise ni à l'acheteur" in text


def test_the_liaison_sheet_leaves_the_eligibility_criterion_and_health_out() -> None:
    text = draft("liaison-sheet", {}).text
    assert "Date d'entrée" in text and "Type de contrat" in text
    assert "le critère d'éligibilité de la personne, qui reste entre la structure" in text and "santé" in text


def test_the_deliberation_authorises_the_executive_to_sign() -> None:
    assert "L'assemblée autorise" in draft("deliberation", {}).text


@pytest.mark.parametrize(
    ("message", "added"),
    [
        (
            "rajoute une phrase pour dire qu'on travaille avec le facilitateur du territoire",
            "on travaille avec le facilitateur du territoire",
        ),
        ("ajoute une ligne qui précise que le chantier commence en mars", "le chantier commence en mars"),
    ],
)
def test_a_sentence_added_to_say_something_adds_what_it_says(message: str, added: str) -> None:
    assert added_details(message) == added


def test_a_sentence_added_without_saying_what_adds_nothing_yet() -> None:
    assert added_details("rajoute une phrase") is None


def test_a_job_description_asked_gives_the_posts_title_in_the_users_words() -> None:
    message = "tu peux me rédiger une fiche de poste d'agent d'entretien des espaces verts pour un recrutement clause ?"
    assert job_title(message) == "agent d'entretien des espaces verts"


def test_the_post_named_after_comme_is_the_title() -> None:
    message = "une petite annonce pour recruter quelqu'un en parcours d'insertion comme agent de signalisation"
    assert job_title(message) == "agent de signalisation"


def test_comme_ca_names_no_post() -> None:
    assert job_title("une annonce pour recruter un manoeuvre, comme ça je la mets sur le site") is None


def test_a_job_description_without_a_title_leaves_it_to_complete() -> None:
    assert job_title("fais moi une fiche de poste pour un recrutement clause") is None
    assert "[à compléter : intitulé du poste]" in draft("job-posting", {}).text


def test_the_job_description_keeps_eligibility_and_protected_grounds_out_of_the_advert() -> None:
    text = draft("job-posting", {"job_title": "manœuvre"}).text
    assert "ni âge, ni sexe, ni origine, ni nationalité, ni lieu de résidence, ni état de santé" in text
    assert "ne s'écrit pas dans l'annonce" in text and "Débutant accepté" in text


def test_a_cv_asked_for_is_a_blank_model_without_personal_situation() -> None:
    assert _free_kind("t'as un modèle de CV tout simple pour quelqu'un qui a jamais vraiment travaillé ?") == "cv-model"
    text = draft("cv-model", {}).text
    assert "Ce que je sais faire" in text and "Disponibilité" in text
    assert "N'y indiquez ni votre santé, ni les aides que vous percevez" in text


def test_a_message_to_ones_own_counsellor_asks_to_be_put_forward() -> None:
    message = "tu peux m'écrire un message pour mon éduc pour lui dire que je suis motivé pour les heures d'insertion"
    assert _free_kind(message) == "counsellor-request"
    assert "transmettre ma candidature au facilitateur" in draft("counsellor-request", {}).text


def test_a_message_to_ones_counsellor_about_what_was_just_said_is_not_the_generic_request() -> None:
    assert _free_kind("tu peux m'écrire un petit message pour ma conseillère de l'ETTI pour demander ça ?") != (
        "counsellor-request"
    )
