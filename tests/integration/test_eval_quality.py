"""The quality evaluation (eval/quality.py): its pure scoring functions, the case file, one real run."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eval import quality as q

KNOWN_CODES = q.load_known_articles()["code"]


# --- French numbers and figures --------------------------------------------------------


@pytest.mark.parametrize("text", ["1 000 heures", "1\u00a0000 h", "1\u202f000 heures", "soit 1000 h"])
def test_thousands_in_french_formats_are_read(text: str) -> None:
    assert q.figure_found(q.Figure(1000), q.parse_numbers(text))


def test_a_longer_number_is_not_a_match() -> None:
    assert not q.figure_found(q.Figure(1000), q.parse_numbers("11 000 heures et 10 000 €"))


def test_decimal_comma_is_read() -> None:
    assert q.parse_numbers("soit 0,41 ETP par an") == [0.41]
    assert q.figure_found(q.Figure(0.41), q.parse_numbers("0,41 ETP"))


def test_a_different_decimal_is_not_a_match() -> None:
    assert not q.figure_found(q.Figure(0.41), q.parse_numbers("0,45 ETP ; 41 personnes"))


def test_tolerance_is_absolute() -> None:
    numbers = q.parse_numbers("environ 1,5 ETP")
    assert q.figure_found(q.Figure(1.49, tolerance=0.01), numbers)
    assert not q.figure_found(q.Figure(1.49, tolerance=0.0), numbers)


def test_multipliers_and_percentages_give_scaled_values() -> None:
    assert 1_200_000 in q.parse_numbers("un marché de 1,2 M€ HT")
    assert 180_000 in q.parse_numbers("lot de 180k€")
    assert 0.5 in q.parse_numbers("50 % de main-d'œuvre")
    assert 2026 in q.parse_numbers("le 22 août 2026") and 26 not in q.parse_numbers("le 22 août 2026")


def test_figure_accuracy_reports_the_missing_ones() -> None:
    accuracy, missing = q.figure_accuracy(
        [q.Figure(210), q.Figure(333), q.Figure(543)], q.parse_numbers("210 h et 333 h")
    )
    assert accuracy == pytest.approx(2 / 3)
    assert missing == [q.Figure(543)]


def test_tool_results_are_searched_for_numbers() -> None:
    result = {"hours": 1000, "etp_per_year": 0.41, "formula": "1 200 000 € × 50 % × 5 % ÷ 30 €/h = 1 000 h", "ok": True}
    numbers = q.numbers_in(result)
    assert q.figure_found(q.Figure(0.41), numbers) and q.figure_found(q.Figure(1_200_000), numbers)
    assert not q.figure_found(q.Figure(1.0), q.numbers_in({"flag": True}))


# --- key facts and forbidden content -------------------------------------------------------


def test_contains_ignores_case_accents_hyphens_and_apostrophes() -> None:
    assert q.contains("Part de MAIN-D’ŒUVRE retenue : 50 %", "main d'oeuvre")
    assert q.contains("Réservé aux SIAE (article L2113-13)", "reserve aux siae")
    assert q.contains("1\u202f000\u00a0heures", "1 000 heures")


def test_contains_fails_on_absent_text_and_on_numbers_inside_longer_numbers() -> None:
    assert not q.contains("Part de main-d'œuvre : 50 %", "70 %")
    assert not q.contains("au plus tard en 2026", "26")
    assert not q.contains("un lot de 150 000 € HT", "150")
    assert not q.contains("7,5 % des heures", "5 %")
    assert q.contains("moins de 150 heures", "150") and q.contains("depuis 2017 177 communes", "177")


def test_key_fact_coverage_with_alternatives() -> None:
    coverage, missing = q.key_fact_coverage("durée maximale de trois ans", [["3 ans", "trois ans"], "L2113-16"])
    assert coverage == 0.5
    assert missing == ["L2113-16"]
    assert q.key_fact_coverage("rien", []) == (1.0, [])


def test_forbidden_content_is_found() -> None:
    assert q.forbidden_found("Les personnes doivent habiter la commune.", ["habiter la commune", "L2113-31"]) == [
        "habiter la commune"
    ]
    assert q.forbidden_found("Publics définis par des catégories nationales.", ["habiter la commune"]) == []


# --- articles ----------------------------------------------------------------------------------


def test_article_ids_are_extracted_and_normalised() -> None:
    text = "En application de l'article L. 2112-2, de R2113-7 (50 %) et de L2112-2-1 ; voir aussi L2112-02."
    assert q.extract_articles(text) == ["L2112-2", "R2113-7", "L2112-2-1"]
    assert q.extract_articles("le lot 2, la PDIE-2023 et l'URL /ccp/L2112-02-contenu") == []


def test_known_articles_are_valid() -> None:
    score, missing, unknown = q.article_validity("Fondement : L2113-13 et R2113-7.", ["L2113-13"], KNOWN_CODES)
    assert (score, missing, unknown) == (1.0, [], [])


def test_an_unknown_article_invalidates_the_answer() -> None:
    score, missing, unknown = q.article_validity("Fondement : L2113-31 et R2113-7.", ["R2113-7"], KNOWN_CODES)
    assert unknown == ["L2113-31"] and missing == [] and score == 0.0


def test_a_missing_expected_article_lowers_the_score() -> None:
    score, missing, _ = q.article_validity("Voir L2113-13.", ["L2113-13", "R2113-7"], KNOWN_CODES)
    assert score == 0.5 and missing == ["R2113-7"]


def test_ccag_references_are_matched_in_both_spellings() -> None:
    assert q.article_cited("Références : CCAG-FCS 16.1, L2112-2.", "CCAG-FCS 16.1")
    assert q.article_cited("selon l'article 16.1 du CCAG-FCS", "CCAG-FCS 16.1")
    assert not q.article_cited("selon l'article 16.1 du CCAG-TIC", "CCAG-FCS 16.1")
    assert not q.article_cited("Références : L2112-2-1.", "L2112-2")


# --- citations ---------------------------------------------------------------------------------

_PASSAGE = ("02-cadre-juridique.md", "Cadre > Article L2112-2", None)
_TEXT = "L'article L2112-2 du Code de la commande publique permet de fixer des conditions d'exécution."


def _source(n: int, excerpt: str = _TEXT, document: str = _PASSAGE[0], section: str | None = _PASSAGE[1]) -> dict:
    return {"n": n, "title": "Cadre", "source": document, "section": section, "page": None, "excerpt": excerpt}


def test_valid_citations() -> None:
    hits = [{"source": _PASSAGE[0], "section": _PASSAGE[1], "page": None, "score": 0.9}]
    problems = q.citation_problems("Base légale : L2112-2 [1].", [_source(1)], hits, {_PASSAGE: [_TEXT]})
    assert problems == []


def test_a_citation_without_its_source_is_invalid() -> None:
    problems = q.citation_problems("Voir [1] et [2].", [_source(1)], None, {_PASSAGE: [_TEXT]})
    assert problems == ["citation [2] sans source"]


def test_a_source_outside_the_retrieved_passages_is_invalid() -> None:
    hits = [{"source": "12-faq.md", "section": "FAQ", "page": None}]
    problems = q.citation_problems("Voir [1].", [_source(1)], hits, {_PASSAGE: [_TEXT]})
    assert problems == ["source [1] (02-cadre-juridique.md) absente des passages retrouvés"]


def test_a_source_that_is_not_in_the_index_is_invalid() -> None:
    invented = _source(1, excerpt="Texte inventé.", section="Cadre > Article inventé")
    assert q.citation_problems("Voir [1].", [invented], None, {_PASSAGE: [_TEXT]}) == [
        "source [1] (02-cadre-juridique.md) introuvable dans l'index"
    ]
    altered = _source(1, excerpt="L'article L2112-2 impose une clause dans tous les marchés …")
    assert q.citation_problems("Voir [1].", [altered], None, {_PASSAGE: [_TEXT]}) == [
        "source [1] (02-cadre-juridique.md) : extrait absent du passage indexé"
    ]


def test_a_cut_excerpt_is_a_prefix_of_its_passage() -> None:
    cut = _source(1, excerpt="L'article L2112-2 du Code de la commande publique …")
    assert q.citation_problems("Voir [1].", [cut], None, {_PASSAGE: [_TEXT]}) == []


# --- intents, abstention, thresholds -----------------------------------------------------


def test_an_answer_saying_it_does_not_know_counts_as_an_abstention() -> None:
    assert q.effective_intent("question", "Je ne trouve pas de réponse fiable à cette question.") == "unknown"
    assert q.effective_intent("question", "L'article L2112-2 est la base légale.") == "question"
    assert q.intent_matches("conversion", "sizing", "llm") and not q.intent_matches("conversion", "sizing", "embedded")


def test_thresholds_are_minimums_except_for_forbidden_content() -> None:
    table = {"overall": {"intent": q.Cell(0.80, 10), "forbidden": q.Cell(0.10, 10), "figures": q.Cell(None, 0)}}
    assert q.check_thresholds(table, {"overall": {"intent": 0.75, "forbidden": 0.10, "figures": 1.0}}) == []
    violations = q.check_thresholds(table, {"overall": {"intent": 0.85, "forbidden": 0.05}})
    assert len(violations) == 2 and "Intention" in violations[0] and "maximum" in violations[1]


def test_scores_of_a_case(tmp_path: Path) -> None:
    case = q.Case(
        "s-x",
        "sizing",
        ("Gros œuvre 1,2 M€ HT ?",),
        q.Expect(
            intent="sizing",
            contains=("50 %",),
            figures=(q.Figure(1000),),
            hours=1000,
            not_contains=("L2113-31",),
            cite=("05-dimensionner-les-heures.md",),
        ),
    )
    outcome = q.Outcome(
        case,
        answer="**1 000 heures d'insertion**, 50 % de main-d'œuvre. Méthode : [1].",
        intent="sizing",
        backend="embedded",
        sources=[_source(1, document="05-dimensionner-les-heures.md")],
        tool_calls=[{"name": "size", "arguments": {}, "result": {"hours": 1000}}],
        retrieved_documents=["04-risques-juridiques.md", "05-dimensionner-les-heures.md"],
    )
    q.score_outcome(outcome, KNOWN_CODES, passages=None)
    assert outcome.scores["recall_at_5"] == 1.0 and outcome.scores["mrr"] == 0.5
    assert outcome.scores["hours"] == outcome.scores["figures"] == outcome.scores["key_facts"] == 1.0
    assert (
        outcome.scores["forbidden"] == 0.0 and outcome.scores["answered"] == 1.0 and outcome.scores["abstained"] is None
    )
    assert not outcome.failed


# --- the case file --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cases() -> list[q.Case]:
    return q.load_cases()


def test_case_file_follows_the_schema(cases: list[q.Case]) -> None:
    assert q.validate_cases(cases) == []
    assert len(cases) >= 130
    counts = Counter(case.category for case in cases)
    assert counts["knowledge"] >= 45 and counts["sizing"] >= 25 and counts["drafting"] >= 20
    assert counts["followup"] >= 12 and counts["tricky"] >= 20
    assert set(counts) <= set(q.CATEGORIES)


def test_every_cited_document_and_expected_article_exists(cases: list[q.Case]) -> None:
    known = q.load_known_articles()
    documents = {path.name for path in q.CORPUS_DIR.glob("*.md")}
    for case in cases:
        assert set(case.expect.cite) <= documents, case.id
        for article in case.expect.articles:
            assert article in known["all"] or q.normalize_article(article) in known["code"], (case.id, article)


def test_tricky_cases_cover_refusals_abstentions_and_lawful_questions(cases: list[q.Case]) -> None:
    intents = Counter(case.expect.intent for case in cases if case.category == "tricky")
    assert intents["refusal"] >= 10 and intents["unknown"] >= 5 and intents["question"] >= 5


def test_validation_catches_schema_errors(tmp_path: Path) -> None:
    bad = tmp_path / "cases.yaml"
    bad.write_text(
        '- id: x\n  category: knowledge\n  turns: ["a"]\n  expect: {intent: question, colour: red}\n', encoding="utf-8"
    )
    with pytest.raises(q.CaseError, match="unknown expect keys"):
        q.load_cases(bad)
    dup = [
        q.Case("a", "knowledge", ("m",), q.Expect("question", cite=("99-nope.md",))),
        q.Case("a", "misc", ("m",), q.Expect("maybe", articles=("L2113-31",))),
    ]
    problems = q.validate_cases(dup)
    assert any("duplicate id" in p for p in problems)
    assert any("unknown category" in p for p in problems) and any("unknown intent" in p for p in problems)
    assert any("99-nope.md" in p for p in problems) and any("L2113-31" in p for p in problems)


# --- the command -------------------------------------------------------------------------------


def test_eval_command_is_registered() -> None:
    from clauses_cli.main import app

    runner = CliRunner()
    result = runner.invoke(app, ["eval", "--help"])
    assert result.exit_code == 0
    for option in ("--backend", "--cases", "--report-dir", "--category"):
        assert option in result.output
    assert runner.invoke(app, ["eval", "--category", "nope"]).exit_code == 2


# --- a real run --------------------------------------------------------------------------------

_E2E_IDS = ("k-base-legale-01", "s-gros-oeuvre-01", "d-reserve-siae-01", "f-taux-01", "t-hors-sujet-meteo-01")


def test_end_to_end_on_five_cases(product_context, cases: list[q.Case], tmp_path: Path) -> None:
    selected = [case for case in cases if case.id in _E2E_IDS]
    assert len(selected) == 5

    lenient = {"k": 5, "thresholds": {"overall": {"intent": 0.5, "forbidden": 0.5}, "sizing": {"hours": 0.5}}}
    run = q.evaluate(product_context, selected, config=lenient, report_dir=tmp_path / "ok")
    assert run.exit_code == 0, run.violations
    assert run.report.is_file() and run.chart.is_file()
    assert run.chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    report = run.report.read_text(encoding="utf-8")
    assert "| Intention |" in report and run.chart.name in report
    assert {o.case.category for o in run.outcomes} == set(q.CATEGORIES)
    sizing = next(o for o in run.outcomes if o.case.id == "s-gros-oeuvre-01")
    assert sizing.scores["hours"] == 1.0 and sizing.intent == "sizing"

    impossible = {"k": 5, "thresholds": {"overall": {"intent": 1.01}}}
    failed = q.evaluate(product_context, selected, config=impossible, report_dir=tmp_path / "ko")
    assert failed.exit_code == 1
    assert "✗" in failed.report.read_text(encoding="utf-8")
