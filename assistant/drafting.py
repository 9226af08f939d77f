"""Clause drafting: render the Jinja2 templates of ``prompts/clauses`` with the user's parameters.

The wording lives in the templates and the catalogue (data the Department may
edit), not here. This module reads the catalogue, checks every free-text
parameter with the guardrails, formats numbers the French way, marks what is
missing as « [à compléter : …] », and reports the legal references, the
parameters used (and where they came from) and what the buyer must still decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import jinja2
from pydantic import BaseModel, Field, model_validator

from assistant.errors import ClausesError, InvalidInput
from assistant.fr import (
    MAX_AMOUNT,
    fmt_count,
    fmt_date_fr,
    fmt_euros,
    fmt_number,
    fmt_percent,
    read_decimal,
    read_fraction_decimal,
)
from assistant.guardrails import ensure_allowed, proportionality_warning
from assistant.refusal_parts import RefusalParts, load_refusal_parts
from assistant.settings import PROJECT_ROOT
from assistant.sizing import (
    MARKET_TYPES,
    MAX_HOURS,
    MAX_MONTHS,
    MIN_MONTHS,
    Grid,
    SocialStatus,
    cached_grid,
    eu_threshold,
    round_hours,
    social_status,
)
from assistant.yaml_data import load_yaml

ParamType = Literal["text", "hours", "money", "percent", "months", "count", "choice"]
ParamOrigin = Literal["utilisateur", "défaut", "calculé", "grille", "à compléter"]

MAX_TEXT_CHARS = 2000  # a parameter is a phrase, not a document
MAX_COUNT = 1_000_000

PLACEHOLDER = "[à compléter : {label}]"

# Figures of the sizing grid a template may quote (kinds list them under `grid_values`),
# so that the wording and the calculator never disagree.
_GRID_VALUES: dict[str, tuple[str, Callable[[Grid], float]]] = {
    "cleaning_min_hours": (
        "seuil de la branche propreté en dessous duquel elle déconseille une clause (heures)",
        lambda grid: grid.cleaning.min_hours,
    ),
    "cleaning_turnover": (
        "chiffre d'affaires par heure de main-d'œuvre de la branche propreté (€)",
        lambda grid: grid.cleaning.turnover_per_labour_hour,
    ),
}

# Values computed from other parameters, offered to the kinds that list them under `derived`.
_DERIVED_LABELS = {
    "hours_per_year": "heures d'insertion par an (calculées)",
    "hours_per_100k": "heures par tranche de 100 000 € HT commandés (calculées)",
    "completion_rate": "part des heures prévues réalisée (calculée)",
    "hours_remaining": "heures prévues restant à réaliser (calculées)",
    "hours_per_person": "heures réalisées par personne en moyenne (calculées)",
    "group_share": "part du public prioritaire parmi les personnes (calculée)",
    "exit_rate": "part des personnes sorties vers l'emploi ou la formation (calculée)",
}


# === catalogue ===============================================================


class Choice(BaseModel):
    display: str = Field(description="Libellé français repris dans le texte.")
    accept: list[str] = Field(default_factory=list, description="Saisies acceptées (insensibles à la casse).")


class ParameterSpec(BaseModel):
    label: str
    type: ParamType = "text"
    default: Any = None
    optional: bool = False
    choices: dict[str, Choice] = Field(default_factory=dict)
    carried: bool = Field(
        default=False,
        description="Repris d'un message précédent de la conversation quand le message présent ne le donne pas.",
    )

    @model_validator(mode="after")
    def _choices_match_type(self) -> ParameterSpec:
        if (self.type == "choice") != bool(self.choices):
            raise ValueError(f"parameter {self.label!r}: a choice parameter, and only it, lists choices")
        return self


class KindCheck(BaseModel):
    param: str
    above: float
    warning: str
    caution: bool = False  # a risk to read before pasting: the answer opens with it


class KindSpec(BaseModel):
    id: str
    title: str
    template: str
    short_template: str | None = Field(default=None, description="Version courte du texte, sur demande.")
    reshape_topics: list[str] = Field(
        default_factory=list,
        description="Sujets (expressions régulières) dont une réponse se reprend sous cette forme.",
    )
    generic_requests: list[str] = Field(
        default_factory=list,
        description="Demandes (expressions régulières) qui ne nomment ce texte que de façon générique (« la clause »).",
    )
    references: list[str]
    parameters: list[str]
    optional_overrides: list[str] = Field(default_factory=list)
    weights_sum: list[str] = Field(default_factory=list)
    checks: list[KindCheck] = Field(default_factory=list)
    derived: list[str] = Field(default_factory=list)
    grid_values: list[str] = Field(default_factory=list)
    to_decide: list[str] = Field(default_factory=list)
    social_condition: bool = Field(
        default=False, description="Le texte dit si la condition sociale est obligatoire (article L2112-2-1)."
    )


class Catalog(BaseModel):
    parameters: dict[str, ParameterSpec]
    kinds: list[KindSpec]

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        ids = [kind.id for kind in self.kinds]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate kind ids in the clause catalogue")
        for kind in self.kinds:
            names = [*kind.parameters, *kind.optional_overrides, *kind.weights_sum, *(c.param for c in kind.checks)]
            unknown = [name for name in names if name not in self.parameters]
            if unknown:
                raise ValueError(f"kind {kind.id!r} uses undeclared parameters {unknown}")
            unknown_derived = [name for name in kind.derived if name not in _DERIVED_LABELS]
            if unknown_derived:
                raise ValueError(f"kind {kind.id!r} asks for unknown derived values {unknown_derived}")
            unknown_grid = [name for name in kind.grid_values if name not in _GRID_VALUES]
            if unknown_grid:
                raise ValueError(f"kind {kind.id!r} asks for unknown grid values {unknown_grid}")
        return self

    def kind(self, kind_id: str) -> KindSpec | None:
        return next((kind for kind in self.kinds if kind.id == kind_id), None)

    def carried(self) -> frozenset[str]:
        """The parameters an earlier message of the conversation fills when the present one does not say them."""
        return frozenset(name for name, spec in self.parameters.items() if spec.carried)


class KnownArticle(BaseModel):
    id: str
    title: str
    verified: bool
    code: str


@dataclass(frozen=True)
class ClauseLibrary:
    """The catalogue, the template environment and the citable articles, loaded once."""

    catalog: Catalog
    environment: jinja2.Environment
    known_articles: dict[str, KnownArticle]

    @property
    def kinds(self) -> list[str]:
        return [kind.id for kind in self.catalog.kinds]

    def compile_templates(self) -> int:
        """Compile every template now, at start-up: Jinja compiles one on its first use, which made the first
        text of each kind 5 to 40 ms slower. Returns how many templates."""
        names = self.environment.list_templates(extensions=["j2"])
        for name in names:
            self.environment.get_template(name)
        return len(names)


def load_known_articles(path: str | Path) -> dict[str, KnownArticle]:
    """Every citable article id, all sections of ``known_articles.yaml`` merged."""
    with Path(path).open(encoding="utf-8") as handle:
        raw = load_yaml(handle) or {}
    articles: dict[str, KnownArticle] = {}
    for code, entries in raw.items():
        for article_id, info in (entries or {}).items():
            articles[str(article_id)] = KnownArticle(
                id=str(article_id), title=info["title"], verified=bool(info.get("verified", False)), code=code
            )
    return articles


def load_library(templates_dir: str | Path, known_articles_path: str | Path) -> ClauseLibrary:
    """Read the catalogue and prepare the templates (I/O: callers cache the result).

    Raises ``ValueError`` when the catalogue cites an unknown article or names a
    missing template: that is a broken installation, not a user error.
    """
    folder = Path(templates_dir)
    with (folder / "catalog.yaml").open(encoding="utf-8") as handle:
        catalog = Catalog.model_validate(load_yaml(handle))
    known = load_known_articles(known_articles_path)
    for kind in catalog.kinds:
        unknown = [ref for ref in kind.references if ref not in known]
        if unknown:
            raise ValueError(f"kind {kind.id!r} cites articles missing from known_articles.yaml: {unknown}")
        for template in filter(None, (kind.template, kind.short_template)):
            if not (folder / template).is_file():
                raise ValueError(f"kind {kind.id!r}: template {template} not found in {folder}")
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,  # a typo in a template must fail loudly, not print nothing
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # « le Département de l'Isère » opens a sentence as « Le Département de l'Isère »,
    # and follows « à » or « de » as « au Département », « du Département ».
    environment.filters["ucfirst"] = lambda text: text[:1].upper() + text[1:] if isinstance(text, str) else text
    environment.filters["prep_a"] = lambda text: with_preposition("à", text)
    environment.filters["prep_de"] = lambda text: with_preposition("de", text)
    return ClauseLibrary(catalog=catalog, environment=environment, known_articles=known)


_ELIDING = re.compile(r"^[aeiouyàâäéèêëîïôöùûüœh]", re.IGNORECASE)


def with_preposition(preposition: Literal["à", "de"], text: str) -> str:
    """« à » or « de » before ``text`` with French contraction and elision.

    « le Département » → « au Département » / « du Département » ; « les PLIE » →
    « aux PLIE » / « des PLIE » ; « Isère Emploi » → « d'Isère Emploi ».
    """
    if not isinstance(text, str) or not text:
        return f"{preposition} {text}"
    lowered = text.lower()
    if lowered.startswith("le "):
        return ("au " if preposition == "à" else "du ") + text[3:]
    if lowered.startswith("les "):
        return ("aux " if preposition == "à" else "des ") + text[4:]
    if preposition == "de" and _ELIDING.match(text) and not text.startswith("["):
        return "d'" + text
    return f"{preposition} {text}"


@lru_cache(maxsize=4)
def cached_library(templates_dir: str, known_articles_path: str) -> ClauseLibrary:
    return load_library(templates_dir, known_articles_path)


def default_grid() -> Grid:
    """The sizing grid shipped with the project (for callers without Settings)."""
    return cached_grid(str(PROJECT_ROOT / "corpus" / "data" / "sizing_grid.yaml"))


def default_library() -> ClauseLibrary:
    """The library shipped with the project (for callers without Settings)."""
    return cached_library(
        str(PROJECT_ROOT / "prompts" / "clauses"), str(PROJECT_ROOT / "corpus" / "data" / "known_articles.yaml")
    )


def default_refusal_parts() -> RefusalParts:
    """The guardrails' refusals shipped with the project (for callers without Settings)."""
    return load_refusal_parts(PROJECT_ROOT / "prompts" / "refusals.yaml")


