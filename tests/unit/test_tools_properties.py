"""Property tests: whatever the input, the tools answer or raise one of the named errors."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.drafting import draft, load_library
from assistant.errors import InvalidInput, RequestRefused
from assistant.guardrails import check_request
from assistant.refusal_parts import load_refusal_parts
from assistant.sizing import load_grid, size

ROOT = Path(__file__).resolve().parents[2]
GRID = load_grid(ROOT / "corpus" / "data" / "sizing_grid.yaml")
LIBRARY = load_library(ROOT / "prompts" / "clauses", ROOT / "corpus" / "data" / "known_articles.yaml")

numbers = st.one_of(
    st.none(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e3, max_value=1e13),
    st.floats(min_value=1e-300, max_value=1e-3),
    st.sampled_from(["5 %", "0,05", "1 200 000 €", "abc", "", "%", "-3", "1e400", "NaN", "12,5%", "101 %"]),
    st.text(max_size=12),
)
trades = st.one_of(
    st.none(), st.sampled_from(["gros œuvre", "peinture", "espaces verts", "propreté", "xyz"]), st.text(max_size=20)
)
lot_inputs = st.lists(
    st.fixed_dictionaries(
        {"label": st.text(max_size=30), "amount": numbers}, optional={"trade": trades, "labour_share": numbers}
    ),
    max_size=4,
)

sizing_params = st.fixed_dictionaries(
    {},
    optional={
        "amount": numbers,
        "trade": trades,
        "labour_share": numbers,
        "rate": numbers,
        "hourly_cost": numbers,
        "months": numbers,
        "etp_base": st.one_of(numbers, st.sampled_from([1607, 1600, 1820, "1607"])),
        "transferred_hours_per_month": numbers,
        "percent_of_hours": numbers,
        "framework": st.booleans(),
        "maximum_amount": numbers,
        "market_type": st.sampled_from(["works", "supplies_services", None]),
        "lots": st.one_of(st.none(), lot_inputs),
        "hours": numbers,
    },
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sizing_params)
def test_sizing_returns_a_result_or_raises_invalid_input(params):
    try:
        result = size(GRID, params)
    except InvalidInput as error:
        assert error.message and error.field
        return
    assert result.hours >= 0
    assert result.formula
    assert all(a.origin in {"utilisateur", "grille", "défaut"} for a in result.assumptions)


@settings(max_examples=200, deadline=None)
@given(
    amount=st.floats(min_value=1, max_value=1e10),
    share=st.floats(min_value=0.01, max_value=1),
    rate=st.floats(min_value=0.001, max_value=1),
    cost=st.floats(min_value=1, max_value=1000),
)
def test_sizing_hours_are_the_rounded_formula(amount, share, rate, cost):
    result = size(GRID, {"amount": amount, "labour_share": share, "rate": rate, "hourly_cost": cost})
    assert abs(result.hours - amount * share * rate / cost) <= 0.5 + 1e-6 * max(1.0, result.hours)


texts = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "habitants de la commune",
            "uniquement en CDI",
            "de nationalité française",
            "Lot 2 - gros œuvre",
            "le facilitateur du territoire",
            "SIAE du département",
            "1 000",
            "-5",
            "5 %",
            "",
            "   ",
        ]
    ),
)
draft_values = st.one_of(texts, numbers, st.lists(st.text(max_size=20), max_size=3))
draft_params = st.dictionaries(
    st.one_of(st.sampled_from(sorted(LIBRARY.catalog.parameters)), st.text(max_size=12)),
    draft_values,
    max_size=8,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.one_of(st.sampled_from(LIBRARY.kinds), st.text(max_size=15)), params=draft_params)
def test_drafting_returns_or_raises_refused_or_invalid(kind, params):
    try:
        result = draft(kind, params, library=LIBRARY, grid=GRID)
    except (RequestRefused, InvalidInput) as error:
        assert error.message
        return
    assert result.text.strip()
    assert set(result.references) <= set(LIBRARY.known_articles)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_guardrails_never_crash(text):
    for refusal in check_request(text, load_refusal_parts(ROOT / "prompts" / "refusals.yaml")):
        assert refusal.reason and refusal.alternative
