"""Out-of-scope redirects (prompts/redirects.yaml): the right service for the topic."""

from __future__ import annotations

import pytest

from assistant.fr import extract
from assistant.intents import IntentPrediction
from assistant.redirects import first_asked, load_redirects
from assistant.routing import RefusalPolicy, route
from assistant.settings import PROJECT_ROOT

REDIRECTS = load_redirects(PROJECT_ROOT / "prompts" / "redirects.yaml")
POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")


@pytest.mark.parametrize(
    "message, service",
    [
        ("Mon RSA n'a pas été versé ce mois-ci", "CAF"),
        ("Comment déclarer mes impôts ?", "impots.gouv.fr"),
        ("Je cherche un emploi de maçon", "France Travail"),
        ("La route du col est-elle fermée ?", "Itinisère"),
    ],
)
def test_a_topic_is_redirected_to_its_service(message: str, service: str) -> None:
    assert service in REDIRECTS.answer(message)


def test_an_unknown_topic_gets_the_default_redirect() -> None:
    answer = REDIRECTS.answer("Quelle est la couleur préférée du chat ?")
    assert "isere.fr" in answer and answer.startswith(REDIRECTS.intro)


@pytest.mark.parametrize(
    "message, topic",
    [
        ("vous avez le numero direct du facilitateur du Voironnais ? son portable", "person_contact"),
        ("Mme Durand ne me rappelle pas, vous pouvez lui dire de me rappeler ?", "person_contact"),
        ("qui a gagné le lot 3 du gymnase et à quel prix ?", "award"),
        ("la date limite de remise des offres c'est bien le 12 à midi ?", "consultation_calendar"),
        ("la RD 520 est toujours fermée ? jusqu'à quand", "roads"),
        ("ma mère devient dépendante, comment demander l'APA ?", "autonomy"),
        ("ma prime d'activité a baissé, pourquoi ?", "rsa"),
        ("changement d'adresse sur la carte grise", "id_papers"),
        ("combien de demandeurs d'emploi sur le bassin de Bourgoin en ce moment ?", "local_statistics"),
        ("c'est quoi le numéro de la mission locale de Vienne ?", "opening_hours"),
        ("la société Martin a été retenue pour le lot 4 ?", "award"),
        ("combien a coûté le nouveau gymnase ?", "public_purchasing_figures"),
        ("les intérêts moratoires, c'est automatique ?", "late_payment"),
        ("comment faire une demande de logement social ?", "housing"),
        ("mon allocation chômage n'a pas été versée, pourquoi ?", "unemployment_benefits"),
        ("c'est quand le jour de collecte des encombrants ?", "waste"),
        ("mes gars sont au RSA, s'ils bossent sur le chantier ils perdent leurs droits ?", "rsa"),
        ("combien il y a d'allocataires du RSA sur ma commune ?", "local_statistics"),
        ("le prix de la cantine du collège augmente ?", "schools"),
        ("la RD devant la mairie est barrée, jusqu'à quand ?", "roads"),
        ("la départementale près de chez nous est en travaux depuis des semaines, ça finit quand ?", "roads"),
        ("des branches sont tombées en travers de la D1075, qui prévenir ?", "roads"),
        ("le déneigement du chemin derrière chez moi, c'est la mairie ou qui ?", "roads"),
        ("combien je vais payer de taxe d'aménagement pour un garage ?", "taxes"),
        ("la taxe d'apprentissage se verse à qui maintenant ?", "apprenticeship_tax"),
        ("le conseil départemental recrute-t-il des gestionnaires marchés ?", "department_jobs"),
        ("mon fils cherche un stage de troisième, vous savez où postuler ?", "department_jobs"),
        ("comment demander le FAJ pour un jeune de 19 ans ?", "youth_aid"),
        ("existe-t-il des aides pour une SIAE qui achète un véhicule utilitaire ?", "siae_funding"),
        ("le GEIQ de Bourgoin a des profils dispo en janvier ?", "structure_availability"),
        ("le taux de sorties vers l'emploi des clauses en Isère en 2025, vous l'avez ?", "local_results"),
        ("quel est le nombre d'heures d'insertion réalisées en Isère en 2024 ?", "execution_data"),
        ("combien d'heures il reste à faire sur les chantiers du secteur ce trimestre ?", "execution_data"),
        ("le nombre exact de chômeurs de longue durée dans le quartier de la Villeneuve ?", "local_statistics"),
        ("notre candidature a été écartée sans explication, pourquoi ?", "award"),
        (
            "la commune de Voreppe a mis une clause d'insertion dans son marché de voirie ou pas ?",
            "consultation_calendar",
        ),
        ("c'est quand le prochain job dating du facilitateur ?", "meeting_calendar"),
        ("qui s'occupe de la restauration des collèges, le Département ?", "schools"),
        ("c'est combien l'aide à l'embauche d'un apprenti en 2026 ?", "hiring_aids"),
        ("combien d'ESAT dans un rayon de 20 km autour de Bourgoin ?", "structure_directory"),
        ("où trouver les appels d'offres en cours du Département ?", "consultation_calendar"),
        ("comment utiliser mon CPF pour passer le CACES ?", "training_account"),
        ("mon employeur veut une rupture conventionnelle, j'ai droit à quoi ?", "labour_law"),
    ],
)
def test_a_message_asking_for_another_service_s_fact_is_surely_redirected(message: str, topic: str) -> None:
    found = REDIRECTS.sure(message)
    assert found is not None and found.id == topic


