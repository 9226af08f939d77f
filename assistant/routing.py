"""Intent routing for the embedded backend: what a French message asks for, given the conversation.

Ordered, named rules over signals computed once (:class:`Signals`): the refusal policy
first — prompt injection, personal data, litigation and the legal guardrails, on
questions as much as on requests (« peut-on réserver les heures aux habitants… ? » is
answered « Non ») — then the follow-ups the session state explains (a new rate after a
sizing), then the trained intent classifier (:mod:`assistant.intents`). Each
:class:`Route` says which rule or model decided, with the model's probability, so a
misroute is diagnosed in one line. Without a classifier, keyword rules stand in for it.

The refusal policy (:class:`RefusalPolicy`) is what the engine applies once for every
backend, the language model included: a refused message never reaches a model, and its
verdict (:class:`Screening`) is handed to the router instead of being computed again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from assistant.fr import Extraction, fold, named_reservation, names_cost_base
from assistant.fr.absence import absence_days
from assistant.fr.figures import (
    asks_per_year,
    asks_prorata,
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
    scales_to_a_new_amount,
)
from assistant.fr.grant_cost import grant_cost
from assistant.fr.numbers import count_value
from assistant.fr.rhythm import rhythm_change
from assistant.fr.roster import roster
from assistant.fr.staffing import (
    asks_a_wage,
    asks_coverage,
    asks_duration,
    asks_time_to_cover,
    contract_months,
    cue,
    market_staff,
    on_market_share,
    period_change,
    person_hours_of,
    staffing_ask,
    weekly_hours_in,
)
from assistant.fr.unit_price import unit_price
from assistant.fr.work_volume import days_work, unit_work
from assistant.genres import find_genre
from assistant.guardrails import (
    ConductRule,
    Refusal,
    check_conduct,
    check_request,
    conduct_words,
    legal_refusal,
    load_conduct_rules,
)
from assistant.injection import looks_like_injection
from assistant.intents import utterance_files
from assistant.legal_questions import LegalQuestions
from assistant.redirects import Redirects
from assistant.refusal_parts import RefusalParts, load_refusal_parts
from assistant.responses import Decision
from assistant.state import ConversationState
from assistant.unlawful import UnlawfulClassifier, lawful_background

if TYPE_CHECKING:  # scikit-learn is imported when the classifier is first trained or read
    from assistant.intents import IntentClassifier, IntentPrediction

Intent = Literal["refusal", "greeting", "sizing", "conversion", "drafting", "question", "redirect"]
RefusalKind = Literal[
    "residence",
    "nationality",
    "single_route",
    "imposed_structure",
    "proximity",
    "conduct",
    "personal_data",
    "litigation",
    "injection",
]


@dataclass(frozen=True)
class Route:
    intent: Intent
    refusal: RefusalKind | None = None
    guardrail: Refusal | None = None
    follow_up: bool = False
    rule: str = ""  # the rule (or « classifier ») that decided
    probability: float | None = None  # the classifier's calibrated probability, when it decided
    offer_sizing: bool = False  # a question giving an amount: offer the computation, do not impose it
    out_of_scope: float | None = None  # the classifier's probability that the message is out of scope

    def decision(self) -> Decision:
        """What the response shows of this route: intent, probability, rule."""
        return Decision(intent=self.intent, probability=self.probability, rule=self.rule)


# A decision is taken from the classifier only above these calibrated probabilities;
# below, the message is read as a question (answered from the guides, or abstained on).
MIN_PROBABILITY = {"sizing": 0.5, "conversion": 0.5, "drafting": 0.5, "greeting": 0.6, "out_of_scope": 0.55}


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Patterns run on folded text (lowercase, no accents, straight apostrophes).
_PERSONAL_DATA = _rx(
    # « adressé » after an auxiliary is the verb (« le facilitateur ne lui a adressé aucun candidat »), not an address
    r"\b(liste|fichier|noms?|coordonnees|(?<!\ba )(?<!\bai )(?<!\bas )(?<!\bont )(?<!\bavait )adresses?|numeros? de telephone|telephones?|(?:e-?)?mails? (?:des|de|du)|"
    r"adresses? (?:e-?)?mail|dates? de naissance|dossiers?)\b.{0,40}\b(allocataires?|beneficiaires?|personnes|candidats?|demandeurs? "
    r"d'emploi|salaries?|participants?|rsa|jeunes|travailleurs handicapes)\b"
    r"|\bliste nominative\b|\bdonnees personnelles (des|de|du)\b|\bnominativement\b"
    # CVs of people asked of the assistant or the Department (« le Département peut m'envoyer des CV de personnes au RSA »)
    r"|(?:\bm'|\bme |\bnous )(?:envoyer|envoie|transmettre|fournir|donner|communiquer|passer) (?:des|les|quelques) cv "
    r"(?:de|des|d')"
)
_PERSONAL_DATA_SAFE = _rx(
    r"\b(quels?|quelles?) (publics|personnes|beneficiaires|candidats)\b|\bqui peut\b"
    r"|\bpublics? (eligibles?|vises?|cibles?)\b|\b(categories|criteres|profils) (de |des |d')?(publics|personnes)\b"
)
# What the user may pass on, and to whom, is a data-protection question answered from the guides
# (« qu'est-ce que j'ai le droit de transmettre au facilitateur ? »); so is a text that must hold only
# what is needed (« avec ce qu'il faut et rien de plus (RGPD) »). The assistant itself gives no data.
_PERSONAL_DATA_DUTY = _rx(
    r"\b(?:qu'est-ce que|qu'est ce que|quoi|quelles?|quels?|(?<!est-)(?<!est )ce que) (?:j'ai|je|on|nous|il|elle) "
    r"(?:\w+ ){0,2}?(?:le droit|droit|peux|peut|pouvons|dois|doit|devons|faut)\b.{0,40}"
    r"\b(?:transmettre|communiquer|envoyer|donner|partager|dire|mettre|demander|recevoir)\b"
    r"|\brien de plus\b|\b(?:quelles?|quels?) (?:informations|donnees|infos)\b"
    # « que faut-il transmettre pour le bilan ? », « dois-je fournir les bulletins de paie ? »: the user's own duty
    r"|\b(?:que|qu'est-ce qu'il|quoi) (?:faut-il|dois-je|doit-on|devons-nous|puis-je|peut-on)\b"
    r"|\b(?:faut-il|dois-je|doit-on|devons-nous) (?:vraiment |exactement |obligatoirement )?"
    r"(?:transmettre|communiquer|fournir|envoyer|joindre)\b"
    # what is known about the writer (« que sait le Département sur moi ? ») is their right of access, explained
    r"|\bsur moi\b|\bme concernant\b|\bmes (?:propres )?donnees\b"
    # the writer's own place on a list of candidates (« pour être sur la liste des personnes pour les clauses »)
    r"|\b(?:etre|m'inscrire|me mettre|me faire (?:inscrire|mettre)|figurer|m'ajouter)\s+(?:sur|dans)\s+(?:la|une|les|cette|leur|votre)\s+listes?\b"
    # whether one may pass data on, or what the GDPR allows (« on a le droit de transmettre ça au regard du RGPD ? »)
    r"|\b(?:a-t-on|ai-je|avons-nous|avez-vous|on a|j'ai|nous avons|vous avez)\s+(?:vraiment |bien )?le droit de\s+"
    r"(?:les |leur |lui |vous |nous |leurs )?(?:transmettre|communiquer|envoyer|partager|fournir|donner|demander|"
    r"recevoir|conserver|garder)\b"
    r"|\bau regard du rgpd\b"
)
# A list of categories of people (« public éligible : c'est quoi la liste exacte ? ») is answered;
# names, contact details or files of people are never given, whatever else the message says.
_PERSONAL_DATA_STRONG = _rx(
    r"\b(nominati\w*|noms?|coordonnees|adresses?|numeros? de telephone|telephones?|e?mails?|dates? de naissance|"
    r"dossiers?|fichiers?|cv)\b"
)
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
_CORRESPONDING = _rx(
    r"\b(correspondante?|associee|qui va avec|qui vont avec|pour aller avec|pour ce marche|avec ces heures|de ce calcul|"
    r"(?:avec|et) (?:le|ce|ces|les) (?:chiffres?|resultats?|heures)(?: arrondis?)?)\b"
)
_FOLLOW_UP_START = _rx(r"^\s*(et|avec|pour|a|sur|mais|sinon|plutot|si|en fait|finalement|non|ok|mets|met|passe)\b")
# Asking whether something is allowed is a question, answered from the guides; asking
# to write or impose it is a request, refused by the guardrails.
_QUESTION = _rx(
    # « …en CDI ou pas », « …oui ou non »: a question without its mark
    r"\?\s*$|\b(?:ou pas|ou non|oui ou non)\W*$|^\s*(peut-on|peut on|est-ce que|est-ce qu'|est-il|faut-il|doit-on|doivent|a-t-on|ai-je|avons-nous|"
    r"pouvons-nous|puis-je|les? .{0,60}(doivent|peuvent)-(ils|elles))\b"
)
_REQUEST = _rx(
    r"\b(je veux|je voudrais|nous voulons|nous voudrions|on veut|on voudrait|j'aimerais|on aimerait|je souhaite|"
    r"nous souhaitons|on souhaite|comment l'ecrire|comment le rediger|"
    r"comment (l'|le |la )?(formuler|rediger|ecrire|inscrire)|mettre|mets|mettez|ajouter|ajoutez|ajoute|"
    r"inscrire|inscri[st]|prevoir|exiger|imposer|obliger|"
    r"reserve[rz]? (le|les|des|ce|ces|nos|notre) (marches?|lots?|heures|embauches|postes))\b"
)


@dataclass(frozen=True)
class Signals:
    """Everything the rules look at, computed once per message."""

    message: str
    folded: str
    extraction: Extraction
    state: ConversationState
    words: int
    prediction: IntentPrediction | None
    screening: Screening
    redirects: Redirects | None = None

    @property
    def last(self) -> str | None:
        return self.state.last_intent


def signals(
    message: str,
    extraction: Extraction,
    state: ConversationState | dict[str, Any],
    classifier: IntentClassifier | None = None,
    redirects: Redirects | None = None,
    *,
    screening: Screening,
) -> Signals:
    folded = fold(message)
    prediction = classifier.predict(message) if classifier is not None else None
    return Signals(
        message,
        folded,
        extraction,
        ConversationState.coerce(state),
        len(folded.split()),
        prediction,
        screening,
        redirects,
    )


# --- the refusal policy: rules over the message alone (its text and its folded form) ---------


def _refuse_injection(message: str, folded: str) -> Route | None:
    return Route("refusal", refusal="injection") if looks_like_injection(message) else None


def _refuse_personal_data(message: str, folded: str) -> Route | None:
    if _PERSONAL_DATA_DUTY.search(folded):
        return None
    if _PERSONAL_DATA.search(folded) and (
        _PERSONAL_DATA_STRONG.search(folded) or not _PERSONAL_DATA_SAFE.search(folded)
    ):
        return Route("refusal", refusal="personal_data")
    return None


# « une entreprise peut nous attaquer ? on risque quoi ? » asks about a legal risk, answered from the
# guides; help to bring, win or defend a case is refused (« quelle stratégie », « rédige le recours »).
_LITIGATION_RISK = _rx(
    r"\b(risqu\w*|peur|crain\w*|attaquables?|"
    r"(?:je|on|nous) (?:peux|peut|pouvons|pourrais|pourrait) porter plainte|puis-je porter plainte|(?:peut|peuvent|pourrait|pourraient|va|vont)(?:-(?:elle|il|elles|ils))? "
    r"(?:nous |me |le |la |les )?attaquer|(?:me|nous|se|te) faire attaquer|a[- ]t[- ]elle raison|a[- ]t[- ]il raison|(?:elle|il|ils|elles) (?:a|ont) raison)\b"
)
_LITIGATION_HELP = _rx(
    r"\b(strategie|comment (?:l'|les |la |le |nous )?(?:attaquer|gagner|contester|defendre)|nous defendre|"
    r"(?:redige|ecri\w*|prepare|fai[st])(?:[- ]moi)? (?:le|un|notre|mon|une) (?:recours|memoire|requete|plainte)|"
    # « je peux porter plainte ? » asks whether one may, answered with the rules; « aide-moi à porter plainte » is help
    r"litige en cours|notre avocat|(?<!peux )(?<!peut )(?<!puis-je )(?<!pourrais )(?<!pourrait )(?<!pouvons )porter plainte|"
    r"poursuivre en justice|assigner)\b"
)


def _refuse_litigation(message: str, folded: str) -> Route | None:
    if not _LITIGATION.search(folded):
        return None
    if _QUESTION.search(folded) and _LITIGATION_RISK.search(folded) and not _LITIGATION_HELP.search(folded):
        return None
    return Route("refusal", refusal="litigation")


_IMPOSING = _rx(
    r"\b(exig\w*|impos\w*|reserv\w* (?:\w+ ){0,3}?(?:a|aux)|oblig\w*|cibl\w*|priorit\w*|favoris\w*|privilegi\w*|critere\w*|points?|"
    r"bonus|not(?:e|er|ation)|ecrire|mettre|inscrire|design\w*|nomm\w*|demander (?:(?:dans|au|aux) (?:\w+ ){0,3}?)?(?:que|qu'|a|un|une|d'avoir)|exclu\w*|limiter|seulement|uniquement|"
    # a requirement to take part (« une agence locale comme condition de candidature », « pour candidater »)
    r"conditions? de (?:candidature|participation)|pour (?:candidater|soumissionner|postuler|concourir))\b"
)


_EXPLAINED_CASE = _rx(r"\b(anru|mayotte)\b")
# What counts in the hours or in a reserved market's 50 % is a question, not a requirement imposed.
_COUNTING = _rx(r"\b(compter|comptent|compte[- ]t[- ](?:il|elle)|comptabilis\w*|pris en compte|dans le calcul)\b")


# « Je veux que les entreprises embauchent des jeunes de chez nous : comment on s'y prend ? » asks how to
# reach a goal, answered with the lawful way (categories of publics, local sourcing by the facilitator);
# a residence written into a document or imposed is refused (« mets dans le CCAP… », « exiger… »).
_HOW_TO = _rx(
    r"\b(?:comment (?:on s'y prend|s'y prendre|je m'y prends|m'y prendre|on fait|je fais|faire|proceder|on procede)|"
    r"par quoi (?:je |on )?commence|(?:quelles? )?(?:sont les )?etapes|marche a suivre)\b"
)
_WRITTEN_OR_IMPOSED = _rx(
    r"\b(?:mets|mettre|mettez|ecri\w*|inscri\w*|redig\w*|ccap|rc|reglement|clause|avis|impos\w*|exig\w*|oblig\w*|"
    r"reserv\w*|condition\w*|critere\w*|points?|bonus|uniquement|seulement|exclusivement)\b"
)


def _only_kinds(refusals: list[Refusal], kinds: Collection[str]) -> bool:
    """Every objection found is of these kinds: a lawful reading of one kind must not clear another kind."""
    return all(r.kind in kinds for r in refusals)


def _lawful_reading(
    folded: str, refusals: list[Refusal], kinds: Collection[str], reading: re.Pattern[str], *unless: re.Pattern[str]
) -> bool:
    """The objections of these kinds are cleared when the message reads lawfully and nothing in it undoes that."""
    return _only_kinds(refusals, kinds) and bool(reading.search(folded)) and not any(u.search(folded) for u in unless)


def _asks_how_to_reach_a_goal(folded: str, refusals: list[Refusal]) -> bool:
    return _lawful_reading(folded, refusals, {"residence"}, _HOW_TO, _WRITTEN_OR_IMPOSED)


# « Suis-je obligé de recruter en CDI ? », « le titulaire est-il tenu de passer par une ETTI ? » ask what the
# law requires of someone, not to impose it: answered from the guides (the answer is often « Non »).
_OWN_DUTY = _rx(
    r"\b(?:suis-je|sommes-nous|est-on|on est|je suis|nous sommes|(?:est|sont)-(?:il|elle|ils|elles))\s+"
    r"(?:vraiment |bien |forcement |toujours )?(?:oblige|obligee|obliges|obligees|tenu|tenue|tenus|tenues)\s+(?:de|d'|d\b)"
    r"|\b(?:dois-je|doit-il|doit-elle|doivent-ils|doivent-elles)\s+(?:vraiment |forcement |obligatoirement )?"
    r"(?:recruter|embaucher|passer|prendre|employer|signer)\b"
    # whether a requirement is mandatory (« doit-on exiger une ETTI conventionnée ? »), not permission to impose it
    r"|\b(?:doit-on|faut-il|devons-nous|dois-je)\s+(?:vraiment |forcement |obligatoirement )?(?:exiger|imposer)\b"
)


# « …en CDD ou faut-il obligatoirement un CDI ? », « c'est recevable ou on exige obligatoirement une ETTI ? », « je peux
# orienter directement vers l'entreprise ou ça doit passer obligatoirement par France Travail ? »: an
# alternative asking whether one way is mandatory, which the guides answer (the answer is the freedom of means).
_MANDATORY_ASKED = _rx(
    r"\bou (?:bien )?(?:il )?(?:faut(?:-il)?|on (?:doit|exige|impose)|doit-on|je dois|on est oblige|c'est|est-ce"
    r"|(?:ca|cela|il|elle) (?:doit|devra))\s+"
    r"(?:\w+\s+){0,2}?(?:obligatoire(?:ment|s)?|forcement|impose|imperativement)\b"
)
# « quelle alternative à…? je pense à… vous avez des retours d'expérience ? »: options explored, not one imposed.
_EXPLORING = _rx(
    r"\bquel(?:le)?s? (?:autres? )?(?:alternatives?|options?|pistes?|leviers?|solutions?)\b|\bretours? d'experiences?\b"
)
_ROUTE_KINDS = {"single_route", "imposed_structure"}


def _asks_whether_a_way_is_mandatory(folded: str, refusals: list[Refusal]) -> bool:
    return _lawful_reading(folded, refusals, _ROUTE_KINDS, _MANDATORY_ASKED)


# Points the firms earn (« aider les entreprises de la commune à gagner des points », « elles ont obtenu peu de
# points ») are their results, described or prepared for; points given to them for where they are (« donner des
# points en plus aux entreprises du coin », « plus de points ») are the preference the guardrails refuse.
_EARNED_POINTS = _rx(
    r"\b(?:gagner|gagnent|gagne|obtenir|obtiennent|obtient|obtenu|ont eu|perdre|perdent|perdu|marquer|decrocher)\s+"
    r"(?:\w+\s+){0,2}?(?:points?|notes?)\b"
)
_GIVEN_POINTS = _rx(
    r"\b(?:donn\w*|accord\w*|attribu\w*|ajout\w*|mett\w*|mets|bonifi\w*|major\w*)\s+(?:\w+\s+){0,3}?(?:points?|bonus|notes?)\b"
    r"|\bpoints?\s+(?:en plus|supplementaires?|de (?:plus|bonus)|bonus)\b|\b(?:plus|davantage) de points\b|\bbonus\b"
)


def _describes_points_earned(folded: str, refusals: list[Refusal]) -> bool:
    return _lawful_reading(folded, refusals, {"proximity", "residence"}, _EARNED_POINTS, _GIVEN_POINTS, _REQUEST)


def _refuse_guardrail(message: str, folded: str, parts: RefusalParts) -> Route | None:
    """Unlawful requirements are refused whatever the phrasing: question, wish or order."""
    refusals = check_request(message, parts)
    if not refusals or _asks_how_to_reach_a_goal(folded, refusals) or _describes_points_earned(folded, refusals):
        return None
    if (_QUESTION.search(folded) and _OWN_DUTY.search(folded)) or _asks_whether_a_way_is_mandatory(folded, refusals):
        if not _asks_for_a_text(folded):
            return None
    # a question mark before a second sentence asks too (« Combien … résident sur notre commune ? J'ai besoin … »)
    asked = bool(_QUESTION.search(folded)) or "?" in folded
    if asked and not _REQUEST.search(folded) and not _DRAFTING_WORDS.search(folded):
        # A question about a place or people is refused only when it asks to impose, reserve,
        # target or score something (« Nos SIAE locales peuvent-elles répondre ? » is answered);
        # the ANRU charter's QPV targeting and the Mayotte ruling on local jobs are cases the guides explain.
        if not _IMPOSING.search(folded) or _EXPLAINED_CASE.search(folded):
            return None
        if _only_kinds(refusals, {"single_route"}) and _COUNTING.search(folded):
            return None  # « nos travailleurs en contrat de soutien comptent-ils, ou seulement les CDI ? »
        if _only_kinds(refusals, _ROUTE_KINDS) and _EXPLORING.search(folded):
            return None  # options weighed (« quelle alternative… ? je pense à une sous-traitance obligatoire… »)
    return Route("refusal", refusal=refusals[0].kind, guardrail=_merged(refusals))


def _asks_for_a_text(folded: str) -> bool:
    """A writing verb or a request for a text (« rédige… », « tu peux me préparer une clause… »); « le titulaire
    propose de… » or « suis-je obligé de proposer un CDI ? » asks for none."""
    return bool(_WRITE_VERB.search(folded) or (_DRAFT_REQUEST.search(folded) and _DRAFT_OBJECT.search(folded)))


def _merged(refusals: list[Refusal]) -> Refusal:
    """Several unlawful elements in one message: every reason, then every alternative."""
    if len(refusals) == 1:
        return refusals[0]
    first = refusals[0]
    bases = list(dict.fromkeys(r.basis for r in refusals if r.basis))
    return first.model_copy(
        update={
            "reason": " ".join(r.reason for r in refusals),
            "alternative": " ; ".join(r.alternative.rstrip(" .") for r in refusals) + ".",
            "basis": " ; ".join(bases) or None,
            "helpers": tuple(dict.fromkeys(helper for r in refusals for helper in r.helpers)),
        }
    )


# The rule name of a refusal the learned check decided, followed by its family (« unlawful_model:residence »).
LEARNED_RULE = "unlawful_model:"
# The learned unlawful-request check (:mod:`assistant.unlawful`) refuses on its own only above this calibrated
# probability of one unlawful family, when no rule has refused: a lawful question refused is worse than an
# unlawful one answered without its « Non ».
MODEL_REFUSES_ABOVE = 0.9
# ... and only on a message of at least this many words: its unlawful examples are wishes and orders, so a
# bare « je veux rédiger » reads 0,93 unlawful with nothing in it to refuse.
MODEL_REFUSES_FROM_WORDS = 5
# A rule's refusal is dropped when the model reads the message as lawful at least this surely.
MODEL_CLEARS_ABOVE = 0.9
# The rules whose refusals the model may clear: those on words (conduct, personal data, legal guardrails).
_CLEARABLE = frozenset({"conduct", "personal_data", "guardrail"})


# The rule name of a question about the law answered with a rule's verdict, followed by its reading
# (« legal_question:verdict », « legal_question:grounds »).
LEGAL_QUESTION = "legal_question:"
# The refusing rules whose hits may be questions about the law rather than requests: the rules on practices.
_ASKED_ABOUT = frozenset({"conduct", "guardrail"})


# The name a conduct rule lists in ``yields_to`` to leave the legal guardrails (residence, nationality,
# imposed route) to decide when they find something in the same message.
GUARDRAILS = "guardrails"


def background_sources(prompts_dir: Path, cards: Path | None) -> tuple[Path, ...]:
    """The files the learned check's lawful background comes from: its texts, and the rules that pick them, in
    data and in code. Any change to one of them retrains the check."""
    rule_data = [prompts_dir / name for name in ("conduct.yaml", "lexicons.yaml", "legal_questions.yaml")]
    return (
        *utterance_files(prompts_dir / "intents"),
        *(sorted(cards.glob("*.yaml")) if cards is not None else ()),
        *(path for path in rule_data if path.is_file()),
        Path(__file__),
        Path(__file__).with_name("guardrails.py"),
    )


@dataclass(frozen=True)
class RefusalPolicy:
    """The refusal policy, the same for every backend: the route of an unlawful or out-of-scope
    request, named after the rule that refused it, or None.

    ``conduct`` holds the rules of ``<prompts_dir>/conduct.yaml``, ``refusal_parts`` the words of the legal
    guardrails' refusals (``<prompts_dir>/refusals.yaml``); the other rules are code.
    The engine applies the policy once per turn and hands its verdict (:class:`Screening`)
    down, so no backend applies it a second time.
    """

    conduct: tuple[ConductRule, ...]
    refusal_parts: RefusalParts
    model: UnlawfulClassifier | None = None  # the learned check; None: the rules alone
    # what tells a question about the law from a request (prompts/legal_questions.yaml); None: every hit refuses
    questions: LegalQuestions | None = None

    @classmethod
    def from_prompts(cls, prompts_dir: Path) -> RefusalPolicy:
        """The rules alone."""
        questions = prompts_dir / "legal_questions.yaml"
        return cls(
            load_conduct_rules(prompts_dir / "conduct.yaml"),
            load_refusal_parts(prompts_dir / "refusals.yaml"),
            questions=LegalQuestions.load(questions) if questions.is_file() else None,
        )

    @classmethod
    def learned(cls, prompts_dir: Path, models_dir: Path | None = None, cards_dir: Path | None = None) -> RefusalPolicy:
        """The rules and the learned check of ``<prompts_dir>/conduct_examples.yaml`` (its lawful background: the
        intent utterances and card questions the rules let through), cached in ``models_dir``; the rules alone
        without examples."""
        rules = cls.from_prompts(prompts_dir)
        examples = prompts_dir / "conduct_examples.yaml"
        if not examples.is_file():
            return rules
        utterances = prompts_dir / "intents"
        cards = cards_dir if cards_dir is not None and cards_dir.is_dir() else None
        model = UnlawfulClassifier.load(
            examples,
            lambda: lawful_background(utterances, cards, lambda text: rules.route(text) is not None),
            background_sources(prompts_dir, cards),
            models_dir,
        )
        return replace(rules, model=model)

    def route(self, message: str, folded: str | None = None) -> Route | None:
        folded = fold(message) if folded is None else folded
        rules: tuple[tuple[str, Callable[[str, str], Route | None]], ...] = (
            ("injection", _refuse_injection),
            ("conduct", self._refuse_conduct),  # before personal data: « exiger les CV dans l'offre » is a conduct
            ("personal_data", _refuse_personal_data),
            ("litigation", _refuse_litigation),
            ("guardrail", self._refuse_guardrail),
        )
        for name, rule in rules:
            refused = rule(message, folded)
            if refused is not None:
                if name in _CLEARABLE and self._model_clears(message, folded, refused):
                    return None
                return replace(refused, rule=name)
        return self._refuse_learned(message)

    def _model_clears(self, message: str, folded: str, refused: Route) -> bool:
        """The model, which has learned the family of this refusal, reads a question as lawful surely enough to let
        the rule's refusal go. A request for a text is never cleared: the model does not know every place name
        (« réserve les heures aux jeunes de Voiron »), and a text written for an unlawful practice costs more
        than a question refused."""
        if self.model is None or not ("?" in message or _QUESTION.search(folded)):
            return False
        if _asks_for_a_text(folded) or _DRAFTING_WORDS.search(folded):
            return False
        rule = self._conduct_rule(refused.guardrail.rule) if refused.guardrail else None
        if rule is not None and not rule.clearable:
            return False
        source = refused.guardrail.rule or refused.guardrail.kind if refused.guardrail else refused.refusal
        return (
            self.model.knows(source) and round(1.0 - self.model.unlawful_probability(message), 4) >= MODEL_CLEARS_ABOVE
        )

    def _refuse_learned(self, message: str) -> Route | None:
        """No rule refused, the model is sure of one unlawful family: that family's existing refusal, « Non »
        first, its decision naming the model and its probability (``unlawful_model:<family>``)."""
        if self.model is None:
            return None
        if len(fold(message).split()) < MODEL_REFUSES_FROM_WORDS:
            return None
        if self.model.unlawful_probability(message) < MODEL_REFUSES_ABOVE:
            return None  # most messages: the family model is not asked
        prediction = self.model.predict(message)
        family = self.model.families[prediction.family]
        decided = f"{LEARNED_RULE}{family.name}"
        if family.route is not None:
            return Route("refusal", refusal=family.route, rule=decided, probability=prediction.unlawful_probability)  # type: ignore[arg-type]
        refusal = self._family_refusal(family.kind, family.rule, message)
        if refusal is None:
            return None
        return Route(
            "refusal",
            refusal=refusal.kind,
            guardrail=refusal,
            rule=decided,
            probability=prediction.unlawful_probability,
        )

    def _conduct_rule(self, rule_id: str | None) -> ConductRule | None:
        return next((rule for rule in self.conduct if rule.id == rule_id), None)

    def _family_refusal(self, kind: str | None, rule_id: str | None, message: str) -> Refusal | None:
        if kind is not None:
            return legal_refusal(kind, self.refusal_parts)  # type: ignore[arg-type]
        rule = self._conduct_rule(rule_id)
        if rule is None:
            return None  # an examples file naming a rule conduct.yaml no longer has: the model stays silent
        if rule.excuses(conduct_words(message)):
            return None  # the rule's authors wrote down this lawful case (« 25 k€ », under the threshold): it wins
        return rule.refusal(conduct_words(message))

    def screen(self, message: str, previous: str | None = None) -> Screening:
        """The verdict on one message: refused, answered as a question about the law, or neither. ``previous``, the
        user's message before it, lets a short follow-up that only swaps the place of a residence the previous
        message asked for (« et s'il met habitants du canton plutôt ? ») get the same « Non »."""
        refused = self.route(message) or self._place_swapped(message, previous)
        if refused is None or refused.rule not in _ASKED_ABOUT or self.questions is None:
            return Screening(refused)
        reading = self.questions.read(message)
        if reading is None:
            return Screening(refused)  # a request: refused, however it is worded
        return Screening(None, answered=replace(refused, intent="question", rule=f"{LEGAL_QUESTION}{reading}"))

    def _refuse_guardrail(self, message: str, folded: str) -> Route | None:
        return _refuse_guardrail(message, folded, self.refusal_parts)

    def _place_swapped(self, message: str, previous: str | None) -> Route | None:
        """A short follow-up naming residents of a place (read as the publics of a clause) right after a message
        that asked to favour residents or local firms: the same requirement with another place."""
        folded = fold(message)
        if previous is None or len(folded.split()) > _SWAP_MAX_WORDS or not _FOLLOW_UP_OPENING.search(folded):
            return None
        before = self.route(previous)
        if before is None or before.guardrail is None or before.guardrail.kind not in _PLACE_KINDS:
            return None
        swapped = [r for r in check_request(message, self.refusal_parts, publics=True) if r.kind in _PLACE_KINDS]
        if not swapped:
            return None
        return Route("refusal", refusal=swapped[0].kind, guardrail=_merged(swapped), rule=PLACE_SWAPPED)

    def _refuse_conduct(self, message: str, folded: str) -> Route | None:
        """Unlawful conduct (fictitious hours, a blacklist, withheld payments, work « au black »…), asked
        about or asked for: « Non », why, and the lawful way."""
        refusals = check_conduct(message, self.conduct)
        if not refusals:
            return None
        requests = check_request(message, self.refusal_parts)
        if requests:
            # a category rule (discrimination…) that yields to the legal guardrails leaves a residence or a
            # nationality to them: their reason and their lawful way fit better
            yielding = {rule.id for rule in self.conduct if GUARDRAILS in rule.yields_to}
            refusals = [refusal for refusal in refusals if refusal.rule not in yielding]
            if not refusals:
                return None
        # the same message may also ask for a local preference or a nationality: every reason is given
        return Route("refusal", refusal="conduct", guardrail=_merged(refusals + requests))


# A follow-up of a residence or proximity request that swaps the place (« et s'il met habitants du canton plutôt ? »)
PLACE_SWAPPED = "guardrail_follow_up"
_PLACE_KINDS = frozenset({"residence", "proximity"})
_SWAP_MAX_WORDS = 15
_FOLLOW_UP_OPENING = _rx(r"^\s*(?:et|ou|mais|sinon|alors|bon|ok|d'accord)\b")


@dataclass(frozen=True)
class Screening:
    """The refusal policy's verdict on one message (``refusal`` None: not refused), computed once per turn;
    ``answered``: a question about a practice a rule recognised (« c'est légal ? »), answered on the question route
    with that rule's verdict, reason and lawful way (:mod:`assistant.legal_questions`)."""

    refusal: Route | None
    answered: Route | None = None


def _rule_refusal(s: Signals) -> Route | None:
    return s.screening.refusal or s.screening.answered


# An explicit request for a text: an imperative drafting verb, or « tu peux me rédiger… ».
_DRAFT_REQUEST = _rx(
    r"^\W*(?:\w+\W+){0,2}?(?:redige|ecris|fais|propose|prepare|genere|formule|compose|elabore)[sz]?"
    r"(?:[- ](?:moi|nous|lui))?\b(?! (?:il|elle|on|vous|tu)\b)"
    r"|^\W*(?:\w+\W+){0,2}?(?:mets|met|mettez)[- ](?:moi|nous)\b"
    # « …mets-le dans le CCAP », « mettez ça dans le règlement de consultation »: what was said, written into a document
    r"|(?<!\bon )(?<!\bje )(?<!\btu )(?<!\bil )(?<!\bla )(?<!\ble )(?<!\bles )(?<!\bl')"
    r"\b(?:mets|met|mettez)(?:[- ](?:le|la|les)| ca| cela) dans (?:le|mon|notre|ton|votre|la) "
    r"(?:ccap|cctp|rc|reglement de (?:la )?consultation|dce|cahier des charges)\b"
    # « …pour avoir la note max ? fais-moi un paragraphe : … »: an order opening a later sentence
    r"|[.?!:;]\s*(?:\w+\W+){0,1}?(?:redige|ecris|fais|prepare|formule)[sz]?[- ](?:moi|nous)\b"
    r"|\b(?:tu peux|tu pourrais|peux[- ]tu|pourrais[- ]tu|pouvez[- ]vous|vous pouvez|pourriez[- ]vous|vous pourriez|"
    r"est-ce que tu peux|est-ce que vous pouvez)\s+(?:me |nous |lui |m'|m |nous )?(?:l'|le |la |les )?"
    r"(?:rediger|ecrire|aider a (?:ecrire|rediger)|faire (?:un(?:e)?|le|la) (?:clause|article|courrier|mail|modele|paragraphe|"
    r"texte|critere|tableau|fiche|version|grille|lettre|convention|avis|message|cv)|"
    # « tu peux m'aider à faire un CV pour le ménage ? »
    r"aider a faire (?:un(?:e)?|le|la|mon|ma) (?:cv|lettre|courrier|mail|message)|"
    r"proposer (?:un(?:e)?|des|quelques|\d+) (?:clauses?|articles?|redactions?|criteres?|textes?|modeles?|questions|"
    r"questionnaires?)|"
    # « pouvez-vous me faire 5 ou 6 arguments courts ? »: so many items of a text to write
    r"(?:faire|ecrire|rediger|proposer|trouver) (?:\d+(?:\s*(?:ou|a|-)\s*\d+)?|quelques) (?:\w+ )?(?:arguments|questions|phrases|"
    r"messages|lignes|paragraphes)|"
    r"preparer un(?:e)? (?:clause|courrier|mail|modele|texte|article)|"
    # « tu peux me donner le projet de délibération ? »: a ready text asked for
    r"(?:donner|fournir) (?:le |la |l'|un |une )(?:projet de |modele de )?(?:deliberation|courrier|lettre|mail|modele))\b"
)
# « tu peux me l'écrire tel quel pour le RC ? »: the text just given, named by a pronoun, written again.
_TEXT_PRONOUN = _rx(r"(?:\bl'|\b(?:le|la|les) )(?:rediger|ecrire|reecrire|formuler|preparer)\b")
# « je voudrais que vous écriviez… », « je veux un texte tout prêt… », « comment tu l'écrirais dans
# le CCAP ? »: a text is asked for, though no imperative says so.
_TEXT_WISH = _rx(
    r"\bque (?:vous|tu) (?:m'|me |nous )?(?:ecriviez|ecrives|redigiez|rediges|prepariez|prepares|fassiez|fasses|"
    r"proposiez|proposes)\b"
    r"|\b(?:(?:je veux|je voudrais|j'aimerais|il (?:me|nous) (?:faut|faudrait))\s+|(?:j'ai|j'aurais|on a|on aurait|nous aurions) "
    r"besoin d'\s*)(?:un|une)\s+(?:\w+\s+)?(?:(?:projet|brouillon|proposition) de\s+)?(?:texte|courrier|mail|"
    r"modele|paragraphe|argumentaire|lettre|note|reponse type|reponse|tableau|grille|trame|canevas|questionnaire|formulaire)\b"
    r"|\b(?:a|pour|pret a|prete a|prets a|pretes a) (?:coller|copier[- ]coller|recopier)\b"
    # « une phrase que je peux mettre dans notre convention », « un paragraphe que je pourrai coller dans le mail »
    r"|\b(?:un|une|le|la|des) (?:\w+ )?(?:texte|phrase|paragraphe|mail|courrier|message|formulation|mention|lettre|"
    r"modele)s? (?:\w+ ){0,2}?(?:que|qu') ?(?:je|j'|on|nous) ?(?:\w+ )?(?:peux|puisse|pourrai[st]?|pourra|peut|"
    r"pouvons|puissions) (?:le |la |les |l')?(?:mettre|coller|copier|recopier|reprendre|inserer|integrer|glisser|envoyer)\b"
    r"|\bcomment (?:tu |vous |je |on )?(?:l'|le |la |les )?(?:ecrirai[st]|ecririez|redigerai[st]|redigeriez|"
    r"formulerai[st]|formuleriez|mettrai[st]|mettriez)\b(?! (?:il|elle|on)\b)"
    # « comment je rédige la méthode de notation ? » asks for that text; « comment je rédige un sous-critère… ? » asks
    # how such texts are written in general, answered from the guides
    r"|\bcomment (?:tu |vous |je |on )?(?:l'|le |la |les )?(?:redige|ecri[st]|formule)\b(?! (?:il|elle|on|un|une|des)\b)"
)
# « je voudrais la clause d'insertion pour le lot 3 », « il me faut l'article du CCAP »: the text itself wished for,
# drafted with its missing figures as blanks (a wish to know how many hours is a computation: _COMPUTE_ASK).
_TEXT_ITSELF_WISHED = _rx(
    r"\b(?:je veux|je voudrais|j'aimerais|il (?:me|nous) (?:faut|faudrait)|j'ai besoin de|on a besoin de)\s+"
    r"(?:la |l'|le |les )(?:clauses?|articles?|mentions?|criteres?|sous-criteres?|redactions?|formulations?)\b"
)
# « je veux limiter X mais autoriser Y : comment je rédige ça ? »: the rule just described, to be written.
_HOW_TO_WRITE_THAT = _rx(
    r"\bcomment (?:je |on |tu |vous )?(?:le |la |l')?(?:redige|ecri[st]|formule|redigerai[st]|ecrirai[st]|formulerai[st]|"
    r"redigeriez|ecririez|formuleriez)\s+(?:ca|cela|tout ca)\b"
)
# « quelle rédaction dans le RC pour informer les candidats ? », « et la phrase à mettre dans le RC ? »: the words of
# a document asked for, without a writing verb.
_TEXT_FOR_A_DOCUMENT = _rx(
    # « texte pour le RC stp : … », « petite phrase pour le CCAP » open the message without an article
    r"(?:^\W*|\b(?:quel(?:le)?s?|la|le|les|une|un) )(?:(?:petite?s?|courte?s?|bref|breve) )?"
    r"(?:redactions?|formulations?|phrases?|mentions?|paragraphes?|textes?|"
    r"libelles?|clauses? types?) (?:a (?:mettre|inserer|ajouter|ecrire|porter|faire figurer|prevoir|inscrire) )?"
    r"(?:dans|pour|en tete d?u?) (?:le |la |l'|un |une |mon |notre |nos |mes |les )?"
    r"(?:rc|ccap|cctp|reglements?(?: de (?:la )?consultation)?|avis(?: de (?:publicite|marche|concurrence))?|aapc|dce|"
    r"acte d'engagement|ae|deliberation|convention|courrier|mail|lettre)\b"
)
# Whether such words are required, enough or lawful is a question (« la mention dans l'avis est-elle obligatoire ? »).
_WORDING_JUDGED = _rx(
    r"\b(?:obligatoire\w*|suffi\w*|legal\w*|valable|risqu\w*|est-(?:elle|il)|sont-(?:elles|ils)|doit|doivent|faut-il|"
    r"peut-on|peut-elle|peut-il)\b"
)


def _asks_the_words_of_a_document(folded: str) -> bool:
    """The words to put in a document asked for (« quelle rédaction dans le RC pour informer les candidats ? »),
    not judged (« la mention dans l'avis est-elle obligatoire ? »)."""
    return bool(_TEXT_FOR_A_DOCUMENT.search(folded)) and not _WORDING_JUDGED.search(folded)


# Drafting nouns that make an imperative a request for a text (« fais-moi un courrier »).
_DRAFT_OBJECT = _rx(
    r"\b(clause|article|courrier|mail|e-mail|courriel|message|sms|modele|paragraphe|texte|critere|sous-critere|tableau|"
    r"lettre|convention|"
    r"avis|mention|redaction|version|grille|memoire|ccap|rc|reglement|phrase|formulation|deliberation|"
    r"questionnaire|formulaire|fiche|argumentaire|arguments|trame|canevas|lignes|justification|annonce|annonces)\b"
    # a CV to write (« m'aider à faire un CV »), not the purpose of another text (« une attestation … pour son CV »)
    r"|(?<!pour )\b(?:un|le|mon|ce) cv\b"
    # a note written for someone (« une note d'une page pour le conseil »), not the score (« 10 % de la note »)
    r"|\bnote (?:d'une|de deux|d'une demi|de synthese|de presentation|explicative|d'information|au dossier|aux?|pour)\b"
    r"|\b(?:projet|brouillon|proposition|premiere version) de (?:reponse|courrier|lettre|note|mail|texte)\b"
    # an attestation of the hours worked (« une attestation comme quoi j'ai fait 35 h d'insertion »): the hours statement
    r"|\battestations?\b(?=[^.?!]{0,40}?(?:\b\d+ ?h\b|\bheures\b))"
)


# A market or a lot reserved to a legal category of structures (SIAE, L2113-13; EA and ESAT, L2113-12) is lawful:
# the neighbour of a reservation to one named structure or association, which a card says « Non » to.
_CATEGORY_RESERVATION = _rx(
    r"\breserv\w*\s+(?:(?:le|la|les|un|une|ce|cette|ces|du|des|notre|nos)\s+)?(?:marches?|lots?|consultations?|"
    r"accords?-cadres?|prestations?)\b\s+(?:[\w']+\s+){0,6}?(?:aux|a des|a les)\s+(?:siae|ea|esat|structures d'insertion|"
    r"structures inclusives|"
    r"entreprises adaptees|entreprises d'insertion|structures de l'insertion par l'activite economique)\b"
)


def asks_a_category_reservation(message: str) -> bool:
    """A market or lot reserved to a legal category of structures, a lawful text to draft."""
    return bool(_CATEGORY_RESERVATION.search(fold(message)))


def requested_content(message: str) -> str:
    """What a text asked for must say, without the request's frame (« rédige l'article du CCAP qui… », « en 5 lignes
    que je l'envoie à l'adhérent »): the writing verb, the kind of document, its length and who it is for name the
    document, not the practice it would set down."""
    folded = fold(message)
    for frame in (_SHORT_TEXT, _TEXT_FOR_SOMEONE, _DRAFT_REQUEST, _GIVE_TEXT, _DRAFT_OBJECT):
        folded = frame.sub(" ", folded)
    return " ".join(folded.split())


# A writing verb in the imperative whose object is what was just said: « écris-moi ça en 3 lignes ».
_WRITE_THAT = _rx(
    r"^\W*(?:\w+\W+){0,2}?(?:redige|ecris|formule|reformule|resume)[sz]?(?:[- ](?:moi|nous))?[- ]"
    r"(?:ca|cela|tout ca|le|la|les|l'|celui-ci|celle-ci)\b(?! (?:il|elle|on|vous|tu)\b)"
)


# « en 3-4 lignes que je peux leur transférer », « qu'est-ce que je lui réponds, en deux phrases ? »: a text of a given
# length for someone, to send as it is.
_SHORT_TEXT = _rx(r"\ben (?:\d+(?:\s*(?:-|a|ou)\s*\d+)?|une|deux|trois|quatre|cinq|quelques) (?:lignes|phrases)\b")
_TEXT_FOR_SOMEONE = _rx(
    r"\bque (?:je|j'|on) (?:\w+ )?(?:leur |lui |l')?(?:transf\w*|envoi\w*|envoy\w*|transmet\w*|coll\w*)\b"
    r"|\b(?:je|on) (?:lui|leur) (?:reponds|repond|dis|dit|ecris|ecrit)\b"
)


# « je prépare un marché… » describes the user's own work: a subject before the verb is no imperative.
_OWN_ACTION = _rx(
    r"\b(?:je|j'|nous|on|il|elle|ils|elles)\s+(?:\w+\s+)?"
    r"(?:redige|ecri[st]|fai[st]|propose|prepare|genere|formule|compose|elabore)\w*"
)


# « comment est rédigé un marché réservé ? » asks how texts are written, not for a text.
_PASSIVE = _rx(
    r"\b(?:est|sont|etre|ete)\s+(?:redige|ecri[st]|fai[st]|propose|prepare|genere|formule|compose|elabore)\w*"
)


# « un tableau pour estimer les heures à partir des montants », « un tableau pour mes lots, voici les montants »:
# figures to compute, laid out, not a text to write.
_TABLE_REQUEST = _rx(
    r"\b(?:faire|fais|fait|faites|donne\w*|prepare\w*|dresse\w*|sors|sortir)(?:[- ]moi|[- ]nous)?\s+"
    r"(?:un|une|le|la|mon|ce)\s+(?:\w+\s+)?tableaux?\b"
    # « tu peux me l'écrire sous forme de tableau pour les 6 lots ? »: the figures laid out in a table
    r"|\b(?:sous (?:la )?forme d(?:e |')\s*(?:un )?|en )tableaux?\b"
)
_COMPUTATION_TABLE = _rx(r"\btableaux?\b.{0,80}\b(?:estim\w*|calcul\w*|dimensionn\w*|chiffr\w*|montants?|lots?)\b")


def _rule_computation_table(s: Signals) -> Route | None:
    """A table of computed hours asked for, with the amounts given: a sizing, not a draft."""
    if s.prediction is None or s.extraction.amount is None or not _COMPUTATION_TABLE.search(s.folded):
        return None
    if _TABLE_REQUEST.search(s.folded) or _TEXT_WISH.search(s.folded) or _COMPUTE_ASK.search(s.folded):
        return Route("sizing")
    return None


# « …qui porte les heures ou on répartit ? Comment je l'écris dans le CCAP ? »: how to write it, asked after a real
# question, wants that question answered (with how the documents say it), not a text in its place.
_MODEL_AFTERTHOUGHT_WORDS = (
    r"\b(?:vous avez|t'as|tu as|avez-vous|as-tu|y a|il y a|y a-t-il|existe-t-il|il existe)(?: un| une)? "
    r"(?:modeles?|trames?|exemples?)\s*\?"
)
_MODEL_AFTERTHOUGHT = _rx(_MODEL_AFTERTHOUGHT_WORDS)
_HOW_TO_WORD_IT = _rx(
    r"\bcomment (?:je |j'|on |tu |vous |nous )?(?:l'|le |la |les |y )?(?:ecri\w*|redig\w*|formul\w*|mets|met|mettre|"
    r"traduis\w*|inscri\w*)\b"
    # « Qui fait l'attestation, nous ou l'entreprise ? Vous avez un modèle ? »: the model is the afterthought
    r"|" + _MODEL_AFTERTHOUGHT_WORDS
)
# A sentence that asks something: at least this many words before its question mark.
_REAL_QUESTION_WORDS = 4


def _asks_first_then_how_to_word_it(s: Signals) -> bool:
    """A question of substance, then « comment je l'écris ? » as an afterthought, and no text ordered in so many
    words (« rédige-le », « donne-moi la clause »)."""
    wording = _HOW_TO_WORD_IT.search(s.folded)
    if wording is None or _DRAFT_REQUEST.search(s.folded) or _GIVE_TEXT.search(s.folded):
        return False
    before = s.folded[: wording.start()]
    asked = [part for part in before.split("?")[:-1] if len(part.split()) >= _REAL_QUESTION_WORDS]
    return any(not _HOW_TO_WORD_IT.search(part) and not _WRITE_VERB.search(part) for part in asked)


def _rule_question_then_wording(s: Signals) -> Route | None:
    if s.prediction is None or not _asks_first_then_how_to_word_it(s):
        return None
    # « … il contient quoi ? vous avez un modèle ? »: answered, and the draft offered after the answer
    rule = MODEL_ASKED if _MODEL_AFTERTHOUGHT.search(s.folded) else "question_then_wording"
    return replace(_question_route(s, s.prediction), rule=rule)


# « t'as une grille de 0 à 5 pour noter le critère ? », « un barème de notation du mémoire » : a scoring grid for
# the offers is a text to draft (the criterion with its grid), not a question about criteria.
_SCORING_GRID = _rx(
    r"\b(?:grilles?|baremes?|echelles?)\s+(?:\w+\s+){0,2}?(?:de\s+)?(?:notation|cotation|0\s*a\s*\d+|sur\s+\d+)\b"
    r"|\b(?:noter|notes?|notation)\s+(?:\w+\s+){0,3}?de\s+0\s+a\s+\d+\b"
)
_AWARD_TOPIC = _rx(r"\b(?:criteres?|sous-criteres?|offres?|memoires?|analyse|jugement|notation)\b")


def _rule_scoring_grid(s: Signals) -> Route | None:
    """A scoring grid for an award criterion asked for: drafted with the criterion it scores; right after that
    criterion, how to mark it (« ok et comment je note ça sur 10 points ? ») asks for its grid."""
    if s.prediction is None:
        return None
    if s.last == "drafting" and s.state.draft_kind == "criterion" and _MARKING_ASKED.search(s.folded):
        return Route("drafting", follow_up=True)
    if not _SCORING_GRID.search(s.folded) or not _AWARD_TOPIC.search(s.folded):
        return None
    return Route("drafting", follow_up=s.last == "drafting")


_MARKING_ASKED = _rx(
    r"\bcomment\s+(?:je\s+|on\s+|tu\s+)?(?:le\s+|la\s+|les\s+|ca\s+)?not\w*|\bnot\w*\s+(?:ca\s+|le\s+|la\s+)?sur\s+\d+\b"
    r"|\b(?:grilles?|baremes?)\b"
)


def _rule_drafting_request(s: Signals) -> Route | None:
    if s.prediction is None:
        return None
    if _QUESTIONS_TO_PUT.search(s.folded):
        return Route("drafting", follow_up=False)  # « donne-moi 5 questions à poser au maire »: the list is the text
    request = _DRAFT_REQUEST.search(s.folded)
    if request and (_OWN_ACTION.search(s.folded[: request.end()]) or _PASSIVE.search(s.folded[: request.end()])):
        request = None
    if request and _laid_out_answer(s.folded):
        request = None  # « tu peux me faire un tableau comparatif ? » asks for an answer laid out, not a text
    if request is None and _GIVE_TEXT.search(s.folded):
        request = _GIVE_TEXT.search(s.folded)
    if request and _DRAFT_OBJECT.search(s.folded):
        follow = s.last in {"sizing", "drafting"} and (
            _CORRESPONDING.search(s.folded) is not None
            or s.words <= 8
            or _TEXT_PRONOUN.search(request.group(0)) is not None
        )
        return Route("drafting", follow_up=follow)
    if _SHORT_TEXT.search(s.folded) and _TEXT_FOR_SOMEONE.search(s.folded):
        return Route("drafting", follow_up=s.last == "drafting")  # « je lui réponds quoi, en deux phrases ? »
    if _WRITE_THAT.search(s.folded) and s.last is not None:
        return Route("drafting", follow_up=s.last == "drafting")  # « écris-moi ça en 3 lignes »: what was said
    if (
        _TEXT_WISH.search(s.folded)
        and (_DRAFT_OBJECT.search(s.folded) or s.last == "drafting")
        and not _laid_out_answer(s.folded)
    ):
        return Route("drafting", follow_up=s.last == "drafting")
    if _TEXT_ITSELF_WISHED.search(s.folded) and not _COMPUTE_ASK.search(s.folded) and "?" not in s.message:
        return Route("drafting", follow_up=s.last == "drafting")
    if _HOW_TO_WRITE_THAT.search(s.folded) or _asks_the_words_of_a_document(s.folded):
        return Route("drafting", follow_up=s.last == "drafting")
    if _asks_for_a_model_it_has(s.folded) and _DRAFT_OBJECT.search(s.folded):
        return Route("drafting", follow_up=s.last == "drafting")  # « t'as un modèle de tableau de suivi ? »
    if (
        _SET_PARAMETER.search(s.folded)
        and s.extraction.penalty_per_hour is not None
        and not _VALIDITY_ASKED.search(s.folded)
    ):
        return Route("drafting", follow_up=s.last == "drafting")  # « mets une pénalité de 500 € par heure »
    return None


# « mets une pénalité de 100 € par heure, c'est ok ça ? »: whether the figure holds is asked, not the article.
_VALIDITY_ASKED = _rx(
    r"\b(?:c'est|c est|ca|cela|est-ce)\s+(?:ok|bon|correct|legal|possible|jouable|raisonnable|trop|abuse|valable)\b"
    r"[^?]{0,20}\?\s*$|\bca (?:passe|va|tient)\s*(?:juridiquement\s*)?\?\s*$"
)


# Questions to put to a buyer or a mayor, asked for (« donne-moi 5 questions précises à poser au maire », « quelles
# questions poser en conseil municipal ? »): the list of oversight questions.
_QUESTIONS_TO_PUT = _rx(
    r"\b(?:donne|propose|fais|fait|liste|prepare|ecris|redige|trouve)[sz]?(?:[- ](?:moi|nous))?\s+(?:\d+|quelques|des|les)\s+"
    r"questions\b[^.?!]{0,40}?\ba\s+(?:poser|demander)\b"
    r"|\bquel(?:le)?s\s+questions\b[^.?!]{0,30}?\b(?:poser|demander)\s+(?:au|a\s+la|a\s+l'|aux|en)\s*"
    r"(?:maire|bailleur|acheteu\w*|elus?|conseil\w*|president\w*|departement|collectivite|commune|mairie|titulaire|"
    r"maitre d'ouvrage|mo|commission)\b"
)


# A request anywhere in the message (« … Proposez-moi une réponse courte »), not only at its start.
_REQUEST_ANYWHERE = _rx(
    r"\b(?:redige|ecris|fais|faites|propose|proposez|prepare|preparez|ecrivez|redigez|donne|donnez)[sz]?[- ](?:moi|nous)\b"
    r"|\b(?:fais|faites)[- ]m'en\b"
    r"|\b(?:tu peux|peux[- ]tu|pouvez[- ]vous|vous pouvez|pourriez[- ]vous|tu pourrais)\s+(?:me |nous |m')?"
    r"(?:rediger|ecrire|faire|proposer|preparer|donner)\b"
)


def _rule_genre_request(s: Signals) -> Route | None:
    """A text of a document genre asked for (a note, speaking notes, a reply, a plan, a FAQ…): drafted,
    even where no catalogue noun names it; after a draft, naming the genre is enough (« avec un planning »)."""
    if s.prediction is None:
        return None
    # the answer to « Sur quel sujet voulez-vous une note ? »: the topic of the text asked for
    asked_back = (s.state.draft_kind or "").startswith("genre:") and not s.state.draft_params.get("topic")
    if s.last == "drafting" and asked_back and s.words <= 15:
        return Route("drafting", follow_up=True)
    if find_genre(s.message) is None:
        return None
    if _REQUEST_ANYWHERE.search(s.folded) or (s.last == "drafting" and s.words <= 20):
        return Route("drafting", follow_up=s.last == "drafting")
    return None


# The documents of a consultation that go with a drafted text (« et dans le RC, il faut mettre quoi pour aller avec ? »).
_COMPANION = _rx(
    r"\b(?:ccap|cctp|rc|reglement(?: de (?:la )?consultation)?|avis(?: de (?:publicite|marche))?|aapc|dce)\b"
)


def _rule_companion_document(s: Signals) -> Route | None:
    """Right after a draft, what goes into another document « pour aller avec » is that document's text, drafted
    from the same parameters; asked without a draft before, it is a question on what documents contain."""
    if s.last == "drafting" and s.words <= 20 and _CORRESPONDING.search(s.folded) and _COMPANION.search(s.folded):
        return Route("drafting", follow_up=True)
    if s.last == "drafting" and s.words <= 20 and _ANOTHER_TEXT.search(s.folded):
        # « et un projet de délibération qui va avec ? »: another text of the same matter
        return Route("drafting", follow_up=False)
    return None


# After a draft, another text asked for by its name alone (« et un projet de délibération qui va avec, avec les visas ? »).
_ANOTHER_TEXT = _rx(
    r"^\W*(?:(?:et|ok|puis|alors|maintenant|aussi)\W+){1,2}(?:un|une|le|la|l')\s*(?:projet de |modele de )?"
    r"(?:deliberation|courrier|lettre|mail|convention|avis|article|clause|critere|annonce|mention|note|tableau de suivi)\b"
    r"(?=.*\b(?:qui va avec|qui vont avec|pour aller avec|correspondante?|associee?|aussi|egalement|avec (?:les|des|le|la))\b)"
)


_COMPARISON_TABLE = _rx(
    r"\btableaux? (?:comparatifs?|de comparaison|recapitulatifs?)\b|\bcomparatifs?\b"
    # « un tableau simple qui montre ce qui compte pour l'OETH et ce qui compte pour la clause »: a comparison
    r"|\btableaux?\b[^.?!]{0,40}?\b(?:qui (?:compare\w*|distingue\w*)|(?:montr|resum|expliqu|recapitul)\w* ce qu)"
)
# « fais-moi la liste des publics éligibles », « un exemple de coût pour 300 h »: information laid out,
# answered from the guides, not a text to paste.
_ANSWER_LAYOUT = _rx(
    r"\b(?:la |une )liste (?:des|de|d')\b(?! (?:pieces|clauses?) a (?:mettre|inserer|coller))"
    r"|\bun (?:resume|recap\w*|topo|point rapide)\b|\bexemple de (?:cout|prix|budget|tarif)\b"
    # « tu peux me faire la différence entre EA et ESAT ? »: a distinction explained, not a text to write
    r"|\b(?:faire|fais|fait|faites|donner|donne)(?:[- ]moi|[- ]nous)? (?:la|les) differences?\b"
)
_WRITE_VERB = _rx(r"\b(?:redige[rsz]?|redaction|ecri[rstv]\w*)\b")


# The rule of a question asking what a model looks like: answered, and a draft offered (the backend adds the offer).
MODEL_ASKED = "model_asked"
# « il ressemble à quoi ? », « y a un modèle ? », « qu'est-ce qu'on met dedans ? »: a wish to see what a
# document contains, not a request to write one (that is « rédige-moi… », « je voudrais un modèle… »).
_SEE_A_MODEL = _rx(
    r"\b(?:a quoi (?:il |elle |ils |elles |ca |cela )?ressembl\w*|(?:il|elle|ils|elles|ca) ressembl\w* a quoi)"
    r"|\b(?:(?:il )?y a|y a[- ]t[- ]il|il existe|existe[- ]t[- ]il|est-ce qu'il (?:y a|existe)) (?:un|des) "
    r"(?:modeles?|exemples?|trames?|formats?)(?: type)?\b"
    r"|(?:\bqu'est-ce qu'|\bqu'est-ce que |\bque |\bqu')(?:il |elle |on |je |j'|y )?(?:doi[st] |faut )?"
    r"(?:contenir|contient|mettre|met|mets|indiquer)\b"
    r"|\b(?:il|elle|ca) (?:contient|comporte) quoi\b|\bon (?:y )?met quoi(?: dedans)?\b"
    # « je mets quoi dans mon mémoire technique ? », « qu'est-ce que j'écris sur la partie insertion ? »
    r"|\b(?:je|j'|on|nous|il|elle) ?(?:y )?(?:dois |doit |peux |peut |devrais |pourrais )?"
    r"(?:mets?|mettons|mettre|ecris|ecrire|indique|indiquer|raconte|raconter|parle|dis|dire) quoi\b"
    r"|\bquoi (?:mettre|ecrire|indiquer|raconter)\b"
)


# « t'as un modèle de tableau de suivi ? colonnes… », « vous auriez une trame de courrier ? »: the assistant asked
# for a model it has, i.e. to write one; with what it contains asked too, the question is answered and a draft offered.
_HAS_A_MODEL = _rx(
    r"\b(?:vous avez|avez-vous|t'as|tu as|as-tu|tu aurais|t'aurais|aurais-tu|vous auriez|auriez-vous) (?:un|une|des) "
    r"(?:(?:modeles?|trames?|canevas|formats?)\b|exemples? (?:de |d')(?:\w+ )?(?:clauses?|articles?|courriers?|lettres?|"
    r"mails?|tableaux?|conventions?|notes?|textes?|criteres?)\b)"
)


def _asks_for_a_model_it_has(folded: str) -> bool:
    """The assistant asked for a model of a text it can write, nothing asked of what a model contains."""
    return bool(_HAS_A_MODEL.search(folded)) and not _SEE_A_MODEL.search(folded)


def _asks_to_see_a_model(folded: str) -> bool:
    """What a model or a document looks like is asked, and no text is requested in so many words."""
    return bool(_SEE_A_MODEL.search(folded)) and not (
        _DRAFT_REQUEST.search(folded) or _TEXT_WISH.search(folded) or _GIVE_TEXT.search(folded)
    )


# « tu me proposes quoi comme pondération ? », « quelle pondération pour le critère ? »: a figure to choose,
# answered from the guides with its usual range, not a text to write.
_WEIGHT_ADVICE = _rx(
    r"\bquoi comme (?:ponderation|poids|taux|pourcentage)\b|\bquel(?:le)?s? (?:ponderation|poids)\b"
    r"|\b(?:ponderation|poids) (?:je |on |tu )?(?:mets?|mettrais|prends?|retiens?|conseilles?|proposes?)\b"
)


def _asks_for_a_weight(folded: str) -> bool:
    """The weight of a criterion asked for, without a text asked in so many words."""
    return bool(_WEIGHT_ADVICE.search(folded)) and not _WRITE_VERB.search(folded)


# « la pénalité par heure non faite, c'est combien d'habitude ? », « quel montant est courant ? »: the usual figure
# asked, what practice and the guides say of it, not a text to write.
_USUAL_FIGURE = _rx(
    r"\bcombien (?:d'habitude|en general|en moyenne|habituellement|generalement|en pratique|d'ordinaire)\b"
    r"|\b(?:montants?|taux|prix|penalites?|ponderations?|chiffres?)\s+(?:\w+\s+){0,2}?(?:usuel|habituel|courant|classique|"
    r"moyen|normal)(?:le)?s?\b"
    r"|\b(?:d'habitude|habituellement|en general|generalement)\b[^?]{0,60}\?"
)


def _asks_the_usual_figure(folded: str) -> bool:
    """The usual amount or rate asked, without a text asked in so many words."""
    return bool(_USUAL_FIGURE.search(folded)) and not _WRITE_VERB.search(folded) and not _DRAFT_REQUEST.search(folded)


def _laid_out_answer(folded: str) -> bool:
    """A comparison table, a list or an example figure asked for, not a text to write."""
    return bool(_COMPARISON_TABLE.search(folded)) or (
        bool(_ANSWER_LAYOUT.search(folded)) and not _WRITE_VERB.search(folded)
    )


# « … donne-moi un article complet avec objet, publics, suivi » anywhere in the message; not « un article du code ».
_GIVE_TEXT = _rx(
    r"\bdonne[sz]?(?:[- ]moi|[- ]nous)? (?:un|une) (?:(?:projet|brouillon|proposition) de (?:reponse|note)|modele|clause|article|"
    r"texte|courrier|lettre|phrase|formulation|grille|trame|paragraphe|mail)\b"
    r"(?! (?:de loi|du code|de la loi|l\d|r\d))"
    r"|\b(?:tu me|vous me|me) donne[sz]? (?:la|le|une|un) (?:phrase|mention|formulation|redaction|clause)\b"
    r"(?! (?:de loi|du code|de la loi|de l'article|l\d|r\d))"
)


# After a drafted text, a message that edits it asks for the text again, revised: « plus court
# stp », « rajoute qu'on gère le suivi », « enlève les pénalités », « 5 lignes max ».
_LEAD_WORDS = r"\W*(?:(?:ok|okay|stp|svp|et|alors|bon|merci|super|parfait|oui|puis|maintenant|du coup)\W+){0,2}"
_LEAD = "^" + _LEAD_WORDS
_SET_PARAMETER = _rx(_LEAD + r"(?:mets|met|mettez|prevois|prevoyez|ajoute|ajoutez|rajoute|rajoutez)\b")
# The same lead after a first sentence that judges the draft (« trop vague. Ajoute un indicateur »).
_SENTENCE_LEAD = r"(?:^|[.!?;:]\s+)" + _LEAD_WORDS
_REVISION_ASK = _rx(
    _SENTENCE_LEAD + r"(?:rajoute|ajoute|enleve|retire|supprime|remplace|modifie|corrige|"
    r"complete|reformule|raccourcis|simplifie|allege|mets|met|integre|inclus|fais)[sz]?\b"
    r"|\bplus (?:court|courte|simple|concis\w*|direct|clair|long|longue|detaille\w*|percutant|sympa)\b"
    r"|\bmoins (?:soutenu|formel|administratif|long|juridique|technique|pompeux|sec)\b"
    r"|\bpas trop (?:administratif|formel|soutenu|juridique|long)\b|\b\d+ lignes\b|\bversion (?:courte|simple|plus)\b"
    r"|\b(?:dans|pour) (?:le |un |mon |notre |l')(?:ccap|rc|mail|courrier|avis)\b.{0,20}\?\s*$"
    # the same edits asked politely: « tu peux raccourcir ? », « pourriez-vous le reformuler ? »
    r"|\b(?:tu peux|tu pourrais|peux[- ]tu|pourrais[- ]tu|vous pouvez|pouvez[- ]vous|pourriez[- ]vous)\s+(?:me |nous )?"
    r"(?:le |la |les |l')?(?:rajouter|ajouter|enlever|retirer|supprimer|remplacer|modifier|corriger|completer|"
    r"reformuler|raccourcir|simplifier|alleger|rallonger|developper|adapter|integrer|mettre (?:en|dans|sous)|"
    r"presenter (?:en|dans|sous)|transformer|convertir|exporter)\b"
    # the same text in another layout (« au format Excel », « que je puisse copier dans un tableur »)
    r"|\b(?:au |en |dans un |sous )format (?:excel|tableur|csv|word|tableau)\b"
    r"|\b(?:que|pour que) (?:je|j'|on) (?:puisse |le |la |les |l')*(?:copie|colle|recopie|copier|coller|importe)\b"
)


# « et si c'est un accord-cadre à bons de commande ? » after a clause: the same clause, for that market.
_FRAMEWORK_WORDS = _rx(r"\b(?:accords?[\s-]+cadres?|bons?\s+de\s+commandes?)\b")


# The drafted texts whose wording changes when the market is a framework agreement (the execution clause becomes
# the framework one, the mémoire's hours follow the orders): after another text (a letter, an e-mail) or after no
# text at all, « et si c'est un accord-cadre ? » asks how the clause works then.
_FRAMEWORK_REDRAFTED = frozenset({"execution", "framework-agreement", "tender-memo"})
# A source asked for (« la référence exacte de l'article », « c'est quel article ? », « tu as le texte ? »).
_REFERENCE_ASKED = _rx(
    r"\b(?:donner|donne|donnez|indiquer|indique|citer|cite|preciser|precise)\s+(?:moi\s+|nous\s+)?(?:la|les|le|l')\s*"
    r"(?:references?|numeros?|articles?|sources?|textes? de loi|fondements?)\b"
    r"|\b(?:quel|quels)\s+articles?\b|\breference exacte\b"
)
# « rajoute que j'ai été au RSA, ça peut jouer en ma faveur non ? »: whether a fact helps or is allowed is asked,
# a question answered from the guides even when worded as an edit of the text just drafted.
_JUDGEMENT_ASKED = _rx(
    r"\b(?:ca|cela|c'|ce qui)\s*(?:me |nous |lui |leur )?(?:peut|pourrait|pourra|compte|comptera|joue|jouera|"
    r"aide|aidera|change|changera|sert|servira|vaut)\w*\b"
    r"[^?]{0,60}\?"
    r"|\b(?:non|ou pas|oui ou non|hein|pas vrai)\s*\?\s*$"
    # « un ciblage QPV, c'est pas la même chose qu'une préférence communale ? »: a distinction asked, answered
    r"|\b(?:c'est|est-ce|ce n'est|ce serait|ca reste)\s+(?:pas\s+|donc\s+|vraiment\s+)?(?:la meme chose|pareil|equivalent|"
    r"different\w*|comparable)\b[^?]{0,80}\?"
)


def _rule_draft_revision(s: Signals) -> Route | None:
    if s.last != "drafting" or s.words > 30:
        return None
    if _JUDGEMENT_ASKED.search(s.folded):
        return None
    framework_again = (
        s.words <= 15
        and _FOLLOW_UP_START.search(s.folded) is not None
        and _FRAMEWORK_WORDS.search(s.folded) is not None
        and s.state.draft_kind in _FRAMEWORK_REDRAFTED
    )
    if _REVISION_ASK.search(s.folded) or framework_again:
        return Route("drafting", follow_up=True)
    if s.words <= 15 and _SAME_TEXT.search(s.folded):
        return Route("drafting", follow_up=True)  # « et la même pour une entreprise de paysage »: the text again
    return None


# « et la même pour… », « le même mais pour le lot 2 »: the text just drafted, for another addressee or market.
_SAME_TEXT = _rx(
    r"^\W*(?:(?:et|ok|puis|alors|super|merci)\W+){0,2}(?:la|le|les)\s+memes?\b(?:\s+(?:chose|texte|version|lettre|mail|"
    r"courrier|clause|article))?\s*,?\s*(?:mais\s+)?(?:pour|avec|en|sur|a)\b"
)


# After hours were computed, « ça fait combien de personnes à temps plein ? » converts them.
_PEOPLE_ASK = _rx(
    r"\bcombien (?:de |d')(?:personnes|salaries|postes|gars|etp|equivalents?|emplois|jeunes|interimaires|ouvriers|"
    r"contrats|recrutements|embauches)\b|\btemps plein\b|\betp\b"
)
# « mets-moi ça dans un tableau par lot » after a sizing: the same computation, shown again.
_TABLE_ASK = _rx(r"\btableau\b|\brecap\w*\b|\bpar lot\b")


# each share of given hours asked (« ça fait combien chacun ? », « fais-moi la répartition »)
_SPLIT_ASK = _rx(r"\bcombien\b|\brepartition\b|\bcalcul")
_SHARES = _rx(r"\b(\d{1,2})\s*%?\s*/\s*(\d{1,2})\s*%?(?:\s*/\s*(\d{1,2})\s*%?)?(?!\s*(?:h|heures|mois|ans)\b)")
# « 2 gars », « une personne » (one person counts only with their weekly hours: « un gars à 35 h par semaine »)
_PEOPLE = _rx(
    r"\b(\d|une?|deux|trois|quatre|cinq)\s+(?:de (?:nos|mes|leurs|ses)\s+)?"
    r"(?:gars|personnes?|salaries?|mecs?|jeunes?|ouvriers?|agents?|postes?|alternants?|apprentis?|interimaires?)\b"
)
# « j'en prends 2 à mi-temps », « on en met trois »: the people named by « en », the hours' holders just discussed.
_PEOPLE_EN = _rx(
    r"\b(?:j'en|on en|nous en|en) (?:prend|prends|prendrai[st]?|prenons|embauche|embauches|embaucherai[st]?|"
    r"recrute|recrutes|recruterai[st]?|mets|met|mettrai[st]?|mettons|place|places|affecte)\s+(\d|deux|trois|quatre|cinq)\b"
)
# « et si on est 3 à se les partager ? »: the people who share the hours, said as « we ».
_WE_ARE = _rx(r"\b(?:on est|on serait|nous sommes|nous serions|on sera)\s+(\d|deux|trois|quatre|cinq)\b")
_HALF_TIME = _rx(r"\bmi[- ]?temps\b")
_DURATION_ASK = _rx(
    r"\bcombien de (?:semaines|mois|temps)\b|\bca (?:prend|fait|represente) combien de (?:semaines|mois|temps)\b"
)


@dataclass(frozen=True)
class HoursSplit:
    """Computed hours shared out: « 60/40 entre nous et le cotraitant », « 2 gars à mi-temps »."""

    shares: tuple[float, ...]  # fractions summing to 1
    people: int | None = None  # the same share for each of so many people
    half_time: bool = False
    weekly_hours: float | None = None  # each person's hours a week, when given


# « une entreprise de 5 salariés », « une PME de 12 personnes »: the size of a firm, said before its headcount.
_FIRM_SIZE_BEFORE = _rx(
    r"\b(?:entreprises?|societes?|boites?|structures?|pme|tpe|associations?|firmes?|agences?|siae|ei|etti|esat|ea)"
    r"(?:\s+(?:locales?|petites?|artisanales?|familiales?|du coin|voisines?))?"
    r"\s+(?:de|d'environ|d'a peine|avec|qui compte|comptant)\s+(?:moins de |plus de |environ )?$"
)

_FIRMS_AFTER = _rx(
    r"\s*(?:en groupement|en cotraitance|en co-traitance|entreprises|boites|societes|cotraitants|co-traitants)\b"
)


def hours_split(folded: str) -> HoursSplit | None:
    """The sharing of hours a message asks for (« 60/40 », « 60/25/15 », « 2 gars à mi-temps »), read on folded
    text, or None."""
    ratio = _SHARES.search(folded)
    percents = [int(group) for group in ratio.groups() if group is not None] if ratio else []
    if percents and sum(percents) == 100:  # « 60/40 », « 60/25/15 »
        return HoursSplit(tuple(percent / 100 for percent in percents))
    people = _PEOPLE.search(folded) or _PEOPLE_EN.search(folded) or _WE_ARE.search(folded)
    if people and _FIRM_SIZE_BEFORE.search(folded[: people.start()]):
        people = None  # « une entreprise de 5 salariés »: the firm's headcount, not people sharing the hours
    if people and _FIRMS_AFTER.match(folded, people.end()):
        people = None  # « si on est 2 en groupement »: firms sharing a contract, not people sharing the hours
    if people:
        n = int(count_value(people.group(1)))
        weekly_hours = weekly_hours_in(folded)
        if n >= 2 or (n == 1 and weekly_hours):
            return HoursSplit(
                tuple(1 / n for _ in range(n)),
                people=n,
                half_time=bool(_HALF_TIME.search(folded)),
                weekly_hours=weekly_hours,
            )
    return None


def _rule_hours_follow_up(s: Signals) -> Route | None:
    x = s.extraction
    if s.last not in {"sizing", "conversion"} or x.amount is not None:
        return None
    if staffing_ask(s.message) is not None and (s.state.last_hours or s.state.conversion_hours):
        return Route("conversion", follow_up=True)  # « ça fait combien de jeunes en contrats de 3 mois ? »
    if s.words > 20:
        return None
    if hours_split(s.folded) is not None and (s.state.last_hours or s.state.conversion_hours):
        return Route("conversion", follow_up=True)
    if asks_duration(s.folded) and (s.state.last_hours or s.state.conversion_hours):
        return Route("conversion", follow_up=True)  # « et à mi-temps ça fait combien de semaines ? »
    if s.last == "sizing" and _TABLE_ASK.search(s.folded) and s.state.sizing_params.get("lots"):
        return Route("sizing", follow_up=True)
    if _PEOPLE_ASK.search(s.folded) and not _is_how_question(s.folded):
        return Route("conversion", follow_up=True)
    return None


# The weeks of work of the hours last computed again, with the rhythm the follow-up changes (« et si la personne ne
# vient que 2 jours par semaine ? », « refais le calcul en enlevant la journée de formation »).
RHYTHM_FOLLOW_UP = "rhythm_follow_up"
_RHYTHM_MAX_WORDS = 25


def _rule_rhythm_follow_up(s: Signals) -> Route | None:
    """Right after hours to cover were computed (a conversion, a split between people, the hours left on a prorated
    target), a short « et si… » or « refais le calcul… » that changes the days, the weekly hours, the people or the
    share of the week on the market: the same hours, the weeks of work recomputed. A question asked in between
    keeps the computation when the redo is asked in so many words."""
    x = s.extraction
    if not s.state.conversion_hours or x.amount is not None or x.hours is not None or s.words > _RHYTHM_MAX_WORDS:
        return None
    redo = _asks_a_redo(s.folded)
    if not (s.last == "conversion" and (redo or _WHAT_IF.search(s.folded))) and not (s.last == "question" and redo):
        return None
    if _is_how_question(s.folded) or rhythm_change(s.folded) is None:
        return None
    return Route("conversion", follow_up=True, rule=RHYTHM_FOLLOW_UP)


def _rule_redirect(s: Signals) -> Route | None:
    """A message asking for a fact only another service holds (a road's closure, a person's direct
    number, who won a tender) is redirected to that service, whatever the classifier says."""
    if s.redirects is None:
        return None
    topic = s.redirects.sure(s.message)
    if topic is None and s.last == "redirect":  # « et si c'est 150 k€ ? » after a redirect: the same service
        topic = s.redirects.follow_up(s.message, s.state.last_question)
    return Route("redirect", rule=f"redirect:{topic.id}") if topic is not None else None


def _rule_greeting(s: Signals) -> Route | None:
    return Route("greeting") if _GREETING.search(s.folded) else None


def _rule_drafting_words(s: Signals) -> Route | None:
    """Keyword mode only: a drafting verb asks for a text."""
    if s.prediction is None and _DRAFTING_WORDS.search(s.folded):
        follow = s.last in {"sizing", "drafting"} and (_CORRESPONDING.search(s.folded) is not None or s.words <= 8)
        return Route("drafting", follow_up=follow)
    return None


def _rule_sizing_words(s: Signals) -> Route | None:
    """Keyword mode only: an amount with a sizing word asks for a computation."""
    x = s.extraction
    if (
        s.prediction is None
        and x.amount is not None
        and (_SIZING_WORDS.search(s.folded) or _SIZING_WEAK.search(s.folded) or x.trade or x.rate)
    ):
        return Route("sizing")
    return None


# The rule of a new period for the person whose hours were just computed (« et si je fais encore 6 semaines ? »).
PERSON_HOURS_FOLLOW_UP = "person_hours_follow_up"


# The hours computed compared to the clause's (« est-ce que ça couvre nos 350 h ? »).
COVERAGE = "coverage"
# The last computation again with another share of time on the market (« et si c'est 3 semaines sur 4 en entreprise ? »).
SHARE_FOLLOW_UP = "share_follow_up"
# The weeks some hours take for the people named (« combien de temps il faut qu'il bosse pour couvrir les 350 h ? »).
TIME_TO_COVER = "time_to_cover"


def _rule_conversion(s: Signals) -> Route | None:
    x = s.extraction
    covering = x.hours is not None and asks_coverage(s.folded)  # « 2 gars 6 mois à 35 h, ça couvre les 700 h ? »
    if person_hours_of(s.message, x.hours, x.amount) is not None:
        return Route("conversion", rule="person_hours")  # « à 17h30 par semaine sur 6 mois, combien d'heures ? »
    if s.last == "conversion" and x.amount is None and s.words <= 20:
        if covering and s.state.conversion_hours:
            return Route("conversion", follow_up=True, rule=COVERAGE)
        if x.hours is None and on_market_share(s.folded) is not None:
            return Route("conversion", follow_up=True, rule=SHARE_FOLLOW_UP)
    if _extends_the_persons_period(s):
        return Route("conversion", follow_up=True, rule=PERSON_HOURS_FOLLOW_UP)
    if x.hours is not None and x.amount is None and _DURATION_ASK.search(s.folded):
        split = hours_split(s.folded)
        if split is not None and split.weekly_hours:  # « 1 200 h, 2 gars à 35 h par semaine : combien de semaines ? »
            return Route("conversion")
    if x.hours is not None and x.amount is None and asks_time_to_cover(s.folded) and not _is_how_question(s.folded):
        return Route("conversion", rule=TIME_TO_COVER)
    if x.hours is not None and x.amount is None and _SPLIT_ASK.search(s.folded) and not _is_how_question(s.folded):
        split = hours_split(s.folded)
        if split is not None and split.people is None:  # « la répartition de 3 500 h en 60/25/15 »: each one's hours
            return Route("conversion")
    if (
        x.hours is not None
        and _CONVERSION_WORDS.search(s.folded)
        and x.amount is None
        and not _is_how_question(s.folded)
        and not _asks_which_base(s.folded)  # « 1 ETP = 1 607 h ou 1 820 h ? » asks which reference
    ):
        return Route("conversion")
    if x.hours is not None and x.amount is None and _COMPUTE_ASK.search(s.folded) and _PEOPLE_ASK.search(s.folded):
        return Route("conversion")  # « calcule-moi combien de personnes pour 2 500 h sur 14 mois »
    if x.hours is not None and x.amount is None and staffing_ask(s.message) is not None:
        return Route("conversion")  # « 2 500 h : combien de personnes en contrats de 6 mois ? »
    if s.last == "conversion" and s.words <= 15 and any(v is not None for v in (x.etp_base, x.hours, x.months)):
        return Route("conversion", follow_up=True)
    if s.last == "conversion" and s.words <= 15 and x.amount is None and s.state.figures.get("staffed_months"):
        if contract_months(s.folded) is not None:  # « et si c'est des contrats de 4 mois ? » after a count of people
            return Route("conversion", follow_up=True)
    if s.last == "conversion" and s.words <= 10 and weekly_hours_in(s.folded) is not None:
        return Route("conversion", follow_up=True)  # « et à 24 h par semaine ? »: the same hours, new weekly hours
    return None


def _extends_the_persons_period(s: Signals) -> bool:
    """Right after one person's hours, a short message naming another period and no hours nor amount."""
    return (
        s.last == "conversion"
        and s.state.person_weekly_hours is not None
        and s.state.conversion_hours is not None
        and s.words <= 15
        and s.extraction.amount is None
        and s.extraction.hours is None
        and period_change(s.folded) is not None
        and not _is_how_question(s.folded)
    )


# A part added to the market just sized (« et si on rajoute les bons de commande, estimés à 300 k€ HT/an avec la même
# part de MO ? »): the two amounts together, sized with the same hypotheses.
ADDED_TO_THE_MARKET = "added_to_the_market"
_ADDS_TO_THE_MARKET = _rx(r"\b(?:rajout\w*|ajout\w*|s'?ajout\w*|en plus (?:de|du|des)|en sus)\b")


def _rule_sizing_follow_up(s: Signals) -> Route | None:
    if s.last == "sizing" and s.extraction.amount is not None and s.words <= _WHAT_IF_MAX_WORDS:
        if _ADDS_TO_THE_MARKET.search(s.folded) and s.state.sizing_params.get("amount") is not None:
            return Route("sizing", follow_up=True, rule=ADDED_TO_THE_MARKET)
    if _asks_the_whole_duration(s):
        return Route("sizing", follow_up=True)
    if _resizes_after_its_conversion(s):
        return Route("sizing", follow_up=True)
    if s.last == "sizing" and _changes_sizing(s.extraction) and not _asks_which_base(s.folded):
        if _converts_the_hours_over_a_period(s):
            return None  # « ça représente combien de personnes sur 6 mois ? »: the hours just computed, converted
        if _asks_the_clause_form(s.folded):
            return None  # « et si on part sur 5 % plutôt qu'un nombre d'heures fixe ? »: how the clause is written
        if s.words <= 8 or (s.words <= 15 and not _is_how_question(s.folded)):
            return Route("sizing", follow_up=True)
        if s.extraction.amount is not None and s.words <= _WHAT_IF_MAX_WORDS and _WORTH_ASKED.search(s.folded):
            return Route("sizing", follow_up=True)  # « et le lot peinture à 45 k€, ça vaut le coup ? »: its hours tell
        # « et si on monte à 7 % sur le gros œuvre, le reste à 5 % ? »: a longer « et si » that changes a rate of the
        # same market (a new amount or market, « et si c'est un accord-cadre à 1,8 M€ ? », asks how the rule applies)
        # « et si on ne fait que le lot paysage à 80 k€ ? »: a part of the same market, sized with the same hypotheses
        what_if = s.words <= _WHAT_IF_MAX_WORDS and _WHAT_IF.search(s.folded) is not None
        if what_if and (_changes_a_rate_only(s) or _sizes_a_part_of_the_market(s) or _spreads_over_a_duration(s)):
            return Route("sizing", follow_up=True)
        # « tu peux me faire le calcul sur la durée totale, 4 ans + 2 ? à 35 € de l'heure » : a longer message
        # that asks the computation again with new parameters and no new amount redoes the same sizing
        if s.extraction.amount is None and s.words <= _REDO_MAX_WORDS and _asks_a_redo(s.folded):
            return Route("sizing", follow_up=True)
        # « il dit que la main-d'œuvre c'est genre 40 % du prix et il compte 40 € de l'heure »: the hypotheses the
        # sizing lacked, told as a statement (no question, no new amount), redo it with them
        if _gives_hypotheses_only(s):
            return Route("sizing", follow_up=True)
        # « on m'a parlé d'un taux de main-d'œuvre de 40 %, ça change le calcul ? »: a new share, its effect asked
        if s.extraction.labour_share is not None and s.extraction.amount is None and _EFFECT_ASK.search(s.folded):
            return Route("sizing", follow_up=True)
    return None


# Whether a clause is worth it on another amount, asked right after a sizing: its hours answer, with the small-clause
# warning the sizing gives under 150 hours.
_WORTH_ASKED = _rx(
    r"\b(?:vaut|vaudrait) (?:le coup|la peine)\b|\btrop (?:petit|faible|peu)\b|\b(?:ca|cela) a (?:un )?(?:interet|du sens)\b"
)


_EFFECT_ASK = _rx(
    r"\b(?:ca|cela|ce qui) (?:change|changerait|modifie|modifierait|donne|donnerait) (?:quoi|le calcul|les heures)\b"
)


_HYPOTHESES_MAX_WORDS = 30


def _gives_hypotheses_only(s: Signals) -> bool:
    x = s.extraction
    return (
        x.amount is None
        and x.worked_hours is None
        and (x.labour_share is not None or x.hourly_cost is not None)
        and s.words <= _HYPOTHESES_MAX_WORDS
        and "?" not in s.message
        and not _is_how_question(s.folded)
    )


_RESIZE_AFTER_CONVERSION_MAX_WORDS = 15


def _resizes_after_its_conversion(s: Signals) -> bool:
    """Right after the hours of a sizing were converted (ETP, people, months), a short message that changes a
    parameter of that sizing (its trade, rate, labour share, hourly cost or amount), no hours of its own: the
    sizing again with that change (« et en maçonnerie ? », « refais-le avec 10 % »)."""
    x = s.extraction
    sized = s.state.sizing_params.get("amount") is not None and s.state.last_hours is not None
    changed = any(v is not None for v in (x.trade, x.rate, x.labour_share, x.hourly_cost, x.amount))
    return (
        s.last == "conversion"
        and sized
        and changed
        and x.hours is None
        and x.time_share is None
        and s.words <= _RESIZE_AFTER_CONVERSION_MAX_WORDS
        and not _is_how_question(s.folded)
        and not _asks_which_base(s.folded)
        and not _asks_the_clause_form(s.folded)
    )


def _converts_the_hours_over_a_period(s: Signals) -> bool:
    """People or a length of work asked of the hours just computed, over a period the message gives and with no
    other parameter of the sizing: a conversion of those hours, not the sizing again over that period."""
    x = s.extraction
    other = any(v is not None for v in (x.amount, x.rate, x.labour_share, x.trade, x.hourly_cost))
    asked = staffing_ask(s.message) is not None or asks_duration(s.folded)
    return x.months is not None and not other and asked and s.state.last_hours is not None


_REDO_MAX_WORDS = 35
_WHAT_IF_MAX_WORDS = 25
# « et à mi-temps ? », « et à 24 h ? »: a new rhythm or figure said with « à » varies the computation just made
_WHAT_IF = _rx(
    r"^\W*(?:(?:et|ok|bon|alors|mais)\W+)?(?:si|s'ils?|pour|avec|en prenant|en passant|en mettant|a(?= (?:mi|temps|\d)))\b"
)
# The hours of the last computation over the whole duration (« ça fait combien sur toute la durée avec les 3
# reconductions ? »), asked even after a question in between: the same sizing, over its term.
_WHOLE_DURATION = _rx(
    r"\b(?:sur (?:toute la|la) duree(?: totale)?(?: du marche| de l'accord-cadre)?|"
    r"avec (?:les |ses |toutes les )?(?:\d+ |deux |trois |quatre )?reconductions?|reconductions? comprises?)\b"
)
_HOW_MANY = _rx(r"\bcombien\b|\bcb\b")
# « un pourcentage plutôt qu'un nombre d'heures fixe ? »: the form of the clause, asked about.
_CLAUSE_FORM = _rx(
    r"\b(?:plutot qu'|au lieu d')(?:un |une |des )?(?:nombre|volume|quota|forfait)s? (?:fixes? )?d'heures\b"
    r"|\b(?:plutot|au lieu) (?:qu'|d')?en (?:nombre d')?heures\b"
)


def _asks_the_whole_duration(s: Signals) -> bool:
    computed = bool(s.state.sizing_params) or s.state.last_hours is not None
    return (
        computed
        and s.last in {"sizing", "question"}
        and s.extraction.amount is None
        and s.words <= 20
        and bool(_WHOLE_DURATION.search(s.folded))
        and bool(_HOW_MANY.search(s.folded))
        and not _is_how_question(s.folded)
    )


def _changes_a_rate_only(s: Signals) -> bool:
    x = s.extraction
    return (
        x.amount is None
        and x.etp_base is None
        and any(v is not None for v in (x.rate, x.labour_share, x.hourly_cost))
        and not _is_how_question(s.folded)
        and not _ASKS_WHAT.search(s.folded)
    )


# « ça fait combien par an ? », « par mois ? »: the result asked per period
_PER_PERIOD_ASK = _rx(r"\bpar (?:an|annee|mois)\b")


def _spreads_over_a_duration(s: Signals) -> bool:
    """« et si le chantier dure 2 ans ça fait combien par an ? il a qu'un seul poste… »: the same market over a
    duration, the hours asked per period (the rest of the message tells the situation)."""
    x = s.extraction
    return (
        x.months is not None
        and x.amount is None
        and x.rate is None
        and _PER_PERIOD_ASK.search(s.folded) is not None
        and not _is_how_question(s.folded)
    )


# « on ne fait que le lot paysage », « seulement le lot 2 », « uniquement la tranche ferme »: one part of the market.
_ONE_PART = _rx(
    r"\b(?:que|seulement|uniquement|juste)\s+(?:le|la|les|l'|ce|cette)\s*(?:lots?|tranches?|parties?|phases?)\b"
    # « et pour la peinture toute seule ? le lot fait 35 000 € »: one lot of the market just sized, named alone
    r"|^\W*(?:(?:et|ok|bon|alors|mais)\W+)?pour\s+(?:le|la|les|l')\s*[\w' -]{2,30}?\s+(?:tout|toute|tous|toutes)\s+seule?s?\b"
)


def _sizes_a_part_of_the_market(s: Signals) -> bool:
    """A new amount for one lot or part of the market just sized, asked without a « how »."""
    return (
        s.extraction.amount is not None
        and bool(_ONE_PART.search(s.folded))
        and not _FRAMEWORK_WORDS.search(s.folded)
        and not _is_how_question(s.folded)
        and not _ASKS_WHAT.search(s.folded)
    )


# « …je cale les heures sur quoi ? »: what the computation rests on, asked.
_ASKS_WHAT = _rx(r"\b(?:sur|avec|a partir de) quoi\b|\bquoi\s*\?*\s*$")


def _asks_the_clause_form(folded: str) -> bool:
    return bool(_CLAUSE_FORM.search(folded))


# The computation itself asked again (« refais-moi le calcul », « tu peux me faire le calcul »), not people
# or weeks (« ça fait combien de personnes ? », which the hours follow-up answers).
_REDO_ASK = _rx(
    r"\b(?:re)?(?:fai[st]|faire|faites)(?:[- ]moi|[- ]nous)? (?:le|un|les) calculs?\b|\brecalcul\w*"
    r"|\bcalcule[sz]?[- ](?:moi|nous)\b|\b(?:peux[- ]tu|pouvez[- ]vous|tu peux|vous pouvez) (?:me |nous )?(?:re)?calculer\b"
)
# « …ou l'acheteur recalcule chaque année ? »: someone else who recomputes is a practice asked about, not a redo.
_THIRD_PARTY_BEFORE = _rx(
    r"\b(?:il|elle|ils|elles|qui|l'acheteur|acheteur|le facilitateur|l'administration|la collectivite)\s+(?:\w+\s+)?$"
)


def _asks_a_redo(folded: str) -> bool:
    """The computation asked again of the assistant (« refais le calcul », « tu peux recalculer ? »)."""
    return any(not _THIRD_PARTY_BEFORE.search(folded[: m.start()]) for m in _REDO_ASK.finditer(folded))


def _rule_cost_base_follow_up(s: Signals) -> Route | None:
    """« et si l'acheteur prend le SMIC chargé comme base ? » right after a sizing: the same computation
    with its hourly cost named but not quantified (the sizing explains the effect and asks the figure)."""
    if s.last == "sizing" and s.extraction.hourly_cost is None and s.words <= 35 and names_cost_base(s.message):
        return Route("sizing", follow_up=True)
    return None


_ACCEPTANCE = _rx(
    r"^(oui|ouais|ok|okay|d['’ ]?accord|vas[ -]?y|allez[ -]?y|go|volontiers|avec plaisir|je veux bien|"
    r"oui,? (merci|vas[ -]?y|calcul\w*( les heures)?|s['’ ]?il (te|vous) plait|svp|stp|je veux bien))[ !.]*(merci|svp|stp)?[ !.]*$"
)


# « ok et je mets combien d'heures du coup ? » right after a computation was offered: the hours asked for,
# which is the offer taken up in other words.
_HOURS_ASKED = _rx(r"\bcombien d['\s]?heures\b|\bcb d'h|\bca (?:fait|ferait|donne|donnerait) combien\b")
_OFFER_TAKEN_MAX_WORDS = 12


def _rule_accepted_offer(s: Signals) -> Route | None:
    """« oui » / « vas-y » answering the offered computation, or the hours asked for right after it: size
    the message that got the offer."""
    if not s.state.offered_sizing:
        return None
    if s.words <= 6 and _ACCEPTANCE.search(s.folded.strip()):
        return Route("sizing")
    if (
        s.words <= _OFFER_TAKEN_MAX_WORDS
        and s.extraction.amount is None
        and _HOURS_ASKED.search(s.folded)
        and not _is_how_question(s.folded)
        and not _asks_about_the_method(s.folded)
    ):
        return Route("sizing")
    return None


def _rule_drafting_follow_up(s: Signals) -> Route | None:
    x = s.extraction
    if (
        s.last == "drafting"
        and s.words <= 15
        and (
            x.hours is not None
            or x.penalty_per_hour is not None
            or x.weight is not None
            or x.rate is not None
            or x.lots
            or x.clause_kind
            or _mentions_beneficiaries(s.folded)
        )
    ):
        if s.prediction is None or s.prediction.intent in {"drafting", "sizing"} or s.words <= 8:
            return Route("drafting", follow_up=True)
    return None


PROCEDURE_QUESTION = "procedure_question"
_HOURS_WORD = _rx(r"\b(?:heures?|etp)\b")


OWN_FIGURES = "own_figures"
_FOLLOW_UP_WORDS = 15  # a follow-up that only adds a figure is short
# « ça fait combien ? », « combien d'heures ? », « suis-je en retard ? »: a result asked of the figures given.
_RESULT_OF_FIGURES = _rx(r"\bcombien\b|\bcb\b|\ben retard\b|\bdans les clous\b|\ben avance\b|\bca donne\b|\bca fait\b")


def penalty_rate_of_follow_up(s: Signals) -> float | None:
    """The rate per missing hour a short follow-up gives once missing hours are known: a penalty per hour, or,
    right after those hours were shown, any amount per hour (« et à 40 € l'heure ? »)."""
    x = s.extraction
    if x.hours is not None or x.amount is not None or s.words > _FOLLOW_UP_WORDS:
        return None
    if x.penalty_per_hour is not None:
        return x.penalty_per_hour
    return x.hourly_cost if s.last in {"question", "conversion"} else None


_HALF_TIME = _rx(r"\bmi[- ]temps\b")


def roster_share(extraction: Extraction, folded: str) -> float | None:
    """The share of full time a short follow-up gives one listed person (« à 80 % », « à mi-temps »)."""
    share = extraction.time_share or extraction.rate or (0.5 if _HALF_TIME.search(folded) else None)
    return share if share is not None and 0 < share <= 1 else None


def _roster_share(s: Signals) -> float | None:
    x = s.extraction
    if x.amount is not None or x.hours is not None or s.words > _FOLLOW_UP_WORDS:
        return None
    return roster_share(x, s.folded)


def own_figures_kind(s: Signals) -> str | None:
    """The computation over the user's own figures the message asks (``penalty``, ``penalty_cap``, ``progress``,
    ``realisation``, ``grant_cost``, ``year_hours``, ``raise``, ``scaled``; see :mod:`assistant.sizing.figures`), or None. Only figures
    the message states, or that an earlier turn stated or computed, are used."""
    x, folded, figures = s.extraction, s.folded, s.state.figures
    if s.last == "sizing":  # « et par an ? » after a sizing asks about its result, not hours said before it
        figures = {name: value for name, value in figures.items() if name != "monthly_hours"}
    if (missing_hours(folded) is not None or hours_short(folded) is not None) and x.penalty_per_hour is not None:
        return "penalty"  # « il me manque 640 h (ou : 1 200 h dues, 800 faites), pénalité 50 € par heure : combien ? »
    if "missing" in figures and penalty_rate_of_follow_up(s) is not None:
        return "penalty"  # the hours missing said before, then « et à 60 € par heure non réalisée ? »
    if {"missing", "per_hour"} <= figures.keys() and s.last == "conversion" and more_hours_done(folded) is not None:
        return "penalty"  # a penalty computed, then « et s'il fait encore 400 h d'ici la réception ? »
    if x.amount is None and roster(s.message):
        return "roster"  # « 1 en ETTI 210 h, 1 en CDD 6 mois à temps plein, 1 en AI 60 h : ça fait combien ? »
    if "roster_months" in figures and s.last == "conversion" and _roster_share(s) is not None:
        return "roster"  # « et si celui en CDD est à 80 % ? »
    if x.amount is None and (unit_work(folded) or days_work(folded)) and _RESULT_OF_FIGURES.search(folded):
        return "work_volume"  # « 2 000 pièces à 20 minutes chacune, ça fait combien d'heures ? »
    if penalty_cap_share(folded) is not None and "penalty" in figures and (x.amount or x.annual_amount):
        return "penalty_cap"  # « et avec un plafond de 10 % du montant annuel de 1,2 M€ ? »
    if progress(folded, x.months) is not None and _RESULT_OF_FIGURES.search(folded):
        return "progress"  # « 9 000 h sur 6 ans, fin d'année 2 j'en ai fait 2 100 : en retard ? »
    if realisation(folded) is not None:
        return "realisation"  # « 41 200 h réalisées pour 38 000 prévues, 137 personnes : taux de réalisation ? »
    if grant_cost(s.message, folded, figures.get("grant") if s.last == "conversion" else None) is not None:
        return "grant_cost"  # « 48 000 heures réalisées pour une subvention de 95 k€, ça fait combien par heure ? »
    if x.amount is None and "monthly_hours" in figures and monthly_change(folded) is not None:
        return "year_hours"  # « et si elle passe à 130 h par mois en septembre ? »
    said = monthly_hours(folded) if x.amount is None else None
    if (said or "monthly_hours" in figures) and asks_per_year(folded) and _RESULT_OF_FIGURES.search(folded):
        return "year_hours"  # « 104 h par mois, ça fait combien sur une année ? »
    sized = s.last == "sizing" and s.state.last_hours is not None
    if sized and x.amount is None and s.state.sizing_params.get("months") and raise_from_year(folded) is not None:
        return "raise"  # « et si un avenant de +15 % en année 3 ? »
    if x.hours is not None and x.amount is not None and asks_prorata(folded):
        if prorata_amount(s.message, s.state.last_question, x.amount) is not None:
            return "prorata"  # « la clause c'est 350 h pour 480 k€ (le montant passe à 560 k€), combien au prorata ? »
    shown = s.last == "sizing" and (s.state.last_hours or s.state.conversion_hours)  # an indicative result too
    if shown and x.amount is not None and scales_to_a_new_amount(folded) and s.state.sizing_params.get("amount"):
        return "scaled"  # « et si on applique ça à un budget de 300 M€ ? »
    return None


def _rule_own_figures(s: Signals) -> Route | None:
    """A computation over the user's own figures (a penalty and its cap, progress against a prorated target,
    hours per year, an amendment's rise, a result scaled to a new amount): computed, step by step."""
    kind = own_figures_kind(s)
    if kind is None:
        return None
    return Route("conversion", follow_up=True, rule=f"{OWN_FIGURES}:{kind}")


# « 60 tonnes par an à 1,40 € le kg, ça fait combien ? »: an amount the user builds from a unit price.
UNIT_PRICE = "unit_price"


def _rule_unit_price(s: Signals) -> Route | None:
    """A quantity at a unit price with a result asked: the guides answer what else is asked, the amount is worked
    out with the answer; the unit price is never a market's amount to size hours on."""
    return Route("question", rule=UNIT_PRICE) if unit_price(s.folded) is not None else None


# The hours of the person just computed, less the days they missed (« et s'il a eu 2 jours d'arrêt maladie ? »).
ABSENCE_FOLLOW_UP = "absence_follow_up"
_ABSENCE_MAX_WORDS = 20


def _rule_absence(s: Signals) -> Route | None:
    """Right after one person's hours over a period, a short message that says days not worked (sick leave,
    absence, days off): the same hours less those days, since only the hours really worked count. Decided before
    the redirects, which send sick leave as such to labour law."""
    x = s.extraction
    if s.last != "conversion" or s.state.person_weekly_hours is None or not s.state.conversion_hours:
        return None
    if x.amount is not None or x.hours is not None or s.words > _ABSENCE_MAX_WORDS or _is_how_question(s.folded):
        return None
    return Route("conversion", follow_up=True, rule=ABSENCE_FOLLOW_UP) if absence_days(s.folded) else None


# The hours just converted over a period, spread over its months or weeks (« et par mois ? »).
PER_PERIOD = "per_period"
_PER_PERIOD_MAX_WORDS = 10
_ANY_FIGURE = _rx(r"\d")


def _rule_per_period(s: Signals) -> Route | None:
    """Right after hours were converted over a period (ETP or people over so many months), a short message asking
    them per month or per week, with no figure of its own: the same hours divided by the period."""
    x = s.extraction
    figures = s.state.figures
    if s.last != "conversion" or not figures.get("left_months") or figures.get("left") != s.state.conversion_hours:
        return None
    if any(v is not None for v in (x.amount, x.hours, x.months, x.rate)) or s.words > _PER_PERIOD_MAX_WORDS:
        return None
    if _ANY_FIGURE.search(s.folded) or rhythm_change(s.folded) is not None:
        return None  # « et à 24 h par semaine ? », « 2 jours par semaine » change the rhythm, not the spread
    asked = cue("per_month", s.folded) or cue("per_week", s.folded)
    return Route("conversion", follow_up=True, rule=PER_PERIOD) if asked else None


# The hours last computed, worked by a person at a share of full time (« et si la personne est à 80 % ? »).
TIME_SHARE_FOLLOW_UP = "time_share_follow_up"
_TIME_SHARE_MAX_WORDS = 30


def computed_hours(s: Signals) -> float | None:
    """The insertion hours the message or the last computation gives (None when nothing was computed)."""
    if s.extraction.hours is not None:
        return float(s.extraction.hours)
    if s.last == "sizing" and s.state.last_hours is not None:
        return float(s.state.last_hours)
    if s.last in {"sizing", "conversion"} and s.state.conversion_hours:
        return float(s.state.conversion_hours)
    return None


def _rule_time_share(s: Signals) -> Route | None:
    """A person's working time said as a share of full time, with hours given or just computed and no new amount:
    the hours converted into months and years of that person's work (the share is never the insertion rate)."""
    x = s.extraction
    if x.time_share is None or x.amount is not None or s.words > _TIME_SHARE_MAX_WORDS:
        return None
    if computed_hours(s) is None or _asks_about_the_method(s.folded):
        return None
    return Route("conversion", follow_up=x.hours is None, rule=TIME_SHARE_FOLLOW_UP)


# The last computation again, its method shown step by step (« détaille le calcul », « d'où sort ce chiffre ? »).
METHOD_SHOWN = "method_shown"
_METHOD_SHOWN_MAX_WORDS = 30  # « détaille le calcul ? quel taux et quel coût tu prends, que je le refasse… »


def _rule_method_shown(s: Signals) -> Route | None:
    """Right after a sizing, a short message that asks how its figure was found: the same sizing, its steps
    written out (the sizing shows its formula and the origin of every value)."""
    x = s.extraction
    if s.last != "sizing" or x.amount is not None or s.words > _METHOD_SHOWN_MAX_WORDS:
        return None
    if s.state.last_hours is None and not s.state.conversion_hours:
        return None
    return Route("sizing", follow_up=True, rule=METHOD_SHOWN) if cue("method_shown", s.folded) else None


# The usual hours of an amount and a trade asked (« c'est combien en général pour un lot électricité à 350 k€ ? »).
USUAL_HOURS = "usual_hours"
# « combien », « nombre d'heures », « volume d'heures »: a figure of hours asked, not a practice.
_HOURS_FIGURE_ASK = _rx(r"\bcombien\b|\bcb\b|\b(?:nombre|nb|volume|quantite) (?:d'|des )heures\b")
# « comment on fixe… », « pourquoi… »: the way or the reason asked (« c'est quoi le nombre normal ? » asks a figure).
_HOW_OR_WHY = _rx(r"\b(?:comment|pourquoi|methode|expliqu\w*)\b")
# The market or a part of it named (the hours of an amount of what), and figures other than hours asked about.
_MARKET_NAMED = _rx(r"\b(?:marches?|lots?|chantiers?|accords?-cadres?|travaux|prestations?|operations?)\b")
_OTHER_FIGURE = _rx(r"\b(?:penalit\w*|ponderation\w*|prix|tarifs?|salaires?|couts? horaires?|taux horaires?)\b")
_USUAL_NEAR = 50  # characters between the figure asked and the word that makes it the usual one


def _asks_the_usual_hours(folded: str) -> bool:
    """A figure of hours asked, with « normal », « en général »… close to it (« on a l'habitude de… » further on
    describes a practice, not the figure asked)."""
    for m in _HOURS_FIGURE_ASK.finditer(folded):
        if cue("usual_figure", folded[max(0, m.start() - _USUAL_NEAR) : m.end() + _USUAL_NEAR]):
            return True
    return False


def _rule_usual_hours(s: Signals) -> Route | None:
    """An amount, a trade or a market, and the usual or normal hours asked: computed at the usual rate, the method
    and every hypothesis shown; what the law requires (a threshold, an obligation) stays a question."""
    x = s.extraction
    if x.amount is None or not _asks_the_usual_hours(s.folded):
        return None
    if x.trade is None and not x.lots and not _MARKET_NAMED.search(s.folded):
        return None
    if x.penalty_per_hour is not None or _OTHER_FIGURE.search(s.folded):
        return None  # « la pénalité par heure, c'est combien en général ? »: another usual figure, from the guides
    if _LAW_ASK.search(s.folded) or _asks_which_base(s.folded) or _HOW_OR_WHY.search(s.folded):
        return None
    if cue("procedure_question", s.folded) or _OTHER_BASE.search(s.folded) or _asks_the_clause_form(s.folded):
        return None
    return Route("sizing", rule=USUAL_HOURS)


def _rule_procedure_question(s: Signals) -> Route | None:
    """A question on the procedure or the thresholds that gives the market's amount (« 45 000 € HT par an sur 4 ans,
    c'est un MAPA ? »): answered from the guides, not sized, unless hours are asked too."""
    if s.extraction.amount is None or not cue("procedure_question", s.folded):
        return None
    if _HOURS_WORD.search(s.folded) or _COMPUTE_ASK.search(s.folded) or _RESULT_ASK.search(s.folded):
        return None
    return Route("question", rule=PROCEDURE_QUESTION)


AMENDMENT_QUESTION = "amendment_question"


def _rule_amendment_question(s: Signals) -> Route | None:
    """Whether the hours change with an amendment that raises or lowers the amount (« le montant passe de 480 k€
    à 560 k€, les heures doivent augmenter automatiquement ? »): a rule on amendments, answered from the guides;
    the hours at the new amount are computed only when asked (« combien au prorata ? »)."""
    if s.extraction.amount is None or not cue("amendment", s.folded) or not cue("hours_change", s.folded):
        return None
    if not _HOURS_WORD.search(s.folded) or _COMPUTE_ASK.search(s.folded) or _RESULT_ASK.search(s.folded):
        return None
    return Route("question", rule=AMENDMENT_QUESTION)


def _rule_computation_asked(s: Signals) -> Route | None:
    """An amount, a rate, a labour share or a trade, and a computation asked in so many words (« 400 k€,
    5 %, ça fait combien d'heures ? », « nettoyage, 1,1 M€ : combien d'heures je peux exiger ? »): sized,
    whatever the classifier reads in the situation around it."""
    x = s.extraction
    if s.prediction is not None and market_staff(s.folded) is not None and not _is_how_question(s.folded):
        return Route("sizing")  # « 5 % des heures, ça donne combien pour 250 conducteurs à temps plein ? »
    if (
        s.prediction is not None
        and x.worked_hours is not None
        and x.rate is not None
        and _COMPUTE_ASK.search(s.folded)
        and not _is_how_question(s.folded)
    ):
        return Route("sizing")  # « 5 % des heures du chantier, s'il fait 10 000 heures ça fait combien ? »
    if s.prediction is None or x.amount is None:
        return None
    if asks_the_hours_of_the_amount(s.folded):
        return Route("sizing")  # the sizing shows its formula and hypotheses: computing answers « comment »
    if x.rate is None and x.labour_share is None and x.trade is None and not _RESULT_ASK.search(s.folded):
        return None
    if _COMPUTE_ASK.search(s.folded) and not _is_how_question(s.folded):
        return Route("sizing")
    return None


# « comment on calcule le nb d'heures par lot ? j'ai un lot à 480 k€ », « je ne sais pas comment on passe d'un
# montant à un nombre d'heures »: the way from the amount given to its hours, asked.
_HOURS_METHOD_ASK = _rx(
    r"\bcomment (?:on |je |l'on |tu |vous |nous )?(?:\w+ )?(?:calcul\w*|passe\w*|obtien\w*|trouve\w*|determine\w*|"
    r"fixe\w*|chiffre\w*|estime\w*|evalue\w*|dimensionne\w*|converti\w*|transforme\w*)\b.{0,60}"
    r"\b(?:nb|nombre|volume|quantite|total) (?:d'|des )heures\b"
)
# What the law requires or allows, asked beside the amount (« 3 M€ de travaux : la clause est-elle obligatoire ? »).
_LAW_ASK = _rx(
    r"\b(?:obligatoires?|obligatoirement|seuils?|legal\w*|legitime|le droit|autorise\w*|interdit\w*|maximum|minimum|"
    r"plafond\w*)\b"
)


# A concession or a DSP, whose hours start from the operator's payroll rather than an amount times a trade's
# labour share, and a base asked for (« on part de la masse salariale ? »): the method is asked, not a figure.
_OTHER_BASE = _rx(
    r"\b(?:dsp|delegations? de service public|concessions?|on part (?:de|du|des|sur)|sur quelle base|quelle base"
    r"|masse salariale)\b"
)


def asks_the_hours_of_the_amount(folded: str) -> bool:
    """The hours of the amount given asked for, even in a « how » question: the computation shows the method,
    so computing answers it; what the law requires, or the base of a concession's hours, is not asked for."""
    # (a framework agreement's hours asked « how » are a question on its bounds and its estimate, not one figure)
    asked = _RESULT_ASK.search(folded) or (_HOURS_METHOD_ASK.search(folded) and not _FRAMEWORK_WORDS.search(folded))
    return (
        bool(asked) and not _LAW_ASK.search(folded) and not _asks_which_base(folded) and not _OTHER_BASE.search(folded)
    )


# The result of a computation asked of the amount given (« 90 k€ sur 1 an, combien d'heures ça ferait ? »):
# the amount alone is enough, the sizing takes the usual rate and says so.
_RESULT_ASK = _rx(
    r"\bcombien d'heures (?:ca|cela) (?:me |nous )?(?:ferait|fait|donnerait|donne|represente\w*)\b"
    # « combien d'heures peut-on raisonnablement demander sur ce lot ? »: the hours to require on the market given
    r"|\bcombien d'heures (?:d'insertion )?(?:peut-on|peut on|on peut|je peux|puis-je|dois-je|je dois|faut-il|doit-on|"
    r"on doit|(?:il )?faut) (?:\w+ment )?(?:demander|exiger|mettre|imposer|prevoir|fixer|inscrire)\b(?! (?:au|en) maximum)"
    r"|\bca (?:me |nous )?(?:fait|ferait|donne|donnerait|represente\w*) combien d'heures\b"
    # « 180 k€ HT sur 3 ans… quel volume d'heures est raisonnable ? »: the hours to set on the market given
    r"|\b(?:quel(?:le)?s?|combien) (?:de |d')?(?:volume|nombre|nb|quantite)? ?(?:d'|d |des )?heures (?:d'insertion )?"
    r"(?:\w+ ){0,2}?(?:est |serait |me semble |vous semble |parait |semble )?(?:\w+ )?(?:raisonnable|realiste|adapte|"
    r"coherent|proportionne|jouable|envisageable|pertinent|tenable)s?\b"
)


def _rule_classifier(s: Signals) -> Route | None:
    p = s.prediction
    if p is None:
        return None
    intent, probability = p.intent, p.probability
    if probability < MIN_PROBABILITY.get(intent, 0.0):
        intent = "question"
    if intent == "drafting" and _laid_out_answer(s.folded):
        intent = "question"  # a comparison laid out as a table is an answer from the guides
    if intent == "drafting" and _asks_for_a_weight(s.folded):
        intent = "question"  # « tu me proposes quoi comme pondération ? »: the usual range, from the guides
    if intent == "drafting" and _asks_the_usual_figure(s.folded):
        intent = "question"  # « la pénalité par heure, c'est combien d'habitude ? »: the practice, from the guides
    if intent == "drafting" and s.last == "drafting" and _JUDGEMENT_ASKED.search(s.folded):
        intent = "question"  # « rajoute que j'ai été au RSA, ça peut jouer en ma faveur non ? »: whether it helps
    if intent == "drafting" and _REFERENCE_ASKED.search(s.folded) and not _asks_for_a_text(s.folded):
        intent = "question"  # « tu peux me donner la référence exacte de l'article ? »: a source, not a text
    if intent == "drafting" and _varies_the_question(s) and not _asks_for_a_text(s.folded):
        intent = "question"  # « et avec une clause de 7 % ? » after a question: that question with 7 %, no text asked
    if intent == "drafting":
        follow = s.last in {"sizing", "drafting"} and (_CORRESPONDING.search(s.folded) is not None or s.words <= 8)
        return Route("drafting", follow_up=follow, rule="classifier", probability=probability)
    if intent == "conversion" and s.extraction.hours is None and s.state.last_hours is None and _sizing_parameters(s):
        intent = "sizing"  # « 3,6 M€, 5 % : combien d'heures et d'ETP ? »: the hours first, nothing to convert yet
    if intent == "sizing" and _asks_the_clause_form(s.folded):
        intent = "question"  # « un pourcentage plutôt qu'un nombre d'heures fixe ? »: how the clause is written
    if intent == "sizing" and _asks_about_the_method(s.folded):
        intent = "question"  # « comment je calcule… ? », « quels taux je prends ? », « c'est abusé ? »
    if intent == "sizing" and _confirms_a_reference_rate(s):
        intent = "question"  # « l'objectif ANRU, c'est bien 5 % des heures travaillées ? »: a reference to confirm
    if intent == "sizing" and s.last == "question" and _rate_alone(s) and s.words <= 8:
        intent = "question"  # « et pour 7 % ? » after a question on the method continues that question
    if intent == "sizing" and s.last == "question" and _names_framework_bounds(s.folded):
        intent = (
            "question"  # « et si le mini c'est 50 k€ et le maxi 400 k€ ? » after a question on framework agreements
        )
    if intent == "sizing" and (_varies_the_question(s) or _bounds_the_question(s)):
        intent = "question"  # « et pour plomberie/CVC ? chez moi c'est plutôt 30 % » after a question on the ratios
    if intent == "sizing" and _amount_under_a_procedure_question(s):
        intent = "question"  # « et si c'est 45 k€ HT ? » after « peut-elle nous le confier sans mise en concurrence ? »
    if intent == "sizing" and s.last == "question" and _continues_a_question(s):
        intent = "question"  # « tu peux me faire le calcul en HT du coup » after a question on penalties
    if intent == "sizing" and _resizes_the_last_market(s):
        # « et si j'exclus les lots électricité et plomberie, ça donne combien ? »: the market just sized, its amount
        # known, not asked again
        return Route("sizing", follow_up=True, rule="classifier", probability=probability)
    if intent == "sizing":
        if _sizing_parameters(s) or _has_market_words(s.folded) or _SIZING_ASK.search(s.folded):
            return Route("sizing", rule="classifier", probability=probability)
        intent = "question"  # « combien d'heures réalisées en France ? » asks for a figure, not a computation
    if intent == "conversion" and _asks_which_base(s.folded):
        intent = "question"  # « je compte sur 1 607 h ou 1 820 h ? »: the reference, not a conversion
    if intent in {"conversion", "sizing"} and asks_a_wage(s.folded):
        intent = "question"  # « et en net ça fait combien par mois pour 35 h ? »: a wage, not hours to convert
    if intent == "conversion" and (s.extraction.hours is not None or s.state.last_hours is not None):
        return Route("conversion", follow_up=s.extraction.hours is None, rule="classifier", probability=probability)
    if intent == "greeting" and s.words <= 12:
        return Route("greeting", rule="classifier", probability=probability)
    if intent == "out_of_scope" and s.redirects is not None and s.redirects.asks_about_the_field(s.message):
        # « ça va me coûter combien, cette clause ? »: a question that names a clause, a CCAP, a tender… is in the
        # field whatever the classifier reads; a fact another service holds was redirected before (its signals)
        intent = "question"
    if intent == "out_of_scope":
        return Route("redirect", rule="classifier", probability=probability)
    return _question_route(s, p)


def _resizes_the_last_market(s: Signals) -> bool:
    """A computation asked right after a sizing, with no new amount: the same market, sized again; also after a
    question asked in between, when the message changes one of the sizing's parameters (« et si je prends 7 % pour
    mon marché ? »): the market computed before, not a new one whose amount is asked again."""
    x = s.extraction
    if x.amount is not None or s.state.sizing_params.get("amount") is None:
        return False
    if s.last == "sizing":
        return True
    changed = any(v is not None for v in (x.rate, x.labour_share, x.trade, x.hourly_cost, x.months))
    return s.last == "question" and changed and s.state.last_hours is not None


def _question_route(s: Signals, p: IntentPrediction) -> Route:
    offer = s.extraction.amount is not None  # a market amount: the computation is offered, not imposed
    return Route(
        "question",
        follow_up=s.words <= 8 and s.last is not None and bool(_FOLLOW_UP_START.search(s.folded)),
        rule="classifier",
        probability=p.probability_of("question"),
        offer_sizing=offer,
        out_of_scope=p.probability_of("out_of_scope"),
    )


# What to put in one of the buyer's own documents (« je mets quoi dans le RC exactement ? »): the words the assistant
# drafts, unlike what a bidder puts in its technical memo, answered from the guides.
_PUT_IN_A_BUYERS_DOCUMENT = _rx(
    r"\b(?:mets?|mettre|mettons|ecris|ecrire|indique|indiquer) quoi (?:exactement |concretement |precisement )?"
    r"(?:dans|en tete d?u?) (?:le |la |l'|mon |notre |ma )?(?:rc|ccap|reglements? de (?:la )?consultation|avis(?: de marche| de publicite)?|aapc)\b"
)

# « je mets quoi dans le RC et quoi dans le CCAP ? »: how the clause spreads over the documents, answered from the guides
_AND_IN_ANOTHER = _rx(r"\bet (?:quoi )?(?:dans|en) (?:le |la |l'|mon |notre )?(?:rc|ccap|cctp|avis|reglement|ae)\b")


def _rule_model_asked(s: Signals) -> Route | None:
    """« le tableau de suivi, il ressemble à quoi ? y a un modèle ? »: what a document contains is
    answered from the guides, and a draft offered (the backend adds the offer), whatever the classifier
    reads; a text asked for in so many words went to drafting before (:func:`_rule_drafting_request`)."""
    if _asks_to_see_a_model(s.folded) and _DRAFT_OBJECT.search(s.folded):
        if (
            _PUT_IN_A_BUYERS_DOCUMENT.search(s.folded)
            and not _WORDING_JUDGED.search(s.folded)
            and not _AND_IN_ANOTHER.search(s.folded)
        ):
            return Route("drafting", rule=MODEL_ASKED)  # « je mets quoi dans le RC ? »: the buyer's text is the answer
        route = _question_route(s, s.prediction) if s.prediction is not None else _rule_question(s)
        return replace(route, rule=MODEL_ASKED)
    return None


def _rule_sizing_market(s: Signals) -> Route | None:
    """Keyword mode only: « combien d'heures pour mon marché ? » without an amount yet."""
    if s.prediction is None and _SIZING_WORDS.search(s.folded) and _has_market_words(s.folded):
        if not _is_how_question(s.folded):
            return Route("sizing")
    return None


def _rule_question(s: Signals) -> Route:
    return Route("question", follow_up=s.words <= 8 and s.last is not None and bool(_FOLLOW_UP_START.search(s.folded)))


RULES: tuple[tuple[str, Callable[[Signals], Route | None]], ...] = (
    ("refusal", _rule_refusal),  # names the refusal rule that decided (RefusalPolicy.route)
    ("computation_table", _rule_computation_table),  # a table of hours from the amounts given
    # a text asked for in so many words is written, even when it names a fact another service holds
    # (« rédige un mail aux entreprises qui ont gagné des marchés… »)
    # « …on répartit ? Comment je l'écris dans le CCAP ? »: the question answered, how it is written with it
    ("question_then_wording", _rule_question_then_wording),
    ("drafting_request", _rule_drafting_request),
    ("genre_request", _rule_genre_request),
    ("scoring_grid", _rule_scoring_grid),  # a grid to score the offers on a criterion
    ("companion_document", _rule_companion_document),
    (ABSENCE_FOLLOW_UP, _rule_absence),  # before the redirects: days missed by the person whose hours were computed
    ("redirect", _rule_redirect),  # names the redirect topic that decided (prompts/redirects.yaml)
    ("accepted_offer", _rule_accepted_offer),
    ("greeting", _rule_greeting),
    ("model_asked", _rule_model_asked),
    ("drafting_words", _rule_drafting_words),
    (OWN_FIGURES, _rule_own_figures),
    (UNIT_PRICE, _rule_unit_price),
    (PER_PERIOD, _rule_per_period),
    (TIME_SHARE_FOLLOW_UP, _rule_time_share),
    (METHOD_SHOWN, _rule_method_shown),
    ("procedure_question", _rule_procedure_question),
    (AMENDMENT_QUESTION, _rule_amendment_question),
    (USUAL_HOURS, _rule_usual_hours),
    ("sizing_words", _rule_sizing_words),
    ("conversion", _rule_conversion),
    ("sizing_follow_up", _rule_sizing_follow_up),
    ("cost_base_follow_up", _rule_cost_base_follow_up),
    ("drafting_follow_up", _rule_drafting_follow_up),
    ("draft_revision", _rule_draft_revision),
    ("hours_follow_up", _rule_hours_follow_up),
    (RHYTHM_FOLLOW_UP, _rule_rhythm_follow_up),
    ("computation_asked", _rule_computation_asked),
    ("classifier", _rule_classifier),
    ("sizing_market", _rule_sizing_market),
)


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
            extraction.worked_hours,
        )
    )


