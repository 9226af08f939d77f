"""Answers from the guides: answer cards first, then the passages that answer, with citations.

The base of the embedded backend's handlers: the sizing and drafting answers ground their
notes in the guides through :meth:`GuideAnswers._grounding` and hand a question they
should not compute back to :meth:`GuideAnswers._question`.

Measured and not kept (2026-12-01, blind batches 01-09, to make the passages backing a confident card the same
with the int8 and float embedders): the lexical search's passages instead of the hybrid ones (correct −15),
the hybrid passages reordered by BM25 among near ties within 0.05 (correct −12). The passages backing a card
still depend on the embedder: most of the 16 turns that change class between the two embedders.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any, Protocol

from assistant.audience import Asker, asker, for_asker
from assistant.backends.base import Answer, Turn
from assistant.backends.embedded.nearest import answers_plainly, nearest_card, nearest_cards, nearest_reading
from assistant.cards import REDIRECT_THEME, Card, Reading
from assistant.citations import source_from_hit
from assistant.eligibility import Assessment, assess_message, other_questions
from assistant.errors import ClausesError
from assistant.extractive import (
    Answering,
    Question,
    answering,
    backing,
    choose,
    coverage,
    distinctive_tokens,
    lead_verdict,
    read_question,
    unsaid,
    verdict_of,
)
from assistant.fr import Extraction, extract, fmt_fixed, fmt_number, fold
from assistant.fr.clause_kinds import find_free_text, reserved_market_named
from assistant.fr.staff_share import staff_share
from assistant.fr.unit_price import UnitPrice, unit_price
from assistant.intents import IntentClassifier
from assistant.lexical import FrenchAnalyzer
from assistant.matching import (
    CONFIDENT,
    LIGHT_WORDS,
    MARGIN,
    SUGGEST,
    CardMatch,
    CardMatcher,
    Matching,
    asked_type,
    key_words,
)
from assistant.obligation import asks_mandatory, mandatory_opening, spaser_verdict
from assistant.part_cards import PartCard, answered, compose, not_answered, part_cards
from assistant.parts import question_sentences, split_asked
from assistant.presenting import Messages
from assistant.readings import asked_yes_no, opens_with_verdict, reading_for, verdict_texts, with_verdict
from assistant.redirects import Redirects, asked_words
from assistant.responses import Source, ToolCall
from assistant.retrieval import Hit
from assistant.routing import RefusalPolicy, Route, asks_a_category_reservation, requested_content
from assistant.shortfall import find_shortfall, penalty_rate, shortfall_keys, shortfall_values
from assistant.state import ConversationState
from assistant.tools import Toolbox
from assistant.verdict_guard import guard_verdict, without_bare_verdict, without_verdict

_MAX_QUERY_WORDS = 40
# A question the classifier finds clearly about clauses (out-of-scope probability below this) whose
# best passages carry at least this share of its key words is answered from them, said as such,
# rather than abstained on. Both signals are lexical: the same verdict with every embedder.
_IN_SCOPE = 0.2
_NEAREST_COVERAGE = 0.2
_COVERAGE_PASSAGES = 3  # coverage is measured on this many passages of the lexical search
_DIRECT_OPENING = re.compile(r"^\W*(oui|non)\b", re.IGNORECASE)
# A yes/no part's own card answers it first only when it is also among the message's best cards after the first.
_RUNNERS_UP = 2
# After a redirect, at most this many close cards are offered, each sharing this much of the message's
# words (lexical side of the match, the same with every embedder): the redirect already answers, so
# a card close only in meaning (« qui a gagné le lot » → how offers of a reserved lot are scored) is noise.
_NEARBY_CARDS = 3
_NEARBY_LEXICAL = 0.4
# After « je ne trouve pas » on a question about clauses, cards this close (below SUGGEST, which would have
# asked back) are still offered when they share _NEARBY_LEXICAL of its words: a presentation choice, not a
# decision. On blind batches 01-05, 1 of the 10 in-field abstentions without suggestions gets some, all on topic.
NEARBY_AFTER_UNKNOWN = 0.33
# A passage given after the nearest card whose words are mostly (this share) the card's says nothing more;
# a short one (fewer distinct words than _REPEATS_FROM) is kept: its few words say little about that, and
# its one sentence (« les heures faites sur un autre chantier ne comptent pas ») may be the answer.
_REPEATS = 0.8
_REPEATS_FROM = 15
# Verbs that say how one asks, not what about: the modal ones the matcher leaves out and the light infinitives
# (« doit avoir », « mettre à dispo », « aller plus vite »), rare in the guides' nominal style, so of a high IDF.
_HOW_ASKED = LIGHT_WORDS | frozenset(FrenchAnalyzer().tokens("avoir aller mettre"))
_UNLAWFUL_THEME = "interdits"  # corpus/cards/interdits.yaml: practices the law forbids, answered « Non »


_INSERTION_CLAUSE_TOPIC = re.compile(r"\b(?:clauses?|heures?) d'insertion\b")
# An acknowledgement before the follow-up (« ok et dans l'AE ? », « d'accord, mais… ») leaves it as elliptic.
_ACKNOWLEDGEMENT = r"(?:(?:ok|okay|d'accord|merci|bon|super|parfait|tres bien|entendu)\W+)?"
_LEANING_OPENING = re.compile(rf"^\s*{_ACKNOWLEDGEMENT}(?:et|ou|mais|alors|donc|aussi|et si)\b")


# What each card's own question finds in the guides, per index (an ingestion swaps the index, and with it this
# cache): the nearest card's citation costs one search per card, not one per answer.
_CARD_HITS: weakref.WeakKeyDictionary[Any, dict[str, list[Hit]]] = weakref.WeakKeyDictionary()


class GuideAnswers:
    """Questions answered from the answer cards and the guides' passages."""

    toolbox: Toolbox
    messages: Messages
    classifier: IntentClassifier | None
    redirects: Redirects | None
    policy: RefusalPolicy
    cards: Callable[[], CardMatcher | None] | None
    analyzer: FrenchAnalyzer
    min_coverage: float

    def _completed_query(self, turn: Turn, decision: Route) -> tuple[str, str | None]:
        """The search query and the follow-up's own words (``focus``), or None when standalone."""
        previous = turn.state.last_question
        if previous and (decision.follow_up or leans_on_previous(turn.message)):
            # The follow-up's own words are repeated so they weigh more than the previous question's.
            words = f"{previous} {turn.message} {turn.message}".split()
            return " ".join(words[-_MAX_QUERY_WORDS:]), turn.message
        return turn.message, None

    def _unknown_words(self, query: str) -> list[str]:
        """Words of the question the corpus never uses (« SMIC », « tram »): alone they do not make the
        assistant abstain, but a message the classifier already finds out of scope stays redirected."""
        lexical = self.toolbox.retriever.index.lexical
        return [
            t for t in distinctive_tokens(query, self.analyzer) if len(t) >= 4 and t.isalpha() and not lexical.knows(t)
        ]

    def _relevant(self, query: str, hits: list[Hit], out_of_scope: float | None = None) -> bool:
        """Whether the passages answer: most of the question's key words are found in the passages the
        lexical search ranks first. Lexical only, so every embedder (int8 or float) decides the same.
        ``out_of_scope``: the classifier's probability, when known (see :meth:`_weighted_coverage`)."""
        return bool(hits) and self._weighted_coverage(query, out_of_scope) >= self.min_coverage

    def _weighted_coverage(self, query: str, out_of_scope: float | None = None) -> float:
        """The IDF share of the question's key words the best lexical passages use. A word the guides never
        use but that is one or two letters away from one of theirs (a typo, slang, a place or a person's name:
        « gars », « rentre », « CACES », « Villard ») is never found in them: on a question the classifier finds
        clearly about clauses (``out_of_scope`` below ``_IN_SCOPE``) it says nothing either way, as a word
        nothing resembles; on a doubtful one (or unknown: ``None``) it counts against, as the rarest word.
        Measured on blind batches 01-09: needless abstentions 26 → 14, correct +1, right abstentions −2 (two
        in-scope questions on a fact the guides lack now get the nearest passages, said as such)."""
        retriever = self.toolbox.retriever
        lexical = retriever.index.lexical
        abbreviations = retriever.expander.abbreviations()
        in_scope = out_of_scope is not None and out_of_scope < _IN_SCOPE

        def weight(token: str) -> float:
            return coverage_weight(token, lexical, in_scope=in_scope, abbreviation=token in abbreviations)

        hits = retriever.search(query, k=_COVERAGE_PASSAGES, method="lexical")
        return coverage(query, hits, self.analyzer, top=_COVERAGE_PASSAGES, weight=weight) if hits else 0.0

    def _searched(self, query: str) -> tuple[list[Hit], ToolCall]:
        """The passages found for ``query`` and the search call that reports them."""
        hits = self.toolbox.search(query)
        return hits, _search_call(query, hits)

    def _nearest_query(self, query: str, hits: list[Hit], decision: Route) -> str | None:
        """The text whose passages to give as the nearest ones (:func:`nearest_query`), or None."""
        out_of_scope = decision.out_of_scope
        if out_of_scope is None or not hits:
            return None
        return nearest_query(query, out_of_scope, lambda text: self._weighted_coverage(text, out_of_scope))

    def _better_asked(self, query: str, out_of_scope: float | None) -> str | None:
        """What a long message asks (:func:`asked_words`) when the guides' passages cover it better than the
        whole message, whose situation told first dilutes it; else None."""
        if out_of_scope is None:
            return None
        return better_covered_ask(query, lambda text: self._weighted_coverage(text, out_of_scope))

    def _unlawful_reading(self, message: str) -> Matching | None:
        """The cards for a text asked for, led by a card on an unlawful practice when the text's content
        (without the request's frame, whose words name a document) reads as that practice; a reservation to a legal
        category of structures is the lawful neighbour of a reservation to one structure, and is drafted."""
        if asks_a_category_reservation(message) or find_free_text(message) == "cover-letter":
            return None  # a lawful neighbour: a category of structures, or the writer's own application
        matching = self._match_cards(requested_content(message))
        return matching.led_by(_UNLAWFUL_THEME) if matching is not None else None

    def _unlawful_answer(self, turn: Turn, matching: Matching, decision: Route) -> Answer:
        """The card that says « Non » to the practice a text was asked for, in place of the text."""
        state = turn.state.but(last_intent="question", last_question=turn.message)
        # a text asked for a forbidden practice is refused: its « Non » is never read as another verdict
        return self._card_answer(turn, matching, decision, state, turn.message, None, read=False)

    def _nearby_questions(self, message: str, floor: float = SUGGEST) -> list[str]:
        """The questions of the answer cards close to the message (« Vouliez-vous dire »), redirect cards left out."""
        matching = self._match_cards(message)
        return nearby_questions(matching, floor) if matching is not None else []

    def _matcher(self) -> CardMatcher | None:
        return self.cards() if self.cards is not None else None

    def _match_cards(self, message: str, side: Asker | None = None) -> Matching | None:
        """The cards for ``message``, for the side that asks (said in it, else ``side`` from the conversation)."""
        matcher = self._matcher()
        return for_asker(matcher.match(message), message, side) if matcher is not None else None

    def _card_answer(
        self,
        turn: Turn,
        matching: Matching,
        decision: Route,
        state: ConversationState,
        query: str,
        focus: str | None,
        plan: list[PartCard] | None = None,
        said: str = "",
        *,
        read: bool = True,
    ) -> Answer:
        """A confident card: its direct answer, then at most two supporting passages with their citations.
        A message asking several things (``plan``) gets each part's card under its own question, then one
        line for each part that neither a card nor the passages (nor ``said``, the opening) speak of.
        ``read``: a yes/no question (or part) may open with the verdict of one of its card's readings."""
        card = matching.ranked[0].card
        hits = self.toolbox.search(query)
        text = card.answer.strip()
        cards = [card]
        if plan is not None:
            cards = [found.card for found in answered(plan)]
            opening = next((entry.part for entry in plan if entry.found is not None and not entry.repeated), None)
            text = compose(
                plan,
                lambda part, card: (
                    self._opening_answer(part, card, query, turn, read)
                    if part == opening
                    else self._read_answer(part, card, turn, read)
                ),
            )
        else:
            # a yes/no asked: its verdict first; what it names may have been said in the question before
            text = self._read_answer(focus or query, card, turn, read)
            if (other := self._other_part(focus or query, card)) is not None:  # the second part gets its own card
                text += f"\n\n*{other.card.question}*\n\n{other.card.answer.strip()}"
        sources: list[Source] = []
        paragraphs: list[str] = []
        if hits:
            chosen = choose(query, hits, self.analyzer, focus=focus)
            linked = {(link.file, link.heading) for shown in cards for link in shown.see}
            repeated = []  # passages the cards quote word for word: cited after them, not said again
            for rank, sentences in backing(chosen, hits, focus or query, text, self.analyzer, linked=linked):
                source = source_from_hit(len(sources) + 1, hits[rank])
                sources.append(source)
                if fresh := unsaid(sentences, text):
                    paragraphs.append(_join(fresh) + f" [{source.n}]")
                else:
                    repeated.append(f"[{source.n}]")
            if repeated:
                text += " " + " ".join(repeated)
        if plan is not None:
            everything = " ".join([said, text, *paragraphs])
            lines = [
                self.messages.get("part_without_card", part=_quoted_part(part))
                for part in not_answered(plan, everything, self._weighted_key_words)
            ]
            paragraphs = lines + paragraphs
        if paragraphs:
            text += "\n\n" + "\n\n".join(paragraphs)
        if self.redirects is not None and any(self.redirects.leaves_open(shown.answer) for shown in cards):
            # a card saying the guides do not settle the point: who can settle the user's case, as a nearest card
            settles = self._who_answers("close", turn.message)
            text += f"\n\n{settles}" if settles else ""
        if decision.offer_sizing:
            text += "\n\n" + self.messages.get("offer_sizing")
        if card.theme == REDIRECT_THEME:  # a card that says where to ask instead: no guide passage
            return Answer(card.answer.strip(), "redirect", state=state.but(last_intent="redirect"))
        return Answer(text, "question", sources=sources, tool_calls=[_search_call(query, hits)], state=state)

    def _weighted_key_words(self, text: str) -> dict[str, float]:
        """The key words of ``text`` with their rarity in the guides (a word they never use weighs nothing)."""
        weight = self._corpus_weight()
        return {token: weight(token) for token in key_words(self._expand_abbreviations(text), self.analyzer)}

    def _other_part(self, message: str, answered: Card) -> CardMatch | None:
        """In a two-part question, the confident card of a part about another concept than the first card's."""
        parts = question_sentences(message)
        matcher = self._matcher()
        if len(parts) < 2 or matcher is None:
            return None
        for part in parts[-2:]:
            if self._obligation_opened(message, part):
                continue  # « et c'est obligatoire à partir de quel montant ? »: the threshold verdict answers it
            matching = matcher.match(part)
            if not matching.confident:
                continue
            card = matching.ranked[0].card
            if (
                card.id != answered.id
                and card.theme != REDIRECT_THEME
                and matcher.answers_another_concept(part, answered, card)
            ):
                return matching.ranked[0]
        return None

    def _obligation_opened(self, message: str, part: str) -> bool:
        """Whether ``part`` asks if the clause is mandatory and the message gets the threshold verdict as its
        opening (``_question``): that part is then answered, and no card is added for it."""
        if not asks_mandatory(part):
            return False
        return mandatory_opening(message, extract(message, self.toolbox.trades()), self.toolbox.grid) is not None

    def _part_cards(self, message: str, matching: Matching) -> list[PartCard] | None:
        """The card of each part of a message asking several things (:func:`part_cards`), or None."""
        matcher = self._matcher()
        if matcher is None:
            return None
        asked = split_asked(message, lambda text: key_words(text, self.analyzer))
        # « … et c'est obligatoire à partir de quel montant ? »: the threshold verdict that opens the answer says it
        asked = replace(asked, parts=tuple(part for part in asked.parts if not self._obligation_opened(message, part)))
        matcher.embed_ahead(list(asked.parts))  # part_cards matches every part when there are several
        return part_cards(asked, matching, matcher.match_part, lambda card: card.theme != REDIRECT_THEME)

    def _read_answer(self, asked: str, card: Card, turn: Turn, read: bool) -> str:
        """The card's answer, opened by the verdict of its reading that answers ``asked`` when it asks yes or no."""
        text = card.answer.strip()
        if not read:
            return text
        reading = self._reading(asked, card, turn.state.last_question)
        if reading is not None:
            text = with_verdict(text, reading)
        elif (said := self._lead_verdict(asked, text)) is not None:
            reading = Reading(asked, said)
            text = with_verdict(text, reading)
        # the verdict answers the reading or the card's questions: checked against what is asked
        question = asked_yes_no(asked)
        if question is None and card.type == "yes_no" and asked_type(asked) is not None:
            return without_verdict(text)  # « depuis combien de temps ? » answered by the figure, not by « Oui »
        return guard_verdict(question, text, verdict_texts(card, reading)) if question is not None else text

    def _lead_verdict(self, asked: str, answer: str) -> str | None:
        """« Oui » when a card opening without a verdict says yes in its first sentence to the yes/no question
        asked (:func:`lead_verdict`: « … permet de réserver un lot » for « peut-on réserver un lot ? »). Only
        a yes: a negation in that sentence often bears on a side point, not on what is asked."""
        if opens_with_verdict(answer):
            return None
        question = read_question(asked, self.analyzer, expand=self._expand_abbreviations)
        said = lead_verdict(question, answer, self.analyzer, self._corpus_weight())
        return "Oui" if said == "oui" else None

    def _opening_answer(self, part: str, card: Card, message: str, turn: Turn, read: bool) -> str:
        """The answer of the card that opens a message asking several things. When its own part gets no
        verdict, the verdict first answers the yes/no question the message asks before it, if one of the
        card's readings clearly does (« peut-on mettre des pénalités ? quel montant est raisonnable ? »)."""
        if read:
            part = opening_asked(part, message, lambda asked: self._reading(asked, card, turn.state.last_question))
        text = self._read_answer(part, card, turn, read)
        if not read or opens_with_verdict(text):
            return text
        return self._read_answer(message, card, turn, read)

    def _reading(self, message: str, card: Card, context: str | None) -> Reading | None:
        """The card's yes/no reading that answers the message, when it asks yes or no (:mod:`assistant.readings`);
        ``context`` holds the question a follow-up completes."""
        matcher = self._matcher()
        if matcher is None or card.theme == REDIRECT_THEME:
            return None
        return reading_for(message, card, matcher, context=context)

    def _yes_no_part_matching(self, message: str, matching: Matching) -> Matching | None:
        matcher = self._matcher()
        return yes_no_part_matching(message, matching, matcher.match, self.analyzer) if matcher is not None else None

    def _question(self, turn: Turn, extraction: Extraction, decision: Route) -> Answer:
        """An answer from the cards or the guides; « is it mandatory for my X € market? » opens with the
        verdict of the threshold check, whatever answers next."""
        assessed = assess_message(turn.message)
        if assessed is not None:  # « mon beau-frère est au RSA, ça compte ? »: that person, not the nearest card
            return self._eligibility_answer(turn, extraction, decision, assessed)
        opening = mandatory_opening(turn.message, extraction, self.toolbox.grid) or self._spaser_opening(
            turn.message, extraction
        )
        answer = self._answer_question(turn, extraction, decision, said=opening or "")
        if opening is not None and answer.intent != "question":  # the verdict answers where the guides were unsure
            answer = replace(answer, text=opening, intent="question", suggestions=[])
        elif opening is not None:
            answer = replace(answer, text=f"{opening}\n\n{answer.text}")
        return self._with_said_figures(turn.message, self._with_shortfall(turn, answer))

    def _eligibility_answer(self, turn: Turn, extraction: Extraction, decision: Route, assessed: Assessment) -> Answer:
        """The eligibility of the person the message describes (:mod:`assistant.eligibility`), citing the guide
        section of the category that decides; the message's other questions then get their answer from the
        guides, whose citations come first (the eligibility's is numbered after them)."""
        state = turn.state.but(last_intent="question", last_question=turn.message)
        rest = " ".join(other_questions(turn.message))
        other = self._answer_question(replace(turn, message=rest), extraction, decision) if rest else None
        if other is not None and other.intent != "question":
            other = None  # a rest the guides do not answer is not worth an abstention after a verdict
        sources = list(other.sources) if other is not None else []
        calls = list(other.tool_calls) if other is not None else []
        text = assessed.text
        try:
            hits = self.toolbox.search(assessed.section, k=1)
        except ClausesError:
            hits = []
        if hits:
            sources.append(source_from_hit(len(sources) + 1, hits[0]))
            text += f" [{len(sources)}]"
            calls.append(_search_call(assessed.section, hits))
        if other is not None:
            text += "\n\n" + other.text
        return Answer(text, "question", sources=sources, tool_calls=calls, state=state)

    def _with_shortfall(self, turn: Turn, answer: Answer) -> Answer:
        """An answer from the guides with the arithmetic of the hours missing that the question states
        (:mod:`assistant.shortfall`), and of their penalty at the rate per hour it gives, or an earlier turn gave
        (« le CCAP prévoit 50 € par heure non réalisée » then « il en a fait 300 sur 400 »): a penalty asked opens it
        (« ça fait combien ? »), unless the card opens with a verdict (« peut-on appliquer la pénalité ? »); hours
        alone, or a penalty the question does not ask (« sur quels fondements contester ? »), come after."""
        if answer.intent != "question":
            return answer
        known = turn.state.figures.get("per_hour")
        rate = penalty_rate(turn.message)
        found = find_shortfall(turn.message, Decimal(str(known)) if known else None)
        figures = {**answer.state.figures}
        if rate is not None:  # the rate stays known for the hours a later question gives
            figures["per_hour"] = float(rate)
        if found is not None:  # the missing hours stay known: « et à 60 € l'heure ? » next computes their penalty
            figures["missing"] = found.missing
        state = answer.state.but(figures=figures)
        if found is None:
            return replace(answer, state=state)
        values = shortfall_values(found)
        said = " ".join(self.messages.get(key, **values) for key in shortfall_keys(found))
        if found.rate is None or not found.asked or opens_with_verdict(answer.text):  # the amount asked opens it
            return replace(answer, text=answer.text + "\n\n" + said, state=state)
        return replace(answer, text=said + "\n\n" + answer.text, state=state)

    def _with_said_figures(self, message: str, answer: Answer) -> Answer:
        """An answer from the guides with the arithmetic of other figures the question gives: a workforce's share in
        insertion after the rule it is compared with; an amount from a quantity at a unit price first, unless the
        answer opens with a verdict (nothing but the user's figures)."""
        if answer.intent != "question":
            return answer
        folded = fold(message)
        text = answer.text
        priced = unit_price(folded)
        if priced is not None:
            said = " ".join(self._unit_price_lines(priced, folded))
            text = f"{text}\n\n{said}" if opens_with_verdict(text) else f"{said}\n\n{text}"
        staff = staff_share(folded)
        if staff is not None:
            key = "said_figures.staff_share_parts" if staff.others is not None else "said_figures.staff_share_of"
            share = fmt_number(staff.share * 100, 1)
            said = self.messages.get(key, part=staff.part, others=staff.others, total=staff.total, share=share)
            text += "\n\n" + said + " " + self.messages.get("said_figures.staff_share_note")
        return replace(answer, text=text)

    def _unit_price_lines(self, priced: UnitPrice, folded: str) -> list[str]:
        tax = " HT" if re.search(r"\bht\b", folded) else ""
        converted = (
            f" = {fmt_number(priced.quantity, 2)} {priced.price_unit}"
            if priced.quantity != priced.said_quantity
            else ""
        )
        amount = fmt_number(priced.amount, 2)
        lines = [
            self.messages.get(
                "said_figures.unit_price",
                quantity=fmt_number(priced.said_quantity, 2),
                unit=priced.said_unit,
                converted=converted,
                price=fmt_number(priced.price, 2) if priced.price == int(priced.price) else fmt_fixed(priced.price, 2),
                amount=amount,
                tax=tax,
                per_year=" par an" if priced.per_year else "",
            )
        ]
        if priced.years and priced.per_year:
            total = fmt_number(priced.amount * priced.years, 2)
            lines.append(
                self.messages.get(
                    "said_figures.unit_price_years", years=priced.years, amount=amount, total=total, tax=tax
                )
            )
        lines.append(self.messages.get("said_figures.unit_price_note"))
        return lines

    def _spaser_opening(self, message: str, extraction: Extraction) -> str | None:
        """« SPASER obligatoire pour nous ? 30 M€ d'achats par an » opens with the verdict for that amount."""
        found = spaser_verdict(message, extraction, self.toolbox.grid)
        if found is None:
            return None
        key = "spaser.mandatory" if found.mandatory else "spaser.optional"
        return self.messages.get(key, amount=found.amount, threshold=found.threshold)

    def _answer_question(self, turn: Turn, extraction: Extraction, decision: Route, said: str = "") -> Answer:
        query, focus = self._completed_query(turn, decision)
        state = turn.state.but(last_intent="question", last_question=query)
        # the reservation asked about stays the topic of the questions that follow and name none, until
        # a question turns to the insertion clause
        kept = None if _INSERTION_CLAUSE_TOPIC.search(fold(turn.message)) else turn.state.reserved_topic
        state.reserved_topic = reserved_market_named(turn.message) or kept
        # who asks, said now or earlier in the conversation: the cards written for that side go first
        side = state.asker = asker(turn.message) or turn.state.asker
        # « tu peux me donner la référence exacte de l'article ? » names no subject: the previous question's cards
        source_of = turn.state.last_question if focus is not None and asks_for_the_source(focus) else None
        matching = self._match_cards(source_of or focus or query, side)
        if focus and source_of is None:
            matching = elliptic_matching(matching, lambda: self._match_cards(query, side))
            if kept is not None:  # « et si c'est un accord-cadre ? » after a question on a reserved market
                matching = reserved_follow_up(
                    matching,
                    lambda: self._match_cards(f"{_RESERVED_NAMES.get(kept, 'marché réservé')} : {focus}", side),
                )
        # a message asking several things (not a follow-up, whose parts lean on the question before)
        plan = self._part_cards(query, matching) if matching is not None and focus is None else None
        if matching is not None and matching.confident:
            return self._card_answer(turn, matching, decision, state, query, focus, plan, said)
        if matching is not None and plan is not None:  # no card for the whole message, but some for its parts
            lead = answered(plan)[0]
            led = Matching((lead, *(m for m in matching.ranked if m.card.id != lead.card.id)), matching.asked)
            return self._card_answer(turn, led, decision, state, query, focus, plan, said)
        if matching is not None and (first := self._yes_no_part_matching(focus or query, matching)) is not None:
            return self._card_answer(turn, first, decision, state, query, focus)
        asked_first = focus or query  # before the nearest passages' words are added to it
        hits, call = self._searched(query)
        nearest = False  # answered from the nearest passages, said as such, with the closest cards offered
        suggestions: list[str] = []
        out_of_scope = decision.out_of_scope
        relevant = self._relevant(focus or query, hits, out_of_scope) or bool(
            focus and self._relevant(query, hits, out_of_scope)
        )
        if relevant and focus is None and (asked := self._better_asked(query, out_of_scope)) is not None:
            # what is asked is better covered than the whole message: its words weigh more, as below
            query = f"{query} {asked}"
            hits, call = self._searched(query)
        if not relevant:
            suggestions = matching.suggestions() if matching is not None else []
            # a follow-up to a redirect (« et si elle a une petite retraite ? ») keeps its service
            about = query if turn.state.last_intent == "redirect" else turn.message
            hint = self.redirects.hint(about) if self.redirects is not None else None
            # a fact held by a named service is not guessed from the nearest passages
            nearest_query = None if hint is not None else self._nearest_query(focus or query, hits, decision)
            nearest = nearest_query is not None
            if nearest_query is not None and focus is None and nearest_query != query:  # only what is asked
                # the question's own words repeated weigh more than the situation's, which still sets the context
                query = f"{query} {nearest_query}"
                hits, call = self._searched(query)
            only = (
                only_suggestion(matching, suggestions, decision.out_of_scope) if hint is None and not nearest else None
            )
            if only is not None:  # asking back with one choice: that card, named, answers at once
                text, sources, card_calls = self._named_card(only.card, 1)
                return Answer(text, "question", sources=sources, tool_calls=[*card_calls, call], state=state)
            if not nearest and suggestions:
                # the service that holds the fact, should none of the suggestions fit; else who orients on the field
                service = hint or self._who_answers("clarify", about) or self.messages.get("clarify_service")
                text = asking_back(self.messages.get("clarify"), suggestions, service)
                return Answer(text, "clarify", tool_calls=[call], state=state, suggestions=suggestions)
            if not nearest:
                unknown = self.redirects.abstention(about) if self.redirects is not None else None
                text = unknown or self._who_answers("unknown", about) or self.messages.get("unknown")
                # a question about clauses (no service named): the closest questions the guides answer
                nearby = [] if unknown else self._nearby_questions(turn.message, floor=NEARBY_AFTER_UNKNOWN)
                if nearby:
                    numbered = "\n".join(f"{n}. {q}" for n, q in enumerate(nearby, start=1))
                    text += "\n\n" + self.messages.get("unknown_suggestions") + "\n" + numbered
                return Answer(text, "unknown", tool_calls=[call], state=state, suggestions=nearby)
        question = read_question(
            focus or query,
            self.analyzer,
            context=query if focus else None,
            expand=self._expand_abbreviations,
        )
        found = answering(question, hits, self.analyzer, self._corpus_weight(), query=query, focus=focus)
        near = nearest_cards(matching)
        calls = [call]
        if near:  # the cards near the question, named, before the passages about the question itself
            cards = [m.card for m in near]
            read = self._nearest_reading(asked_first, cards, turn.state.last_question)
            plain = self._plain_question(asked_first, cards[0]) if read is None else None
            text, sources, card_calls = self._nearest_card_text(cards, found, hits, question, read, plain)
            calls = [*card_calls, call]  # the search of the question asked stays the turn's last
        else:
            text, sources, opened = self._passages_text(found, hits, question)
            # a verdict, or a passage opening « Non. », answers as it is
            if nearest and not opened and not _DIRECT_OPENING.match(text):
                text = self.messages.get("nearest_passages") + "\n\n" + text
        if near or nearest:  # no card answers the question itself: who can settle the user's case
            settles = self._who_answers("close", turn.message)
            text += f"\n\n{settles}" if settles else ""
        if decision.offer_sizing:
            text += "\n\n" + self.messages.get("offer_sizing")
        return Answer(text, "question", sources=sources, tool_calls=calls, state=state, suggestions=suggestions)

    def _who_answers(self, kind: str, message: str) -> str | None:
        """The ``kind`` of answer's sentence naming who can answer the message, by its topic, or None."""
        return self.redirects.who_answers(kind, message) if self.redirects is not None else None

    def _nearest_reading(self, asked: str, cards: list[Card], context: str | None) -> Reading | None:
        """The verdict one of the nearest cards' written yes/no readings gives to the question asked
        (:func:`nearest_reading`), or None."""
        matcher = self._matcher()
        if matcher is None:
            return None
        return nearest_reading(
            asked_yes_no(asked), cards, lambda card: reading_for(asked, card, matcher, context=context, restated=True)
        )

    def _plain_question(self, asked: str, card: Card) -> str | None:
        """The yes/no question asked when the nearest ``card`` answers it as it is (:func:`answers_plainly`), or None."""
        matcher = self._matcher()
        question = asked_yes_no(asked)
        if matcher is None or not answers_plainly(question, card, matcher.analyzer):
            return None
        return question

    def _nearest_card_text(
        self,
        cards: list[Card],
        found: Answering,
        hits: list[Hit],
        question: Question,
        read: Reading | None = None,
        plain: str | None = None,
    ) -> tuple[str, list[Source], list[ToolCall]]:
        """The nearest card (or the two nearest) named by its own question, then its answer, then the passages
        about the question asked that the cards do not already say; a verdict the passages give on the question
        asked leads, else the verdict of a card's yes/no reading of it (``read``), said to come from that card.
        ``plain`` (the yes/no question asked, which the first card answers as it is): when the passages give no
        verdict, that card's answer opens, as a confident card's does, and the other card follows as a neighbour."""
        said = tuple(card.answer for card in cards)
        opening, paragraphs, sources = self._passages_parts(found, hits, question, said=said)
        if plain is not None and not opening and not (paragraphs and _DIRECT_OPENING.match(paragraphs[0])):
            text, own, calls = self._plain_cards(cards, plain, len(sources) + 1)
            if paragraphs:
                text += "\n\n" + self.messages.get("nearest_card.more_passages") + "\n\n" + "\n\n".join(paragraphs)
            return text, sources + own, calls
        lead = ""
        if opening or (paragraphs and _DIRECT_OPENING.match(paragraphs[0])):
            # a paragraph's own « Oui : » answers its heading, not the question when no verdict was given on it
            lead = opening or _unverdicted(paragraphs.pop(0), question)
            opening = ""
        if read is not None and not _DIRECT_OPENING.match(lead):
            lead = self.messages.get("nearest_card.verdict", verdict=read.opening) + (f" {lead}" if lead else "")
        if len(cards) == 1:
            text, own, calls = self._named_card(cards[0], len(sources) + 1)
        else:
            text, own, calls = self._named_cards(cards, len(sources) + 1)
        rest = [opening, *paragraphs] if opening else paragraphs
        if rest:
            text += "\n\n" + self.messages.get("nearest_card.passages") + "\n\n" + "\n\n".join(rest)
        return (f"{lead}\n\n{text}" if lead else text), sources + own, calls

    def _named_card(self, card: Card, n: int) -> tuple[str, list[Source], list[ToolCall]]:
        """A card given as the nearest one: named by its own question, then its answer citing the guide
        passage it comes from (numbered ``n``); that source and its search."""
        own, calls = self._card_source(card, n)
        answer = card.answer.strip() + (f" [{own[0].n}]" if own else "")
        return self.messages.get("nearest_card.named", question=card.question) + "\n\n" + answer, own, calls

    def _plain_cards(self, cards: list[Card], asked: str, n: int) -> tuple[str, list[Source], list[ToolCall]]:
        """The first card's answer as the answer to the yes/no question ``asked`` (its verdict checked against it,
        as a confident card's is), citing its guide passage (numbered ``n``); then the other card, if any, named
        by its own question as a neighbouring one."""
        first = cards[0]
        own, calls = self._card_source(first, n)
        answer = guard_verdict(asked, first.answer.strip(), verdict_texts(first, None))
        text = answer + (f" [{own[0].n}]" if own else "")
        for card in cards[1:]:
            more, searched = self._card_source(card, n + len(own))
            own += more
            calls += searched
            cited = f" [{more[0].n}]" if more else ""
            named = self.messages.get("nearest_card.neighbour", question=card.question)
            text += f"\n\n{named}\n\n{card.answer.strip()}{cited}"
        return text, own, calls

    def _named_cards(self, cards: list[Card], n: int) -> tuple[str, list[Source], list[ToolCall]]:
        """Cards given together as the nearest ones: each named by its own question, then its answer citing
        its guide passage (numbered from ``n``)."""
        parts = [self.messages.get("nearest_card.named_several")]
        sources: list[Source] = []
        calls: list[ToolCall] = []
        for card in cards:
            own, searched = self._card_source(card, n + len(sources))
            sources += own
            calls += searched
            parts.append(f"*{card.question}*\n\n" + card.answer.strip() + (f" [{own[0].n}]" if own else ""))
        return "\n\n".join(parts), sources, calls

    def _card_source(self, card: Card, n: int) -> tuple[list[Source], list[ToolCall]]:
        """The guide passage a card comes from, numbered ``n``: the first passage its question finds in a
        section the card links, else the first one it finds; and that search."""
        known = _CARD_HITS.setdefault(self.toolbox.retriever.index, {})
        if card.question not in known:
            try:
                known[card.question] = self.toolbox.search(card.question)
            except ClausesError:
                return [], []
        hits = known[card.question]
        linked = [hit for hit in hits if any(_in_section(hit, link.file, link.heading) for link in card.see)]
        return [source_from_hit(n, hit) for hit in (linked or hits)[:1]], [_search_call(card.question, hits)]

    def _passages_text(self, found: Answering, hits: list[Hit], question: Question) -> tuple[str, list[Source], bool]:
        """The chosen sentences with their citations; a yes/no question whose answering sentence says
        yes or no opens with that verdict, quoting the sentence it comes from."""
        opening, paragraphs, sources = self._passages_parts(found, hits, question)
        if not opening and paragraphs:
            paragraphs[0] = _unverdicted(paragraphs[0], question)
        return "\n\n".join([opening, *paragraphs] if opening else paragraphs), sources, bool(opening)

    def _passages_parts(
        self, found: Answering, hits: list[Hit], question: Question, *, said: tuple[str, ...] = ()
    ) -> tuple[str, list[str], list[Source]]:
        """The verdict opening (or ""), the paragraphs and the sources of the chosen sentences, leaving out
        what ``said`` (the cards given with them) already says: their sentences word for word, and paragraphs
        whose words one of them mostly uses. The sentence giving the verdict on the question asked is kept: it
        opens the answer, whichever card also says it."""
        given = verdict_of(question, found, self.analyzer)
        said_verdict, lead = (given[0], given[1].text) if given else (None, None)
        kept = found.extract.paragraphs
        if said:
            everything = "\n".join(said)
            kept = [(rank, _unsaid_but(sentences, everything, lead)) for rank, sentences in kept]
            kept = [
                (rank, sentences)
                for rank, sentences in kept
                if sentences and (lead in sentences or not any(self._repeats(sentences, one) for one in said))
            ]
        sources: list[Source] = []
        cited: dict[int, str] = {}
        for rank, _ in kept:
            numbers = []
            for source_rank in [rank, *found.merged.get(rank, [])]:
                source = source_from_hit(len(sources) + 1, hits[source_rank])
                sources.append(source)
                numbers.append(f"[{source.n}]")
            cited[rank] = " ".join(numbers)
        paragraphs: list[str] = []
        opening = ""
        for rank, sentences in kept:
            if said_verdict and lead in sentences and not opening:
                own = _DIRECT_OPENING.match(lead)
                if own:  # the guide's sentence says it first: its own word, in bold, is the opening
                    opening = f"**{own.group(1)}**{lead[own.end() :]}"
                else:
                    opening = self.messages.get(
                        "nearest_verdict", verdict=self.messages.get(f"verdicts.{said_verdict}"), sentence=lead
                    )
                opening += f" {cited[rank]}"
                sentences = [s for s in sentences if s != lead]
                if not sentences:
                    continue
            paragraphs.append(_join(sentences) + f" {cited[rank]}")
        return opening, paragraphs, sources

    def _repeats(self, sentences: list[str], said: str) -> bool:
        """Whether a paragraph of some length (``_REPEATS_FROM`` words) mostly (``_REPEATS``) uses words ``said``
        already uses."""
        tokens = set(self.analyzer.tokens(" ".join(sentences)))
        if len(tokens) < _REPEATS_FROM:
            return False
        return len(tokens & set(self.analyzer.tokens(said))) >= _REPEATS * len(tokens)

    def _expand_abbreviations(self, text: str) -> str:
        """``text`` and the words behind the abbreviations it uses; a word that is also a French
        function word (« de », « ou ») is no abbreviation."""
        expander = self.toolbox.retriever.expander
        words = [word for word in re.findall(r"[\w'-]+", text) if self.analyzer.tokens(word)]
        extra = [expander.expand(word)[len(word) :].strip() for word in words]
        return " ".join([text, *(e for e in extra if e)])

    def _corpus_weight(self) -> Callable[[str], float]:
        """Rarity of a word in the guides; a word they never use weighs nothing either way."""
        lexical = self.toolbox.retriever.index.lexical
        return lambda token: lexical.idf(token) if lexical.in_vocabulary(token) else 0.0

    def _grounding(
        self, query: str, limit: int, check: bool = True, *, constant: bool = False
    ) -> tuple[list[Source], list[ToolCall]]:
        """Passages backing a tool answer or a refusal, numbered from 1, and the search that found them.
        ``constant``: ``query`` is the product's own text (a template's topic), embedded once per process."""
        try:
            hits = self.toolbox.search(query, k=limit, constant=constant)
        except ClausesError:
            return [], []
        call = _search_call(query, hits)
        if check and not self._relevant(query, hits):
            return [], [call]
        return [source_from_hit(n, hit) for n, hit in enumerate(hits[:limit], start=1)], [call]


