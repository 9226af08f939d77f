"""Quality evaluation: how right the assistant's answers are, per category of request.

    clauses eval                          # embedded backend (or the configured one)
    clauses eval --backend llm            # the configured LLM, on the same cases
    python -m eval.quality --category sizing --category followup

Each case of ``eval/cases.yaml`` is played in a fresh session of the real engine
(every turn, in order); the checks apply to the last turn. Metrics, per category and
overall (the mean over the cases a metric applies to):

- ``recall_at_5`` / ``mrr``: rank of the first passage from an expected document in
  ``retriever.search(query, k=5)``; the query is the one the engine searched with
  (search tool call of the last turn, completed for follow-ups), else the message;
- ``cited_doc``: an expected document is among the response's sources;
- ``key_facts``: share of ``contains`` found (accent-, case- and hyphen-insensitive);
- ``figures``: share of expected numbers found in the answer or the size/draft tool
  results, French formats parsed (« 1 000 », « 0,41 », « 1,2 M€ »), within tolerance;
- ``hours``: the sizing tool returned exactly the expected hours;
- ``articles``: expected article ids cited, and every L/R/D article id cited is in
  ``corpus/data/known_articles.yaml``;
- ``citations``: every [n] has a source n, and every source is a passage of the index
  (and, when the turn searched, one of the passages retrieved);
- ``forbidden``: share of cases whose answer contains forbidden content (lower is better);
- ``refusal``: refused if and only if a refusal is expected;
- ``abstained``: said « je ne sais pas » when it should (expected intent ``unknown``);
- ``answered``: did not refuse nor abstain when an answer is expected;
- ``intent``: the intent reported matches the expected one.

The run prints a table, writes ``<report-dir>/quality-<date>[-<backend>].md`` with the
failing cases and a PNG chart, and exits 1 when a score is below (``forbidden``:
above) a threshold of ``eval/config.yaml``, 2 when the cases or the backend are invalid.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import logging
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.citations import cited_numbers  # the same reading of [n] as the product

EVAL_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = EVAL_DIR.parent
CASES = EVAL_DIR / "cases.yaml"
CONFIG = EVAL_DIR / "config.yaml"
REPORT_DIR = EVAL_DIR / "reports"
CORPUS_DIR = PROJECT_ROOT / "corpus"
KNOWN_ARTICLES = CORPUS_DIR / "data" / "known_articles.yaml"

CATEGORIES = ("knowledge", "sizing", "drafting", "followup", "tricky")
INTENTS = ("question", "sizing", "conversion", "drafting", "refusal", "unknown", "greeting")
NO_ANSWER = ("refusal", "unknown")

# (key, label, higher is better)
METRICS: tuple[tuple[str, str, bool], ...] = (
    ("recall_at_5", "Rappel@5", True),
    ("mrr", "MRR", True),
    ("cited_doc", "Doc. attendu cité", True),
    ("key_facts", "Faits clés", True),
    ("figures", "Chiffres", True),
    ("hours", "Heures calculées", True),
    ("articles", "Articles valides", True),
    ("citations", "Citations valides", True),
    ("forbidden", "Contenu interdit ↓", False),
    ("refusal", "Refus corrects", True),
    ("abstained", "S'abstient à raison", True),
    ("answered", "Répond à raison", True),
    ("intent", "Intention", True),
)
DEFINITIONS = {
    "recall_at_5": "un passage d'un document attendu (`cite`) est dans les 5 premiers de la recherche",
    "mrr": "inverse du rang de ce premier passage (0 au-delà de 5)",
    "cited_doc": "un document attendu figure parmi les sources de la réponse",
    "key_facts": "part des faits clés (`contains`) présents dans la réponse ou le texte rédigé",
    "figures": "part des chiffres attendus présents (réponse, résultats des outils), à la tolérance près",
    "hours": "l'outil de calcul a rendu exactement les heures attendues",
    "articles": "articles attendus cités et aucun article absent de known_articles.yaml",
    "citations": "chaque [n] a sa source, chaque source est un passage de l'index (et de la recherche du tour)",
    "forbidden": "part des cas dont la réponse contient un contenu interdit (plus bas = mieux)",
    "refusal": "refuse si et seulement si un refus est attendu",
    "abstained": "dit ne pas savoir quand la question sort du corpus",
    "answered": "ne refuse pas et ne s'abstient pas quand une réponse est attendue",
    "intent": "intention reconnue égale à l'intention attendue",
}
METRIC_KEYS = tuple(key for key, _, _ in METRICS)
LABELS = {key: label for key, label, _ in METRICS}
LOWER_IS_BETTER = frozenset(key for key, _, higher in METRICS if not higher)
OVERALL = "overall"


# === schema =====================================================================


@dataclass(frozen=True)
class Figure:
    value: float
    tolerance: float = 0.0


@dataclass(frozen=True)
class Expect:
    intent: str
    contains: tuple[str | tuple[str, ...], ...] = ()
    figures: tuple[Figure, ...] = ()
    articles: tuple[str, ...] = ()
    not_contains: tuple[str, ...] = ()
    cite: tuple[str, ...] = ()
    hours: int | None = None


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    turns: tuple[str, ...]
    expect: Expect
    note: str | None = None


_CASE_KEYS = {"id", "category", "turns", "expect", "note"}
_EXPECT_KEYS = {"intent", "contains", "figures", "articles", "not_contains", "cite", "hours"}


class CaseError(ValueError):
    """A case file that does not follow the schema."""


def _parse_case(raw: Any, position: int) -> Case:
    where = f"case #{position}"
    if not isinstance(raw, dict):
        raise CaseError(f"{where}: a case is a mapping")
    where = f"case {raw.get('id', f'#{position}')!r}"
    unknown = set(raw) - _CASE_KEYS
    if unknown:
        raise CaseError(f"{where}: unknown keys {sorted(unknown)}")
    turns = raw.get("turns")
    if isinstance(turns, str):
        turns = [turns]
    if not isinstance(turns, list) or not turns or not all(isinstance(t, str) and t.strip() for t in turns):
        raise CaseError(f"{where}: `turns` must be a non-empty list of messages")
    expect = raw.get("expect")
    if not isinstance(expect, dict):
        raise CaseError(f"{where}: `expect` is required")
    unknown = set(expect) - _EXPECT_KEYS
    if unknown:
        raise CaseError(f"{where}: unknown expect keys {sorted(unknown)}")
    if "intent" not in expect:
        raise CaseError(f"{where}: `expect.intent` is required")

    contains: list[str | tuple[str, ...]] = []
    for item in expect.get("contains") or []:
        if isinstance(item, list) and item and all(isinstance(x, str) for x in item):
            contains.append(tuple(item))
        elif isinstance(item, str) and item:
            contains.append(item)
        else:
            raise CaseError(f"{where}: `contains` items are strings or lists of strings")
    figures = []
    for item in expect.get("figures") or []:
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = {"value": item}
        if not isinstance(item, dict) or set(item) - {"value", "tolerance"} or "value" not in item:
            raise CaseError(f"{where}: a figure is {{value: number, tolerance: number}}")
        try:
            figures.append(Figure(float(item["value"]), float(item.get("tolerance", 0) or 0)))
        except (TypeError, ValueError) as exc:
            raise CaseError(f"{where}: figure {item!r} is not numeric") from exc
    hours = expect.get("hours")
    if hours is not None and (not isinstance(hours, int) or isinstance(hours, bool)):
        raise CaseError(f"{where}: `hours` must be a whole number")

    def strings(key: str) -> tuple[str, ...]:
        values = expect.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise CaseError(f"{where}: `{key}` must be a list of strings")
        return tuple(values)

    return Case(
        id=str(raw.get("id", "")),
        category=str(raw.get("category", "")),
        turns=tuple(turns),
        expect=Expect(
            intent=str(expect["intent"]),
            contains=tuple(contains),
            figures=tuple(figures),
            articles=strings("articles"),
            not_contains=strings("not_contains"),
            cite=strings("cite"),
            hours=hours,
        ),
        note=raw.get("note"),
    )


def load_cases(path: Path = CASES) -> list[Case]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise CaseError(f"{path}: the file must be a YAML list of cases")
    return [_parse_case(raw, i) for i, raw in enumerate(data, start=1)]


def load_known_articles(path: Path = KNOWN_ARTICLES) -> dict[str, set[str]]:
    """Known article ids: ``code`` (L/R/D ids of the codes) and ``all`` (every key, CCAG too)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    codes: set[str] = set()
    every: set[str] = set()
    for section, articles in data.items():
        for key in articles or {}:
            every.add(str(key))
            if section in ("code_commande_publique", "code_du_travail"):
                codes.add(normalize_article(str(key)))
    return {"code": codes, "all": every}