@pytest.mark.parametrize(
    "message",
    [
        "Un allocataire du RSA est-il éligible à la clause d'insertion ?",
        "Qui est le facilitateur en Sud-Isère ?",
        "Je lance des travaux sur la RD 1075 pour 2 M€, combien d'heures d'insertion ?",
        "Peut-on réserver le marché de blanchisserie des EHPAD aux ESAT ?",
        "Que faire si l'entreprise n'atteint pas ses heures d'insertion ?",
        "Un réfugié avec un titre de séjour peut-il travailler en insertion ?",
        "Peut-on mettre une clause d'insertion dans un marché de collecte des encombrants ?",
        "Un bailleur social doit-il mettre une clause dans ses travaux de logement ?",
        "je veux publier la liste des entreprises qui n'ont pas fait leurs heures, avec leur nom",
        "je veux un critère social pour la cantine du collège, quelle pondération ?",
        "Le Département peut-il imposer aux titulaires d'accueillir des stagiaires de 3e ?",
        "Peut-on réserver un lot aux SIAE pour l'entretien du matériel ?",
        "Comment compter le taux de sorties vers l'emploi des participants ?",
        "Combien d'heures d'insertion reste-t-il à réaliser si l'entreprise a fait 300 h sur 500 ?",
        "Le salarié en insertion a démissionné, l'entreprise doit-elle le remplacer ?",
        "Les aides au poste d'une SIAE entrent-elles dans le prix de son offre ?",
        "Les heures de formation CPF d'un salarié en insertion comptent-elles pour la clause ?",
    ],
)
def test_a_question_the_guides_answer_is_not_surely_redirected(message: str) -> None:
    assert REDIRECTS.sure(message) is None


@pytest.mark.parametrize(
    "message",
    [
        # a relative « qui » after a noun tells the situation; it does not ask who won
        "Une entreprise de nettoyage qui a gagné un marché de la commune nous appelle pour ses heures. "
        "Peut-on lui mettre à disposition nos salariés ?",
        # a job's working hours are not a structure's opening hours
        "Nos agents ont des horaires décalés, tôt le matin et en fin d'après-midi. "
        "Peut-on faire les heures sur un autre poste ?",
        # a person described (« un monsieur avec… ») names nobody
        "Quels publics comptent ? J'ai un monsieur avec une RQTH et une dame de 58 ans au RSA.",
        # a school canteen's award criteria and their weights are the field
        "Pour la restauration scolaire je pense à prix 50 %, qualité 35 %, performance sociale 15 %. C'est solide ?",
    ],
)
def test_a_word_of_the_situation_does_not_redirect_what_is_asked(message: str) -> None:
    assert REDIRECTS.sure(message) is None


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("On a répondu au lot 2. Vous savez qui a gagné ?", "award"),
        ("le marché de la piscine, c quelle boite qui a eu le lot ?", "award"),
        ("l'entreprise Dupont qui a eu le marché de voirie a-t-elle une clause d'insertion ?", "execution_data"),
    ],
)
def test_who_won_asked_is_still_redirected(message: str, topic: str) -> None:
    found = REDIRECTS.sure(message)
    assert found is not None and found.id == topic