# === result ==================================================================


class ParameterUsed(BaseModel):
    name: str
    label: str = Field(description="Libellé en français.")
    value: str | float | int | None = Field(description="Valeur lue (nombre ou texte).")
    display: str = Field(description="Valeur telle qu'elle figure dans le texte.")
    origin: ParamOrigin


class ReferenceDetail(BaseModel):
    id: str
    title: str
    verified: bool


class DraftResult(BaseModel):
    kind: str
    title: str
    text: str = Field(description="Texte prêt à coller, en Markdown.")
    references: list[str] = Field(description="Articles cités (identifiants, par exemple L2112-2).")
    reference_details: list[ReferenceDetail]
    parameters: list[ParameterUsed]
    to_complete: list[str] = Field(description="Éléments manquants, marqués « [à compléter : …] » dans le texte.")
    to_decide: list[str] = Field(description="Ce que l'acheteur doit encore décider.")
    warnings: list[str] = Field(default_factory=list)
    cautions: list[str] = Field(
        default_factory=list,
        description="Risques à lire avant de coller le texte (taux ou pondération disproportionnés…), aussi dans warnings.",
    )
    short: bool = Field(default=False, description="Version courte du texte (demandée et disponible).")

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


# === parameter handling ======================================================


def _normalise_kind(kind: str) -> str:
    return re.sub(r"[\s_]+", "-", kind.strip().lower())


