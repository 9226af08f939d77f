"""Intent routing for the embedded backend: what a French message asks for, given the conversation.

Pure functions over the message, the parameters read from it and the session state.
Refusals come first (unlawful or out-of-scope requests are never sized, drafted or
answered), then sizing and drafting, which need their signal words, then questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from assistant.fr import Extraction, fold, named_reservation
from assistant.guardrails import Refusal, check_request
from assistant.injection import looks_like_injection
from assistant.state import ConversationState

Intent = Literal["refusal", "greeting", "sizing", "conversion", "drafting", "question"]
RefusalKind = Literal["residence", "nationality", "single_route", "personal_data", "litigation", "injection"]


@dataclass(frozen=True)
class Route:
    intent: Intent
    refusal: RefusalKind | None = None
    guardrail: Refusal | None = None
    follow_up: bool = False


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Patterns run on folded text (lowercase, no accents, straight apostrophes).
_PERSONAL_DATA = _rx(
    r"\b(liste|fichier|noms?|coordonnees|adresses?|numeros? de telephone|telephones?|emails?|mails?|"
    r"dates? de naissance|dossiers?)\b.{0,40}\b(allocataires?|beneficiaires?|personnes|candidats?|demandeurs? "
    r"d'emploi|salaries?|participants?|rsa|jeunes|travailleurs handicapes)\b"
    r"|\bliste nominative\b|\bdonnees personnelles (des|de|du)\b|\bnominativement\b"
)
_PERSONAL_DATA_SAFE = _rx(r"\b(quels?|quelles?) (publics|personnes|beneficiaires|candidats)\b|\bqui peut\b")
_LITIGATION = _rx(
    r"\b(contentieux|attaquer|porter plainte|plainte contre|recours (contre|en annulation|indemnitaire)|"
    r"refere (precontractuel|contractuel)? ?contre|strategie (juridique|contentieuse|de defense)|"
    r"gagner (le|notre|un|ce) (proces|recours|litige)|litige avec|assigner|poursuivre en justice|"
    r"faire annuler (le|ce|un|l'attribution))\b"
)
_GREETING = _rx(
    r"^\s*(bonjour|bonsoir|salut|hello|coucou|merci( beaucoup| bien)?|au revoir)\b[\s!.,]*"
    r"(a vous|a toi|l'assistant|madame|monsieur)?[\s!.,]*$"
    r"|\b(que|qu'est-ce que) (sais-tu|tu sais|pouvez-vous|peux-tu) faire\b|\bà quoi sers-tu\b|\ba quoi (tu sers|sers-tu)\b"
    r"|^\s*(aide|help)\s*[?!.]*$"
)
_SIZING_WORDS = _rx(
    r"\bcombien d'heures\b|\bnombre d'heures\b|\bvolume d'heures\b|\bdimensionn|\bcalcul|\bheures d'insertion\b"
    r"|\bchiffrer\b|\bquel volume\b|\bcb d'h"
)
# Enough to read a sizing when the message also gives an amount (« 1,5 M€, 70 %, combien ? »).
_SIZING_WEAK = _rx(r"\bcombien\b|\bcb\b|\bestim")
_CONVERSION_WORDS = _rx(r"\betp\b|\bequivalents? temps plein\b|\btemps plein\b")
_DRAFTING_WORDS = _rx(
    r"\b(redige[rsz]?|redaction|ecri[rstv]|propose[rsz]?|formule[rsz]?|prepare[rsz]?|genere[rsz]?|"
    r"modeles?|trame|exemple de (clause|redaction|texte|courrier|lettre|tableau|convention|critere|avis|article))\b"
    r"|\bdonne[rsz]?(?:[- ]moi)? (un|une|le|la|l') ?(modele|clause|article|texte|redaction|avis|critere|"
    r"courrier|lettre|tableau|convention)\b"
    r"|\bfai[st](?:[- ]moi)? (un|une|le|la|l') ?(clause|article|avis|critere|courrier|lettre|tableau|convention)\b"
)
_CORRESPONDING = _rx(r"\b(correspondante?|associee|qui va avec|pour ce marche|avec ces heures|de ce calcul)\b")
_FOLLOW_UP_START = _rx(r"^\s*(et|avec|pour|a|sur|mais|sinon|plutot|si|en fait|finalement|non|ok|mets|met|passe)\b")
# Asking whether something is allowed is a question, answered from the guides; asking
# to write or impose it is a request, refused by the guardrails.
_QUESTION = _rx(
    r"\?\s*$|^\s*(peut-on|peut on|est-ce que|est-ce qu'|est-il|faut-il|doit-on|doivent|a-t-on|ai-je|avons-nous|"
    r"pouvons-nous|puis-je|les? .{0,60}(doivent|peuvent)-(ils|elles))\b"
)
_REQUEST = _rx(
    r"\b(je veux|je voudrais|nous voulons|nous voudrions|on veut|on voudrait|j'aimerais|on aimerait|je souhaite|"
    r"nous souhaitons|on souhaite|comment l'ecrire|comment le rediger|"
    r"comment (l'|le |la )?(formuler|rediger|ecrire|inscrire)|mettre|mets|mettez|ajouter|ajoutez|ajoute|"
    r"inscrire|inscri[st]|prevoir|exiger|imposer|obliger|"
    r"reserve[rz]? (le|les|des|ce|ces|nos|notre) (marches?|lots?|heures|embauches|postes))\b"
)


def refusal_route(message: str) -> Route | None:
    """The refusal policy: the route of an unlawful or out-of-scope request, or None."""
    folded = fold(message)
    if looks_like_injection(message):
        return Route("refusal", refusal="injection")
    if _PERSONAL_DATA.search(folded) and not _PERSONAL_DATA_SAFE.search(folded):
        return Route("refusal", refusal="personal_data")
    if _LITIGATION.search(folded):
        return Route("refusal", refusal="litigation")
    if _QUESTION.search(folded) and not _REQUEST.search(folded) and not _DRAFTING_WORDS.search(folded):
        return None
    refusals = check_request(message)
    if refusals:
        return Route("refusal", refusal=refusals[0].kind, guardrail=refusals[0])
    return None


def _changes_sizing(extraction: Extraction) -> bool:
    return any(
        value is not None
        for value in (
            extraction.amount,
            extraction.rate,
            extraction.labour_share,
            extraction.months,
            extraction.hourly_cost,
            extraction.etp_base,
            extraction.monthly_transferred_hours,
            extraction.trade,
        )
    )


def route(message: str, extraction: Extraction, state: ConversationState | dict[str, Any]) -> Route:
    """Decide what the message asks for. ``state`` is the session's memory of the last turn."""
    refused = refusal_route(message)
    if refused:
        return refused
    folded = fold(message)
    if _GREETING.search(folded):
        return Route("greeting")

    words = len(folded.split())
    short = words <= 8
    brief = words <= 15  # a follow-up restates one parameter, not a whole request
    last = ConversationState.coerce(state).last_intent
    if _DRAFTING_WORDS.search(folded):
        follow = last in {"sizing", "drafting"} and (_CORRESPONDING.search(folded) is not None or short)
        return Route("drafting", follow_up=follow)
    if extraction.amount is not None and (
        _SIZING_WORDS.search(folded) or _SIZING_WEAK.search(folded) or extraction.trade or extraction.rate
    ):
        return Route("sizing")
    if (
        extraction.hours is not None
        and _CONVERSION_WORDS.search(folded)
        and extraction.amount is None
        and not _is_how_question(folded)
    ):
        return Route("conversion")
    if last == "conversion" and brief and (extraction.etp_base is not None or extraction.hours is not None):
        return Route("conversion", follow_up=True)
    if last == "sizing" and _changes_sizing(extraction) and (short or (brief and not _is_how_question(folded))):
        return Route("sizing", follow_up=True)
    if (
        last == "drafting"
        and brief
        and (
            extraction.hours is not None
            or extraction.penalty_per_hour is not None
            or extraction.weight is not None
            or extraction.rate is not None
            or extraction.lots
            or extraction.clause_kind
            or _mentions_beneficiaries(folded)
        )
    ):
        return Route("drafting", follow_up=True)
    if _SIZING_WORDS.search(folded) and _has_market_words(folded) and not _is_how_question(folded):
        return Route("sizing")
    return Route("question", follow_up=short and last is not None and bool(_FOLLOW_UP_START.search(folded)))


def _mentions_beneficiaries(folded: str) -> bool:
    """« et pour les ESAT ? » after a reserved-market draft switches the reservation."""
    return named_reservation(folded) is not None


def _has_market_words(folded: str) -> bool:
    return bool(re.search(r"\b(mon|notre|ce|un) (marche|lot|chantier|accord-cadre)\b", folded))


def _is_how_question(folded: str) -> bool:
    """« Comment calcule-t-on… » asks for the method, not for a computation."""
    return bool(re.search(r"\b(comment|pourquoi|methode|qu'est-ce|c'est quoi|expliqu)", folded))
