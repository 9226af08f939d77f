"""Properties of the French parser: it never raises, and what it formats it reads back."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant import fr as french
from assistant.fr import safety

GRID = Path(__file__).resolve().parents[2] / "corpus" / "data" / "sizing_grid.yaml"
TRADES = french.trades_from_grid(yaml.safe_load(GRID.read_text(encoding="utf-8")))
NBSP, NNBSP = "\u00a0", "\u202f"

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module", autouse=True)
def strict_mode() -> Iterator[None]:
    """Let exceptions through the public wrappers, so a property failure shows the bug itself."""
    previous = safety.RAISE_ERRORS
    safety.RAISE_ERRORS = True
    yield
    safety.RAISE_ERRORS = previous


# Fragments people type, so that random text reaches the deep paths and not only "no number".
FRAGMENTS = [
    "marché de",
    "lot",
    "lots",
    "n°",
    "1,2",
    "M€",
    "k€",
    "HT",
    "TTC",
    "€",
    "euros",
    "d'euros",
    "millions",
    "million",
    "un",
    "deux",
    "cent",
    "mille",
    "virgule",
    "pour cent",
    "%",
    "taux d'insertion",
    "à",
    "clause",
    "main-d'œuvre",
    "MO",
    "pondéré",
    "h/mois",
    "heures",
    "h",
    "par heure",
    "€/h",
    "de l'heure",
    "pénalité",
    "sur",
    "ans",
    "an",
    "mois",
    "et demi",
    "base",
    "ETP",
    "réservé aux",
    "SIAE",
    "ESAT",
    "et",
    "les deux",
    "gros œuvre",
    "peinture",
    "nettoyage",
    "-",
    ":",
    ",",
    ".",
    " ",
    "\u00a0",
    "\u202f",
    "’",
    "«",
    "»",
    "2023-2027",
    "L2112-2",
    "0,05",
    "1 200 000",
    "1.200.000",
    "30",
    "7",
    "600",
    "000",
    "😀",
    "\x00",
    "\u0301",
]


def _every_parser(text: str) -> None:
    french.normalize(text)
    french.fold(text)
    french.parse_amount(text)
    for amount in french.parse_amounts(text):
        start, end = amount.span
        assert 0 <= start < end <= len(text)
        assert amount.value >= 0
    for pct in french.parse_percentages(text):
        assert 0 <= pct.span[0] <= pct.span[1] <= len(text)
    french.parse_rate(text)
    french.parse_labour_share(text)
    french.parse_weight(text)
    french.parse_duration_months(text)
    french.parse_hourly_cost(text)
    french.parse_hours(text)
    french.parse_monthly_hours(text)
    french.parse_etp_base(text)
    french.parse_penalty_per_hour(text)
    for match in french.find_trades(text, TRADES):
        assert 0 <= match.span[0] < match.span[1] <= len(text)
    french.find_trade(text, TRADES)
    french.parse_lots(text)
    french.find_clause_kind(text)
    french.extract(text, TRADES)


@PROPERTY_SETTINGS
@given(st.text())
def test_no_parser_raises_on_arbitrary_text(text: str) -> None:
    _every_parser(text)


@PROPERTY_SETTINGS
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=30).map(" ".join))
def test_no_parser_raises_on_french_looking_text(text: str) -> None:
    _every_parser(text)


@PROPERTY_SETTINGS
@given(st.text())
def test_normalize_and_fold_are_idempotent(text: str) -> None:
    assert french.normalize(french.normalize(text)) == french.normalize(text)
    assert french.fold(french.fold(text)) == french.fold(text)


# --------------------------------------------------------------------------- amounts


def _group(digits: str, sep: str) -> str:
    """French thousands grouping: 1234567 → 1 234 567 with the given separator."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sep.join(groups)


def _decimal_text(value: Decimal, sep: str, decimal_mark: str) -> str:
    text = format(value, "f")
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    out = _group(whole, sep) if sep else whole
    return f"{out}{decimal_mark}{frac}" if frac else out


SEPARATORS = st.sampled_from([" ", NBSP, NNBSP, "."])
EURO_SUFFIXES = st.sampled_from([" €", "€", " euros", " € HT", " €HT", " EUR", " euros HT", " € TTC"])
PREFIXES = st.sampled_from(["", "Marché de ", "montant : ", "Lot peinture de ", "pour un marché de "])


