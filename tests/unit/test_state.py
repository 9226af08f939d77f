"""The conversation state: the typed memory kept between two turns."""

from __future__ import annotations

from assistant.state import ConversationState


def test_round_trip_through_the_stored_dict_keeps_every_field() -> None:
    state = ConversationState(
        last_intent="sizing",
        sizing_params={"amount": 1_200_000, "rate": 0.05},
        last_hours=1400,
        pending="sizing",
        draft_kind="execution",
        draft_params={"hours": 1400},
        perimeter="Lot 2 - peinture",
        conversion_hours=800,
        last_question="Qu'est-ce qu'un facilitateur ?",
    )
    assert ConversationState.from_dict(state.to_dict()) == state


def test_only_what_is_set_is_stored() -> None:
    assert ConversationState(last_intent="greeting").to_dict() == {"last_intent": "greeting"}


def test_whole_hours_stay_integers() -> None:
    assert ConversationState.from_dict({"last_hours": 833}).to_dict() == {"last_hours": 833}


def test_an_unknown_stored_key_is_ignored() -> None:
    assert ConversationState.from_dict({"last_intent": "sizing", "last_result_months": 18}).to_dict() == {
        "last_intent": "sizing"
    }


def test_a_stored_value_that_no_longer_fits_is_dropped_and_the_rest_kept() -> None:
    state = ConversationState.from_dict({"last_intent": "sizing", "last_hours": "beaucoup", "pending": "other"})
    assert state == ConversationState(last_intent="sizing")


def test_a_stored_state_that_is_not_a_dict_is_empty() -> None:
    assert ConversationState.from_dict(None) == ConversationState()


def test_but_copies_without_touching_the_original() -> None:
    state = ConversationState(sizing_params={"amount": 1})
    changed = state.but(last_intent="sizing")
    changed.sizing_params["amount"] = 2
    assert state == ConversationState(sizing_params={"amount": 1}) and changed.last_intent == "sizing"


def test_the_side_of_the_asker_is_kept_between_turns() -> None:
    assert ConversationState.from_dict({"asker": "entreprise"}).to_dict() == {"asker": "entreprise"}


def test_a_stored_side_that_is_not_a_known_one_is_dropped() -> None:
    assert ConversationState.from_dict({"asker": "inconnu", "last_intent": "question"}).asker is None