def kind_id(kind: str) -> str:
    """The catalogue id a user's spelling of a clause kind stands for (« Reserved SIAE » → reserved-siae)."""
    return _normalise_kind(kind)


def unknown_parameters(spec: KindSpec, params: Mapping[str, Any]) -> list[str]:
    """The names in ``params`` that the clause kind does not take (as the user wrote them)."""
    return [name for name in params if _normalise_key(name) not in spec.parameters]


def _normalise_key(key: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(key).strip().lower())


def _as_text(value: Any, *, name: str, label: str) -> str:
    if isinstance(value, (list, tuple)):
        text = ", ".join(str(item).strip() for item in value if str(item).strip())
    else:
        text = str(value).strip()
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(
            f"{_cap(label)} : texte trop long ({fmt_count(len(text))} caractères, {fmt_count(MAX_TEXT_CHARS)} au plus).",
            field=name,
        )
    return text


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _read(spec: ParameterSpec, name: str, value: Any) -> tuple[str | float | int, str]:
    """Typed value and its French display for one parameter; raises InvalidInput naming it."""
    label = spec.label
    if spec.type == "text":
        text = _as_text(value, name=name, label=label)
        return text, text
    if spec.type == "choice":
        key = _choice_key(spec, _as_text(value, name=name, label=label))
        if key is None:
            accepted = " ; ".join(choice.display for choice in spec.choices.values())
            raise InvalidInput(
                f"{_cap(label)} : « {value} » n'est pas reconnu. Valeurs possibles : {accepted}.", field=name
            )
        return key, spec.choices[key].display
    if spec.type == "percent":
        fraction = read_fraction_decimal(value, field=name, label=label)
        if fraction == 0:
            raise InvalidInput(f"{_cap(label)} : indiquez une valeur supérieure à 0 %.", field=name)
        return float(fraction), fmt_percent(fraction)
    number = read_decimal(value, field=name, label=label)
    if number <= 0:
        raise InvalidInput(
            f"{_cap(label)} : indiquez un nombre strictement positif (reçu : {fmt_number(number)}).", field=name
        )
    if spec.type == "money":
        if number > MAX_AMOUNT:
            raise InvalidInput(
                f"{_cap(label)} : {fmt_number(number)} € paraît absurde (plus de 10 milliards).", field=name
            )
        return float(number), fmt_euros(number)
    if spec.type == "months":
        if number < MIN_MONTHS:
            raise InvalidInput(
                f"{_cap(label)} : {fmt_number(number, decimals=4)} mois paraît trop court ; vérifiez la durée.",
                field=name,
            )
        if number > MAX_MONTHS:
            raise InvalidInput(
                f"{_cap(label)} : {fmt_number(number)} mois dépasse 50 ans ; vérifiez la durée.", field=name
            )
        return float(number), fmt_number(number)
    limit = MAX_HOURS if spec.type == "hours" else Decimal(MAX_COUNT)
    if number > limit:
        raise InvalidInput(f"{_cap(label)} : {fmt_number(number)} paraît absurde ; vérifiez la saisie.", field=name)
    whole = round_hours(number)
    if whole <= 0:
        raise InvalidInput(f"{_cap(label)} : indiquez au moins 1.", field=name)
    return whole, fmt_number(whole)


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").replace("-", " ").split())


