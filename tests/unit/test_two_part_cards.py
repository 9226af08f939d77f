"""A two-part question answered with cards: the yes/no part asked first opens with its own verdict
(assistant/backends/embedded/guides.py, pure: the matcher is a lookup table here)."""

from __future__ import annotations

import datetime as dt

from assistant.backends.embedded.guides import opens_with_verdict, verdict_part_first, yes_no_part_matching
from assistant.cards import Card
from assistant.lexical import FrenchAnalyzer
from assistant.matching import CardMatch, Matching


def card(card_id: str, answer: str, theme: str = "t") -> Card:
    return Card(card_id, f"{card_id} ?", (), answer, "yes_no", (), (), ("acheteur",), dt.date(2026, 11, 1), theme)


ETTI = card("etti-compte", "**Oui** : les heures de mission d'une ETTI comptent pour la clause.")
COST = card("etti-cout", "**Une ETTI facture ses heures de mission** : demandez des devis.")
DEFINITION = card("etti-definition", "**Une ETTI est une entreprise d'intérim d'insertion.**")
MESSAGE = "on peut passer par une ETTI pour les heures ? et la différence de tarif c'est pour nous ?"


def matcher(table: dict[str, Card]):
    """Each part is matched, surely, to the card whose key it contains; nothing else is matched."""

    def match(text: str) -> Matching:
        found = [c for key, c in table.items() if key in text]
        return Matching(tuple(CardMatch(c, 1.0, 1.0, 1.0, 1.0) for c in found[:1]))

    return match


def ranked(*cards: Card) -> Matching:
    """The whole message's matching: its card first, then the runners-up."""
    return Matching(tuple(CardMatch(c, 0.9 - n / 10, 0.9, 0.9, 0.9) for n, c in enumerate(cards)))


PARTS = {"passer": ETTI, "tarif": COST}


def test_the_yes_no_part_asked_first_opens_with_its_own_card() -> None:
    first = verdict_part_first(MESSAGE, ranked(COST, ETTI), matcher(PARTS), FrenchAnalyzer())
    assert first is not None and first.card.id == "etti-compte"


def test_a_first_part_card_without_a_verdict_does_not_take_the_lead() -> None:
    parts = {"passer": DEFINITION, "tarif": COST}
    assert verdict_part_first(MESSAGE, ranked(COST, DEFINITION), matcher(parts), FrenchAnalyzer()) is None


def test_the_card_answering_the_first_part_keeps_the_lead() -> None:
    # the message's card is the first part's: the usual order already answers it first
    assert verdict_part_first(MESSAGE, ranked(ETTI, COST), matcher(PARTS), FrenchAnalyzer()) is None


def test_a_message_card_stating_a_verdict_already_answers_the_yes_no_part() -> None:
    says_no = card("etti-cout", "**Non** : la différence de tarif n'est pas à la charge de l'acheteur.")
    parts = {"passer": ETTI, "tarif": says_no}
    assert verdict_part_first(MESSAGE, ranked(says_no, ETTI), matcher(parts), FrenchAnalyzer()) is None


def test_a_part_card_the_whole_message_does_not_rank_near_the_top_is_not_trusted() -> None:
    assert verdict_part_first(MESSAGE, ranked(COST, DEFINITION, DEFINITION), matcher(PARTS), FrenchAnalyzer()) is None


def test_a_part_naming_nothing_gets_no_card_of_its_own() -> None:
    message = "c'est grave ? et la différence de tarif c'est pour nous ?"
    parts = {"grave": ETTI, "tarif": COST}
    assert verdict_part_first(message, ranked(COST, ETTI), matcher(parts), FrenchAnalyzer()) is None


def test_an_open_first_part_gets_no_verdict_card_first() -> None:
    message = "comment passer par une ETTI pour les heures ? et la différence de tarif c'est pour nous ?"
    assert verdict_part_first(message, ranked(COST, ETTI), matcher(PARTS), FrenchAnalyzer()) is None


def test_a_single_question_is_answered_by_its_card_alone() -> None:
    message = "on peut passer par une ETTI pour le tarif ?"
    assert verdict_part_first(message, ranked(COST, ETTI), matcher(PARTS), FrenchAnalyzer()) is None


def test_a_card_opening_on_it_depends_states_a_verdict() -> None:
    assert opens_with_verdict("**Cela dépend du CCAP** : le facilitateur tranche.")


def test_a_card_opening_on_a_definition_states_no_verdict() -> None:
    assert not opens_with_verdict("**Un GEIQ est une association d'entreprises.** Oui, il compte.")


def test_a_part_asked_in_the_negative_gets_no_verdict_card_first() -> None:
    message = "on ne peut pas passer par une ETTI pour les heures ? et la différence de tarif c'est pour nous ?"
    assert verdict_part_first(message, ranked(COST, ETTI), matcher(PARTS), FrenchAnalyzer()) is None


def test_a_message_asking_three_things_keeps_its_usual_answer() -> None:
    message = "ETTI ou GEIQ ? on peut passer par une ETTI pour les heures ? et la différence de tarif c'est pour nous ?"
    assert verdict_part_first(message, ranked(COST, ETTI), matcher(PARTS), FrenchAnalyzer()) is None


# --- a two-part message that no card answers as a whole: the yes/no part's card answers first ---------

GEIQ = card("geiq-compte", "**Oui** : les heures des salariés d'un GEIQ mis à disposition comptent.")
GEIQ_COST = card("geiq-cout", "**Le GEIQ facture la mise à disposition** : le coût reste au titulaire.")
OTHER = card("autre", "**Non** : sans rapport.")
UNSURE = "je peux recourir à un GEIQ pour remplir la clause ? et le surcoût, qui le paie ?"
GEIQ_PARTS = {"recourir": GEIQ, "surcoût": GEIQ_COST}


def test_an_unsure_message_is_answered_by_its_yes_no_part_card() -> None:
    first = yes_no_part_matching(UNSURE, ranked(GEIQ_COST, OTHER, GEIQ), matcher(GEIQ_PARTS), FrenchAnalyzer())
    assert first is not None and first.ranked[0].card.id == "geiq-compte"


def test_a_yes_no_part_card_far_from_the_whole_message_is_not_taken() -> None:
    far = ranked(GEIQ_COST, OTHER, DEFINITION, GEIQ)  # fourth: the part read alone drifted
    assert yes_no_part_matching(UNSURE, far, matcher(GEIQ_PARTS), FrenchAnalyzer()) is None


def test_an_open_first_part_takes_no_card_of_its_own() -> None:
    message = "comment recourir à un GEIQ pour la clause ? et le surcoût, qui le paie ?"
    assert yes_no_part_matching(message, ranked(GEIQ_COST, GEIQ), matcher(GEIQ_PARTS), FrenchAnalyzer()) is None


def test_a_yes_no_part_card_without_a_verdict_is_not_taken() -> None:
    parts = {"recourir": DEFINITION, "surcoût": GEIQ_COST}
    assert yes_no_part_matching(UNSURE, ranked(GEIQ_COST, DEFINITION), matcher(parts), FrenchAnalyzer()) is None
