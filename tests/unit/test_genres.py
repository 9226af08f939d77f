"""Document genres the catalogue has no kind for (a note, speaking notes, a reply, a plan, a FAQ, a
checklist, a communication text): detected from the request, framed by their templates, and filled
with what the answer cards of their topic say, with their legal basis and citations
(assistant/genres.py, prompts/clauses/genres.yaml, assistant/backends/embedded/drafting.py)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from assistant.backends.base import Turn
from assistant.backends.embedded.drafting import DraftingAnswers
from assistant.cards import Card
from assistant.drafting import default_library
from assistant.fr import extract
from assistant.genres import addressee, default_genres, find_genre, genre_topic, material, topic_parts
from assistant.intents import IntentClassifier
from assistant.matching import CardMatch, Matching
from assistant.presenting import load_messages
from assistant.responses import Source
from assistant.routing import RefusalPolicy, Route, route
from assistant.settings import PROJECT_ROOT
from assistant.state import ConversationState

COST = "cout-clause-pour-acheteur"


@pytest.mark.parametrize(
    ("message", "genre"),
    [
        ("Préparez-moi des éléments de langage pour ma prise de parole en séance", "speaking-notes"),
        ("une note d'information pour la commission sur les marchés réservés", "information-note"),
        ("Pouvez-vous me proposer une trame de point d'information pour le CDIAE ?", "information-note"),
        ("fais-m'en une note", "information-note"),
        ("je dois répondre à une question écrite de l'opposition", "reply"),
        ("plus concret, avec un planning", "plan"),
        ("un petit texte pour le bulletin municipal sur l'insertion", "communication"),
        ("fais une FAQ pour les entreprises sur les heures d'insertion", "faq"),
        ("une check-list avant de publier la consultation", "checklist"),
    ],
)
def test_a_genre_is_recognised_from_its_cue_words(message: str, genre: str) -> None:
    found = find_genre(message)
    assert found is not None and found.id == genre


@pytest.mark.parametrize(
    "message",
    ["rédige l'article d'insertion du CCAP", "rédige une note de dérogation", "quelle note pour le critère social ?"],
)
def test_a_clause_or_a_question_is_no_genre(message: str) -> None:
    assert find_genre(message) is None


def test_every_genre_names_an_existing_template_and_every_cue_compiles() -> None:
    library = default_library()
    for genre in default_genres().genres:
        assert library.environment.get_template(genre.template) is not None


def test_the_topic_is_the_request_without_its_frame_and_its_genre() -> None:
    genre = find_genre("une note d'une page pour le Président sur le coût des clauses sociales")
    assert genre is not None
    topic = genre_topic("une note d'une page pour le Président sur le coût des clauses sociales", genre)
    assert "cout des clauses sociales" in topic and "note" not in topic and "page" not in topic


def test_a_request_that_only_names_the_genre_has_no_topic() -> None:
    genre = find_genre("fais-m'en une note")
    assert genre is not None and genre_topic("fais-m'en une note", genre) == ""


def test_the_addressee_is_read_from_the_request() -> None:
    assert addressee("une note pour le Président") == "M. le Président / Mme la Présidente"
    assert addressee("répondre à une question écrite d'un élu d'opposition") == "Élu(e) de l'opposition"
    assert addressee("une note sur le coût") is None


def test_a_card_becomes_a_lead_and_whole_sentences(cards: dict[str, Card]) -> None:
    found = material(cards[COST])
    assert found.lead == cards[COST].first_sentence
    assert found.points and all("**" not in point for point in found.points)
    assert found.legal_basis == cards[COST].legal_basis


def test_a_lead_that_introduces_a_list_says_its_first_items() -> None:
    card = _card(
        "voies",
        "Comment réaliser les heures ?",
        "L'entreprise choisit sa voie :\n- embauche directe ;\n- ETTI ;\n- GEIQ.",
    )
    assert material(card).lead == "L'entreprise choisit sa voie : embauche directe ; ETTI ; GEIQ."


# --------------------------------------------------------------------------- drafted through the backend


def _card(card_id: str, question: str, answer: str, legal_basis: tuple[str, ...] = ("L2112-2",)) -> Card:
    import datetime as dt

    return Card(card_id, question, (), answer, "explanation", legal_basis, (), (), dt.date(2026, 12, 1), "t")


def _answers(found: dict[str, Card]) -> DraftingAnswers:
    """The drafting backend with its card matching reduced to ``found`` (text → card) and one guide source
    per card, so that the specification reads on known cards, not on the embedder."""
    answers = object.__new__(DraftingAnswers)
    answers.messages = load_messages(PROJECT_ROOT / "prompts" / "messages.yaml")
    answers.toolbox = SimpleNamespace(library=default_library())

    def match(text: str) -> Matching | None:
        hit = next((card for words, card in found.items() if words in text.lower()), None)
        return Matching((CardMatch(hit, 0.8, 0.8, 0.8),)) if hit else Matching(())

    def source(card: Card, n: int) -> tuple[list[Source], list[Any]]:
        return [Source(n=n, title="Guide", source="12-faq.md", section=card.question, excerpt="…")], []

    answers._match_cards = match  # type: ignore[method-assign]
    answers._card_source = source  # type: ignore[method-assign]
    return answers


def _draft(answers: DraftingAnswers, message: str, state: ConversationState | None = None, follow_up: bool = False):
    state = state or ConversationState()
    turn = Turn(message, state, [])
    return answers._genre_draft(
        turn, None, Route("drafting", follow_up=follow_up), state.but(last_intent="drafting"), False
    )


def test_a_note_carries_the_true_answer_of_its_topic_card_with_its_source(cards: dict[str, Card]) -> None:
    answers = _answers({"cout": cards[COST]})
    answer = _draft(answers, "Fais-moi une note pour le DGS : les clauses sociales coûtent-elles plus cher ?")
    assert answer is not None and answer.intent == "drafting"
    assert "**Objet :**" in answer.text and "### Points clés" in answer.text
    assert material(cards[COST]).lead in answer.text
    assert "[1]" in answer.text and [s.n for s in answer.sources] == [1]
    assert answer.state.draft_kind == "genre:information-note"


def test_speaking_notes_are_numbered_talking_points(cards: dict[str, Card]) -> None:
    answer = _draft(_answers({"cout": cards[COST]}), "Préparez-moi des éléments de langage sur le coût des clauses")
    assert answer is not None and "1. **Le message principal**" in answer.text and "\n2. " in answer.text


def test_a_reply_opens_with_madame_monsieur_and_quotes_the_question(cards: dict[str, Card]) -> None:
    message = "Je dois répondre à une question écrite : « Les clauses sociales coûtent-elles plus cher ? »"
    answer = _draft(_answers({"cout": cards[COST]}), message)
    assert answer is not None and "Madame, Monsieur," in answer.text
    assert "« Les clauses sociales coûtent-elles plus cher ? »" in answer.text
    assert "salutations distinguées" in answer.text


def test_a_plan_is_a_table_of_dated_steps(cards: dict[str, Card]) -> None:
    answer = _draft(_answers({"cout": cards[COST]}), "fais-moi un plan d'action sur le coût des clauses sociales")
    assert answer is not None and "| Étape | Échéance | Qui | Indicateur de suivi |" in answer.text
    assert "Chaque mois" in answer.text and "tuteur" in answer.text


def test_a_faq_and_a_checklist_have_their_own_frames(cards: dict[str, Card]) -> None:
    answers = _answers({"cout": cards[COST]})
    faq = _draft(answers, "fais une FAQ pour les entreprises sur le coût des clauses")
    checklist = _draft(answers, "une check-list sur le coût des clauses sociales")
    assert faq is not None and f"**{cards[COST].question}**" in faq.text
    assert checklist is not None and "- [ ] " in checklist.text


def test_a_follow_up_reshapes_the_topic_of_the_text_just_drafted(cards: dict[str, Card]) -> None:
    answers = _answers({"cout": cards[COST]})
    before = ConversationState(
        last_intent="drafting", draft_kind="genre:information-note", draft_params={"topic": "cout des clauses"}
    )
    answer = _draft(answers, "plus concret, avec un planning", before, follow_up=True)
    assert answer is not None and "| Étape |" in answer.text
    assert material(cards[COST]).lead in answer.text
    assert answer.state.draft_kind == "genre:plan"


def test_a_genre_without_a_topic_asks_which_subject(cards: dict[str, Card]) -> None:
    answer = _draft(_answers({}), "fais-moi une note d'information")
    assert answer is not None and answer.text.startswith("Sur quel sujet")
    assert answer.suggestions and all(s.startswith("Une note") for s in answer.suggestions)


def test_a_catalogue_text_named_in_the_request_wins_over_the_genre(cards: dict[str, Card]) -> None:
    answers = _answers({"cout": cards[COST]})
    state = ConversationState()
    turn = Turn("une note pour le titulaire : le courrier de lancement", state, [])
    assert answers._genre_draft(turn, "start-letter", Route("drafting"), state, False) is None


def test_a_written_question_to_answer_is_routed_to_drafting(tmp_path) -> None:
    classifier = IntentClassifier.load(PROJECT_ROOT / "prompts" / "intents" / "utterances.yaml", tmp_path)
    policy = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")
    message = (
        "Je dois répondre à une question écrite d'un élu : « Le Département applique-t-il la loi ? ». "
        "Proposez-moi une réponse courte."
    )
    decided = route(message, extract(message, []), ConversationState(), classifier, screening=policy.screen(message))
    assert decided.intent == "drafting"


def test_the_answer_to_which_subject_is_the_topic_of_the_genre_asked(cards: dict[str, Card]) -> None:
    answers = _answers({"cout": cards[COST]})
    asked = ConversationState(last_intent="drafting", draft_kind="genre:information-note", draft_params={})
    answer = _draft(answers, "sur le coût des clauses sociales", asked, follow_up=True)
    assert answer is not None and "**Objet :**" in answer.text
    assert material(cards[COST]).lead in answer.text


def test_a_topic_listing_several_subjects_is_split_into_them() -> None:
    topic = "l'interet de la clause d'insertion, ce que ca implique pour les entreprises et le role du facilitateur"
    assert topic_parts(topic) == [
        "l'interet de la clause d'insertion",
        "ce que ca implique pour les entreprises",
        "le role du facilitateur",
    ]


def test_a_note_on_several_subjects_draws_on_a_card_for_each(cards: dict[str, Card]) -> None:
    answers = _answers({"cout": cards[COST], "facilitateur": cards["facilitateur-role"]})
    # the whole topic answered by no card confidently: each subject is
    answers._match_cards = _first_only(answers._match_cards)  # type: ignore[method-assign]
    answer = _draft(answers, "une note pour les élus sur le coût des clauses, et le rôle du facilitateur")
    assert answer is not None
    assert material(cards[COST]).lead in answer.text
    assert cards["facilitateur-role"].question in answer.text


def _first_only(match):
    """A matching that finds nothing in a text naming more than one subject."""
    return lambda text: Matching(()) if "," in text else match(text)


def test_a_template_answer_for_the_tender_memo_stays_the_tender_memo(cards: dict[str, Card]) -> None:
    answers = _answers({"reserve": cards[COST]})
    state = ConversationState()
    message = "écrivez la réponse courte à mettre dans notre mémoire technique pour un marché réservé"
    turn = Turn(message, state, [])
    assert answers._genre_draft(turn, "reserved-ea-esat", Route("drafting"), state, False) is None


def _communication_drafted() -> ConversationState:
    return ConversationState(last_intent="drafting", draft_kind="genre:communication", draft_params={"topic": "cout"})


def test_a_sentence_asked_about_a_subject_a_card_answers_adds_that_answer(cards: dict[str, Card]) -> None:
    answers = _answers({"cout": cards[COST], "facilitateur": cards["facilitateur-role"]})
    answer = _draft(
        answers, "tu peux rajouter une phrase sur le rôle du facilitateur ?", _communication_drafted(), True
    )
    assert answer is not None and material(cards[COST]).lead in answer.text
    assert material(cards["facilitateur-role"]).lead in answer.text


def test_a_sentence_asked_about_a_subject_no_card_answers_is_marked_to_check(cards: dict[str, Card]) -> None:
    answer = _draft(
        _answers({"cout": cards[COST]}),
        "tu peux rajouter une phrase sur les aides Agefiph ?",
        _communication_drafted(),
        True,
    )
    assert answer is not None and "[à vérifier : une phrase sur « les aides Agefiph »" in answer.text
