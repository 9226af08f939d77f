"""French amounts mean the same on every path: chat, the strict field readers (API, CLI, tools).

Decision: in text, a dot followed by exactly three digits groups thousands, as in French
writing (« 1.200 » is 1 200), unless the whole part is zero (« 0.050 ») or a multiplier
follows (« 1.200 M€ »); a comma is the decimal mark; numbers given as numbers are kept.
"""

from __future__ import annotations

import pytest

from assistant.errors import InvalidInput
from assistant.fr import parse_amount, read_amount, read_decimal, read_fraction


@pytest.mark.parametrize(
    ("written", "euros"),
    [
        ("1.200", 1200),
        ("1.200.000", 1_200_000),
        ("1 200 000", 1_200_000),
        ("1,2 M€", 1_200_000),
        ("1,2 million d'euros", 1_200_000),
        ("800 k€", 800_000),
        ("1.200,50", 1200.5),
    ],
)
def test_a_written_amount_reads_the_same_in_chat_and_in_a_field(written: str, euros: float) -> None:
    message = f"Marché de {written}" + ("" if "€" in written or "euros" in written else " € HT")
    assert read_amount(written) == pytest.approx(euros)
    assert parse_amount(message) == pytest.approx(euros)


def test_a_number_given_as_a_number_is_kept() -> None:
    assert read_amount(1.2) == 1.2 and read_decimal(1.200, field="x", label="x") == read_decimal(
        1.2, field="x", label="x"
    )


def test_a_dot_after_a_zero_is_a_decimal_mark() -> None:
    assert read_fraction("0.050") == pytest.approx(0.05)
    assert parse_amount("taux 0.050, marché de 300 000 € HT") == 300_000


def test_a_dot_with_one_or_two_decimals_is_a_decimal_mark() -> None:
    assert read_decimal("7.5", field="rate", label="taux") == read_decimal("7,5", field="rate", label="taux")


def test_an_unreadable_amount_names_its_field_in_french() -> None:
    with pytest.raises(InvalidInput) as raised:
        read_amount("beaucoup", field="amount")
    assert raised.value.field == "amount" and "n'est pas un nombre" in raised.value.message
