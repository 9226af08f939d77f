"""Specifications of the insertion-hours calculators (assistant.sizing)."""

from __future__ import annotations

import datetime as dt
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
    eu_threshold,
    guess_trade,
    load_grid,
    load_texts,
    parse_lot_spec,
    size,
    size_cleaning_transfer,
    size_labour_share,
    size_lots,
    size_percent_of_hours,
    social_status,
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


def test_unsourced_warning_names_the_trade_its_value_comes_from(grid):
    result = size_labour_share(grid, amount=1_000_000, trade="gros œuvre", rate=0.05)
    assert any("c'est celle de « Maçonnerie », dont la source est citée" in w for w in result.warnings)


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


# --- the mandatory social condition (article L2112-2-1), in one plain line ------------


def line_of(result) -> str:
    return result.social_condition.line


def test_works_amount_above_the_works_threshold_says_the_condition_is_mandatory_since_the_date(grid):
    result = size_labour_share(grid, amount=6_000_000, trade="gros œuvre", rate=0.05)
    line = line_of(result)
    assert result.social_condition.status == "mandatory"
    assert "5 404 000 €" in line and "L2112-2-1" in line and "obligatoire depuis le 22 août 2026" in line
    assert "pour les consultations engagées depuis cette date" in line
    assert "sauf dérogation prévue par le texte et motivée par écrit" in line
    assert grid.european_thresholds.period in line


def test_no_sizing_text_writes_the_obligation_as_future(grid):
    result = size_labour_share(grid, amount=6_000_000, trade="gros œuvre", rate=0.05)
    for text in [line_of(result), *result.warnings, *result.notes, *grid.texts.entries.values()]:
        assert not re.search(r"au plus tard|devient obligatoire|deviendra", text), text


def test_the_date_of_the_obligation_is_read_from_the_grid(grid):
    thresholds = grid.european_thresholds.model_copy(update={"social_condition_mandatory_from": dt.date(2026, 9, 1)})
    edited = grid.model_copy(update={"european_thresholds": thresholds})
    result = size_labour_share(edited, amount=6_000_000, trade="gros œuvre", rate=0.05)
    assert "depuis le 1er septembre 2026" in line_of(result)