def _unsaid_but(sentences: list[str], said: str, kept: str | None) -> list[str]:
    """The sentences ``said`` does not say word for word, and ``kept`` (a verdict's sentence) in any case."""
    fresh = set(unsaid(sentences, said))
    return [sentence for sentence in sentences if sentence in fresh or sentence == kept]


def _unverdicted(paragraph: str, question: Question) -> str:
    """A guide paragraph opening an answer to a yes/no ``question`` without a verdict of its own: its bare
    « Oui : » answers its heading's question, which :func:`verdict_of` found not to be the user's."""
    return without_bare_verdict(paragraph) if question.yes_no else paragraph


class _Vocabulary(Protocol):
    def in_vocabulary(self, token: str) -> bool: ...
    def knows(self, token: str) -> bool: ...
    def idf(self, token: str) -> float: ...


def coverage_weight(token: str, lexical: _Vocabulary, *, in_scope: bool, abbreviation: bool = False) -> float:
    """How much a key word of a question weighs in the coverage of the passages (its rarity in the guides).
    A word the guides never use (« gagné », « boîte ») weighs nothing either way, nor does an abbreviation
    they spell out (« AAP », searched through its expansion). A word one or two letters away from one of
    theirs (``knows``: a typo, slang, a name) weighs nothing on a question clearly about clauses
    (``in_scope``), and the most on a doubtful one; so does, there, a verb that says how one asks rather
    than what about (« doit avoir », « mettre à dispo »: ``_HOW_ASKED``)."""
    if in_scope and token in _HOW_ASKED:
        return 0.0
    if lexical.in_vocabulary(token):
        return lexical.idf(token)
    if abbreviation or in_scope or not lexical.knows(token):
        return 0.0
    return lexical.idf(token)


