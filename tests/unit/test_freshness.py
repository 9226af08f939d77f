"""Review dates of guide sections: the pure functions behind the `clauses ingest` warning."""

from __future__ import annotations

import datetime as dt

from assistant.freshness import (
    SectionReview,
    months_between,
    reviews_of_markdown,
    stale_sections,
    unknown_overrides,
)

GUIDE = """---
title: "Guide"
type: guide
reviewed: 2025-01-15
sections_reviewed:
  "Section relue récemment": 2026-11-01
---

# Guide

## Section ancienne

Texte.

## Section relue récemment

Texte.
"""

TODAY = dt.date(2026, 11, 30)


def test_a_section_takes_the_guide_date_unless_it_has_its_own() -> None:
    reviews = {r.section: r.reviewed for r in reviews_of_markdown("g.md", GUIDE)}
    assert reviews == {"Section ancienne": dt.date(2025, 1, 15), "Section relue récemment": dt.date(2026, 11, 1)}


def test_a_section_older_than_the_limit_is_stale_with_its_age() -> None:
    stale = stale_sections(reviews_of_markdown("g.md", GUIDE), TODAY, 12)
    assert [(s.section, s.age_months) for s in stale] == [("Section ancienne", 22)]
    assert "à relire" in stale[0].message() and "g.md" in stale[0].message()


def test_the_limit_is_configurable() -> None:
    assert stale_sections(reviews_of_markdown("g.md", GUIDE), TODAY, 24) == []


def test_a_section_without_any_date_is_reported() -> None:
    stale = stale_sections([SectionReview("g.md", "Sans date", None)], TODAY, 12)
    assert stale[0].reviewed is None and "aucune date" in stale[0].message()


def test_months_are_whole_months_elapsed() -> None:
    assert months_between(dt.date(2025, 11, 30), dt.date(2026, 11, 30)) == 12
    assert months_between(dt.date(2025, 12, 1), dt.date(2026, 11, 30)) == 11
    assert months_between(dt.date(2027, 1, 1), dt.date(2026, 11, 30)) == 0


def test_exactly_the_limit_is_not_yet_stale() -> None:
    reviews = [SectionReview("g.md", "S", dt.date(2025, 11, 30))]
    assert stale_sections(reviews, TODAY, 12) == []


def test_an_override_for_a_renamed_heading_is_detected() -> None:
    meta = {"sections_reviewed": {"Ancien titre": "2026-11-30"}}
    assert unknown_overrides(meta, ["Nouveau titre"]) == ["Ancien titre"]


def test_answer_cards_are_checked_on_their_own_review_date() -> None:
    from assistant.freshness import reviews_of_cards

    cards = [
        {"id": "fraiche", "reviewed": dt.date(2026, 11, 30)},
        {"id": "ancienne", "reviewed": "2024-05-01"},
        {"id": "sans"},
    ]
    stale = stale_sections(reviews_of_cards("cards/x.yaml", cards), TODAY, 12)
    assert [(s.section, s.reviewed) for s in stale] == [("ancienne", dt.date(2024, 5, 1)), ("sans", None)]


def test_a_cards_file_that_is_not_a_list_gives_no_review() -> None:
    from assistant.freshness import reviews_of_cards

    assert reviews_of_cards("cards/x.yaml", {"id": "x"}) == []
