"""Which card answers which part of a message asking several things (assistant/part_cards.py, pure: the
matcher is a lookup table here)."""

from __future__ import annotations

import datetime as dt

from assistant.cards import Card
from assistant.matching import CardMatch, Matching
from assistant.part_cards import answered, compose, not_answered, part_cards, unanswered
from assistant.parts import AskedMessage


def card(card_id: str, answer: str, theme: str = "t") -> Card:
    return Card(card_id, f"{card_id} ?", (), answer, "yes_no", (), (), ("acheteur",), dt.date(2026, 11, 1), theme)


ETTI = card("etti-compte", "**Oui** : les heures de mission d'une ETTI comptent.")
COUNT = card("compter-heures", "**Par les heures travaillées sur le marché.**")
VALIDATE = card("qui-valide", "**Le facilitateur** valide l'éligibilité.")
OTHER = card("autre", "**Non** : sans rapport.")
REDIRECT = card("ailleurs", "Voyez France Travail.", theme="hors-champ")


def matcher(table: dict[str, Card]):
    """Each part is matched, surely, to the card whose key it contains; nothing else is matched."""

    def match(text: str, context: str) -> Matching:
        found = [c for key, c in table.items() if key in text]
        return Matching(tuple(CardMatch(c, 1.0, 1.0, 1.0, 1.0) for c in found[:1]))

    return match


def whole(*cards: Card, confident: bool = True) -> Matching:
    """The whole message's matching: its card first (surely, or not), then the runners-up."""
    top = 0.9 if confident else 0.3
    return Matching(tuple(CardMatch(c, top - n / 10, top, top, top) for n, c in enumerate(cards)))


def usable(found: Card) -> bool:
    return found.theme != "hors-champ"


THREE = AskedMessage("", ("passer par une ETTI ?", "compter les heures ?", "qui valide ?"))
TABLE = {"ETTI": ETTI, "compter": COUNT, "valide": VALIDATE}


def test_a_message_asking_one_thing_keeps_its_usual_answer() -> None:
    asked = AskedMessage("", ("passer par une ETTI ?",))
    assert part_cards(asked, whole(ETTI), matcher(TABLE), usable) is None


def test_each_of_three_parts_gets_its_own_card_in_the_order_asked() -> None:
    plan = part_cards(THREE, whole(COUNT, ETTI, VALIDATE), matcher(TABLE), usable)
    assert plan is not None
    assert [found.card.id for found in answered(plan)] == ["etti-compte", "compter-heures", "qui-valide"]


def test_a_part_without_a_card_is_named_as_not_answered() -> None:
    plan = part_cards(THREE, whole(ETTI, COUNT, OTHER), matcher({"ETTI": ETTI, "compter": COUNT}), usable)
    assert plan is not None and unanswered(plan) == ["qui valide ?"]


def test_the_same_card_for_two_parts_is_given_once() -> None:
    asked = AskedMessage("", ("passer par une ETTI ?", "une ETTI compte ?"))
    plan = part_cards(asked, whole(ETTI), matcher({"ETTI": ETTI}), usable)
    assert plan is not None and [found.card.id for found in answered(plan)] == ["etti-compte"]
    assert unanswered(plan) == []


def test_a_part_card_the_whole_message_does_not_rank_near_the_top_is_not_trusted() -> None:
    plan = part_cards(THREE, whole(ETTI, COUNT, OTHER, OTHER, VALIDATE), matcher(TABLE), usable)
    assert plan is not None and unanswered(plan) == ["qui valide ?"]


def test_the_whole_message_card_answers_the_part_no_card_of_its_own_answers() -> None:
    asked = AskedMessage("", ("et dans ce cas ?", "qui valide ?"))
    plan = part_cards(asked, whole(ETTI, VALIDATE), matcher({"valide": VALIDATE}), usable)
    assert plan is not None and [found.card.id for found in answered(plan)] == ["etti-compte", "qui-valide"]


def test_parts_that_all_disagree_with_the_whole_message_card_keep_its_usual_answer() -> None:
    asked = AskedMessage("", ("passer par une ETTI ?", "compter les heures ?"))
    assert part_cards(asked, whole(VALIDATE, ETTI, COUNT), matcher(TABLE), usable) is None


def test_no_part_is_answered_by_a_redirect_card() -> None:
    asked = AskedMessage("", ("passer par une ETTI ?", "ailleurs ?"))
    plan = part_cards(asked, whole(ETTI, REDIRECT), matcher({"ETTI": ETTI, "ailleurs": REDIRECT}), usable)
    assert plan is not None and unanswered(plan) == ["ailleurs ?"]


def test_no_card_for_any_part_gives_no_plan() -> None:
    assert part_cards(THREE, whole(OTHER, confident=False), matcher({}), usable) is None


def test_the_first_card_opens_and_the_next_comes_under_its_question() -> None:
    plan = part_cards(THREE, whole(ETTI, COUNT, OTHER), matcher({"ETTI": ETTI, "compter": COUNT}), usable)
    assert plan is not None
    assert compose(plan) == (
        "**Oui** : les heures de mission d'une ETTI comptent.\n\n"
        "*compter-heures ?*\n\n**Par les heures travaillées sur le marché.**"
    )


def words(text: str) -> dict[str, float]:
    return {word.strip("?,.").lower(): 1.0 for word in text.split() if len(word) > 3}


def test_a_part_without_a_card_that_the_answer_does_not_speak_of_is_named() -> None:
    plan = part_cards(THREE, whole(ETTI, COUNT, OTHER), matcher({"ETTI": ETTI, "compter": COUNT}), usable)
    assert plan is not None
    assert not_answered(plan, compose(plan), words) == ["qui valide ?"]


