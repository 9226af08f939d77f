"""The indicator definitions of the format note and the late-operation alerts, on small hand-made data."""

from __future__ import annotations

from datetime import date

from assistant.followup.alerts import late_operations
from assistant.followup.codes import Codes
from assistant.followup.indicators import Scope, compute, monthly_plan, monthly_series
from assistant.followup.period import Period
from assistant.followup.records import Dataset, Hours, Operation, Participant, Structure


def _op(op_id: str = "OP1", hours: float = 1200, start: str = "2026-01-15", end: str = "2026-12-10", **kw) -> Operation:
    values = {"territoire": "Voironnais-Chartreuse", "type_clause": "execution"} | kw
    return Operation(
        op_id,
        "Ville",
        "Travaux",
        values["territoire"],
        values["type_clause"],
        hours,
        date.fromisoformat(start),
        date.fromisoformat(end),
    )


def _person(
    pid: str, entry: str = "2025-01-10", six: str = "emploi_durable", twelve: str = "inconnue", **kw
) -> Participant:
    return Participant(
        pid, date.fromisoformat(entry), kw.get("age", "26_49"), kw.get("rsa", False), kw.get("sexe"), six, twelve
    )


def _h(
    pid: str, month: str, hours: float, op: str = "OP1", contract: str = "cdi", structure: str | None = None
) -> Hours:
    return Hours(op, pid, "Entreprise A", month, hours, "embauche_directe", structure, contract)


def test_planned_hours_are_spread_evenly_over_the_calendar_months_both_ends_included() -> None:
    plan = monthly_plan(_op(hours=1200, start="2026-01-31", end="2026-12-01"))
    assert len(plan) == 12 and set(plan.values()) == {100.0}


def test_planned_hours_of_a_period_count_only_its_months(codes: Codes) -> None:
    data = Dataset([_op(hours=1200, start="2025-07-01", end="2026-06-30")])
    assert compute(data, Scope(Period.year(2026)), codes)["heures"]["prevues"] == 600.0


def test_realised_hours_and_rate(codes: Codes) -> None:
    data = Dataset([_op()], [_person("P1")], [], [_h("P1", "2026-02", 70.5), _h("P1", "2025-12", 30)])
    hours = compute(data, Scope(Period.year(2026)), codes)["heures"]
    assert hours == {"prevues": 1200.0, "realisees": 70.5, "taux_realisation": 0.0588}


def test_the_rate_is_null_when_nothing_is_planned(codes: Codes) -> None:
    assert compute(Dataset(), Scope(Period.year(2026)), codes)["heures"]["taux_realisation"] is None


def test_participants_are_those_with_hours_in_the_period(codes: Codes) -> None:
    people = [_person("P1", rsa=True, sexe="F", age="moins_26"), _person("P2"), _person("P3", rsa=True)]
    data = Dataset([_op()], people, [], [_h("P1", "2026-03", 35), _h("P1", "2026-04", 35), _h("P2", "2026-03", 10)])
    assert compute(data, Scope(Period.year(2026)), codes)["participants"] == {
        "total": 2,
        "rsa": 1,
        "moins_26": 1,
        "femmes": 1,
    }


def test_a_territory_is_matched_by_part_of_its_name_without_accents_or_case(codes: Codes) -> None:
    data = Dataset(
        [_op("A"), _op("B", territoire="Grésivaudan")], [_person("P1")], [], [_h("P1", "2026-03", 10, op="B")]
    )
    assert compute(data, Scope(Period.year(2026), "gresivaudan"), codes)["heures"]["realisees"] == 10.0
    assert compute(data, Scope(Period.year(2026), "voironnais"), codes)["heures"]["realisees"] == 0.0


def test_recruitments_count_distinct_people_per_contract(codes: Codes) -> None:
    data = Dataset(
        [_op()],
        [_person("P1"), _person("P2")],
        [],
        [_h("P1", "2026-01", 5), _h("P1", "2026-02", 5), _h("P2", "2026-01", 5, contract="cddi")],
    )
    assert compute(data, Scope(Period.year(2026)), codes)["recrutements"] == {"cddi": 1, "cdi": 1}


def test_siae_are_counted_apart_from_geiq_ea_and_esat(codes: Codes) -> None:
    structures = [Structure("S1", "A", "ACI"), Structure("S2", "B", "GEIQ"), Structure("S3", "C", "EI")]
    data = Dataset(
        [_op()],
        [_person("P1")],
        structures,
        [_h("P1", "2026-01", 5, structure="S1"), _h("P1", "2026-02", 5, structure="S2")],
    )
    assert compute(data, Scope(Period.year(2026)), codes)["structures"] == {
        "siae": {"total": 1, "par_type": {"ACI": 1}},
        "autres": {"GEIQ": 1},
    }


def test_exits_count_only_observable_people_and_the_rate_leaves_out_unknown_situations(codes: Codes) -> None:
    people = [
        _person("P1", entry="2026-01-10", six="emploi_durable"),
        _person("P2", entry="2026-05-01", six="autre"),
        _person("P3", entry="2026-06-30", six="inconnue"),
        _person("P4", entry="2026-07-01", six="sortie_positive"),  # + 6 months = 2027-01-01 > fin
    ]
    data = Dataset([_op()], people, [], [_h(p.participant_id, "2026-08", 10) for p in people])
    exits = compute(data, Scope(Period.year(2026)), codes)["sorties"]["6_mois"]
    assert (exits["observables"], exits["dynamiques"], exits["inconnue"], exits["taux_dynamiques"]) == (3, 1, 1, 0.5)


def test_clauses_count_operations_active_in_the_period(codes: Codes) -> None:
    data = Dataset([_op("A"), _op("B", start="2024-01-01", end="2024-12-31"), _op("C", type_clause="critere")])
    assert compute(data, Scope(Period.year(2026)), codes)["clauses"] == {
        "critere": {"operations": 1, "heures_prevues": 1200.0},
        "execution": {"operations": 1, "heures_prevues": 1200.0},
    }


def test_the_monthly_series_gives_planned_and_realised_hours_per_month() -> None:
    data = Dataset([_op()], [_person("P1")], [], [_h("P1", "2026-03", 80)])
    series = monthly_series(data, Scope(Period.year(2026)))
    assert series[2] == {"mois": "2026-03", "prevues": 100.0, "realisees": 80.0} and len(series) == 12


def test_an_operation_below_the_threshold_of_its_planned_hours_to_date_is_late() -> None:
    data = Dataset([_op()], [_person("P1")], [], [_h("P1", "2026-02", 200), _h("P1", "2026-05", 200)])
    (alert,) = late_operations(data, date(2026, 7, 15), 0.8)
    assert (alert.heures_prevues_a_date, alert.heures_realisees, alert.ecart_heures) == (600.0, 400.0, 200.0)
    assert (alert.mois_restants, alert.entreprises, alert.rythme_mensuel_requis) == (6, ["Entreprise A"], 133.33)


def test_an_operation_at_the_threshold_is_not_late() -> None:
    data = Dataset([_op()], [_person("P1")], [], [_h("P1", "2026-02", 480)])
    assert late_operations(data, date(2026, 7, 15), 0.8) == []


def test_the_hours_of_the_current_month_are_not_yet_due() -> None:
    data = Dataset([_op()], [], [], [])
    assert late_operations(data, date(2026, 1, 20), 0.8) == []


def test_finished_and_future_operations_are_not_alerts() -> None:
    data = Dataset([_op("OLD", start="2025-01-01", end="2025-12-31"), _op("NEW", start="2027-01-01", end="2027-12-31")])
    assert late_operations(data, date(2026, 7, 15), 0.8) == []
