"""A sizing written out step by step, for « détaille le calcul » or « d'où sort ce chiffre ? ».

Every method shows the same path: each value it used, where that value comes from (the user, a published grid,
a default), the computation that turns them into hours, then those hours in full-time equivalents. The words
come from ``prompts/messages.yaml`` (``walkthrough``), passed in as ``wording``.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.fr import fmt_hours, fmt_number
from assistant.sizing.result import Assumption, SizingResult


def _origin(assumption: Assumption, wording: Mapping[str, str]) -> str:
    said = wording.get(f"origin_{assumption.origin}", assumption.origin)
    if assumption.origin == "grille" and assumption.source_title:
        return f"{said}, {assumption.source_title}"
    return said


def walkthrough(result: SizingResult, wording: Mapping[str, str]) -> str:
    """The numbered steps of ``result``: its values with their origin, its formula, its full-time equivalents."""
    lines = [
        wording["value"].format(n=n, label=a.label, value=a.display, origin=_origin(a, wording))
        for n, a in enumerate(result.assumptions, start=1)
    ]
    n = len(lines) + 1
    lines.append(wording["formula"].format(n=n, formula=result.formula))
    lines.append(
        wording["etp"].format(
            n=n + 1,
            hours=fmt_hours(result.hours),
            base=fmt_number(result.etp_base, 0),
            etp=fmt_number(result.etp_total, 2),
        )
    )
    return wording["title"] + "\n\n" + "\n".join(lines)
