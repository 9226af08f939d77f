"""Build the served ``api/static/widget.js`` from its sources in ``api/static/src/widget/``.

The sources are plain script files read in name order (``10-config.js``, ``20-dom.js`` …);
``banner.js`` (the integration notice) goes first, outside the function; the one stylesheet
(``NN-*.css``) becomes the ``STYLES`` template literal at its place in the order; everything
else is concatenated inside one ``(function () { "use strict"; … })();`` so nothing leaks into
the host page. Pure Python, no npm.

    python scripts/build_widget.py          # write api/static/widget.js
    python scripts/build_widget.py --check  # exit 1 if the committed build is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = REPO_ROOT / "api" / "static" / "src" / "widget"
TARGET = REPO_ROOT / "api" / "static" / "widget.js"
BANNER = "banner.js"
NOTICE = (
    "// Built by scripts/build_widget.py from api/static/src/widget/ (make widget): edit the sources, not this file."
)


class SourceError(ValueError):
    """A source file the build cannot embed safely."""


def source_files(source_dir: Path = SOURCE_DIR) -> list[Path]:
    """The ordered sources: files named ``NN-name.js`` or ``NN-name.css``, by name."""
    files = sorted(p for p in source_dir.iterdir() if p.suffix in {".js", ".css"} and p.name[:2].isdigit())
    if sum(p.suffix == ".css" for p in files) > 1:
        raise SourceError("une seule feuille de style est attendue dans " + str(source_dir))
    return files


def css_section(css: str, name: str) -> str:
    """The stylesheet as ``const STYLES = `…`;`` (refused if it could break out of the literal)."""
    for forbidden in ("`", "${", "\\"):
        if forbidden in css:
            raise SourceError(f"{name} contient {forbidden!r}, interdit dans un littéral de gabarit")
    return "const STYLES = `\n" + css.rstrip("\n") + "\n`;\n"


def section(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    body = css_section(text, path.name) if path.suffix == ".css" else text.rstrip("\n") + "\n"
    return f"// --- {path.name} ---\n{body}"


def build(source_dir: Path = SOURCE_DIR) -> str:
    """The whole served script, as text."""
    banner = (source_dir / BANNER).read_text(encoding="utf-8").rstrip("\n")
    sections = "\n".join(section(p) for p in source_files(source_dir))
    return f'{banner}\n{NOTICE}\n(function () {{\n"use strict";\n\n{sections}}})();\n'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit api/static/widget.js à partir de ses sources.")
    parser.add_argument("--check", action="store_true", help="vérifie que widget.js est à jour (sans l'écrire)")
    args = parser.parse_args(argv)
    built = build()
    if args.check:
        if TARGET.read_text(encoding="utf-8") != built:
            print("api/static/widget.js n'est pas à jour : lancez « make widget ».", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(built, encoding="utf-8")
    print(f"api/static/widget.js construit à partir de {len(source_files())} sources.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
