"""Masking personal data (e-mail addresses, phone numbers) wherever text is logged."""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# French numbers (04 76 00 38 38, 04.76.00.38.38, +33 4 76 00 38 38) and other long digit runs.
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){8,13}")


def mask(text: str) -> str:
    text = _EMAIL.sub("[courriel masqué]", text)
    return _PHONE.sub("[téléphone masqué]", text)
