"""Performance benchmarks: figures printed and written as JSON, never asserted.

    python -m eval.bench                       # everything (about 10 minutes on 2 cores)
    python -m eval.bench --quick               # smoke variant with small counts (CI)
    python -m eval.bench --skip-http           # no uvicorn
    python -m eval.bench --sizes 10000,100000  # synthetic index sizes for the retrieval scaling

Sections (each in a work folder of its own, the repository's ``data/`` is never written):

1. ingestion of the real corpus with the default embedder: chunks/s (and pages/s on a PDF
   rendering of the same corpus when reportlab is installed), index size on disk, RSS;
2. cold start to first answer: a fresh ``python -c`` that imports the product, loads the
   model, opens the index and answers one question through the engine, wall time split
   into interpreter / import / model load / index open / first answer; the default
   backend, and torch as well unless ``--quick`` or ``--no-torch``;
3. per-question latency of the embedded default through the engine, in process: the 22
   example questions of ``eval/examples.yaml`` × rounds, a fresh session each, the
   query-embedding cache cleared before each question (so each one pays its embedding);
4. over HTTP: ``clauses serve --workers 1`` on a free 127.0.0.1 port, ``/api/chat`` with 1,
   8 and 32 concurrent clients (asyncio + httpx), a fixed number of requests per level;
5. retrieval latency (dense, lexical, hybrid) at the corpus size and at synthetic sizes,
   against a numpy brute-force floor measured in the same run, as ratios.

Targets (issue 7, 2 cores): engine p95 ≤ 150 ms in process, ≤ 250 ms over HTTP at 8 clients
with 0 errors; cold start ≤ 6 s; hybrid within 3× of the floor at 10 000 chunks. The floor
of the target is the brute-force *text → top-k* search: embedding the query (uncached)
plus an exact cosine top-k over the same float32 vectors in numpy, which is the least any
search that embeds the query can cost; the floor without the embedding is reported too.

Synthetic indexes: French-like chunks recombine real corpus sentences with random
numbers; only the first ``--embed`` distinct chunks are embedded with the real model, the
others get unit vectors drawn near those (cosine ≈ 0.9). They are written the way
``assistant.index.ingest`` writes a build (:func:`write_synthetic_build`, bench only), so
``Index.open`` and ``Retriever`` run unchanged on them.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from eval import bench_followup

if TYPE_CHECKING:
    from assistant.embeddings import Embedder
    from assistant.settings import Settings


def run_coroutine(coro: Any) -> Any:
    """``asyncio.run`` that also works when this thread already runs an event loop
    (inside a test session where Playwright's sync API keeps one running)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(coro)
        except BaseException as error:  # re-raised in the caller's thread
            result["error"] = error

    thread = threading.Thread(target=target, name="run-coroutine")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


ROOT = Path(__file__).resolve().parent.parent
REPORTS = Path(__file__).resolve().parent / "reports"
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
}
BENCH_RATE_LIMIT = "100000/minute"
COLD_QUESTION = "Qui peut bénéficier de la clause d'insertion ?"
TARGETS = {
    "engine_p95_ms": 150.0,
    "http_p95_ms_at_8": 250.0,
    "cold_start_s": 6.0,
    "hybrid_over_floor_at_10000": 3.0,
}

for _key, _value in OFFLINE_ENV.items():
    os.environ.setdefault(_key, _value)


# --- small helpers ------------------------------------------------------------------------------


def percentiles(values: Iterable[float], points: tuple[int, ...] = (50, 95)) -> dict[str, float | None]:
    data = np.asarray(list(values), dtype=np.float64)
    if data.size == 0:
        return {f"p{p}": None for p in points}
    return {f"p{p}": round(float(np.percentile(data, p)), 3) for p in points}


def peak_rss_mb() -> float:
    """Peak resident set of this process so far (Linux ru_maxrss is in KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def rss_mb(pid: int | None = None) -> float:
    import psutil

    return round(psutil.Process(pid or os.getpid()).memory_info().rss / 2**20, 1)


def dir_size_mb(path: Path) -> float:
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return round(total / 2**20, 2)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def machine() -> dict[str, Any]:
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted_files": [line[3:] for line in git("status", "--porcelain").splitlines()],
        "cores": os.cpu_count(),
        "cpu": model,
        "load_average_at_start": load,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


class CpuWatch(threading.Thread):
    """Samples, once a second, how busy the machine is and how much of that is *not* this
    process tree (the bench, its subprocesses, the servers): other people's work that skews
    the figures. Percentages of all cores."""

    def __init__(self, period: float = 1.0) -> None:
        super().__init__(name="cpu-watch", daemon=True)
        self.period = period
        self.samples: list[tuple[float, float, float]] = []  # (t, machine busy %, others %)
        self._halt = threading.Event()
        self._t0 = time.perf_counter()

    def run(self) -> None:
        import psutil

        me = psutil.Process()
        known: dict[int, Any] = {}
        cores = psutil.cpu_count() or 1
        psutil.cpu_percent(None)
        while not self._halt.wait(self.period):
            busy = psutil.cpu_percent(None)
            ours = 0.0
            try:
                tree = [me, *me.children(recursive=True)]
            except psutil.Error:
                tree = [me]
            for process in tree:
                try:
                    if process.pid not in known:  # first sight: primes its counter (this interval is lost)
                        known[process.pid] = process
                        process.cpu_percent(None)
                    else:
                        ours += known[process.pid].cpu_percent(None)
                except psutil.Error:
                    known.pop(process.pid, None)
            self.samples.append((time.perf_counter() - self._t0, busy, max(0.0, busy - ours / cores)))

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=5)

    def between(self, start: float, end: float) -> dict[str, float | None]:
        window = [s for s in self.samples if start <= s[0] <= end]
        if not window:
            return {"machine_busy_pct": None, "others_pct_mean": None, "others_pct_max": None}
        return {
            "machine_busy_pct": round(statistics.fmean(s[1] for s in window), 1),
            "others_pct_mean": round(statistics.fmean(s[2] for s in window), 1),
            "others_pct_max": round(max(s[2] for s in window), 1),
        }

    def now(self) -> float:
        return time.perf_counter() - self._t0


def clear_query_cache(embedder: Embedder) -> bool:
    """Empty the embedder's query-vector LRU cache (bench only: reaches a private attribute)."""
    cache = getattr(embedder, "_cached_query", None)
    if cache is not None and hasattr(cache, "cache_clear"):
        cache.cache_clear()
        return True
    return False