def route(
    message: str,
    extraction: Extraction,
    state: ConversationState | dict[str, Any],
    classifier: IntentClassifier | None = None,
    redirects: Redirects | None = None,
    *,
    screening: Screening,
) -> Route:
    """Decide what the message asks for. ``state`` is the session's memory of the last turn;
    ``redirects`` (when given) sends the messages another service must answer to that service;
    ``screening`` is the refusal policy's verdict on the message (:meth:`RefusalPolicy.screen`)."""
    found = signals(message, extraction, state, classifier, redirects, screening=screening)
    for name, rule in RULES:
        decided = rule(found)
        if decided is not None:
            return decided if decided.rule else replace(decided, rule=name)
    return replace(_rule_question(found), rule="default")


_SIZING_ASK = _rx(r"\b(calcul\w*|dimensionn\w*|chiffr\w*|estim\w*|demander|exiger|prevoir|mettre|faire)\b")


# A question about the method, the usual ratios, a date or whether a rate is reasonable: answered
# from the guides (the computation is offered) unless a computation is asked in so many words.
_METHOD_ASK = _rx(
    r"\bcomment (?:je |on |tu |vous |nous )?(?:le |la |les )?calcul\w*|\b(?:la|une|quelle) formule\b"
    r"|\bquel(?:le)?s? (?:taux|ratios?|fourchettes?|pourcentages?) (?:je|on|prendre|retenir|utiliser|faut)\b"
    r"|\b(?:des|les|vos|tes) (?:ratios|fourchettes)\b|\bquand\s*\?"
    r"|\b(?:c|c'est|c est|est-ce) (?:pas )?(?:abuse|trop|exagere|excessif|raisonnable|disproportionne)\b"
    r"|\b(?:c|c'est|c est|est-ce) (?:pas )?(?:jouable|faisable|possible|legal|autorise)\s*\?"
    # « c'est quoi le coût horaire qu'on prend ? », « quelle part de main-d'œuvre pour la charpente ? »: a reference
    r"|\b(?:c'est quoi|c est quoi|quel(?:le)?s?(?: est| sont)?|et) (?:le |la |les )?(?:cout|taux|prix) horaires?\b"
    r"|\b(?:c'est quoi|c est quoi|quel(?:le)?s?(?: est| sont)?|et) (?:le |la |les )?(?:part|taux|ratio|pourcentage)s? de main"
    # « c'est bien : montant HT x part de main-d'œuvre / taux horaire ? »: a formula checked, not applied
    r"|\b(?:montant|prix|cout)\b[^?]{0,30}\s(?:x|\*|×|fois)\s[^?]{0,60}\b(?:part|taux|cout|%)"
)
_COMPUTE_ASK = _rx(
    r"\bcalcule[sz]?[- ](?:moi|nous)\b|\b(?:tu|vous) (?:me|nous) calcul(?:es|ez|er|iez)\b"
    r"|\b(?:peux[- ]tu|pouvez[- ]vous|tu peux|vous pouvez|tu pourrais|pourriez[- ]vous) (?:me |nous )?calculer\b"
    r"|\b(?:fai[st]|faire|faites)(?:[- ]moi)? (?:le|un|les) calculs?\b"
    r"|\bca (?:me |nous )?(?:fait|ferait|donne|donnerait) combien\b|\bcombien (?:d'heures|ca fait|ca ferait)\b"
    r"|\btu mettrais combien\b|\bcombien d'(?:etp|equivalents? temps plein)\b"
)