def test_a_part_without_a_card_that_the_answer_speaks_of_is_not_named() -> None:
    plan = part_cards(THREE, whole(ETTI, COUNT, OTHER), matcher({"ETTI": ETTI, "compter": COUNT}), usable)
    assert plan is not None
    assert not_answered(plan, compose(plan) + " Le facilitateur valide les personnes.", words) == []


def test_a_part_whose_own_card_nearly_ties_with_the_message_card_is_answered_by_the_message_card() -> None:
    asked = AskedMessage("", ("passer par une ETTI ?", "compter les heures ?"))

    def match(text: str, context: str) -> Matching:
        if "ETTI" in text:  # the part's own card leads the message's card by less than the margin
            return Matching((CardMatch(ETTI, 0.80, 0.8, 0.8, 0.8), CardMatch(COUNT, 0.79, 0.8, 0.8, 0.8)))
        return Matching((CardMatch(COUNT, 0.9, 0.9, 0.9, 0.9),))

    plan = part_cards(asked, whole(COUNT, ETTI), match, usable)
    assert plan is not None and [found.card.id for found in answered(plan)] == ["compter-heures"]


VALIDATION = AskedMessage("", ("passer par une ETTI ?", "compter les heures ?", "qui valide éligibilité personnes ?"))
ONE_WORD_OF_THREE = " Le facilitateur valide."


def test_without_a_card_for_the_whole_message_a_part_mostly_unsaid_is_named() -> None:
    plan = part_cards(
        VALIDATION, whole(OTHER, ETTI, COUNT, confident=False), matcher({"ETTI": ETTI, "compter": COUNT}), usable
    )
    assert plan is not None
    assert not_answered(plan, compose(plan) + ONE_WORD_OF_THREE, words) == ["qui valide éligibilité personnes ?"]


def test_after_the_whole_message_card_a_part_is_named_only_when_none_of_its_words_is_said() -> None:
    plan = part_cards(VALIDATION, whole(COUNT, ETTI), matcher({"ETTI": ETTI, "compter": COUNT}), usable)
    assert plan is not None
    assert not_answered(plan, compose(plan) + ONE_WORD_OF_THREE, words) == []
    assert not_answered(plan, compose(plan), words) == ["qui valide éligibilité personnes ?"]


def test_a_part_pointing_back_takes_only_a_card_the_message_ranks_among_its_two_best() -> None:
    asked = AskedMessage("", ("passer par une ETTI ?", "et dans ce cas qui valide ?"))
    plan = part_cards(asked, whole(ETTI, OTHER, VALIDATE), matcher(TABLE), usable)
    assert plan is not None and unanswered(plan) == ["et dans ce cas qui valide ?"]


def test_the_first_part_points_back_at_nothing() -> None:
    asked = AskedMessage("", ("et dans ce cas qui valide ?", "passer par une ETTI ?"))
    plan = part_cards(asked, whole(ETTI, OTHER, VALIDATE), matcher(TABLE), usable)
    assert plan is not None and [found.card.id for found in answered(plan)] == ["qui-valide", "etti-compte"]


def test_without_a_card_for_the_message_nor_for_its_first_part_the_usual_answer_stands() -> None:
    asked = AskedMessage("", ("qui signe ?", "passer par une ETTI ?"))
    assert part_cards(asked, whole(ETTI, OTHER, confident=False), matcher(TABLE), usable) is None


PLIE = card("plie", "**Un plan local pour l'insertion et l'emploi.**")
EA = card("ea-esat", "**Des structures du secteur adapté et protégé.**")


def tied(*scores: tuple[Card, float]):
    """A part matched to tied cards (within the margin of each other), above the threshold."""

    def match(text: str, context: str) -> Matching:
        if "PLIE" not in text:
            return matcher({"ETTI": ETTI})(text, context)
        return Matching(tuple(CardMatch(c, s, s, s, s) for c, s in scores))

    return match


TIED_PARTS = AskedMessage("", ("passer par une ETTI ?", "et le PLIE c'est quoi ?"))


def test_the_whole_message_breaks_a_tie_between_the_cards_of_a_part() -> None:
    plan = part_cards(TIED_PARTS, whole(ETTI, PLIE, EA), tied((PLIE, 0.58), (EA, 0.575)), usable)
    assert plan is not None and [found.card.id for found in answered(plan)] == ["etti-compte", "plie"]


def test_a_tie_the_whole_message_ranks_the_other_way_round_stays_unanswered() -> None:
    plan = part_cards(TIED_PARTS, whole(ETTI, EA, PLIE), tied((PLIE, 0.58), (EA, 0.575)), usable)
    assert plan is not None and unanswered(plan) == ["et le PLIE c'est quoi ?"]


def test_a_tied_part_card_below_the_threshold_is_not_taken() -> None:
    plan = part_cards(TIED_PARTS, whole(ETTI, PLIE, EA), tied((PLIE, 0.40), (EA, 0.395)), usable)
    assert plan is not None and unanswered(plan) == ["et le PLIE c'est quoi ?"]


def test_a_tie_on_the_first_part_is_not_broken_it_would_lead_the_answer() -> None:
    asked = AskedMessage("", ("et le PLIE c'est quoi ?", "passer par une ETTI ?"))
    plan = part_cards(asked, whole(PLIE, EA, ETTI, confident=False), tied((PLIE, 0.58), (EA, 0.575)), usable)
    assert plan is None or "plie" not in [found.card.id for found in answered(plan)]
