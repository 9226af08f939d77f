"""The yearly report to the Department: Markdown, Word (with charts) and Excel renderings.

Every rendering takes the same input: an ordered mapping from a column label (the whole
scope, then each territory) to the indicator object of :func:`indicators.compute`.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from assistant.followup.codes import Codes
from assistant.followup.texts import Texts, day, hours, percent, share

Bilans = dict[str, dict[str, Any]]


# --- what the report says -----------------------------------------------------------------------


def comments(bilan: dict[str, Any], texts: Texts) -> list[str]:
    """Short French comments drawn from the figures of one indicator object."""
    c = texts.section("comments")
    h = bilan["heures"]
    rate = h["taux_realisation"]
    figures = {"realisees": hours(h["realisees"]), "prevues": hours(h["prevues"]), "taux": percent(rate)}
    if rate is None:
        lines = [c["hours_none"]]
    elif rate >= 0.95:
        lines = [c["hours_on_track"].format(**figures)]
    elif rate >= 0.8:
        lines = [c["hours_close"].format(**figures)]
    else:
        lines = [c["hours_late"].format(**figures)]
    p = bilan["participants"]
    if p["total"]:
        lines.append(
            c["participants"].format(
                total=p["total"],
                rsa=p["rsa"],
                part_rsa=share(p["rsa"], p["total"]),
                moins_26=p["moins_26"],
                part_jeunes=share(p["moins_26"], p["total"]),
                femmes=p["femmes"],
                part_femmes=share(p["femmes"], p["total"]),
            )
        )
    s = bilan["structures"]
    types = ", ".join(f"{n} {t}" for t, n in s["siae"]["par_type"].items()) or "aucune"
    lines.append(c["siae"].format(siae=s["siae"]["total"], types=types, autres=sum(s["autres"].values())))
    for months in (6, 12):
        exits = bilan["sorties"][f"{months}_mois"]
        known = exits["observables"] - exits["inconnue"]
        if exits["observables"]:
            lines.append(
                c[f"exits_{months}"].format(
                    dynamiques=exits["dynamiques"], connues=known, taux=percent(exits["taux_dynamiques"])
                )
            )
        else:
            lines.append(c["exits_none"].format(mois=months))
    return lines


def territory_comments(bilans: Bilans, texts: Texts) -> list[tuple[str, str]]:
    """One line per territory (every column after the whole scope): its hours and participants."""
    names = list(bilans)[1:] if len(bilans) > 1 else []
    return [(name, " ".join(comments(bilans[name], texts)[:2])) for name in names]


def summary_rows(bilans: Bilans, texts: Texts) -> list[list[str]]:
    """The indicators table: one row per indicator, one column per scope."""
    label = texts.section("labels")

    def row(name: str, get) -> list[str]:  # type: ignore[no-untyped-def]
        return [label[name], *[get(b) for b in bilans.values()]]

    return [
        row("heures_prevues", lambda b: hours(b["heures"]["prevues"])),
        row("heures_realisees", lambda b: hours(b["heures"]["realisees"])),
        row("taux_realisation", lambda b: percent(b["heures"]["taux_realisation"])),
        row("participants", lambda b: str(b["participants"]["total"])),
        row("rsa", lambda b: str(b["participants"]["rsa"])),
        row("moins_26", lambda b: str(b["participants"]["moins_26"])),
        row("femmes", lambda b: str(b["participants"]["femmes"])),
        row("operations", lambda b: str(sum(c["operations"] for c in b["clauses"].values()))),
        row("siae", lambda b: str(b["structures"]["siae"]["total"])),
        row("autres", lambda b: str(sum(b["structures"]["autres"].values()))),
        row("sorties_6", lambda b: percent(b["sorties"]["6_mois"]["taux_dynamiques"])),
        row("sorties_12", lambda b: percent(b["sorties"]["12_mois"]["taux_dynamiques"])),
    ]


def detail_tables(bilan: dict[str, Any], codes: Codes, texts: Texts) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) of each indicator of one scope, with French labels."""
    label = texts.section("labels")
    exits6, exits12 = bilan["sorties"]["6_mois"], bilan["sorties"]["12_mois"]
    situations = ["observables", *codes.situation, "dynamiques"]
    return [
        (
            "Recrutements",
            [label["type_contrat"], label["nombre"]],
            [[codes.label("type_contrat", k), str(v)] for k, v in bilan["recrutements"].items()],
        ),
        (
            "Clauses",
            [label["type_clause"], label["nombre"], label["heures"]],
            [
                [codes.label("type_clause", k), str(v["operations"]), hours(v["heures_prevues"])]
                for k, v in bilan["clauses"].items()
            ],
        ),
        (
            "Structures",
            [label["structure_type"], label["nombre"]],
            [[f"SIAE — {t}", str(n)] for t, n in bilan["structures"]["siae"]["par_type"].items()]
            + [[t, str(n)] for t, n in bilan["structures"]["autres"].items()],
        ),
        (
            "Sorties",
            [label["situation"], label["a_6_mois"], label["a_12_mois"]],
            [
                [
                    label.get(s, codes.label("situation", s)),
                    str(exits6[s]),
                    str(exits12[s]),
                ]
                for s in situations
            ]
            + [
                [
                    label["taux_dynamiques"],
                    percent(exits6["taux_dynamiques"]),
                    percent(exits12["taux_dynamiques"]),
                ]
            ],
        ),
    ]