# The bases a computation can start from: a figure (« 1 607 h », « 200 k€ », « 5 % ») or a reference
# (the minimum or maximum of a framework agreement, HT or TTC, the estimate, the annual or total amount).
_BASE = (
    r"(?:(?:sur|a|de|en|avec|pour|par)\s+)?(?:(?:le|la|les|l'|un|une)\s*)?"
    r"(?:\d[\d\s.,]*\s*(?:h|heures?|%|k?€|m€|keur|meur|euros?|mois|ans?)?"
    r"|mini(?:mum)?s?|maxi(?:mum)?s?|max|min|ht|ttc|estim\w*|previsionnel\w*|reel\w*|realiste|total|annuel\w*"
    r"|par an|(?:montant|volume) (?:global|total|annuel|estime|maximum|minimum))"
)
# « je dimensionne sur le mini ou sur le maxi ? », « 1 ETP = 1607 h ou 1820 h ? »: which base to take is
# a question on the method, answered from the guides, even though figures are given.
_WHICH_BASE = _rx(r"(?<![\w€%])" + _BASE + r"\s+ou\s+" + _BASE + r"(?![\w€%])[^?.!]{0,40}(?:\?|$)")


def _asks_which_base(folded: str) -> bool:
    """« X ou Y ? » where X and Y are two bases of a computation: the method asked, no computation."""
    return bool(_WHICH_BASE.search(folded)) and not _COMPUTE_ASK.search(folded)