def asking_back(opening: str, suggestions: list[str], service: str) -> str:
    """A « Vouliez-vous dire » : the opening, the numbered suggestions (« 1 » picks the first), then who to ask should
    none of them fit. An asking back answers nothing; like « je ne trouve pas », it names who can answer."""
    numbered = "\n".join(f"{n}. {q}" for n, q in enumerate(suggestions, start=1))
    return f"{opening}\n{numbered}\n\n{service}"


def only_suggestion(matching: Matching | None, suggestions: list[str], out_of_scope: float | None) -> CardMatch | None:
    """The card to give, named as the nearest one, in place of asking back « Vouliez-vous dire » with a single
    choice: the question is clearly about clauses (out-of-scope probability below ``_IN_SCOPE``), the
    one suggestion is the nearest card's own question, and that card is close enough to be given
    (:func:`nearest_card`). A menu of one item only costs the user a click to read the same card."""
    if len(suggestions) != 1 or out_of_scope is None or out_of_scope >= _IN_SCOPE:
        return None
    near = nearest_card(matching)
    return near if near is not None and near.card.question == suggestions[0] else None


def nearby_questions(matching: Matching, floor: float = SUGGEST) -> list[str]:
    """The questions of the best cards that reach ``floor`` and share enough of the message's words
    (the lexical side, the same with every embedder), redirect cards left out."""
    close = [m for m in matching.ranked[:_NEARBY_CARDS] if m.score >= floor and m.lexical >= _NEARBY_LEXICAL]
    return [m.card.question for m in close if m.card.theme != REDIRECT_THEME]


