"""``python -m eval.bench --quick`` on a tiny index: the script runs end to end and writes its JSON.

Figures are never asserted (they depend on the machine); only that every section
produced its figures, the HTTP levels ran without errors and the report is written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval import bench

pytestmark = pytest.mark.slow


def test_quick_bench_on_the_small_corpus(tmp_path: Path, small_corpus: Path) -> None:
    out = tmp_path / "bench.json"
    code = bench.main(
        [
            "--quick",
            "--corpus",
            str(small_corpus),
            "--sizes",
            "300",
            "--requests",
            "16",
            "--work-dir",
            str(tmp_path / "work"),
            "--out",
            str(out),
        ]
    )
    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))

    assert report["machine"]["cores"] >= 1 and report["quick"] is True
    assert report["embedding_backend"]["backend"] in {"onnx-fp32", "onnx-int8", "torch"}
    ingestion = report["ingestion"]
    assert ingestion["files"] == 3 and ingestion["chunks"] > 0 and ingestion["index_mb"] > 0
    assert ingestion["pdf"].get("pages", 1) > 0

    cold = report["cold_start"]["default"]
    assert cold["backend"] == report["embedding_backend"]["backend"]
    assert set(cold["median"]) >= {"wall_s", "import_s", "model_load_s", "index_open_s", "first_answer_s"}

    engine = report["engine"]
    assert engine["n"] == engine["questions"] and engine["p95"] > 0
    assert 0 < engine["cpu_ms"]["p50"] <= engine["cpu_ms"]["p95"]

    http = report["http"]
    assert http["workers"] == 1 and set(http["levels"]) == {"1", "8", "32"}
    for level in http["levels"].values():
        assert level["n"] == 16 and level["errors"] == 0, level

    sizes = report["retrieval"]["sizes"]
    assert set(sizes) == {"corpus", "300"} and sizes["300"]["chunks"] == 300
    for result in sizes.values():
        assert result["ratios_p50"]["hybrid"]["over_floor_with_embedding"] > 0
    assert set(report["targets"]) >= {"engine_p95_ms", "http_p95_ms_at_8", "cold_start_s"}
