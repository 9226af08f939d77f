"""Drafting answers: clause wordings and template documents filled from the message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.backends.base import Answer, Turn
from assistant.backends.embedded.guides import GuideAnswers
from assistant.backends.embedded.sizing import lots_perimeter
from assistant.cards import REDIRECT_THEME, Card
from assistant.drafting import Catalog
from assistant.errors import ClausesError, RequestRefused
from assistant.fr import (
    Extraction,
    extract,
    find_free_text,
    fmt_euros,
    fmt_number,
    fmt_percent,
    fold,
    named_reservation,
    parse_rate_series,
)
from assistant.fr.clause_kinds import (
    FREE_TEXT_KINDS,
    added_details,
    free_text_kind,
    job_title,
    request_details,
    wants_short,
)
from assistant.fr.columns import asked_columns
from assistant.fr.review import review_figures
from assistant.genres import (
    GENRE_PREFIX,
    MAX_POINTS,
    SHORT_POINTS,
    GenreSpec,
    Material,
    addressee,
    default_genres,
    find_genre,
    genre_of_kind,
    genre_topic,
    material,
    material_from_text,
    text_subject,
    topic_parts,
)
from assistant.matching import CONFIDENT, SUGGEST
from assistant.presenting import draft_markdown
from assistant.responses import Source, ToolCall
from assistant.routing import Route
from assistant.sessions import Message
from assistant.sizing.lot_table import LotRow, lot_table
from assistant.sizing.small_market import small_market
from assistant.state import ConversationState

# A question about a framework agreement, as people shorten it (« AC à BC », « multi-attributaires »).
_FRAMEWORK_TOPIC = re.compile(r"\b(?:accords?[\s-]+cadres?|bons?\s+de\s+commandes?|ac|bc|multi-?\s?attributaires?)\b")
# A request to rework the text drafted before (« une version plus courte », « reformule-la »).
_ADDING = re.compile(r"^\s*(?:tu\s+peux\s+|peux[\s-]+tu\s+)?r?ajout\w*\b")
_REVISION = re.compile(
    r"\b(?:versions?|plus\s+(?:court|courte|long|longue|simple|concis\w*)|raccourci\w*|reformul\w*"
    r"|reprends|meme\s+(?:texte|clause|article)|cette\s+(?:clause|version)|ce\s+texte)\b"
)


# A text asked about what was just said (« un mail qui explique ça », « tu peux me l'écrire en une phrase »).
_POINTS_BACK = re.compile(
    r"\b(?:ca|cela|tout ca)\b|\bl'\s*(?:ecrire|rediger|expliquer|resumer|mettre|envoyer|formuler)\b"
    r"|\b(?:ce que (?:tu|vous) (?:m'|me )?(?:as|avez) dit|ta reponse|votre reponse)\b"
)
# A request for a shape (« un tableau », « une grille », « une fiche ») rather than a named clause.
_SHAPING = re.compile(r"\b(?:tableaux?|grilles?|fiches?|listes?)\b")
# « un tableau par lot », « sous forme de tableau pour mes 9 lots » : the sizing laid out per lot.
_LOT_TABLE = re.compile(r"\btableaux?\b.{0,60}?\blots?\b|\blots?\b.{0,40}?\btableaux?\b", re.S)
_TABLE_WORD = re.compile(r"\btableaux?\b|\brecap\w*|\bcomparatifs?\b")
# « les deux hypothèses dans un tableau » after sizings at several rates: the figures computed, side by side.
_COMPUTED_OPTIONS = re.compile(
    r"\b(?:hypotheses?|scenarios?|options?|variantes?|simulations?|calculs?|resultats?|chiffres?)\b"
    r"|\bles\s+(?:deux|trois|2|3)\b|\bcompar\w*"
)
# An award criterion spoken of (« un critère social », « la performance en matière d'insertion »).
_CRITERION_TOPIC = re.compile(r"\bcriteres?\b|\bperformance en matiere d'insertion\b")
# The answers that are computations (their figures are what a table or a note after them is about).
_COMPUTED = frozenset({"sizing", "conversion"})
# The result a computed answer opens with, in bold (« **Environ 10 semaines de travail sur le marché** »).
_RESULT = re.compile(r"^\*\*(.+?)\*\*")
# A calculation shown without a bold result (a simulation at an assumed share): the calculation and its hours.
_SIMULATED = re.compile(r"([^:;.?]*?×[^;?]*?=\s*([\d\u202f\u00a0 ]+(?:,\d+)?\s*h))\b")
# A grid to score offers (« une grille de 0 à 5 », « un barème de notation »): the criterion it scores.
_SCORING_GRID = re.compile(
    r"\b(?:grilles?|baremes?|echelles?)\s+(?:\w+\s+){0,2}?(?:de\s+)?(?:notation|cotation|0\s*a\s*\d+|sur\s+\d+)\b"
    r"|\b(?:noter|notes?|notation)\s+(?:\w+\s+){0,3}?de\s+0\s+a\s+\d+\b"
)
# The top mark of the grid asked for (« de 0 à 5 », « sur 20 »).
# How many questions are asked for (« 5 questions précises à poser »).
_QUESTION_COUNT = re.compile(r"\b(\d{1,2})\s+questions\b")
_GRID_TOP = re.compile(
    r"\bde\s+0\s+a\s+(\d{1,3})\b|\b(?:note\w*|grilles?|baremes?)\s+(?:ca\s+|cela\s+|le\s+|la\s+|les\s+)?sur\s+(\d{1,3})\b"
)


# A question or a theme quoted in the request (« répondre à : « Le Département respecte-t-il… ? » »).
_QUOTED = re.compile(r"[«\"]\s*([^»\"]{10,400}?)\s*[»\"]")

# The subject a revision asks a sentence about (« tu peux rajouter une phrase sur les aides Agefiph ? »).
_ADDED_SUBJECT = re.compile(r"\b(?:sur|concernant|a\s+propos\s+(?:de|des|du))\s+(.{6,160}?)\s*[?.!]*\s*$")

# The year objectives are set for (« d'ici 2028 », « à l'horizon 2030 »).
_HORIZON = re.compile(r"\b(?:d'ici|a\s+l'horizon|pour|en)\s+(20[2-9]\d)\b")
# When something starts, in the user's words (« à partir de l'an prochain », « dès janvier 2027 »).
_START = re.compile(
    r"\b(?:[àa]\s+partir\s+(?:de\s+|du\s+|d')?|dès\s+(?:le\s+)?)([^,.;:!?]{3,30}?)(?=\s*[,.;:!?]|$)", re.I
)
# A summary of what was said (« résume-moi ça en 5 lignes »): the answer rewritten, whatever its topic.
_SUMMARY = re.compile(r"\bresum\w*|\bsynthe\w*|\ben\s+(?:quelques|\d+|deux|trois)\s+(?:lignes|phrases)\b")
# A short text drawn from an answer keeps this many of its sentences after the first (its conditions matter).
_SHORT_ANSWER_POINTS = 4
# The blanks of a drafted text (« [à compléter : date] »), listed after it in one line.
_BLANK = re.compile(r"\[à compléter : ([^\]]+)\]")
# The articles of the Code an answer cites (« article L2112-2 », « R2152-7 »).
_ARTICLE = re.compile(r"\b([LR]\d{4}-\d+(?:-\d+)?)\b")

# Catalogue kinds that are letters or notes themselves: a free-text word in the request does not replace them.
_TEXTS_OF_THEIR_OWN = frozenset({"start-letter", "derogation-note", "oversight-questions"})


@dataclass(frozen=True)
class GenreRequest:
    """What a request for a document genre asks: its frame, its topic, the points to add, whether short, and
    the subjects asked that no card says (written « à vérifier », never made up)."""

    genre: GenreSpec
    topic: str
    details: str | None = None
    short: bool = False
    unsourced: tuple[str, ...] = ()


class DraftingAnswers(GuideAnswers):
    """Texts asked for: a clause or template document drafted, revised or declined with the closest kinds."""

    def _draft_topic(self, kind: str, title: str) -> str:
        """The search for the guide sections that explain a drafted text of ``kind`` (titled ``title``)."""
        return self.messages.optional(f"grounding.draft.{kind}") or title

    def draft_topics(self) -> list[str]:
        """The search of every kind of drafted text: the product's own texts, embedded once per process."""
        return [self._draft_topic(spec.id, spec.title) for spec in self.toolbox.library.catalog.kinds]

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
        figures = state.figures
        if kind == "hours-amendment" and "prorata_new_hours" in figures:  # the prorata just computed
            params |= {
                "hours_before": round(float(figures["prorata_hours"])),
                "hours": round(float(figures["prorata_new_hours"])),
                "amount_before": float(figures["prorata_amount"]),
                "new_amount": float(figures["prorata_new_amount"]),
            }
        carried = self.toolbox.library.catalog.carried()
        for key, value in self._said_before(turn, kind).items():
            if key in carried:
                params.setdefault(key, value)  # a figure of an earlier message, not a blank to complete
        accepted = self._accepted_parameters(kind)
        params.update(message_parameters(extraction, kind))
        return {key: value for key, value in params.items() if key in accepted}

    def _said_before(self, turn: Turn, kind: str) -> dict[str, Any]:
        """The parameters the conversation gave before this message, the latest first: the text drafted last
        (« le critère à 10 % », then « la mention pour l'avis ») and the user's recent messages (« le lot 3 »
        named in a question, then « écris-moi la phrase »). A message answered by a refusal gives none."""
        said: dict[str, Any] = {}
        if turn.state.last_intent == "drafting":
            said.update(turn.state.draft_params)
        trades = self.toolbox.trades()
        lots_settled = "lots" in said
        for message in reversed(_heard_user_messages(turn)):
            extraction = extract(message, trades)
            earlier = message_parameters(extraction, kind, asked_now=False)
            if lots_settled:
                earlier.pop("lots", None)
            # a later message about a trade or a lot (« et pour la peinture ? ») makes older lots another subject
            lots_settled = lots_settled or extraction.trade is not None or bool(extraction.lots)
            for key, value in earlier.items():
                said.setdefault(key, value)
        return said

    def _accepted_parameters(self, kind: str) -> set[str]:
        spec = self.toolbox.library.catalog.kind(kind)
        return set(spec.parameters) if spec else set()

    def _drafting(self, turn: Turn, extraction: Extraction, decision: Route) -> Answer:
        kind: str | None = extraction.clause_kind
        previous = turn.state.draft_kind
        last = turn.state.last_intent
        folded = fold(turn.message)
        sizing = turn.state.sizing_params
        sized = sizing.get("amount") is not None or bool(sizing.get("lots"))
        if kind is None and sized and _LOT_TABLE.search(folded):
            return self._lot_table(turn)  # « tu peux me faire un tableau par lot ? » after a sizing
        series = parse_rate_series(turn.message)
        if kind in (None, "execution") and sized and len(series) >= 2 and _TABLE_WORD.search(folded):
            return self._lot_table(turn, series)  # « un petit tableau 5 / 7 / 10 % » after a sizing: each rate
        if kind is None and last in _COMPUTED and _TABLE_WORD.search(folded):
            # « mets-moi ça dans un tableau » right after a computation: the figures computed, laid out, rather
            # than a clause or a question about which text; the sizing's own table when it reached a result
            if sized and turn.state.last_hours is not None:
                return self._lot_table(turn)
            table = self._computed_table(turn)
            if table is not None:
                return table
        if kind is None and sized and _compares_computed_options(turn, folded):
            return self._lot_table(turn)  # « les deux hypothèses dans un tableau » after sizings at two rates
        if kind is None and _SCORING_GRID.search(folded):
            kind = "criterion"  # « une grille de 0 à 5 pour noter l'insertion »: the criterion and its grid
        if (
            decision.follow_up
            and last == "drafting"
            and kind == "penalties"
            and previous
            and "penalty" in self._accepted_parameters(previous)
        ):
            kind = previous  # « mets une pénalité de 40 € » sets a parameter of the clause just drafted
        if (
            decision.follow_up
            and last == "drafting"
            and kind == "framework-agreement"
            and previous
            and "framework_agreement" in self._accepted_parameters(previous)
        ):
            kind = (
                previous  # « et si c'est un accord-cadre ? » after a bid's memo: that memo, for a framework agreement
            )
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
        if kind == "execution" and _FRAMEWORK_TOPIC.search(fold(" ".join(_recent_questions(turn)))):
            kind = "framework-agreement"  # the clause of the framework agreement just discussed
        if kind == "announcement":
            kind = _reserved_topic(turn) or kind  # the notice of the reserved market just discussed
        if kind == "announcement" and _POINTS_BACK.search(folded) and _about_a_criterion(turn):
            kind = (
                "criterion"  # « tu peux me l'écrire pour le RC ? » after a criterion: the criterion, as the RC words it
            )
        if kind is None and not decision.follow_up and not re.search(r"\breserv", folded):
            # « rédige-moi la clause », « la phrase à mettre dans le dossier »: the kind the words generically name
            kind = generic_kind(self.toolbox.library.catalog, folded)
        state = turn.state.but(last_intent="drafting")
        short = wants_short(turn.message)
        genre_answer = self._genre_draft(turn, kind, decision, state, short)
        if genre_answer is not None:
            return genre_answer  # a note, speaking notes, a reply, a plan… about a topic the cards answer
        # « trop long, ça doit tenir en un paragraphe » asks for the short version of the text just drafted
        shortening = short and last == "drafting" and previous is not None and kind in (None, previous)
        if shortening:
            kind = previous
        adding = previous in FREE_TEXT_KINDS and last == "drafting" and _ADDING.search(folded) is not None
        if adding:
            kind = previous  # « rajoute qu'on gère le suivi des heures » adds to the text just drafted
        free = None if adding or shortening else find_free_text(turn.message)
        fresh = free is not None
        # a start letter or a derogation note is the letter or note asked for, whatever words describe it
        if free is not None and kind not in _TEXTS_OF_THEIR_OWN:
            free_kind: str | None = free_text_kind(turn.message, free)
            # « et fais-moi aussi la version courte pour un SMS » revises the text just drafted
            revises = decision.follow_up or (last == "drafting" and _REVISION.search(folded) is not None)
            if free_kind is None and revises and previous in FREE_TEXT_KINDS:
                free_kind, fresh = previous, False  # « plus court, c'est pour un mail » revises the text just drafted
            if free_kind is None and free == "prose" and last == "question" and not text_subject(turn.message):
                # « un paragraphe que je colle direct » after questions on a text a template writes (the memo…)
                free_kind = topic_kind(
                    self.toolbox.library.catalog, [turn.message, *reversed(_recent_user_messages(turn))]
                )
            if free_kind is None:
                # « un mail pour contester, poli mais ferme » names no topic: it is about the answer just given
                points_back = _POINTS_BACK.search(folded) is not None or not _own_topic(turn.message, free)
                answered = previous_answer(turn) if points_back else None
                written = self._free_genre(turn, free, state, short, answered)
                return written or self._free_text(turn.message, free, state, answered)
            kind = free_kind  # a free text the catalogue has a template for (reminder, memo, deliberation…)
        figures = review_figures(turn.message)
        if kind in (None, "activity-summary") and _reviewable(figures):
            kind = "results-review"  # « 38 000 h réalisées sur 52 000, 61 personnes… tu me fais une synthèse ? »
        if kind is None and _SHAPING.search(folded):
            kind = topic_kind(
                self.toolbox.library.catalog, [turn.message]
            )  # « un tableau des indicateurs avec leur définition »
        if kind is None and last == "question" and (answered := previous_answer(turn)) is not None:
            # « tu peux me l'écrire ? » after questions on a topic a template covers drafts it; else the answer again
            kind = topic_kind(self.toolbox.library.catalog, [turn.message, *reversed(_recent_user_messages(turn))])
            if (
                kind is None
                and not _SUMMARY.search(folded)
                and _FRAMEWORK_TOPIC.search(fold(" ".join(_recent_questions(turn))))
            ):
                kind = "framework-agreement"  # « tu peux me l'écrire ? » after questions on a framework agreement
            if kind is None and not _SHAPING.search(folded):
                # « tu peux me l'écrire ? » after an answer no template covers: that answer, written as a text
                written = self._free_genre(turn, find_free_text(turn.message) or "prose", state, short, answered)
                if written is not None:
                    return written
            if kind is None:
                return self._reshaped(answered, state)
        if kind is None:
            # a text whose topic the cards answer, though no template names it: written from them; else asked
            written = None if _SHAPING.search(folded) else self._free_genre(turn, "prose", state, short, None)
            if written is not None:
                return written
            suggestions = list(self.messages.data["ask"]["clause_kind_suggestions"])
            return Answer(self.messages.get("ask.clause_kind"), "drafting", state=state, suggestions=suggestions)
        params = self._draft_params(turn, extraction, kind, decision.follow_up or shortening)
        top = grid_top(folded) if kind == "criterion" else None
        if top is not None:
            params["scale"] = top  # the grid on the scale asked for, one line per mark
        if kind == "results-review":
            params.update(figures)
        refused: tuple[str, ...] = ()
        if kind == "hours-report":
            params, refused = self._report_columns(turn, params)
        if kind == "tender-memo" and _FRAMEWORK_TOPIC.search(fold(" ".join([turn.message, *_recent_questions(turn)]))):
            params["framework_agreement"] = "yes"  # the offer's hours follow the orders actually placed
        if kind == "oversight-questions" and (asked := _QUESTION_COUNT.search(folded)) is not None:
            params["count"] = int(asked.group(1))  # « donne-moi 5 questions à poser au maire »
        if kind == "job-posting":
            title = job_title(turn.message)
            if title:
                params["job_title"] = title  # « une fiche de poste d'agent d'entretien des espaces verts »
            # a job description asked now weaves in the details of its request, as a free text asked by name does
            fresh = fresh or not (last == "drafting" and previous == kind)
        if kind in FREE_TEXT_KINDS:
            params = self._free_text_params(turn, extraction, kind, params, fresh=fresh and not shortening)
        try:
            result = self.toolbox.draft(kind, params, short=short)
        except RequestRefused as error:
            return Answer(error.message, "refusal", state=state.but(last_intent="refusal"))
        except ClausesError as error:
            return Answer(error.message, "drafting", state=state)
        text = draft_markdown(result)
        unchanged = kind == previous and params == turn.state.draft_params and not result.short
        if decision.rule == "draft_revision" and unchanged:
            text = self.messages.get("revision_unchanged") + "\n\n" + text  # no parameter changed: said so
        if refused:
            text = self.messages.get("columns_refused", columns=", ".join(f"« {c} »" for c in refused)) + "\n\n" + text
        small = self._small_market_note(kind, params, extraction)
        if small:
            text = small + "\n\n" + text  # no volume asked on a tiny market: say first that a clause barely fits
        if extraction.penalty_per_hour is not None and "penalty" in params:
            text = self.messages.get("penalty_set") + "\n\n" + text  # the amount is the user's: say its limit
        topic = self._draft_topic(kind, result.title)
        sources, searches = self._grounding(topic, limit=2, check=False, constant=True)
        if sources:
            text += "\n\nFondement juridique détaillé dans le corpus : " + ", ".join(f"[{s.n}]" for s in sources) + "."
        state.draft_kind, state.draft_params = kind, params
        call = ToolCall(name="draft", arguments={"kind": kind, "parameters": params}, result=result.to_dict())
        return Answer(text, "drafting", sources=sources, tool_calls=[call, *searches], state=state)

    def _genre_draft(
        self, turn: Turn, kind: str | None, decision: Route, state: ConversationState, short: bool
    ) -> Answer | None:
        """A text of a genre the catalogue has no kind for (a note, speaking notes, a reply, a plan, a FAQ…),
        its content taken from the answer cards of its topic; None when the request is not one, or when a
        catalogue kind named in it fits (a clause, a letter to the holder, a deliberation…)."""
        catalog = default_genres()
        folded = fold(turn.message)
        drafted = turn.state.draft_kind if turn.state.last_intent == "drafting" else None
        previous = genre_of_kind(drafted, catalog)
        if kind is not None and kind.startswith(GENRE_PREFIX):
            kind = None  # the follow-up resolved to the genre drafted before
        genre = find_genre(turn.message, catalog)
        topic = genre_topic(turn.message, genre) if genre is not None else ""
        continuing = previous is not None and not topic  # the same topic, in the same genre or another
        asked_back = previous is not None and not turn.state.draft_params.get("topic")
        if genre is None:
            revising = decision.follow_up or short or bool(_REVISION.search(folded) or _ADDING.search(folded))
            if previous is None or not (revising or asked_back):
                return None
            if kind is not None and not (asked_back and kind in catalog.topic_kinds):
                return None  # another text asked for after the genre's
            genre = previous  # « plus court », « rajoute… » about the note just drafted
            if asked_back:
                topic = genre_topic(turn.message, genre)  # the answer to « Sur quel sujet ? »
                continuing = False
        if kind is not None and kind not in catalog.topic_kinds:
            return None  # a catalogue text named: its template fits better than a generic frame
        free = find_free_text(turn.message)
        named = free_text_kind(turn.message, free) if free is not None else None
        if named is not None and named not in catalog.topic_kinds:
            return None  # « un courrier de réponse à la mise en demeure » is the holder's letter
        points_back = not topic or _POINTS_BACK.search(folded) is not None
        computed = previous_computation(turn) if points_back and previous is None else None
        if computed is not None:
            # « reformule ça pour ma note » right after a computation: that answer, its method and hypotheses
            written = self._genre_from_answer(turn, genre, state, short, computed)
            if written is not None:
                return written
        cards, topic = self._genre_cards(turn, genre, topic, previous)
        if not cards:
            ask = catalog.ask.format(name=genre.name)
            suggestions = [s.format(Name=genre.name[:1].upper() + genre.name[1:]) for s in catalog.ask_suggestions]
            state.draft_kind, state.draft_params = GENRE_PREFIX + genre.id, {}
            return Answer(ask, "drafting", state=state, suggestions=suggestions)
        # a fresh request's words are its topic and frame, already used; a revision may add a point
        details = None
        also = [str(subject) for subject in turn.state.draft_params.get("also") or []] if continuing else []
        if continuing:
            added = added_details(turn.message)
            before = turn.state.draft_params.get("details")
            details = f"{before} ; {added}" if before and added else added or before
            subject = _ADDED_SUBJECT.search(folded) if added is None and _ADDING.search(folded) else None
            if subject is not None:
                # « rajoute une phrase sur les aides Agefiph »: that card's answer too (in the user's spelling)
                same = len(folded) == len(turn.message)
                also.append(turn.message[subject.start(1) : subject.end(1)] if same else subject.group(1))
        unsourced: list[str] = []
        for asked in also:
            matching = self._match_cards(asked)
            if matching is not None and matching.confident:
                cards += [] if matching.ranked[0].card in cards else [matching.ranked[0].card]
            else:
                unsourced.append(asked)  # no card says it: marked to check, never made up
        state.draft_params = {"also": also} if also else {}
        request = GenreRequest(genre, topic, details, short, tuple(unsourced))
        return self._render_genre(turn, request, cards, state)

    def _free_genre(
        self, turn: Turn, free: str, state: ConversationState, short: bool, answered: Message | None
    ) -> Answer | None:
        """A free text no template covers (a paragraph, an e-mail, a letter, a note) written in the genre that
        writes it: from the answer just given when the request points back at it, else from the cards of its
        topic (or of the conversation's); None when there is no such genre or nothing to write it from."""
        catalog = default_genres()
        genre = catalog.for_free_text(free)
        if genre is None:
            return None
        if answered is not None:
            return self._genre_from_answer(turn, genre, state, short, answered)
        details = request_details(turn.message)
        if details and not genre_topic(details, genre):
            details = None  # « un paragraphe que je colle direct » says how, not what to add
        cards, topic = self._genre_cards(
            turn, genre, text_subject(turn.message) or genre_topic(turn.message, genre), None
        )
        if not cards:
            return None
        return self._render_genre(turn, GenreRequest(genre, topic, details, short), cards, state)

    def _genre_from_answer(
        self, turn: Turn, genre: GenreSpec, state: ConversationState, short: bool, answered: Message
    ) -> Answer | None:
        """The genre's text written from the answer just given (a question's, or a computation's with its
        method and hypotheses); None when that answer has nothing to write from."""
        details = request_details(turn.message)
        if details and not genre_topic(details, genre):
            details = None  # « un paragraphe que je colle direct » says how, not what to add
        asked = _recent_user_messages(turn, 1)
        subject = asked[0] if asked else turn.state.last_question or ""
        # every sentence of the answer is kept (its figures and conditions are what the text is for), fewer when short
        limit = _SHORT_ANSWER_POINTS if short else len(answered.content)
        found = material_from_text(_as_subject(subject), answered.content, limit=limit)
        if not found.lead:
            return None
        sources = [Source.model_validate(source) for source in answered.sources]
        known = self.toolbox.library.known_articles
        ids = [ref for ref in dict.fromkeys(_ARTICLE.findall(answered.content)) if ref in known]
        request = GenreRequest(genre, subject, details, short)
        return self._render_material(turn, request, found, [], sources, [], ids, state)

    def _genre_cards(
        self, turn: Turn, genre: GenreSpec, topic: str, previous: GenreSpec | None
    ) -> tuple[list[Card], str]:
        """The cards a genre's text is drawn from, and the topic that found them: the request's own topic,
        else the conversation's (the text drafted before, the last question, the last messages)."""
        quoted = _QUOTED.search(turn.message)
        own = [quoted.group(1)] if quoted and len(quoted.group(1).split()) >= 4 else []
        own += [topic] if topic else []
        catalog = default_genres()
        generic = bool(own) and all(catalog.generic_subject(subject) for subject in own)
        if generic:
            own = []  # « sur leurs clauses sociales »: no subject of its own, so the conversation's, else the overview
        drafted_topic = str(turn.state.draft_params.get("topic") or "") if previous is not None else ""
        if not own and drafted_topic:
            own = [drafted_topic]  # « plus court » : the topic of the text just drafted, found as it was then
        before = [drafted_topic, turn.state.last_question or "", *reversed(_recent_user_messages(turn))]
        # « plus concret, avec un planning » right after a text: the topic of that text, not the words of the request
        revising = turn.state.last_intent == "drafting" and len(turn.message.split()) <= 12
        contexts = [*before, *own] if revising else [*own, *before]
        limit = 4 if genre.id == "faq" else 2
        for context in filter(None, contexts):
            matching = self._match_cards(context)
            if matching is None:
                continue
            ranked = [m for m in matching.ranked if m.score >= SUGGEST and m.card.theme != REDIRECT_THEME]
            if ranked and matching.confident:
                # the other cards only when they answer the topic too (a FAQ lists the nearby questions)
                floor = SUGGEST if genre.id == "faq" else CONFIDENT
                others = [m.card for m in ranked[1:] if m.score >= floor]
                return [ranked[0].card, *others[:limit]], context
            if context in own:
                # « l'intérêt de la clause, ce que ça implique pour les entreprises et le rôle du facilitateur »:
                # each subject its card; else the nearest card of the request as a whole
                parts = self._subject_cards(context)
                if parts:
                    return parts[: 1 + limit], context
                if ranked:
                    return [ranked[0].card], context
        if generic:
            overview = [card for card in (self._card_by_id(card_id) for card_id in catalog.overview_cards) if card]
            return overview, topic
        return [], topic

    def _card_by_id(self, card_id: str) -> Card | None:
        """The answer card of that id, when the cards are loaded."""
        matcher = self._matcher()
        return next((card for card in matcher.cards if card.id == card_id), None) if matcher is not None else None

    def _subject_cards(self, topic: str) -> list[Card]:
        """The card each subject of a topic listing several is answered by, when confidently."""
        found: list[Card] = []
        for part in topic_parts(topic):
            matching = self._match_cards(part)
            best = matching.best if matching is not None and matching.confident else None
            if best is not None and best.card.theme != REDIRECT_THEME and best.card not in found:
                found.append(best.card)
        return found

    def _render_genre(self, turn: Turn, request: GenreRequest, cards: list[Card], state: ConversationState) -> Answer:
        """The genre's frame filled with the cards' answers, their legal basis and their citations."""
        library = self.toolbox.library
        main = material(cards[0], SHORT_POINTS if request.short else MAX_POINTS)
        more = [material(card, 0) for card in cards[1:]]
        sources: list[Source] = []
        calls: list[ToolCall] = []
        for card in cards:
            own, searched = self._card_source(card, len(sources) + 1)
            sources += own
            calls += searched
        ids = list(dict.fromkeys(ref for card in cards for ref in card.legal_basis if ref in library.known_articles))
        answer = self._render_material(turn, request, main, more, sources, calls, ids, state)
        result = answer.tool_calls[0].result or {}
        result["cards"] = [card.id for card in cards]
        return answer

    def _render_material(
        self,
        turn: Turn,
        request: GenreRequest,
        main: Material,
        more: list[Material],
        sources: list[Source],
        calls: list[ToolCall],
        ids: list[str],
        state: ConversationState,
    ) -> Answer:
        """The genre's frame filled with the material, its legal basis and its citations; what is left
        to complete is said in one line after the text."""
        genre, details, short = request.genre, request.details, request.short
        library = self.toolbox.library
        articles = [{"id": ref, "title": library.known_articles[ref].title} for ref in ids]
        quoted = _QUOTED.search(turn.message)
        context: dict[str, Any] = {
            "subject": main.subject,
            "lead": main.lead,
            "points": list(main.points),
            "more": [_other(m) for m in more],
            "articles": articles,
            "cite": " ".join(f"[{s.n}]" for s in sources),
            "addressee": addressee(turn.message) or turn.state.draft_params.get("addressee"),
            "details": details,
            "short": short,
            "quoted": quoted.group(1) if quoted else None,
            "steps": [step.model_dump() for step in genre.steps],
            "unsourced": list(request.unsourced),
        }
        text = library.environment.get_template(genre.template).render(**context)
        text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
        kind = GENRE_PREFIX + genre.id
        params: dict[str, Any] = {
            **state.draft_params,
            "topic": request.topic,
            **({"details": details} if details else {}),
        }
        if context["addressee"]:
            params["addressee"] = context["addressee"]  # « plus court » keeps the note's addressee
        state.draft_kind, state.draft_params = kind, params
        result = {"kind": kind, "title": genre.title, "text": text, "cards": [], "references": ids}
        call = ToolCall(name="draft", arguments={"kind": kind, "parameters": params}, result=result)
        answer = f"Voici une proposition de rédaction : **{genre.title}**.\n\n---\n\n{text.strip()}"
        blanks = list(dict.fromkeys(_BLANK.findall(text)))
        if blanks:
            answer += "\n\n" + self.messages.get("genre_to_complete", items=" ; ".join(blanks))
        return Answer(answer, "drafting", sources=sources, tool_calls=[call, *calls], state=state)

    def _report_columns(self, turn: Turn, params: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
        """The columns the tracking table gets: those of the table drafted before, and those this request
        names (« ajoutez une colonne site ») or the conversation implies (« par marché subséquent »);
        with the columns refused because they would carry personal data."""
        asked = asked_columns(turn.message, context=" ".join(_recent_user_messages(turn)))
        before = [c for c in str(params.get("columns") or "").split(" ; ") if c]
        columns = list(dict.fromkeys([*before, *asked.added]))
        return ({**params, "columns": " ; ".join(columns)} if columns else params), asked.refused

    def _lot_table(self, turn: Turn, rates: tuple[float, ...] = ()) -> Answer:
        """The conversation's sizing as a table per lot, with its method and the hypotheses to confirm; at the
        rates the message lists when it does, else at those the conversation tried."""
        grid = self.toolbox.grid
        params = dict(turn.state.sizing_params)
        if rates:
            params.pop("rate", None)
        table = lot_table(params, rates or turn.state.sizing_rates, grid)

        def row(line: LotRow) -> dict[str, Any]:
            return {
                "label": line.label,
                "amount": fmt_euros(line.amount) if line.amount is not None else "à compléter",
                "share": fmt_percent(line.share) if line.share is not None else "à fixer avec le facilitateur",
                "hours": [f"{fmt_number(h)} h" if h is not None else "à calculer" for h in line.hours],
            }

        small = [
            line.label
            for line in table.rows
            if line.hours[0] is not None and line.hours[0] < grid.small_clause.min_hours
        ]
        small_note = (
            self.messages.get(
                "lot_table_small", lots=", ".join(small), min_hours=fmt_number(grid.small_clause.min_hours)
            )
            if small
            else None
        )
        text = self.toolbox.library.environment.get_template("lots_table.md.j2").render(
            rows=[row(line) for line in table.rows],
            total=row(table.total) if table.total is not None else None,
            rates=[fmt_percent(rate) for rate in table.rates],
            hourly_cost=fmt_euros(table.hourly_cost),
            total_share_basis=table.total_share_basis,
            cost_given=params.get("hourly_cost") is not None,
            small=small_note,
        )
        # hours at rates the message lists are computed here: « et à 12 % ? » next varies that sizing, not a text
        state = turn.state.but(last_intent="sizing" if rates else "drafting")
        return Answer(re.sub(r"\n{3,}", "\n\n", text).strip(), "drafting", state=state)

    def _computed_table(self, turn: Turn) -> Answer | None:
        """The computations just made (a sizing, a conversion, each « et si… » tried), one row per hypothesis
        with its result and its calculation as they were given; None when there is none to lay out."""
        rows = computed_rows(turn.history)
        if not rows:
            return None
        assumptions = list(dict.fromkeys(line for row in rows for line in row.assumptions))
        text = self.toolbox.library.environment.get_template("computed_table.md.j2").render(
            rows=rows, assumptions=assumptions
        )
        state = turn.state.but(last_intent="drafting")
        return Answer(re.sub(r"\n{3,}", "\n\n", text).strip(), "drafting", state=state)

    def _small_market_note(self, kind: str, params: dict[str, Any], extraction: Extraction) -> str | None:
        """The warning that a market of the amount given is too small for a clause, when no volume is set."""
        spec = self.toolbox.library.catalog.kind(kind)
        if spec is None or not spec.social_condition or params.get("hours") or extraction.amount is None:
            return None
        small = small_market(float(extraction.amount), self.toolbox.grid)
        if small is None:
            return None
        template = self.toolbox.library.environment.get_template("_small_market.md.j2")
        return template.render(
            amount=fmt_euros(small.amount),
            rate=fmt_percent(small.rate),
            cost=fmt_euros(small.hourly_cost),
            ceiling=fmt_number(small.ceiling),
            min_hours=fmt_number(small.min_hours),
        ).strip()

    def _reshaped(self, answered: Message, state: ConversationState) -> Answer:
        """« mets-le sous forme de tableau » right after an answer: no template has that shape, so the
        answer is given again, with its citations, as the material to shape, rather than asking which
        clause to draft (a question that forgets what was just said)."""
        sources = [Source.model_validate(source) for source in answered.sources]
        text = self.messages.get("reshape_previous") + "\n\n" + answered.content.strip()
        suggestions = list(self.messages.data["ask"]["clause_kind_suggestions"])
        return Answer(text, "drafting", sources=sources, state=state, suggestions=suggestions)

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
        if details and "details" in self._accepted_parameters(kind):
            params["details"] = details
        if kind == "deliberation" and extraction.amount is not None:
            params["policy_threshold"] = extraction.amount
        start = _START.search(turn.message)
        if start is not None and "start" in self._accepted_parameters(kind):
            params["start"] = start.group(1).strip()  # « à partir de l'an prochain », in the user's words
        horizon = _HORIZON.search(fold(turn.message))
        if horizon is not None and "horizon" in self._accepted_parameters(kind):
            params["horizon"] = horizon.group(1)  # « ce qu'on pourrait viser d'ici 2028 »: the objectives' year
        return params

    def _free_text(self, message: str, free: str, state: ConversationState, answered: Message | None = None) -> Answer:
        """A writing request that is not a clause (an e-mail, a note to elected officials): no template is
        filled; the answer says what can be drafted and offers the closest kinds as suggestions. When the text
        is to say what was just answered (« un petit mail qui explique ça »), that answer follows, as the
        material to write it from."""
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
        if answered is not None:
            text += "\n\n" + self.messages.get("free_text.material") + "\n\n" + answered.content.strip()
            sources = [Source.model_validate(source) for source in answered.sources]
            return Answer(text, "drafting", sources=sources, state=state, suggestions=list(offer))
        return Answer(text, "drafting", state=state, suggestions=list(offer))


def _as_subject(question: str) -> str:
    """The question the answer was given to, as the subject line of the text drawn from it (its figures and
    circumstances are the user's own): one line, capitalised."""
    line = " ".join(question.split())
    if len(line) > _SUBJECT_CHARS:  # a long story told before: its first sentence, cut at a word
        line = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
        line = line if len(line) <= _SUBJECT_CHARS else line[: line.rfind(" ", 0, _SUBJECT_CHARS)].rstrip(" ,;:") + "…"
    return line[:1].upper() + line[1:]


_SUBJECT_CHARS = 90  # a subject line longer than this is cut


def _other(found: Material) -> dict[str, str]:
    """Another card's question and first sentence, for the genres that list several."""
    return {"subject": found.subject, "lead": found.lead}


def _compares_computed_options(turn: Turn, folded: str) -> bool:
    """Whether a table is asked of the options just computed (several rates tried, « les deux hypothèses »)."""
    if not _TABLE_WORD.search(folded):
        return False
    return len(turn.state.sizing_rates) >= 2 and _COMPUTED_OPTIONS.search(folded) is not None


def grid_top(folded: str) -> int | None:
    """The top mark of the scoring grid a request asks for (« de 0 à 5 » → 5), when it says one."""
    found = _GRID_TOP.search(folded)
    if found is None:
        return None
    top = int(found.group(1) or found.group(2))
    return top if 2 <= top <= 100 else None


def topic_kind(catalog: Catalog, texts: list[str]) -> str | None:
    """The kind whose reshape topics the first of ``texts`` to name one is about (most recent first)."""
    for text in texts:
        folded = fold(text)
        for spec in catalog.kinds:
            if any(re.search(topic, folded) for topic in spec.reshape_topics):
                return spec.id
    return None


def generic_kind(catalog: Catalog, folded: str) -> str | None:
    """The kind a request names only generically (« rédige-moi la clause » → the execution clause), first in
    catalogue order; None when no kind's generic words are in it."""
    for spec in catalog.kinds:
        if any(re.search(pattern, folded) for pattern in spec.generic_requests):
            return spec.id
    return None


def message_parameters(extraction: Extraction, kind: str, *, asked_now: bool = True) -> dict[str, Any]:
    """The parameters of a text of ``kind`` that one message gives (hours, rate, lots, weight…), only those said.
    A bare percentage reads as a criterion's weight only in the message that asks for the criterion (``asked_now``):
    an insertion rate said before stays a rate."""
    updates: dict[str, Any] = {
        "hours": extraction.hours,
        "penalty": extraction.penalty_per_hour,
        "weight": extraction.weight,
        "months": extraction.months,
        "rate": extraction.rate,
        "transferred_hours_per_month": extraction.monthly_transferred_hours,
    }
    perimeter = lots_perimeter(extraction)
    if perimeter:
        updates["lots"] = perimeter
    if asked_now and extraction.amount is not None and kind in {"framework-agreement", "insertion-market"}:
        updates["estimated_amount"] = extraction.amount
    if kind == "sizing-note":
        updates["market_value"], updates["market_type"] = extraction.market_value, extraction.market_type
    if asked_now and extraction.amount is not None and kind == "penalty-contest":
        updates["penalty_total"] = extraction.amount  # the total the holder contests, said in its request
    if not asked_now:
        # an amount said before is a maximum, a threshold or a lot as often as the orders expected: only a maximum
        # said as such is carried, never read as the realistic amount of the orders
        updates["maximum_amount"] = extraction.maximum_amount
    if asked_now and kind == "criterion" and extraction.weight is None and extraction.rate is not None:
        # « plutôt 15 % » about a criterion is its weight, not an insertion rate.
        updates["weight"], updates["rate"] = extraction.rate, None
    return {key: value for key, value in updates.items() if value is not None}


def _heard_user_messages(turn: Turn, count: int = 3) -> list[str]:
    """The user's last ``count`` messages before this one, oldest first, leaving out those the assistant refused
    (a figure asked for unlawfully is not a parameter of the next text)."""
    heard: list[str] = []
    for position, message in enumerate(turn.history):
        if message.role != "user":
            continue
        reply = next((m for m in turn.history[position + 1 :] if m.role == "assistant"), None)
        if reply is None or reply.intent != "refusal":
            heard.append(message.content)
    return heard[-count:]


def _recent_questions(turn: Turn) -> list[str]:
    """The last question searched and, while questions went on, the user's messages of the last turns:
    « tu peux me l'écrire pour le CCAP ? » two questions after naming the framework agreement."""
    recent = _recent_user_messages(turn) if turn.state.last_intent == "question" else []
    return [turn.state.last_question or "", *recent]


def _recent_user_messages(turn: Turn, count: int = 3) -> list[str]:
    """The user's last ``count`` messages before this one, oldest first."""
    return [m.content for m in turn.history if m.role == "user"][-count:]


def _reviewable(figures: dict[str, Any]) -> bool:
    """Whether the figures given make rates to compute (hours done of planned, a group or exits among the
    people); a mere list of results stays in the user's words (the activity summary)."""
    among_people = "participants" in figures and ("group_count" in figures or "durable_exits" in figures)
    return "hours_planned" in figures or among_people


@dataclass(frozen=True)
class ComputedRow:
    """One computation of the conversation: what was asked, its result, how it was computed, its assumptions."""

    asked: str
    result: str
    method: str
    assumptions: tuple[str, ...] = ()


def computed_rows(history: list[Message], limit: int = 4) -> list[ComputedRow]:
    """The computations the conversation just made, oldest first: the assistant's last answers that were
    sizings or conversions, each with the user's message it answered (at most ``limit``)."""
    rows: list[ComputedRow] = []
    position = len(history) - 1
    while position >= 0 and len(rows) < limit:
        message = history[position]
        if message.role == "assistant":
            if message.intent not in _COMPUTED:
                break
            asked = next((m.content for m in reversed(history[:position]) if m.role == "user"), "")
            rows.extend(_computed_rows_of(asked, message.content)[::-1])
        position -= 1
    return rows[::-1]


def _computed_rows_of(asked: str, answer: str) -> list[ComputedRow]:
    """A computed answer read back: its bold result with the calculation that follows it (or its « Calcul : »
    line) and its « Hypothèse » lines; else each simulated calculation it shows (« à 30 % de main-d'œuvre,
    480 000 € × 30 % × 5 % ÷ 30 €/h = 240 h »); none when it states no result."""
    lines = [line.strip() for line in answer.splitlines() if line.strip()]
    assumptions = tuple(_assumption(line) for line in lines if line.startswith("Hypothèse"))
    lead = _RESULT.search(lines[0]) if lines else None
    if lead is None:
        simulated = [m for line in lines for m in _SIMULATED.finditer(line)]
        return [
            ComputedRow(_cell(_shortened(asked)), _cell(m.group(2)), _cell(m.group(1).strip()), assumptions)
            for m in simulated
        ]
    method = lines[0][lead.end() :].lstrip(" :.").strip()
    calculation = next((line for line in lines[1:4] if line.startswith("Calcul")), None)
    if calculation is not None:
        method = calculation.split(":", 1)[1].strip()
    return [ComputedRow(_cell(_shortened(asked)), _cell(lead.group(1)), _cell(method), assumptions)]


def _assumption(line: str) -> str:
    """An « Hypothèse : … » line as a point of the table's list, without the question put to the user."""
    text = line.split(":", 1)[1].strip() if ":" in line else line
    text = re.split(r"\s*;\s*dites-moi\b", text)[0].rstrip(" .;")
    return text[:1].upper() + text[1:]


def _shortened(text: str, words: int = 25) -> str:
    """A message cut to its first ``words`` words, for a table cell."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _cell(text: str) -> str:
    """Text that fits in one Markdown table cell (no pipe, no line break)."""
    return " ".join(text.replace("|", "/").split())


def previous_computation(turn: Turn) -> Message | None:
    """The assistant's last message when it was a computation (a sizing, a conversion): the figures a request
    right after it (« reformule ça pour ma note ») is about."""
    if turn.state.last_intent not in _COMPUTED:
        return None
    last = next((message for message in reversed(turn.history) if message.role == "assistant"), None)
    return last if last is not None and last.intent in _COMPUTED and last.content.strip() else None


def _own_topic(message: str, free: str) -> str:
    """The topic a free-text request names itself (« un mail au maire sur le coût des clauses »), empty when it
    only says the text, its tone and its purpose (« un mail pour contester, poli mais ferme »)."""
    genre = default_genres().for_free_text(free)
    return text_subject(message) or (genre_topic(message, genre) if genre is not None else "")


def previous_answer(turn: Turn) -> Message | None:
    """The assistant's last message when it answered a question (the text a shaping request is about)."""
    last = next((message for message in reversed(turn.history) if message.role == "assistant"), None)
    return last if last is not None and last.intent == "question" and last.content.strip() else None


def _about_a_criterion(turn: Turn) -> bool:
    """Whether the conversation is about an award criterion: the text drafted just before is one, or the
    questions just asked were about one."""
    if turn.state.last_intent == "drafting":
        return turn.state.draft_kind == "criterion"
    return _CRITERION_TOPIC.search(fold(" ".join(_recent_questions(turn)))) is not None


def _switched_reservation(message: str, previous: str | None) -> str | None:
    """After a reserved-market draft, « et pour les ESAT ? » asks for the other reservation."""
    if not previous or not previous.startswith("reserved-"):
        return None
    return named_reservation(fold(message))


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
    if re.search(r"\breserv", asked) and named_reservation(asked):
        return named_reservation(asked)
    # « je peux en faire un lot à part ? » names no beneficiary: the reservation the questions were about
    return turn.state.reserved_topic if turn.state.last_intent == "question" else None