def test_a_too_specific_question_gets_its_own_intro_not_the_out_of_scope_one() -> None:
    answer = REDIRECTS.answer("c'est quoi le numéro direct de la facilitatrice du Trièves ?")
    assert not answer.startswith(REDIRECTS.intro)
    assert "04 76 00 38 38" in answer and "Sud-Isère" in answer


def test_an_award_redirect_names_the_buyer_s_published_data() -> None:
    answer = REDIRECTS.answer("qui a eu le marché de nettoyage du collège et à combien ?")
    assert "données essentielles" in answer and "profil d'acheteur" in answer


def test_an_abstention_on_a_recognised_topic_names_its_service() -> None:
    answer = REDIRECTS.abstention("la RD 1090 est coupée vers Voreppe ?")
    assert answer is not None and answer.startswith(REDIRECTS.unknown_intro) and "Itinisère" in answer


def test_an_abstention_without_a_recognised_topic_has_no_hint() -> None:
    assert REDIRECTS.abstention("Quelle est la couleur préférée du chat ?") is None


def test_the_router_redirects_a_signalled_message_and_names_the_topic() -> None:
    message = "la RD 1090 est fermée entre Voreppe et Moirans, jusqu'à quand ?"
    decision = route(message, extract(message, []), {}, None, REDIRECTS, screening=POLICY.screen(message))
    assert decision.intent == "redirect" and decision.rule == "redirect:roads"


def test_the_refusal_policy_comes_before_a_redirect() -> None:
    message = "donne-moi la liste nominative des allocataires du RSA de la commune"
    decision = route(message, extract(message, []), {}, None, REDIRECTS, screening=POLICY.screen(message))
    assert decision.intent == "refusal"


def test_an_abstention_is_not_sent_to_a_service_on_a_keyword_alone() -> None:
    assert REDIRECTS.hint("clause d'insertion pour les travaux du collège de Vif, lot 3 ?") is None


def test_a_fallen_tree_on_a_road_names_the_emergency_number_first() -> None:
    answer = REDIRECTS.answer("un arbre est tombé sur la RD 512, on appelle qui ?")
    assert "112" in answer and "Itinisère" in answer


def test_the_hours_done_in_a_past_year_are_a_local_result_not_a_text_to_draft() -> None:
    message = "combien d'heures d'insertion le Département a effectué en 2023 sur ses chantiers ? c'est pour un article"
    assert REDIRECTS.sure(message).id == "local_results"


def test_the_hours_done_last_year_are_a_local_result_not_a_computation() -> None:
    message = "combien d'heures d'insertion ont été faites dans le nettoyage en Isère l'année dernière ?"
    assert REDIRECTS.sure(message).id == "local_results"


def test_the_hours_to_do_next_year_are_not_redirected() -> None:
    assert REDIRECTS.sure("combien d'heures d'insertion dois-je faire l'an prochain sur un marché de 300 k€ ?") is None


def test_a_yearly_isere_result_names_the_facilitators_and_the_ive_service() -> None:
    answer = REDIRECTS.answer("le taux de retour à l'emploi des participants en Isère en 2024 exact ?")
    assert "bilans des facilitateurs" in answer and "04 76 00 38 38" in answer


# --- what a long message asks, not the story told before it ---------------------------------------


def test_a_signal_in_the_story_does_not_redirect_a_question_about_the_clause() -> None:
    message = (
        "Notre sous-traitant, celui qui a remporté le lot plomberie l'an passé, embauche deux jeunes. "
        "Est-ce que leurs heures comptent pour la clause du titulaire ?"
    )
    assert REDIRECTS.sure(message) is None


def test_a_topic_outside_the_field_told_in_the_story_does_not_redirect_a_clause_question() -> None:
    message = (
        "Je suis un monsieur de 58 ans qui touche l'APA pour sa mère. Je cherche du travail sur les chantiers "
        "avec des heures d'insertion. Comment faire pour être orienté ?"
    )
    assert REDIRECTS.sure(message) is None


def test_a_signal_in_the_question_still_redirects_after_a_story() -> None:
    message = "On a un chantier avec une clause à Vienne. Qui a gagné le lot électricité et à quel prix ?"
    found = REDIRECTS.sure(message)
    assert found is not None and found.id == "award"