def _choice_key(spec: ParameterSpec, text: str) -> str | None:
    folded = _fold(text)
    for key, choice in spec.choices.items():
        if folded == _fold(key) or folded in {_fold(item) for item in (*choice.accept, choice.display)}:
            return key
    return None


# === the mandatory social condition (article L2112-2-1) ===========================

# What the figure compared with the threshold is, as the clause names it.
_VALUE_BASIS = {
    "market_value": "La valeur estimée du marché",
    "maximum_amount": "Le montant maximum de l'accord-cadre",
    "estimated_amount": "La valeur estimée de l'accord-cadre sur toute sa durée",
}


@dataclass(frozen=True)
class SocialCondition:
    """Where a market stands with the mandatory social condition, from its value and type."""

    status: SocialStatus | None
    value: float | None
    threshold: float | None
    basis: str = "market_value"


def social_condition(values: Mapping[str, Any], grid: Grid) -> SocialCondition:
    """Mandatory at or above the EU threshold of the market's type, optional below; unknown without both.

    The value compared is that of the whole market: every lot, every renewal; for a
    framework agreement its maximum, or failing that its estimated total (the
    realistic estimate of orders over its whole duration).
    """
    basis = next((name for name in ("market_value", "maximum_amount", "estimated_amount") if values.get(name)), None)
    value = values.get(basis) if basis else None
    market_type = next((kind for kind in MARKET_TYPES if kind == values.get("market_type")), None)
    threshold = float(eu_threshold(grid, market_type)) if market_type is not None else None
    if not isinstance(value, (int, float)) or market_type is None:
        number = float(value) if isinstance(value, (int, float)) else None
        return SocialCondition(None, number, threshold, basis or "market_value")
    return SocialCondition(social_status(grid, value, market_type), float(value), threshold, basis or "market_value")


