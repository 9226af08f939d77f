"""The served widget.js is the build of its sources (no browser needed)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "build_widget.py"


def load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_widget", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_widget_js_is_the_build_of_its_sources() -> None:
    build_widget = load_build_script()
    committed = (REPO_ROOT / "api" / "static" / "widget.js").read_text(encoding="utf-8")
    assert committed == build_widget.build(), "api/static/widget.js est périmé : lancez « make widget »"


def test_a_changed_source_changes_the_build(tmp_path: Path) -> None:
    build_widget = load_build_script()
    sources = tmp_path / "src"
    sources.mkdir()
    for path in build_widget.SOURCE_DIR.iterdir():
        (sources / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    assert build_widget.build(sources) == build_widget.build()
    (sources / "30-sse.js").write_text("// changed\n", encoding="utf-8")
    assert build_widget.build(sources) != build_widget.build()


def test_check_command_exits_0_on_the_committed_tree() -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_sources_are_wrapped_in_one_strict_function_in_name_order() -> None:
    build_widget = load_build_script()
    built = build_widget.build()
    names = [p.name for p in build_widget.source_files()]
    assert names == sorted(names) and names[0].startswith("10-") and names[-1].startswith("90-")
    positions = [built.index(f"// --- {name} ---") for name in names]
    assert positions == sorted(positions)
    assert built.index('(function () {\n"use strict";') < positions[0]
    assert built.rstrip().endswith("})();")


def test_a_stylesheet_that_could_escape_its_literal_is_refused(tmp_path: Path) -> None:
    build_widget = load_build_script()
    with pytest.raises(build_widget.SourceError, match="interdit"):
        build_widget.css_section(".x { content: `${alert(1)}`; }", "50-styles.css")