def _asks_about_the_method(folded: str) -> bool:
    # a framework agreement's hours asked « how » (« comment on fixe le volume d'heures quand le montant réel est
    # incertain ? »): its estimate and its bounds are the question, whatever figures it gives
    framework_how = bool(_HOURS_METHOD_ASK.search(folded)) and bool(_FRAMEWORK_WORDS.search(folded))
    return (
        (bool(_METHOD_ASK.search(folded)) and not _COMPUTE_ASK.search(folded))
        or _asks_which_base(folded)
        or framework_how
    )


# « c'est bien 5 % ? », « c'est ça ? », « c'est toujours 10 % ? »: a figure said back to be confirmed.
_CONFIRM_ASKED = _rx(r"\bc'?est\s+(?:bien|toujours|encore|vrai)\b|\bc'?est\s+(?:bien\s+)?ca\s*\?")


def _confirms_a_reference_rate(s: Signals) -> bool:
    """A rate said back for confirmation, with no market amount nor hours to compute on: the reference is asked."""
    x = s.extraction
    return (
        x.rate is not None
        and x.amount is None
        and x.worked_hours is None
        and _CONFIRM_ASKED.search(s.folded) is not None
        and not _COMPUTE_ASK.search(s.folded)
    )


def _sizing_parameters(s: Signals) -> bool:
    x = s.extraction
    return any(
        v is not None for v in (x.amount, x.trade, x.rate, x.labour_share, x.monthly_transferred_hours, x.worked_hours)
    ) or bool(x.lots)


