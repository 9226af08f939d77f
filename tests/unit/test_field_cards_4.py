"""Answer cards for field questions, set 4: what the shared tables cannot say (their verdicts, facts, readings
and wordings are in tests/data/field_cards.yaml, checked by test_field_cards.py)."""

from __future__ import annotations

from assistant.cards import Card
from assistant.fr.text import fold


def test_an_siae_reserved_market_is_read_as_open_to_an_aci(cards: dict[str, Card]) -> None:
    verdicts = {fold(r.question): r.verdict for r in cards["reserver-siae"].readings}
    assert (
        verdicts[fold("Un atelier et chantier d'insertion (ACI) peut-il répondre à un marché réservé aux SIAE ?")]
        == "Oui"
    )
