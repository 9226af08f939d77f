"""Free texts no template covers (a paragraph that explains, a summary, an e-mail, a letter) are written, not
declined: from the cards of the subject the request names, or from the answer it points back at, with their
legal basis, and the blanks left to fill listed in one line."""

from __future__ import annotations

from assistant.backends.base import Turn
from assistant.fr import extract
from assistant.genres import default_genres, genre_topic, material_from_text, text_subject
from assistant.routing import Route
from assistant.sessions import Message
from assistant.state import ConversationState
from tests.unit.test_genres import _answers, _card

GEIQ = _card(
    "geiq", "Qu'est-ce qu'un GEIQ ?", "Un GEIQ embauche des personnes en alternance. Il les forme et les suit."
)


def _user(text: str) -> Message:
    return Message(id="u", role="user", content=text, created="2026-12-02")


def _assistant(text: str) -> Message:
    return Message(id="a", role="assistant", content=text, created="2026-12-02", intent="question")


def test_the_subject_after_an_explaining_verb_becomes_the_question_the_cards_are_written_in() -> None:
    message = "Rédige-moi un paragraphe de 5 lignes qui explique ce qu'est un GEIQ, pour une note interne."
    assert text_subject(message) == "qu'est-ce qu'un geiq ?"


def test_the_addressee_before_the_subject_is_left_out() -> None:
    message = "écris un petit texte pour expliquer aux artisans ce que sont les heures d'insertion, sans jargon"
    assert text_subject(message) == "que sont les heures d'insertion ?"


def test_a_request_without_a_subject_of_its_own_has_none() -> None:
    assert text_subject("tu peux me l'écrire en une phrase ?") == ""


def test_every_free_text_kind_but_the_cover_letter_has_a_genre_that_writes_it() -> None:
    genres = default_genres()
    assert {kind: getattr(genres.for_free_text(kind), "id", None) for kind in ("prose", "email", "letter", "note")} == {
        "prose": "text",
        "email": "email",
        "letter": "email",
        "note": "information-note",
    }
    assert genres.for_free_text("cover-letter") is None


def test_an_answer_as_material_leaves_out_its_sources_and_offers() -> None:
    answer = "**Oui** : le lot peut être réservé.\nLes autres lots restent ouverts.\n\nSources : [1] guide\nJe peux aussi rédiger la clause."
    found = material_from_text("Un seul lot ?", answer)
    assert found.lead == "Oui : le lot peut être réservé."
    assert found.points == ("Les autres lots restent ouverts.",)


def test_a_paragraph_on_a_subject_the_cards_answer_is_written_from_its_card() -> None:
    answers = _answers({"geiq": GEIQ})
    turn = Turn("Rédige-moi un paragraphe qui explique ce qu'est un GEIQ", ConversationState(), [])
    answer = answers._free_genre(turn, "prose", ConversationState(last_intent="drafting"), False, None)
    assert answer is not None and answer.intent == "drafting"
    assert "Un GEIQ embauche des personnes en alternance." in answer.text
    assert "L2112-2" in answer.text and answer.state.draft_kind == "genre:text"


def test_a_free_text_on_a_subject_no_card_answers_is_not_made_up() -> None:
    turn = Turn("Rédige-moi un paragraphe sur l'histoire des marchés publics au Moyen Âge", ConversationState(), [])
    assert _answers({})._free_genre(turn, "prose", ConversationState(), False, None) is None


def test_an_email_about_the_last_answer_carries_that_answer_and_the_question_it_answered() -> None:
    question = "si le chantier prend du retard, ma mission est-elle prolongée ?"
    previous = "Oui, mais le calendrier s'adapte. Les heures restent dues sur la durée du marché."
    state = ConversationState(last_intent="question", last_question=question)
    turn = Turn(
        "écris-moi un petit mail pour demander ça à ma conseillère", state, [_user(question), _assistant(previous)]
    )
    answer = _answers({})._free_genre(turn, "email", state.but(last_intent="drafting"), False, turn.history[-1])
    assert answer is not None and "Bonjour," in answer.text and "Cordialement," in answer.text
    assert "Les heures restent dues sur la durée du marché." in answer.text
    assert "**Objet :** Si le chantier prend du retard, ma mission est-elle prolongée ?" in answer.text


def test_the_blanks_of_a_text_are_listed_in_one_line_after_it() -> None:
    state = ConversationState(last_intent="question", last_question="un seul lot ?")
    turn = Turn("écris-moi ça pour un mail", state, [_user("un seul lot ?"), _assistant("Oui, un seul lot suffit.")])
    answer = _answers({})._free_genre(turn, "email", state, False, turn.history[-1])
    assert answer is not None
    assert "**À compléter avant diffusion** : destinataire ; nom, fonction, coordonnées." in answer.text


