"""The embedded backend: routes each message to the handler that answers it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

from assistant.backends.base import Answer, Delta, Turn, chunked
from assistant.backends.embedded.drafting import DraftingAnswers
from assistant.backends.embedded.guides import leans_on_previous
from assistant.backends.embedded.sizing import GROUNDING_QUERIES, SizingAnswers
from assistant.fr import Extraction, extract, fold
from assistant.fr.figures import monthly_hours
from assistant.guardrails import Refusal
from assistant.intents import IntentClassifier
from assistant.lexical import FrenchAnalyzer
from assistant.matching import CardMatcher
from assistant.presenting import Messages
from assistant.redirects import Redirects
from assistant.responses import Source, ToolCall
from assistant.routing import LEARNED_RULE, LEGAL_QUESTION, MODEL_ASKED, OWN_FIGURES, RefusalPolicy, Route, route
from assistant.sessions import last_user_message
from assistant.state import ConversationState
from assistant.tools import Toolbox
from assistant.yes_no import as_true_or_false

# Above this out-of-scope probability the redirect stands even when passages share words.
_SURE_OUT_OF_SCOPE = 0.8


class EmbeddedBackend(SizingAnswers, DraftingAnswers):
    """Routes a turn (:func:`assistant.routing.route`) to the handler of its intent; each handler's
    module holds one kind of answer, all sharing the guides' grounding and citations."""

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

    def constant_queries(self) -> list[str]:
        """The fixed searches that ground the tools' answers (sizing methods, each drafted kind's legal basis):
        the same texts on every turn of their kind, embedded once per process (``Embedder.embed_constant``)."""
        return list(dict.fromkeys([*GROUNDING_QUERIES, *self.draft_topics()]))

    def answer(self, turn: Turn) -> Answer:
        extraction = extract(turn.message, self.toolbox.trades())
        screening = turn.screening or self.policy.screen(turn.message, last_user_message(turn.history))
        decision = route(turn.message, extraction, turn.state, self.classifier, self.redirects, screening=screening)
        unlawful = None
        if decision.rule.startswith(LEARNED_RULE) and self._card_says_no(turn.message):
            # the learned check read it unlawful and a card answers it « Non »: the card's answer, which fits the
            # case, rather than the family's general refusal (the decision still names the model)
            decision = dataclasses.replace(decision, intent="question", rule=f"{decision.rule}:card")
        if decision.intent == "drafting" and not decision.follow_up:
            # « mets dans le CCAP que… » what a card on unlawful practices answers « Non »: that card, not a draft
            unlawful = self._unlawful_reading(turn.message)
        if unlawful is not None:
            decision = dataclasses.replace(decision, intent="question", rule="unlawful_card")
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
        if decision.rule.startswith(LEGAL_QUESTION):
            handler = self._legal_answer  # « c'est légal ? »: the rule's verdict, as an answer
        answer = self._unlawful_answer(turn, unlawful, decision) if unlawful else handler(turn, extraction, decision)
        if answer.intent == "question":
            answer.text = as_true_or_false(turn.message, answer.text)
        if decision.rule == MODEL_ASKED and answer.intent == "question":
            answer.text += "\n\n" + self.messages.get("offer_drafting")  # what it contains, then the offer
        if answer.state.last_intent is None:
            answer.state.last_intent = answer.intent
        answer.state.offered_sizing = turn.message if decision.offer_sizing else None
        said = monthly_hours(fold(turn.message))
        if said is not None and not decision.rule.startswith(OWN_FIGURES):
            # « CDI à temps partiel (104 h par mois) », said in a question: « ça fait combien sur un an ? » reuses it
            answer.state.figures = {**answer.state.figures, "monthly_hours": said}
        answer.decision = decision.decision()
        return answer

    def _card_says_no(self, message: str) -> bool:
        """A card answers the message confidently, and its answer opens with « Non »."""
        matching = self._match_cards(message)
        return (
            matching is not None
            and matching.confident
            and matching.ranked[0].card.answer.lstrip("* ").startswith("Non")
        )

    def stream(self, turn: Turn) -> Iterator[Delta | Answer]:
        """The whole answer, then cut into word chunks."""
        return chunked(self.answer(turn))

    def _redirect(self, turn: Turn, extraction: Extraction, decision: Route) -> Answer:
        """Out of scope: a short redirect to the service that can answer, nothing from the guides."""
        state = turn.state.but(last_intent="redirect", last_question=turn.message)
        if self.redirects is not None and decision.rule.startswith("redirect:"):  # a redirect signal is sure
            return self._signalled_redirect(turn, state)
        matching = self._match_cards(turn.message)
        if matching is not None and matching.confident:
            return self._question(turn, extraction, decision)  # the guides answer it after all
        unsure = (decision.probability or 0.0) < _SURE_OUT_OF_SCOPE
        if unsure and turn.state.last_intent == "question" and leans_on_previous(turn.message):
            return self._question(turn, extraction, decision)  # « et à combien de mois… ? » continues the topic
        if unsure and not self._unknown_words(turn.message):
            hits = self.toolbox.search(turn.message)
            if self._relevant(turn.message, hits):
                return self._question(turn, extraction, decision)
        if self.redirects is None:
            return Answer(self.messages.get("unknown"), "unknown", state=state)
        return Answer(self.redirects.answer(turn.message), "redirect", state=state)

    def _signalled_redirect(self, turn: Turn, state: ConversationState) -> Answer:
        """The service that holds the fact; a fact inside the field (a contact, a date, a file's state) also
        offers the closest answer cards, should the rule be what the user wants."""
        if self.redirects is None:
            return Answer(self.messages.get("unknown"), "unknown", state=state)
        previous = turn.state.last_question if turn.state.last_intent == "redirect" else None
        about = self.redirects.about(turn.message, previous)  # a follow-up varying a redirected question keeps it
        state = state.but(last_question=about)
        text = self.redirects.answer(about)
        topic = self.redirects.sure(about)
        offers = topic is not None and self.redirects.offers_rules(topic, turn.message)
        suggestions = self._nearby_questions(turn.message) if offers else []
        if suggestions:
            numbered = "\n".join(f"{n}. {q}" for n, q in enumerate(suggestions, start=1))
            text += "\n\n" + self.messages.get("redirect_suggestions") + "\n" + numbered
        return Answer(text, "redirect", state=state, suggestions=suggestions)

    def _refusal(self, turn: Turn, extraction: Extraction, decision: Route) -> Answer:
        return self._verdict(turn, decision, "refusal", self._no(turn.message))

    def _no(self, message: str) -> str:
        """The « Non » of a refusal, or a verdict that cannot read as « no problem » after « ça pose problème ? »."""
        questions = self.policy.questions
        if questions is not None and questions.asks_if_wrong(message):
            return self.messages.get("refusal.wrong_asked_intro")
        return self.messages.get("refusal.guardrail_intro")

    def _legal_answer(self, turn: Turn, extraction: Extraction, decision: Route) -> Answer:
        """A question about a practice a rule recognised (« cette condition est-elle compatible… ? », « quels moyens
        soulever contre… ? »): the rule's verdict and reason, then the lawful way, answered as a question."""
        reading = decision.rule.removeprefix(LEGAL_QUESTION)
        intro = self.messages.optional(f"legal_question.{reading}") if reading != "verdict" else None
        return self._verdict(turn, decision, "question", intro or self._no(turn.message))

    def _verdict(self, turn: Turn, decision: Route, intent: str, intro: str) -> Answer:
        """The « Non » of a rule: its reason after ``intro``, its lawful way, and the guide passage closest to the case.

        Measured and not kept (2026-12-03, blind batches 01-18): after the « Non », the other questions of the message
        that no rule refuses, each answered by the card that surely answers it. It touched 50 refusals for one more
        correct turn, and most of those « other questions » were the refused request asked again (« c'est légal ? »,
        « écris-moi la clause ») answered by a neighbouring card, some opening « Oui » right after the « Non »."""
        asked = {"last_question": turn.message} if intent == "question" else {}  # what a follow-up may continue
        state = turn.state.but(last_intent=intent, **asked)
        if decision.guardrail is not None:
            text = self._refusal_text(intro, decision.guardrail)
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
        return Answer(text, intent, sources=sources, tool_calls=calls, state=state)

    def _refusal_text(self, intro: str, refusal: Refusal) -> str:
        """The four parts of a refusal: the « Non » of ``intro`` and the reason with its source, the lawful way, and
        who can help take it."""
        basis = " " + self.messages.get("refusal.basis", basis=refusal.basis) if refusal.basis else ""
        alternative = refusal.alternative[:1].upper() + refusal.alternative[1:]
        text = f"{intro} {refusal.reason}{basis}\n\n" + self.messages.get(
            "refusal.alternative", alternative=alternative
        )
        if refusal.helpers:
            text += "\n\n" + self.messages.get("refusal.helpers", helpers=" ; ".join(refusal.helpers))
        return text

    def _greeting(self, turn: Turn, extraction: Extraction, decision: Route) -> Answer:
        return Answer(self.messages.get("greeting"), "greeting", state=turn.state.but(last_intent="greeting"))