def test_the_wording_of_the_line_is_read_from_the_texts_file(grid, tmp_path):
    raw = yaml.safe_load((ROOT / "corpus" / "data" / "sizing_texts.yaml").read_text(encoding="utf-8"))
    raw["social_condition"]["optional"] = "aucune obligation"
    (tmp_path / "sizing_texts.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    (tmp_path / "sizing_grid.yaml").write_text(GRID_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    edited = load_grid(tmp_path / "sizing_grid.yaml")
    result = size_labour_share(edited, amount=1_200_000, trade="gros œuvre", rate=0.05)
    assert ": aucune obligation, " in line_of(result)


def test_a_texts_file_with_an_unknown_placeholder_is_refused(tmp_path):
    raw = yaml.safe_load((ROOT / "corpus" / "data" / "sizing_texts.yaml").read_text(encoding="utf-8"))
    raw["warnings"]["framework"] = "Accord-cadre : {montant}"
    path = tmp_path / "sizing_texts.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="montant"):
        load_texts(path)


def test_a_works_trade_below_the_works_threshold_says_so_plainly(grid):
    result = size_labour_share(grid, amount=1_200_000, trade="gros œuvre", rate=0.05, market_type="works")
    assert line_of(result) == (
        "Travaux : 1 200 000 € HT n'atteint pas le seuil européen des travaux (5 404 000 € HT, seuils "
        f"{grid.european_thresholds.period}) : la condition sociale n'est pas obligatoire (elle reste possible), "
        "à condition que ce montant soit celui de tout le marché ; pour un lot, c'est la valeur de l'opération "
        "entière, tous lots confondus, qui se compare au seuil."
    )
    assert result.social_condition.status == "optional"


def test_without_a_market_type_the_trade_gives_it_and_the_line_says_so(grid):
    result = size_labour_share(grid, amount=1_200_000, trade="gros œuvre", rate=0.05)
    check = result.social_condition
    assert check.market_type == "works" and check.market_type_origin == "corps d'état"
    assert check.line.startswith("Travaux (d'après le corps d'état « Gros œuvre ») : 1 200 000 € HT n'atteint pas")
    assert "fournitures" not in check.line and "s'il s'agit" not in check.line


def test_a_cleaning_trade_is_compared_with_the_services_threshold(grid):
    result = size_labour_share(grid, amount=300_000, trade="nettoyage", rate=0.05)
    check = result.social_condition
    assert check.market_type == "supplies_services" and check.status == "mandatory"
    assert "216 000 €" in check.line


def test_services_amount_above_local_threshold_is_mandatory(grid):
    result = size_labour_share(grid, amount=300_000, labour_share=0.8, rate=0.05, market_type="supplies_services")
    assert "216 000 €" in line_of(result) and "22 août 2026" in line_of(result)
    assert result.social_condition.status == "mandatory"


def test_social_services_use_the_750_000_threshold_of_the_grid(grid):
    below = size_labour_share(grid, amount=700_000, labour_share=0.8, rate=0.05, market_type="social_services")
    above = size(grid, {"amount": 750_000, "labour_share": 0.8, "rate": 0.05, "market_type": "social_services"})
    assert below.social_condition.status == "optional" and "750 000 €" in line_of(below)
    assert above.social_condition.status == "mandatory"
    assert "services sociaux et autres services spécifiques" in line_of(above)


def test_the_threshold_line_is_not_repeated_in_warnings_or_notes(grid):
    result = size_labour_share(grid, amount=6_000_000, trade="gros œuvre", rate=0.05)
    assert not any("seuil européen" in text for text in [*result.warnings, *result.notes])


def test_without_type_or_trade_the_line_names_the_thresholds_reached_and_asks_the_type(grid):
    result = size_labour_share(grid, amount=1_200_000, labour_share=0.5, rate=0.05)
    line = line_of(result)
    assert result.social_condition.status is None and result.social_condition.market_type is None
    assert line.startswith("Type de marché non indiqué : 1 200 000 € HT atteint le seuil européen des fournitures")
    assert "216 000 €" in line and "750 000 €" in line and "mais pas celui des travaux (5 404 000 € HT)" in line
    assert "précisez le type de marché" in line


def test_without_type_a_small_amount_reaches_no_threshold(grid):
    result = size_labour_share(grid, amount=100_000, labour_share=0.5, rate=0.05)
    assert result.social_condition.status == "optional" and "n'atteint aucun seuil européen" in line_of(result)


def test_without_type_an_amount_above_the_works_threshold_is_mandatory_for_any_type(grid):
    result = size_labour_share(grid, amount=6_000_000, labour_share=0.5, rate=0.05)
    assert result.social_condition.status == "mandatory" and "tout type de marché" in line_of(result)


def test_lots_compare_the_total_of_all_lots_with_the_threshold(grid):
    lots = [
        LotInput(label="Lot 1 - gros œuvre", amount=3_000_000),
        LotInput(label="Lot 2 - peinture", amount=2_500_000),
    ]
    result = size_lots(grid, lots, rate=0.05)
    check = result.social_condition
    assert check.value == 5_500_000 and check.status == "mandatory" and check.market_type_origin == "lots"
    assert "5 500 000 € HT, tous lots confondus, atteint le seuil européen des travaux" in check.line


def test_lots_of_different_types_leave_the_type_to_the_user(grid):
    lots = [LotInput(label="Lot 1 - peinture", amount=300_000), LotInput(label="Lot 2 - nettoyage", amount=200_000)]
    result = size_lots(grid, lots, rate=0.05)
    assert result.social_condition.market_type is None and "Type de marché non indiqué" in line_of(result)


def test_a_single_lot_is_not_compared_alone_with_the_threshold(grid):
    result = size_lots(grid, [LotInput(label="Lot 3 - peinture", amount=180_000)], rate=0.05)
    check = result.social_condition
    assert check.value_basis == "single_lot" and check.status is None
    assert (
        "se compare à la valeur de toute l'opération, tous lots confondus, et non au lot « Lot 3 - peinture » seul"
        in check.line
    )
    assert "180 000 € HT" in check.line and "5 404 000 €" in check.line


def test_a_single_lot_above_the_threshold_makes_the_condition_mandatory(grid):
    result = size_lots(grid, [LotInput(label="Lot 1 - gros œuvre", amount=6_000_000)], rate=0.05)
    assert result.social_condition.status == "mandatory" and "atteint à lui seul" in line_of(result)


def test_cleaning_with_transfer_is_a_services_market(grid):
    result = size_cleaning_transfer(grid, amount=600_000, months=36, rate=0.05, transferred_hours_per_month=100)
    check = result.social_condition
    assert check.market_type == "supplies_services" and check.market_type_origin == "propreté"
    assert check.status == "mandatory"


def test_eu_threshold_is_the_one_lookup_of_the_grid(grid):
    assert eu_threshold(grid, "works") == 5_404_000
    assert eu_threshold(grid, "supplies_services") == 216_000
    assert eu_threshold(grid, "social_services") == 750_000
    assert social_status(grid, 5_404_000, "works") == "mandatory"
    assert social_status(grid, 5_403_999.99, "works") == "optional"


def test_every_trade_of_the_grid_has_a_market_type(grid):
    assert {trade.market_type for trade in grid.trades} <= {"works", "supplies_services", "social_services"}
    assert trade_named(grid, "peinture").market_type == "works"
    assert trade_named(grid, "nettoyage").market_type == "supplies_services"


def test_a_grid_trade_without_market_type_is_refused():
    raw = yaml.safe_load(GRID_PATH.read_text(encoding="utf-8"))
    del raw["trades"][0]["market_type"]
    with pytest.raises(ValueError, match="market_type"):
        Grid.model_validate(raw)


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
        grid, amount=2_000_000, trade="maçonnerie", rate=0.05, months=48, framework=True, maximum_amount=6_000_000
    )
    assert result.hours == 1667
    check = result.social_condition
    assert check.value_basis == "framework_maximum" and check.value == 6_000_000 and check.status == "mandatory"
    assert "le montant maximum de l'accord-cadre (6 000 000 € HT) atteint le seuil européen des travaux" in check.line