def nearest_query(query: str, out_of_scope: float, covered: Callable[[str], float]) -> str | None:
    """For an in-scope question whose passages cover part of its key words (``covered``), the text whose
    passages to give as the nearest ones: the query, or only what it asks (:func:`asked_words`) when that is
    better covered — a long situation told first (« bionettoyage, horaires 6h-9h, protocoles, EPI… »)
    dilutes a question the guides answer (« peut-on faire toutes les heures sur les bâtiments
    administratifs ? »). None when the question is not worth the nearest passages."""
    best, coverage_of_best = _best_covered(query, covered)
    return best if worth_nearest_passages(out_of_scope, coverage_of_best) else None


def better_covered_ask(query: str, covered: Callable[[str], float]) -> str | None:
    """What ``query`` asks (:func:`asked_words`: its question, without the situation told first) when the
    guides' passages cover it better (``covered``) than the whole message; else None. On blind batches 01-09,
    for questions no card answers surely but the passages do: correct +1, and 1 answer of 2 facts
    (« PEC et apprenti ») now states none."""
    if asked_words(query) == query:
        return None  # nothing told before the question: no coverage to compute
    best, _ = _best_covered(query, covered)
    return best if best != query else None


def _best_covered(query: str, covered: Callable[[str], float]) -> tuple[str, float]:
    """The query, or only what it asks when the passages cover that better, with its coverage."""
    whole = covered(query)
    asked = asked_words(query)
    if asked != query and (asked_covered := covered(asked)) > whole:
        return asked, asked_covered
    return query, whole