def embeddings_made(embedder: Embedder) -> int | None:
    """How many texts the embedder has embedded for queries so far (LRU misses since its last clear, and the
    constant texts kept), or None for an embedder without those caches (bench only: private attributes)."""
    cache = getattr(embedder, "_cached_query", None)
    if cache is None or not hasattr(cache, "cache_info"):
        return None
    return int(cache.cache_info().misses) + len(getattr(embedder, "_constants", {}))


def embed_query_uncached(embedder: Embedder, text: str) -> np.ndarray:
    clear_query_cache(embedder)
    return embedder.embed_query(text)


def backend_of(embedder: Embedder) -> dict[str, str]:
    return {
        "backend": str(getattr(embedder, "backend", type(embedder).__name__)),
        "class": type(embedder).__name__,
        "identity": str(getattr(embedder, "identity", "")),
        "threads": str(getattr(embedder, "threads", "")),
    }


def child_env(data_dir: Path, corpus_dirs: list[Path], **extra: str) -> dict[str, str]:
    """The environment of a product subprocess: offline, bench data dir and corpus, high rate limit."""
    env = dict(os.environ)
    env.update(OFFLINE_ENV)
    env.update(
        {
            "CLAUSES_DATA_DIR": str(data_dir),
            "CLAUSES_CORPUS_DIRS": ",".join(str(p) for p in corpus_dirs),
            "CLAUSES_RATE_LIMIT": BENCH_RATE_LIMIT,
        }
    )
    env.update(extra)
    return env


def make_settings(data_dir: Path, corpus_dirs: list[Path], **overrides: Any) -> Settings:
    """Settings for a bench folder. Other ``CLAUSES_*`` variables (the embedding backend…) still apply;
    a ``.env`` file is not read (the subprocesses run in the bench folder, where there is none either)."""
    from assistant.settings import Settings

    return Settings(
        _env_file=None, data_dir=data_dir, corpus_dirs=corpus_dirs, rate_limit=BENCH_RATE_LIMIT, **overrides
    )


def seed_model_cache(data_dir: Path) -> None:
    """Copy the model exports of the default data dir (``<data_dir>/models``, the ONNX int8
    export) into a bench data dir, so a fresh folder does not export the model again."""
    from assistant.settings import PROJECT_ROOT, Settings

    try:
        source = Settings().models_dir
    except Exception:  # an odd environment: fall back to the repository's folder
        source = PROJECT_ROOT / "data" / "models"
    target = data_dir / "models"
    if source.is_dir() and not target.exists():
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(".*.lock", ".*.tmp", ".*.old"))


def prepare_index(settings: Settings, embedder: Embedder | None = None) -> dict[str, Any]:
    """Index ``settings.corpus_dirs`` into ``settings.data_dir`` with the default embedder (or the one given)."""
    from assistant.embeddings import Embedder
    from assistant.index import ingest

    seed_model_cache(settings.data_dir)
    started = time.perf_counter()
    embedder = embedder or Embedder.from_settings(settings)
    load_s = time.perf_counter() - started
    timer = {"embed_s": 0.0}

    def embed(texts: list[str]) -> np.ndarray:
        t0 = time.perf_counter()
        try:
            return embedder.embed_documents(texts)
        finally:
            timer["embed_s"] += time.perf_counter() - t0

    report = ingest(settings, embed, model_identity=getattr(embedder, "identity", None))
    return {"report": report.to_dict(), "embed_s": timer["embed_s"], "model_load_s": load_s, "embedder": embedder}


# --- a real server --------------------------------------------------------------------------------


class Server:
    """``clauses serve`` in its own process group on a free loopback port, stopped on exit."""

    def __init__(
        self, data_dir: Path, corpus_dirs: list[Path], workers: int, log_path: Path, log_level: str = "info", **env: str
    ) -> None:
        self.data_dir = data_dir
        self.corpus_dirs = corpus_dirs
        self.workers = workers
        self.log_path = log_path
        self.log_level = log_level
        self.env = env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.startup_s: float | None = None
        self._log = None

    def start(self, timeout: float = 180.0) -> float:
        """Start and wait until ``/api/health`` answers 200; returns the seconds it took."""
        import httpx

        clauses = Path(sys.executable).with_name("clauses")
        command = [
            str(clauses),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--workers",
            str(self.workers),
            "--log-level",
            self.log_level,
        ]
        self._log = open(self.log_path, "wb")
        started = time.perf_counter()
        self.process = subprocess.Popen(
            command,
            cwd=self.data_dir,
            env=child_env(self.data_dir, self.corpus_dirs, **self.env),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"clauses serve exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                response = httpx.get(f"{self.url}/api/health", timeout=5)
                if response.status_code == 200:
                    self.startup_s = time.perf_counter() - started
                    return self.startup_s
            except httpx.TransportError:
                pass
            time.sleep(0.25)
        raise RuntimeError(f"clauses serve did not become healthy in {timeout:.0f} s:\n{self.log_tail()}")

    def pids(self) -> dict[int, str]:
        """The server's processes with a role: supervisor, worker, other (multiprocessing helpers)."""
        import psutil

        if self.process is None or self.process.poll() is not None:
            return {}
        try:
            root = psutil.Process(self.process.pid)
            children = root.children(recursive=True)
        except psutil.Error:
            return {}
        roles = {root.pid: "server" if not children else "supervisor"}
        for child in children:
            try:
                cmdline = " ".join(child.cmdline())
            except psutil.Error:
                continue
            roles[child.pid] = "tracker" if "resource_tracker" in cmdline else "worker"
        return roles

    def rss(self) -> dict[int, float]:
        import psutil

        out = {}
        for pid in self.pids():
            try:
                out[pid] = psutil.Process(pid).memory_info().rss / 2**20
            except psutil.Error:
                pass
        return out

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGINT)  # the server's own group: uvicorn and its workers
                self.process.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> Server:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- 1. ingestion -----------------------------------------------------------------------------


