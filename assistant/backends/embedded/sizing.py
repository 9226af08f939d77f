"""Sizing answers: insertion hours and their conversion to ETP, with the method shown."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from assistant.backends.base import Answer, Turn
from assistant.backends.embedded.guides import GuideAnswers
from assistant.errors import InvalidInput
from assistant.fr import (
    Extraction,
    extract,
    find_trade,
    fmt_euros,
    fmt_fixed,
    fmt_months,
    fmt_number,
    fmt_percent,
    fold,
    market_type_in,
    names_cost_base,
    parse_amounts,
    parse_annual_amount,
    parse_day_rate,
    parse_labour_share,
    rate_of_the_amount,
    worked_hours_per_year,
)
from assistant.fr.absence import absence_days
from assistant.fr.amount_lists import listed_amounts
from assistant.fr.departures import departures
from assistant.fr.figures import (
    hours_short,
    missing_hours,
    monthly_change,
    monthly_hours,
    more_hours_done,
    penalty_cap_share,
    progress,
    prorata_amount,
    raise_from_year,
    realisation,
)
from assistant.fr.grant_cost import grant_cost
from assistant.fr.market import market_activity
from assistant.fr.quantities import WORK_HOURS_A_DAY
from assistant.fr.rhythm import RhythmChange, asks_more_people, asks_people, rhythm_change
from assistant.fr.roster import roster
from assistant.fr.staffing import (
    WORK_DAYS_A_WEEK,
    OnMarket,
    PeriodChange,
    StaffingAsk,
    asks_coverage,
    asks_duration,
    asks_time_to_cover,
    contract_months,
    cue,
    half_time_in,
    market_staff,
    on_market_share,
    people_count,
    period_change,
    person_hours_ask,
    person_hours_of,
    staffing_ask,
    weekly_hours_in,
)
from assistant.fr.work_volume import days_work, said_word, unit_work
from assistant.invalid_values import describe, find_invalid_values
from assistant.presenting import conversion_markdown, sizing_markdown
from assistant.responses import ToolCall
from assistant.routing import (
    ABSENCE_FOLLOW_UP,
    ADDED_TO_THE_MARKET,
    COVERAGE,
    METHOD_SHOWN,
    OWN_FIGURES,
    PER_PERIOD,
    PERSON_HOURS_FOLLOW_UP,
    PROCEDURE_QUESTION,
    RHYTHM_FOLLOW_UP,
    SHARE_FOLLOW_UP,
    TIME_SHARE_FOLLOW_UP,
    TIME_TO_COVER,
    USUAL_HOURS,
    HoursSplit,
    Route,
    asks_the_hours_of_the_amount,
    hours_split,
    roster_share,
)
from assistant.sizing import figures as own
from assistant.sizing import trade_named
from assistant.sizing.grid import eu_threshold
from assistant.sizing.part_time import DEFAULT_ETP_BASE, PartTimeWork
from assistant.sizing.social_condition import check, market_type_of
from assistant.sizing.staffing import (
    FULL_TIME_WEEKLY_HOURS,
    MONTHLY_FULL_TIME,
    WEEKS_PER_MONTH,
    EarlyLeavers,
    annual_basis,
    hours_with_leavers,
    person_hours,
    staffing,
    team_hours,
    time_to_cover,
)
from assistant.sizing.walkthrough import walkthrough
from assistant.state import ConversationState

# « combien d'ETP », « combien d'emplois équivalent temps plein »: the ETP of a result asked with it.
_ETP_ASKED = re.compile(r"\b(?:etp|equivalents? temps plein|emplois?)\b")
_FRAMEWORK = re.compile(r"\b(accord-cadre|accords-cadres|bons? de commande)\b", re.IGNORECASE)
# The label just before an amount in a list (« …, menuiseries ext 290k »): after a comma,
# semicolon, colon or line start, a few words without digits.
_LISTED_LABEL = re.compile(r"(?:^|[,;:?!.\n(]|\bet\b)\s*(?P<label>[^\d,;:\n()]{2,40}?)\s*(?:[:=]|-|\ba\b|à)?\s*$")
_MAX_LISTED_LABEL_WORDS = 4
# A question on the method (« c'est quoi la formule ? », « t'aurais des ratios ? », « comment je
# calcule… ? ») is answered from the guides; a computation asked in the same message keeps the sizing.
_METHOD_QUESTION = re.compile(
    r"\b(?:ratios?|formule|fourchettes?|d'habitude|habituel\w*|en\s+general"
    r"|comment\s+(?:je\s+|on\s+|le\s+|les\s+|faire\s+pour\s+)?(?:calcul\w*|dimensionn\w*|chiffr\w*|estim\w*)"
    r"|quel(?:le)?s?\s+(?:taux|parts?|ratios?|pourcentages?)\s+(?:je|on|de|retenir|prendre|faut|dois|utilis\w*))"
)
_COMPUTE_REQUEST = re.compile(
    r"(?<!je )(?<!on )\b(?:calcule[sz]?|faites[\s-]+(?:moi|nous)\s+le\s+calcul"
    r"|(?:peux|pourrais|pouvez|pourriez)[\s-]+(?:tu\s+|vous\s+)?(?:me\s+|nous\s+)?(?:faire\s+le\s+)?calcul\w*"
    r"|fai[st][\s-]+(?:moi\s+|nous\s+)?le\s+calcul|combien\s+d'heures|ca\s+fait\s+combien|combien\s+(?:ca|cela)\s+fait"
    r"|chiffre[sz]?[\s-]+(?:moi|nous))\b"
)
# Lots taken out of the market just sized (« si j'exclus les lots électricité et plomberie », « sans le lot VRD »).
_EXCLUDED_LOTS = re.compile(
    r"\b(?:exclu\w*|enlev\w*|retir\w*|sans|hors|sauf)\s+(?:les?\s+|la\s+|l'\s*)?lots?\b|\blots?\s+restants?\b"
)
# The hours of a market in lots, to be shared out between them (« allotis en 6 lots… comment je les répartis ? »).
_SHARED_OUT_BETWEEN_LOTS = re.compile(
    r"\b(?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+lots\b.{0,400}?"
    r"\b(?:repart\w*|par lot|entre (?:les|ces) lots|lot par lot|pour chaque lot|sur chaque lot)\b",
    re.S,
)
# A message about building works, when it names no trade (« un chantier à 500 000 € »).
_WORKS_SITE = re.compile(r"\b(chantiers?|travaux|batiments?|construction)\b")
_PERCENT_OF_HOURS = re.compile(r"\b(des|du total des) heures (travaillees|realisees)\b")
_THRESHOLD_QUERY = "seuils européens 2026-2027 marchés des collectivités territoriales procédure adaptée"
_CLEANING_QUERY = "calcul heures d'insertion propreté reprise du personnel méthode de la branche"
_SIZING_QUERY = "méthode de calcul des heures d'insertion montant part de main-d'œuvre taux coût horaire"
_CONVERSION_QUERY = "conversion heures d'insertion en ETP 1 607 heures 1 600 1 820"
_STAFFING_QUERY = "convertir des heures d'insertion en mois de travail et en personnes 151,67 heures"
# The searches above, the product's own texts: embedded once per process, at start-up (``constant_queries``).
GROUNDING_QUERIES = (_THRESHOLD_QUERY, _CLEANING_QUERY, _SIZING_QUERY, _CONVERSION_QUERY, _STAFFING_QUERY)
_ETP_BASES = (1607, 1600, 1820)
_MINIMUM_WORD = re.compile(r"\b(min(?:im\w*)?|mini)\b")
_MAXIMUM_WORD = re.compile(r"\b(max(?:i|im\w*)?|plafonds?)\b")
# « AC » is how buyers abbreviate « accord-cadre » (upper case only: « ac » is too short to be safe).
_FRAMEWORK_ABBREVIATION = re.compile(r"\bAC\b")


def add_the_previous_amount(params: dict[str, Any], before: dict[str, Any]) -> None:
    """« et si on rajoute les bons de commande, 300 k€ HT/an ? »: the part added to the market just sized, on the same
    footing (per year when both are, else over the whole market)."""
    if params.get("annual_amount") is not None and before.get("annual_amount") is not None:
        params["annual_amount"] = before["annual_amount"] + params["annual_amount"]
        params["amount"] = round(params["annual_amount"] * float(params["months"]) / 12, 2)
    elif before.get("amount") is not None and params.get("amount") is not None:
        params.pop("annual_amount", None)
        params["amount"] = before["amount"] + params["amount"]


def _rates_said_before(turn: Turn) -> list[float]:
    """The insertion rates the user's earlier messages gave, in order and each once, when no sizing of the
    conversation holds one yet: a rate said in a question (« clause de 5 %, comment ça se calcule ? ») is the
    user's figure for the computation asked next. Only a rate a message states is taken, never one guessed."""
    if turn.state.sizing_params.get("rate") is not None or turn.state.sizing_params.get("percent_of_hours"):
        return []
    rates: list[float] = []
    for message in turn.history:
        if message.role != "user":
            continue
        rate = extract(message.content).rate
        if rate is not None:
            rates = [*[r for r in rates if r != rate], float(rate)]
    return rates


