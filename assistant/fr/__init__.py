"""The French toolkit: reading and writing French the way a facilitator does, without any LLM.

The embedded assistant must read « 1,2 M€ HT », « un million deux », « cinq pour cent »,
« 2 ans et demi », « lot 3 - peinture » or « marché réservé aux SIAE »; the structured
paths (API, CLI, tool calls) read their fields with the same conventions (« 1.200 » is
twelve hundred everywhere), and every figure shown to users is written the French way.

Modules, in reading order:

- :mod:`~assistant.fr.text`: normalising and folding (lowercase, accents stripped,
  typographic marks made plain) with a map back to the original text, so every span
  returned slices the caller's string;
- :mod:`~assistant.fr.numbers`: numbers in words (text2num, with the spoken conventions
  it lacks: « un million deux » is 1 200 000) and in digits;
- :mod:`~assistant.fr.quantities`: amounts, rates and shares, durations, hours found in a
  message (``parse_*``, never raising), and one field read strictly (``read_*``, a named
  French error when unreadable);
- :mod:`~assistant.fr.trades`: trades of the sizing grid and numbered lots;
- :mod:`~assistant.fr.clause_kinds`: the kind of clause asked for and the one list of
  reserved-market beneficiaries (EA/ESAT, SIAE, ESS);
- :mod:`~assistant.fr.market`: the market's type (EU threshold category) and the value
  compared with the threshold (a framework agreement's maximum, never a lot's amount);
- :mod:`~assistant.fr.cost_base`: the hourly cost of a sizing swapped for a named reference (« le SMIC chargé »);
- :mod:`~assistant.fr.extraction`: every parameter of one message at once;
- :mod:`~assistant.fr.formatting`: French numbers for users (``fmt_*``);
- :mod:`~assistant.fr.safety`: the net that turns a parser failure into "nothing found".

Finding functions never raise on any input: a chat turn must not crash on odd text.
"""

from __future__ import annotations

from assistant.fr.clause_kinds import (
    CLAUSE_KINDS,
    EA_ESAT,
    ESS,
    SIAE,
    ClauseKind,
    FreeText,
    find_clause_kind,
    find_free_text,
    named_reservation,
)
from assistant.fr.cost_base import names_cost_base
from assistant.fr.extraction import Extraction, extract
from assistant.fr.formatting import (
    capitalized,
    fmt_count,
    fmt_date_fr,
    fmt_euros,
    fmt_fixed,
    fmt_hours,
    fmt_megabytes,
    fmt_months,
    fmt_number,
    fmt_percent,
    fmt_plain,
)
from assistant.fr.market import MarketType, market_type_in
from assistant.fr.quantities import (
    MAX_AMOUNT,
    Amount,
    Percentage,
    PercentageRole,
    check_amount,
    parse_amount,
    parse_amounts,
    parse_annual_amount,
    parse_day_rate,
    parse_duration_months,
    parse_etp_base,
    parse_hourly_cost,
    parse_hours,
    parse_labour_share,
    parse_monthly_hours,
    parse_penalty_per_hour,
    parse_percentages,
    parse_rate,
    parse_rate_series,
    parse_weight,
    rate_of_the_amount,
    read_amount,
    read_amount_decimal,
    read_decimal,
    read_fraction,
    read_fraction_decimal,
    worked_hours_per_year,
)
from assistant.fr.text import fold, fold_words, normalize, strip_accents
from assistant.fr.trades import Lot, TradeEntry, TradeMatch, find_trade, find_trades, parse_lots, trades_from_grid

__all__ = [
    "CLAUSE_KINDS",
    "EA_ESAT",
    "ESS",
    "MAX_AMOUNT",
    "SIAE",
    "Amount",
    "ClauseKind",
    "FreeText",
    "Extraction",
    "Lot",
    "MarketType",
    "Percentage",
    "PercentageRole",
    "TradeEntry",
    "TradeMatch",
    "capitalized",
    "check_amount",
    "extract",
    "find_clause_kind",
    "find_free_text",
    "find_trade",
    "find_trades",
    "fmt_date_fr",
    "fmt_count",
    "fmt_euros",
    "fmt_megabytes",
    "fmt_months",
    "fmt_fixed",
    "fmt_hours",
    "fmt_number",
    "fmt_percent",
    "fmt_plain",
    "fold",
    "fold_words",
    "market_type_in",
    "named_reservation",
    "names_cost_base",
    "normalize",
    "parse_amount",
    "parse_amounts",
    "parse_annual_amount",
    "worked_hours_per_year",
    "parse_duration_months",
    "parse_etp_base",
    "parse_day_rate",
    "parse_hourly_cost",
    "parse_hours",
    "parse_labour_share",
    "parse_lots",
    "parse_monthly_hours",
    "parse_penalty_per_hour",
    "parse_percentages",
    "parse_rate",
    "parse_rate_series",
    "parse_weight",
    "rate_of_the_amount",
    "read_amount",
    "read_amount_decimal",
    "read_decimal",
    "read_fraction",
    "read_fraction_decimal",
    "strip_accents",
    "trades_from_grid",
]