def _corpus_pdfs(corpus_dirs: list[Path], target: Path) -> int:
    """Render the Markdown corpus as PDFs (one per file, 46 lines a page) with reportlab; pages written."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from assistant.documents import discover

    target.mkdir(parents=True, exist_ok=True)
    pages = 0
    for name, path in sorted(discover(corpus_dirs).items()):
        if path.suffix.lower() not in {".md", ".markdown", ".txt"}:
            continue
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.DOTALL)  # front matter
        lines = [wrapped for line in text.splitlines() for wrapped in (textwrap.wrap(line, 95) or [""])]
        pdf = canvas.Canvas(str(target / (Path(name).stem + ".pdf")), pagesize=A4)
        pdf.setTitle(Path(name).stem)
        _, height = A4
        for start in range(0, len(lines), 46):
            y = height - 60
            for line in lines[start : start + 46]:
                pdf.drawString(50, y, line.encode("cp1252", "replace").decode("cp1252"))
                y -= 16
            pdf.showPage()
            pages += 1
        pdf.save()
    return pages


def bench_ingestion(work: Path, corpus_dirs: list[Path], *, pdf: bool = True) -> tuple[dict[str, Any], Embedder]:
    data_dir = work / "corpus-index"
    settings = make_settings(data_dir, corpus_dirs)
    rss_before = rss_mb()
    result = prepare_index(settings)
    embedder = result.pop("embedder")
    report = result["report"]
    seconds = report["seconds"]
    out: dict[str, Any] = {
        "embedder": backend_of(embedder),
        "files": report["files"],
        "chunks": report["chunks"],
        "pages": report["pages"],
        "model_load_s": round(result["model_load_s"], 3),
        "ingest_s": round(seconds, 3),
        "embed_s": round(result["embed_s"], 3),
        "chunks_per_s": round(report["chunks"] / seconds, 1) if seconds else None,
        "embed_chunks_per_s": round(report["chunks"] / result["embed_s"], 1) if result["embed_s"] else None,
        "index_mb": dir_size_mb(settings.index_dir),
        "rss_before_mb": rss_before,
        "rss_after_mb": rss_mb(),
        "peak_rss_mb": peak_rss_mb(),
        "data_dir": str(data_dir),
    }
    if pdf:
        try:
            pdf_dir = work / "corpus-pdf"
            pages = _corpus_pdfs(corpus_dirs, pdf_dir)
            pdf_settings = make_settings(work / "pdf-index", [pdf_dir])
            seed_model_cache(pdf_settings.data_dir)
            from assistant.index import ingest

            pdf_report = ingest(
                pdf_settings, embedder.embed_documents, model_identity=getattr(embedder, "identity", None)
            ).to_dict()
            out["pdf"] = {
                "files": pdf_report["files"],
                "pages": pdf_report["pages"],
                "pages_rendered": pages,
                "chunks": pdf_report["chunks"],
                "ingest_s": pdf_report["seconds"],
                "pages_per_s": round(pdf_report["pages"] / pdf_report["seconds"], 1),
                "chunks_per_s": round(pdf_report["chunks"] / pdf_report["seconds"], 1),
                "index_mb": dir_size_mb(pdf_settings.index_dir),
            }
            shutil.rmtree(work / "pdf-index", ignore_errors=True)
        except ImportError as exc:
            out["pdf"] = {"skipped": f"reportlab missing ({exc})"}
    return out, embedder


# --- 2. cold start ----------------------------------------------------------------------------

COLD_SCRIPT = r"""
import json, sys, time
t0 = time.perf_counter()
from assistant.settings import Settings
from assistant.context import Context
t1 = time.perf_counter()
context = Context(Settings())
embedder = context.embedder
t2 = time.perf_counter()
index = context.index
t3 = time.perf_counter()
response = context.engine.ask(sys.argv[1])
t4 = time.perf_counter()
import resource
print(json.dumps({
    "import_s": t1 - t0, "model_load_s": t2 - t1, "index_open_s": t3 - t2, "first_answer_s": t4 - t3,
    "in_process_s": t4 - t0, "backend": getattr(embedder, "backend", type(embedder).__name__),
    "identity": getattr(embedder, "identity", ""), "intent": response.intent, "sources": len(response.sources),
    "chunks": len(index.chunks), "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def cold_start(data_dir: Path, corpus_dirs: list[Path], repeats: int, **env: str) -> dict[str, Any]:
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", COLD_SCRIPT, COLD_QUESTION],
            cwd=data_dir,
            env=child_env(data_dir, corpus_dirs, **env),
            capture_output=True,
            text=True,
            timeout=300,
        )
        wall = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"cold start failed:\n{done.stderr[-3000:]}")
        run = json.loads(done.stdout.strip().splitlines()[-1])
        run["wall_s"] = wall
        run["interpreter_s"] = wall - run["in_process_s"]
        runs.append(run)
    keys = ("wall_s", "interpreter_s", "import_s", "model_load_s", "index_open_s", "first_answer_s", "peak_rss_mb")
    median = {key: round(statistics.median(r[key] for r in runs), 3) for key in keys}
    return {
        "backend": runs[0]["backend"],
        "identity": runs[0]["identity"],
        "intent": runs[0]["intent"],
        "repeats": repeats,
        "median": median,
        "first_run_wall_s": round(runs[0]["wall_s"], 3),
        "max_wall_s": round(max(r["wall_s"] for r in runs), 3),
    }


def bench_cold(work: Path, corpus_dirs: list[Path], default_dir: Path, repeats: int, torch: bool) -> dict[str, Any]:
    out = {"default": cold_start(default_dir, corpus_dirs, repeats)}
    if torch and out["default"]["backend"] != "torch":
        torch_dir = work / "torch-index"
        torch_dir.mkdir(parents=True, exist_ok=True)
        clauses = Path(sys.executable).with_name("clauses")
        started = time.perf_counter()
        built = subprocess.run(
            [str(clauses), "ingest", "--json"],
            cwd=torch_dir,
            capture_output=True,
            text=True,
            env=child_env(torch_dir, corpus_dirs, CLAUSES_EMBEDDING_BACKEND="torch"),
            timeout=900,
        )
        if built.returncode != 0:
            out["torch"] = {"skipped": f"torch ingest failed: {built.stderr[-500:]}"}
            return out
        report = json.loads(built.stdout)
        out["torch_ingest"] = {
            "wall_s": round(time.perf_counter() - started, 2),
            "ingest_s": report["seconds"],
            "chunks": report["chunks"],
            "chunks_per_s": round(report["chunks"] / report["seconds"], 1),
        }
        out["torch"] = cold_start(torch_dir, corpus_dirs, repeats, CLAUSES_EMBEDDING_BACKEND="torch")
        shutil.rmtree(torch_dir, ignore_errors=True)
    return out


# --- 3. the engine in process -------------------------------------------------------------------


def bench_engine(data_dir: Path, corpus_dirs: list[Path], embedder: Embedder, rounds: int) -> dict[str, Any]:
    from assistant import Assistant
    from assistant.context import Context
    from eval.examples import EXAMPLES

    engine = Assistant(context=Context(make_settings(data_dir, corpus_dirs), embedder=embedder))
    engine.ask(EXAMPLES[0].question)  # lazy parts (grid, library, index) loaded before timing
    # as a server's start-up does: the cards parsed and embedded, the tools' fixed searches embedded
    engine.context.warm_up()
    samples: list[float] = []
    cpu: list[float] = []  # the process's CPU time a question: what the engine costs, whatever else runs
    by_intent: dict[str, list[float]] = {}
    mismatched = Counter()
    embedded: list[int] = []  # texts embedded a question (the first round also embeds the constant texts, once)
    cache_cleared = False
    for _ in range(rounds):
        for example in EXAMPLES:
            cache_cleared = clear_query_cache(embedder)
            before = embeddings_made(embedder)
            started, started_cpu = time.perf_counter(), time.process_time()
            response = engine.ask(example.question)  # a fresh session each time
            ms = (time.perf_counter() - started) * 1000
            cpu.append((time.process_time() - started_cpu) * 1000)
            after = embeddings_made(embedder)
            if before is not None and after is not None:
                embedded.append(after - before)
            samples.append(ms)
            by_intent.setdefault(example.intent, []).append(ms)
            if response.intent != example.intent:
                mismatched[example.id] += 1
    return {
        "embedder": backend_of(embedder),
        "questions": len(EXAMPLES),
        "rounds": rounds,
        "n": len(samples),
        "query_cache_cleared_each_question": cache_cleared,
        "embeddings_per_question": (
            {"mean": round(statistics.fmean(embedded), 3), "max": max(embedded)} if embedded else None
        ),
        **percentiles(samples, (50, 95, 99)),
        "mean_ms": round(statistics.fmean(samples), 3),
        "max_ms": round(max(samples), 3),
        "cpu_ms": percentiles(cpu, (50, 95, 99)),
        "by_intent": {intent: {"n": len(v), **percentiles(v)} for intent, v in sorted(by_intent.items())},
        "slowest": sorted(
            ((round(ms, 1), ex.id) for ms, ex in zip(samples, EXAMPLES * rounds, strict=True)), reverse=True
        )[:5],
        "intent_differs_from_example": dict(mismatched),
        "rss_mb": rss_mb(),
    }


# --- 4. over HTTP -------------------------------------------------------------------------------


@dataclass
class Sample:
    ms: float
    status: int | None
    error: str | None = None


async def _chat_level(
    url: str, concurrency: int, requests: int, questions: list[str], offset: int, timeout: float
) -> tuple[list[Sample], float]:
    import httpx

    counter = iter(range(requests))
    samples: list[Sample] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def worker() -> None:
            for n in counter:
                question = questions[(offset + n) % len(questions)]
                started = time.perf_counter()
                try:
                    response = await client.post("/api/chat", json={"message": question})
                    ms = (time.perf_counter() - started) * 1000
                    error = None
                    if response.status_code != 200:
                        error = f"http_{response.status_code}"
                    elif not response.json().get("session_id"):
                        error = "no_session_id"
                    samples.append(Sample(ms, response.status_code, error))
                except httpx.TimeoutException:
                    samples.append(Sample((time.perf_counter() - started) * 1000, None, "timeout"))
                except httpx.HTTPError as exc:
                    samples.append(Sample((time.perf_counter() - started) * 1000, None, type(exc).__name__))

        started = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(concurrency))), timeout=timeout)
        return samples, time.perf_counter() - started