def test_a_paragraph_for_the_memo_is_the_tender_memo_but_a_training_dissertation_is_not() -> None:
    from assistant.fr.clause_kinds import find_free_text

    assert find_free_text("tu peux m'écrire un paragraphe pour le mémoire ?") == "tender-memo"
    assert find_free_text("un paragraphe pour mon mémoire de stage sur les clauses") != "tender-memo"


def test_a_text_named_only_generically_is_the_kind_whose_document_it_is() -> None:
    from assistant.backends.embedded.drafting import generic_kind
    from assistant.drafting import default_library
    from assistant.fr import fold

    catalog = default_library().catalog
    assert generic_kind(catalog, fold("marché de 2 M€ de gros œuvre : rédige-moi la clause")) == "execution"
    assert generic_kind(catalog, fold("la phrase à mettre dans le dossier pour ce lot")) == "execution"
    assert generic_kind(catalog, fold("la mention à porter dans l'avis stp")) == "announcement"
    assert generic_kind(catalog, fold("rédige la clause de révision des prix")) is None


def test_an_addition_after_a_first_request_in_the_same_message_is_read() -> None:
    from assistant.fr.clause_kinds import added_details

    message = "plus court stp, et dis qu'on est en Chartreuse et qu'on travaille du bois local"
    assert added_details(message) == "on est en Chartreuse et qu'on travaille du bois local"
    assert added_details("plus court stp") is None


def test_a_subject_naming_only_social_clauses_is_generic_but_a_structure_is_not() -> None:
    genres = default_genres()
    assert genres.generic_subject("leurs clauses sociales ?")
    assert genres.generic_subject("le territoire ?")
    assert not genres.generic_subject("qu'est-ce qu'un geiq ?")
    assert not genres.generic_subject("")


def test_a_text_on_social_clauses_in_general_is_drawn_from_the_overview_not_a_card_matched_by_chance() -> None:
    chance = _card("chance", "Combien y a-t-il de facilitateurs en France ?", "Environ cinq cents.")
    overview = _card("clause-insertion-definition", "C'est quoi une clause d'insertion ?", "Une condition d'exécution.")
    answers = _answers({"clauses sociales": chance})
    answers._card_by_id = lambda card_id: overview if card_id == overview.id else None  # type: ignore[method-assign]
    message = (
        "écris un petit paragraphe pour notre site qui dit qu'on accompagne les entreprises sur leurs clauses sociales"
    )
    answer = answers._free_genre(Turn(message, ConversationState(), []), "prose", ConversationState(), False, None)
    assert answer is not None
    assert "Une condition d'exécution." in answer.text and "Environ cinq cents." not in answer.text


def test_a_request_naming_only_its_tone_and_purpose_has_no_topic_of_its_own() -> None:
    email = default_genres().for_free_text("email")
    assert email is not None
    assert genre_topic("ok tu peux m'écrire un mail pour contester, poli mais ferme ?", email) == ""
    assert "facilitateur" in genre_topic("un mail pour relancer le facilitateur sur les heures de mars", email)


def test_an_answer_as_material_leaves_out_what_it_says_about_the_nearest_cards() -> None:
    answer = (
        "Je n'ai pas de fiche sur cette question précise. Les deux questions les plus proches que je connaisse :\n\n"
        "*Le sous-traitant doit-il des heures ?*\n\n**Cela dépend du contrat** : la clause s'y reporte.\n\n"
        "Sur votre question elle-même, voici ce que disent les guides :\n\nLe titulaire reste responsable."
    )
    found = material_from_text("Pénalités refacturées", answer)
    assert found.lead == "Cela dépend du contrat : la clause s'y reporte."
    assert found.points == ("Le titulaire reste responsable.",)


def test_an_email_asked_with_only_its_tone_after_an_answer_is_written_from_that_answer() -> None:
    question = "L'EG veut nous refacturer des pénalités d'insertion. Nous avons fait notre part sur notre lot."
    previous = (
        "**Cela dépend de votre contrat de sous-traitance** : la clause ne s'impose à vous que si elle y est reportée."
    )
    state = ConversationState(last_intent="question", last_question=question)
    turn = Turn(
        "ok tu peux m'écrire un mail pour contester, poli mais ferme ?", state, [_user(question), _assistant(previous)]
    )
    answer = _answers({"geiq": GEIQ})._drafting(turn, extract(turn.message), Route("drafting", "drafting_request"))
    assert answer.intent == "drafting" and "Bonjour," in answer.text
    assert "contrat de sous-traitance" in answer.text and "GEIQ" not in answer.text
    assert "Objet :** L'EG veut nous refacturer des pénalités d'insertion." in answer.text