def test_a_request_after_the_question_mark_belongs_to_what_is_asked() -> None:
    message = "qui est la facilitatrice du Grésivaudan ? j'ai besoin de son numéro perso pour la rappeler"
    found = REDIRECTS.sure(message)
    assert found is not None and found.id == "person_contact"


def test_a_vague_question_after_a_story_is_read_with_the_story() -> None:
    message = "Mon voisin touche le RSA et sa prime d'activité a été suspendue. Vous savez pourquoi ?"
    found = REDIRECTS.sure(message)
    assert found is not None and found.id == "rsa"


def test_a_message_without_a_question_mark_is_read_whole() -> None:
    message = "Bonjour. Je voudrais le portable de Mme Girard du PLIE. Merci d'avance."
    found = REDIRECTS.sure(message)
    assert found is not None and found.id == "person_contact"


def test_the_department_imposing_hiring_on_firms_is_not_a_job_at_the_department() -> None:
    message = "le département peut-il imposer aux entreprises d'embaucher des jeunes du quartier ?"
    found = REDIRECTS.sure(message)
    assert found is None or found.id != "department_jobs"


def test_a_count_of_job_seekers_in_a_priority_district_is_a_local_statistic() -> None:
    found = REDIRECTS.sure("combien de chômeurs il y a dans le QPV de l'Abbaye en ce moment ?")
    assert found is not None and found.id == "local_statistics"


def test_help_to_pass_the_driving_licence_is_a_mobility_aid() -> None:
    found = REDIRECTS.sure("existe-t-il une aide de la Région pour financer le permis de conduire d'un salarié ?")
    assert found is not None and found.id == "mobility_aids"


@pytest.mark.parametrize(
    "message, topic",
    [
        ("pouvez-vous me dire si ma candidature est bien reçue ?", "file_status"),
        ("j'ai envoyé l'état mensuel, vous pouvez vérifier si c'est validé ?", "file_status"),
        ("où en est notre dossier de validation des heures ?", "file_status"),
        ("la CAO du 12 a retenu quelle offre sur le lot voirie ?", "commission_decisions"),
        ("c'est quand la commission permanente qui vote la convention ?", "commission_decisions"),
        ("je voudrais publier une offre d'emploi sur votre site", "job_posting"),
        ("on recherche un plombier chauffagiste CDI temps plein, vous pouvez relayer ?", "job_posting"),
        ("la CFE de notre agence a doublé, à qui s'adresser ?", "taxes"),
        ("comment avoir une place en crèche près de mon travail ?", "childcare"),
        (
            "l'EI qui fait le nettoyage à Échirolles a la capacité de prendre un site de plus ?",
            "structure_availability",
        ),
        ("la facture du mois de mai n'a toujours pas été payée par la commune", "late_payment"),
        ("quand est-ce que le Département va nous payer ?", "late_payment"),
        ("notre facture sur Chorus est rejetée depuis un mois, je fais comment ?", "late_payment"),
        ("le marché de nettoyage des gymnases en 2022, il comportait une clause ou pas ?", "execution_data"),
        ("élue minoritaire, ai-je le droit d'obtenir les contrats signés par la mairie ?", "document_access"),
        ("le Département va lancer un marché de nettoyage cette année ?", "consultation_calendar"),
        ("c'est quand la prochaine réunion des facilitateurs ?", "meeting_calendar"),
        ("il y a une aide pour embaucher un alternant en ce moment ?", "hiring_aids"),
        ("combien de personnes au RSA à Voiron ?", "local_statistics"),
        ("vous avez le numéro de téléphone du facilitateur du Trièves ?", "person_contact"),
        ("en M57 on impute les pénalités sur quel compte ?", "public_accounting"),
        ("quand est-ce que la fibre arrive dans notre hameau ?", "broadband"),
        ("nos heures d'insertion, on les met en ESRS S1 ou en S3 dans le rapport ?", "sustainability_reporting"),
        ("qui s'occupe des clauses vers Vienne ? il me faut un nom et un numéro pour orienter", "person_contact"),
        ("le titulaire a-t-il déjà fait ses heures sur vos marchés de voirie ?", "execution_data"),
        ("le Département donnerait combien en plus sur notre subvention avec une clause ?", "subsidy_conditions"),
    ],
)
def test_a_too_specific_or_outside_fact_names_the_service_that_holds_it(message: str, topic: str) -> None:
    found = REDIRECTS.sure(message)
    assert found is not None and found.id == topic