def worth_nearest_passages(out_of_scope: float, covered: float) -> bool:
    """Whether a question no card nor passage answers surely still gets the nearest passages: the
    classifier finds it clearly about clauses and those passages carry part of its key words."""
    return out_of_scope < _IN_SCOPE and covered >= _NEAREST_COVERAGE


def _in_section(hit: Hit, file: str, heading: str) -> bool:
    """Whether a passage comes from the section ``heading`` of the guide ``file`` (a card's « see » link)."""
    return hit.chunk.source == file and (hit.chunk.section or "").split(" > ")[-1] == heading


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


def yes_no_part_matching(
    message: str, matching: Matching, match: Callable[[str], Matching], analyzer: FrenchAnalyzer
) -> Matching | None:
    """In « X ? et Y ? » that no card answers as a whole (``matching`` not confident), X's own matching when X
    asks yes or no and its confident card opens with a verdict: that card answers X first (and Y's own card
    follows, see ``_other_part``) rather than passages that state no verdict.

    X's card must also be among the whole message's best cards (``_RUNNERS_UP`` after the first), so
    that the part read alone does not drift from what the message is about."""
    parts = question_sentences(message)
    if len(parts) != 2 or not read_question(parts[0], analyzer).yes_no:  # « X ? et Y ? », exactly two
        return None
    found = match(parts[0])
    if not found.confident:
        return None
    card = found.ranked[0].card
    close = {m.card.id for m in matching.ranked[: 1 + _RUNNERS_UP]}
    if card.id not in close or card.theme == REDIRECT_THEME or not opens_with_verdict(card.answer):
        return None
    return found