@PROPERTY_SETTINGS
@given(st.integers(1, 10**10), SEPARATORS, EURO_SUFFIXES, PREFIXES)
def test_amount_with_thousand_separators_round_trips(n: int, sep: str, suffix: str, prefix: str) -> None:
    text = f"{prefix}{_group(str(n), sep)}{suffix} sur 3 ans"
    assert french.parse_amount(text) == n


@PROPERTY_SETTINGS
@given(st.integers(1, 10**10), EURO_SUFFIXES)
def test_amount_without_separators_round_trips(n: int, suffix: str) -> None:
    assert french.parse_amount(f"{n}{suffix}") == n


@PROPERTY_SETTINGS
@given(
    st.integers(1, 10**10),
    st.sampled_from(["k€", " k€", " K€", " keur", "k"]),
    st.sampled_from(["", " ", NBSP, NNBSP]),
    st.sampled_from([",", "."]),
)
def test_amount_in_thousands_round_trips(n: int, unit: str, sep: str, mark: str) -> None:
    if mark == "." and sep == "":
        sep = " "  # « 1234.567 k€ » reads fine, but « 1.234 » alone is the French thousands form: keep it unambiguous
    text = _decimal_text(Decimal(n) / 1000, sep, mark) + unit
    assert french.parse_amount(text) == n


@PROPERTY_SETTINGS
@given(
    st.integers(1, 10**10),
    st.sampled_from([" M€", "M€", " M€ HT", " millions d'euros", " million", " millions"]),
    st.sampled_from([",", "."]),
)
def test_amount_in_millions_round_trips(n: int, unit: str, mark: str) -> None:
    text = _decimal_text(Decimal(n) / 10**6, " ", mark) + unit
    assert french.parse_amount(text) == n


# --------------------------------------------------------------------------- percentages


@PROPERTY_SETTINGS
@given(
    st.integers(0, 10_000),
    st.sampled_from([" %", "%", NBSP + "%", NNBSP + "%", " pour cent"]),
    st.sampled_from([",", "."]),
)
def test_percentage_round_trips(hundredths: int, sign: str, mark: str) -> None:
    value = Decimal(hundredths) / 100  # 0 to 100 with up to two decimals
    text = _decimal_text(value, "", mark) + sign
    (found,) = french.parse_percentages(text)
    assert found.value == pytest.approx(float(value) / 100)


@PROPERTY_SETTINGS
@given(st.integers(0, 100), st.sampled_from(["taux d'insertion ", "clause à ", "taux de "]))
def test_rate_round_trips(percent: int, prefix: str) -> None:
    assert french.parse_rate(f"{prefix}{percent} %") == pytest.approx(percent / 100)


# --------------------------------------------------------------------------- durations

DURATION_PREFIXES = st.sampled_from(["", "sur ", "pendant ", "durée de ", "pour ", "marché de 600 000 € sur "])
NUMBER_WORDS = {
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "dix": 10,
    "douze": 12,
    "quinze": 15,
    "dix-huit": 18,
    "vingt-quatre": 24,
    "trente-six": 36,
    "quarante-huit": 48,
}


@PROPERTY_SETTINGS
@given(st.integers(1, 999), DURATION_PREFIXES)
def test_months_round_trip(months: int, prefix: str) -> None:
    assert french.parse_duration_months(f"{prefix}{months} mois") == months


@PROPERTY_SETTINGS
@given(st.integers(1, 99), DURATION_PREFIXES, st.sampled_from(["ans", "an", "années", "année"]))
def test_years_round_trip(years: int, prefix: str, unit: str) -> None:
    assert french.parse_duration_months(f"{prefix}{years} {unit}") == 12 * years


@PROPERTY_SETTINGS
@given(st.sampled_from(sorted(NUMBER_WORDS)), DURATION_PREFIXES, st.sampled_from(["mois", "ans"]))
def test_durations_in_words_round_trip(word: str, prefix: str, unit: str) -> None:
    factor = 1 if unit == "mois" else 12
    assert french.parse_duration_months(f"{prefix}{word} {unit}") == NUMBER_WORDS[word] * factor


@PROPERTY_SETTINGS
@given(st.integers(1, 99), DURATION_PREFIXES)
def test_years_and_a_half_round_trip(years: int, prefix: str) -> None:
    assert french.parse_duration_months(f"{prefix}{years} ans et demi") == 12 * years + 6
