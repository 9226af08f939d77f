"""Specifications of the insertion-hours calculators (assistant.sizing)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from assistant.errors import InvalidInput, UnknownTrade
from assistant.fr import read_amount, read_fraction
from assistant.sizing import (
    Grid,
    LotInput,
    convert_hours,
    guess_trade,
    load_grid,
    parse_lot_spec,
    size,
    size_cleaning_transfer,
    size_labour_share,
    size_lots,
    size_percent_of_hours,
    trade_named,
)

ROOT = Path(__file__).resolve().parents[2]
GRID_PATH = ROOT / "corpus" / "data" / "sizing_grid.yaml"


@pytest.fixture(scope="module")
def grid() -> Grid:
    return load_grid(GRID_PATH)


def origin_of(result, name: str) -> str:
    return next(a.origin for a in result.assumptions if a.name == name)


# --- published examples -----------------------------------------------------


def test_mefsud77_example_gives_833_hours(grid):
    result = size_labour_share(grid, amount=1_000_000, labour_share=0.5, rate=0.05, hourly_cost=30)
    assert result.hours == 833


def test_mefsud77_formula_is_written_with_french_numbers(grid):
    result = size_labour_share(grid, amount=1_000_000, labour_share=0.5, rate=0.05, hourly_cost=30)
    assert result.formula == "1 000 000 € × 50 % × 5 % ÷ 30 €/h = 833 h"


def test_rounding_is_stated_and_exact_value_kept(grid):
    result = size_labour_share(grid, amount=1_000_000, labour_share=0.5, rate=0.05, hourly_cost=30)
    assert result.hours_exact == pytest.approx(833.333, abs=0.001)
    assert "833,33" in result.rounding and "arrondi" in result.rounding.lower()


def test_gros_oeuvre_1_2_million_at_5_percent_gives_1000_hours(grid):
    assert size_labour_share(grid, amount=1_200_000, trade="gros œuvre", rate=0.05).hours == 1000


def test_gros_oeuvre_1_2_million_at_7_percent_gives_1400_hours(grid):
    assert size_labour_share(grid, amount=1_200_000, trade="gros œuvre", rate="7 %").hours == 1400


def test_gros_oeuvre_at_25_euros_per_hour_gives_1200_hours(grid):
    assert size_labour_share(grid, amount=1_200_000, trade="gros œuvre", rate=0.05, hourly_cost=25).hours == 1200


def test_painting_180000_at_7_percent_gives_294_hours(grid):
    assert size_labour_share(grid, amount=180_000, trade="peinture", rate=0.07).hours == 294


def test_painting_85000_at_5_percent_gives_99_hours(grid):
    assert size_labour_share(grid, amount=85_000, trade="peinture", rate=0.05).hours == 99


def test_ales_example_1_5_million_70_percent_10_percent_gives_3500_hours(grid):
    assert size_labour_share(grid, amount=1_500_000, labour_share="70 %", rate="10 %").hours == 3500


def test_cleaning_example_gives_480_hours(grid):
    result = size_cleaning_transfer(grid, amount=600_000, months=36, rate=0.05, transferred_hours_per_month=400)
    assert result.hours == 480


def test_cleaning_example_states_proration_and_formula(grid):
    result = size_cleaning_transfer(grid, amount=600_000, months=36, rate=0.05, transferred_hours_per_month=400)
    assert result.proration == pytest.approx(0.40)
    assert "0,40" in result.formula and result.formula.endswith("= 480 h")


def test_cleaning_without_transfer_gives_1200_hours(grid):
    result = size_cleaning_transfer(grid, amount=600_000, months=36, rate=0.05, transferred_hours_per_month=0)
    assert result.hours == 1200


def test_cleaning_example_mentions_hours_without_transfer(grid):
    result = size_cleaning_transfer(grid, amount=600_000, months=36, rate=0.05, transferred_hours_per_month=400)
    assert any("1 200 h" in note for note in result.notes)


def test_metal_frame_400000_gives_133_hours_flagged_small(grid):
    result = size_labour_share(grid, amount=400_000, trade="charpente métallique", rate=0.05)
    assert result.hours == 133
    assert any("Petite clause" in w and "150 h" in w for w in result.warnings)


def test_2400_hours_is_1_49_etp_at_1607(grid):
    assert convert_hours(grid, 2400).etp_total == 1.49


def test_2400_hours_is_1_50_etp_at_1600(grid):
    assert convert_hours(grid, 2400, etp_base=1600).etp_total == 1.50


def test_2400_hours_is_1_32_etp_at_1820(grid):
    assert convert_hours(grid, 2400, etp_base=1820).etp_total == 1.32


def test_1000_hours_over_18_months_is_0_41_etp_per_year(grid):
    assert convert_hours(grid, 1000, months=18).etp_per_year == 0.41


def test_sizing_gives_both_etp_total_and_per_year(grid):
    result = size_labour_share(grid, amount=1_200_000, trade="gros œuvre", rate=0.05, months=18)
    assert result.etp_total == 0.62
    assert result.etp_per_year == 0.41


def test_hours_worked_are_estimated(grid):
    result = size_labour_share(grid, amount=1_200_000, trade="gros œuvre", rate=0.05)
    assert result.hours_worked == 20000


def test_etp_per_year_is_absent_without_duration(grid):
    result = size_labour_share(grid, amount=1_200_000, trade="gros œuvre", rate=0.05)
    assert result.etp_per_year is None
    assert any("Durée" in note for note in result.notes)


# --- assumptions and their origins -------------------------------------------


def test_user_values_are_marked_as_user(grid):
    result = size_labour_share(grid, amount=1_000_000, labour_share=0.5, rate=0.05, hourly_cost=30)
    assert origin_of(result, "labour_share") == "utilisateur"
    assert origin_of(result, "insertion_rate") == "utilisateur"
    assert origin_of(result, "hourly_cost") == "utilisateur"


def test_trade_share_is_marked_as_grid_with_its_source(grid):
    result = size_labour_share(grid, amount=180_000, trade="peinture", rate=0.07)
    share = next(a for a in result.assumptions if a.name == "labour_share")
    assert share.origin == "grille"
    assert share.source_url == grid.sources["mefsud77"].url


def test_missing_values_are_marked_as_defaults_with_grid_source(grid):
    result = size_labour_share(grid, amount=1_200_000, trade="maçonnerie")
    rate = next(a for a in result.assumptions if a.name == "insertion_rate")
    cost = next(a for a in result.assumptions if a.name == "hourly_cost")
    base = next(a for a in result.assumptions if a.name == "etp_base")
    assert (rate.origin, cost.origin, base.origin) == ("défaut", "défaut", "défaut")
    assert rate.value == grid.defaults.insertion_rate.value and rate.source_title


def test_default_hourly_cost_is_read_from_the_grid(grid, tmp_path):
    raw = yaml.safe_load(GRID_PATH.read_text(encoding="utf-8"))
    raw["defaults"]["hourly_cost"]["value"] = 25.0
    edited = Grid.model_validate(raw)
    assert size_labour_share(edited, amount=1_200_000, trade="maçonnerie", rate=0.05).hours == 1200


def test_small_clause_threshold_is_read_from_the_grid():
    raw = yaml.safe_load(GRID_PATH.read_text(encoding="utf-8"))
    raw["small_clause"]["min_hours"] = 100
    edited = Grid.model_validate(raw)
    result = size_labour_share(edited, amount=400_000, trade="charpente métallique", rate=0.05)
    assert not any("Petite clause" in w for w in result.warnings)


# --- warnings ----------------------------------------------------------------


def test_unsourced_trade_ratio_asks_facilitator_confirmation(grid):
    result = size_labour_share(grid, amount=1_200_000, trade="gros œuvre", rate=0.05)
    assert any("facilitateur" in w and "source" in w for w in result.warnings)


def test_sourced_trade_ratio_has_no_confirmation_warning(grid):
    result = size_labour_share(grid, amount=180_000, trade="peinture", rate=0.07)
    assert not any("n'a pas de source" in w for w in result.warnings)


def test_rate_above_usual_range_is_warned(grid):
    result = size_labour_share(grid, amount=1_000_000, labour_share=0.5, rate="12 %")
    assert any("fourchette habituelle" in w and "5 % à 10 %" in w for w in result.warnings)


def test_rate_within_usual_range_is_not_warned(grid):
    result = size_labour_share(grid, amount=1_000_000, labour_share=0.5, rate="8 %")
    assert not any("fourchette" in w or "disproportionn" in w for w in result.warnings)


def test_rate_above_20_percent_gets_proportionality_warning(grid):
    result = size_labour_share(grid, amount=1_000_000, labour_share=0.5, rate="25 %")
    assert any("disproportionnée" in w for w in result.warnings)


def test_works_amount_above_european_threshold_warns_with_date_and_article(grid):
    result = size_labour_share(grid, amount=6_000_000, trade="gros œuvre", rate=0.05)
    warning = next(w for w in result.warnings if "seuil européen" in w)
    assert "5 404 000 €" in warning and "L2112-2-1" in warning and "22 août 2026" in warning
    assert grid.european_thresholds.period in warning


def test_services_amount_above_local_threshold_warns(grid):
    result = size_labour_share(grid, amount=300_000, labour_share=0.8, rate=0.05, market_type="supplies_services")
    assert any("216 000 €" in w and "22 août 2026" in w for w in result.warnings)


def test_works_amount_below_works_threshold_is_not_warned(grid):
    result = size_labour_share(grid, amount=1_200_000, trade="gros œuvre", rate=0.05, market_type="works")
    assert not any("seuil européen" in w for w in result.warnings)


def test_unknown_market_type_mentions_both_thresholds_in_notes(grid):
    result = size_labour_share(grid, amount=1_200_000, trade="gros œuvre", rate=0.05)
    assert any("216 000 €" in n and "5 404 000 €" in n for n in result.notes)


# --- input errors naming the field --------------------------------------------


@pytest.mark.parametrize("amount", [0, -5, "-1 000"])
def test_non_positive_amount_is_refused_naming_the_amount(grid, amount):
    with pytest.raises(InvalidInput) as error:
        size_labour_share(grid, amount=amount, labour_share=0.5, rate=0.05)
    assert error.value.field == "amount"
    assert "montant" in error.value.message.lower()


def test_absurd_amount_is_refused(grid):
    with pytest.raises(InvalidInput) as error:
        size_labour_share(grid, amount=20_000_000_000, labour_share=0.5, rate=0.05)
    assert error.value.field == "amount" and "10 milliards" in error.value.message


@pytest.mark.parametrize("rate", [-0.05, 150, "120 %", "abc"])
def test_rate_outside_0_100_is_refused_naming_the_rate(grid, rate):
    with pytest.raises(InvalidInput) as error:
        size_labour_share(grid, amount=1_000_000, labour_share=0.5, rate=rate)
    assert error.value.field == "rate"
    assert "taux" in error.value.message.lower()


@pytest.mark.parametrize("share", [-0.5, 101, "200 %"])
def test_labour_share_outside_0_100_is_refused_naming_the_share(grid, share):
    with pytest.raises(InvalidInput) as error:
        size_labour_share(grid, amount=1_000_000, labour_share=share, rate=0.05)
    assert error.value.field == "labour_share"
    assert "main-d'œuvre" in error.value.message


@pytest.mark.parametrize("cost", [0, -30, 5000, 0.001])
def test_bad_hourly_cost_is_refused(grid, cost):
    with pytest.raises(InvalidInput) as error:
        size_labour_share(grid, amount=1_000_000, labour_share=0.5, rate=0.05, hourly_cost=cost)
    assert error.value.field == "hourly_cost"


@pytest.mark.parametrize("months", [0, -3, 1000, 1e-9])
def test_bad_duration_is_refused(grid, months):
    with pytest.raises(InvalidInput) as error:
        size_labour_share(grid, amount=1_000_000, labour_share=0.5, rate=0.05, months=months)
    assert error.value.field == "months"


def test_etp_base_outside_allowed_values_lists_them(grid):
    with pytest.raises(InvalidInput) as error:
        convert_hours(grid, 2400, etp_base=1500)
    assert error.value.field == "etp_base"
    assert all(value in error.value.message for value in ("1 607", "1 600", "1 820"))


def test_negative_transferred_hours_are_refused(grid):
    with pytest.raises(InvalidInput) as error:
        size_cleaning_transfer(grid, amount=600_000, months=36, transferred_hours_per_month=-1)
    assert error.value.field == "transferred_hours_per_month"


def test_unknown_trade_suggests_close_trades(grid):
    with pytest.raises(UnknownTrade) as error:
        size_labour_share(grid, amount=100_000, trade="plombrie", rate=0.05)
    assert "Plomberie, chauffage, ventilation" in error.value.suggestions
    assert "Plomberie" in error.value.message and error.value.field == "trade"


def test_trade_without_ratio_asks_for_labour_share(grid):
    with pytest.raises(InvalidInput) as error:
        size_labour_share(grid, amount=100_000, trade="espaces verts", rate=0.05)
    assert error.value.field == "labour_share"
    assert "part de main-d'œuvre" in error.value.message.lower()


def test_trade_without_ratio_works_with_explicit_share(grid):
    assert size_labour_share(grid, amount=100_000, trade="espaces verts", labour_share="60 %", rate=0.05).hours == 100


def test_no_trade_and_no_share_is_refused(grid):
    with pytest.raises(InvalidInput) as error:
        size_labour_share(grid, amount=100_000, rate=0.05)
    assert error.value.field == "labour_share"


def test_unknown_parameter_in_mapping_is_refused(grid):
    with pytest.raises(InvalidInput) as error:
        size(grid, {"amount": 100_000, "labour_share": 0.5, "colour": "bleu"})
    assert error.value.field == "colour"


# --- parsing helpers ----------------------------------------------------------


@pytest.mark.parametrize("value", [0.05, "5 %", "5%", "0,05", 5, "5", "5 %"])
def test_parse_fraction_reads_every_spelling_of_five_percent(value):
    assert read_fraction(value) == pytest.approx(0.05)


def test_parse_fraction_reads_decimal_percent():
    assert read_fraction("7,5 %") == pytest.approx(0.075)


def test_parse_fraction_names_the_field_on_error():
    with pytest.raises(InvalidInput) as error:
        read_fraction("beaucoup", field="labour_share", label="part de main-d'œuvre")
    assert error.value.field == "labour_share"


def test_parse_amount_reads_french_spaced_amounts():
    assert read_amount("1 200 000 €") == 1_200_000


# --- trade lookup -------------------------------------------------------------


@pytest.mark.parametrize("name", ["gros œuvre", "GROS OEUVRE", "gros-œuvre", "Gros Oeuvre", "go"])
def test_trade_lookup_ignores_case_accents_and_ligatures(grid, name):
    assert trade_named(grid, name).id == "gros_oeuvre"


def test_trade_lookup_accepts_label_and_id(grid):
    assert trade_named(grid, "Propreté et nettoyage").id == "proprete"
    assert trade_named(grid, "charpente_metallique").id == "charpente_metallique"


def test_trade_is_guessed_from_lot_label(grid):
    assert guess_trade(grid, "Lot 2 - gros œuvre").id == "gros_oeuvre"
    assert guess_trade(grid, "Lot 7 - Plâtrerie-peinture").id == "platrerie"


# --- variants -----------------------------------------------------------------


def test_percent_of_hours_estimates_hours_worked_then_applies_percent(grid):
    result = size_percent_of_hours(grid, amount=1_000_000, labour_share=0.5, percent="5 %", hourly_cost=30)
    assert result.hours == 833 and result.hours_worked == 16667
    assert result.method == "percent_of_hours"
    assert "16 667 h" in result.formula


def test_percent_of_hours_says_the_figure_is_an_estimate(grid):
    result = size_percent_of_hours(grid, amount=1_000_000, labour_share=0.5, percent="10 %")
    assert any("estimation" in note for note in result.notes)


def test_rate_and_percent_of_hours_together_are_refused(grid):
    with pytest.raises(InvalidInput) as error:
        size(grid, {"amount": 1_000_000, "labour_share": 0.5, "rate": 0.05, "percent_of_hours": 0.05})
    assert error.value.field == "percent_of_hours"


def test_framework_gives_hours_per_year(grid):
    result = size_labour_share(grid, amount=1_200_000, trade="maçonnerie", rate=0.05, months=48, framework=True)
    assert result.hours == 1000 and result.hours_per_year == 250
    assert "250 h par an" in result.formula


def test_framework_says_it_uses_realistic_estimate_not_maximum(grid):
    result = size_labour_share(
        grid, amount=1_200_000, trade="maçonnerie", rate=0.05, months=48, framework=True, maximum_amount=3_000_000
    )
    assert any("montant estimé réaliste" in w and "maximum" in w for w in result.warnings)
    assert next(a for a in result.assumptions if a.name == "framework_basis")


def test_framework_threshold_is_checked_on_the_maximum_amount(grid):
    result = size_labour_share(
        grid, amount=2_000_000, trade="vrd", rate=0.05, months=48, framework=True, maximum_amount=6_000_000
    )
    assert result.hours == 1667
    assert any("6 000 000 €" in w and "seuil européen des travaux" in w for w in result.warnings)


def test_every_article_cited_in_sizing_messages_is_known(grid):
    known = {
        str(key)
        for section in yaml.safe_load(
            (ROOT / "corpus" / "data" / "known_articles.yaml").read_text(encoding="utf-8")
        ).values()
        for key in section
    }
    result = size_labour_share(grid, amount=6_000_000, trade="gros œuvre", rate="25 %", months=12)
    for message in [*result.warnings, *result.notes]:
        for article in re.findall(r"\b[LRD]\d{4}(?:-\d+)*\b", message):
            assert article in known


def test_framework_without_duration_is_refused(grid):
    with pytest.raises(InvalidInput) as error:
        size_labour_share(grid, amount=1_200_000, trade="maçonnerie", rate=0.05, framework=True)
    assert error.value.field == "months"


def test_framework_maximum_below_estimate_is_refused(grid):
    with pytest.raises(InvalidInput) as error:
        size_labour_share(
            grid, amount=1_200_000, trade="maçonnerie", rate=0.05, months=12, framework=True, maximum_amount=500_000
        )
    assert error.value.field == "maximum_amount"


def test_cleaning_with_transfer_exceeding_potential_advises_no_clause(grid):
    result = size_cleaning_transfer(grid, amount=600_000, months=36, rate=0.05, transferred_hours_per_month=800)
    assert result.hours == 0 and not result.clause_advised
    assert any("dépasse le potentiel du marché" in w for w in result.warnings)


def test_cleaning_below_150_hours_says_branch_advises_no_clause(grid):
    result = size_cleaning_transfer(grid, amount=100_000, months=12, rate=0.05, transferred_hours_per_month=100)
    assert result.hours < 150 and not result.clause_advised
    assert any("branche" in w and "conseille de ne pas prévoir de clause" in w for w in result.warnings)


def test_cleaning_requires_duration(grid):
    with pytest.raises(InvalidInput) as error:
        size_cleaning_transfer(grid, amount=600_000, months=None, transferred_hours_per_month=400)
    assert error.value.field == "months"


def test_cleaning_turnover_per_hour_comes_from_grid(grid):
    result = size_cleaning_transfer(grid, amount=600_000, months=36, rate=0.05, transferred_hours_per_month=400)
    turnover = next(a for a in result.assumptions if a.name == "turnover_per_labour_hour")
    assert turnover.origin == "grille" and turnover.value == grid.cleaning.turnover_per_labour_hour


# --- multi-lot ------------------------------------------------------------------


def test_multi_lot_gives_one_line_per_lot_and_total(grid):
    lots = [parse_lot_spec("Lot 1 - peinture:180000"), parse_lot_spec("Lot 2 - gros œuvre:1 200 000")]
    result = size_lots(grid, lots, rate=0.05)
    assert [line.hours for line in result.lots] == [210, 1000]
    assert result.hours == 1210 and result.method == "multi_lot"


def test_multi_lot_flags_small_lot_with_reason(grid):
    lots = [parse_lot_spec("Lot 2 - gros œuvre:1200000"), parse_lot_spec("Lot 3 - charpente métallique:400000")]
    result = size_lots(grid, lots, rate=0.05)
    small = result.lots[1]
    assert small.small and small.hours == 133 and "150 h" in small.reason
    assert not result.lots[0].small


def test_multi_lot_accepts_explicit_share_for_a_lot(grid):
    result = size_lots(grid, [parse_lot_spec("Lot 4 - entretien:100000:60 %")], rate=0.05)
    assert result.lots[0].labour_share == pytest.approx(0.6) and result.lots[0].hours == 100


def test_multi_lot_accepts_explicit_trade_for_a_lot(grid):
    result = size_lots(grid, [LotInput(label="Lot 5", amount=180_000, trade="peinture")], rate=0.07)
    assert result.lots[0].hours == 294


def test_multi_lot_unrecognised_lot_names_the_lot_and_suggests(grid):
    with pytest.raises(UnknownTrade) as error:
        size_lots(
            grid, [parse_lot_spec("Lot 9 - zinguerie fine:50000"), parse_lot_spec("Lot 8 - bidule:50000")], rate=0.05
        )
    assert "Lot 8 - bidule" in error.value.message


def test_multi_lot_threshold_uses_total_of_all_lots(grid):
    lots = [parse_lot_spec(f"Lot {i} - gros œuvre:2000000") for i in range(1, 4)]
    result = size_lots(grid, lots, rate=0.05)
    assert any("tous lots confondus" in w and "6 000 000 €" in w for w in result.warnings)


def test_bad_lot_spec_is_refused_naming_lots():
    with pytest.raises(InvalidInput) as error:
        parse_lot_spec("Lot sans montant")
    assert error.value.field == "lots"


# --- output -----------------------------------------------------------------------


def test_result_serialises_to_json_with_required_keys(grid):
    result = size(grid, {"amount": "1200000", "trade": "gros œuvre", "rate": "5 %", "months": 18})
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    for key in ("hours", "hours_worked", "etp_per_year", "formula", "assumptions", "warnings", "method"):
        assert key in data
    assert all({"value", "origin"} <= set(a) for a in data["assumptions"])


def test_dispatcher_picks_cleaning_method_when_transfer_given(grid):
    result = size(grid, {"amount": 600_000, "months": 36, "rate": 0.05, "transferred_hours_per_month": 400})
    assert result.method == "cleaning_transfer" and result.hours == 480


def test_dispatcher_converts_hours_without_amount(grid):
    result = size(grid, {"hours": 2400})
    assert result.method == "etp_conversion" and result.etp_total == 1.49