# Words that make a computation one of insertion hours (or of the market they come from).
_HOURS_OR_MARKET = _rx(r"\b(?:heures?|h|etp|dimensionn\w*|insertion|marche|lot|chantier|accord-cadre|montant)\b")


def _computed_before(s: Signals) -> bool:
    """Whether the session has computed something already (a sizing, hours, a conversion)."""
    return bool(s.state.sizing_params) or s.state.last_hours is not None or s.state.conversion_hours is not None


# What a question on the procedure asks (whether a contract may be passed without competition, under which threshold):
# a new amount after it asks the same question of that amount.
_PROCEDURE_TOPIC = _rx(
    r"\b(?:mise en concurrence|publicite|seuils?|procedures?|gre a gre|dispense\w*|sans appel d offres|mapa|"
    r"procedure adaptee|appel d offres|en direct|directement|sans consultation)\b"
)


def _amount_under_a_procedure_question(s: Signals) -> bool:
    """A short « et si c'est 45 k€ ? » right after a question on the procedure, in a session that computed nothing:
    the same question for another amount, not a sizing of insertion hours."""
    x = s.extraction
    return (
        s.last == "question"
        and not _computed_before(s)
        and x.amount is not None
        and x.rate is None
        and x.hours is None
        and s.words <= 10
        and _WHAT_IF.search(s.folded) is not None
        and _PROCEDURE_TOPIC.search(fold(s.state.last_question or "")) is not None
    )