def _social_context(condition: SocialCondition, grid: Grid) -> dict[str, Any]:
    thresholds = grid.european_thresholds
    return {
        "social_condition": condition.status,
        "threshold": fmt_euros(condition.threshold) if condition.threshold is not None else None,
        "threshold_period": thresholds.period,
        "mandatory_from": fmt_date_fr(thresholds.social_condition_mandatory_from),
        "market_value_used": fmt_euros(condition.value) if condition.value is not None else None,
        "value_basis": _VALUE_BASIS[condition.basis],
    }


def _social_warnings(spec: KindSpec, condition: SocialCondition, grid: Grid) -> list[str]:
    if not spec.social_condition:
        return []
    mandatory_from = fmt_date_fr(grid.european_thresholds.social_condition_mandatory_from)
    if condition.status == "mandatory":
        if spec.id == "derogation-note":
            return [
                "Marché au-dessus du seuil européen : la dérogation n'est possible que dans un cas prévu par "
                "l'article L2112-2-1 (liste à confirmer sur Légifrance) ; faites relire la note par le service "
                "juridique."
            ]
        return [
            f"Valeur estimée {fmt_euros(condition.value or 0)} HT ≥ seuil européen {fmt_euros(condition.threshold or 0)} "
            f"HT : la condition d'exécution sociale est obligatoire (article L2112-2-1, consultations engagées depuis "
            f"le {mandatory_from}). Pour s'en dispenser, il faut un cas de dérogation prévu par le texte et une note "
            "motivée au dossier (l'assistant peut rédiger cette note de dérogation)."
        ]
    if condition.status == "optional":
        return []
    if condition.value is not None:
        return [
            "Indiquez le type de marché (travaux, fournitures et services, services sociaux) pour savoir si la "
            "condition sociale est obligatoire (article L2112-2-1)."
        ]
    return [
        "Indiquez la valeur estimée totale du marché (tous lots, reconductions comprises ; pour un accord-cadre, "
        "son maximum) et son type : au-dessus du seuil européen, la condition sociale est obligatoire "
        "(article L2112-2-1)."
    ]


def _derive(values: dict[str, Any]) -> dict[str, tuple[float | int, str]]:
    """Figures computed from others, for the framework-agreement wording."""
    derived: dict[str, tuple[float | int, str]] = {}
    hours = values.get("hours")
    months = values.get("months")
    amount = values.get("estimated_amount")
    if isinstance(hours, (int, float)) and isinstance(months, (int, float)) and months > 0:
        per_year = round_hours(Decimal(hours) / (Decimal(str(months)) / 12))
        derived["hours_per_year"] = (per_year, fmt_number(per_year))
    if isinstance(hours, (int, float)) and isinstance(amount, (int, float)) and amount > 0:
        per_100k = Decimal(hours) / Decimal(str(amount)) * Decimal(100_000)
        derived["hours_per_100k"] = (float(round(per_100k, 1)), fmt_number(per_100k, decimals=1))
    derived.update(_results_rates(values))
    return derived


def _results_rates(values: dict[str, Any]) -> dict[str, tuple[float | int, str]]:
    """The rates of a results review, each from the two figures the user gave (none is estimated)."""
    rates: dict[str, tuple[float | int, str]] = {}
    done, planned = values.get("hours_done"), values.get("hours_planned")
    people = values.get("participants")

    def share(part: Any, whole: Any) -> tuple[float, str] | None:
        if not isinstance(part, int) or not isinstance(whole, int) or whole <= 0:
            return None
        fraction = Decimal(part) / Decimal(whole)
        return float(round(fraction, 3)), fmt_percent(round(fraction, 2))

    if (completion := share(done, planned)) is not None:
        rates["completion_rate"] = completion
        if isinstance(done, int) and isinstance(planned, int) and planned > done:
            rates["hours_remaining"] = (planned - done, fmt_number(planned - done))
    if isinstance(done, int) and isinstance(people, int) and people > 0:
        per_person = round_hours(Decimal(done) / Decimal(people))
        rates["hours_per_person"] = (per_person, fmt_number(per_person))
    if (group := share(values.get("group_count"), people)) is not None:
        rates["group_share"] = group
    if (exits := share(values.get("durable_exits"), people)) is not None:
        rates["exit_rate"] = exits
    return rates