def bench_http(
    work: Path,
    data_dir: Path,
    corpus_dirs: list[Path],
    levels: tuple[int, ...],
    requests: int,
    workers: int = 1,
    level_timeout: float = 300.0,
) -> dict[str, Any]:
    from eval.examples import EXAMPLES

    questions = [example.question for example in EXAMPLES]
    server = Server(data_dir, corpus_dirs, workers, work / "http-server.log")
    out: dict[str, Any] = {"workers": workers, "requests_per_level": requests, "levels": {}}
    with server:
        out["startup_to_healthy_s"] = round(server.startup_s or 0.0, 2)
        out["processes"] = {str(pid): role for pid, role in server.pids().items()}
        # Warm-up: the model loads in a thread at start; every question once so each is past its first call.
        warm, _ = run_coroutine(_chat_level(server.url, 2, len(questions), questions, 0, level_timeout))
        out["warmup_errors"] = sum(1 for s in warm if s.error)
        for level in levels:
            samples, wall = run_coroutine(_chat_level(server.url, level, requests, questions, level, level_timeout))
            ok = [s.ms for s in samples if s.error is None]
            errors = Counter(s.error for s in samples if s.error)
            out["levels"][str(level)] = {
                "clients": level,
                "n": len(samples),
                "ok": len(ok),
                "errors": sum(errors.values()),
                "errors_by_kind": dict(errors),
                **percentiles(ok, (50, 95, 99)),
                "requests_per_s": round(len(samples) / wall, 1),
                "wall_s": round(wall, 2),
                "server_rss_mb": {str(pid): round(mb, 1) for pid, mb in server.rss().items()},
            }
        if any(level["errors"] for level in out["levels"].values()):
            out["server_log_tail"] = server.log_tail()
    return out


