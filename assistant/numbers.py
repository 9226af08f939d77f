"""Whole numbers written the French way for messages (« 10 000 caractères », « 20 Mo »)."""

from __future__ import annotations


def format_count(value: int) -> str:
    """Thousands separated by a space: 10000 → « 10 000 », -1234567 → « -1 234 567 »."""
    return f"{value:,d}".replace(",", " ")


def format_megabytes(size_bytes: int) -> str:
    """A byte size in megabytes (10^6), at least 1: 20000000 → « 20 Mo »."""
    return f"{format_count(max(1, round(size_bytes / 1_000_000)))} Mo"