def validate_cases(
    cases: Sequence[Case], corpus_dir: Path = CORPUS_DIR, known: dict[str, set[str]] | None = None
) -> list[str]:
    """Problems of a case set: duplicate ids, unknown categories or intents, missing documents…"""
    known = known if known is not None else load_known_articles()
    problems: list[str] = []
    seen: set[str] = set()
    for case in cases:
        if not case.id:
            problems.append("a case has no id")
        elif case.id in seen:
            problems.append(f"{case.id}: duplicate id")
        seen.add(case.id)
        if case.category not in CATEGORIES:
            problems.append(f"{case.id}: unknown category {case.category!r}")
        if case.expect.intent not in INTENTS:
            problems.append(f"{case.id}: unknown intent {case.expect.intent!r}")
        if case.category == "followup" and len(case.turns) < 2:
            problems.append(f"{case.id}: a follow-up case needs at least two turns")
        for document in case.expect.cite:
            if not (corpus_dir / document).is_file():
                problems.append(f"{case.id}: cited document {document!r} not in {corpus_dir}")
        for article in case.expect.articles:
            if article not in known["all"] and normalize_article(article) not in known["code"]:
                problems.append(f"{case.id}: article {article!r} not in known_articles.yaml")
        for figure in case.expect.figures:
            if figure.tolerance < 0:
                problems.append(f"{case.id}: negative tolerance")
        if case.expect.hours is not None and case.expect.hours < 0:
            problems.append(f"{case.id}: negative hours")
    return problems


# === pure scoring functions =========================================================

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009]+")
_DASHES = re.compile(r"[\-\u2010\u2011\u2012\u2013\u2014\u2212]")
_APOSTROPHES = re.compile(r"['\u2018\u2019`\u02bc]")


