"""The nearest answer card, given when no card is confident but one is close
(assistant/backends/embedded/nearest.py and its text in guides.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from assistant.backends.embedded.guides import GuideAnswers
from assistant.backends.embedded.nearest import (
    BAND,
    CLOSE,
    CLOSE_LEXICAL,
    NEIGHBOUR,
    NEIGHBOUR_LEXICAL,
    TIE,
    answers_plainly,
    lexical_side,
    nearest_card,
    nearest_cards,
    nearest_reading,
)
from assistant.cards import Card, Reading
from assistant.documents import Chunk
from assistant.extractive import Answering, Candidate, Extract, read_question
from assistant.lexical import FrenchAnalyzer
from assistant.matching import CardMatch, Matching
from assistant.presenting import load_messages
from assistant.retrieval import Hit

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"
_QUESTION = "Un salarié déjà en CDI dans l'entreprise peut-il compter pour la clause ?"
_VERDICT = "**Non en principe** : l'éligibilité s'apprécie à l'entrée sur le marché."
_STATEMENT = "Le facilitateur valide l'éligibilité à l'entrée sur le marché."


def _card(answer: str = _VERDICT, theme: str = "publics", kind: str = "yes_no") -> Card:
    return Card("cdi", _QUESTION, (), answer, kind, (), (), (), dt.date(2026, 12, 1), theme)


def _match(score: float, lexical: float = 0.3, concept: float = 0.3, card: Card | None = None) -> CardMatch:
    return CardMatch(card or _card(), score, lexical, dense=score, concept=concept)


def _matching(*matches: CardMatch, asked: str | None = None) -> Matching:
    return Matching(tuple(matches), asked)


# --- how near the best card is --------------------------------------------------------------------


def test_a_card_below_the_close_threshold_is_not_given() -> None:
    assert nearest_card(_matching(_match(CLOSE - 2 * BAND))) is None


def test_a_card_above_the_close_threshold_is_given() -> None:
    assert nearest_card(_matching(_match(CLOSE + 2 * BAND))) is not None


def test_close_to_the_close_threshold_a_card_with_a_strong_lexical_side_is_given() -> None:
    strong = _match(CLOSE - BAND / 2, lexical=0.4, concept=0.4)
    assert lexical_side(strong) >= CLOSE_LEXICAL
    assert nearest_card(_matching(strong)) is not None


def test_close_to_the_close_threshold_a_card_close_only_in_meaning_is_not_given() -> None:
    weak = _match(CLOSE + BAND / 2, lexical=0.1, concept=0.1)
    assert lexical_side(weak) < CLOSE_LEXICAL
    assert nearest_card(_matching(weak)) is None


def test_a_redirect_card_is_never_given_as_the_nearest_answer() -> None:
    assert nearest_card(_matching(_match(CLOSE + 0.3, card=_card(theme="hors-champ")))) is None


def test_of_two_cards_tied_in_score_the_one_with_the_stronger_lexical_side_is_given() -> None:
    other = replace(_card(), id="autre", question="Un salarié en CDD compte-t-il ?")
    first = _match(CLOSE + 0.1, lexical=0.2, concept=0.2)
    second = _match(CLOSE + 0.1 - TIE / 2, lexical=0.4, concept=0.4, card=other)
    found = nearest_card(_matching(first, second))
    assert found is not None and found.card.id == "autre"


def test_of_three_cards_tied_in_score_the_third_may_be_given() -> None:
    second = replace(_card(), id="autre", question="Un salarié en CDD compte-t-il ?")
    third = replace(_card(), id="troisieme", question="Un intérimaire compte-t-il ?")
    ranked = (
        _match(CLOSE + 0.1, lexical=0.2, concept=0.2),
        _match(CLOSE + 0.1 - TIE / 3, lexical=0.3, concept=0.3, card=second),
        _match(CLOSE + 0.1 - TIE / 2, lexical=0.4, concept=0.4, card=third),
    )
    found = nearest_card(_matching(*ranked))
    assert found is not None and found.card.id == "troisieme"


def test_of_two_cards_tied_in_score_and_lexical_side_the_dense_score_does_not_choose() -> None:
    other = replace(_card(), id="autre", question="Un salarié en CDD compte-t-il ?")
    first = _match(CLOSE + 0.1, lexical=0.2, concept=0.3)
    second = _match(CLOSE + 0.1 - TIE / 2, lexical=0.4, concept=0.15, card=other)
    assert lexical_side(first) == lexical_side(second)
    found = nearest_card(_matching(first, second))
    assert found is not None and found.card.id == "autre"  # the stronger lexical overlap


def test_a_runner_up_beyond_the_tie_is_not_given_whatever_its_lexical_side() -> None:
    other = replace(_card(), id="autre", question="Un salarié en CDD compte-t-il ?")
    first = _match(CLOSE + 0.1, lexical=0.2, concept=0.2)
    second = _match(CLOSE + 0.1 - 2 * TIE, lexical=0.4, concept=0.4, card=other)
    found = nearest_card(_matching(first, second))
    assert found is not None and found.card.id == "cdi"


def test_a_card_tied_with_the_nearest_one_is_given_with_it_strongest_lexical_side_first() -> None:
    other = replace(_card(), id="autre", question="Un salarié en CDD compte-t-il ?")
    first = _match(CLOSE + 0.1, lexical=0.2, concept=0.2)
    second = _match(CLOSE + 0.1 - TIE / 2, lexical=0.4, concept=0.4, card=other)
    assert [m.card.id for m in nearest_cards(_matching(first, second))] == ["autre", "cdi"]


def test_a_runner_up_beyond_the_neighbour_distance_is_not_given_with_the_nearest_card() -> None:
    other = replace(_card(), id="autre", question="Un salarié en CDD compte-t-il ?")
    first = _match(CLOSE + 0.1)
    second = _match(CLOSE + 0.1 - 2 * NEIGHBOUR, card=other)
    assert [m.card.id for m in nearest_cards(_matching(first, second))] == ["cdi"]


def test_a_runner_up_beyond_the_tie_with_as_strong_a_lexical_side_is_given_after_the_nearest_card() -> None:
    other = replace(_card(), id="autre", question="Un salarié en CDD compte-t-il ?")
    first = _match(CLOSE + 0.1)
    second = _match(CLOSE + 0.1 - (TIE + NEIGHBOUR) / 2, card=other)
    assert [m.card.id for m in nearest_cards(_matching(first, second))] == ["cdi", "autre"]


def test_a_runner_up_beyond_the_tie_with_a_different_lexical_side_is_not_given() -> None:
    other = replace(_card(), id="autre", question="Un salarié en CDD compte-t-il ?")
    first = _match(CLOSE + 0.1, lexical=0.3, concept=0.3)
    second = _match(CLOSE + 0.1 - (TIE + NEIGHBOUR) / 2, lexical=0.3, concept=0.3 + 3 * NEIGHBOUR_LEXICAL, card=other)
    assert lexical_side(second) - lexical_side(first) > NEIGHBOUR_LEXICAL
    assert [m.card.id for m in nearest_cards(_matching(first, second))] == ["cdi"]


def test_a_runner_up_exactly_the_tie_behind_is_not_given_whatever_the_binary_rounding() -> None:
    # 0.475 − 0.455 is 0.0199…98 in binary, 0.465 − 0.445 is 0.0200…02: both are the tie, read to the thousandth
    other = replace(_card(), id="autre", question="Un salarié en CDD compte-t-il ?")
    for best, runner_up in ((0.475, 0.455), (0.465, 0.445)):
        # a lexical side unlike the nearest card's: only the tie could let it in
        far = _match(runner_up, concept=0.3 + 3 * NEIGHBOUR_LEXICAL, card=other)
        found = nearest_cards(_matching(_match(best), far))
        assert [m.card.id for m in found] == ["cdi"]


def test_a_neighbouring_redirect_card_is_not_given_with_the_nearest_card() -> None:
    redirect = replace(_card(theme="hors-champ"), id="service", question="Qui contacter ?")
    first = _match(CLOSE + 0.1)
    second = _match(CLOSE + 0.1 - (TIE + NEIGHBOUR) / 2, card=redirect)
    assert [m.card.id for m in nearest_cards(_matching(first, second))] == ["cdi"]


def test_a_tied_redirect_card_is_not_given_with_the_nearest_card() -> None:
    redirect = replace(_card(theme="hors-champ"), id="service", question="Qui contacter ?")
    first = _match(CLOSE + 0.1)
    second = _match(CLOSE + 0.1 - TIE / 2, lexical=0.1, concept=0.1, card=redirect)
    assert [m.card.id for m in nearest_cards(_matching(first, second))] == ["cdi"]


def test_no_nearest_card_gives_no_tied_card_either() -> None:
    other = replace(_card(), id="autre", question="Un salarié en CDD compte-t-il ?")
    far = _match(CLOSE - 2 * BAND)
    assert nearest_cards(_matching(far, _match(CLOSE - 2 * BAND - TIE / 2, card=other))) == ()


def test_without_cards_there_is_no_nearest_card() -> None:
    assert nearest_card(_matching()) is None
    assert nearest_card(None) is None


# --- the answer's text ----------------------------------------------------------------------------

_PASSAGE = (
    "Sont comptées les heures de travail effectuées sur le marché par des personnes dont l'éligibilité a été validée."
)


class _Index:
    """Stands for the guides' index: only its identity matters here (an ingestion swaps it)."""


