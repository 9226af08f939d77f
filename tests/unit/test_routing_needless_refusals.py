"""Lawful questions that a refusal, a redirect or the question route must not take from the right
route, each next to the neighbour that keeps its route."""

from __future__ import annotations

from assistant.fr import extract
from assistant.intents import IntentClassifier
from assistant.redirects import load_redirects
from assistant.routing import RefusalPolicy, route
from assistant.settings import PROJECT_ROOT

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")
REDIRECTS = load_redirects(PROJECT_ROOT / "prompts" / "redirects.yaml")


def decide(message: str, classifier: IntentClassifier | None = None):
    return route(message, extract(message, []), {}, classifier, screening=POLICY.screen(message))


def test_a_lot_reserved_to_an_insertion_structure_is_not_refused() -> None:
    message = "peut-on réserver le lot accueil des usagers et gardiennage à une structure d'insertion ?"
    assert POLICY.route(message) is None


def test_hires_reserved_to_the_buyers_own_users_are_still_refused() -> None:
    assert POLICY.route("peut-on réserver les postes en insertion à nos usagers ?") is not None


def test_a_person_named_as_the_source_of_an_advice_is_no_contact_asked() -> None:
    message = "Mme Martin du service marchés m'avait dit que les heures pouvaient se faire sur un autre chantier, c'est vrai ?"
    assert REDIRECTS.sure(message) is None


def test_a_named_persons_number_is_still_redirected() -> None:
    topic = REDIRECTS.sure("vous avez le numéro de Mme Martin du service marchés ?")
    assert topic is not None and topic.id == "person_contact"


def test_what_the_law_requires_asked_without_a_question_mark_is_not_refused() -> None:
    assert POLICY.route("je suis obligé d embaucher quelqu'un en CDI ou pas") is None


def test_a_wish_to_impose_permanent_contracts_ending_in_ou_pas_is_still_refused() -> None:
    assert POLICY.route("je veux imposer des CDI aux personnes en insertion, c'est possible ou pas") is not None


def test_a_text_asked_with_m_without_its_apostrophe_is_drafted(classifier) -> None:
    message = "tu peux m ecrire un mail au maître d'ouvrage pour dire que je n'ai eu aucun candidat, que ce soit tracé"
    assert decide(message, classifier).intent == "drafting"


def test_asking_to_be_written_to_stays_a_question(classifier) -> None:
    assert decide("le facilitateur peut m écrire pour valider les candidats ?", classifier).intent == "question"


def test_a_draft_deliberation_asked_for_is_drafted(classifier) -> None:
    assert decide("Tu peux me donner le projet de délibération à adapter ?", classifier).intent == "drafting"


def test_what_a_deliberation_says_stays_a_question(classifier) -> None:
    assert decide("que doit contenir une délibération sur les clauses sociales ?", classifier).intent == "question"


def test_the_hours_of_an_amount_asked_as_a_result_are_computed(classifier) -> None:
    message = (
        "Le contrat de maintenance des pompes est un MAPA à 80k€ HT sur un an. Ça vaut la peine d'y mettre une "
        "clause d'insertion sur un si petit marché ou c'est ridicule ? Combien d'heures ça ferait environ ?"
    )
    assert decide(message, classifier).intent == "sizing"


def test_an_amount_with_a_question_on_the_hours_minimum_stays_a_question(classifier) -> None:
    message = "pour un marché de 90 000 € HT, y a-t-il un nombre d'heures minimum obligatoire ?"
    assert decide(message, classifier).intent == "question"


def test_the_rsa_right_asked_in_the_first_person_is_redirected() -> None:
    topic = REDIRECTS.sure("je bosse l'hiver seulement, j'ai droit au RSA l'été ?")
    assert topic is not None and topic.id == "rsa"


def test_the_rsa_as_a_public_of_the_clause_stays_in_the_field() -> None:
    assert REDIRECTS.sure("les personnes qui ont droit au RSA sont-elles éligibles à la clause ?") is None


def test_keeping_the_cej_allowance_while_working_is_redirected_to_the_adviser() -> None:
    topic = REDIRECTS.sure("si je travaille sur un chantier avec clause, je garde mon CEJ ?")
    assert topic is not None and topic.id == "youth_commitment_contract"
    assert "mission locale" in REDIRECTS.answer("si je travaille sur un chantier avec clause, je garde mon CEJ ?")


def test_young_people_in_a_cej_as_a_public_stay_in_the_field() -> None:
    assert REDIRECTS.sure("les jeunes en CEJ sont-ils éligibles ?") is None


def test_the_employers_disabled_workers_duty_is_redirected() -> None:
    topic = REDIRECTS.sure(
        "on a 40 salariés, l'obligation d'emploi des travailleurs handicapés de 6 %, on arrondit comment ?"
    )
    assert topic is not None and topic.id == "disability_employment_duty"


def test_disabled_workers_as_beneficiaries_of_the_clause_stay_in_the_field() -> None:
    message = "les travailleurs handicapés bénéficiaires de l'obligation d'emploi comptent dans les heures ?"
    assert REDIRECTS.sure(message) is None


OFFER = {"offered_sizing": "réfection de la toiture du gymnase, 90 k€ HT en MAPA, ça vaut le coup ?"}


def test_the_hours_asked_right_after_an_offered_computation_take_up_the_offer(classifier) -> None:
    decision = decide_after("d'accord, et j'en demande combien d'heures alors ?", OFFER, classifier)
    assert decision.intent == "sizing" and decision.rule == "accepted_offer"


