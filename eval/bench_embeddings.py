"""Embedding backends compared: ONNX int8 (onnxruntime) against torch (sentence-transformers).

    python -m eval.bench_embeddings                 # every figure (a few minutes)
    python -m eval.bench_embeddings --no-cli        # skip the `clauses ask` cold starts
    python -m eval.bench_embeddings --repeat 5      # more cold starts per backend

Prints, for each backend:
- cold start: a fresh process that imports, loads the model and embeds one query
  (wall time, CPU time, RSS at the end), median of ``--repeat`` runs;
- optionally the cold start of the real CLI, ``clauses ask`` (index built beforehand
  in a work folder, one per backend, untimed);
- query embedding latency p50/p95 (uncached, 1 intra-op thread, eval questions);
- document throughput (chunks/s of the real corpus) with 1 and 2 threads.

Each measure runs in its own process, so torch never shares a process with the ONNX
figures. Figures only, no assertions: the machine's other load shows in them, so
compare runs made side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ("onnx", "torch")
FIRST_QUERY = "Qu'est-ce qu'un marché réservé aux structures d'insertion par l'activité économique ?"


def _env(data_dir: Path, backend: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAUSES_")}
    env.update(
        {
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "HF_HUB_DISABLE_PROGRESS_BARS": "1",
            "ANONYMIZED_TELEMETRY": "False",
            "TOKENIZERS_PARALLELISM": "false",
            "CLAUSES_DATA_DIR": str(data_dir),
            "CLAUSES_EMBEDDING_BACKEND": backend,
        }
    )
    return env


def _worker(args: list[str], data_dir: Path, backend: str) -> tuple[dict, float, float]:
    """Runs this module in worker mode; returns its JSON, wall seconds, child CPU seconds."""
    before = os.times()
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "eval.bench_embeddings", "--worker", *args],
        cwd=ROOT,
        env=_env(data_dir, backend),
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    after = os.times()
    if result.returncode != 0:
        raise RuntimeError(f"worker {args} failed:\n{result.stderr}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return json.loads(result.stdout.strip().splitlines()[-1]), wall, cpu


# --- worker side (runs in a fresh process) --------------------------------------------


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 1e6


def _corpus_texts() -> list[str]:
    from assistant.documents import discover, load_document
    from assistant.settings import Settings

    settings = Settings()
    texts: list[str] = []
    for name, path in sorted(discover(settings.corpus_dirs).items()):
        texts.extend(
            c.indexed_text for c in load_document(path, name, settings.chunk_size, settings.chunk_overlap).chunks
        )
    return texts


def _questions() -> list[str]:
    from eval.retrieval import load_cases

    return [case.question for case in load_cases()]


def worker(kind: str, threads: int, batch: int) -> dict:
    if kind == "cold":
        from assistant.embeddings import Embedder
        from assistant.settings import Settings

        embedder = Embedder.from_settings(Settings())
        embedder.embed_query(FIRST_QUERY)
        return {"class": type(embedder).__name__, "rss_mb": _rss_mb(), "torch": "torch" in sys.modules}

    from assistant.embeddings import Embedder
    from assistant.settings import Settings

    embedder = Embedder.from_settings(Settings(), threads=threads)
    if kind == "query":
        questions = _questions()
        for question in questions[:10]:  # warm-up
            embedder._embed_query_uncached(question)
        times = []
        for question in questions:
            started = time.perf_counter()
            embedder._embed_query_uncached(question)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        return {
            "n": len(times),
            "p50_ms": statistics.median(times),
            "p95_ms": times[int(0.95 * (len(times) - 1))],
            "rss_mb": _rss_mb(),
        }
    if kind == "docs":
        texts = _corpus_texts()
        embedder.embed_documents(texts[:8], batch_size=batch)  # warm-up
        best = 0.0
        for _ in range(2):
            started = time.perf_counter()
            embedder.embed_documents(texts, batch_size=batch)
            best = max(best, len(texts) / (time.perf_counter() - started))
        return {"n": len(texts), "chunks_per_s": best, "rss_mb": _rss_mb()}
    raise ValueError(kind)


# --- orchestration ---------------------------------------------------------------------


def _prepare(work: Path) -> None:
    """Makes the ONNX export once (untimed), so that cold starts measure loading only."""
    _worker(["cold"], work / "onnx", "onnx")


def bench_cold(work: Path, repeat: int) -> None:
    print(f"\n## Cold start: new process, import + load + first query (median of {repeat})")
    print(f"{'backend':<8} {'wall s':>7} {'CPU s':>7} {'RSS MB':>7}  torch imported")
    for backend in BACKENDS:
        runs = [_worker(["cold"], work / backend, backend) for _ in range(repeat)]
        print(
            f"{backend:<8} {statistics.median(r[1] for r in runs):>7.2f} {statistics.median(r[2] for r in runs):>7.2f} "
            f"{statistics.median(r[0]['rss_mb'] for r in runs):>7.0f}  {runs[0][0]['torch']}"
        )


def bench_cli(work: Path, repeat: int) -> None:
    clauses = Path(sys.executable).with_name("clauses")
    print(f"\n## Cold start of `clauses ask` (index built beforehand; median of {repeat})")
    print(f"{'backend':<8} {'wall s':>7} {'CPU s':>7}")
    for backend in BACKENDS:
        env = _env(work / backend, backend)
        subprocess.run([str(clauses), "ingest", "--json"], cwd=ROOT, env=env, check=True, capture_output=True)
        walls, cpus = [], []
        for _ in range(repeat):
            before = os.times()
            started = time.perf_counter()
            subprocess.run(
                [str(clauses), "ask", FIRST_QUERY, "--json"], cwd=ROOT, env=env, check=True, capture_output=True
            )
            walls.append(time.perf_counter() - started)
            after = os.times()
            cpus.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
        print(f"{backend:<8} {statistics.median(walls):>7.2f} {statistics.median(cpus):>7.2f}")


def bench_queries(work: Path) -> None:
    print("\n## Query embedding, uncached, 1 thread (eval questions)")
    print(f"{'backend':<8} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'RSS MB':>7}")
    for backend in BACKENDS:
        out, _, _ = _worker(["query", "--threads", "1"], work / backend, backend)
        print(f"{backend:<8} {out['n']:>5} {out['p50_ms']:>8.2f} {out['p95_ms']:>8.2f} {out['rss_mb']:>7.0f}")


def bench_documents(work: Path, batches: dict[str, list[int]]) -> None:
    print("\n## Document throughput (real corpus chunks, best of 2 passes)")
    print(f"{'backend':<8} {'threads':>7} {'batch':>5} {'chunks/s':>9} {'RSS MB':>7}")
    for backend in BACKENDS:
        for threads in (1, 2):
            for batch in batches[backend]:
                out, _, _ = _worker(["docs", "--threads", str(threads), "--batch", str(batch)], work / backend, backend)
                print(
                    f"{backend:<8} {threads:>7} {batch:>5} {out['chunks_per_s']:>9.1f} {out['rss_mb']:>7.0f}"
                    f"   ({out['n']} chunks)"
                )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", choices=("cold", "query", "docs"), help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=int, default=32, help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3, help="cold starts per backend")
    parser.add_argument("--no-cli", action="store_true", help="skip the `clauses ask` cold starts")
    parser.add_argument("--work-dir", type=Path, help="folder for the exports and indexes (default: a temporary one)")
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(worker(args.worker, args.threads, args.batch)))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-embeddings-") as tmp:
        work = args.work_dir or Path(tmp)
        print(
            f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; work dir {work}"
        )
        _prepare(work)
        bench_cold(work, args.repeat)
        if not args.no_cli:
            bench_cli(work, args.repeat)
        bench_queries(work)
        bench_documents(work, {"onnx": [1, 32], "torch": [32]})
        print(f"\nload average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