class _Retriever:
    def __init__(self) -> None:
        self.index = _Index()


class _Toolbox:
    def __init__(self) -> None:
        self.retriever = _Retriever()
        self.searched: list[str] = []

    def search(self, query: str, k: int | None = None, *, constant: bool = False) -> list[Hit]:
        self.searched.append(query)
        return [_hit("guide.md", "Éligibilité", "L'éligibilité se vérifie à l'entrée.")]


def _hit(source: str, section: str, text: str) -> Hit:
    return Hit(Chunk(f"{source}#{section}", text, "Guide", source, 0, section=section), 1.0)


def _answers() -> GuideAnswers:
    answers = object.__new__(GuideAnswers)
    answers.messages = load_messages(PROMPTS / "messages.yaml")
    answers.analyzer = FrenchAnalyzer()
    answers.toolbox = _Toolbox()  # type: ignore[assignment]
    return answers


def _text(card: Card, sentences: list[str], *others: Card) -> tuple[str, int]:
    answers = _answers()
    hits = [_hit("heures.md", "Heures", " ".join(sentences))]
    found = Answering(Extract([(0, sentences)]), 1.0, [], {})
    question = read_question("Mon salarié en CDI depuis 2022 compte-t-il encore ?", answers.analyzer)
    text, sources, _ = answers._nearest_card_text([card, *others], found, hits, question)
    return text, len(sources)


