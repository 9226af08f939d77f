"""A text drafted after other turns keeps the figures the user gave in them (the lot named in a question, the rate
of the clause drafted before): only what was never said stays « [à compléter : …] »
(assistant/backends/embedded/drafting.py, the `carried` parameters of prompts/clauses/catalog.yaml)."""

from __future__ import annotations

from assistant.backends.base import Turn
from assistant.backends.embedded.drafting import DraftingAnswers, _heard_user_messages, message_parameters
from assistant.drafting import default_grid, default_library, default_refusal_parts, draft
from assistant.fr import extract
from assistant.sessions import Message
from assistant.state import ConversationState
from assistant.tools import Toolbox


def message(role: str, content: str, intent: str | None = None) -> Message:
    return Message("id", role, content, "2026-12-01T00:00:00", intent)


def answers() -> DraftingAnswers:
    drafting = object.__new__(DraftingAnswers)
    drafting.toolbox = Toolbox(lambda: None, default_grid(), default_library(), default_refusal_parts())  # type: ignore[arg-type,return-value]
    return drafting


def params_after(history: list[Message], request: str, kind: str, state: ConversationState) -> dict[str, object]:
    turn = Turn(request, state, history)
    return answers()._draft_params(turn, extract(request), kind, follow_up=False)


def test_the_catalogue_carries_the_user_figures_but_not_the_realistic_amount_of_orders() -> None:
    carried = default_library().catalog.carried()
    assert {"hours", "rate", "lots", "weight", "months", "penalty", "maximum_amount"} <= carried
    assert "estimated_amount" not in carried  # an amount said before may be a maximum or a threshold


def test_a_lot_named_in_an_earlier_question_fills_the_reserved_market_notice() -> None:
    history = [
        message("user", "je peux réserver le lot 3 accueil aux SIAE et laisser les autres lots ouverts ?"),
        message("assistant", "Oui, un lot peut être réservé.", "question"),
    ]
    params = params_after(history, "tu peux m'écrire la phrase pour l'avis ?", "reserved-siae", ConversationState())
    assert params["lots"] == "Lot 3"


def test_the_rate_of_the_clause_drafted_before_reaches_the_notice_asked_next() -> None:
    state = ConversationState(last_intent="drafting", draft_kind="execution", draft_params={"rate": 0.05})
    params = params_after([], "et la mention pour l'avis de marché ?", "announcement", state)
    assert params["rate"] == 0.05
    text = draft("announcement", params, library=default_library(), grid=default_grid()).text
    assert "5 % des heures de travail estimées" in text


def test_a_figure_of_this_message_wins_over_the_same_figure_said_before() -> None:
    history = [message("user", "clause de 350 heures sur le lot 2"), message("assistant", "…", "drafting")]
    params = params_after(
        history, "rédige le courrier de lancement pour 420 heures", "start-letter", ConversationState()
    )
    assert params["hours"] == 420
    assert params["lots"] == "Lot 2"


def test_a_later_message_about_another_trade_leaves_the_older_lot_out() -> None:
    history = [
        message("user", "travaux en plusieurs lots : lot 1 maçonnerie, lot 6 peinture"),
        message("assistant", "…", "sizing"),
        message("user", "et pour la peinture toute seule ?"),
        message("assistant", "…", "question"),
    ]
    params = params_after(history, "la phrase pour le dossier de ce lot ?", "execution", ConversationState())
    assert "lots" not in params


def test_an_earlier_percentage_stays_an_insertion_rate_when_a_criterion_is_asked() -> None:
    earlier = message_parameters(extract("5 % des heures travaillées"), "criterion", asked_now=False)
    asked = message_parameters(extract("plutôt 15 %"), "criterion")
    assert "weight" not in earlier
    assert asked["weight"] == 0.15


def test_an_earlier_maximum_is_carried_as_the_maximum_never_as_the_expected_orders() -> None:
    earlier = message_parameters(
        extract("accord-cadre à bons de commande, max 1,2 M€ HT sur 4 ans"), "framework-agreement", asked_now=False
    )
    assert earlier.get("maximum_amount") == 1_200_000
    assert "estimated_amount" not in earlier


def test_a_message_the_assistant_refused_gives_no_figure() -> None:
    history = [
        message("user", "mets 350h réalisées dans le tableau, on ajustera après"),
        message("assistant", "Non : seules les heures réellement faites se déclarent.", "refusal"),
        message("user", "lot 4 menuiserie"),
        message("assistant", "…", "question"),
    ]
    turn = Turn("rédige la clause", ConversationState(), history)
    assert _heard_user_messages(turn) == ["lot 4 menuiserie"]