def opening_asked(part: str, message: str, reading: Callable[[str], Reading | None]) -> str:
    """What the card opening a several-part answer reads its verdict for: its own part, unless the part read
    alone finds none of the card's readings and the whole message does (« il a démissionné au bout de 2
    semaines. les heures déjà faites comptent ? et je dois le remplacer ? »: the situation told says which)."""
    if reading(part) is None and reading(message) is not None:
        return message
    return part


_SOURCE_ASKED = re.compile(
    r"\b(l'article|quel article|quels articles|la reference|les references|la source|les sources)\b"
)
# What makes a question about an article its own subject (« quel article permet de réserver aux SIAE ? »).
_SUBJECT_OF_ITS_OWN = re.compile(
    r"\b(permet\w*|autoris\w*|prevoi\w*|prevu\w*|fixe\w*|impos\w*|oblig\w*|interdi\w*|regl\w*)\b"
)


def asks_for_the_source(message: str) -> bool:
    """A short message asking for the source of what was just said (« tu peux me donner la référence exacte de
    l'article ? », « c'est quel article ? »): it names no subject of its own."""
    folded = fold(message)
    return (
        len(folded.split()) <= 12
        and _SOURCE_ASKED.search(folded) is not None
        and _SUBJECT_OF_ITS_OWN.search(folded) is None
    )


