"""Headings of a PDF from type sizes (assistant/pdf_headings.py): pure functions over lines and sizes."""

from __future__ import annotations

from assistant.pdf_headings import heading_levels, sections

BODY = [("Un paragraphe de texte courant assez long pour peser.", 10.0)] * 12


def test_larger_lines_are_headings_ranked_by_size() -> None:
    levels = heading_levels([[("Titre", 20.0), ("Partie", 14.0), *BODY, ("Autre partie", 14.0)]])
    assert levels == [{"Titre": 1, "Partie": 2, "Autre partie": 2}]


def test_a_line_barely_larger_than_the_body_is_not_a_heading() -> None:
    assert heading_levels([[("Presque", 10.5), *BODY]]) == [{}]


def test_when_much_of_the_text_is_large_sizes_say_nothing_about_structure() -> None:
    lines = [(f"Ligne numéro {n}", 14.0) for n in range(5)] + [("Un texte courant plus long", 10.0)] * 3
    assert heading_levels([lines]) == [{}]


def test_a_pdf_without_sizes_has_no_heading() -> None:
    assert heading_levels([[], [("texte lu par OCR", 0.0)]]) == [{}, {}]


def test_sections_carry_the_heading_path_across_pages() -> None:
    pages = ["A\nTexte 1", "suite\nB\nTexte 2"]
    out = sections(pages, [{"A": 1}, {"B": 2}])
    assert out == [(1, ("A",), "Texte 1"), (2, ("A",), "suite"), (2, ("A", "B"), "Texte 2")]


def test_a_heading_of_the_same_level_replaces_its_sibling() -> None:
    out = sections(["A\nun\nB\ndeux"], [{"A": 2, "B": 2}])
    assert [path for _, path, _ in out] == [("A",), ("B",)]


def test_a_heading_wrapped_over_two_lines_is_one_heading() -> None:
    out = sections(["Guide pratique des\nclauses vertes\nTexte"], [{"Guide pratique des": 1, "clauses vertes": 1}])
    assert out == [(1, ("Guide pratique des clauses vertes",), "Texte")]


def test_text_before_any_heading_has_an_empty_path() -> None:
    assert sections(["Préambule\nA\nTexte"], [{"A": 1}])[0] == (1, (), "Préambule")