@pytest.mark.parametrize(
    "message",
    [
        "faut-il indiquer le numéro du facilitateur dans le CCAP ?",
        "si elle est refusée, l'entreprise doit-elle remplacer la personne ?",
        "l'entreprise dit qu'elle a déjà fait ses heures avec une agence d'intérim classique, ça compte ?",
        "la commission d'appel d'offres peut-elle écarter une offre sans engagement d'insertion ?",
        "un lot réservé aux SIAE peut-il être attribué à une entreprise adaptée ?",
        "je recrute un salarié en insertion pour la clause, en CDI, ça compte ?",
    ],
)
def test_a_question_on_the_rules_shaped_like_those_facts_is_answered_from_the_guides(message: str) -> None:
    assert REDIRECTS.sure(message) is None


def test_a_housing_request_keeps_its_own_service_before_a_file_s_state() -> None:
    found = REDIRECTS.sure("où en est ma demande de logement social ?")
    assert found is not None and found.id == "housing"


def test_a_question_pointing_back_at_a_story_outside_the_field_is_redirected() -> None:
    message = (
        "Une personne que je suis a peur de perdre ses droits si elle refuse le poste de la clause : "
        "une sanction sur son RSA est possible. Je lui réponds quoi ?"
    )
    found = REDIRECTS.sure(message)
    assert found is not None and found.id == "rsa"


@pytest.mark.parametrize("sentence", ["Je fais quoi ?", "Qui je contacte ?", "Qu'est-ce que je lui dis ?"])
def test_a_bare_question_points_back_at_the_story(sentence: str) -> None:
    assert REDIRECTS.points_back(sentence)


@pytest.mark.parametrize(
    "sentence", ["C'est possible ?", "Comment faire pour être orienté ?", "Je fais quoi des heures ?"]
)
def test_a_question_with_its_own_object_does_not_point_back(sentence: str) -> None:
    assert not REDIRECTS.points_back(sentence)


def test_what_a_referent_may_pass_on_about_a_benefit_is_a_personal_data_question() -> None:
    message = "Puis-je transmettre au facilitateur le montant du RSA des personnes que j'accompagne ?"
    assert REDIRECTS.sure(message) is None


@pytest.mark.parametrize(
    "message",
    [
        "la société Martin BTP a-t-elle déjà eu des pénalités sur ses clauses ?",
        "l'entreprise Vinci a-t-elle respecté sa clause sur le chantier du collège ?",
    ],
)
def test_the_record_of_a_named_company_is_execution_data(message: str) -> None:
    found = REDIRECTS.sure(message)
    assert found is not None and found.id == "execution_data"


def test_the_rule_for_any_company_is_not_a_named_company_s_record() -> None:
    assert REDIRECTS.sure("l'entreprise a-t-elle respecté sa clause si elle a fait 90 % des heures ?") is None


# --- topics and signals added from the blind batches' abstentions, in other words -------------------


@pytest.mark.parametrize(
    "message, topic",
    [
        ("Pourquoi mon abonnement d'eau a doublé ? je suis à Voiron", "utilities"),
        ("qui appeler pour une fuite d'eau avant le compteur ?", "utilities"),
        ("mon enfant handicapé a-t-il droit au transport adapté pour aller au collège ?", "adapted_transport"),
        ("ma fille cherche une alternance en paysagisme, vous pouvez l'aider ?", "job"),
        ("le titulaire du lot 2 attribué l'an dernier a-t-il effectivement réalisé ses heures ?", "execution_data"),
        ("combien de jeunes ont travaillé sur les chantiers du Département grâce aux clauses ?", "execution_data"),
        ("Quel était le prix retenu pour le marché de voirie de la commune en 2024 ?", "award"),
        ("Vous avez la date de la prochaine réunion des facilitateurs ?", "meeting_calendar"),
        ("la prochaine rencontre des prescripteurs, c'est toujours le mardi matin ?", "meeting_calendar"),
        ("C'est qui le nouveau référent clauses au Département ?", "person_contact"),
        ("L'ETTI de Voiron prend-elle encore des candidats en ce moment ?", "structure_availability"),
        (
            "Faut-il une délibération type du conseil municipal pour travailler avec le facilitateur ?",
            "partnership_formalities",
        ),
        ("Combien a été la subvention accordée au PLIE en 2023 ?", "subsidy_amounts"),
        ("La candidate que nous avons positionnée chez le titulaire du lot 4, elle a été embauchée ?", "file_status"),
    ],
)
def test_a_fact_only_its_holder_has_is_redirected_to_that_service(message: str, topic: str) -> None:
    found = REDIRECTS.sure(message)
    assert found is not None and found.id == topic