# --- 5. retrieval at scale --------------------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[.;:!?])\s+")
_NUMBER = re.compile(r"\d+")


def synthetic_chunks(base: list[Any], count: int, seed: int = 7, chunk_size: int = 750) -> list[Any]:
    """French-like chunks: 3–6 real corpus sentences recombined, every number replaced by a random one."""
    from assistant.documents import Chunk

    rng = random.Random(seed)
    sentences = [s.strip() for c in base for s in _SENTENCE.split(c.text.replace("\n", " ")) if len(s.split()) >= 4]
    headings = [(c.title, c.section) for c in base]
    chunks = []
    for i in range(count):
        text = " ".join(rng.choice(sentences) for _ in range(rng.randint(3, 6)))
        text = _NUMBER.sub(lambda m: str(rng.randint(1, 10 ** min(len(m.group()), 6))), text)[:chunk_size]
        title, section = rng.choice(headings)
        document = i // 40
        chunks.append(
            Chunk(
                id=f"syn{i:09d}",
                text=text,
                title=f"{title} ({document})",
                source=f"synth-{document:05d}.md",
                position=i % 40,
                section=section,
                doc_type="guide",
            )
        )
    return chunks


def near_vectors(real: np.ndarray, count: int, seed: int = 11, spread: float = 0.5) -> np.ndarray:
    """Unit vectors near randomly chosen real ones: v = normalise(real + spread·noise), cosine ≈ 0.9."""
    rng = np.random.default_rng(seed)
    dim = real.shape[1]
    base = real[rng.integers(0, len(real), count)]
    noisy = base + spread * rng.standard_normal((count, dim), dtype=np.float32) / np.sqrt(dim)
    return (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)