def normalize(text: str) -> str:
    """Lower case, no accents, œ → oe; hyphens, apostrophes and every kind of space become one space."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = text.lower()
    text = _DASHES.sub(" ", text)
    text = _APOSTROPHES.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


# A match must not be glued to a longer number: before it, a digit, a decimal separator
# or a French group of 1-3 digits and a space; after it, a digit, a decimal or a group.
_BEFORE_NUMBER = re.compile(r"(?:\d|\d[,.]|(?<!\d)\d{1,3}(?: \d{3})* )$")
_AFTER_DIGIT = re.compile(r"^(?:\d|[,.]\d)")
_AFTER_GROUP = re.compile(r"^ \d{3}(?!\d)")
_LAST_GROUPS = re.compile(r"(?<!\d)(\d{1,3})(?: \d{3})*$")


def _occurs(haystack: str, needle: str) -> bool:
    """Substring test on normalised text; a needle that starts or ends with a digit must not
    be part of a longer number (« 26 » is not in « 2026 », « 150 » not in « 150 000 »)."""
    if not needle:
        return False
    for match in re.finditer(re.escape(needle), haystack):
        before, after = haystack[: match.start()], haystack[match.end() :]
        if needle[0].isdigit() and _BEFORE_NUMBER.search(before):
            continue
        if needle[-1].isdigit() and (
            _AFTER_DIGIT.match(after) or (_AFTER_GROUP.match(after) and _LAST_GROUPS.search(needle))
        ):
            continue
        return True
    return False


def contains(text: str, needle: str | Iterable[str]) -> bool:
    """Whether ``text`` contains ``needle`` (or one of several), case/accent-insensitively."""
    haystack = normalize(text)
    options = [needle] if isinstance(needle, str) else list(needle)
    return any(_occurs(haystack, normalize(option)) for option in options)


def key_fact_coverage(text: str, items: Sequence[str | Sequence[str]]) -> tuple[float, list[str]]:
    """Share of the items found, and the missing ones (an item may be a list of alternatives)."""
    if not items:
        return 1.0, []
    missing = [item if isinstance(item, str) else " | ".join(item) for item in items if not contains(text, item)]
    return (len(items) - len(missing)) / len(items), missing


def forbidden_found(text: str, items: Sequence[str]) -> list[str]:
    return [item for item in items if contains(text, item)]


_NUMBER = re.compile(
    r"(?<![\w.,])"
    r"(?P<int>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)"
    r"(?:[,.](?P<dec>\d+))?"
    r"(?:[ \u00a0\u202f]?(?P<unit>k€|K€|k|K|M€|M|millions?|milliards?|%)(?![A-Za-zÀ-ÿ]))?"
)
_SCALE = {"k": 1e3, "m": 1e6, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9}


def parse_numbers(text: str) -> list[float]:
    """Every number written in ``text``, French style (« 1 000 », « 0,41 », « 1,2 M€ »).

    A number followed by k/k€, M/M€ or millions also yields its scaled value, and a
    percentage also yields its fraction (« 50 % » gives 50 and 0.5).
    """
    values: list[float] = []
    for match in _NUMBER.finditer(text):
        digits = _SPACES.sub("", match.group("int"))
        value = float(f"{digits}.{match.group('dec')}" if match.group("dec") else digits)
        values.append(value)
        unit = (match.group("unit") or "").lower().rstrip("€")
        if unit == "%":
            values.append(value / 100)
        elif unit in _SCALE:
            values.append(value * _SCALE[unit])
    return values


def numbers_in(data: Any) -> list[float]:
    """Numbers of a tool result: numeric values, and numbers written in its strings."""
    out: list[float] = []
    if isinstance(data, bool) or data is None:
        return out
    if isinstance(data, (int, float)):
        out.append(float(data))
    elif isinstance(data, str):
        out.extend(parse_numbers(data))
    elif isinstance(data, dict):
        for value in data.values():
            out.extend(numbers_in(value))
    elif isinstance(data, (list, tuple)):
        for value in data:
            out.extend(numbers_in(value))
    return out


def figure_found(figure: Figure, numbers: Iterable[float]) -> bool:
    return any(abs(number - figure.value) <= figure.tolerance + 1e-9 for number in numbers)


def figure_accuracy(figures: Sequence[Figure], numbers: Sequence[float]) -> tuple[float, list[Figure]]:
    if not figures:
        return 1.0, []
    missing = [f for f in figures if not figure_found(f, numbers)]
    return (len(figures) - len(missing)) / len(figures), missing


_ARTICLE = re.compile(r"(?<![\w/])([LRD])\s?\.?\s?(\d{1,4}(?:-\d{1,3})+)(?!\d)")


_CCAG = re.compile(r"(CCAG-[\w-]+)\s+(\d+(?:\.\d+)*)")


def normalize_article(article: str) -> str:
    """« L. 2112-02 » → « L2112-2 »; other ids (CCAG, old code) are returned stripped."""
    match = _ARTICLE.fullmatch(article.strip())
    if not match:
        return article.strip()
    return match.group(1) + "-".join(str(int(part)) for part in match.group(2).split("-"))


def extract_articles(text: str) -> list[str]:
    """Article ids of the codes (L/R/D numbers) cited in ``text``, normalised, in order."""
    seen: list[str] = []
    for match in _ARTICLE.finditer(text):
        article = normalize_article(match.group(0).replace(" ", ""))
        if article not in seen:
            seen.append(article)
    return seen


def unknown_articles(text: str, known_codes: set[str]) -> list[str]:
    return [article for article in extract_articles(text) if article not in known_codes]


def article_cited(text: str, article: str) -> bool:
    """An expected article is cited: code ids by exact id, others (CCAG…) by substring."""
    normalized = normalize_article(article)
    if _ARTICLE.fullmatch(normalized):
        return normalized in extract_articles(text)
    ccag = _CCAG.fullmatch(article.strip())
    if ccag:  # « CCAG-FCS 16.1 » is also written « article 16.1 du CCAG-FCS »
        return contains(text, article) or contains(text, f"{ccag.group(2)} du {ccag.group(1)}")
    return contains(text, article)


def article_validity(text: str, expected: Sequence[str], known_codes: set[str]) -> tuple[float, list[str], list[str]]:
    """Share of expected articles cited, zeroed when an unknown article is cited."""
    missing = [a for a in expected if not article_cited(text, a)]
    unknown = unknown_articles(text, known_codes)
    score = (len(expected) - len(missing)) / len(expected) if expected else 1.0
    return (0.0 if unknown else score), missing, unknown


def _squash(text: str) -> str:
    return " ".join(str(text).split())


def passage_key(source: dict[str, Any]) -> tuple[str, str | None, int | None]:
    return (str(source.get("source")), source.get("section"), source.get("page"))


def citation_problems(
    answer: str,
    sources: Sequence[dict[str, Any]],
    retrieved: Sequence[dict[str, Any]] | None = None,
    passages: dict[tuple[str, str | None, int | None], list[str]] | None = None,
) -> list[str]:
    """What is wrong with the citations of an answer (empty when they are valid).

    Every [n] must have a source numbered n. Every source must be a passage of the
    index (``passages``: texts by (document, section, page), the excerpt being a
    prefix of one) and, when the turn searched (``retrieved``: the hits, as dicts with
    source/section/page), one of the retrieved passages.
    """
    problems: list[str] = []
    numbers = {int(s.get("n", -1)) for s in sources}
    for n in cited_numbers(answer):
        if n not in numbers:
            problems.append(f"citation [{n}] sans source")
    hit_keys = {passage_key(hit) for hit in retrieved} if retrieved is not None else None
    for source in sources:
        key = passage_key(source)
        label = f"source [{source.get('n')}] ({key[0]})"
        if hit_keys is not None and key not in hit_keys:
            problems.append(f"{label} absente des passages retrouvés")
        if passages is not None:
            texts = passages.get(key)
            excerpt = _squash(source.get("excerpt", "")).removesuffix("…").strip()
            if not texts:
                problems.append(f"{label} introuvable dans l'index")
            elif excerpt and not any(_squash(text).startswith(excerpt) for text in texts):
                problems.append(f"{label} : extrait absent du passage indexé")
    return problems


def first_rank(documents: Sequence[str], expected: Sequence[str]) -> int | None:
    """1-based rank of the first retrieved document that is expected."""
    return next((i for i, document in enumerate(documents, start=1) if document in expected), None)


_ABSTENTION = re.compile(
    r"\b(je ne sais pas|je ne trouve pas (de|d'|la|cette)|pas de reponse fiable|je n'ai pas (trouve|d'information)"
    r"|ne figure pas dans (les|mes|nos) (documents|sources)|aucune information (fiable )?(sur|dans))\b"
)


def effective_intent(intent: str | None, answer: str) -> str:
    """The intent reported, with an answer that says « je ne sais pas » counted as ``unknown``."""
    intent = intent or "none"
    if intent in ("redirect", "clarify"):  # a redirect or a « Vouliez-vous dire » does not answer: an abstention
        return "unknown"
    if intent == "question" and _ABSTENTION.search(normalize(answer)):
        return "unknown"
    return intent


# Intents the LLM backend cannot distinguish (it reports the tool it used).
_LLM_EQUIVALENT = {"conversion": {"sizing"}}


def intent_matches(expected: str, actual: str, backend: str) -> bool:
    if expected == actual:
        return True
    return backend == "llm" and actual in _LLM_EQUIVALENT.get(expected, set())


# === running the cases ================================================================


@dataclass
class Outcome:
    case: Case
    answer: str = ""
    intent: str = "none"
    backend: str = ""
    sources: list[dict[str, Any]] = field(default_factory=list)
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    query: str = ""
    retrieved_documents: list[str] = field(default_factory=list)
    scores: dict[str, float | None] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def _drafted_texts(tool_calls: Sequence[dict[str, Any]]) -> list[str]:
    texts = []
    for call in tool_calls:
        if call.get("name") == "draft":
            text = (call.get("result") or {}).get("text")
            if isinstance(text, str):
                texts.append(text)
    return texts


def _hits_of(data: Any) -> list[dict[str, Any]]:
    """Passages (dicts with a ``source``) anywhere in a search tool result."""
    found: list[dict[str, Any]] = []
    if isinstance(data, dict):
        if "source" in data and isinstance(data.get("source"), str):
            found.append(data)
        else:
            for value in data.values():
                found.extend(_hits_of(value))
    elif isinstance(data, list):
        for value in data:
            found.extend(_hits_of(value))
    return found


def score_outcome(
    outcome: Outcome, known_codes: set[str], passages: dict[tuple[str, str | None, int | None], list[str]] | None
) -> None:
    """Fill ``outcome.scores`` (None when a metric does not apply) and ``outcome.problems``."""
    expect = outcome.case.expect
    scores: dict[str, float | None] = dict.fromkeys(METRIC_KEYS)
    problems = list(outcome.problems)
    answer = outcome.answer
    visible = "\n\n".join([answer, *_drafted_texts(outcome.tool_calls)])
    intent = outcome.intent

    if expect.cite:
        rank = first_rank(outcome.retrieved_documents, expect.cite)
        scores["recall_at_5"] = 1.0 if rank is not None and rank <= 5 else 0.0
        scores["mrr"] = 1.0 / rank if rank is not None and rank <= 5 else 0.0
        if scores["recall_at_5"] == 0.0:
            problems.append(
                f"recherche : aucun passage de {', '.join(expect.cite)} dans les 5 premiers "
                f"(requête : « {outcome.query[:120]} »)"
            )
        cited = {s.get("source") for s in outcome.sources}
        scores["cited_doc"] = 1.0 if cited & set(expect.cite) else 0.0
        if scores["cited_doc"] == 0.0 and expect.intent not in ("unknown",):
            problems.append(
                f"sources : aucune de {', '.join(expect.cite)} (citées : {', '.join(sorted(map(str, cited))) or 'aucune'})"
            )

    if expect.contains:
        coverage, missing = key_fact_coverage(visible, expect.contains)
        scores["key_facts"] = coverage
        if missing:
            problems.append("faits clés manquants : " + " ; ".join(f"« {m} »" for m in missing))

    if expect.figures:
        numbers = parse_numbers(answer)
        for call in outcome.tool_calls:
            if call.get("name") in ("size", "draft"):
                numbers.extend(numbers_in(call.get("result")))
        accuracy, missing_figures = figure_accuracy(expect.figures, numbers)
        scores["figures"] = accuracy
        if missing_figures:
            problems.append(
                "chiffres absents : "
                + ", ".join(f"{f.value:g}" + (f" ± {f.tolerance:g}" if f.tolerance else "") for f in missing_figures)
            )

    if expect.hours is not None:
        sizes = [c for c in outcome.tool_calls if c.get("name") == "size"]
        got = (sizes[-1].get("result") or {}).get("hours") if sizes else None
        scores["hours"] = 1.0 if isinstance(got, (int, float)) and float(got) == expect.hours else 0.0
        if scores["hours"] == 0.0:
            problems.append(
                f"heures calculées : {got if got is not None else 'aucun calcul'} au lieu de {expect.hours}"
            )

    cited_articles = extract_articles(visible)
    if expect.articles or cited_articles:
        validity, missing_articles, unknown = article_validity(visible, expect.articles, known_codes)
        scores["articles"] = validity
        if missing_articles:
            problems.append("articles non cités : " + ", ".join(missing_articles))
        if unknown:
            problems.append("articles inconnus cités : " + ", ".join(unknown))

    if outcome.sources or cited_numbers(answer):
        retrieved = None
        searches = [c for c in outcome.tool_calls if c.get("name") == "search"]
        if searches:
            retrieved = [hit for call in searches for hit in _hits_of(call.get("result"))]
        citation_issues = citation_problems(answer, outcome.sources, retrieved, passages)
        scores["citations"] = 0.0 if citation_issues else 1.0
        problems.extend(f"citations : {issue}" for issue in citation_issues)

    if expect.not_contains:
        found = forbidden_found(visible, expect.not_contains)
        scores["forbidden"] = 1.0 if found else 0.0
        if found:
            problems.append("contenu interdit : " + " ; ".join(f"« {f} »" for f in found))

    refused = intent == "refusal"
    scores["refusal"] = 1.0 if refused == (expect.intent == "refusal") else 0.0
    if scores["refusal"] == 0.0:
        problems.append("refus à tort" if refused else "aurait dû refuser")
    if expect.intent == "unknown":
        scores["abstained"] = 1.0 if intent == "unknown" else 0.0
        if scores["abstained"] == 0.0 and not refused:
            problems.append("aurait dû dire qu'il ne sait pas")
    elif expect.intent not in NO_ANSWER:
        scores["answered"] = 0.0 if intent in NO_ANSWER or outcome.error else 1.0
        if intent == "unknown":
            problems.append("s'est abstenu alors qu'une réponse était attendue")
    scores["intent"] = 1.0 if intent_matches(expect.intent, intent, outcome.backend) else 0.0
    if scores["intent"] == 0.0:
        problems.append(f"intention : {intent} au lieu de {expect.intent}")

    outcome.scores = scores
    outcome.problems = list(dict.fromkeys(problems))


def _index_passages(context: Any) -> dict[tuple[str, str | None, int | None], list[str]]:
    passages: dict[tuple[str, str | None, int | None], list[str]] = {}
    for chunk in context.index.chunks:
        passages.setdefault((chunk.source, chunk.section, chunk.page), []).append(chunk.text)
    return passages


def _fresh_engine(context: Any, folder: Path) -> Any:
    """The context's assistant with a throw-away session store (the user's stays clean)."""
    from assistant import Assistant

    return Assistant(context=context).with_sessions(folder / "sessions.sqlite3")


def run_case(engine: Any, retriever: Any, case: Case, k: int = 5) -> Outcome:
    """Play every turn of ``case`` in one fresh session; keep the last response."""
    from assistant.errors import ClausesError

    outcome = Outcome(case)
    session: str | None = None
    response = None
    for turn in case.turns:
        try:
            response = engine.ask(turn, session)
        except ClausesError as error:
            outcome.error = f"{type(error).__name__}: {error.message}"
            outcome.problems.append(f"erreur : {outcome.error}")
            response = None
            break
        session = response.session_id
    last = case.turns[-1]
    if response is not None:
        data = response.model_dump(mode="json")
        outcome.answer = data.get("answer") or ""
        outcome.backend = data.get("backend") or ""
        outcome.sources = data.get("sources") or []
        outcome.tool_calls = data.get("tool_calls") or []
        outcome.intent = effective_intent(data.get("intent"), outcome.answer)
    else:
        outcome.intent = "error"
    queries = [c.get("arguments", {}).get("query") for c in outcome.tool_calls if c.get("name") == "search"]
    outcome.query = next((q for q in reversed(queries) if isinstance(q, str) and q.strip()), last)
    if case.expect.cite:
        outcome.retrieved_documents = [hit.chunk.source for hit in retriever.search(outcome.query, k=k)]
    return outcome


# === aggregation and thresholds ======================================================


@dataclass(frozen=True)
class Cell:
    value: float | None
    n: int


def aggregate(outcomes: Sequence[Outcome]) -> dict[str, dict[str, Cell]]:
    """Mean of each metric over the cases it applies to, per category and overall."""
    groups: dict[str, list[Outcome]] = {category: [] for category in CATEGORIES}
    for outcome in outcomes:
        groups.setdefault(outcome.case.category, []).append(outcome)
    groups = {name: items for name, items in groups.items() if items}
    groups[OVERALL] = list(outcomes)
    table: dict[str, dict[str, Cell]] = {}
    for name, items in groups.items():
        row: dict[str, Cell] = {}
        for key in METRIC_KEYS:
            values = [o.scores.get(key) for o in items if o.scores.get(key) is not None]
            row[key] = Cell(sum(values) / len(values) if values else None, len(values))
        table[name] = row
    return table


def check_thresholds(
    table: dict[str, dict[str, Cell]], thresholds: dict[str, dict[str, float]], *, only: Iterable[str] | None = None
) -> list[str]:
    """Scores below their threshold (``forbidden``: above), as readable lines."""
    scopes = set(only) if only is not None else None
    violations: list[str] = []
    for scope, limits in (thresholds or {}).items():
        if scopes is not None and scope not in scopes:
            continue
        row = table.get(scope)
        if row is None:
            continue
        for key, limit in (limits or {}).items():
            if key not in LABELS:
                violations.append(f"{scope}: unknown metric {key!r} in the thresholds")
                continue
            cell = row.get(key)
            if cell is None or cell.value is None:
                continue
            if key in LOWER_IS_BETTER:
                if cell.value > float(limit) + 1e-9:
                    violations.append(f"{scope} / {LABELS[key]} : {cell.value:.3f} > maximum {float(limit):.2f}")
            elif cell.value < float(limit) - 1e-9:
                violations.append(f"{scope} / {LABELS[key]} : {cell.value:.3f} < minimum {float(limit):.2f}")
    return violations


def _threshold(thresholds: dict[str, dict[str, float]], scope: str, key: str) -> float | None:
    value = (thresholds.get(scope) or {}).get(key)
    return None if value is None else float(value)


def _breaks(cell: Cell, limit: float | None, key: str) -> bool:
    if limit is None or cell.value is None:
        return False
    return cell.value > limit + 1e-9 if key in LOWER_IS_BETTER else cell.value < limit - 1e-9


# === output: table, report, chart ======================================================


def _columns(table: dict[str, dict[str, Cell]]) -> list[str]:
    return [c for c in (*CATEGORIES, OVERALL) if c in table]


def rich_table(table: dict[str, dict[str, Cell]], thresholds: dict[str, dict[str, float]], title: str) -> Any:
    from rich.table import Table

    out = Table(title=title)
    out.add_column("métrique", no_wrap=True)
    columns = _columns(table)
    for column in columns:
        out.add_column(column, justify="right")
    out.add_row("[dim]cas[/]", *(f"[dim]{table[c]['intent'].n}[/]" for c in columns))
    for key in METRIC_KEYS:
        cells = []
        for column in columns:
            cell = table[column][key]
            if cell.value is None:
                cells.append("[dim]—[/]")
                continue
            text = f"{cell.value:.2f}"
            if _breaks(cell, _threshold(thresholds, column, key), key):
                text = f"[bold red]{text} ✗[/]"
            cells.append(text)
        out.add_row(LABELS[key], *cells)
    return out


def markdown_table(
    table: dict[str, dict[str, Cell]], thresholds: dict[str, dict[str, float]], case_counts: dict[str, int]
) -> str:
    columns = _columns(table)
    lines = ["| métrique | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    lines.append("| cas | " + " | ".join(str(case_counts.get(c, 0)) for c in columns) + " |")
    for key in METRIC_KEYS:
        cells = []
        for column in columns:
            cell = table[column][key]
            if cell.value is None:
                cells.append("—")
                continue
            text = f"{cell.value:.2f} (n={cell.n})"
            if _breaks(cell, _threshold(thresholds, column, key), key):
                text = f"**{cell.value:.2f}** ✗ (n={cell.n})"
            cells.append(text)
        lines.append(f"| {LABELS[key]} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_chart(
    table: dict[str, dict[str, Cell]], thresholds: dict[str, dict[str, float]], path: Path, title: str
) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    columns = _columns(table)
    cols = min(3, len(columns))
    rows = (len(columns) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(6.2 * cols, 4.6 * rows), squeeze=False)
    labels = [LABELS[key] for key in METRIC_KEYS]
    positions = list(range(len(METRIC_KEYS)))
    for index, column in enumerate(columns):
        ax = axes[index // cols][index % cols]
        values, colors = [], []
        for key in METRIC_KEYS:
            cell = table[column][key]
            values.append(cell.value if cell.value is not None else 0.0)
            if cell.value is None:
                colors.append("#dddddd")
            elif _breaks(cell, _threshold(thresholds, column, key), key):
                colors.append("#d62728")
            elif key in LOWER_IS_BETTER:
                colors.append("#ff7f0e")
            else:
                colors.append("#1f77b4")
        ax.barh(positions, values, color=colors)
        for position, key in zip(positions, METRIC_KEYS, strict=True):
            limit = _threshold(thresholds, column, key)
            if limit is not None:
                ax.plot([limit, limit], [position - 0.4, position + 0.4], color="black", linewidth=1.5)
            cell = table[column][key]
            ax.text(
                min((cell.value or 0.0) + 0.01, 0.93),
                position,
                "—" if cell.value is None else f"{cell.value:.2f}",
                va="center",
                fontsize=7,
            )
        ax.set_xlim(0, 1)
        ax.set_yticks(positions)
        ax.set_yticklabels(labels if index % cols == 0 else [""] * len(labels), fontsize=8)
        ax.invert_yaxis()
        ax.set_title(column)
        ax.grid(axis="x", alpha=0.3)
    for index in range(len(columns), rows * cols):
        axes[index // cols][index % cols].axis("off")
    fig.suptitle(title + " — trait noir : seuil ; rouge : sous le seuil ; orange : plus bas = mieux", fontsize=10)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _excerpt(text: str, limit: int = 320) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def write_report(
    path: Path,
    *,
    title: str,
    table: dict[str, dict[str, Cell]],
    outcomes: Sequence[Outcome],
    thresholds: dict[str, dict[str, float]],
    violations: Sequence[str],
    chart: Path,
    meta: dict[str, str],
) -> Path:
    case_counts = {c: sum(1 for o in outcomes if o.case.category == c) for c in CATEGORIES}
    case_counts[OVERALL] = len(outcomes)
    failing = [o for o in outcomes if o.failed]
    lines = [f"# {title}", ""]
    lines.extend(f"- {key} : {value}" for key, value in meta.items())
    lines.append(f"- cas en échec (au moins une vérification) : {len(failing)} / {len(outcomes)}")
    lines += [
        "",
        "## Scores",
        "",
        "Moyenne sur les cas où la métrique s'applique (n). « Contenu interdit » est un taux : plus bas = mieux. "
        "✗ : sous le seuil de `eval/config.yaml`.",
        "",
        markdown_table(table, thresholds, case_counts),
        "",
        f"![scores par catégorie]({chart.name})",
        "",
        "Définitions :",
        "",
    ]
    lines.extend(f"- **{LABELS[key]}** : {DEFINITIONS[key]}." for key in METRIC_KEYS)
    lines.append("")
    lines += ["## Seuils", ""]
    if violations:
        lines.extend(f"- ✗ {v}" for v in violations)
    else:
        lines.append("Tous les scores respectent les seuils.")
    lines += ["", "## Cas en échec", ""]
    if not failing:
        lines.append("Aucun.")
    for category in CATEGORIES:
        group = [o for o in failing if o.case.category == category]
        if not group:
            continue
        lines += [f"### {category} ({len(group)})", ""]
        for outcome in group:
            turns = " → ".join(f"« {t} »" for t in outcome.case.turns)
            lines.append(f"**{outcome.case.id}** — {turns}")
            lines.append("")
            lines.append(
                f"- attendu : {outcome.case.expect.intent} ; obtenu : {outcome.intent}"
                + (f" ({outcome.backend})" if outcome.backend else "")
            )
            lines.extend(f"- {problem}" for problem in outcome.problems)
            lines.append(f"- réponse : {_excerpt(outcome.answer) or '(vide)'}")
            lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return path


# === the run ============================================================================


def load_config(path: Path = CONFIG) -> dict[str, Any]:
    if not Path(path).is_file():
        return {"k": 5, "thresholds": {}}
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    data.setdefault("k", 5)
    data.setdefault("thresholds", {})
    return data


@dataclass
class EvalRun:
    outcomes: list[Outcome]
    table: dict[str, dict[str, Cell]]
    violations: list[str]
    report: Path
    chart: Path
    backend: str

    @property
    def exit_code(self) -> int:
        return 1 if self.violations else 0


def evaluate(
    context: Any,
    cases: Sequence[Case],
    *,
    config: dict[str, Any],
    report_dir: Path,
    subset: bool = False,
    console: Any = None,
    today: _dt.date | None = None,
) -> EvalRun:
    """Run ``cases`` through the context's engine, score them, write the report and chart.

    ``subset``: only some categories were selected; overall thresholds are then skipped.
    """
    k = int(config.get("k", 5))
    thresholds: dict[str, dict[str, float]] = config.get("thresholds") or {}
    known = load_known_articles(context.settings.domain_data_dir / "known_articles.yaml")
    passages = _index_passages(context)
    retriever = context.retriever
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="clauses-eval-") as folder:
        engine = _fresh_engine(context, Path(folder))
        backend = engine.backend_name
        progress = None
        if console is not None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            progress = Progress(
                TextColumn("[bold]Évaluation"), BarColumn(), MofNCompleteColumn(), console=console, transient=True
            )
            progress.start()
            task = progress.add_task("cases", total=len(cases))
        try:
            for case in cases:
                outcome = run_case(engine, retriever, case, k=k)
                score_outcome(outcome, known["code"], passages)
                outcomes.append(outcome)
                if progress is not None:
                    progress.advance(task)
        finally:
            if progress is not None:
                progress.stop()
        del engine  # drop the throw-away store before its folder goes

    table = aggregate(outcomes)
    scopes = [c for c in CATEGORIES if c in table] if subset else None
    violations = check_thresholds(table, thresholds, only=scopes)
    day = (today or _dt.date.today()).isoformat()
    suffix = "" if backend == "embedded" else f"-{backend}"
    if subset:
        suffix += "-" + "-".join(sorted({o.case.category for o in outcomes}))
    report_dir = Path(report_dir)
    report = report_dir / f"quality-{day}{suffix}.md"
    chart = report_dir / f"quality-{day}{suffix}.png"
    title = f"Évaluation qualité — moteur {backend} — {day}"
    write_chart(table, thresholds, chart, title)
    fallbacks = sum(1 for o in outcomes if o.backend and o.backend != backend)
    meta = {
        "date": day,
        "moteur": backend + (f" ({fallbacks} réponses de repli sur le moteur intégré)" if fallbacks else ""),
        "cas": str(len(outcomes)),
        "index": f"{len(context.index.chunks)} passages, {context.index.document_count} documents",
        "commande": "`clauses eval`" + ("" if backend == "embedded" else f" --backend {backend}"),
    }
    write_report(
        report,
        title=title,
        table=table,
        outcomes=outcomes,
        thresholds=thresholds,
        violations=violations,
        chart=chart,
        meta=meta,
    )
    return EvalRun(outcomes, table, violations, report, chart, backend)


def run(
    backend: str | None = None,
    cases_path: Path | None = None,
    report_dir: Path | None = None,
    categories: Sequence[str] | None = None,
    config_path: Path | None = None,
) -> int:
    """The whole command: load, check, build the engine, evaluate, print; returns the exit code."""
    from rich.console import Console

    console = Console()
    err = Console(stderr=True)
    config = load_config(config_path or CONFIG)
    try:
        cases = load_cases(cases_path or CASES)
    except (CaseError, OSError, yaml.YAMLError) as error:
        err.print(f"[bold red]Cas invalides :[/] {error}")
        return 2
    problems = validate_cases(cases)
    if problems:
        err.print("[bold red]Cas invalides :[/]\n" + "\n".join(f"  - {p}" for p in problems))
        return 2
    wanted = [c.strip() for c in categories or [] if c.strip()]
    unknown = [c for c in wanted if c not in CATEGORIES]
    if unknown:
        err.print(f"[bold red]Catégories inconnues :[/] {', '.join(unknown)} (connues : {', '.join(CATEGORIES)})")
        return 2
    if wanted:
        cases = [c for c in cases if c.category in wanted]

    for name in ("assistant", "httpx", "chromadb"):
        logging.getLogger(name).setLevel(logging.ERROR)

    from assistant.context import Context
    from assistant.embeddings import embedding_identity
    from assistant.errors import ClausesError
    from assistant.index import ingest
    from assistant.settings import Settings

    try:
        settings = Settings(backend=backend) if backend else Settings()
        context = Context(settings)
        with console.status("Index du corpus (construit au premier lancement, environ une minute)…"):
            ingest(
                settings,
                lambda texts: context.embedder.embed_documents(texts),
                model_identity=embedding_identity(settings),
            )
        context.engine  # noqa: B018 - fails now, with a clear message, when the LLM is not configured
    except ClausesError as error:
        err.print(f"[bold red]Erreur :[/] {error.message}")
        return 2
    except ValueError as error:  # invalid settings
        err.print(f"[bold red]Réglages invalides :[/] {error}")
        return 2

    result = evaluate(
        context, cases, config=config, report_dir=report_dir or REPORT_DIR, subset=bool(wanted), console=console
    )
    console.print(
        rich_table(
            result.table,
            config.get("thresholds") or {},
            f"Qualité — moteur {result.backend} — {len(result.outcomes)} cas",
        )
    )
    failing = sum(1 for o in result.outcomes if o.failed)
    console.print(
        f"{failing} cas en échec sur {len(result.outcomes)}. Rapport : {result.report}  Graphique : {result.chart}"
    )
    if result.violations:
        err.print("[bold red]Sous les seuils :[/]\n" + "\n".join(f"  - {v}" for v in result.violations))
    return result.exit_code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--backend",
        choices=("embedded", "llm"),
        default=None,
        help="moteur à évaluer (par défaut : celui des réglages)",
    )
    parser.add_argument("--cases", type=Path, default=CASES, help="fichier de cas YAML")
    parser.add_argument("--report-dir", type=Path, default=REPORT_DIR, help="dossier du rapport et du graphique")
    parser.add_argument(
        "--category",
        action="append",
        default=None,
        choices=CATEGORIES,
        help="ne joue que cette catégorie (option répétable)",
    )
    parser.add_argument("--config", type=Path, default=CONFIG, help="fichier des seuils")
    args = parser.parse_args(argv)
    return run(args.backend, args.cases, args.report_dir, args.category, args.config)


if __name__ == "__main__":
    raise SystemExit(main())