def leans_on_previous(message: str) -> bool:
    """Whether a message only makes sense after the previous question: it opens like a follow-up
    (« et si… », « ok et dans l'AE ? », « mais… ») or, short, points back at it (« ça », « ce cas »)."""
    folded = fold(message)
    if _LEANING_OPENING.match(folded) and len(folded.split()) <= 20:
        return True
    if asks_for_the_source(message):
        return True
    if len(folded.split()) > 7:
        return False
    return bool(
        re.search(r"\b(ca|cela|celui-ci|celle-ci|ce cas|l'article|quel article|la source|les sources)\b", folded)
    )


def elliptic_matching(alone: Matching | None, completed: Callable[[], Matching | None]) -> Matching | None:
    """The cards of a follow-up: its own, unless it is close to no card on its own (« et dans l'AE ? »):
    then it is about the previous question's subject, and the question it completes is matched. Only a
    confident match of the completed question replaces the follow-up's own (a weak one says nothing)."""
    if alone is not None and alone.best is not None and alone.best.score >= SUGGEST:
        return alone
    found = completed()
    return found if found is not None and found.confident else alone


# How a follow-up's reservation is named when matched again (« et si c'est un accord-cadre ? » after a question on it).
_RESERVED_NAMES = {
    "reserved-siae": "marché réservé aux SIAE",
    "reserved-ea-esat": "marché réservé aux EA et ESAT",
    "reserved-both": "marché réservé aux SIAE, EA et ESAT",
    "reserved-ess": "marché réservé à l'ESS",
}