_OTHER = replace(
    _card("**Oui** : un CDD d'au moins un mois compte."), id="cdd", question="Un salarié en CDD compte-t-il ?"
)


def test_two_nearest_cards_are_each_named_by_their_question_before_their_answer() -> None:
    text, _ = _text(_card(), [_PASSAGE], _OTHER)
    assert text.startswith("Je n'ai pas de fiche sur cette question précise. Les deux questions")
    assert text.index(_QUESTION) < text.index("**Non en principe**") < text.index(_OTHER.question)
    assert text.index(_OTHER.question) < text.index("**Oui** : un CDD")


def test_two_nearest_cards_each_cite_their_guide_passage() -> None:
    _, count = _text(_card(), [_PASSAGE], _OTHER)
    assert count == 3  # the passage about the question, then one for each card


def test_a_verdict_of_the_passages_on_the_question_asked_leads_even_when_a_card_says_its_sentence() -> None:
    sentence = "Oui, ses heures comptent s'il a été validé à son entrée."
    answers = _answers()
    found = Answering(Extract([(0, [sentence])]), 1.0, [Candidate(sentence, carries=1.0, framed=1.0)], {})
    question = read_question("Mon salarié en CDI depuis 2022 compte-t-il encore ?", answers.analyzer)
    hits = [_hit("heures.md", "Heures", sentence)]
    text, _, _ = answers._nearest_card_text([_card(), replace(_OTHER, answer=sentence)], found, hits, question)
    assert text.startswith("**Oui**, ses heures comptent")


def test_the_card_is_named_by_its_question_before_its_verdict() -> None:
    text, _ = _text(_card(), [_PASSAGE])
    assert text.index(_QUESTION) < text.index("**Non en principe**")


def test_the_card_is_said_not_to_answer_the_question_exactly() -> None:
    text, _ = _text(_card(_STATEMENT, kind="procedure"), [_PASSAGE])
    assert text.startswith("Je n'ai pas de fiche sur cette question précise.")


def test_the_passages_about_the_question_asked_follow_the_card_with_their_citation() -> None:
    text, count = _text(_card(), [_PASSAGE])
    assert text.index("**Non en principe**") < text.index(_PASSAGE)
    assert count == 2  # the card's own passage and the one about the question


def test_a_passage_sentence_the_card_says_word_for_word_is_not_said_again() -> None:
    text, _ = _text(_card(f"{_VERDICT}\n{_PASSAGE}"), [_PASSAGE])
    assert text.count(_PASSAGE) == 1


def test_a_passage_opening_with_its_own_verdict_on_the_question_asked_keeps_the_lead() -> None:
    opening = "Oui, ses heures comptent s'il a été validé à son entrée."
    text, _ = _text(_card(), [opening])
    assert text.startswith("Oui, ses heures comptent")


# --- the card's own citation ------------------------------------------------------------------------


def test_a_card_is_searched_for_its_citation_once_per_index() -> None:
    answers = _answers()
    first = answers._card_source(_card(), 1)
    again = answers._card_source(_card(), 1)
    assert answers.toolbox.searched == [_QUESTION]  # type: ignore[attr-defined]
    assert first == again