def write_synthetic_build(
    settings: Settings, chunks: list[Any], vectors: np.ndarray, model_identity: str
) -> dict[str, float]:
    """Bench only: write a complete build (Chroma collection, BM25, records, manifest, pointer) the
    way ``assistant.index.ingest`` lays it out, from given chunks and vectors, without embedding."""
    from assistant.index import MANIFEST, POINTER, RECORDS, VectorStore
    from assistant.lexical import LexicalIndex

    timings: dict[str, float] = {}
    index_dir = settings.index_dir
    build_id = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-bench{len(chunks)}"
    build_dir = index_dir / "builds" / build_id
    build_dir.mkdir(parents=True)
    started = time.perf_counter()
    collection = VectorStore(index_dir, None).create(build_id)
    for start in range(0, len(chunks), 2000):
        part = chunks[start : start + 2000]
        collection.add(
            ids=[c.id for c in part],
            embeddings=vectors[start : start + len(part)],
            documents=[c.text for c in part],
            metadatas=[
                {
                    key: value
                    for key, value in (
                        ("title", c.title),
                        ("source", c.source),
                        ("position", c.position),
                        ("section", c.section),
                        ("doc_type", c.doc_type),
                    )
                    if value is not None
                }
                for c in part
            ],
        )
    timings["chroma_add_s"] = time.perf_counter() - started
    started = time.perf_counter()
    LexicalIndex.build([c.lexical_text for c in chunks]).save(build_dir / "bm25")
    timings["bm25_build_s"] = time.perf_counter() - started
    with open(build_dir / RECORDS, "w", encoding="utf-8") as handle:
        for chunk in chunks:
            handle.write(json.dumps(chunk.to_record(), ensure_ascii=False) + "\n")
    files: dict[str, Any] = {}
    for chunk in chunks:
        entry = files.setdefault(
            chunk.source, {"sha256": "", "title": chunk.title, "type": "guide", "urls": [], "pages": 0, "chunk_ids": []}
        )
        entry["chunk_ids"].append(chunk.id)
    (build_dir / MANIFEST).write_text(
        json.dumps(
            {
                "build": build_id,
                "created": datetime.now(UTC).isoformat(),
                "model": model_identity,
                "chunk_size": settings.chunk_size,
                "chunk_overlap": settings.chunk_overlap,
                "files": files,
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    (index_dir / POINTER).write_text(json.dumps({"build": build_id}), encoding="utf-8")
    return timings


def brute_force(matrix: np.ndarray, query: np.ndarray, k: int) -> np.ndarray:
    scores = matrix @ query
    top = np.argpartition(scores, -k)[-k:] if k < len(scores) else np.arange(len(scores))
    return top[np.argsort(-scores[top])]


def measure_retrieval(retriever: Any, matrix: np.ndarray, queries: list[str], rounds: int) -> dict[str, Any]:
    """Interleaved per query: floor without and with the embedding, dense, lexical, hybrid, and the parts."""
    embedder = retriever.embedder
    index = retriever.index
    k = retriever.k
    candidates = max(retriever.candidates, k)
    timings: dict[str, list[float]] = {
        name: []
        for name in (
            "floor_matmul",
            "floor_with_embedding",
            "dense",
            "lexical",
            "hybrid",
            "part_embed_query",
            "part_chroma_query",
            "part_bm25_search",
        )
    }
    query_vectors = {q: np.array(embed_query_uncached(embedder, q)) for q in queries}
    for q in queries[:3]:  # warm every path once
        for method in ("dense", "lexical", "hybrid"):
            retriever.search(q, method=method)

    def timed(name: str, call: Callable[[], object]) -> None:
        started = time.perf_counter()
        call()
        timings[name].append((time.perf_counter() - started) * 1000)

    for _ in range(rounds):
        for q in queries:
            vector = query_vectors[q]
            timed("floor_matmul", lambda v=vector: brute_force(matrix, v, candidates))
            clear_query_cache(embedder)
            timed("floor_with_embedding", lambda q=q: brute_force(matrix, embedder.embed_query(q), candidates))
            for method in ("dense", "lexical", "hybrid"):
                clear_query_cache(embedder)
                timed(method, lambda q=q, m=method: retriever.search(q, k=k, method=m))
            clear_query_cache(embedder)
            timed("part_embed_query", lambda q=q: embedder.embed_query(q))
            timed("part_chroma_query", lambda v=vector: index.dense_search(v, candidates))
            expanded = retriever.expander.expand(q)
            timed("part_bm25_search", lambda e=expanded: index.lexical.search(e, candidates))
    out = {name: percentiles(values) for name, values in timings.items()}
    floor = out["floor_with_embedding"]["p50"] or 1e-9
    matmul = out["floor_matmul"]["p50"] or 1e-9
    out["ratios_p50"] = {
        method: {
            "over_floor_with_embedding": round(out[method]["p50"] / floor, 2),
            "over_floor_matmul": round(out[method]["p50"] / matmul, 1),
        }
        for method in ("dense", "lexical", "hybrid")
    }
    out["ratios_p95"] = {
        method: round(out[method]["p95"] / (out["floor_with_embedding"]["p95"] or 1e-9), 2)
        for method in ("dense", "lexical", "hybrid")
    }
    out["n_per_method"] = len(timings["hybrid"])
    return out


def bench_retrieval(
    work: Path,
    corpus_dir: Path,
    corpus_dirs: list[Path],
    embedder: Embedder,
    sizes: list[int],
    n_embed: int,
    n_queries: int,
    rounds: int,
) -> dict[str, Any]:
    from assistant.index import Index
    from assistant.retrieval import QueryExpander, Retriever
    from eval.retrieval import load_cases

    queries = [case.question for case in load_cases()][:n_queries]
    settings = make_settings(corpus_dir, corpus_dirs)
    expander = QueryExpander.load(settings.domain_data_dir / "abbreviations.yaml")
    index = Index.open(settings)
    out: dict[str, Any] = {
        "queries": len(queries),
        "rounds": rounds,
        "floor": (
            "numpy brute force: exact cosine top-k (k = retrieval candidates) over the same float32 vectors; "
            "'with embedding' adds the uncached query embedding (the target's floor)"
        ),
        "sizes": {},
    }
    retriever = Retriever.from_settings(index, embedder, settings, expander)
    result = measure_retrieval(retriever, index.vectors(), queries, rounds)
    result["chunks"] = len(index.chunks)
    out["sizes"]["corpus"] = result
    base_chunks = list(index.chunks)
    model_identity = index.model

    if not sizes:
        return out
    biggest = max(sizes)
    chunks = synthetic_chunks(base_chunks, biggest)
    distinct = min(n_embed, biggest)
    started = time.perf_counter()
    real = embedder.embed_documents([c.indexed_text for c in chunks[:distinct]])
    out["synthetic"] = {
        "embedded_distinct": distinct,
        "embed_s": round(time.perf_counter() - started, 2),
        "others": "unit vectors near the embedded ones (cosine ≈ 0.9)",
    }
    vectors = np.vstack([real, near_vectors(real, biggest - distinct)]) if biggest > distinct else real
    for size in sorted(sizes):
        gc.collect()
        data_dir = work / f"synthetic-{size}"
        size_settings = make_settings(data_dir, corpus_dirs)
        build = write_synthetic_build(size_settings, chunks[:size], vectors[:size], model_identity)
        started = time.perf_counter()
        size_index = Index.open(size_settings)
        open_s = time.perf_counter() - started
        retriever = Retriever.from_settings(size_index, embedder, size_settings, expander)
        matrix = np.ascontiguousarray(vectors[:size])
        result = measure_retrieval(retriever, matrix, queries, rounds)
        result.update(
            {
                "chunks": size,
                "index_open_s": round(open_s, 3),
                "index_mb": dir_size_mb(size_settings.index_dir),
                **{key: round(value, 2) for key, value in build.items()},
                "rss_mb": rss_mb(),
            }
        )
        out["sizes"][str(size)] = result
        del retriever, size_index, matrix
        _release_chroma()
        shutil.rmtree(data_dir, ignore_errors=True)
    return out


def _release_chroma() -> None:
    try:
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
    except Exception:  # only memory is at stake
        pass
    gc.collect()


# --- the report -----------------------------------------------------------------------------------


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}{unit}".replace(",", " ")
    return f"{value}{unit}"


def verdicts(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    engine = results.get("engine")
    if engine:
        out["engine_p95_ms"] = {
            "value": engine["p95"],
            "target": TARGETS["engine_p95_ms"],
            "met": engine["p95"] <= TARGETS["engine_p95_ms"],
        }
    http = results.get("http", {}).get("levels", {}).get("8")
    if http:
        out["http_p95_ms_at_8"] = {
            "value": http["p95"],
            "errors": http["errors"],
            "target": TARGETS["http_p95_ms_at_8"],
            "met": http["errors"] == 0 and (http["p95"] or 1e9) <= TARGETS["http_p95_ms_at_8"],
        }
    cold = results.get("cold_start", {}).get("default")
    if cold:
        out["cold_start_s"] = {
            "value": cold["median"]["wall_s"],
            "target": TARGETS["cold_start_s"],
            "met": cold["median"]["wall_s"] <= TARGETS["cold_start_s"],
        }
    at_10k = results.get("retrieval", {}).get("sizes", {}).get("10000")
    if at_10k:
        ratio = at_10k["ratios_p50"]["hybrid"]["over_floor_with_embedding"]
        out["hybrid_over_floor_at_10000"] = {
            "value": ratio,
            "target": TARGETS["hybrid_over_floor_at_10000"],
            "met": ratio <= TARGETS["hybrid_over_floor_at_10000"],
            "floor": "query embedding + numpy exact cosine top-k (p50)",
        }
    return out


def print_report(results: dict[str, Any]) -> None:
    info = results["machine"]
    print(
        f"\n== Bench {info['date']} · {info['cores']} cores · {info['cpu']} · load at start "
        f"{info['load_average_at_start']} · {'quick' if results['quick'] else 'full'}"
    )
    ingestion = results.get("ingestion")
    if ingestion:
        print(f"\n-- Ingestion (real corpus, embedder {ingestion['embedder']['backend']})")
        print(
            f"   {ingestion['files']} files, {ingestion['chunks']} chunks in {ingestion['ingest_s']:.2f} s "
            f"→ {_fmt(ingestion['chunks_per_s'])} chunks/s (embedding alone {_fmt(ingestion['embed_chunks_per_s'])}/s); "
            f"index {ingestion['index_mb']} MB; RSS {ingestion['rss_after_mb']} MB, peak {ingestion['peak_rss_mb']} MB"
        )
        pdf = ingestion.get("pdf", {})
        if "pages_per_s" in pdf:
            print(
                f"   PDF rendering of the corpus: {pdf['pages']} pages, {pdf['chunks']} chunks in {pdf['ingest_s']:.2f} s "
                f"→ {pdf['pages_per_s']} pages/s, {pdf['chunks_per_s']} chunks/s; index {pdf['index_mb']} MB"
            )
    cold = results.get("cold_start")
    if cold:
        print("\n-- Cold start to first answer (fresh process, median)")
        print(
            f"   {'backend':<10} {'total':>7} {'interp':>7} {'import':>7} {'model':>7} {'index':>7} {'answer':>7} {'RSS MB':>7}"
        )
        for name in ("default", "torch"):
            run = cold.get(name)
            if run and "median" in run:
                m = run["median"]
                print(
                    f"   {run['backend']:<10} {m['wall_s']:>6.2f}s {m['interpreter_s']:>6.2f}s {m['import_s']:>6.2f}s "
                    f"{m['model_load_s']:>6.2f}s {m['index_open_s']:>6.2f}s {m['first_answer_s']:>6.2f}s {m['peak_rss_mb']:>7.0f}"
                )
        if "torch_ingest" in cold:
            t = cold["torch_ingest"]
            print(
                f"   (torch index built by `clauses ingest`: {t['chunks']} chunks in {t['ingest_s']:.1f} s → {t['chunks_per_s']} chunks/s)"
            )
    engine = results.get("engine")
    if engine:
        print(
            f"\n-- Engine in process ({engine['embedder']['backend']}; {engine['questions']} questions × "
            f"{engine['rounds']} rounds, fresh sessions, query cache cleared)"
        )
        print(
            f"   p50 {engine['p50']:.1f} ms · p95 {engine['p95']:.1f} ms · p99 {engine['p99']:.1f} ms · max {engine['max_ms']:.1f} ms"
        )
        if "cpu_ms" in engine:
            cpu = engine["cpu_ms"]
            print(
                f"   CPU time a question: p50 {cpu['p50']:.1f} ms · p95 {cpu['p95']:.1f} ms · p99 {cpu['p99']:.1f} ms"
            )
        if engine.get("embeddings_per_question"):
            made = engine["embeddings_per_question"]
            print(f"   texts embedded a question: mean {made['mean']:.2f} · max {made['max']}")
        for intent, figures in engine["by_intent"].items():
            print(f"     {intent:<11} n={figures['n']:<4} p50 {figures['p50']:>7.1f} ms  p95 {figures['p95']:>7.1f} ms")
    http = results.get("http")
    if http:
        print(
            f"\n-- HTTP /api/chat (clauses serve --workers {http['workers']}, {http['requests_per_level']} requests a level)"
        )
        print(f"   {'clients':>7} {'p50':>8} {'p95':>8} {'p99':>8} {'req/s':>7} {'errors':>6}")
        for level in http["levels"].values():
            print(
                f"   {level['clients']:>7} {_fmt(level['p50'], ' ms'):>8} {_fmt(level['p95'], ' ms'):>8} "
                f"{_fmt(level['p99'], ' ms'):>8} {level['requests_per_s']:>7.1f} {level['errors']:>6}"
            )
    retrieval = results.get("retrieval")
    if retrieval:
        print(
            f"\n-- Retrieval latency (ms, p50/p95; {retrieval['queries']} queries × {retrieval['rounds']}; "
            "query embedding uncached)"
        )
        print(
            f"   {'chunks':>7} {'floor':>11} {'floor+emb':>11} {'dense':>11} {'lexical':>11} {'hybrid':>11} "
            f"{'hyb/floor+emb':>13} {'hyb/floor':>9}"
        )
        for result in retrieval["sizes"].values():

            def pair(name: str, result: dict[str, Any] = result) -> str:
                return f"{result[name]['p50']:.2f}/{result[name]['p95']:.2f}"

            ratios = result["ratios_p50"]["hybrid"]
            print(
                f"   {result['chunks']:>7} {pair('floor_matmul'):>11} {pair('floor_with_embedding'):>11} {pair('dense'):>11} "
                f"{pair('lexical'):>11} {pair('hybrid'):>11} {ratios['over_floor_with_embedding']:>12.2f}× "
                f"{ratios['over_floor_matmul']:>8.1f}×"
            )
        print(
            "   parts (p50 ms): "
            + "; ".join(
                f"{r['chunks']}: embed {r['part_embed_query']['p50']:.2f}, chroma {r['part_chroma_query']['p50']:.2f}, "
                f"bm25 {r['part_bm25_search']['p50']:.2f}"
                for r in retrieval["sizes"].values()
            )
        )
        for name, result in retrieval["sizes"].items():
            if "chroma_add_s" in result:
                print(
                    f"   build {name}: chroma add {result['chroma_add_s']} s, BM25 {result['bm25_build_s']} s, "
                    f"open {result['index_open_s']} s, {result['index_mb']} MB on disk"
                )
    print(
        f"\n-- Peak RSS of the bench process: {results['peak_rss_mb']} MB "
        f"(after each section: {results.get('peak_rss_after_mb')})"
    )
    print(
        "-- CPU of other processes during the run (% of all cores, mean/max): "
        + "; ".join(
            f"{name} {cpu['others_pct_mean']}/{cpu['others_pct_max']}"
            for name, cpu in results["other_processes_cpu"].items()
        )
    )
    print("\n-- Targets")
    for name, verdict in results["targets"].items():
        print(
            f"   {name:<28} {verdict['value']!s:>8} (target {verdict['target']}) → {'met' if verdict['met'] else 'MISSED'}"
        )


# --- main ---------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict[str, Any]:
    from assistant.settings import PROJECT_ROOT

    corpus_dirs = [Path(p).resolve() for p in (args.corpus or [PROJECT_ROOT / "corpus"])]
    quick = args.quick
    sizes = (
        [int(s) for s in args.sizes.split(",") if s.strip()]
        if args.sizes is not None
        else ([2000] if quick else [10_000, 100_000])
    )
    results: dict[str, Any] = {"machine": machine(), "quick": quick, "targets_definition": TARGETS}
    work = Path(args.work_dir) if args.work_dir else Path(tempfile.mkdtemp(prefix="clauses-bench-"))
    work.mkdir(parents=True, exist_ok=True)

    watch = CpuWatch()
    watch.start()

    def section(name: str) -> Iterator[None]:
        print(f"[bench] {name}…", file=sys.stderr, flush=True)
        return _timed_section(results, name, watch)

    try:
        with section("ingestion"):
            results["ingestion"], embedder = bench_ingestion(work, corpus_dirs, pdf=not args.no_pdf)
        results["embedding_backend"] = results["ingestion"]["embedder"]
        corpus_index = Path(results["ingestion"]["data_dir"])
        if not args.skip_cold:
            with section("cold_start"):
                results["cold_start"] = bench_cold(
                    work, corpus_dirs, corpus_index, 1 if quick else 3, torch=not (quick or args.no_torch)
                )
        with section("engine"):
            results["engine"] = bench_engine(corpus_index, corpus_dirs, embedder, 1 if quick else args.rounds)
        if not args.skip_followup:
            with section("followup"):
                results["followup"] = bench_followup.run_bench(work, quick)
        if not args.skip_http:
            with section("http"):
                results["http"] = bench_http(
                    work, corpus_index, corpus_dirs, (1, 8, 32), args.requests or (32 if quick else 200)
                )
        if not args.skip_scale:
            with section("retrieval"):
                results["retrieval"] = bench_retrieval(
                    work,
                    corpus_index,
                    corpus_dirs,
                    embedder,
                    sizes,
                    n_embed=200 if quick else args.embed,
                    n_queries=10 if quick else 200,
                    rounds=1 if quick else 2,
                )
    finally:
        watch.stop()
        if not args.work_dir:
            _release_chroma()
            shutil.rmtree(work, ignore_errors=True)
    results["other_processes_cpu"] = {"whole_run": watch.between(0, watch.now()), **results.pop("_cpu", {})}
    results["peak_rss_mb"] = peak_rss_mb()
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["targets"] = verdicts(results)
    return results


@contextmanager
def _timed_section(results: dict[str, Any], name: str, watch: CpuWatch) -> Iterator[None]:
    started = time.perf_counter()
    begin = watch.now()
    yield
    results.setdefault("section_seconds", {})[name] = round(time.perf_counter() - started, 1)
    results.setdefault("peak_rss_after_mb", {})[name] = peak_rss_mb()
    results.setdefault("_cpu", {})[name] = watch.between(begin, watch.now())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small counts: a smoke run for CI")
    parser.add_argument("--skip-http", action="store_true", help="no uvicorn server")
    parser.add_argument("--skip-cold", action="store_true", help="no cold-start subprocesses")
    parser.add_argument("--skip-scale", action="store_true", help="no retrieval latency section")
    parser.add_argument("--skip-followup", action="store_true", help="no follow-up import and bilan section")
    parser.add_argument("--no-torch", action="store_true", help="no torch cold start (default in --quick)")
    parser.add_argument("--no-pdf", action="store_true", help="no PDF ingestion figure")
    parser.add_argument("--sizes", help="synthetic index sizes, comma-separated (default 10000,100000; quick 2000)")
    parser.add_argument("--embed", type=int, default=2000, help="distinct synthetic chunks embedded with the model")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the 22 questions in process")
    parser.add_argument("--requests", type=int, help="requests per HTTP concurrency level (default 200; quick 32)")
    parser.add_argument("--corpus", action="append", help="corpus folder (default: the repository's corpus)")
    parser.add_argument("--work-dir", help="keep the work folders here instead of a temporary folder")
    parser.add_argument("--out", type=Path, help="JSON report path (default eval/reports/bench-<date>.json)")
    args = parser.parse_args(argv)

    results = run(args)
    print_report(results)
    if "followup" in results:
        bench_followup.print_summary(results["followup"])
    out = args.out or REPORTS / f"bench-{datetime.now(UTC):%Y-%m-%d}{'-quick' if args.quick else ''}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    print(f"\nJSON: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
