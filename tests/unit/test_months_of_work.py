"""Hours of insertion said as months and weeks of work for one person (151,67 h a month full time)."""

from __future__ import annotations

from assistant.backends.embedded.sizing import SizingAnswers
from assistant.fr.staffing import asks_duration, half_time_in
from assistant.presenting import load_messages
from assistant.routing import HoursSplit
from assistant.settings import PROJECT_ROOT


def answers() -> SizingAnswers:
    found = object.__new__(SizingAnswers)
    found.messages = load_messages(PROJECT_ROOT / "prompts" / "messages.yaml")
    return found


def test_a_number_of_months_of_work_is_asked() -> None:
    assert asks_duration("ca fait combien de mois de boulot a temps plein ?")
    assert not asks_duration("ca fait combien d'etp ?")


def test_half_time_is_read_but_not_full_time() -> None:
    assert half_time_in("si je suis a mi temps") and not half_time_in("a temps plein")


def test_hours_at_full_time_are_months_of_151_67_hours() -> None:
    text = answers()._months_text(1800, half_time=False)
    assert "11,9 mois" in text and "151,67" in text and "51 semaines" in text


def test_hours_at_half_time_are_weeks_of_17_5_hours() -> None:
    text = answers()._months_text(600, half_time=True)
    assert "34 semaines" in text and "17,5 h" in text


def test_hours_shared_between_people_say_each_share_in_months_of_work() -> None:
    text = answers()._split_text(1800, HoursSplit((1 / 3, 1 / 3, 1 / 3), people=3))
    assert "600 h chacun" in text and "environ 4 mois" in text


def test_an_etp_per_year_formula_divides_a_year_of_hours_not_a_fraction_of_years() -> None:
    from assistant.sizing import load_grid, size

    grid = load_grid(PROJECT_ROOT / "corpus" / "data" / "sizing_grid.yaml")
    result = size(grid, {"hours": 350, "months": 5})
    assert "an(s)" not in result.formula and "350 h × 12 ÷ 5 mois ÷ 1 607 h = 0,52 ETP par an" in result.formula


def test_a_framework_agreement_says_its_hours_per_year_over_its_months_and_years() -> None:
    from assistant.sizing import load_grid, size

    grid = load_grid(PROJECT_ROOT / "corpus" / "data" / "sizing_grid.yaml")
    params = {
        "amount": 1_200_000,
        "labour_share": 0.8,
        "rate": 0.05,
        "hourly_cost": 28,
        "months": 48,
        "framework": True,
    }
    result = size(grid, params)
    assert "an(s)" not in result.formula and "par an sur 48 mois (4 ans)" in result.formula


def test_a_sizing_over_a_known_duration_says_its_average_hours_per_month() -> None:
    from assistant.presenting import sizing_markdown
    from assistant.sizing import load_grid, size

    grid = load_grid(PROJECT_ROOT / "corpus" / "data" / "sizing_grid.yaml")
    params = {"amount": 420_000, "labour_share": 0.45, "rate": 0.07, "hourly_cost": 38, "months": 14}
    text = sizing_markdown(size(grid, params), "")
    assert "- Heures par mois en moyenne : 25 h (sur 14 mois)" in text