def test_framework_without_maximum_is_compared_on_its_estimated_total(grid):
    result = size_labour_share(grid, amount=2_000_000, trade="maçonnerie", rate=0.05, months=48, framework=True)
    check = result.social_condition
    assert check.value_basis == "framework_total" and check.value == 2_000_000 and check.status == "optional"
    assert "valeur estimée de l'accord-cadre sur toute sa durée" in check.line


def test_every_article_cited_in_sizing_messages_is_known(grid):
    known = {
        str(key)
        for section in yaml.safe_load(
            (ROOT / "corpus" / "data" / "known_articles.yaml").read_text(encoding="utf-8")
        ).values()
        for key in section
    }
    result = size_labour_share(grid, amount=6_000_000, trade="gros œuvre", rate="25 %", months=12)
    for message in [result.social_condition.line, *result.warnings, *result.notes]:
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
            grid, [parse_lot_spec("Lot 9 - peinture fine:50000"), parse_lot_spec("Lot 8 - bidule:50000")], rate=0.05
        )
    assert "Lot 8 - bidule" in error.value.message


def test_multi_lot_threshold_uses_total_of_all_lots(grid):
    lots = [parse_lot_spec(f"Lot {i} - gros œuvre:2000000") for i in range(1, 4)]
    result = size_lots(grid, lots, rate=0.05)
    assert "6 000 000 € HT, tous lots confondus," in result.social_condition.line


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


def test_the_sizing_answer_states_the_social_condition_once_first_among_the_points(grid):
    from assistant.presenting import sizing_markdown

    result = size_labour_share(grid, amount=6_000_000, trade="gros œuvre", rate=0.05)
    text = sizing_markdown(result, "")
    points = text.split("**Points d'attention**")[1].strip().splitlines()
    assert points[0] == f"- {result.social_condition.line}"
    assert text.count("L2112-2-1") == 1 and text.count("seuil européen") == 1


def test_a_single_lot_without_type_asks_the_type_and_still_compares_the_whole_operation(grid):
    result = size(grid, {"lots": [{"label": "Lot 4", "amount": "300 000", "labour_share": "40 %"}]})
    line = line_of(result)
    assert result.social_condition.status is None and line.startswith("Type de marché non indiqué")
    assert "toute l'opération, tous lots confondus, et non au lot « Lot 4 » seul (300 000 € HT)" in line


def test_a_single_lot_has_no_note_about_adding_lots(grid):
    result = size_lots(grid, [LotInput(label="Lot 3 - peinture", amount=180_000)], rate=0.05)
    assert not any("additionne" in note for note in result.notes)


def test_the_labour_amount_behind_the_hours_is_shown(grid):
    result = size_labour_share(grid, amount=600_000, labour_share=0.4, rate=0.05)
    assert any("600 000 € × 40 % = 240 000 € HT" in note.replace("\u202f", " ") for note in result.notes)


# --- the rate applied to hours worked the user knows --------------------------------------------


def test_the_rate_applies_directly_to_the_hours_worked_given(grid: Grid) -> None:
    result = size(grid, {"hours_worked": 1200, "rate": 0.07})
    assert result.method == "worked_hours" and result.hours == 84


def test_hours_worked_without_a_rate_take_the_grids_default_rate(grid: Grid) -> None:
    result = size(grid, {"hours_worked": 1200})
    assert result.hours == 60
    assert origin_of(result, "insertion_rate") == "défaut"


def test_an_amount_given_with_hours_worked_keeps_the_labour_share_method(grid: Grid) -> None:
    result = size(grid, {"amount": 300_000, "trade": "peinture", "hours_worked": 1200})
    assert result.method == "labour_share"


def test_hours_worked_of_zero_are_refused(grid: Grid) -> None:
    with pytest.raises(InvalidInput):
        size(grid, {"hours_worked": 0})