def definitions(texts: Texts) -> list[tuple[str, str]]:
    label = texts.section("labels")
    defs = texts.section("definitions")
    names = {
        "heures_prevues": label["heures_prevues"],
        "heures_realisees": label["heures_realisees"],
        "taux_realisation": label["taux_realisation"],
        "participants": label["participants"],
        "recrutements": "Recrutements",
        "clauses": "Clauses",
        "structures": "Structures",
        "sorties": "Sorties dynamiques",
    }
    return [(title, defs[key]) for key, title in names.items()]


def title_lines(bilan: dict[str, Any], scope: str, texts: Texts) -> tuple[str, str]:
    period = bilan["periode"]
    return texts.get("report", "title"), texts.get(
        "report", "subtitle", debut=day(period["debut"]), fin=day(period["fin"]), scope=scope
    )


# --- Markdown -----------------------------------------------------------------------------------


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header), *("| " + " | ".join(r) + " |" for r in rows)]


def render_markdown(bilans: Bilans, scope: str, codes: Codes, texts: Texts) -> str:
    first = next(iter(bilans.values()))
    title, subtitle = title_lines(first, scope, texts)
    lines = [f"# {title}", "", f"*{subtitle}*", "", f"## {texts.get('report', 'summary_heading')}", ""]
    lines += [f"- {c}" for c in comments(first, texts)]
    lines += ["", f"## {texts.get('report', 'table_heading')}", ""]
    lines += _md_table(["Indicateur", *bilans], summary_rows(bilans, texts))
    per_territory = territory_comments(bilans, texts)
    if per_territory:
        lines += ["", f"### {texts.get('report', 'territories_heading')}", ""]
        lines += [f"- **{name}** : {text}" for name, text in per_territory]
    lines += ["", f"## {texts.get('report', 'detail_heading')}"]
    for heading, header, rows in detail_tables(first, codes, texts):
        lines += ["", f"### {heading}", "", *_md_table(header, rows)]
    lines += ["", f"## {texts.get('report', 'definitions_heading')}", ""]
    lines += [f"- **{name}** : {text}." for name, text in definitions(texts)]
    return "\n".join(lines) + "\n"


# --- charts -------------------------------------------------------------------------------------


def _figure_png(figure) -> bytes:  # type: ignore[no-untyped-def]
    buffer = BytesIO()
    figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(figure)
    return buffer.getvalue()


