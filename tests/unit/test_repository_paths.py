"""The repository names no absolute path of a developer's machine: shared material is ``../shared/…``."""

from __future__ import annotations

import re
import subprocess

from assistant.settings import PROJECT_ROOT

# Home folders and the work area of the machine the project was written on.
MACHINE_PATH = re.compile(r"(?<![\w.])/(?:work|home|Users|root)/[\w.-]+")


def test_no_tracked_file_names_an_absolute_path_of_a_developer_machine() -> None:
    files = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    offenders = []
    for name in files:
        path = PROJECT_ROOT / name
        if not path.is_file() or path.suffix in {".png", ".pdf", ".docx", ".sqlite3"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        offenders += [f"{name}: {match.group(0)}" for match in MACHINE_PATH.finditer(text)]
    assert offenders == []