# === drafting ================================================================


def draft(
    kind: str,
    params: Mapping[str, Any] | None = None,
    *,
    library: ClauseLibrary | None = None,
    grid: Grid | None = None,
    refusals: RefusalParts | None = None,
    short: bool = False,
) -> DraftResult:
    """Render the clause ``kind`` with ``params``; ``short`` asks for its short version when it has one.

    Raises :class:`InvalidInput` for an unknown kind or an unreadable parameter and
    :class:`RequestRefused` when a parameter asks for something unlawful (residence,
    nationality, single compulsory route). ``grid`` (the sizing grid) supplies the
    proportionality and small-clause thresholds and the figures some templates
    quote; without it the grid shipped with the project is used. ``refusals`` (the prompts folder's
    ``refusals.yaml``) words a refusal; without it the project's are used.
    """
    library = library or default_library()
    grid = grid or default_grid()
    refusals = refusals if refusals is not None else default_refusal_parts()
    spec = library.catalog.kind(_normalise_kind(kind)) if isinstance(kind, str) else None
    if spec is None:
        raise InvalidInput(
            f"Type de clause inconnu : « {kind} ». Types disponibles : {', '.join(library.kinds)}.", field="kind"
        )
    raw = {_normalise_key(key): value for key, value in (params or {}).items()}
    warnings: list[str] = []

    # Guardrails first: an unlawful request is refused whatever else it contains.
    for name, value in raw.items():
        if value is None or isinstance(value, (bool, int, float)):
            continue
        label = library.catalog.parameters[name].label if name in library.catalog.parameters else name
        text = _as_text(value, name=name, label=label)
        ensure_allowed(text, refusals, field=name, publics=name == "publics")

    unknown = sorted(name for name in raw if name not in spec.parameters)
    if unknown:
        warnings.append(
            "Paramètres ignorés pour ce type de clause : "
            + ", ".join(unknown)
            + f". Paramètres possibles : {', '.join(spec.parameters)}."
        )

    context: dict[str, Any] = {}
    values: dict[str, Any] = {}
    used: list[ParameterUsed] = []
    to_complete: list[str] = []
    for name in spec.parameters:
        pspec = library.catalog.parameters[name]
        optional = pspec.optional or name in spec.optional_overrides
        given = raw.get(name)
        if isinstance(given, str) and not given.strip():
            given = None
        if given is not None:
            value, display = _read(pspec, name, given)
            origin: ParamOrigin = "utilisateur"
        elif pspec.default is not None:
            value, display = _read(pspec, name, pspec.default)
            origin = "défaut"
        elif optional:
            context[name] = None
            continue
        else:
            display = PLACEHOLDER.format(label=pspec.label)
            value = None
            origin = "à compléter"
            to_complete.append(pspec.label)
        context[name] = display
        values[name] = value
        used.append(ParameterUsed(name=name, label=pspec.label, value=value, display=display, origin=origin))

    for name, (value, display) in _derive(values).items():
        if name not in spec.derived:
            continue
        context[name] = display
        used.append(
            ParameterUsed(name=name, label=_DERIVED_LABELS[name], value=value, display=display, origin="calculé")
        )
    for name in _DERIVED_LABELS:
        context.setdefault(name, None)
    condition = social_condition(values, grid)
    context.update(_social_context(condition, grid))
    if spec.social_condition:
        # The value actually compared with the threshold (the maximum of a framework agreement…).
        context["market_value"] = context["market_value_used"] or context.get("market_value")
        if condition.status is not None:
            used.append(
                ParameterUsed(
                    name="threshold",
                    label=f"seuil européen applicable ({grid.european_thresholds.period})",
                    value=condition.threshold,
                    display=context["threshold"],
                    origin="grille",
                )
            )
    for name in spec.grid_values:
        label, read = _GRID_VALUES[name]
        value = read(grid)
        context[name] = fmt_number(value)
        used.append(ParameterUsed(name=name, label=label, value=value, display=fmt_number(value), origin="grille"))

    warned = _warnings(spec, values, library, grid)
    warnings.extend(text for text, _ in warned)
    warnings.extend(_social_warnings(spec, condition, grid))

    template = spec.short_template if short and spec.short_template else spec.template
    try:
        text = library.environment.get_template(template).render(**context)
    except jinja2.TemplateError as error:  # a broken template is an installation fault
        raise ClausesError(
            "Le modèle de clause est illisible ; signalez-le à l'administrateur.", detail=repr(error)
        ) from error
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

    details = [
        ReferenceDetail(id=ref, title=library.known_articles[ref].title, verified=library.known_articles[ref].verified)
        for ref in spec.references
    ]
    return DraftResult(
        kind=spec.id,
        title=spec.title,
        text=text,
        references=list(spec.references),
        reference_details=details,
        parameters=used,
        to_complete=to_complete,
        to_decide=list(spec.to_decide),
        warnings=warnings,
        cautions=[text for text, caution in warned if caution],
        short=template != spec.template,
    )