def test_a_new_index_searches_the_card_again() -> None:
    answers = _answers()
    answers._card_source(_card(), 1)
    answers.toolbox.retriever.index = _Index()  # type: ignore[attr-defined]  # an ingestion swapped it
    answers._card_source(_card(), 1)
    assert answers.toolbox.searched == [_QUESTION, _QUESTION]  # type: ignore[attr-defined]


# --- a verdict read from a card's written yes/no reading --------------------------------------------

_READ_NO = Reading("Un salarié en CDI depuis longtemps compte-t-il encore ?", "Non")


def test_a_reading_of_the_nearest_card_gives_its_verdict() -> None:
    assert nearest_reading("mon salarié en CDI compte encore ?", [_card()], lambda card: _READ_NO) == _READ_NO


def test_no_reading_of_the_nearest_card_gives_no_verdict() -> None:
    assert nearest_reading("mon salarié en CDI compte encore ?", [_card()], lambda card: None) is None


def test_two_nearest_cards_reading_different_verdicts_give_none() -> None:
    readings = {"cdi": _READ_NO, "cdd": Reading("Un salarié en CDD compte-t-il ?", "Oui")}
    assert nearest_reading("ça compte ?", [_card(), _OTHER], lambda card: readings[card.id]) is None


def test_a_yes_reading_of_the_broad_question_does_not_answer_a_narrowed_one() -> None:
    broad = Reading("Un ESAT peut-il faire ce travail ?", "Oui")
    assert nearest_reading("doit-il forcément passer par un ESAT ?", [_card()], lambda card: broad) is None


def test_a_question_that_asks_no_yes_or_no_gets_no_verdict() -> None:
    assert nearest_reading(None, [_card()], lambda card: _READ_NO) is None


def test_the_verdict_of_a_reading_opens_the_answer_before_the_card_is_named() -> None:
    answers = _answers()
    hits = [_hit("heures.md", "Heures", _PASSAGE)]
    found = Answering(Extract([(0, [_PASSAGE])]), 1.0, [], {})
    question = read_question("Mon salarié en CDI depuis 2022 compte-t-il encore ?", answers.analyzer)
    text, _, _ = answers._nearest_card_text([_card()], found, hits, question, _READ_NO)
    assert text.startswith("**Non**, d'après la fiche la plus proche de votre question")
    assert text.index("**Non**, d'après") < text.index("Je n'ai pas de fiche sur cette question précise.")


# --- the nearest card given plainly, when the question asked names what it asks ---------------------

_ASKED = "J'ai un salarié en CDI depuis 2022 dans l'entreprise, peut-il compter pour la clause sur le nouveau lot ?"


def test_a_yes_no_card_whose_question_the_user_asks_in_more_words_answers_plainly() -> None:
    assert answers_plainly(_ASKED, _card(), FrenchAnalyzer())


def test_a_yes_no_card_whose_question_the_user_does_not_name_is_not_given_plainly() -> None:
    assert not answers_plainly("Un intérimaire d'ETTI compte-t-il ?", _card(), FrenchAnalyzer())


def test_a_card_that_is_no_yes_no_card_is_never_given_plainly() -> None:
    assert not answers_plainly(_ASKED, _card(_STATEMENT, kind="procedure"), FrenchAnalyzer())


def test_a_message_asking_no_yes_or_no_gets_no_plain_card() -> None:
    assert not answers_plainly(None, _card(), FrenchAnalyzer())


def _plain_text(card: Card, sentences: list[str], *others: Card) -> str:
    answers = _answers()
    hits = [_hit("heures.md", "Heures", " ".join(sentences))]
    found = Answering(Extract([(0, sentences)]), 1.0, [], {})
    question = read_question(_ASKED, answers.analyzer)
    text, _, _ = answers._nearest_card_text([card, *others], found, hits, question, plain=_ASKED)
    return text


def test_a_plain_card_opens_with_its_verdict_without_saying_no_card_answers() -> None:
    text = _plain_text(_card(), [_PASSAGE])
    assert text.startswith("**Non en principe**")
    assert "Je n'ai pas de fiche" not in text


def test_the_passages_follow_a_plain_card() -> None:
    text = _plain_text(_card(), [_PASSAGE])
    assert text.index("**Non en principe**") < text.index(_PASSAGE)


def test_a_second_card_follows_a_plain_card_named_as_a_neighbouring_question() -> None:
    text = _plain_text(_card(), [_PASSAGE], _OTHER)
    assert text.index("**Non en principe**") < text.index(f"Sur une question voisine : *{_OTHER.question}*")


def test_a_verdict_of_the_passages_on_the_question_asked_still_leads_over_a_plain_card() -> None:
    opening = "Oui, ses heures comptent s'il a été validé à son entrée."
    assert _plain_text(_card(), [opening]).startswith("Oui, ses heures comptent")