@pytest.mark.parametrize(
    "message",
    [
        "Le marché de relève des compteurs d'eau peut-il avoir une clause d'insertion ?",
        "Peut-on réserver le marché de transport adapté des élèves à une entreprise adaptée ?",
        "Je cherche un emploi : les clauses d'insertion peuvent-elles m'aider ?",
        "Qui signe la convention de globalisation des heures entre deux acheteurs ?",
        "Le montant d'attribution sert-il de base au calcul des heures d'insertion ?",
        "Qui est le facilitateur en Nord-Isère ?",
    ],
)
def test_a_question_the_guides_answer_is_not_sent_to_a_new_topic(message: str) -> None:
    assert REDIRECTS.sure(message) is None


def test_a_situation_that_is_the_problem_is_redirected_when_the_question_points_back_at_it() -> None:
    message = (
        "L'ancien titulaire ne veut pas me donner la liste du personnel, on démarre lundi. "
        "On fait quoi ? le CCAP ne dit rien"
    )
    found = REDIRECTS.sure(message)
    assert found is not None and found.id == "transfer_dispute"


def test_a_situation_topic_told_in_the_story_does_not_redirect_a_question_about_the_clause() -> None:
    message = (
        "L'ancien titulaire ne veut pas me donner la liste du personnel. "
        "Les heures des salariés repris comptent-elles pour la clause ?"
    )
    assert REDIRECTS.sure(message) is None


def test_the_unless_of_a_topic_reads_the_story_told_before_the_question() -> None:
    message = (
        "Le RC note un critère social sur 10 points. Comment avoir la note maximale ? "
        "nos agents font des horaires coupés à cause de la cantine"
    )
    assert REDIRECTS.sure(message) is None


def test_a_question_that_names_a_clause_is_in_the_field() -> None:
    assert REDIRECTS.asks_about_the_field("Je n'avais rien prévu. Combien va me coûter cette clause ?")
    assert not REDIRECTS.asks_about_the_field("Le prix de la cantine va-t-il augmenter ?")


class _ReadsOutOfScope:
    """A classifier that finds every message out of scope, as it sometimes does with a user's own words."""

    def predict(self, text: str) -> IntentPrediction:
        return IntentPrediction("out_of_scope", 0.7, (("out_of_scope", 0.7), ("question", 0.3)))


def _route_out_of_scope(message: str):
    return route(message, extract(message, []), {}, _ReadsOutOfScope(), REDIRECTS, screening=POLICY.screen(message))


def test_a_clause_asked_about_is_a_question_whatever_the_classifier_reads() -> None:
    decision = _route_out_of_scope("Je n'avais rien prévu dans mon devis : combien va me coûter cette clause ?")
    assert decision.intent == "question"


def test_a_message_the_classifier_finds_out_of_scope_without_a_field_cue_is_redirected() -> None:
    assert _route_out_of_scope("Quel temps fera-t-il demain à Grenoble ?").intent == "redirect"


# --- session 8: facts too specific or outside the field, asked in new ways --------------------------