def _warnings(spec: KindSpec, values: dict[str, Any], library: ClauseLibrary, grid: Grid) -> list[tuple[str, bool]]:
    """Each warning on the parameters, with whether it is a caution the answer states first."""
    warnings: list[tuple[str, bool]] = []
    rate = values.get("rate")
    if isinstance(rate, float):
        message = proportionality_warning(rate, grid.rates.disproportion_above)
        if message:
            warnings.append((message, True))
    if "penalty_cap" in spec.parameters and values.get("penalty") and not values.get("penalty_cap"):
        warnings.append(
            (
                "Pénalités sans plafond : prévoyez un plafond et un montant proportionné ; le juge peut modérer des "
                "pénalités manifestement excessives (CE, 29 décembre 2008, n° 296930).",
                False,
            )
        )
    hours = values.get("hours")
    if isinstance(hours, int) and hours < grid.small_clause.min_hours:
        warnings.append(
            (
                f"{fmt_number(hours)} heures : volume inférieur au repère de "
                f"{fmt_number(grid.small_clause.min_hours)} heures en dessous duquel une clause isolée demande un "
                "suivi disproportionné ; à apprécier avec le facilitateur (ou globaliser avec d'autres marchés).",
                False,
            )
        )
    for check in spec.checks:
        value = values.get(check.param)
        if isinstance(value, (int, float)) and value > check.above:
            warnings.append((check.warning, check.caution))
    if spec.weights_sum:
        weights = [values.get(name) for name in spec.weights_sum]
        if all(isinstance(weight, float) for weight in weights):
            total = sum(Decimal(str(weight)) for weight in weights)  # type: ignore[arg-type]
            if total != 1:
                labels = ", ".join(library.catalog.parameters[n].label for n in spec.weights_sum)
                warnings.append(
                    (
                        f"Les pondérations ({labels}) totalisent {fmt_percent(total)} au lieu de 100 % : ajustez-les.",
                        False,
                    )
                )
    unverified = [ref for ref in spec.references if not library.known_articles[ref].verified]
    if unverified:
        warnings.append(
            (
                "Références dont la numérotation ou le contenu n'a pas été vérifié mot à mot : "
                f"{', '.join(unverified)} ; faites-les confirmer sur Légifrance avant publication.",
                False,
            )
        )
    return warnings


def kinds(library: ClauseLibrary | None = None) -> list[dict[str, Any]]:
    """The clause kinds with their French titles and parameters, for help screens and the agent."""
    library = library or default_library()
    return [
        {
            "id": kind.id,
            "title": kind.title,
            "references": kind.references,
            "parameters": [
                {
                    "name": name,
                    "label": library.catalog.parameters[name].label,
                    "default": library.catalog.parameters[name].default,
                    "optional": library.catalog.parameters[name].optional or name in kind.optional_overrides,
                }
                for name in kind.parameters
            ],
            "to_decide": kind.to_decide,
        }
        for kind in library.catalog.kinds
    ]