def _continues_a_question(s: Signals) -> bool:
    """A computation asked right after a question, naming no hours, market nor parameter, in a session that
    computed nothing yet (« fais-moi le calcul en HT du coup »): the figure the question was about, not a
    sizing nobody asked for. After a computation, « refais le calcul… » redoes that computation."""
    return not _computed_before(s) and not _sizing_parameters(s) and not _HOURS_OR_MARKET.search(s.folded)


_VARIANT_MAX_WORDS = 25


def _varies_the_question(s: Signals) -> bool:
    """A short « et si… / et pour… » right after a question, with no amount and no computation asked, in a session
    that computed nothing and offered no computation: the same question under another condition (another trade,
    another rate), answered from the guides like the question it varies, not a sizing that asks for an amount."""
    return (
        s.last == "question"
        and not _computed_before(s)
        and not s.state.offered_sizing
        and s.extraction.amount is None
        and _what_if_without_computation(s)
    )


def _bounds_the_question(s: Signals) -> bool:
    """« et si c'est moins de 40 000 € HT ? » right after a question or a text: an amount said as a bound is a
    condition of what was just asked (a threshold), not a market to size; a computation is asked in so many words."""
    return (
        s.last in {"question", "drafting"}
        and s.extraction.amount is not None
        and cue("amount_bound", s.folded)
        and _what_if_without_computation(s)
    )