@pytest.mark.parametrize(
    "message, topic",
    [
        ("c'est quoi le taux de chômage actuel à Vizille ?", "local_statistics"),
        ("combien de jeunes sont suivis par la mission locale de Vienne ?", "local_statistics"),
        ("combien d'heures d'insertion il reste en ce moment sur les chantiers du Voironnais ?", "execution_data"),
        ("je n'ai pas de permis, comment je fais pour aller sur un chantier ?", "mobility_aids"),
        ("est-ce que la mairie rembourse les trajets pour aller au chantier ?", "mobility_aids"),
        ("est-ce qu'on a eu le marché de nettoyage de la médiathèque ? toujours rien reçu", "award"),
        ("est-ce que la société Durand Paysages est bien une entreprise d'insertion ?", "structure_status"),
        ("l'entreprise Martin Propreté est-elle une entreprise adaptée ?", "structure_status"),
        ("et y en a une du côté de Vienne ?", "structure_directory"),
        ("il existe une ETTI dans le transport en Isère ?", "structure_directory"),
        ("pour le chantier du gymnase, qui est le référent insertion sur le lot 3 ?", "person_contact"),
        ("donnez-moi le nom du responsable des achats du Département", "person_contact"),
        ("sur notre marché c'est combien d'heures déjà ? j'ai pas le dossier sous la main", "own_documents"),
        ("il me faut une permission de voirie pour poser un échafaudage, je demande où ?", "roads"),
        ("la décheterie de Crolles accepte les professionnels ?", "waste"),
        ("le renouvellement du contrat de nettoyage des collèges est prévu quand ?", "consultation_calendar"),
        ("vous avez le numéro de l'arrêt du Conseil d'État sur les clauses de 2024 ?", "case_law"),
        ("quels exemples de jurisprudence sur les clauses d'insertion ?", "case_law"),
        ("que prévoit le SPASER de la métropole sur l'insertion ?", "buyer_spaser"),
        ("il me faut la date et le numéro de la délibération qui a créé le guichet", "commission_decisions"),
        ("comment obtenir une bourse sur critères sociaux pour ma fille étudiante ?", "student_aid"),
    ],
)
def test_a_fact_held_elsewhere_asked_in_new_words_names_its_holder(message: str, topic: str) -> None:
    found = REDIRECTS.sure(message)
    assert found is not None and found.id == topic


@pytest.mark.parametrize(
    "message",
    [
        # whether an offer may be rejected is the rule, not one offer's fate
        "Une offre peut-elle être écartée au motif qu'elle ne respecte pas le droit du travail ?",
        # a waste service bought by tender is a question about its clause or criterion
        "Quelle pondération pour le critère social d'un appel d'offres de collecte des déchetteries ?",
        "c'est quoi un SPASER et est-ce que le département en a un ?",
        "Y a-t-il un plafond jurisprudentiel pour la pondération d'un critère social ?",
        "Peut-on fixer le volume d'heures selon le taux de chômage du territoire ?",
        "Une entreprise adaptée peut-elle répondre à un lot réservé aux SIAE ?",
        "à la fin du marché, quand faire le bilan des heures ?",
        "faut-il mettre le nom de la personne en insertion sur le relevé d'heures ?",
        "dans notre CCAP c'est combien d'heures qu'on doit mettre pour un marché de 300 000 € ?",
        "dans notre marché de nettoyage c'est quoi le mieux, une ETTI ou un GEIQ ?",
        "l'entreprise titulaire est-elle une entreprise adaptée si elle emploie 55 % de travailleurs handicapés ?",
        "avec un taux de chômage de 12 % en 2024 sur le territoire, combien d'heures prévoir ?",
        "faut-il indiquer la date de la délibération dans la convention de globalisation ?",
    ],
)
def test_a_rule_shaped_like_those_facts_is_not_redirected(message: str) -> None:
    assert REDIRECTS.sure(message) is None


def test_an_article_reference_does_not_end_the_question_asked() -> None:
    message = "Peut-on écarter l'offre (L. 2152-6) ? Existe-t-il une jurisprudence récente ?"
    assert first_asked(message) == "Peut-on écarter l'offre (L. 2152-6) ?"


def test_the_outcome_of_a_past_dated_clause_is_redirected_to_execution_data() -> None:
    topic = REDIRECTS.sure(
        "la Ville avait mis une clause sur l'entretien des gymnases en 2024, ça a donné combien d'heures ?"
    )
    assert topic is not None and topic.id == "execution_data"


def test_a_computation_for_a_future_year_is_not_redirected() -> None:
    assert (
        REDIRECTS.sure("on lance un marché de 400 k€ en 2027 avec une clause, ça donnerait combien d'heures au final ?")
        is None
    )