def charts(bilan: dict[str, Any], monthly: list[dict[str, Any]], codes: Codes, texts: Texts) -> list[tuple[str, bytes]]:
    """(caption, PNG) of the three charts: hours by month, participants by public, exits at 6/12 months."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    r = texts.section("report")
    label = texts.section("labels")
    result = []

    figure, axis = plt.subplots(figsize=(7.5, 3.4))
    months = [m["mois"][5:] + "/" + m["mois"][2:4] for m in monthly]
    positions = range(len(months))
    axis.bar(
        [p - 0.2 for p in positions], [m["prevues"] for m in monthly], width=0.4, label=r["planned"], color="#1f4e79"
    )
    axis.bar(
        [p + 0.2 for p in positions], [m["realisees"] for m in monthly], width=0.4, label=r["realised"], color="#e08a00"
    )
    axis.set_xticks(list(positions), months, rotation=45, fontsize=8)
    axis.set_ylabel("heures")
    axis.legend()
    axis.set_title(r["chart_hours"])
    result.append((r["chart_hours"], _figure_png(figure)))

    p = bilan["participants"]
    figure, axis = plt.subplots(figsize=(6, 3))
    names = [label["participants"], "Allocataires du RSA", "Moins de 26 ans", "Femmes"]
    values = [p["total"], p["rsa"], p["moins_26"], p["femmes"]]
    bars = axis.barh(names[::-1], values[::-1], color=["#6b8e23", "#8b4513", "#4682b4", "#1f4e79"])
    axis.bar_label(bars)
    axis.set_title(r["chart_publics"])
    result.append((r["chart_publics"], _figure_png(figure)))

    figure, axis = plt.subplots(figsize=(6.5, 3))
    colours = ["#1b5e20", "#66bb6a", "#a5d6a7", "#bdbdbd", "#eeeeee"]
    for row, months_after in enumerate((6, 12)):
        exits = bilan["sorties"][f"{months_after}_mois"]
        left = 0
        for situation, colour in zip(codes.situation, colours, strict=True):
            count = exits[situation]
            axis.barh(
                label[f"a_{months_after}_mois"],
                count,
                left=left,
                color=colour,
                edgecolor="#333333",
                label=codes.label("situation", situation) if row == 0 else None,
            )
            left += count
    axis.invert_yaxis()
    axis.set_xlabel("participants observables")
    axis.legend(fontsize=7, loc="lower center", bbox_to_anchor=(0.5, -0.6), ncol=3)
    axis.set_title(r["chart_exits"])
    result.append((r["chart_exits"], _figure_png(figure)))
    return result


# --- Word ---------------------------------------------------------------------------------------


def render_docx(bilans: Bilans, monthly: list[dict[str, Any]], scope: str, codes: Codes, texts: Texts) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    first = next(iter(bilans.values()))
    title, subtitle = title_lines(first, scope, texts)
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = f"{title} — {subtitle}"
    document.core_properties.language = "fr-FR"
    document.add_heading(title, level=0)
    document.add_paragraph().add_run(subtitle).italic = True
    document.add_paragraph(texts.get("report", "intro"))

    document.add_heading(texts.get("report", "summary_heading"), level=1)
    for comment in comments(first, texts):
        document.add_paragraph(comment, style="List Bullet")

    def table(header: list[str], rows: list[list[str]]) -> None:
        grid = document.add_table(rows=1, cols=len(header))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, header, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for values in rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
        document.add_paragraph()

    document.add_heading(texts.get("report", "table_heading"), level=1)
    table(["Indicateur", *bilans], summary_rows(bilans, texts))
    per_territory = territory_comments(bilans, texts)
    if per_territory:
        document.add_heading(texts.get("report", "territories_heading"), level=2)
        for name, text in per_territory:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{name} : ").bold = True
            paragraph.add_run(text)

    document.add_heading(texts.get("report", "charts_heading"), level=1)
    for caption, png in charts(first, monthly, codes, texts):
        document.add_picture(BytesIO(png), width=Cm(15))
        document.add_paragraph().add_run(caption).italic = True

    document.add_heading(texts.get("report", "detail_heading"), level=1)
    for heading, header, rows in detail_tables(first, codes, texts):
        document.add_heading(heading, level=2)
        table(header, rows)

    document.add_heading(texts.get("report", "definitions_heading"), level=1)
    for name, text in definitions(texts):
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{name} : ").bold = True
        paragraph.add_run(f"{text}.")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Excel --------------------------------------------------------------------------------------


def render_xlsx(bilans: Bilans, monthly: list[dict[str, Any]], codes: Codes, texts: Texts) -> bytes:
    """One sheet per indicator, plain values (no formulas), one column per scope."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    label = texts.section("labels")
    scopes = list(bilans)
    values = list(bilans.values())
    workbook = Workbook()
    workbook.remove(workbook.active)

    def sheet(name: str, header: list[str], rows: list[list[Any]]) -> None:
        ws = workbook.create_sheet(name)
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
        ws.column_dimensions["A"].width = 42
        ws.freeze_panes = "B2"

    def keys(path: str) -> list[str]:
        found: list[str] = []
        for b in values:
            for key in b[path]:
                if key not in found:
                    found.append(key)
        return sorted(found)

    sheet("Période", ["Début", "Fin"], [[values[0]["periode"]["debut"], values[0]["periode"]["fin"]]])
    sheet(
        "Heures",
        ["Indicateur", *scopes],
        [
            [label["heures_prevues"], *[b["heures"]["prevues"] for b in values]],
            [label["heures_realisees"], *[b["heures"]["realisees"] for b in values]],
            [label["taux_realisation"], *[b["heures"]["taux_realisation"] for b in values]],
        ],
    )
    sheet(
        "Heures par mois",
        [label["mois"], texts.get("report", "planned"), texts.get("report", "realised")],
        [[m["mois"], m["prevues"], m["realisees"]] for m in monthly],
    )
    sheet(
        "Participants",
        [label["public"], *scopes],
        [
            [label["participants"], *[b["participants"]["total"] for b in values]],
            *[[label[k], *[b["participants"][k] for b in values]] for k in ("rsa", "moins_26", "femmes")],
        ],
    )
    sheet(
        "Recrutements",
        [label["type_contrat"], *scopes],
        [
            [codes.label("type_contrat", k), *[b["recrutements"].get(k, 0) for b in values]]
            for k in keys("recrutements")
        ],
    )
    sheet(
        "Clauses",
        [label["type_clause"], *[f"{s} — opérations" for s in scopes], *[f"{s} — heures prévues" for s in scopes]],
        [
            [
                codes.label("type_clause", k),
                *[b["clauses"].get(k, {}).get("operations", 0) for b in values],
                *[b["clauses"].get(k, {}).get("heures_prevues", 0.0) for b in values],
            ]
            for k in keys("clauses")
        ],
    )
    structure_types = [*codes.siae_types, *[t for t in codes.structure_type if t not in codes.siae_types]]
    sheet(
        "Structures",
        [label["structure_type"], *scopes],
        [["SIAE (total)", *[b["structures"]["siae"]["total"] for b in values]]]
        + [
            [t, *[b["structures"]["siae"]["par_type"].get(t, b["structures"]["autres"].get(t, 0)) for b in values]]
            for t in structure_types
        ],
    )
    for months in (6, 12):
        situations = ["observables", *codes.situation, "dynamiques", "taux_dynamiques"]
        sheet(
            f"Sorties à {months} mois",
            [label["situation"], *scopes],
            [
                [
                    label.get(s, codes.situation.get(s, s)),
                    *[b["sorties"][f"{months}_mois"][s] for b in values],
                ]
                for s in situations
            ],
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