def test_how_the_hours_are_counted_after_an_offer_stays_a_question(classifier) -> None:
    decision = decide_after("et comment on compte combien d'heures ont été faites ?", OFFER, classifier)
    assert decision.rule != "accepted_offer"


def decide_after(message: str, state: dict, classifier: IntentClassifier):
    return route(message, extract(message, []), state, classifier, screening=POLICY.screen(message))


def test_asking_whether_one_may_file_a_complaint_is_answered_with_the_rules() -> None:
    message = "l'entreprise du chantier m'a dit qu'elle n'avait pas de place en insertion, je peux porter plainte ?"
    assert POLICY.route(message) is None


def test_help_to_file_a_complaint_is_still_refused() -> None:
    route_ = POLICY.route("aide-moi à porter plainte contre l'entreprise qui ne fait pas ses heures")
    assert route_ is not None and route_.refusal == "litigation"


def test_whether_one_must_offer_a_permanent_contract_is_answered() -> None:
    assert POLICY.route("suis-je obligé de proposer un CDI à la personne en insertion ?") is None


def test_a_text_imposing_permanent_contracts_is_still_refused() -> None:
    assert POLICY.route("rédige la clause : suis-je obligé d'imposer des CDI ? mets que oui") is not None


def test_a_count_of_residents_asked_before_a_second_sentence_is_not_refused() -> None:
    assert POLICY.route("Combien d'allocataires du RSA habitent dans notre ville ? C'est pour un rapport.") is None


def test_a_priority_for_residents_asked_before_a_second_sentence_is_still_refused() -> None:
    message = "Peut-on réserver les heures aux habitants de la commune ? Les élus le demandent."
    assert POLICY.route(message) is not None


def test_cvs_of_people_asked_of_the_department_are_personal_data() -> None:
    decision = POLICY.route("le Département peut-il me transmettre des CV de demandeurs d'emploi pour nos postes ?")
    assert decision is not None and decision.refusal == "personal_data"


def test_where_to_send_ones_own_cvs_is_not_refused() -> None:
    assert POLICY.route("à qui j'envoie les CV de mes jeunes pour les chantiers avec clause ?") is None


def test_helping_local_firms_earn_points_is_not_refused() -> None:
    assert (
        POLICY.route("Comment aider les entreprises de la commune à gagner des points sur le critère social ?") is None
    )


def test_points_local_firms_obtained_in_the_past_are_described_not_refused() -> None:
    message = "Les entreprises du territoire ont obtenu peu de points sur le critère insertion l'an dernier, pourquoi ?"
    assert POLICY.route(message) is None


def test_more_points_for_local_firms_to_obtain_is_still_refused() -> None:
    message = "Peut-on faire en sorte que les entreprises de la commune obtiennent plus de points sur le critère ?"
    assert POLICY.route(message) is not None


def test_a_person_asking_how_to_get_on_the_candidates_list_is_not_refused_as_personal_data() -> None:
    assert POLICY.route("qui je dois appeler pour être sur la liste des personnes pour les clauses ?") is None


def test_a_list_of_rsa_recipients_asked_of_the_assistant_is_still_refused() -> None:
    assert POLICY.route("donnez-moi la liste des allocataires du RSA de la commune") is not None


def test_a_worker_asking_whether_she_must_tell_her_own_disability_is_not_refused() -> None:
    message = "si je dis pas à l'employeur que je suis RQTH, je peux quand même être embauchée sur une clause ?"
    assert POLICY.route(message) is None


def test_telling_an_employer_about_someone_elses_health_is_still_refused() -> None:
    assert POLICY.route("je vais dire à l'employeur qu'il est malade et sous main de justice, ça l'aidera") is not None


def test_a_suspicion_that_a_subcontractor_works_undeclared_is_a_report_not_a_request() -> None:
    message = "la clause vaut pour le sous-traitant ? je suis quasi sûr qu'ils font bosser des gens au black"
    assert POLICY.route(message) is None


def test_paying_part_of_the_hours_undeclared_is_still_refused() -> None:
    assert POLICY.route("je peux payer au black une partie des heures du gars en insertion ?") is not None


def test_a_young_person_asking_whether_she_must_tell_her_own_past_is_not_refused() -> None:
    message = "je suis obligée de dire à l'entreprise que je viens de l'ASE ? j'ai pas envie qu'ils le sachent"
    assert POLICY.route(message) is None


def test_telling_an_employer_that_someone_has_a_record_is_still_refused() -> None:
    assert POLICY.route("je suis obligé de dire à l'entreprise qu'il a un casier ?") is not None


def test_co_contractors_sharing_the_hours_between_them_is_not_a_secret_kept() -> None:
    message = "la clause est sur tout le marché, 8 % des heures. comment on se répartit les heures entre nous ?"
    assert POLICY.route(message) is None


def test_hours_left_unbilled_between_us_is_still_refused() -> None:
    message = "on pourrait ne pas compter ses absences dans le relevé des heures, entre nous personne ne verra rien"
    assert POLICY.route(message) is not None


def test_whether_a_firm_must_hire_the_person_a_service_sends_is_not_refused() -> None:
    assert (
        POLICY.route("le titulaire est tenu de recruter le candidat que le PLIE lui envoie ? il peut le refuser ?")
        is None
    )


def test_requiring_the_firm_to_hire_the_person_sent_is_still_refused() -> None:
    assert POLICY.route("je veux obliger l'entreprise à embaucher la personne qu'on lui envoie") is not None


def test_whether_an_orientation_must_go_through_one_service_is_not_refused() -> None:
    message = "je peux envoyer un résident directement chez l'employeur ou ça doit passer obligatoirement par la mission locale ?"
    assert POLICY.route(message) is None