def test_a_follow_up_asking_for_one_structure_in_a_region_is_the_directory() -> None:
    found = REDIRECTS.sure("et y en a un pour les espaces verts en Isère ?")
    assert found is not None and found.id == "structure_directory"


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("la commune doit-elle me verser une avance sur ce marché de 90 000 € ?", "late_payment"),
        ("quel est le délai de paiement d'une facture par un hôpital public ?", "late_payment"),
        (
            "nos situations sont réglées en combien de jours par le Département, sous quel délai ils doivent payer ?",
            "late_payment",
        ),
        ("l'aide à l'embauche de notre alternant, qui la verse ?", "hiring_aids"),
        ("je peux avoir le détail des prix du concurrent qui a remporté le lot 2 ?", "award"),
        ("la mairie nous a écartés au motif que le DC2 était incomplet, c'est normal ?", "award"),
        ("combien d'ESAT installés dans le Grésivaudan font de la blanchisserie ?", "structure_directory"),
        ("y a-t-il une ETTI dans le Vercors pour des chantiers l'été ?", "structure_directory"),
        ("Comment aider les artisans du territoire à répondre aux appels d'offres des communes ?", "business_support"),
    ],
)
def test_a_fact_the_guides_never_treat_is_redirected_to_whoever_holds_it(message: str, topic: str) -> None:
    found = REDIRECTS.sure(message)
    assert found is not None and found.id == topic


def test_a_payment_redirect_names_the_buyer_and_the_contract_documents() -> None:
    answer = REDIRECTS.answer("l'hôpital est-il obligé de me verser une avance ?")
    assert "acheteur" in answer and "CCAP" in answer


def test_an_apprentice_hiring_aid_redirect_names_the_paying_agency() -> None:
    assert "ASP" in REDIRECTS.answer("l'aide à l'embauche d'un apprenti, c'est qui qui la verse ?")


@pytest.mark.parametrize(
    "message",
    [
        # volunteering offered inside a tender's offer is about the award criterion, not a wish to volunteer
        "L'acheteur m'a mis une mauvaise note sur le critère social alors que je proposais de faire du parrainage "
        "bénévole. C'est normal ?",
        # helping insertion structures answer a reserved market is the field
        "Comment aider les SIAE du territoire à répondre aux marchés réservés ?",
    ],
)
def test_a_question_about_a_tender_is_not_sent_to_a_service_outside_the_field(message: str) -> None:
    found = REDIRECTS.sure(message)
    assert found is None or found.field


def test_a_buyer_s_next_tender_is_a_question_about_the_field() -> None:
    assert REDIRECTS.asks_about_the_field("quand sort le prochain marché d'entretien des routes ?")


def test_a_certification_demanded_of_candidates_is_sent_to_the_consultation_rules() -> None:
    found = REDIRECTS.sure("la mairie peut exiger la certification ISO 9001 pour répondre au marché de nettoyage ?")
    assert found is not None and found.id == "required_certifications"
    assert "règlement de la consultation" in REDIRECTS.answer(
        "peut-on nous imposer une norme EN 14065 pour candidater ?"
    )


def test_a_certification_asked_of_a_reserved_market_stays_in_the_field() -> None:
    assert REDIRECTS.sure("Je peux exiger une certification dans un marché réservé aux EA ?") is None


def test_who_holds_the_facilitator_post_now_is_a_contact_the_assistant_does_not_have() -> None:
    found = REDIRECTS.sure("c'est qui le facilitateur pour le Trièves en ce moment ? l'ancien numéro ne répond plus")
    assert found is not None and found.id == "person_contact"


def test_who_the_facilitator_of_ones_territory_is_stays_answered_by_the_guides() -> None:
    found = REDIRECTS.sure("qui est le facilitateur clauses sociales sur mon territoire ?")
    assert found is None or found.id != "person_contact"


def test_a_name_and_a_number_a_clause_should_show_are_not_a_contact_asked() -> None:
    assert REDIRECTS.sure("faut-il mettre le nom et le numéro du facilitateur dans le CCAP ?") is None


def test_a_structure_asked_with_a_name_and_a_number_is_not_a_person_to_reach() -> None:
    found = REDIRECTS.sure("il y a une SIAE qui fait du nettoyage à Vienne ? donnez moi le nom et le tel")
    assert found is None or found.id != "person_contact"


def test_how_a_penalty_is_recovered_is_no_accounting_question() -> None:
    assert REDIRECTS.sure("la pénalité je la déduis du décompte ou j'émets un titre de recette ?") is None


def test_the_hours_of_fibre_works_are_no_broadband_question() -> None:
    assert REDIRECTS.sure("les raccordements de la fibre chez l'abonné, ces heures comptent dans la clause ?") is None
