"""Specifications of clause drafting, its templates and the Word export."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml

from assistant.drafting import ClauseLibrary, draft, kinds, load_known_articles, load_library, with_preposition
from assistant.errors import InvalidInput, RequestRefused
from assistant.export import to_docx
from assistant.fr import CLAUSE_KINDS, extract
from assistant.guardrails import check_request
from assistant.presenting import draft_markdown
from assistant.refusal_parts import load_refusal_parts
from assistant.sizing import Grid, load_grid, size_labour_share

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "prompts" / "clauses"
KNOWN = ROOT / "corpus" / "data" / "known_articles.yaml"
GRID = ROOT / "corpus" / "data" / "sizing_grid.yaml"

EXPECTED_KINDS = [
    "execution",
    "announcement",
    "criterion",
    "reserved-siae",
    "reserved-ea-esat",
    "reserved-both",
    "reserved-ess",
    "insertion-market",
    "framework-agreement",
    "cleaning-transfer",
    "start-letter",
    "hours-report",
    "globalisation",
    "penalties",
    "derogation-note",
    "concession",
    "facilitator-email",
    "hours-reminder",
    "hours-amendment",
    "formal-notice",
    "penalty-contest",
    "tender-memo",
    "deliberation",
    "policy-note",
    "structure-memo",
    "partner-commitment",
    "provision-clause",
    "firms-information",
    "satisfaction-survey",
    "sizing-note",
    "glossary",
    "eligibility-attestation",
    "hours-transfer",
    "job-posting",
    "liaison-sheet",
    "structure-offer",
    "results-review",
    "indicators-table",
    "activity-summary",
    "difficulty-letter",
    "buyer-question",
    "arguments",
    "reservation-plea",
    "clause-explainer",
    "cover-letter",
    "oversight-questions",
    "cv-model",
    "counsellor-request",
    "candidate-referral",
]

ARTICLE_ID = re.compile(r"\b[LRD]\d{4}(?:-\d+)*\b")
CCAG_ARTICLE = re.compile(r"\b(?:article )?(\d+(?:\.\d+)*) du (CCAG-[A-Za-z]+)\b")

SAMPLE_BY_TYPE = {
    "text": None,
    "hours": 1000,
    "money": 50,
    "percent": "10 %",
    "months": 24,
    "count": 12,
    "choice": "travaux",
}


@pytest.fixture(scope="module")
def library() -> ClauseLibrary:
    return load_library(TEMPLATES, KNOWN)


@pytest.fixture(scope="module")
def grid():
    return load_grid(GRID)


def full_params(library: ClauseLibrary, kind: str) -> dict[str, object]:
    spec = library.catalog.kind(kind)
    params: dict[str, object] = {}
    for name in spec.parameters:
        pspec = library.catalog.parameters[name]
        if pspec.type == "choice":  # the first choice the parameter offers
            params[name] = next(iter(pspec.choices.values())).display
        else:
            params[name] = f"valeur de {name}" if pspec.type == "text" else SAMPLE_BY_TYPE[pspec.type]
    return params


def cited_ids(text: str) -> set[str]:
    ids = set(ARTICLE_ID.findall(text))
    ids |= {f"{ccag} {number}" for number, ccag in CCAG_ARTICLE.findall(text)}
    return ids


# --- the catalogue -------------------------------------------------------------


def test_catalog_lists_every_expected_kind(library):
    assert library.kinds == EXPECTED_KINDS


def test_every_kind_has_a_french_title_and_things_to_decide(library):
    for kind in library.catalog.kinds:
        assert kind.title and kind.to_decide, kind.id


def test_every_catalog_parameter_has_a_french_label(library):
    assert all(spec.label for spec in library.catalog.parameters.values())


def test_kinds_helper_exposes_parameters_with_labels_and_defaults(library):
    execution = next(k for k in kinds(library) if k["id"] == "execution")
    buyer = next(p for p in execution["parameters"] if p["name"] == "buyer")
    assert buyer["label"] == "acheteur" and buyer["default"] == "le Département de l'Isère"


# --- every article cited is known ---------------------------------------------------


def test_every_article_cited_by_a_template_is_known():
    known = load_known_articles(KNOWN)
    for template in TEMPLATES.glob("*.j2"):
        for article in cited_ids(template.read_text(encoding="utf-8")):
            assert article in known, f"{template.name} cites unknown {article}"


def test_every_article_cited_by_the_catalog_is_known():
    known = load_known_articles(KNOWN)
    raw = yaml.safe_load((TEMPLATES / "catalog.yaml").read_text(encoding="utf-8"))
    for kind in raw["kinds"]:
        for reference in kind["references"]:
            assert reference in known, f"{kind['id']} lists unknown {reference}"
        prose = " ".join([*kind.get("to_decide", []), *(c["warning"] for c in kind.get("checks", []))])
        for article in cited_ids(prose):
            assert article in known, f"{kind['id']} mentions unknown {article}"


def test_loading_a_catalog_citing_an_unknown_article_fails(tmp_path):
    for template in TEMPLATES.glob("*.j2"):
        (tmp_path / template.name).write_text(template.read_text(encoding="utf-8"), encoding="utf-8")
    raw = yaml.safe_load((TEMPLATES / "catalog.yaml").read_text(encoding="utf-8"))
    raw["kinds"][0]["references"].append("L2113-31")
    (tmp_path / "catalog.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="L2113-31"):
        load_library(tmp_path, KNOWN)


# --- every kind renders with its parameters and references ---------------------------


@pytest.mark.parametrize("kind", EXPECTED_KINDS)
def test_every_kind_renders_every_parameter_it_is_given(library, kind):
    result = draft(kind, full_params(library, kind), library=library)
    for parameter in result.parameters:
        # A value opening a sentence is capitalised (« Le Département de l'Isère »).
        capitalised = parameter.display[:1].upper() + parameter.display[1:]
        assert parameter.display in result.text or capitalised in result.text, f"{kind}: {parameter.name} missing"
    assert result.to_complete == []


@pytest.mark.parametrize("kind", EXPECTED_KINDS)
def test_every_kind_cites_exactly_its_references(library, kind):
    result = draft(kind, full_params(library, kind), library=library)
    assert cited_ids(result.text) == set(result.references)


@pytest.mark.parametrize("kind", EXPECTED_KINDS)
def test_unverified_references_are_flagged_as_to_confirm_in_the_text(library, kind):
    result = draft(kind, full_params(library, kind), library=library)
    unverified = [ref.id for ref in result.reference_details if not ref.verified]
    paragraphs = result.text.split("\n\n")
    for reference in unverified:
        number = reference.split()[-1] if reference.startswith("CCAG") else reference
        for paragraph in (p for p in paragraphs if number in p):
            assert "à confirmer" in paragraph, f"{kind}: {reference} cited without « à confirmer »"


@pytest.mark.parametrize("kind", EXPECTED_KINDS)
def test_no_template_contains_a_residence_nationality_or_single_route_condition(library, kind):
    result = draft(kind, full_params(library, kind), library=library)
    assert check_request(result.text, load_refusal_parts(ROOT / "prompts" / "refusals.yaml")) == []


def test_templates_never_mention_residents_except_to_exclude_the_condition():
    for template in TEMPLATES.glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"habitants|résidents|domicilié|issus du territoire", text, re.IGNORECASE), template.name


@pytest.mark.parametrize("kind", EXPECTED_KINDS)
def test_every_kind_without_parameters_marks_what_is_missing(library, kind):
    result = draft(kind, {}, library=library)
    for label in result.to_complete:
        assert f"[à compléter : {label}]" in result.text
    assert result.text.count("[à compléter") >= len(result.to_complete)
    markers = set(re.findall(r"\[à compléter : ([^\]]+)\]", result.text))
    assert markers == set(result.to_complete)


def test_missing_penalty_is_marked_with_its_label(library):
    result = draft("execution", {"hours": 1000}, library=library)
    assert "[à compléter : montant de la pénalité par heure non réalisée]" in result.text
    assert "montant de la pénalité par heure non réalisée" in result.to_complete


# --- execution clause content ------------------------------------------------------------


def test_execution_clause_contains_the_required_elements(library):
    result = draft(
        "execution",
        {"hours": 1000, "lots": "Lot 2 - gros œuvre", "penalty": 50, "facilitator": "Le facilitateur du territoire"},
        library=library,
    )
    text = result.text
    assert "L2112-2" in text and "L2112-3" in text
    assert "1 000 heures" in text and "Lot 2 - gros œuvre" in text
    assert "validée par le facilitateur" in text
    for route in ("embauche directe", "ETTI", "GEIQ", "sous-traitance", "ACI", "ESAT", "formation"):
        assert route in text
    assert "correspondant" in text and "Chaque mois" in text
    assert "50 € HT par heure non réalisée" in text and "procédure contradictoire" in text
    assert "Aucune condition de résidence, de domicile ni de nationalité" in text


def test_execution_reports_parameter_origins(library):
    result = draft("execution", {"hours": 1000}, library=library)
    origins = {p.name: p.origin for p in result.parameters}
    assert origins["hours"] == "utilisateur"
    assert origins["buyer"] == "défaut"
    assert origins["penalty"] == "à compléter"


def test_execution_with_rate_above_20_percent_gets_proportionality_warning(library, grid):
    result = draft("execution", {"hours": 1000, "rate": "25 %"}, library=library, grid=grid)
    assert any("disproportionnée" in w for w in result.warnings)


def test_execution_with_few_hours_warns_about_small_clause(library, grid):
    result = draft("execution", {"hours": 100}, library=library, grid=grid)
    assert any("150 heures" in w for w in result.warnings)


def test_unverified_ccag_article_is_warned(library):
    result = draft("execution", {}, library=library)
    assert any("CCAG-Travaux 20.1" in w and "Légifrance" in w for w in result.warnings)


# --- guardrails on parameters ---------------------------------------------------------------


def test_residence_in_publics_is_refused(library):
    with pytest.raises(RequestRefused) as error:
        draft("execution", {"hours": 1000, "publics": "habitants de la commune"}, library=library)
    assert "Alternative légale" in error.value.message and error.value.field == "publics"


def test_single_route_in_notes_is_refused(library):
    with pytest.raises(RequestRefused):
        draft("execution", {"hours": 1000, "notes": "Les embauches se feront uniquement en CDI"}, library=library)


def test_nationality_in_any_parameter_is_refused(library):
    with pytest.raises(RequestRefused):
        draft(
            "criterion",
            {"weight": 10, "market_object": "travaux réservés aux salariés de nationalité française"},
            library=library,
        )


def test_descriptive_facilitator_and_lots_are_accepted(library):
    result = draft(
        "execution",
        {
            "facilitator": "Le facilitateur du territoire, SIAE du département",
            "lots": "Lot 2 - gros œuvre",
            "buyer": "le Département de l'Isère",
        },
        library=library,
    )
    assert "Le facilitateur du territoire" in result.text


def test_lawful_publics_are_rendered(library):
    result = draft("execution", {"publics": "bénéficiaires du RSA et travailleurs handicapés"}, library=library)
    assert "le marché vise en priorité : bénéficiaires du RSA et travailleurs handicapés" in result.text


@pytest.mark.parametrize(
    ("preposition", "text", "expected"),
    [
        ("à", "le Département de l'Isère", "au Département de l'Isère"),
        ("de", "le Département de l'Isère", "du Département de l'Isère"),
        ("de", "les PLIE", "des PLIE"),
        ("de", "Isère Emploi", "d'Isère Emploi"),
        ("de", "la Métropole", "de la Métropole"),
    ],
)
def test_prepositions_contract_and_elide_the_french_way(preposition, text, expected):
    assert with_preposition(preposition, text) == expected


def test_default_buyer_is_contracted_after_a_preposition(library):
    text = draft("reserved-siae", {}, library=library).text
    assert "au Département de l'Isère" in text and "à le " not in text and "de le " not in text


# --- errors ---------------------------------------------------------------------------------


def test_unknown_kind_lists_the_kinds(library):
    with pytest.raises(InvalidInput) as error:
        draft("clause-magique", {}, library=library)
    assert error.value.field == "kind"
    assert all(kind in error.value.message for kind in EXPECTED_KINDS)


def test_kind_accepts_underscores(library):
    assert draft("reserved_siae", {}, library=library).kind == "reserved-siae"


@pytest.mark.parametrize(("name", "value"), [("hours", -5), ("hours", "beaucoup"), ("penalty", 0), ("weight", "150 %")])
def test_bad_numeric_parameter_is_refused_naming_it(library, name, value):
    kind = "criterion" if name == "weight" else "execution"
    with pytest.raises(InvalidInput) as error:
        draft(kind, {name: value}, library=library)
    assert error.value.field == name


def test_unknown_parameter_is_reported_as_ignored(library):
    result = draft("penalties", {"colour": "bleu"}, library=library)
    assert any("colour" in w for w in result.warnings)


# --- other kinds' specific content -------------------------------------------------------------


def test_criterion_has_weight_subcriteria_grid_and_isere_case(library):
    result = draft("criterion", {"weight": "10 %", "hours": 1000}, library=library)
    text = result.text
    assert "pondéré à 10 %" in text
    for sub in ("Accueil et intégration", "Tutorat", "Formation et progression", "Heures au-delà du minimum"):
        assert sub in text
    assert "| Très satisfaisant | 10 |" in text
    assert "25 mars 2013, n° 364950, Département de l'Isère" in text and "15 %" in text
    assert {"L2152-7", "R2152-7"} <= set(result.references)


def test_a_criterion_weighted_far_above_practice_is_warned_with_the_usual_range(library):
    heavy = draft("criterion", {"weight": "40 %"}, library=library)
    assert any("plus de 20 %" in w and "10 à 15 %" in w for w in heavy.cautions)
    assert draft_markdown(heavy).startswith("**Attention** : Pondération de plus de 20 %")
    usual = draft("criterion", {"weight": "15 %"}, library=library)
    assert usual.cautions == [] and draft_markdown(usual).startswith("Voici une proposition")


def test_criterion_subweights_not_totalling_100_are_warned(library):
    result = draft("criterion", {"weight": 10, "sub_weight_reception": "50 %"}, library=library)
    assert any("100 %" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("kind", "article"),
    [
        ("reserved-siae", "L2113-13"),
        ("reserved-ea-esat", "L2113-12"),
        ("reserved-both", "L2113-14"),
        ("reserved-ess", "L2113-15"),
        ("insertion-market", "R2123-1"),
    ],
)
def test_reserved_and_insertion_markets_cite_their_article(library, kind, article):
    result = draft(kind, {}, library=library)
    assert article in result.references and article in result.text


@pytest.mark.parametrize("kind", ["reserved-siae", "reserved-ea-esat", "reserved-both"])
def test_reserved_markets_state_the_50_percent_of_r2113_7(library, kind):
    text = draft(kind, {}, library=library).text
    assert "50 %" in text and "R2113-7" in text


def test_ess_reservation_states_three_year_limits_to_confirm(library):
    text = draft("reserved-ess", {"months": 24}, library=library).text
    assert "trois ans" in text and "L2113-16" in text and "à confirmer" in text


def test_ess_reservation_longer_than_three_years_is_warned(library):
    result = draft("reserved-ess", {"months": 48}, library=library)
    assert any("trois ans" in w for w in result.warnings)


def test_insertion_market_above_750000_warns_about_publicity(library):
    result = draft("insertion-market", {"estimated_amount": 900_000}, library=library)
    assert any("R2131-15" in w for w in result.warnings)


def test_framework_agreement_computes_hours_per_year_and_per_100k(library):
    result = draft("framework-agreement", {"hours": 1000, "months": 48, "estimated_amount": 1_200_000}, library=library)
    assert "environ 250 heures par an" in result.text
    assert "83,3 heures par tranche de 100 000 € HT commandés" in result.text
    assert "et non sur le montant maximum" in result.text


def test_cleaning_transfer_clause_explains_deduction_of_transferred_staff(library):
    result = draft(
        "cleaning-transfer", {"hours": 480, "months": 36, "transferred_hours_per_month": 400}, library=library
    )
    assert "480 heures" in result.text and "400 heures par mois" in result.text
    assert "personnel repris" in result.text


def test_cleaning_transfer_quotes_the_branch_threshold_from_the_grid(library):
    raw = yaml.safe_load(GRID.read_text(encoding="utf-8"))
    raw["cleaning"]["min_hours"] = 175
    edited = Grid.model_validate(raw)
    result = draft("cleaning-transfer", {}, library=library, grid=edited)
    assert "inférieur à 175 heures" in result.text and "P = 1 − (S × C) ÷ (A ÷ N)" in result.text
    assert next(p for p in result.parameters if p.name == "cleaning_min_hours").origin == "grille"


def test_hours_report_has_a_table_to_fill(library):
    text = draft("hours-report", {"hours": 1000}, library=library).text
    assert "| Identifiant de la personne |" in text and "Heures du mois" in text


def test_start_letter_names_correspondent_meeting_and_facilitator(library):
    text = draft("start-letter", {"facilitator": "Mme Martin, PLIE", "meeting_date": "3 mars"}, library=library).text
    assert "correspondant" in text and "3 mars" in text and "Mme Martin, PLIE" in text


def test_globalisation_pools_hours_without_reducing_them(library):
    text = draft("globalisation", {"hours": 4490}, library=library).text
    assert "4 490" in text and "sans réduire le total des heures dues" in text


def test_penalties_article_has_adversarial_procedure_and_cap(library):
    text = draft("penalties", {"penalty": 40, "penalty_cap": "10 % du montant du marché"}, library=library).text
    assert "40 € HT par heure non réalisée" in text and "procédure contradictoire" in text
    assert "plafonné à 10 % du montant du marché" in text


def test_draft_result_serialises_with_required_keys(library):
    data = draft("execution", {"hours": 1000}, library=library).to_dict()
    for key in ("text", "references", "parameters", "to_complete", "warnings", "title"):
        assert key in data


# --- Word export ---------------------------------------------------------------------------------


def read_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_docx_reads_back_with_title_headings_and_references(library):
    result = draft("execution", {"hours": 1000, "lots": "Lot 2 - gros œuvre"}, library=library)
    document = read_docx(to_docx(result))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == result.title
    assert "Publics éligibles" in headings and "Références" in headings and "À compléter" in headings
    body = "\n".join(p.text for p in document.paragraphs)
    assert all(reference in body for reference in result.references)
    assert "1 000 heures" in body


def test_docx_maps_bullets_and_tables(library):
    document = read_docx(to_docx(draft("criterion", {"weight": 10}, library=library)))
    assert len(document.tables) == 2
    assert document.tables[1].cell(1, 0).text == "Très satisfaisant"
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets


def test_docx_lists_what_remains_to_complete(library):
    result = draft("execution", {}, library=library)
    body = "\n".join(p.text for p in read_docx(to_docx(result)).paragraphs)
    assert "[à compléter : montant de la pénalité par heure non réalisée]" in body


@pytest.mark.parametrize("kind", EXPECTED_KINDS)
def test_every_kind_exports_to_docx(library, kind):
    document = read_docx(to_docx(draft(kind, {}, library=library)))
    assert document.paragraphs[0].text == library.catalog.kind(kind).title


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent de cette machine")
def test_docx_opens_in_libreoffice(library, tmp_path):
    source = tmp_path / "clause.docx"
    source.write_bytes(to_docx(draft("execution", {"hours": 1000}, library=library)))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "clause.pdf").stat().st_size > 1000


# --- the mandatory social condition (article L2112-2-1) -------------------------------------


def thresholds() -> dict:
    return yaml.safe_load(GRID.read_text(encoding="utf-8"))["european_thresholds"]


def test_works_clause_at_the_works_threshold_says_the_condition_is_mandatory(library, grid):
    value = thresholds()["works"]
    result = draft("execution", {"market_value": value, "market_type": "travaux"}, library=library, grid=grid)
    assert "constitue la condition d'exécution à caractère social obligatoire" in result.text
    assert "L2112-2-1" in result.text and "L2112-2-1" in result.references
    assert any("obligatoire" in w and "note de dérogation" in w for w in result.warnings)


def test_works_clause_one_euro_below_the_threshold_says_the_condition_is_optional(library, grid):
    value = thresholds()["works"] - 1
    result = draft("execution", {"market_value": value, "market_type": "travaux"}, library=library, grid=grid)
    assert "ne rend pas cette condition obligatoire" in result.text
    assert not any("obligatoire (article L2112-2-1" in w for w in result.warnings)


def test_a_services_market_above_its_threshold_is_mandatory_even_far_below_the_works_threshold(library, grid):
    value = thresholds()["supplies_services_local"]
    result = draft(
        "execution", {"market_value": value, "market_type": "fournitures et services"}, library=library, grid=grid
    )
    assert "obligatoire en application de l'article L2112-2-1" in result.text


def test_social_services_use_their_own_threshold(library, grid):
    below = thresholds()["social_services"] - 1
    result = draft("execution", {"market_value": below, "market_type": "services sociaux"}, library=library, grid=grid)
    assert "ne rend pas cette condition obligatoire" in result.text
    assert "750 000 €" in result.text


def test_the_threshold_quoted_comes_from_the_grid_not_from_the_code(library, grid):
    edited = grid.model_copy(
        update={"european_thresholds": grid.european_thresholds.model_copy(update={"works": 1_000_000})}
    )
    result = draft("execution", {"market_value": 2_000_000, "market_type": "travaux"}, library=library, grid=edited)
    assert "1 000 000 €" in result.text and "obligatoire en application" in result.text


def test_drafting_and_sizing_share_one_threshold_lookup(library, grid):
    edited = grid.model_copy(
        update={"european_thresholds": grid.european_thresholds.model_copy(update={"social_services": 500_000})}
    )
    drafted = draft(
        "execution", {"market_value": 600_000, "market_type": "services sociaux"}, library=library, grid=edited
    )
    sized = size_labour_share(edited, amount=600_000, labour_share=0.5, rate=0.05, market_type="social_services")
    assert "500 000 €" in drafted.text and "obligatoire en application" in drafted.text
    assert sized.social_condition.status == "mandatory" and "500 000 €" in sized.social_condition.line


def test_the_market_read_in_a_french_request_feeds_the_threshold_of_the_clause(library, grid):
    extraction = extract("Rédige la clause d'insertion du CCAP pour un marché de travaux de 6 M€")
    params = {"market_value": extraction.market_value, "market_type": extraction.market_type}
    result = draft(extraction.clause_kind, params, library=library, grid=grid)
    assert "6 000 000 €" in result.text and "obligatoire en application de l'article L2112-2-1" in result.text


def test_every_clause_kind_the_french_toolkit_recognises_is_in_the_catalogue(library):
    assert set(CLAUSE_KINDS) <= set(library.kinds)


def test_a_framework_agreement_is_compared_on_its_maximum_not_on_the_realistic_estimate(library, grid):
    params = {"estimated_amount": 150_000, "maximum_amount": 300_000, "market_type": "services", "hours": 300}
    result = draft("framework-agreement", params, library=library, grid=grid)
    assert "300 000 €" in result.text and "obligatoire en application" in result.text


def test_without_value_or_type_the_clause_states_the_rule_conditionally_and_asks(library, grid):
    result = draft("execution", {"hours": 1000}, library=library, grid=grid)
    assert "Lorsque la valeur estimée du marché, tous lots confondus, atteint les seuils européens" in result.text
    assert any("valeur estimée totale" in w for w in result.warnings)


def test_an_unknown_market_type_is_a_clear_french_error(library):
    with pytest.raises(InvalidInput) as error:
        draft("execution", {"market_value": 300_000, "market_type": "concession"}, library=library)
    assert error.value.field == "market_type" and "Valeurs possibles" in error.value.message


def test_every_threshold_kind_declares_value_and_type_as_optional_parameters(library):
    for kind in library.catalog.kinds:
        if kind.social_condition and kind.id != "framework-agreement":
            assert {"market_value", "market_type"} <= set(kind.parameters), kind.id
    assert library.catalog.parameters["market_type"].optional


def test_derogation_note_names_the_text_and_keeps_the_list_to_confirm(library, grid):
    result = draft(
        "derogation-note",
        {"market_value": 6_000_000, "market_type": "travaux", "derogation_reason": "motif"},
        library=library,
        grid=grid,
    )
    assert "L2112-2-1" in result.text and "à confirmer sur Légifrance" in result.text
    assert "conservée au dossier" in result.text


# --- data minimisation and penalties ----------------------------------------------------------


def test_reporting_never_asks_for_payslips_or_a_per_person_category(library):
    for kind in ("execution", "hours-report", "start-letter"):
        text = draft(kind, {}, library=library).text
        assert (
            "bulletins de salaire ne sont pas" in text
            or "aucun bulletin de salaire" in text
            or ("Ni bulletin de salaire" in text)
        ), kind
        assert "Catégorie de public" not in text


def test_hours_report_goes_to_the_facilitator_and_cites_the_gdpr_not_the_procurement_code(library):
    result = draft("hours-report", {}, library=library)
    assert "RGPD" in result.text and "L2112-2" not in result.text
    assert "facilitateur uniquement" in result.text


def test_buyer_receives_aggregated_data_only(library):
    text = draft("execution", {}, library=library).text
    assert "données agrégées" in text and "handicap" in text


def test_young_people_have_one_definition_graduates_included(library):
    for kind in ("execution", "framework-agreement", "cleaning-transfer"):
        assert "jeunes de moins de 26 ans, diplômés ou non" in draft(kind, {}, library=library).text
    assert "peu qualifiés" not in (TEMPLATES / "announcement.md.j2").read_text(encoding="utf-8")


def test_esat_workers_are_not_called_employees(library):
    text = draft("execution", {}, library=library).text
    assert "personnes accueillies en ESAT" in text and "ou d'un ESAT" not in text


def test_penalty_procedure_cites_the_works_and_the_services_ccag(library):
    text = draft("penalties", {}, library=library).text
    assert "article 19 du CCAG-Travaux" in text and "article 14 du CCAG-FCS" in text
    assert "quinze jours" in text and "296930" in text


def test_a_penalty_without_cap_gets_a_proportionality_warning(library):
    result = draft("execution", {"penalty": 50}, library=library)
    assert any("plafond" in w and "296930" in w for w in result.warnings)
    capped = draft("execution", {"penalty": 50, "penalty_cap": "5 % du montant du marché"}, library=library)
    assert not any("Pénalités sans plafond" in w for w in capped.warnings)


def test_announcement_routes_questions_through_the_buyer_profile(library):
    text = draft("announcement", {}, library=library).text
    assert "profil d'acheteur" in text and "ne donne pas d'avis sur le contenu des offres" in text


def test_every_reserved_market_asks_any_candidate_to_attest_the_50_percent(library):
    for kind in ("reserved-siae", "reserved-ea-esat", "reserved-both"):
        assert (
            "Tout candidat" in draft(kind, {}, library=library).text and "50 %" in draft(kind, {}, library=library).text
        )


def test_ess_reservation_takes_its_list_from_the_annexed_notice_not_r2113_8(library):
    text = draft("reserved-ess", {}, library=library).text
    assert "R2113-8" not in text and "avis annexé" in text


def test_the_clause_names_which_value_was_compared_with_the_threshold(library, grid):
    framework = draft(
        "framework-agreement",
        {"estimated_amount": 150_000, "maximum_amount": 300_000, "market_type": "services"},
        library=library,
        grid=grid,
    )
    assert "Le montant maximum de l'accord-cadre (300 000 € HT" in framework.text
    market = draft("execution", {"market_value": 100_000, "market_type": "services"}, library=library, grid=grid)
    assert "La valeur estimée du marché (100 000 € HT" in market.text and "n'atteint pas le seuil" in market.text


def test_hours_report_has_a_lot_column_for_allotted_markets(library):
    text = draft("hours-report", {}, library=library).text
    assert "| Identifiant de la personne | Lot |" in text


def test_reminder_to_a_late_holder_asks_before_any_penalty_and_recalls_the_adversarial_procedure(library):
    text = draft("hours-reminder", {"details": "aucun état des heures depuis 3 mois"}, library=library).text
    assert "aucun état des heures depuis 3 mois" in text
    assert "n'est pas une décision de pénalité" in text and "procédure contradictoire préalable" in text


def test_tender_memo_weaves_the_company_details_and_warns_it_becomes_contractual(library):
    params = {"details": "partenariat avec une ETTI, tutorat par un chef d'équipe", "rate": "6 %"}
    text = draft("tender-memo", params, library=library).text
    assert "tutorat par un chef d'équipe" in text and "6 %" in text and "devient contractuel" in text


def test_deliberation_sets_the_threshold_and_excludes_residence_conditions(library):
    text = draft("deliberation", {"policy_threshold": 90000}, library=library).text
    assert "90 000 € HT" in text and "aucune condition de résidence ni de nationalité" in text


def test_facilitator_email_asks_for_candidates_and_the_hours_report_format(library):
    text = draft("facilitator-email", {"details": "le chantier commence en mars"}, library=library).text
    assert "le chantier commence en mars" in text and "présenter des candidats" in text


def test_difficulty_letter_keeps_the_commitment_and_asks_for_the_facilitators_help(library):
    text = draft("difficulty-letter", {"details": "aucun candidat qualifié trouvé"}, library=library).text
    assert "aucun candidat qualifié trouvé" in text and "Nous sollicitons l'appui du facilitateur" in text
    assert "ne sont pas recrutées sur leur qualification" in text


def test_activity_summary_keeps_the_figures_given_and_asks_to_check_them(library):
    text = draft("activity-summary", {"details": "85 000 heures réalisées, 412 participants"}, library=library).text
    assert "85 000 heures réalisées, 412 participants" in text and "vérifiez chaque chiffre" in text


def test_structure_offer_lists_provision_and_subcontracting_and_monthly_hours(library):
    text = draft("structure-offer", {"sender": "le GEIQ BTP Isère"}, library=library).text
    assert "Le GEIQ BTP Isère peut vous aider" in text and "sous-traitance" in text and "relevés d'heures" in text


def test_buyer_question_asks_the_users_question_and_points_to_the_buyer_profile(library):
    text = draft("buyer-question", {"details": "si les heures d'un salarié repris sont comptées"}, library=library).text
    assert "Nous souhaiterions savoir si les heures d'un salarié repris sont comptées." in text
    assert "profil d'acheteur" in text


def test_tender_memo_names_eligible_publics_validated_by_the_facilitator(library):
    text = draft("tender-memo", {}, library=library).text
    assert "allocataires du RSA" in text and "validée par le facilitateur" in text


def test_reservation_plea_states_the_50_percent_rule_and_open_competition(library):
    text = draft("reservation-plea", {"sender": "l'ESAT des Collines"}, library=library).text
    assert "L'ESAT des Collines souhaite" in text and "au moins 50 %" in text and "prix compris" in text


def test_clause_explainer_says_no_cdi_is_required_and_names_the_routes(library):
    text = draft("clause-explainer", {}, library=library).text
    assert "Pas d'obligation d'embaucher en CDI" in text and "ETTI" in text and "GEIQ" in text


def test_a_residence_condition_in_the_users_details_is_refused(library):
    with pytest.raises(RequestRefused):
        draft("tender-memo", {"details": "on recrute uniquement des habitants de la commune"}, library=library)


@pytest.mark.parametrize("kind", EXPECTED_KINDS)
def test_no_paragraph_is_glued_to_the_end_of_a_table(kind: str) -> None:
    for short in (False, True):
        rows = [line for line in draft(kind, {}, short=short).text.splitlines() if line.startswith("|")]
        assert all(row.rstrip().endswith("|") for row in rows)


def test_the_oversight_questions_keep_the_number_asked() -> None:
    text = draft("oversight-questions", {"count": 3}).text
    assert "3. " in text and "4. " not in text
    assert "les noms et la situation des personnes recrutées ne sont pas communicables" in text