def _what_if_without_computation(s: Signals) -> bool:
    """A short « et si… / et pour… » that asks no computation, result or hours in so many words: what a variant of
    the question just answered looks like, whatever condition it changes."""
    return (
        s.words <= _VARIANT_MAX_WORDS
        and _WHAT_IF.search(s.folded) is not None
        and not _COMPUTE_ASK.search(s.folded)
        and not _RESULT_ASK.search(s.folded)
        and not _HOURS_ASKED.search(s.folded)
    )


# The minimum and the maximum of a framework agreement named together (« le mini c'est 50 k€ et le maxi 400 k€ »).
_FRAMEWORK_BOUNDS = _rx(r"\bmini(?:mum)?\b.{0,50}\bmaxi(?:mum)?\b|\bmaxi(?:mum)?\b.{0,50}\bmini(?:mum)?\b")


def _names_framework_bounds(folded: str) -> bool:
    """The bounds of a framework agreement given, no computation asked: how the clause follows them is asked."""
    return bool(_FRAMEWORK_BOUNDS.search(folded)) and not _COMPUTE_ASK.search(folded)


def _rate_alone(s: Signals) -> bool:
    """Only a rate or a share, no market to size (« et pour 7 % ? »), and no computation offered before."""
    x = s.extraction
    return (
        x.amount is None
        and x.trade is None
        and not x.lots
        and x.monthly_transferred_hours is None
        and not s.state.offered_sizing
        and (x.rate is not None or x.labour_share is not None)
    )


def _mentions_beneficiaries(folded: str) -> bool:
    """« et pour les ESAT ? » after a reserved-market draft switches the reservation."""
    return named_reservation(folded) is not None


def _has_market_words(folded: str) -> bool:
    return bool(re.search(r"\b(mon|notre|ce|un) (marche|lot|chantier|accord-cadre)\b", folded))


def _is_how_question(folded: str) -> bool:
    """« Comment calcule-t-on… » asks for the method, not for a computation."""
    return bool(re.search(r"\b(comment|pourquoi|methode|qu'est-ce|c'est quoi|expliqu)", folded))
