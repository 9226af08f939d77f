"""A two-part question that no card answers as a whole: the yes/no part asked first is answered by its own
verdict card (assistant/backends/embedded/guides.py, pure: the matcher is a lookup table here)."""

from __future__ import annotations

import datetime as dt

from assistant.backends.embedded.guides import opens_with_verdict, yes_no_part_matching
from assistant.cards import Card
from assistant.lexical import FrenchAnalyzer
from assistant.matching import CardMatch, Matching


def card(card_id: str, answer: str, theme: str = "t") -> Card:
    return Card(card_id, f"{card_id} ?", (), answer, "yes_no", (), (), ("acheteur",), dt.date(2026, 11, 1), theme)


DEFINITION = card("etti-definition", "**Une ETTI est une entreprise d'intérim d'insertion.**")


def matcher(table: dict[str, Card]):
    """Each part is matched, surely, to the card whose key it contains; nothing else is matched."""

    def match(text: str) -> Matching:
        found = [c for key, c in table.items() if key in text]
        return Matching(tuple(CardMatch(c, 1.0, 1.0, 1.0, 1.0) for c in found[:1]))

    return match


def ranked(*cards: Card) -> Matching:
    """The whole message's matching: its card first, then the runners-up."""
    return Matching(tuple(CardMatch(c, 0.9 - n / 10, 0.9, 0.9, 0.9) for n, c in enumerate(cards)))


def test_a_card_opening_on_it_depends_states_a_verdict() -> None:
    assert opens_with_verdict("**Cela dépend du CCAP** : le facilitateur tranche.")


def test_a_card_opening_on_a_definition_states_no_verdict() -> None:
    assert not opens_with_verdict("**Un GEIQ est une association d'entreprises.** Oui, il compte.")


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