def reserved_follow_up(alone: Matching | None, reserved: Callable[[], Matching | None]) -> Matching | None:
    """The cards of a follow-up to a question on a reserved market that names no reservation itself (« et si
    c'est un accord-cadre à bons de commande ? »): the reservation stays its subject, so the follow-up is matched
    again as asked of a reserved market (``reserved``), and a card on a reserved market that clears the threshold
    and leads every other card by the margin replaces a general card (the accord-cadre's clause). The previous
    question itself is too long to say it: cut to its last words, it may have lost the reservation."""
    if alone is not None and alone.best is not None and reserved_market_named(alone.best.card.question):
        return alone
    found = reserved()
    if found is None or found.best is None or not reserved_market_named(found.best.card.question):
        return alone
    best = found.best
    if best.score < CONFIDENT or any(best.score - other.score < MARGIN for other in found.ranked[1:]):
        return alone
    return Matching((best,), found.asked)  # the general cards it leads are not this follow-up's subject


def _quoted_part(part: str, words: int = 20) -> str:
    """A part of the message as quoted back, cut to ``words`` words."""
    cut = part.split()
    return " ".join(cut[:words]) + (" …" if len(cut) > words else "")


def _join(units: list[str]) -> str:
    """Reading units back into prose; lists and tables keep their own lines."""
    out = ""
    for unit in units:
        if "\n" in unit or unit.startswith(("|", "- ", "* ")):
            out += ("\n\n" if out else "") + unit + "\n\n"
        else:
            out += (" " if out and not out.endswith("\n") else "") + unit
    return out.strip()
