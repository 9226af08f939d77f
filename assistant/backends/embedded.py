"""The embedded backend: deterministic answers without any language model.

It routes each French message (refusal, greeting, sizing, ETP conversion, drafting,
question), reads the parameters people write (« 1,2 M€ HT », « 18 mois »), calls the
same tools as the LLM backend and answers questions extractively from the corpus,
with numbered citations. What it does not find, it says it does not know.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from assistant.backends.base import Answer, Delta, Turn, chunked
from assistant.cards import Card
from assistant.citations import source_from_hit
from assistant.errors import ClausesError, InvalidInput, RequestRefused
from assistant.extractive import backing, choose, coverage, distinctive_tokens
from assistant.fr import (
    Extraction,
    extract,
    find_free_text,
    find_trade,
    fmt_fixed,
    fmt_number,
    fmt_percent,
    fold,
    named_reservation,
    parse_amounts,
)
from assistant.fr.clause_kinds import FREE_TEXT_KINDS, added_details, free_text_kind, request_details
from assistant.intents import IntentClassifier
from assistant.invalid_values import describe, find_invalid_values
from assistant.lexical import FrenchAnalyzer
from assistant.matching import CardMatch, CardMatcher, Matching, asked_questions
from assistant.obligation import mandatory_opening
from assistant.presenting import Messages, conversion_markdown, draft_markdown, sizing_markdown
from assistant.redirects import Redirects
from assistant.responses import Source, ToolCall
from assistant.retrieval import Hit
from assistant.routing import HoursSplit, RefusalPolicy, Route, hours_split, route
from assistant.sizing import trade_named
from assistant.state import ConversationState
from assistant.tools import Toolbox

_FRAMEWORK = re.compile(r"\b(accord-cadre|accords-cadres|bons? de commande)\b", re.IGNORECASE)
# The label just before an amount in a list (« …, menuiseries ext 290k »): after a comma,
# semicolon, colon or line start, a few words without digits.
_LISTED_LABEL = re.compile(r"(?:^|[,;:?!.\n(]|\bet\b)\s*(?P<label>[^\d,;:\n()]{2,40}?)\s*(?:[:=]|-|\ba\b|à)?\s*$")
_MAX_LISTED_LABEL_WORDS = 4
# A question about a framework agreement, as people shorten it (« AC à BC », « multi-attributaires »).
_FRAMEWORK_TOPIC = re.compile(r"\b(?:accords?[\s-]+cadres?|bons?\s+de\s+commandes?|ac|bc|multi-?\s?attributaires?)\b")
# A request to rework the text drafted before (« une version plus courte », « reformule-la »).
_ADDING = re.compile(r"^\s*(?:tu\s+peux\s+|peux[\s-]+tu\s+)?r?ajout\w*\b")
_REVISION = re.compile(
    r"\b(?:versions?|plus\s+(?:court|courte|long|longue|simple|concis\w*)|raccourci\w*|reformul\w*"
    r"|reprends|meme\s+(?:texte|clause|article)|cette\s+(?:clause|version)|ce\s+texte)\b"
)
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
# A message about building works, when it names no trade (« un chantier à 500 000 € »).
_WORKS_SITE = re.compile(r"\b(chantiers?|travaux|batiments?|construction)\b")
_PERCENT_OF_HOURS = re.compile(r"\b(des|du total des) heures (travaillees|realisees)\b")
_CLEANING_QUERY = "calcul heures d'insertion propreté reprise du personnel méthode de la branche"
_SIZING_QUERY = "méthode de calcul des heures d'insertion montant part de main-d'œuvre taux coût horaire"
_CONVERSION_QUERY = "conversion heures d'insertion en ETP 1 607 heures 1 600 1 820"
_ETP_BASES = (1607, 1600, 1820)
_MAX_QUERY_WORDS = 40
# Above this out-of-scope probability the redirect stands even when passages share words.
_SURE_OUT_OF_SCOPE = 0.8
# A question the classifier finds clearly about clauses (out-of-scope probability below this) whose
# best passages carry at least this share of its key words is answered from them, said as such,
# rather than abstained on. Both signals are lexical: the same verdict with every embedder.
_IN_SCOPE = 0.2
# The legal monthly working time of a full-time job (corpus 05, « 151,67 heures »).
_MONTHLY_FULL_TIME = 151.67
_NEAREST_COVERAGE = 0.2
_COVERAGE_PASSAGES = 3  # coverage is measured on this many passages of the lexical search
_DIRECT_OPENING = re.compile(r"^\W*(oui|non)\b", re.IGNORECASE)
_OUT_OF_SCOPE_THEME = "hors-champ"  # corpus/cards/hors-champ.yaml


class EmbeddedBackend:
    name = "embedded"
    live = False

    def __init__(
        self,
        toolbox: Toolbox,
        messages: Messages,
        *,
        classifier: IntentClassifier | None = None,
        redirects: Redirects | None = None,
        policy: RefusalPolicy,
        cards: Callable[[], CardMatcher | None] | None = None,
        min_coverage: float = 0.5,
    ) -> None:
        self.toolbox = toolbox
        self.policy = policy
        self.messages = messages
        self.classifier = classifier
        self.redirects = redirects
        self.cards = cards
        self.analyzer = FrenchAnalyzer()
        self.min_coverage = min_coverage

    def answer(self, turn: Turn) -> Answer:
        extraction = extract(turn.message, self.toolbox.trades())
        screening = turn.screening or self.policy.screen(turn.message)
        decision = route(turn.message, extraction, turn.state, self.classifier, self.redirects, screening=screening)
        if decision.rule == "accepted_offer" and turn.state.offered_sizing:
            turn = dataclasses.replace(turn, message=turn.state.offered_sizing)  # the offer accepted
            extraction = extract(turn.message, self.toolbox.trades())
        handler = {
            "refusal": self._refusal,
            "greeting": self._greeting,
            "sizing": self._sizing,
            "conversion": self._conversion,
            "drafting": self._drafting,
            "question": self._question,
            "redirect": self._redirect,
        }[decision.intent]
        answer = handler(turn, extraction, decision)
        if answer.state.last_intent is None:
            answer.state.last_intent = answer.intent
        answer.state.offered_sizing = turn.message if decision.offer_sizing else None
        answer.decision = decision.decision()
        return answer

    def stream(self, turn: Turn) -> Iterator[Delta | Answer]:
        """The whole answer, then cut into word chunks."""
        return chunked(self.answer(turn))

    def _redirect(self, turn: Turn, extraction: Extraction, decision: Route) -> Answer:
        """Out of scope: a short redirect to the service that can answer, nothing from the guides."""
        state = turn.state.but(last_intent="redirect", last_question=turn.message)
        if self.redirects is not None and decision.rule.startswith("redirect:"):  # a redirect signal is sure
            return Answer(self.redirects.answer(turn.message), "redirect", state=state)
        matching = self._match_cards(turn.message)
        if matching is not None and matching.confident:
            return self._question(turn, extraction, decision)  # the guides answer it after all
        unsure = (decision.probability or 0.0) < _SURE_OUT_OF_SCOPE
        if unsure and turn.state.last_intent == "question" and self._leans_on_previous(turn.message):
            return self._question(turn, extraction, decision)  # « et à combien de mois… ? » continues the topic
        if unsure and not self._unknown_words(turn.message):
            hits = self.toolbox.search(turn.message)
            if self._relevant(turn.message, hits):
                return self._question(turn, extraction, decision)
        if self.redirects is None:
            return Answer(self.messages.get("unknown"), "unknown", state=state)
        return Answer(self.redirects.answer(turn.message), "redirect", state=state)

    # --- refusals and greetings ---------------------------------------------------------

    def _refusal(self, turn: Turn, extraction: Extraction, decision: Route) -> Answer:
        state = turn.state.but(last_intent="refusal")
        if decision.guardrail is not None:
            refusal = decision.guardrail
            text = (
                f"{self.messages.get('refusal.guardrail_intro')} {refusal.reason}\n\n"
                f"**Alternative légale** : {refusal.alternative[:1].upper()}{refusal.alternative[1:]}"
            )
        else:
            text = self.messages.get(f"refusal.{decision.refusal}")
        sources: list[Source] = []
        calls: list[ToolCall] = []
        topic = self.messages.optional(f"grounding.{decision.refusal}")
        if topic:
            # The user's own words pick the guide section closest to their case.
            sources, calls = self._grounding(f"{turn.message} {topic}", limit=1, check=False)
            if sources:
                text += "\n\nPour en savoir plus : [1]."
        return Answer(text, "refusal", sources=sources, tool_calls=calls, state=state)

    def _greeting(self, turn: Turn, extraction: Extraction, decision: Route) -> Answer:
        return Answer(self.messages.get("greeting"), "greeting", state=turn.state.but(last_intent="greeting"))

    # --- sizing -------------------------------------------------------------------------

    def _sizing_params(self, turn: Turn, extraction: Extraction, follow_up: bool) -> dict[str, Any]:
        params: dict[str, Any] = dict(turn.state.sizing_params) if follow_up else {}
        if extraction.trade is not None:
            params["trade"] = extraction.trade.label
            params.pop("labour_share", None)
        updates = {
            "amount": extraction.amount,
            "labour_share": extraction.labour_share,
            "rate": extraction.rate,
            "hourly_cost": extraction.hourly_cost,
            "months": extraction.months,
            "etp_base": extraction.etp_base,
            "transferred_hours_per_month": extraction.monthly_transferred_hours,
        }
        params.update({key: value for key, value in updates.items() if value is not None})
        annual = _annual_amount(turn.message)
        if annual is not None:  # « 310 k€ HT/an » : the market's amount is this times its years
            params["annual_amount"] = annual
            params.setdefault("months", 12)
        elif extraction.amount is not None:
            params.pop("annual_amount", None)
        if params.get("annual_amount") is not None:
            params["amount"] = round(params["annual_amount"] * float(params["months"]) / 12, 2)
        folded = fold(turn.message)
        if _FRAMEWORK.search(folded):
            params["framework"] = True
            estimate, maximum = _estimate_and_maximum(turn.message)
            if maximum is not None:
                params["maximum_amount"] = maximum
                if estimate is not None:
                    params["amount"] = estimate
                elif params.get("amount") == maximum:  # only the maximum given: never sized on it
                    params.pop("amount")
        if extraction.rate is not None and _PERCENT_OF_HOURS.search(folded) and "labour_share" not in params:
            params["percent_of_hours"] = params.pop("rate")
        if params.get("trade") is None and params.get("market_type") is None and _WORKS_SITE.search(folded):
            params["market_type"] = "works"  # « un chantier à 500 000 € » : works, whatever the trade
        lots = self._lots(turn.message, extraction)
        if lots:
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
            return self._listed_lots(message)
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
        for amount in amounts:
            m = _LISTED_LABEL.search(message[previous_end : amount.span[0]])
            previous_end = amount.span[1]
            if m is None:
                return []
            label = m.group("label").strip()
            if len(label.split()) > _MAX_LISTED_LABEL_WORDS:
                return []  # a sentence, not a list item
            trade = find_trade(label, trades)
            entry: dict[str, Any] = {"label": label, "amount": amount.value}
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
            return self.messages.get("ask.amount")
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
        if not follow_up and _METHOD_QUESTION.search(folded_message) and not _COMPUTE_REQUEST.search(folded_message):
            # « c'est quoi la formule ? », « t'aurais des ratios ? » : the method is asked, not a computation
            return self._question(turn, extraction, decision)
        params = self._sizing_params(turn, extraction, follow_up)
        state = turn.state.but(last_intent="sizing", sizing_params=params)
        perimeter = _perimeter(extraction)
        if perimeter:
            state.perimeter = perimeter
        elif not follow_up:
            state.perimeter = None
        invalid = find_invalid_values(turn.message)
        if invalid:  # named back, not answered by asking for the value again
            state.pending = "sizing"
            return Answer(describe(invalid, self.messages.data["invalid_values"]), "sizing", state=state)
        note = self.messages.get("notes.framework_maximum") + "\n\n" if _proposes_maximum(turn.message) else ""
        question = self._missing(params)
        if question:
            state.pending = "sizing"
            if note and params.get("amount") is None:
                question = self.messages.get("ask.framework_estimate")
            comparison, calls = self._share_comparison(params, turn.message)
            if comparison.startswith("Aucun "):  # the comparison carries the question on the share
                question = ""
            if calls:  # « ça fait combien d'ETP ? » converts the indicative hours; a draft never takes them
                state.conversion_hours = calls[0].result.get("hours")
            # the computed result carries the sizing tool's own rate warning; a question asked back does not
            text = (note + self._rate_note(params) + comparison + question).strip()
            return Answer(text, "sizing", tool_calls=calls, state=state)
        state.pending = None
        sized, compared_note = self._lots_compared(_tool_params(params))
        if compared_note:
            note += compared_note + "\n\n"
        try:
            result = self.toolbox.size(sized)
        except InvalidInput as error:
            state.pending = "sizing"
            return Answer(f"{note}{error.message}\n\nPouvez-vous préciser ce point ?", "sizing", state=state)
        query = _CLEANING_QUERY if params.get("transferred_hours_per_month") is not None else _SIZING_QUERY
        sources, searches = self._grounding(query, limit=1, check=False)
        text = note + sizing_markdown(result, self.messages.get("sizing_footer"))
        if sources:
            text += " Méthode détaillée : [1]."
        state.last_hours = result.hours
        call = ToolCall(name="size", arguments=sized, result=result.to_dict())
        return Answer(text, "sizing", sources=sources, tool_calls=[call, *searches], state=state)

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
        if trade is not None and grid.compared(trade):
            key, named = "ask.labour_share_comparison", {"trade": trade.label}
        elif params.get("trade") is None and (
            params.get("market_type") == "works" or _WORKS_SITE.search(fold(message))
        ):
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
        text = self.messages.get(
            key,
            compared=compared.label,
            share=fmt_percent(compared.labour_share or 0),
            source=source.title if source else "",
            formula=result.formula,
            small=small,
            **named,
        )
        return text + "\n\n", [ToolCall(name="size", arguments=arguments, result=result.to_dict())]

    def _lots_compared(self, params: dict[str, Any]) -> tuple[dict[str, Any], str]:
        """Lots of works trades without a published share get the comparison share, flagged, and a note says so."""
        grid = self.toolbox.grid
        compared = grid.comparison()
        if compared is None or not params.get("lots"):
            return params, ""
        known = [trade_named(grid, str(lot["trade"])) if lot.get("trade") else None for lot in params["lots"]]
        works = any(trade is not None and trade.market_type == "works" for trade in known)
        lots, names, unsized = [], [], []
        for lot, trade in zip(params["lots"], known, strict=True):
            if lot.get("labour_share") is None and trade is not None and trade.labour_share is None:
                if not grid.compared(trade):  # no figure at all for this trade (roadworks): left out, said
                    unsized.append(str(lot["label"]))
                    continue
            unshared = grid.compared(trade) if trade else works
            if unshared and lot.get("labour_share") is None:
                lot = {**lot, "labour_share": compared.labour_share, "label": f"{lot['label']} (part à confirmer)"}
                name = trade.label if trade else str(lot["label"]).removesuffix(" (part à confirmer)")
                if name not in names:
                    names.append(name)
            lots.append(lot)
        if not lots or (not names and not unsized):
            return params, ""
        notes = []
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
        hours: float | None = extraction.hours
        if hours is None and turn.state.last_intent == "sizing":
            hours = turn.state.last_hours  # « ça fait combien d'ETP ? » right after a sizing
        if hours is None:
            hours = turn.state.conversion_hours
        state = turn.state.but(last_intent="conversion", conversion_hours=hours)
        if hours is None:
            return Answer(self.messages.get("ask.hours_for_conversion"), "conversion", state=state)
        split = hours_split(fold(turn.message))
        if not decision.follow_up and (split is None or not split.weekly_hours):
            split = None  # a share of hours needs hours computed before, or people's weekly hours
        if split is not None:
            return Answer(self._split_text(hours, split), "conversion", state=state)
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
        text = parts[0]
        if len(parts) > 1:
            others = "; ".join(
                f"{fmt_fixed(c.result['etp_total'], 2)} ETP à {fmt_number(c.arguments['etp_base'], 0)} h"
                for c in calls[1:]
            )
            text += (
                f"\n\nLes sources ne retiennent pas toutes la même base annuelle : {others}. "
                "La base de 1 607 heures (durée légale annuelle) est retenue par défaut."
            )
        sources, searches = self._grounding(_CONVERSION_QUERY, limit=1, check=False)
        if sources:
            text += " Voir [1]."
        return Answer(text, "conversion", sources=sources, tool_calls=calls + searches, state=state)

    def _split_text(self, hours: float, split: HoursSplit) -> str:
        """Computed hours shared between firms (« 60/40 ») or people (« 2 gars à mi-temps »)."""
        parts = [hours * share for share in split.shares]
        if split.people is None:
            return self.messages.get(
                "split.shares",
                parts=" et ".join(f"{fmt_number(part, 0)} h" for part in parts),
                hours=fmt_number(hours, 0),
                ratio=" / ".join(f"{fmt_number(share * 100, 0)} %" for share in split.shares),
            )
        text = (
            self.messages.get("split.people", each=fmt_number(parts[0], 0), hours=fmt_number(hours, 0), n=split.people)
            if split.people > 1
            else ""
        )
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
            monthly = _MONTHLY_FULL_TIME / 2
            text += " " + self.messages.get(
                "split.half_time", monthly=fmt_number(monthly, 0), months=fmt_fixed(parts[0] / monthly, 1)
            )
        return text

    # --- drafting -------------------------------------------------------------------------

    def _draft_params(self, turn: Turn, extraction: Extraction, kind: str, follow_up: bool) -> dict[str, Any]:
        state = turn.state
        params: dict[str, Any] = {}
        if follow_up and state.last_intent == "drafting" and state.draft_kind == kind:
            params.update(state.draft_params)
        if follow_up or state.last_intent == "sizing":
            sizing = state.sizing_params
            if state.last_hours is not None:
                params.setdefault("hours", state.last_hours)
            if sizing.get("months") is not None:
                params.setdefault("months", sizing["months"])
            if sizing.get("rate") is not None:
                params.setdefault("rate", sizing["rate"])
            if sizing.get("transferred_hours_per_month") is not None:
                params.setdefault("transferred_hours_per_month", sizing["transferred_hours_per_month"])
            if sizing.get("amount") is not None and kind == "framework-agreement":
                params.setdefault("estimated_amount", sizing["amount"])
            if sizing.get("lots"):
                params.setdefault("lots", ", ".join(lot["label"] for lot in sizing["lots"]))
            elif state.perimeter:
                params.setdefault("lots", state.perimeter)
        updates: dict[str, Any] = {
            "hours": extraction.hours,
            "penalty": extraction.penalty_per_hour,
            "weight": extraction.weight,
            "months": extraction.months,
            "rate": extraction.rate,
            "transferred_hours_per_month": extraction.monthly_transferred_hours,
        }
        perimeter = _perimeter(extraction)
        if perimeter:
            updates["lots"] = perimeter
        if extraction.amount is not None and kind in {"framework-agreement", "insertion-market"}:
            updates["estimated_amount"] = extraction.amount
        if kind == "criterion" and extraction.weight is None and extraction.rate is not None:
            # « plutôt 15 % » about a criterion is its weight, not an insertion rate.
            updates["weight"], updates["rate"] = extraction.rate, None
        accepted = self._accepted_parameters(kind)
        params.update({key: value for key, value in updates.items() if value is not None})
        return {key: value for key, value in params.items() if key in accepted}

    def _accepted_parameters(self, kind: str) -> set[str]:
        spec = self.toolbox.library.catalog.kind(kind)
        return set(spec.parameters) if spec else set()

    def _drafting(self, turn: Turn, extraction: Extraction, decision: Route) -> Answer:
        kind: str | None = extraction.clause_kind
        previous = turn.state.draft_kind
        last = turn.state.last_intent
        folded = fold(turn.message)
        if (
            decision.follow_up
            and last == "drafting"
            and kind == "penalties"
            and previous
            and "penalty" in self._accepted_parameters(previous)
        ):
            kind = previous  # « mets une pénalité de 40 € » sets a parameter of the clause just drafted
        if kind is None and last == "sizing":
            sizing = turn.state.sizing_params
            kind = (
                "cleaning-transfer"
                if sizing.get("transferred_hours_per_month")
                else "framework-agreement"
                if sizing.get("framework")
                else "execution"
            )
        if kind is None and decision.follow_up and previous == "execution" and _FRAMEWORK_TOPIC.search(folded):
            kind = "framework-agreement"  # « et si c'est un accord-cadre à bons de commande ? »
        if kind is None and decision.follow_up:
            kind = _switched_reservation(turn.message, previous) or previous or "execution"
        if kind is None and previous and _REVISION.search(fold(turn.message)):
            kind = previous  # « une version plus courte pour un MAPA » : the text drafted before
        if kind == "execution" and _FRAMEWORK_TOPIC.search(fold(turn.state.last_question or "")):
            kind = "framework-agreement"  # the clause of the framework agreement just discussed
        if kind == "announcement":
            kind = _reserved_topic(turn) or kind  # the notice of the reserved market just discussed
        state = turn.state.but(last_intent="drafting")
        adding = previous in FREE_TEXT_KINDS and last == "drafting" and _ADDING.search(folded) is not None
        if adding:
            kind = previous  # « rajoute qu'on gère le suivi des heures » adds to the text just drafted
        free = None if adding else find_free_text(turn.message)
        fresh = free is not None
        if free is not None and kind != "start-letter":
            free_kind: str | None = free_text_kind(turn.message, free)
            if free_kind is None and decision.follow_up and previous in FREE_TEXT_KINDS:
                free_kind, fresh = previous, False  # « plus court, c'est pour un mail » revises the text just drafted
            if free_kind is None:
                return self._free_text(turn.message, free, state)
            kind = free_kind  # a free text the catalogue has a template for (reminder, memo, deliberation…)
        if kind is None:
            suggestions = list(self.messages.data["ask"]["clause_kind_suggestions"])
            return Answer(self.messages.get("ask.clause_kind"), "drafting", state=state, suggestions=suggestions)
        params = self._draft_params(turn, extraction, kind, decision.follow_up)
        if kind in FREE_TEXT_KINDS:
            params = self._free_text_params(turn, extraction, kind, params, fresh=fresh)
        try:
            result = self.toolbox.draft(kind, params)
        except RequestRefused as error:
            return Answer(error.message, "refusal", state=state.but(last_intent="refusal"))
        except ClausesError as error:
            return Answer(error.message, "drafting", state=state)
        text = draft_markdown(result)
        if decision.rule == "draft_revision" and kind == previous and params == turn.state.draft_params:
            text = self.messages.get("revision_unchanged") + "\n\n" + text  # no parameter changed: said so
        if extraction.penalty_per_hour is not None and "penalty" in params:
            text = self.messages.get("penalty_set") + "\n\n" + text  # the amount is the user's: say its limit
        topic = self.messages.optional(f"grounding.draft.{kind}") or result.title
        sources, searches = self._grounding(topic, limit=2, check=False)
        if sources:
            text += "\n\nFondement juridique détaillé dans le corpus : " + ", ".join(f"[{s.n}]" for s in sources) + "."
        state.draft_kind, state.draft_params = kind, params
        call = ToolCall(name="draft", arguments={"kind": kind, "parameters": params}, result=result.to_dict())
        return Answer(text, "drafting", sources=sources, tool_calls=[call, *searches], state=state)

    def _free_text_params(
        self, turn: Turn, extraction: Extraction, kind: str, params: dict[str, Any], *, fresh: bool
    ) -> dict[str, Any]:
        """The user's own details woven into a free text: those of the request, or those a revision adds
        to the text drafted before (« rajoute qu'on a déjà fait 9 % »)."""
        params = dict(params)
        if fresh:
            params.pop("details", None)
            details = request_details(turn.message)
        else:
            added = added_details(turn.message)
            previous = params.get("details")
            details = f"{previous} ; {added}" if previous and added else added or previous
        if details:
            params["details"] = details
        if kind == "deliberation" and extraction.amount is not None:
            params["policy_threshold"] = extraction.amount
        return params

    def _free_text(self, message: str, free: str, state: ConversationState) -> Answer:
        """A writing request that is not a clause (an e-mail, a note to elected officials): no template is
        filled; the answer says what can be drafted and offers the closest kinds as suggestions."""
        texts = self.messages.data["free_text"]
        folded = fold(message)
        offer = next(
            (rule["offer"] for rule in texts["suggestions"] if any(word in folded for word in rule["when"])),
            texts["default_offer"],
        )
        closest = self.messages.get("free_text.closest")
        if free == "cover-letter":
            closest = self.messages.get("free_text.cover_letter")
        text = self.messages.get("free_text.answer", name=texts["names"][free], closest=closest)
        state.draft_kind, state.draft_params = None, {}
        return Answer(text, "drafting", state=state, suggestions=list(offer))

    # --- questions ---------------------------------------------------------------------------

    def _completed_query(self, turn: Turn, decision: Route) -> tuple[str, str | None]:
        """The search query and the follow-up's own words (``focus``), or None when standalone."""
        previous = turn.state.last_question
        if previous and (decision.follow_up or self._leans_on_previous(turn.message)):
            # The follow-up's own words are repeated so they weigh more than the previous question's.
            words = f"{previous} {turn.message} {turn.message}".split()
            return " ".join(words[-_MAX_QUERY_WORDS:]), turn.message
        return turn.message, None

    def _leans_on_previous(self, message: str) -> bool:
        folded = fold(message)
        if re.match(r"^\s*(et|ou|mais|alors|donc|aussi|et si)\b", folded) and len(folded.split()) <= 20:
            return True
        if len(folded.split()) > 7:
            return False
        return bool(
            re.search(r"\b(ca|cela|celui-ci|celle-ci|ce cas|l'article|quel article|la source|les sources)\b", folded)
        )

    def _unknown_words(self, query: str) -> list[str]:
        """Words of the question the corpus never uses (« SMIC », « tram »): alone they do not make the
        assistant abstain, but a message the classifier already finds out of scope stays redirected."""
        lexical = self.toolbox.retriever.index.lexical
        return [
            t for t in distinctive_tokens(query, self.analyzer) if len(t) >= 4 and t.isalpha() and not lexical.knows(t)
        ]

    def _relevant(self, query: str, hits: list[Hit]) -> bool:
        """Whether the passages answer: most of the question's key words are found in the passages the
        lexical search ranks first. Lexical only, so every embedder (int8 or float) decides the same."""
        return bool(hits) and self._weighted_coverage(query) >= self.min_coverage

    def _weighted_coverage(self, query: str) -> float:
        retriever = self.toolbox.retriever
        lexical = retriever.index.lexical
        abbreviations = retriever.expander.abbreviations()

        def weight(token: str) -> float:
            # An abbreviation the guides spell out (« AAP ») is searched through its expansion;
            # a word the corpus never uses (a typo, « gagné », « boîte ») says nothing either way.
            if token in abbreviations and not lexical.in_vocabulary(token):
                return 0.0
            return lexical.idf(token) if lexical.knows(token) else 0.0

        hits = retriever.search(query, k=_COVERAGE_PASSAGES, method="lexical")
        return coverage(query, hits, self.analyzer, top=_COVERAGE_PASSAGES, weight=weight) if hits else 0.0

    def _near_enough(self, query: str, hits: list[Hit], decision: Route) -> bool:
        """An in-scope question whose passages cover part of its key words: worth the nearest passages."""
        if decision.out_of_scope is None:
            return False
        return bool(hits) and worth_nearest_passages(decision.out_of_scope, self._weighted_coverage(query))

    def _match_cards(self, message: str) -> Matching | None:
        matcher = self.cards() if self.cards is not None else None
        return matcher.match(message) if matcher is not None else None

    def _card_answer(
        self,
        turn: Turn,
        matching: Matching,
        decision: Route,
        state: ConversationState,
        query: str,
        focus: str | None,
    ) -> Answer:
        """A confident card: its direct answer, then at most two supporting passages with their citations."""
        card = matching.ranked[0].card
        hits = self.toolbox.search(query)
        text = card.answer.strip()
        other = self._other_part(focus or query, card)
        if other is not None:  # « X ? et Y ? »: the second part gets its own card
            text += f"\n\n*{other.card.question}*\n\n{other.card.answer.strip()}"
        sources: list[Source] = []
        if hits:
            chosen = choose(query, hits, self.analyzer, focus=focus)
            linked = {(link.file, link.heading) for link in card.see}
            paragraphs = []
            for rank, sentences in backing(chosen, hits, focus or query, text, self.analyzer, linked=linked):
                source = source_from_hit(len(sources) + 1, hits[rank])
                sources.append(source)
                paragraphs.append(_join(sentences) + f" [{source.n}]")
            if paragraphs:
                text += "\n\n" + "\n\n".join(paragraphs)
        if decision.offer_sizing:
            text += "\n\n" + self.messages.get("offer_sizing")
        if card.theme == _OUT_OF_SCOPE_THEME:  # a card that says where to ask instead: no guide passage
            return Answer(card.answer.strip(), "redirect", state=state.but(last_intent="redirect"))
        return Answer(text, "question", sources=sources, tool_calls=[_search_call(query, hits)], state=state)

    def _other_part(self, message: str, answered: Card) -> CardMatch | None:
        """In a two-part question, the confident card of a part about another concept than the first card's."""
        parts = [part for part in asked_questions(message) if part.endswith("?")]
        matcher = self.cards() if self.cards is not None else None
        if len(parts) < 2 or matcher is None:
            return None
        for part in parts[-2:]:
            matching = matcher.match(part)
            if not matching.confident:
                continue
            card = matching.ranked[0].card
            if (
                card.id != answered.id
                and card.theme != _OUT_OF_SCOPE_THEME
                and matcher.answers_another_concept(part, answered, card)
            ):
                return matching.ranked[0]
        return None

    def _question(self, turn: Turn, extraction: Extraction, decision: Route) -> Answer:
        """An answer from the cards or the guides; « is it mandatory for my X € market? » opens with the
        verdict of the threshold check, whatever answers next."""
        answer = self._answer_question(turn, extraction, decision)
        opening = mandatory_opening(turn.message, extraction, self.toolbox.grid)
        if opening is None:
            return answer
        if answer.intent != "question":  # the verdict answers even where the guides were unsure
            return replace(answer, text=opening, intent="question", suggestions=[])
        return replace(answer, text=f"{opening}\n\n{answer.text}")

    def _answer_question(self, turn: Turn, extraction: Extraction, decision: Route) -> Answer:
        query, focus = self._completed_query(turn, decision)
        state = turn.state.but(last_intent="question", last_question=query)
        matching = self._match_cards(focus or query)
        if matching is not None and matching.confident:
            return self._card_answer(turn, matching, decision, state, query, focus)
        hits = self.toolbox.search(query)
        call = _search_call(query, hits)
        nearest = False  # answered from the nearest passages, said as such, with the closest cards offered
        suggestions: list[str] = []
        if not self._relevant(focus or query, hits) and not (focus and self._relevant(query, hits)):
            suggestions = matching.suggestions() if matching is not None else []
            # a follow-up to a redirect (« et si elle a une petite retraite ? ») keeps its service
            about = query if turn.state.last_intent == "redirect" else turn.message
            hint = self.redirects.hint(about) if self.redirects is not None else None
            # a fact held by a named service is not guessed from the nearest passages
            nearest = hint is None and self._near_enough(focus or query, hits, decision)
            if not nearest and suggestions:
                text = (
                    self.messages.get("clarify")
                    + "\n"
                    + "\n".join(f"{n}. {q}" for n, q in enumerate(suggestions, start=1))
                )
                if hint:  # the service that holds the fact, should none of the suggestions fit
                    text += "\n\n" + hint
                return Answer(text, "clarify", tool_calls=[call], state=state, suggestions=suggestions)
            if not nearest:
                unknown = self.redirects.abstention(about) if self.redirects is not None else None
                return Answer(unknown or self.messages.get("unknown"), "unknown", tool_calls=[call], state=state)
        chosen = choose(query, hits, self.analyzer, focus=focus)
        sources: list[Source] = []
        paragraphs: list[str] = []
        for rank, sentences in chosen.paragraphs:
            source = source_from_hit(len(sources) + 1, hits[rank])
            sources.append(source)
            paragraphs.append(_join(sentences) + f" [{source.n}]")
        text = "\n\n".join(paragraphs)
        if nearest and not _DIRECT_OPENING.match(text):  # a passage opening « Non. » answers as it is
            text = self.messages.get("nearest_passages") + "\n\n" + text
        if decision.offer_sizing:
            text += "\n\n" + self.messages.get("offer_sizing")
        return Answer(text, "question", sources=sources, tool_calls=[call], state=state, suggestions=suggestions)

    def _grounding(self, query: str, limit: int, check: bool = True) -> tuple[list[Source], list[ToolCall]]:
        """Passages backing a tool answer or a refusal, numbered from 1, and the search that found them."""
        try:
            hits = self.toolbox.search(query, k=limit)
        except ClausesError:
            return [], []
        call = _search_call(query, hits)
        if check and not self._relevant(query, hits):
            return [], [call]
        return [source_from_hit(n, hit) for n, hit in enumerate(hits[:limit], start=1)], [call]


def worth_nearest_passages(out_of_scope: float, covered: float) -> bool:
    """Whether a question no card nor passage answers surely still gets the nearest passages: the
    classifier finds it clearly about clauses and those passages carry part of its key words."""
    return out_of_scope < _IN_SCOPE and covered >= _NEAREST_COVERAGE


def _search_call(query: str, hits: list[Hit]) -> ToolCall:
    return ToolCall(
        name="search",
        arguments={"query": query},
        result={
            "hits": [
                {"source": h.chunk.source, "section": h.chunk.section, "page": h.chunk.page, "score": round(h.score, 4)}
                for h in hits
            ]
        },
    )


_MINIMUM_WORD = re.compile(r"\b(min(?:im\w*)?|mini)\b")
_MAXIMUM_WORD = re.compile(r"\b(max(?:im\w*)?|plafond)\b")


def _proposes_maximum(message: str) -> bool:
    """A framework agreement whose maximum is proposed as the sizing basis (« sur le maximum »,
    or the maximum as its only amount)."""
    folded = fold(message)
    if not _FRAMEWORK.search(folded) or not _MAXIMUM_WORD.search(folded):
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


def _switched_reservation(message: str, previous: str | None) -> str | None:
    """After a reserved-market draft, « et pour les ESAT ? » asks for the other reservation."""
    if not previous or not previous.startswith("reserved-"):
        return None
    return named_reservation(fold(message))


_PER_YEAR_AFTER = re.compile(r"^\s*(?:ht\s*)?(?:/\s*an\b|par\s+an\b|annuels?\b|l'an\b|chaque\s+annee\b|par\s+annee\b)")


def _annual_amount(message: str) -> float | None:
    """An amount given per year (« 310 k€ HT/an », « 180 000 € par an »), or None."""
    for amount in parse_amounts(message):
        if _PER_YEAR_AFTER.match(fold(message[amount.span[1] : amount.span[1] + 25])):
            return amount.value
    return None


def _tool_params(params: dict[str, Any]) -> dict[str, Any]:
    """The sizing tool's parameters: what the conversation keeps only for itself is left out."""
    return {key: value for key, value in params.items() if key != "annual_amount"}


def _reserved_topic(turn: Turn) -> str | None:
    """The reserved-market kind the conversation is about (« la mention à mettre dans l'avis » after
    questions on a market reserved to SIAE), when the message itself names no beneficiary."""
    folded = fold(turn.message)
    if named_reservation(folded):
        return named_reservation(folded) if re.search(r"\breserv", folded) else None
    previous = turn.state.draft_kind
    if previous and previous.startswith("reserved-"):
        return previous
    asked = fold(turn.state.last_question or "")
    if re.search(r"\breserv", asked):
        return named_reservation(asked)
    return None


def _perimeter(extraction: Extraction) -> str | None:
    """The lots a sizing is about, as the drafting tool writes them (« Lot 2 - peinture »)."""
    if extraction.lots:
        return ", ".join(f"Lot {lot.number}" + (f" - {lot.label}" if lot.label else "") for lot in extraction.lots)
    if extraction.trade is not None and extraction.trade.via_lot:
        return f"Lot {extraction.trade.text}"
    return None


def _join(units: list[str]) -> str:
    """Reading units back into prose; lists and tables keep their own lines."""
    out = ""
    for unit in units:
        if "\n" in unit or unit.startswith(("|", "- ", "* ")):
            out += ("\n\n" if out else "") + unit + "\n\n"
        else:
            out += (" " if out and not out.endswith("\n") else "") + unit
    return out.strip()