class SizingAnswers(GuideAnswers):
    """Computations asked for: hours from an amount (per lot, compared with a share), hours to ETP."""

    def _sizing_params(self, turn: Turn, extraction: Extraction, follow_up: bool) -> dict[str, Any]:
        params: dict[str, Any] = dict(turn.state.sizing_params) if follow_up else {}
        if extraction.trade is not None:
            params["trade"] = extraction.trade.label
            params.pop("labour_share", None)
            params.pop("activity", None)
        elif (activity := market_activity(turn.message)) is not None:
            params["activity"] = activity  # « marché de denrées alimentaires »: no building work, its share asked
        updates = {
            "amount": extraction.amount,
            "labour_share": extraction.labour_share,
            "rate": extraction.rate,
            "hourly_cost": extraction.hourly_cost,
            "months": extraction.months,
            "etp_base": extraction.etp_base,
            "transferred_hours_per_month": extraction.monthly_transferred_hours,
            "hours_worked": extraction.worked_hours,  # « on fait 1 200 h de main-d'œuvre par an »
        }
        day_rate = parse_day_rate(turn.message) if extraction.hourly_cost is None else None
        if day_rate is not None:  # « un TJM à 550 »: a price per day of 7 h (35 h ÷ 5 days), not an amount
            if updates["amount"] == day_rate:
                updates["amount"] = None
            updates["hourly_cost"] = round(day_rate / WORK_HOURS_A_DAY, 2)
            params["day_rate"] = day_rate
        elif extraction.hourly_cost is not None:
            params.pop("day_rate", None)
        params.update({key: value for key, value in updates.items() if value is not None})
        _rate_on_the_whole_amount(params, extraction, turn.message)
        _payroll_amount(params, extraction, turn.message)
        annual = parse_annual_amount(turn.message)
        if annual is not None:  # « 310 k€ HT/an » : the market's amount is this times its years
            params["annual_amount"] = annual
            params.setdefault("months", 12)
        elif extraction.amount is not None:
            params.pop("annual_amount", None)
        if params.get("annual_amount") is not None:
            params["amount"] = round(params["annual_amount"] * float(params["months"]) / 12, 2)
        _prefer_worked_hours(params, extraction, turn.message)
        folded = fold(turn.message)
        staff = market_staff(folded) if extraction.worked_hours is None else None
        if staff is not None:  # « 5 % des heures, pour 250 conducteurs à temps plein »: their hours are the base
            _staff_hours(params, staff, int(self.toolbox.grid.defaults.etp_base.value))
        if _is_framework(turn.message):
            params["framework"] = True
            estimate, maximum = _estimate_and_maximum(turn.message)
            if maximum is not None:
                params["maximum_amount"] = maximum
                if estimate is not None:
                    params["amount"] = estimate
                elif params.get("amount") == maximum:  # only the maximum given: never sized on it
                    params.pop("amount")
        if extraction.rate is not None and _rate_is_of_hours(folded, params, follow_up):
            params["percent_of_hours"] = params.pop("rate")
        elif extraction.rate is not None:  # « et à 7 % au lieu de 5 % ? »: the new rate replaces the rate of hours
            params.pop("percent_of_hours", None)
        if params.get("trade") is None and params.get("market_type") is None and _WORKS_SITE.search(folded):
            params["market_type"] = "works"  # « un chantier à 500 000 € » : works, whatever the trade
        elif params.get("trade") is None and extraction.market_type is not None:
            params["market_type"] = extraction.market_type  # « marché de services de 400 k€ »
        lots = self._lots(turn.message, extraction)
        if lots and not follow_up and turn.state.last_intent == "sizing" and _bare(lots):
            # « détail par lot : lot 1 = 500k, lot 2 = 250k ? » right after a sizing: the same market split
            # into lots, so its share (or trade), cost, rate and duration carry over unless the message says otherwise
            params = {**_carried(turn.state.sizing_params), **params}
        if lots:
            lots = _with_share(lots, params)
            params["lots"] = lots
            params.pop("amount", None)
        elif extraction.amount is not None:
            params.pop("lots", None)
        return params

    def _lots(self, message: str, extraction: Extraction) -> list[dict[str, Any]]:
        """Lots written with their own amounts (« lot 1 peinture 180 000 €, lot 2 … »), paired in order.

        Each lot's trade is read in the text between it and the next lot.
        """
        if len(extraction.lots) < 2:
            return self._listed_lots(message) or _counted_lots(message)
        amounts = parse_amounts(message)
        if len(amounts) != len(extraction.lots):
            return []
        starts = [lot.span[0] for lot in extraction.lots] + [len(message)]
        lots = []
        for i, (lot, amount) in enumerate(zip(extraction.lots, amounts, strict=True)):
            trade = find_trade(message[starts[i] : starts[i + 1]], self.toolbox.trades())
            name = lot.label or (trade.text if trade else None)
            entry: dict[str, Any] = {
                "label": f"Lot {lot.number}" + (f" - {name}" if name else ""),
                "amount": amount.value,
            }
            if trade is not None:
                entry["trade"] = trade.label
            share = parse_labour_share(message[starts[i] : starts[i + 1]])
            if share is not None:  # « lot 3 charpente 210 k€ HT, MO 35 % »: the user's share for that lot
                entry["labour_share"] = share
            lots.append(entry)
        return lots

    def _listed_lots(self, message: str) -> list[dict[str, Any]]:
        """Lots listed as « trade amount » pairs (« GO 210k, charpente 120k, peinture 60k »).

        Every amount must follow a short label; trades must be named for most of them, and the
        message must speak of lots unless every label is a trade, so that « 450 k€, coût horaire
        28 € » is never read as lots.
        """
        amounts = parse_amounts(message)
        if len(amounts) < 2:
            return []
        trades = self.toolbox.trades()
        lots: list[dict[str, Any]] = []
        named = 0
        previous_end = 0
        ends = [a.span[0] for a in amounts[1:]] + [len(message)]
        for amount, end in zip(amounts, ends, strict=True):
            m = _LISTED_LABEL.search(message[previous_end : amount.span[0]])
            previous_end = amount.span[1]
            if m is None:
                return []
            label = m.group("label").strip()
            if len(label.split()) > _MAX_LISTED_LABEL_WORDS:
                return []  # a sentence, not a list item
            trade = find_trade(label, trades)
            entry: dict[str, Any] = {"label": label, "amount": amount.value}
            # « charpente 210 k€, MO 35 % » (up to the end of its line or item): the user's share for that lot
            share = parse_labour_share(re.split(r"[\n;]", message[amount.span[1] : end], maxsplit=1)[0])
            if share is not None:
                entry["labour_share"] = share
            if trade is not None:
                entry["trade"] = trade.label
                named += 1
            lots.append(entry)
        speaks_of_lots = re.search(r"\blots?\b", fold(message)) is not None
        if named >= 2 and (named == len(lots) or (speaks_of_lots and named * 2 >= len(lots))):
            return lots
        return []

    def _missing(self, params: dict[str, Any]) -> str | None:
        if params.get("lots"):
            return None
        if params.get("amount") is None:
            # the hours worked, when the user knows them, replace the amount: the rate applies to them
            return None if params.get("hours_worked") is not None else self.messages.get("ask.amount")
        if params.get("transferred_hours_per_month") is not None:
            return None
        if params.get("labour_share") is None:
            if params.get("trade") is None:
                return self.messages.get("ask.trade")
            trade = trade_named(self.toolbox.grid, str(params["trade"]))
            if trade is not None and trade.labour_share is None:
                return self.messages.get("ask.labour_share", trade=trade.label)
        return None

    def _rate_note(self, params: dict[str, Any]) -> str:
        """A warning, with the usual range, when the requested share of hours is disproportionate."""
        rate = params.get("percent_of_hours", params.get("rate"))
        rates = self.toolbox.grid.rates
        if not isinstance(rate, int | float) or rate <= rates.disproportion_above:
            return ""
        return (
            self.messages.get(
                "notes.disproportionate_rate",
                rate=fmt_percent(rate),
                usual_min=fmt_percent(rates.usual_min),
                usual_max=fmt_percent(rates.usual_max),
                disproportion=fmt_percent(rates.disproportion_above),
            )
            + "\n\n"
        )

    def _sizing(self, turn: Turn, extraction: Extraction, decision: Route) -> Answer:
        follow_up = decision.follow_up or turn.state.pending == "sizing"
        folded_message = fold(turn.message)
        if (
            not follow_up
            and decision.rule != USUAL_HOURS  # the usual hours of the amount given: computing answers them
            and _METHOD_QUESTION.search(folded_message)
            and not _COMPUTE_REQUEST.search(folded_message)
            and not (extraction.amount is not None and asks_the_hours_of_the_amount(folded_message))
        ):
            # « c'est quoi la formule ? », « t'aurais des ratios ? » : the method is asked, not a computation (with an
            # amount whose hours are asked, « comment on calcule le nb d'heures ? j'ai un lot à 480 k€ », the
            # computation shows the method and answers it)
            return self._question(turn, extraction, decision)
        if (
            follow_up
            and extraction.hourly_cost is None
            and extraction.labour_share is None
            and names_cost_base(turn.message)
        ):
            return self._cost_base(turn)
        if follow_up and extraction.amount is None and _EXCLUDED_LOTS.search(folded_message):
            if not turn.state.sizing_params.get("lots"):  # the lots' own amounts were never given
                state = turn.state.but(last_intent="sizing", pending="sizing")
                return Answer(self.messages.get("ask.remaining_lots"), "sizing", state=state)
        params = self._sizing_params(turn, extraction, follow_up)
        if decision.rule == ADDED_TO_THE_MARKET:
            add_the_previous_amount(params, turn.state.sizing_params)
        state = turn.state.but(last_intent="sizing", sizing_params=params)
        said_before = [] if follow_up or extraction.rate is not None else _rates_said_before(turn)
        if said_before:  # « clause de 5 % » then « et pour 7 % ? » asked as questions: the last rate said is sized
            params["rate"] = said_before[-1]
            state.sizing_rates = said_before[-3:]
        if params.get("rate") and params["rate"] not in state.sizing_rates:  # « et pour 7 % ? »: both kept for a table
            state.sizing_rates = [*state.sizing_rates, params["rate"]][-3:]
        perimeter = lots_perimeter(extraction)
        if perimeter:
            state.perimeter = perimeter
        elif not follow_up:
            state.perimeter = None
        invalid = find_invalid_values(turn.message)
        if invalid:  # named back, not answered by asking for the value again
            state.pending = "sizing"
            return Answer(describe(invalid, self.messages.data["invalid_values"]), "sizing", state=state)
        note = self.messages.get("notes.framework_maximum") + "\n\n" if _proposes_maximum(turn.message) else ""
        if said_before:  # the user sees which of their earlier figures the result rests on
            note += self.messages.get("notes.rate_said_before", rate=fmt_percent(said_before[-1])) + "\n\n"
        note += self._staff_note(params) + self._annual_note(params)
        if params.get("rate_of_amount"):
            note += self.messages.get("notes.rate_of_amount") + "\n\n"
        if params.get("payroll"):
            note += self.messages.get("notes.payroll") + "\n\n"
        if params.get("day_rate") and params.get("hourly_cost"):
            note += (
                self.messages.get(
                    "notes.day_rate",
                    day_rate=fmt_euros(params["day_rate"]),
                    hours=WORK_HOURS_A_DAY,
                    hourly=fmt_number(params["hourly_cost"]),
                )
                + "\n\n"
            )
        ceiling = _ceiling(params)
        if ceiling is not None:  # only the maximum: the hours on it, shown as a ceiling, the estimate still asked
            note += self.messages.get("notes.framework_ceiling", maximum=fmt_euros(ceiling["amount"])) + "\n\n"
        work = params if ceiling is None else ceiling
        question = self._missing(work)
        if question:
            state.pending = "sizing"
            if work.get("amount") is None and (note or work.get("maximum_amount") is not None):
                question = self.messages.get("ask.framework_estimate")
            comparison, calls = self._share_comparison(work, turn.message)
            if comparison.startswith("Aucun "):  # the comparison carries the question on the share
                question = ""
            if ceiling is not None:
                question = (question + "\n\n" + self.messages.get("ask.framework_estimate")).strip()
            if len(calls) == 1:  # « ça fait combien d'ETP ? » converts the indicative hours; a draft never takes them
                state.conversion_hours = calls[0].result.get("hours")
            # the computed result carries the sizing tool's own rate warning; a question asked back does not
            text = (note + self._rate_note(work) + comparison + question).strip()
            text += self._lots_split_note(params, folded_message)
            return Answer(text, "sizing", tool_calls=calls, state=state)
        state.pending = None if ceiling is None else "sizing"
        sized, compared_note = self._lots_compared(_tool_params(work))
        if compared_note:
            note += compared_note + "\n\n"
        try:
            result = self.toolbox.size(sized)
        except InvalidInput as error:
            state.pending = "sizing"
            return Answer(f"{note}{error.message}\n\nPouvez-vous préciser ce point ?", "sizing", state=state)
        query = _CLEANING_QUERY if params.get("transferred_hours_per_month") is not None else _SIZING_QUERY
        sources, searches = self._grounding(query, limit=1, check=False, constant=True)
        text = note + sizing_markdown(result, self.messages.get("sizing_footer"))
        if decision.rule == METHOD_SHOWN:  # « détaille le calcul »: its steps first, then the usual result
            text = walkthrough(result, self.messages.data["walkthrough"]) + "\n\n" + text
        if ceiling is not None:
            text += "\n\n" + self.messages.get("ask.framework_estimate")
        if sources:
            text += " Méthode détaillée : [1]."
        text += self._lots_split_note(params, folded_message)
        if (follow_up and extraction.rate is None) or len(said_before) > 1:
            # « la main-d'œuvre c'est 40 % » after 5 % then 7 %: each rate again
            text += self._other_rates(state, result.hours, int(result.etp_base))
        state.last_hours = result.hours
        call = ToolCall(name="size", arguments=sized, result=result.to_dict())
        return Answer(text, "sizing", sources=sources, tool_calls=[call, *searches], state=state)

    def _lots_split_note(self, params: dict[str, Any], folded_message: str) -> str:
        """« 600 k€ en 6 lots, combien d'heures et comment je les répartis ? », the lots' amounts not given: how
        the hours are shared out (each lot on its own amount), and the size under which a lot rarely has a clause."""
        if params.get("lots") or not _SHARED_OUT_BETWEEN_LOTS.search(folded_message):
            return ""
        minimum = fmt_number(self.toolbox.grid.small_clause.min_hours, 0)
        return "\n\n" + self.messages.get("notes.lots_without_amounts", min_hours=minimum)

    def _staff_note(self, params: dict[str, Any]) -> str:
        """« Heures travaillées estimées : 6 personnes à temps plein × 1 607 h par an = 9 642 h par an. »"""
        staff, annual = params.get("staff"), params.get("annual_hours_worked")
        if staff is None or annual is None:
            return ""
        base = fmt_number(self.toolbox.grid.defaults.etp_base.value)
        text = self.messages.get("notes.staff_hours", staff=fmt_number(staff), base=base, annual=fmt_number(annual))
        return text + "\n\n"

    def _annual_note(self, params: dict[str, Any]) -> str:
        """« Montant retenu sur toute la durée : 1 100 000 € HT par an × 72 mois (6 ans) = 6 600 000 € HT. »,
        when an annual amount is sized over a duration other than one year (the amount is then derived)."""
        annual, months, amount = params.get("annual_amount"), params.get("months"), params.get("amount")
        worked, annual_worked = params.get("hours_worked"), params.get("annual_hours_worked")
        if amount is None and worked is not None and annual_worked is not None and months is not None:
            if float(months) == 12:
                return ""
            text = self.messages.get(
                "notes.annual_worked_total",
                annual=fmt_number(annual_worked),
                duration=fmt_months(months),
                hours=fmt_number(worked),
            )
            return text + "\n\n"
        if annual is None or months is None or amount is None or float(months) == 12 or params.get("lots"):
            return ""
        text = self.messages.get(
            "notes.annual_total", annual=fmt_euros(annual), duration=fmt_months(months), amount=fmt_euros(amount)
        )
        return text + "\n\n"

    def _share_comparison(self, params: dict[str, Any], message: str) -> tuple[str, list[ToolCall]]:
        """For works without a published labour share, the hours at the grid's comparison share, shown as such.

        The share is still asked: the comparison never replaces it.
        """
        grid = self.toolbox.grid
        compared = grid.comparison()
        if compared is None or params.get("amount") is None or params.get("lots") or params.get("labour_share"):
            return "", []
        if params.get("transferred_hours_per_month") is not None:
            return "", []
        trade = trade_named(grid, str(params["trade"])) if params.get("trade") else None
        simulated = grid.simulated_shares(trade) if trade is not None else []
        if trade is not None and simulated:
            return self._share_simulation(params, trade.label, simulated)
        if trade is None and params.get("activity"):  # what the market buys, named, is no building work
            return self._share_simulation(params, str(params["activity"]), list(grid.share_simulation))
        if trade is not None and grid.compared(trade):
            key, named = "ask.labour_share_comparison", {"trade": trade.label}
        elif params.get("trade") is None and (params.get("market_type") or market_type_in(fold(message))) in {
            None,
            "works",
        }:
            # works, or a market of unknown type: the building average shown as such, the trade still asked
            key, named = "ask.trade_comparison", {}
        else:
            return "", []
        arguments = {**_tool_params(params), "trade": compared.label}
        try:
            result = self.toolbox.size(arguments)
        except InvalidInput:
            return "", []
        source = grid.source(compared.source)
        small = (
            " " + self.messages.get("ask.small_comparison", min_hours=fmt_number(grid.small_clause.min_hours, 0))
            if result.hours < grid.small_clause.min_hours
            else ""
        )
        formula = result.formula
        if _ETP_ASKED.search(fold(message)):  # « combien d'emplois équivalent temps plein ? »: the indicative ETP too
            etp = fmt_fixed(result.etp_total, 2)
            formula += " " + self.messages.get("ask.comparison_etp", etp=etp, base=fmt_number(result.etp_base, 0))
        text = self.messages.get(
            key,
            compared=compared.label,
            share=fmt_percent(compared.labour_share or 0),
            source=source.title if source else "",
            formula=formula,
            small=small,
            **named,
        )
        return text + "\n\n", [ToolCall(name="size", arguments=arguments, result=result.to_dict())]

    def _cost_base(self, turn: Turn) -> Answer:
        """The hourly cost swapped for a reference named without a figure (« le SMIC chargé ») after a sizing:
        the effect on the hours of the computation just made, why the choice matters, and the figure asked."""
        state = turn.state.but(last_intent="sizing", pending="sizing")
        example = ""
        try:
            result = self.toolbox.size(_tool_params(_ceiling(turn.state.sizing_params) or turn.state.sizing_params))
        except InvalidInput:
            result = None
        cost = next((a.value for a in result.assumptions if a.name == "hourly_cost"), None) if result else None
        if result is not None and isinstance(cost, int | float) and cost > 0:
            labour = result.hours_exact * cost  # the euros of insertion labour the hourly cost divides
            example = self.messages.get(
                "cost_base.example",
                labour=fmt_number(labour, 0),
                cost=fmt_number(cost),
                hours=fmt_number(result.hours, 0),
                half=fmt_number(cost / 2),
                double=fmt_number(round(labour / (cost / 2)), 0),
            )
        text = self.messages.get("cost_base.answer", example=(" " + example) if example else "")
        return Answer(text, "sizing", state=state)

    def _share_simulation(self, params: dict[str, Any], trade: str, shares: list[float]) -> tuple[str, list[ToolCall]]:
        """For a trade with no published share at all, the hours at each simulated share, and the share asked."""
        grid = self.toolbox.grid
        lines, calls = [], []
        for share in shares:
            arguments = {**_tool_params(params), "labour_share": share}
            arguments.pop("trade", None)
            try:
                result = self.toolbox.size(arguments)
            except InvalidInput:
                return "", []
            line = self.messages.get("ask.simulation_line", share=fmt_percent(share), formula=result.formula)
            # « combien d'heures par an ? », unless the formula already says it (an annual amount over several years)
            if result.hours_per_year is not None and (result.months or 0) > 12 and "par an" not in result.formula:
                line += " " + self.messages.get("ask.simulation_per_year", hours=fmt_number(result.hours_per_year, 0))
            lines.append(line)
            calls.append(ToolCall(name="size", arguments=arguments, result=result.to_dict()))
        if not calls:
            return "", []
        small = (
            " " + self.messages.get("ask.small_comparison", min_hours=fmt_number(grid.small_clause.min_hours, 0))
            if calls[0].result["hours"] < grid.small_clause.min_hours
            else ""
        )
        text = self.messages.get("ask.labour_share_simulation", trade=trade, lines=" ; ".join(lines), small=small)
        return text + "\n\n", calls

    def _lots_compared(self, params: dict[str, Any]) -> tuple[dict[str, Any], str]:
        """Lots of works trades without a published share get the comparison share, flagged, and a note says so."""
        grid = self.toolbox.grid
        compared = grid.comparison()
        if compared is None or not params.get("lots"):
            return params, ""
        known = [trade_named(grid, str(lot["trade"])) if lot.get("trade") else None for lot in params["lots"]]
        works = any(trade is not None and trade.market_type == "works" for trade in known)
        lots, names, unsized = [], [], []
        simulated: list[tuple[str, str]] = []  # (trade, share) of the lots simulated, each trade once
        for lot, trade in zip(params["lots"], known, strict=True):
            if lot.get("labour_share") is None and trade is not None and trade.labour_share is None:
                shares = grid.simulated_shares(trade)
                if shares:  # roadworks: simulated at the grid's lowest share, shown as a simulation, still asked
                    share_text = fmt_percent(shares[0])
                    lot = {**lot, "labour_share": shares[0], "label": f"{lot['label']} (simulation à {share_text})"}
                    if trade.label not in [name for name, _ in simulated]:
                        simulated.append((trade.label, share_text))
                    lots.append(lot)
                    continue
                if not grid.compared(trade):  # no figure at all for this trade: left out, said
                    unsized.append(str(lot["label"]))
                    continue
            unshared = grid.compared(trade) if trade else works
            if unshared and lot.get("labour_share") is None:
                lot = {**lot, "labour_share": compared.labour_share, "label": f"{lot['label']} (part à confirmer)"}
                name = trade.label if trade else str(lot["label"]).removesuffix(" (part à confirmer)")
                if name not in names:
                    names.append(name)
            lots.append(lot)
        if not lots or (not names and not unsized and not simulated):
            return params, ""
        notes = [self.messages.get("ask.lots_simulation", trade=name, share=share) for name, share in simulated]
        if names:
            source = grid.source(compared.source)
            notes.append(
                self.messages.get(
                    "ask.lots_comparison",
                    trades=", ".join(f"« {name} »" for name in names),
                    compared=compared.label,
                    share=fmt_percent(compared.labour_share or 0),
                    source=source.title if source else "",
                )
            )
        if unsized:
            notes.append(self.messages.get("ask.lots_unsized", lots=", ".join(f"« {name} »" for name in unsized)))
        return {**params, "lots": lots}, "\n\n".join(notes)

    def _conversion(self, turn: Turn, extraction: Extraction, decision: Route) -> Answer:
        if decision.rule.startswith(OWN_FIGURES + ":"):
            return self._own_figures(turn, extraction, decision.rule.split(":", 1)[1])
        if decision.rule == ABSENCE_FOLLOW_UP:
            days = absence_days(fold(turn.message))
            if days and turn.state.person_weekly_hours and turn.state.conversion_hours:
                return self._hours_less_absence(days, turn.state.but(last_intent="conversion"))
        if decision.rule == PER_PERIOD:
            spread = self._per_period(turn.state.but(last_intent="conversion"))
            if spread is not None:
                return spread
        if decision.rule == TIME_SHARE_FOLLOW_UP and extraction.time_share:
            again = self._part_time(turn, extraction, extraction.time_share)
            if again is not None:
                return again
        folded = fold(turn.message)
        asked = person_hours_of(turn.message, extraction.hours, extraction.amount)
        if asked is not None:
            # « … est-ce que ça couvre nos 350 h ? »: the hours read are the ones to cover, not the week's
            covering = extraction.hours not in (None, asked.weekly_hours) and asks_coverage(folded)
            asked = replace(asked, left=tuple((d.people, d.weeks) for d in departures(folded)))
            target = extraction.hours if covering else None
            return self._person_hours(asked, turn.state.but(last_intent="conversion"), target)
        if decision.rule == COVERAGE and turn.state.conversion_hours and extraction.hours:
            return self._coverage(
                turn.state.conversion_hours, extraction.hours, turn.state.but(last_intent="conversion")
            )
        if decision.rule == SHARE_FOLLOW_UP:
            again = self._with_new_share(turn, folded)
            if again is not None:
                return again
        if decision.rule == RHYTHM_FOLLOW_UP:
            rhythm = rhythm_change(folded)
            if rhythm is not None and turn.state.conversion_hours:
                return self._rhythm_again(rhythm, turn.state.but(last_intent="conversion"))
        if decision.rule == TIME_TO_COVER and extraction.hours:
            return self._time_to_cover(extraction.hours, folded, None, turn.state.but(last_intent="conversion"))
        change = period_change(fold(turn.message)) if decision.rule == PERSON_HOURS_FOLLOW_UP else None
        if change is not None:
            return self._person_hours_again(change, turn.state.but(last_intent="conversion"))
        hours: float | None = extraction.hours
        if hours is None and turn.state.last_intent == "sizing":
            hours = turn.state.last_hours  # « ça fait combien d'ETP ? » right after a sizing
        if hours is None:
            hours = turn.state.conversion_hours
        state = turn.state.but(last_intent="conversion", conversion_hours=hours, person_weekly_hours=None)
        if hours is None:
            return Answer(self.messages.get("ask.hours_for_conversion"), "conversion", state=state)
        ask = staffing_ask(turn.message)
        if ask is not None:  # « combien de jeunes en contrat de 3 mois à temps plein ? »
            return self._staffing(hours, ask, state)
        months = extraction.months or contract_months(fold(turn.message))
        if decision.follow_up and months and _counted_people_over(turn.state, hours):
            # « et sur 9 mois ? », « et si c'est des contrats de 4 mois ? » right after the people these hours employ
            # over a period: the same count, new period
            recount = StaffingAsk(float(months), turn.state.split_weekly_hours)
            return self._staffing(hours, recount, state)
        period = _period_of(turn.state, hours)
        if decision.follow_up and period is not None and asks_people(folded):  # « donc faut combien de gars ? »
            return self._people_for_period(hours, period, turn.state, asks_more_people(folded), state)
        folded = fold(turn.message)
        split = hours_split(folded)
        if split is None and decision.follow_up:
            split = _weekly_change(folded, turn.state.split_people)
        given_shares = split is not None and split.people is None and extraction.hours is not None
        if not decision.follow_up and (split is None or not (split.weekly_hours or given_shares)):
            split = None  # a share of hours needs hours given or computed before, or people's weekly hours
        if split is not None:
            state.split_people = split.people
            state.split_weekly_hours = split.weekly_hours
            text = self._split_text(hours, split)
            each = split.weekly_hours or (FULL_TIME_WEEKLY_HOURS / 2 if split.half_time else None)
            # « et si j'en prends 2 à mi-temps, ça revient au même ? »
            if decision.follow_up and period is not None and split.people and each:
                text += "\n\n" + self._period_check(hours, period, split.people, each * split.people)
            return Answer(text, "conversion", state=state)
        if asks_duration(folded):  # « 1 800 h, ça fait combien de mois de boulot à temps plein ? »
            people = turn.state.split_people if decision.follow_up else None
            share = hours / people if people else hours  # « et moi à mi-temps ? » after a split: one person's share
            state.split_people = people
            return Answer(self._months_text(share, half_time_in(folded)), "conversion", state=state)
        bases = [extraction.etp_base] if extraction.etp_base else list(_ETP_BASES)
        calls: list[ToolCall] = []
        parts: list[str] = []
        try:
            for base in bases:
                params = {"hours": hours, "etp_base": base}
                if extraction.months:
                    params["months"] = extraction.months
                result = self.toolbox.size(params)
                calls.append(ToolCall(name="size", arguments=params, result=result.to_dict()))
                parts.append(conversion_markdown(result))
        except InvalidInput as error:
            return Answer(error.message, "conversion", state=state)
        if extraction.months:  # « et sur 4 mois de chantier ? »: the period these hours are to be worked in
            state.figures = {**turn.state.figures, "left": hours, "left_months": extraction.months}
        text = parts[0]
        if extraction.hours is None and turn.state.last_intent == "sizing":
            text += self._other_rates(turn.state, hours, bases[0])
        text += self._period_and_posts(turn, calls[0].result, folded, decision.follow_up)
        if len(parts) > 1:
            others = [(c.result["etp_total"], c.arguments["etp_base"]) for c in calls[1:]]
            text += "\n\n" + other_bases_sentence(others)
        sources, searches = self._grounding(_CONVERSION_QUERY, limit=1, check=False, constant=True)
        if sources:
            text += " Voir [1]."
        return Answer(text, "conversion", sources=sources, tool_calls=calls + searches, state=state)

    def _own_figures(self, turn: Turn, extraction: Extraction, kind: str) -> Answer:
        """A computation over the user's own figures (:mod:`assistant.sizing.figures`), the method step by step,
        then what the figures leave to the CCAP; recorded as a call of the computing tool."""
        folded = fold(turn.message)
        state = turn.state.but(last_intent="conversion")
        computed = self._figures_of(kind, turn, extraction, folded)
        if computed is None:
            return Answer(self.messages.get("ask.hours_for_conversion"), "conversion", state=state)
        ht = " HT" if re.search(r"\bht\b", folded) or "penalty_ht" in turn.state.figures else ""
        lines = [self.messages.get(key, ht=ht, **_formatted(values)) for key, values in computed.lines]
        if not computed.lines[0][0].endswith(("_yes", "_no")):  # a yes or no asked opens the answer itself
            lines.insert(0, self.messages.get("figures.intro"))
        note = _FIGURE_NOTES.get(computed.kind)
        text = "\n".join(lines) + ("\n\n" + self.messages.get(note) if note else "")
        state.figures = {**turn.state.figures, **computed.found}
        if kind == "penalty":  # « et à 40 € l'heure ? » next prices the same missing hours, « et s'il en fait encore
            # 400 ? » the fewer hours at the same rate
            state.figures["missing"] = computed.used["missing"]
            state.figures["per_hour"] = computed.used["per_hour"]
        if kind == "penalty" and ht:
            state.figures["penalty_ht"] = 1
        if kind == "prorata":  # « écris-moi l'article de l'avenant » next carries these figures into the text
            kept = {**computed.used, "new_hours": computed.found["hours"]}
            state.figures |= {f"prorata_{name}": value for name, value in kept.items()}
        if kind == "year_hours":
            state.figures["monthly_hours"] = computed.used.get("new_monthly", computed.used["monthly"])
        if kind == "roster":
            state.conversion_hours = round(computed.found["hours"])
        if kind == "work_volume":  # « combien d'ETP ? », « et sur 6 mois ? » next convert these hours
            state.conversion_hours = round(computed.found.get("insertion", computed.found["hours"]))
        if kind == "progress":  # « et s'il n'en reste qu'un à 35 h ? » next covers the hours left in the months left
            state.conversion_hours = computed.found["left"]
            state.split_people = state.split_weekly_hours = state.person_weekly_hours = None
        call = ToolCall(name="size", arguments={"calcul": kind, **computed.used}, result=dict(computed.found))
        return Answer(text, "conversion", tool_calls=[call], state=state)

    def _figures_of(self, kind: str, turn: Turn, extraction: Extraction, folded: str) -> own.Figures | None:
        """The computation of ``kind`` on the figures of the message and of the conversation so far (only the
        readers that kind needs are run)."""
        figures, params = turn.state.figures, turn.state.sizing_params
        if kind == "penalty":
            said = missing_hours(folded)
            short = hours_short(folded) if said is None else None
            more = more_hours_done(folded) if said is None and short is None and "missing" in figures else None
            before = float(figures.get("missing", 0))
            if more is not None and not 0 < more < before:  # as many hours as are missing, or more: none left to price
                more = None
            missing = said or (short[0] - short[1] if short else None) or (before - more if more else None)
            missing = missing or figures.get("missing")
            per_hour = (
                extraction.penalty_per_hour
                or (extraction.hourly_cost if "missing" in figures else None)
                or (figures.get("per_hour") if more is not None else None)
            )
            if missing is None or per_hour is None:
                return None
            return own.penalty(float(missing), per_hour, short, (before, more) if more else None)
        if kind == "roster":
            items = roster(turn.message)
            if items:
                return own.roster_total(items)
            share = roster_share(extraction, folded)
            if share is None or "roster_months" not in figures:
                return None
            listed = [float(figures[k]) for k in ("roster_months", "roster_share", "roster_other")]
            return own.roster_with_share(listed[0], listed[1], listed[2], share)
        if kind == "work_volume":
            rate = extraction.rate
            work = unit_work(folded)
            if work is not None:  # the unit as the user wrote it (« pièces », « m² »)
                return own.unit_work_hours(replace(work, unit=said_word(turn.message, work.unit)), rate, _ETP_BASES[0])
            days = days_work(folded)
            return own.days_work_hours(days, rate, _ETP_BASES[0]) if days is not None else None
        if kind == "penalty_cap":
            base, share = extraction.annual_amount or extraction.amount, penalty_cap_share(folded)
            if not base or share is None or "penalty" not in figures:
                return None
            return own.capped_penalty(float(figures["penalty"]), share, base)
        if kind == "realisation":
            record = realisation(folded)
            return own.realisation_record(record) if record is not None else None
        if kind == "grant_cost":
            grant = grant_cost(turn.message, folded, figures.get("grant"))
            return own.grant_ratios(grant) if grant is not None else None
        if kind == "progress":
            found = progress(folded, extraction.months)
            return own.prorated_progress(found) if found is not None else None
        if kind == "year_hours":
            change = monthly_change(folded)
            monthly = figures.get("monthly_hours") if change is not None else monthly_hours(folded)
            monthly = monthly or figures.get("monthly_hours")
            return own.year_of_monthly_hours(float(monthly), _ETP_BASES[0], change) if monthly else None
        hours, months = turn.state.last_hours, params.get("months")
        if kind == "raise":
            rise = raise_from_year(folded)
            if rise is None or not hours or not months:
                return None
            return own.raised_from_year(float(hours) * 12 / int(months), int(months) // 12, rise)
        shown = hours or turn.state.conversion_hours  # the hours of an indicative sizing are scaled too
        if kind == "prorata" and extraction.hours is not None and extraction.amount:
            new_amount = prorata_amount(turn.message, turn.state.last_question, extraction.amount)
            return own.prorated(float(extraction.hours), extraction.amount, new_amount) if new_amount else None
        if kind == "scaled" and shown and params.get("amount") and extraction.amount:
            return own.scaled(float(shown), float(params["amount"]), extraction.amount, _ETP_BASES[0])
        return None

    def _other_rates(self, state: ConversationState, hours: float, etp_base: int) -> str:
        """The ETP of the other rates the conversation tried (« 5 % » then « et pour 7 % ? »), all else kept: the
        hours are proportional to the rate, so each is the last result times the ratio of the rates."""
        rate = state.sizing_params.get("rate")
        others = [r for r in state.sizing_rates if r != rate]
        if not rate or not others:
            return ""
        lines = []
        for other in others:
            other_hours = round(hours * float(other) / float(rate))
            lines.append(
                self.messages.get(
                    "conversion.other_rate",
                    rate=fmt_percent(other),
                    hours=fmt_number(other_hours, 0),
                    etp=fmt_fixed(other_hours / etp_base, 2),
                )
            )
        return "\n\n" + self.messages.get("conversion.other_rates") + "\n" + "\n".join(lines)

    def _period_and_posts(self, turn: Turn, result: dict[str, Any], folded: str, follow_up: bool) -> str:
        """What a conversion means for hiring (see :func:`hiring_figures`); on a follow-up the weekly hours
        are read again from the message before (« et si c'est étalé sur 18 mois ? »)."""
        weekly = weekly_hours_in(folded)
        if weekly is None and follow_up:
            previous = next((m.content for m in reversed(turn.history) if m.role == "user"), "")
            weekly = weekly_hours_in(fold(previous))
        figures = hiring_figures(result, weekly)
        return "".join("\n\n" + self.messages.get(key, **values) for key, values in figures)

    def _staffing(self, hours: float, ask: StaffingAsk, state: ConversationState) -> Answer:
        """The people the hours employ over the period asked, with the basis of one person's hours."""
        try:
            found = staffing(hours, ask.months, ask.weekly_hours, ask.weeks_off)
        except ValueError:
            return Answer(self.messages.get("ask.hours_for_conversion"), "conversion", state=state)
        rounded = round(found.people, 1)
        if rounded < 1:
            verdict = self.messages.get("staffing.below_one")
        elif rounded == 1:
            verdict = self.messages.get("staffing.about_one")
        elif rounded == int(rounded):
            verdict = self.messages.get("staffing.about", n=int(rounded))
        else:
            verdict = self.messages.get("staffing.at_least", n=found.at_least)
        months = fmt_number(found.months, 1)
        per_person = fmt_number(found.per_person, 0)
        said_weeks = "_weeks" if ask.weeks is not None else ""  # « pendant 3 semaines »: the period as said
        if found.full_time and not found.weeks_off:
            basis = self.messages.get(
                "staffing.full_time" + said_weeks,
                months=months,
                per_person=per_person,
                weeks=fmt_number(found.weeks, 1),
            )
        else:
            off = self.messages.get("staffing.weeks_off", weeks_off=fmt_number(found.weeks_off, 0))
            basis = self.messages.get(
                "staffing.weekly" + said_weeks,
                weekly=fmt_number(found.weekly_hours, 1),
                months=months,
                off=off if found.weeks_off else "",
                per_person=per_person,
                weeks=fmt_number(found.weeks, 1),
            )
        text = self.messages.get(
            "staffing.answer",
            verdict=verdict,
            hours=fmt_number(hours, 0),
            per_person=per_person,
            people=fmt_fixed(found.people, 1) + (" personnes" if found.people >= 2 else " personne"),
            basis=basis,
        )
        text += "\n\n" + self.messages.get("staffing.practice")
        # « et si elle ne vient que 2 jours par semaine ? » next compares the new rhythm to this period
        state.figures = {**state.figures, "left": hours, "left_months": ask.months, "staffed_months": ask.months}
        state.split_people = None
        state.split_weekly_hours = ask.weekly_hours
        return self._staffing_answer(text, state)

    def _person_hours(self, ask: StaffingAsk, state: ConversationState, target: float | None = None) -> Answer:
        """The hours one person works over the period asked, and what counts in them."""
        if ask.people > 1 or ask.on_market is not None or target is not None:
            return self._team_hours(ask, state, target)
        try:
            weekly = ask.weekly_hours or FULL_TIME_WEEKLY_HOURS * ask.time_share  # « à mi-temps »: half the legal week
            found = person_hours(ask.months, weekly, ask.weeks_off)
        except ValueError:
            return Answer(self.messages.get("ask.hours_for_conversion"), "conversion", state=state)
        off = self.messages.get("staffing.weeks_off", weeks_off=fmt_number(found.weeks_off, 0))
        text = self.messages.get(
            "staffing.person_hours" if ask.weeks is None else "staffing.person_hours_weeks",
            hours=fmt_number(found.hours, 0),
            months=fmt_number(found.months, 1),
            weekly=fmt_number(found.weekly_hours, 1),
            weeks=fmt_number(found.weeks, 1),
            off=off.rstrip(",") if found.weeks_off else "",
        )
        if found.weeks_off:  # the whole period's hours too: what the person would do without the absence
            all_weeks = found.weeks + found.weeks_off
            text += " " + self.messages.get(
                "staffing.person_hours_full",
                weeks_off=fmt_number(found.weeks_off, 0),
                hours=fmt_number(all_weeks * found.weekly_hours, 0),
                weekly=fmt_number(found.weekly_hours, 1),
                weeks=fmt_number(all_weeks, 1),
            )
        elif ask.weeks is None and ask.months >= 12:  # a year or more: paid leave is not worked
            etp_base = self.toolbox.grid.defaults.etp_base.value
            text += " " + self._annual_basis_text(
                ask.months, weekly, annual_basis(ask.months, weekly, etp_base=etp_base)
            )
        text += "\n\n" + self.messages.get("staffing.person_hours_counting")
        state.conversion_hours = round(found.hours)
        state.person_weekly_hours = found.weekly_hours
        return self._staffing_answer(text, state)

    def _annual_basis_text(
        self, months: float, weekly: float, hours: float, share: float = 1.0, people: int = 1
    ) -> str:
        """« Sur la base annuelle de 1 607 h … environ {hours} h : 1 607 h × {years} an(s) × … », the factors shown
        being the weekly hours, the share on the market and the people that differ from one full-time person."""
        factors = "" if weekly == FULL_TIME_WEEKLY_HOURS else f" × {fmt_number(weekly, 1)} h ÷ 35 h"
        factors += f" × {fmt_number(share * 100, 0)} %" if share < 1 else ""
        factors += f" × {people} personnes" if people > 1 else ""
        return self.messages.get(
            "staffing.annual_basis", hours=fmt_number(hours, 0), years=fmt_number(months / 12, 1), factors=factors
        )

    def _question(self, turn: Turn, extraction: Extraction, decision: Route) -> Answer:
        if decision.rule == PROCEDURE_QUESTION:
            answer = self.procedure_question(turn, extraction)
            if answer is not None:
                return answer
        return super()._question(turn, extraction, decision)

    def procedure_question(self, turn: Turn, extraction: Extraction) -> Answer | None:
        """A question on the procedure giving the market's amount (« 45 000 € HT par an sur 4 ans, c'est un MAPA ? »):
        the estimated value over the whole duration compared to the EU threshold of its type; None without an amount."""
        if extraction.amount is None:
            return None
        grid = self.toolbox.grid
        folded = fold(turn.message)
        value, lines = Decimal(str(extraction.amount)), []
        annual = parse_annual_amount(turn.message)
        if annual is not None and extraction.months and extraction.months > 12:
            value = Decimal(str(annual)) * Decimal(extraction.months) / 12
            lines.append(
                self.messages.get(
                    "procedure.value_annual",
                    annual=fmt_euros(annual),
                    years=fmt_months(extraction.months),
                    amount=fmt_euros(value),
                )
            )
        trade = grid.trade_by_id(extraction.trade_id) if extraction.trade_id else None
        kind, origin = market_type_of(extraction.market_type, [trade] if trade else [])
        period = grid.european_thresholds.period
        yes_no = "" if re.search(r"\bmapa\b|\bprocedure adaptee\b", folded) else "_other"
        if kind is None:
            thresholds = " ; ".join(
                f"{grid.texts.get(f'social_condition.categories.{name}.label').lower()} : {fmt_euros(eu_threshold(grid, name))} HT"
                for name in ("works", "supplies_services", "social_services")
            )
            lines.insert(0, self.messages.get("procedure.unknown", period=period, thresholds=thresholds))
        else:
            threshold = eu_threshold(grid, kind)
            lines.insert(
                0,
                self.messages.get(
                    f"procedure.{'reached' if value >= threshold else 'below'}{yes_no}",
                    amount=fmt_euros(value),
                    threshold_name=grid.texts.get(f"social_condition.categories.{kind}.threshold_name"),
                    threshold=fmt_euros(threshold),
                    period=period,
                ),
            )
        line = check(grid, value, kind, origin, trade=trade.label if trade else None).line
        lines.append(self.messages.get("procedure.social", line=line))
        lines.append(self.messages.get("procedure.check"))
        text = "\n\n".join(lines)
        sources, searches = self._grounding(_THRESHOLD_QUERY, limit=1, check=False, constant=True)
        if sources:
            text += " Voir [1]."
        state = turn.state.but(last_intent="question", last_question=turn.message)
        return Answer(text, "question", sources=sources, tool_calls=searches, state=state)

    def _team_hours(self, ask: StaffingAsk, state: ConversationState, target: float | None) -> Answer:
        """The hours several people, or one spending part of the time away (alternance), work on the market over
        the period asked: weeks × weekly hours × share on the market × people, the method shown; compared to the
        clause's hours when the message gives them."""
        weekly = ask.weekly_hours or FULL_TIME_WEEKLY_HOURS * ask.time_share
        share = ask.on_market.share if ask.on_market else 1.0
        if ask.left and ask.on_market is None and not ask.weeks_off and target is None:
            weeks = ask.weeks or ask.months * WEEKS_PER_MONTH
            leavers = hours_with_leavers(ask.people, weekly, weeks, ask.left)
            if leavers is not None:
                return self._team_with_leavers(leavers, weekly, weeks, state)
        try:
            found = team_hours(
                ask.months, weekly, ask.people, share, ask.weeks_off, etp_base=self.toolbox.grid.defaults.etp_base.value
            )
        except ValueError:
            return Answer(self.messages.get("ask.hours_for_conversion"), "conversion", state=state)
        method = self.messages.get("staffing.team_people", people=ask.people) + " " if ask.people > 1 else ""
        method += f"{fmt_number(weekly, 1)} h par semaine × {fmt_number(found.weeks, 1)} semaines"
        if ask.weeks_off:
            method += " " + self.messages.get(
                "staffing.team_weeks_off",
                gross=fmt_number(ask.months * WEEKS_PER_MONTH, 1),
                weeks_off=fmt_number(ask.weeks_off, 0),
            )
        if ask.on_market is not None:
            method += " " + self.messages.get(
                "staffing.team_share", share=fmt_number(share * 100, 0), said=ask.on_market.said
            )
        text = self.messages.get(
            "staffing.team_hours",
            hours=fmt_number(found.hours, 0),
            months=fmt_number(ask.months, 1),
            method=method,
            weeks=fmt_number(ask.months * WEEKS_PER_MONTH, 1),
        )
        if ask.on_market is not None and 0 < share < 1:  # the hours of all their time too, before the market's share
            text += " " + self.messages.get(
                "staffing.team_all_hours",
                total=fmt_number(found.hours / share, 0),
                share=fmt_number(share * 100, 0),
                hours=fmt_number(found.hours, 0),
            )
        if ask.months >= 12 and not ask.weeks_off:  # a year or more: paid leave is not worked
            text += " " + self._annual_basis_text(ask.months, weekly, found.annual_basis, share, ask.people)
        if target is not None:
            text += "\n\n" + self._covers_text(found.hours, target)
        rule = "staffing.training_rule" if ask.on_market is not None else "staffing.person_hours_counting"
        text += "\n\n" + self.messages.get(rule)
        state.conversion_hours = round(found.hours)
        state.person_weekly_hours = weekly
        return self._staffing_answer(text, state)

    def _team_with_leavers(
        self, leavers: EarlyLeavers, weekly: float, weeks: float, state: ConversationState
    ) -> Answer:
        """The hours of a team some of whom left early: those who stayed, each group that left, the sum."""
        hours = fmt_number(leavers.hours, 0)
        parts = [
            self.messages.get(
                "staffing.team_leaver",
                people=n,
                weekly=fmt_number(weekly, 1),
                weeks=fmt_number(w, 1),
                hours=fmt_number(h, 0),
                who="la personne" if n == 1 else "les personnes",
                s="e" if n == 1 else "es",
            )
            for n, w, h in leavers.left
        ]
        text = self.messages.get(
            "staffing.team_leavers",
            hours=hours,
            stayed=leavers.stayed,
            weekly=fmt_number(weekly, 1),
            weeks=fmt_number(weeks, 1),
            stayed_hours=fmt_number(leavers.stayed_hours, 0),
            stayed_who="la personne" if leavers.stayed == 1 else "les personnes",
            stayed_s="e" if leavers.stayed == 1 else "es",
            left=" ; ".join(parts),
            sum=" + ".join(fmt_number(h, 0) for h in [leavers.stayed_hours, *(h for _, _, h in leavers.left)]),
        )
        text += " " + self.messages.get("staffing.team_leavers_note")
        text += "\n\n" + self.messages.get("staffing.person_hours_counting")
        state.conversion_hours = round(leavers.hours)
        state.person_weekly_hours = weekly
        return self._staffing_answer(text, state)

    def _covers_text(self, capacity: float, target: float) -> str:
        if capacity >= target:
            return self.messages.get(
                "staffing.covers",
                target=fmt_number(target, 0),
                capacity=fmt_number(capacity, 0),
                margin=fmt_number(capacity - target, 0),
            )
        return self.messages.get(
            "staffing.short",
            target=fmt_number(target, 0),
            capacity=fmt_number(capacity, 0),
            gap=fmt_number(target - capacity, 0),
            weeks=fmt_number((target - capacity) / FULL_TIME_WEEKLY_HOURS, 1),
        )

    def _coverage(self, capacity: float, target: float, state: ConversationState) -> Answer:
        """The hours just computed compared to the clause's (« est-ce que ça couvre nos 350 h ? »)."""
        text = self._covers_text(capacity, target) + "\n\n" + self.messages.get("staffing.person_hours_counting")
        return self._staffing_answer(text, state)

    def _time_to_cover(
        self,
        hours: float,
        folded: str,
        on_market: OnMarket | None,
        state: ConversationState,
        people: int | None = None,
        weekly: float | None = None,
    ) -> Answer:
        """The weeks of work ``hours`` take for the people the message names, at their weekly hours (``weekly``, or
        as the message says them, or the legal 35 h), less the share of each week spent elsewhere; an alternance
        spreads them over the calendar."""
        weekly = weekly or weekly_hours_in(folded)
        share = on_market if on_market is not None else on_market_share(folded)
        people = people or people_count(folded)
        base = weekly or (FULL_TIME_WEEKLY_HOURS / 2 if half_time_in(folded) else FULL_TIME_WEEKLY_HOURS)
        try:
            found = time_to_cover(
                hours,
                base,
                people,
                share.share if share and not share.by_weeks else 1.0,
                share.share if share and share.by_weeks else 1.0,
            )
        except ValueError:
            return Answer(self.messages.get("ask.hours_for_conversion"), "conversion", state=state)
        who = f" à {people}" if people > 1 else ""
        if share is not None and not share.by_weeks:
            who += " " + self.messages.get(
                "staffing.time_to_cover_share",
                base=fmt_number(base, 1),
                share=fmt_number(share.share * 100, 0),
                said=share.said,
            )
        text = self.messages.get(
            "staffing.time_to_cover",
            weeks=fmt_number(found.weeks, 1),
            hours=fmt_number(hours, 0),
            weekly=fmt_number(found.weekly_on_market, 1),
            who=who,
            months=fmt_number(found.weeks / WEEKS_PER_MONTH, 1),
        )
        if share is not None and share.by_weeks:
            text += " " + self.messages.get(
                "staffing.time_to_cover_calendar",
                said=share.said,
                calendar=fmt_number(found.calendar_weeks, 1),
                months=fmt_number(found.calendar_weeks / WEEKS_PER_MONTH, 1),
            )
        if weekly is None:
            text += "\n\n" + self.messages.get("staffing.time_to_cover_default", weekly=fmt_number(base, 1))
        rule = "staffing.training_rule" if share is not None and share.by_weeks else "staffing.person_hours_counting"
        text += "\n\n" + self.messages.get(rule)
        state.conversion_hours = round(hours)
        state.person_weekly_hours = None
        return self._staffing_answer(text, state)

    def _people_for_period(
        self, hours: float, months: float, before: ConversationState, more: bool, state: ConversationState
    ) -> Answer:
        """The people the hours need over the period known for them (the months left on a target, the period of a
        staffing), at the weekly hours last said; « en plus » compares them with the people already counted."""
        weekly = before.split_weekly_hours or before.person_weekly_hours
        current = before.split_people or 1
        if not more:
            return self._staffing(hours, StaffingAsk(months, float(weekly) if weekly else None), state)
        found = staffing(hours, months, float(weekly) if weekly else None)
        needed = max(found.at_least, 1)
        values = {
            "hours": fmt_number(hours, 0),
            "per_person": fmt_number(found.per_person, 0),
            "months": fmt_number(months, 1),
            "current": self._headcount(current),
            "count": current,
            "needed": needed,
            "more": self._headcount(needed - current),
        }
        text = self.messages.get("staffing.more_none" if needed <= current else "staffing.more_some", **values)
        state.split_people, state.split_weekly_hours = before.split_people, before.split_weekly_hours
        call = ToolCall(
            name="size",
            arguments={"calcul": "people_for_period", "hours": hours, "months": months, "weekly_hours": weekly},
            result={"people": round(found.people, 2), "per_person": round(found.per_person)},
        )
        answer = self._staffing_answer(text, state)
        return replace(answer, tool_calls=[call, *answer.tool_calls])

    def _headcount(self, people: int) -> str:
        """« 1 personne », « 3 personnes »: a number of people inside a sentence, worded in ``messages.yaml``."""
        if people == 1:
            return self.messages.get("staffing.headcount_one")
        return self.messages.get("staffing.headcount", n=people)

    def _period_check(self, hours: float, months: float, people: int, weekly_on_market: float) -> str:
        """Whether ``people`` working ``weekly_on_market`` hours a week between them cover ``hours`` in ``months``."""
        capacity = weekly_on_market * WEEKS_PER_MONTH * months
        per_person = capacity / people
        return self.messages.get(
            "rhythm.fits" if hours <= capacity else "rhythm.short",
            months=fmt_number(hours / weekly_on_market / WEEKS_PER_MONTH, 1),
            left=fmt_number(months, 1),
            capacity=fmt_number(capacity, 0),
            per_person=fmt_number(per_person, 0),
            hours=fmt_number(hours, 0),
            needed=math.ceil(round(hours / per_person, 2)),
        )

    def _rhythm_again(self, change: RhythmChange, state: ConversationState) -> Answer:
        """The hours last computed (a conversion, a split, the hours left on a target) covered again at the rhythm
        the follow-up changes; what it does not change (the people, their weekly hours) is kept from before."""
        hours = float(state.conversion_hours or 0)
        people = change.people or state.split_people or 1
        weekly = change.weekly_hours or state.split_weekly_hours or state.person_weekly_hours
        answer = self._time_to_cover(hours, "", change.on_market, state, people=people, weekly=weekly)
        extra = [self._days_as_hours(change.weekly_hours)] if change.days and change.weekly_hours else []
        on_market = _weekly_on_market(people, weekly, change)
        months_left = _period_of(state, hours)
        if months_left:
            extra.append(self._period_check(hours, months_left, people, on_market))
        text = answer.text
        if extra:
            head, _, rest = text.partition("\n\n")
            text = "\n\n".join([head, *extra, *([rest] if rest else [])])
        answer.state.split_people = people
        answer.state.split_weekly_hours = weekly
        arguments = {"calcul": "weeks_of_work", "hours": hours, "people": people, "weekly_hours": weekly}
        if change.on_market is not None:
            arguments["share_on_market"] = change.on_market.share
        call = ToolCall(name="size", arguments=arguments, result={"weeks": round(hours / on_market, 1)})
        return replace(answer, text=text, tool_calls=[call, *answer.tool_calls])

    def _days_as_hours(self, weekly: float) -> str:
        """« 2 jours par semaine font 14 h par semaine »: days a week said by the user, shown as the hours used."""
        days = weekly / WORK_HOURS_A_DAY
        return self.messages.get(
            "rhythm.day_one" if days == 1 else "rhythm.days",
            days=fmt_number(days, 0),
            weekly=fmt_number(weekly, 0),
            per_day=fmt_number(WORK_HOURS_A_DAY, 0),
        )

    def _with_new_share(self, turn: Turn, folded: str) -> Answer | None:
        """A follow-up changing the share of time on the market (« et si c'est 3 semaines en entreprise pour 1 au
        CFA ? », « et s'il n'est qu'à 80 % sur ce chantier ? »): the previous computation again with it."""
        share = on_market_share(folded)
        previous = next((m.content for m in reversed(turn.history) if m.role == "user"), "")
        if share is None or not previous:
            return None
        state = turn.state.but(last_intent="conversion")
        before = person_hours_ask(previous)
        if before is not None:
            return self._team_hours(replace(before, on_market=share), state, None)
        if asks_time_to_cover(fold(previous)) and turn.state.conversion_hours:
            return self._time_to_cover(float(turn.state.conversion_hours), fold(previous), share, state)
        return None

    def _person_hours_again(self, change: PeriodChange, state: ConversationState) -> Answer:
        """The same person over another period: weeks added to the hours computed, or the period replaced."""
        weekly, before = state.person_weekly_hours, state.conversion_hours
        if weekly is None or before is None:
            return Answer(self.messages.get("ask.hours_for_conversion"), "conversion", state=state)
        if not change.added:
            if change.months is not None:  # « et sur 9 mois ? »: counted in months, as said
                return self._person_hours(StaffingAsk(change.months, weekly), state)
            return self._person_hours(StaffingAsk(change.weeks * 12 / 52, weekly, weeks=change.weeks), state)
        more = weekly * change.weeks
        text = self.messages.get(
            "staffing.person_hours_more",
            more=fmt_number(more, 0),
            hours=fmt_number(before + more, 0),
            weekly=fmt_number(weekly, 1),
            extra=fmt_number(change.weeks, 1),
            before=fmt_number(before, 0),
        )
        text += "\n\n" + self.messages.get("staffing.person_hours_counting")
        state.conversion_hours = round(before + more)
        return self._staffing_answer(text, state)

    def _per_period(self, state: ConversationState) -> Answer | None:
        """The hours last converted over a period, per month and per week of that period."""
        hours, months = state.conversion_hours, state.figures.get("left_months")
        if not hours or not months:
            return None
        weeks = float(months) * WEEKS_PER_MONTH
        text = self.messages.get(
            "split.per_period",
            hours=fmt_number(hours, 0),
            months=fmt_number(months, 1),
            per_month=fmt_number(float(hours) / float(months), 1),
            weeks=fmt_number(weeks, 1),
            per_week=fmt_number(float(hours) / weeks, 1),
        )
        return Answer(text, "conversion", state=state)

    def _hours_less_absence(self, days: float, state: ConversationState) -> Answer:
        """The person's hours just computed less ``days`` not worked, at their weekly hours over five days."""
        weekly, before = float(state.person_weekly_hours or 0), float(state.conversion_hours or 0)
        daily = weekly / WORK_DAYS_A_WEEK
        left = max(0.0, before - days * daily)
        text = self.messages.get(
            "staffing.person_hours_absence",
            left=fmt_number(left, 0),
            before=fmt_number(before, 0),
            days=fmt_number(days, 1),
            daily=fmt_number(daily, 1),
            weekly=fmt_number(weekly, 1),
            off=fmt_number(days * daily, 0),
        )
        text += "\n\n" + self.messages.get("staffing.person_hours_counting")
        state.conversion_hours = round(left)
        return self._staffing_answer(text, state)

    def _part_time(self, turn: Turn, extraction: Extraction, share: float) -> Answer | None:
        """The hours given or last computed, worked by one person at ``share`` of full time: months and weeks of
        that person's work, the year's hours at that share, and the people the market's period needs."""
        last = turn.state
        hours = extraction.hours or (last.last_hours if last.last_intent == "sizing" else None) or last.conversion_hours
        if not hours:
            return None
        work = PartTimeWork(float(hours), share, extraction.etp_base or DEFAULT_ETP_BASE)
        said = {"share": fmt_percent(share), "hours": fmt_number(hours, 0), "monthly": fmt_number(work.monthly, 2)}
        parts = [
            self.messages.get(
                "split.part_time",
                months=fmt_number(work.months, 1),
                weeks=fmt_number(round(work.weeks)),
                weekly=fmt_number(work.weekly, 1),
                **said,
            ),
            self.messages.get(
                "split.part_time_year",
                annual=fmt_number(work.annual, 0),
                base=fmt_number(work.etp_base, 0),
                etp=fmt_number(work.etp, 2),
                years=fmt_number(work.person_years, 2),
                **said,
            ),
        ]
        period = (
            extraction.months
            or _period_of(last, float(hours))  # « combien de personnes sur 10 mois ? » just asked of these hours
            or (last.sizing_params.get("months") if last.last_intent == "sizing" else None)
        )
        if period:
            people = work.people_over(float(period))
            parts.append(
                self.messages.get(
                    "split.part_time_period",
                    period=fmt_months(period),
                    period_months=fmt_number(period, 1),
                    people=fmt_number(people, 2),
                    at_least=fmt_number(max(1, math.ceil(round(people, 1))), 0),
                    **said,
                )
            )
        state = last.but(last_intent="conversion", conversion_hours=float(hours), person_weekly_hours=None)
        return self._staffing_answer(" ".join(parts[:1]) + "\n\n" + " ".join(parts[1:]), state)

    def _staffing_answer(self, text: str, state: ConversationState) -> Answer:
        """A staffing or person-hours text with the guide passage on what one person's hours are."""
        sources, searches = self._grounding(_STAFFING_QUERY, limit=1, check=False, constant=True)
        if sources:
            text += " Voir [1]."
        return Answer(text, "conversion", sources=sources, tool_calls=searches, state=state)

    def _months_text(self, hours: float, half_time: bool) -> str:
        """The months and weeks of work some hours make for one person, full time or half time."""
        monthly = MONTHLY_FULL_TIME / 2 if half_time else MONTHLY_FULL_TIME
        weekly = FULL_TIME_WEEKLY_HOURS / 2 if half_time else FULL_TIME_WEEKLY_HOURS
        return self.messages.get(
            "split.months_half_time" if half_time else "split.months_full_time",
            months=fmt_number(hours / monthly, 1),
            hours=fmt_number(hours, 0),
            monthly=fmt_number(monthly, 2),
            weeks=fmt_number(round(hours / weekly)),
        )

    def _split_text(self, hours: float, split: HoursSplit) -> str:
        """Computed hours shared between firms (« 60/40 ») or people (« 2 gars à mi-temps »)."""
        parts = [hours * share for share in split.shares]
        if split.people is None:
            return self.messages.get(
                "split.shares",
                parts=_enumeration([f"{fmt_number(part, 0)} h" for part in parts]),
                hours=fmt_number(hours, 0),
                ratio=" / ".join(f"{fmt_number(share * 100, 0)} %" for share in split.shares),
            )
        text = (
            self.messages.get("split.people", each=fmt_number(parts[0], 0), hours=fmt_number(hours, 0), n=split.people)
            if split.people > 1
            else ""
        )
        if text and not split.weekly_hours and not split.half_time:  # what each share is in months of work
            text += " " + self.messages.get("split.people_months", months=fmt_number(parts[0] / MONTHLY_FULL_TIME, 1))
        if split.weekly_hours:
            weekly = split.weekly_hours * split.people
            text += " " + self.messages.get(
                "split.weeks" if split.people > 1 else "split.weeks_one",
                weekly=fmt_number(split.weekly_hours, 0),
                n=split.people,
                total=fmt_number(weekly, 0),
                weeks=fmt_number(round(hours / weekly, 1)),
                hours_total=fmt_number(hours, 0),
                months=fmt_number(round(hours / weekly / 52 * 12, 1)),
            )
            text = text.strip()
        elif split.half_time:
            monthly = MONTHLY_FULL_TIME / 2
            text += " " + self.messages.get(
                "split.half_time", monthly=fmt_number(monthly, 0), months=fmt_fixed(parts[0] / monthly, 1)
            )
        return text


_CARRIED_TO_LOTS = ("labour_share", "trade", "hourly_cost", "rate", "percent_of_hours", "months", "market_type")


# « mes 9 lots », « pour chaque lot », « par lot » : the message is about lots, so a bare list of amounts is theirs.
_LOT_COUNT = re.compile(r"\b(\d+)\s+lots\b")
_ABOUT_LOTS = re.compile(r"\b(?:mes|nos|les|des|ces)\s+(?:\d+\s+)?lots\b|\b(?:chaque|par)\s+lot\b")


# The note said after each computation over the user's own figures (``prompts/messages.yaml``, ``figures``).
_FIGURE_NOTES = {
    "penalty": "figures.penalty_note",
    "penalty_cap": "figures.cap_note",
    "progress": "figures.progress_note",
    "realisation": "figures.realisation_note",
    "grant_cost": "figures.grant_note",
    "year_hours": "figures.hours_note",
    "raise": "figures.raise_note",
    "prorata": "figures.prorata_note",
    "scaled": "figures.scaled_note",
    "work_volume": "figures.work_note",
    "roster": "figures.roster_note",
}
# How each figure is written: euros and shares keep their decimals, hours are whole, ETP have two decimals.
_EUROS = {"per_hour", "penalty", "cap", "base", "amount", "new_amount"}
_COSTS = {"per_person", "per_exit"}  # « 448 € par personne »: cents only below 100 €
_SHARES = {"cap_share", "share", "ratio", "rate"}
_PACES = {"per_month", "pace", "insertion", "mean", "exits"}


def _formatted(values: Mapping[str, own.Value]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in values.items():
        if isinstance(value, str):
            out[name] = value
        elif name in _SHARES:
            out[name] = fmt_number(value * 100, 1)
        elif name == "etp":  # « 155 ETP » for a budget, « 0,78 ETP » for one person
            out[name] = fmt_number(value, 0) if value >= 10 else fmt_fixed(value, 2)
        elif name in _EUROS:
            out[name] = fmt_number(value, 2)
        elif name in _COSTS:
            out[name] = fmt_number(value, 0 if value >= 100 else 2)
        elif name in _PACES:  # « 85,7 h par mois »: a pace keeps a decimal, so that the product shown adds up
            out[name] = fmt_number(value, 1)
        else:
            out[name] = fmt_number(value, 0 if abs(value) >= 10 else 1)
    return out


def _counted_lots(message: str) -> list[dict[str, Any]]:
    """Lots given as one list of amounts sharing a unit (« mes 9 lots : 3,2 / 2,1 / … / 0,3 M€ »), numbered
    in order; the count the message states, if any, must match the list."""
    folded = fold(message)
    amounts = listed_amounts(message)
    count = _LOT_COUNT.search(folded)
    if len(amounts) < 2 or not _ABOUT_LOTS.search(folded) or (count and int(count.group(1)) != len(amounts)):
        return []
    return [{"label": f"Lot {number}", "amount": amount} for number, amount in enumerate(amounts, start=1)]


def _bare(lots: list[dict[str, Any]]) -> bool:
    """Lots given with their amounts only, no trade nor share of their own."""
    return all(lot.get("trade") is None and lot.get("labour_share") is None for lot in lots)


def _carried(previous: dict[str, Any]) -> dict[str, Any]:
    """What a split into lots keeps of the sizing before it (never its amount)."""
    return {key: previous[key] for key in _CARRIED_TO_LOTS if previous.get(key) is not None}


def _with_share(lots: list[dict[str, Any]], params: dict[str, Any]) -> list[dict[str, Any]]:
    """Bare lots take the market's labour share or trade when the conversation gave one."""
    if not _bare(lots):
        return lots
    if params.get("labour_share") is not None:
        return [{**lot, "labour_share": params["labour_share"]} for lot in lots]
    if params.get("trade") is not None:
        return [{**lot, "trade": params["trade"]} for lot in lots]
    return lots


def _period_of(state: ConversationState, hours: float) -> float | None:
    """The months known for the hours last computed (left on a target, or a staffing's period), when they are
    still those hours."""
    figures = state.figures
    if figures.get("left") != hours or not figures.get("left_months"):
        return None
    return float(figures["left_months"])


def _counted_people_over(state: ConversationState, hours: float) -> bool:
    """Whether the last answer counted the people ``hours`` employ over a period (not their ETP over it, which
    keeps the same figures but no count of people)."""
    months = _period_of(state, hours)
    return months is not None and state.figures.get("staffed_months") == months


def _weekly_on_market(people: int, weekly: float | None, change: RhythmChange) -> float:
    """The hours the people work on the market each week at the rhythm a follow-up says (35 h when not said)."""
    share = change.on_market.share if change.on_market is not None and not change.on_market.by_weeks else 1.0
    return (weekly or FULL_TIME_WEEKLY_HOURS) * people * share


def _weekly_change(folded: str, people: int | None) -> HoursSplit | None:
    """« et à 24 h par semaine ? » after a split: the same people at the new weekly hours."""
    weekly = weekly_hours_in(folded)
    if weekly is None:
        return None
    n = people or 1
    return HoursSplit(tuple(1 / n for _ in range(n)), people=n, weekly_hours=weekly)


def _is_framework(message: str) -> bool:
    """A framework agreement: named (« accord-cadre », « AC », « bons de commande »), or an amount called a
    maximum (« le max c'est 1,2 M€ »), since only framework agreements have one."""
    if _FRAMEWORK.search(fold(message)) or _FRAMEWORK_ABBREVIATION.search(message):
        return True
    return _estimate_and_maximum(message)[1] is not None


def _proposes_maximum(message: str) -> bool:
    """A framework agreement whose maximum is proposed as the sizing basis (« sur le maximum »,
    or the maximum as its only amount)."""
    folded = fold(message)
    if not _is_framework(message) or not _MAXIMUM_WORD.search(folded):
        return False
    if re.search(r"\b(sur|avec|a partir d[eu]|selon) (le |son |un )?(montant )?(max(?:im\w*)?|plafond)\b", folded):
        return True
    estimate, maximum = _estimate_and_maximum(message)
    return maximum is not None and estimate is None


def _estimate_and_maximum(message: str) -> tuple[float | None, float | None]:
    """In a framework agreement, the amount said to be a maximum (« maximum », « plafond ») and the other one.

    Sizing uses the realistic estimate; the maximum only decides the procedure thresholds.
    """
    amounts = parse_amounts(message)
    if not amounts:
        return None, None
    maximum = estimate = None
    for amount in amounts:
        before = fold(message[max(0, amount.span[0] - 30) : amount.span[0]])
        if _MAXIMUM_WORD.search(before):
            maximum = amount.value
        elif _MINIMUM_WORD.search(before[-15:]):
            continue  # the minimum is what is surely ordered, not the realistic estimate
        elif estimate is None:
            estimate = amount.value
    return estimate, maximum


def other_bases_sentence(others: list[tuple[float, int]]) -> str:
    """« Les sources ne retiennent pas toutes la même base annuelle : 0,22 ETP à 1 600 h ; 0,19 ETP à 1 820 h. »
    (the French way: a space before the semicolon)."""
    listed = " ; ".join(f"{fmt_fixed(etp, 2)} ETP à {fmt_number(base, 0)} h" for etp, base in others)
    return (
        f"Les sources ne retiennent pas toutes la même base annuelle : {listed}. "
        "La base de 1 607 heures (durée légale annuelle) est retenue par défaut."
    )


def _ceiling(params: dict[str, Any]) -> dict[str, Any] | None:
    """A framework agreement of which only the maximum is known: the parameters sizing that maximum as
    a plain market (never as the agreement's realistic estimate), or None."""
    if params.get("amount") is not None or params.get("maximum_amount") is None or params.get("lots"):
        return None
    ceiling = {key: value for key, value in params.items() if key not in ("framework", "maximum_amount")}
    return {**ceiling, "amount": params["maximum_amount"]}


def _tool_params(params: dict[str, Any]) -> dict[str, Any]:
    """The sizing tool's parameters: what the conversation keeps only for itself is left out."""
    return {key: value for key, value in params.items() if key not in _CONVERSATION_ONLY}


def hiring_figures(result: dict[str, Any], weekly: float | None) -> list[tuple[str, dict[str, str]]]:
    """The derived figures of a conversion, as message keys and their values: the hours per month over a
    period other than a year (« 700 h sur 4 mois : 175 h par mois »), and the posts at the weekly hours
    people work (« 25 salariés à 26 h par semaine » : ETP × 35 h ÷ 26 h)."""
    figures: list[tuple[str, dict[str, str]]] = []
    months, hours = result.get("months"), result.get("hours")
    etp = float(result.get("etp_per_year") or result.get("etp_total") or 0)
    if months and hours and float(months) != 12:
        monthly = fmt_number(float(hours) / float(months), 0)
        figures.append(
            ("conversion.per_month", {"duration": fmt_months(months), "monthly": monthly, "etp": fmt_number(etp, 2)})
        )
    if weekly and weekly < FULL_TIME_WEEKLY_HOURS and etp:
        posts = float(etp) * FULL_TIME_WEEKLY_HOURS / weekly
        values = {
            "weekly": fmt_number(weekly),
            "posts": fmt_number(posts, 1),
            "etp": fmt_number(etp, 2),
            "full": fmt_number(FULL_TIME_WEEKLY_HOURS, 0),
        }
        figures.append(("conversion.posts_at_weekly", values))
    return figures


def _rate_is_of_hours(folded: str, params: dict[str, Any], follow_up: bool) -> bool:
    """Whether the rate a message gives is a percentage of the hours worked: it says so, or it follows
    a sizing on such a percentage (« et pour 7 % ? » replaces the 5 % of the hours worked)."""
    if "labour_share" in params:
        return False
    return _PERCENT_OF_HOURS.search(folded) is not None or (follow_up and "percent_of_hours" in params)


_CONVERSATION_ONLY = (
    "annual_amount",
    "annual_hours_worked",
    "staff",
    "activity",
    "rate_of_amount",
    "payroll",
    "day_rate",
)


def _staff_hours(params: dict[str, Any], staff: float, etp_base: int) -> None:
    """The hours worked of a market given by its full-time staff: each works the legal year (the grid's ETP base,
    1 607 h), over the market's years when its duration is said; the amount then no longer serves."""
    params["staff"] = staff
    params["annual_hours_worked"] = round(staff * etp_base)
    months = params.get("months")
    params["hours_worked"] = round(staff * etp_base * float(months) / 12) if months else round(staff * etp_base)
    params.pop("amount", None)
    params.pop("annual_amount", None)


def _rate_on_the_whole_amount(params: dict[str, Any], extraction: Extraction, message: str) -> None:
    """« 6 % du montant converti en heures »: the rate is taken on the whole amount, as the user says (a labour share
    of 100 %, the usual method said in a note); a share or a trade named later replaces it."""
    if extraction.labour_share is None and extraction.trade is None and rate_of_the_amount(message):
        params["labour_share"] = 1.0
        params["rate_of_amount"] = True
    elif extraction.labour_share is not None or extraction.trade is not None:
        params.pop("rate_of_amount", None)


def _payroll_amount(params: dict[str, Any], extraction: Extraction, message: str) -> None:
    """« masse salariale de 9 M€/an »: the amount is already labour, so its labour share is 100 % (said in a note);
    a share or a trade named replaces it."""
    if extraction.labour_share is None and extraction.trade is None and cue("labour_amount", fold(message)):
        params["labour_share"] = 1.0
        params["payroll"] = True
    elif extraction.labour_share is not None or extraction.trade is not None:
        params.pop("payroll", None)


def _prefer_worked_hours(params: dict[str, Any], extraction: Extraction, message: str) -> None:
    """The hours worked the user knows beat an estimate from the amount: the rate applies to them directly.

    A new amount without hours worked starts a sizing on the amount again. Hours worked said per year
    (« 21 000 h de vacation par an ») are multiplied by the years of the duration, like an annual amount.
    """
    if extraction.amount is not None and extraction.worked_hours is None:
        params.pop("hours_worked", None)
        params.pop("annual_hours_worked", None)
        params.pop("staff", None)
        return
    if extraction.worked_hours is not None:
        params.pop("annual_hours_worked", None)
        if worked_hours_per_year(message):
            params["annual_hours_worked"] = extraction.worked_hours
            params.setdefault("months", 12)
    if params.get("hours_worked") is None:
        return
    params.pop("amount", None)
    params.pop("annual_amount", None)
    if params.get("annual_hours_worked") is not None and params.get("months") is not None:
        params["hours_worked"] = round(params["annual_hours_worked"] * float(params["months"]) / 12)


def lots_perimeter(extraction: Extraction) -> str | None:
    """The lots a sizing is about, as the drafting tool writes them (« Lot 2 - peinture »)."""
    if extraction.lots:
        return ", ".join(f"Lot {lot.number}" + (f" - {lot.label}" if lot.label else "") for lot in extraction.lots)
    if extraction.trade is not None and extraction.trade.via_lot:
        return f"Lot {extraction.trade.text}"
    return None


def _enumeration(items: list[str]) -> str:
    """« a et b », « a, b et c »."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} et {items[-1]}"
