"""Questions about one named instance the guides cannot know (prompts/redirects.yaml, its ``fragments`` and the
instance topics): what a named commune or company did, the posts open in a town, a live local figure, a case to
look up in records, the people available in a place, a role holder's contact. Rule questions that merely name a
place or a company stay answered."""

from __future__ import annotations

import re

import pytest

from assistant.cards import load_cards
from assistant.case_specific import general_requests
from assistant.redirects import InvalidFragment, UnknownFragment, expand, load_redirects, read_fragments
from assistant.settings import PROJECT_ROOT

PROMPTS = PROJECT_ROOT / "prompts"
UTTERANCES = PROMPTS / "intents" / "utterances.yaml"
REDIRECTS = load_redirects(PROMPTS / "redirects.yaml")
INSTANCE_TOPICS = {"named_buyer_practice", "open_posts", "live_local_figures", "records_check", "local_pool"}


def _topic_id(message: str) -> str | None:
    topic = REDIRECTS.signalled(message)
    return topic.id if topic is not None else None


def test_a_fragment_is_put_in_its_place_as_a_group() -> None:
    assert expand(r"\b<<town>>\b", {"town": "vif|rives"}) == r"\b(?:vif|rives)\b"


def test_an_unknown_fragment_is_a_named_error() -> None:
    with pytest.raises(UnknownFragment):
        expand("<<nowhere>>", {})


def test_a_pattern_without_fragments_is_left_as_it_is() -> None:
    assert expand(r"\ba{0,3}\b", {}) == r"\ba{0,3}\b"


@pytest.mark.parametrize(
    "message",
    [
        "la commune de Montbonnot a-t-elle déjà mis une clause dans son marché de restauration ?",
        "comment a fait la mairie de Goncelin pour sa consultation d'entretien ?",
        "l'entreprise Baudin a réalisé combien d'heures d'insertion en 2023 ?",
        "quelles entreprises du Vercors ont déjà fait des heures d'insertion en menuiserie ?",
        "le syndicat de Bresson impose-t-il des clauses sur tous ses chantiers ?",
    ],
)
def test_what_a_named_buyer_or_company_did_is_sent_to_its_documents(message: str) -> None:
    assert _topic_id(message) == "named_buyer_practice"


@pytest.mark.parametrize(
    "message",
    [
        "une commune comme Voiron peut-elle réserver un marché à une entreprise adaptée ?",
        "comment la commune de Moirans peut-elle passer un marché réservé ?",
        "la commune de Crolles nous a attribué le lot 2, qui nous aide pour la clause ?",
        "combien d'heures d'insertion pour un marché de 300 000 € de nettoyage à Vienne ?",
        "comment savoir quelles entreprises ont eu des marchés avec clause en Isère ?",
    ],
)
def test_a_rule_question_naming_a_commune_or_a_company_is_answered(message: str) -> None:
    assert _topic_id(message) not in INSTANCE_TOPICS


def test_posts_open_now_in_a_town_are_a_live_list() -> None:
    assert _topic_id("il y a des missions en insertion à pourvoir vers Voreppe en ce moment ?") == "open_posts"


def test_how_to_find_posts_is_answered() -> None:
    assert _topic_id("comment trouver des missions en insertion à Grenoble ?") is None


def test_a_figure_of_a_place_now_is_a_live_local_figure() -> None:
    assert _topic_id("combien de personnes travaillent en clause dans l'Oisans aujourd'hui ?") == "live_local_figures"


def test_how_a_rate_is_computed_is_answered() -> None:
    assert _topic_id("le taux de sorties dynamiques, comment se calcule-t-il en Isère ?") is None


def test_a_case_to_look_up_in_the_assistant_s_records_is_sent_to_the_facilitator() -> None:
    topic = REDIRECTS.signalled("le titulaire dit avoir fait 600 h, vous pouvez vérifier dans vos fichiers ?")
    assert topic is not None and topic.id == "records_check" and "facilitateur" in topic.answer


def test_people_available_in_a_place_are_known_by_the_facilitator() -> None:
    assert _topic_id("y a-t-il des candidats en insertion du côté de Vinay ?") == "local_pool"


@pytest.mark.parametrize(
    "message",
    [
        "quelle est l'adresse mail du facilitateur de Bièvre Isère ?",
        "le conseiller de l'agence de Vienne, c'est qui ? il s'appelle comment ?",
    ],
)
def test_a_role_holder_s_mail_or_name_is_no_contact_the_assistant_has(message: str) -> None:
    assert _topic_id(message) == "person_contact"


def test_a_mail_sent_as_a_channel_asks_for_no_contact() -> None:
    assert _topic_id("j'envoie les CV au facilitateur par mail direct, c'est conforme au RGPD ?") is None


def test_the_contact_redirect_names_the_agency_of_an_adviser() -> None:
    assert "France Travail" in REDIRECTS.answer("le conseiller de France Travail à Vienne, il s'appelle comment ?")


def test_which_company_holds_one_lot_is_an_award() -> None:
    assert _topic_id("quelle entreprise a le lot plâtrerie du gymnase de Fontaine ?") == "award"


def test_no_card_question_or_paraphrase_is_taken_for_one_named_instance() -> None:
    cards = load_cards(PROJECT_ROOT / "corpus" / "cards")
    caught = [text for card in cards for text in card.questions if _topic_id(text) in INSTANCE_TOPICS]
    assert caught == []


def test_no_in_scope_utterance_is_taken_for_one_named_instance() -> None:
    caught = [text for text in general_requests(UTTERANCES) if _topic_id(text) in INSTANCE_TOPICS]
    assert caught == []


def test_every_instance_topic_names_a_service_with_its_number_or_its_place() -> None:
    for topic in REDIRECTS.topics:
        if topic.id in INSTANCE_TOPICS:
            assert re.search(r"04 76 00 38 38|facilitateur|France Travail", topic.answer), topic.id


def test_fragments_may_use_the_fragments_defined_before_them() -> None:
    fragments = read_fragments({"town": ["vif", "rives"], "place": "a <<town>>"})
    assert fragments["place"] == "a (?:vif|rives)"


def test_a_fragment_item_yaml_read_as_a_mapping_is_a_named_error() -> None:
    with pytest.raises(InvalidFragment):
        read_fragments({"town": [{"bourgoin(?": "jallieu)?"}]})


@pytest.mark.parametrize("message", ["vous avez le portable de Sylvie ?", "comment joindre Mehdi directement ?"])
def test_a_person_named_by_a_first_name_has_no_contact_the_assistant_knows(message: str) -> None:
    assert _topic_id(message) == "person_contact"


def test_a_number_of_a_company_asked_names_no_person() -> None:
    assert _topic_id("où trouver le numéro de SIRET d'une entreprise adaptée ?") is None


def test_a_past_year_of_a_territory_the_guides_document_is_left_to_the_guides() -> None:
    assert _topic_id("le Grésivaudan a réalisé combien d'heures d'insertion en 2022 ?") is None


def test_a_recent_year_of_a_territory_is_a_live_local_figure() -> None:
    assert _topic_id("quel est le taux de sorties des clauses dans le Trièves en 2025 ?") == "live_local_figures"
