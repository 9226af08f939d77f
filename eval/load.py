"""Bounded load test (issue 8): simulated users holding mixed conversations against ``clauses serve``.

    python -m eval.load                                  # 50 users × 20 turns, --workers 2
    python -m eval.load --users 8 --turns 4              # a small run
    python -m eval.load --data-dir DIR                   # reuse an indexed data folder

It indexes the corpus in a temporary data folder (unless ``--data-dir`` names one already
indexed), starts ``clauses serve --workers N`` on a free 127.0.0.1 port with a high rate
limit, warms every worker up, then runs N users at once. Each user holds **one**
conversation (its ``session_id``) of T turns, without think time by default: knowledge
questions, sizings followed by « et à 7 % ? »-style follow-ups, drafting requests and
refusals (the questions of ``eval/examples.yaml``), about a third of the turns through
``/api/chat/stream`` (SSE) and the rest through ``/api/chat``.

It stops by itself: users × turns requests at most, a per-request timeout and a global
timeout. Then it checks in the SQLite store that every session holds exactly 2 × T
messages, and reports latency p50/p95/p99 (overall and per route), requests/s, errors by
kind (target 0) and the RSS of the server processes sampled every second. Figures go to
stdout and to ``eval/reports/load-<date>.json``; on any error the server log tail is printed.

Errors counted: any non-200 status, timeouts and transport errors, a body without
``session_id`` or with another session's id, an empty answer, a stream without ``start``
or ``done`` or with an ``error`` event or whose deltas do not add up to the answer, a
sizing follow-up not answered as a sizing (the session state was not found by the worker
that served it), a session whose stored message count is not 2 × T, turns not run
before the global timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eval.bench import (
    REPORTS,
    CpuWatch,
    Server,
    machine,
    make_settings,
    percentiles,
    prepare_index,
    run_coroutine,
)

FOLLOW_UPS = ("et à 7 % ?", "et à 10 % ?", "et à 5 % ?", "Et si on passe à 8 % ?")
STREAM_SHARE = 1 / 3


@dataclass(frozen=True)
class Turn:
    message: str
    kind: str  # question | sizing | follow_up | drafting | refusal | conversion
    expect_intent: str | None = None


@dataclass
class Outcome:
    user: int
    turn: int
    route: str
    kind: str
    ms: float
    status: int | None
    error: str | None = None
    first_event_ms: float | None = None
    intent: str | None = None


@dataclass
class User:
    number: int
    turns: list[Turn]
    session_id: str | None = None
    outcomes: list[Outcome] = field(default_factory=list)


def conversation(rng: random.Random, turns: int) -> list[Turn]:
    """A mixed conversation of ``turns`` turns: episodes of questions, sizings with follow-ups, drafts."""
    from eval.examples import EXAMPLES

    by_intent: dict[str, list[Any]] = {}
    for example in EXAMPLES:
        by_intent.setdefault(example.intent, []).append(example)
    out: list[Turn] = []
    while len(out) < turns:
        episode = rng.choices(("question", "sizing", "drafting", "refusal", "conversion"), (40, 30, 18, 7, 5))[0]
        example = rng.choice(by_intent[episode])
        out.append(Turn(example.question, episode))
        if episode == "sizing":
            for follow_up in rng.sample(FOLLOW_UPS, rng.randint(1, 2)):
                out.append(Turn(follow_up, "follow_up", expect_intent="sizing"))
    return out[:turns]


def _sse_events(text: str) -> list[tuple[str, dict[str, Any]]]:
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
        if data:
            try:
                events.append((name, json.loads("\n".join(data))))
            except ValueError:
                events.append((name, {"_unparsable": True}))
    return events


def _check_body(body: dict[str, Any], user: User) -> str | None:
    if not body.get("session_id"):
        return "no_session_id"
    if user.session_id is not None and body["session_id"] != user.session_id:
        return "session_changed"
    if not str(body.get("answer", "")).strip():
        return "empty_answer"
    return None


async def _turn(client: Any, user: User, index: int, turn: Turn, stream: bool) -> Outcome:
    import httpx

    payload: dict[str, Any] = {"message": turn.message}
    if user.session_id:
        payload["session_id"] = user.session_id
    route = "stream" if stream else "chat"
    started = time.perf_counter()
    outcome = Outcome(user.number, index, route, turn.kind, 0.0, None)
    try:
        if not stream:
            response = await client.post("/api/chat", json=payload)
            outcome.status = response.status_code
            if response.status_code != 200:
                outcome.error = f"http_{response.status_code}"
            else:
                body = response.json()
                outcome.error = _check_body(body, user)
                outcome.intent = body.get("intent")
                user.session_id = user.session_id or body.get("session_id")
        else:
            chunks: list[str] = []
            async with client.stream(
                "POST", "/api/chat/stream", json=payload, headers={"Accept": "text/event-stream"}
            ) as response:
                outcome.status = response.status_code
                async for text in response.aiter_text():
                    if outcome.first_event_ms is None:
                        outcome.first_event_ms = (time.perf_counter() - started) * 1000
                    chunks.append(text)
            if response.status_code != 200:
                outcome.error = f"http_{response.status_code}"
            else:
                events = _sse_events("".join(chunks))
                names = [name for name, _ in events]
                if not names or names[0] != "start":
                    outcome.error = "stream_no_start"
                elif "error" in names:
                    outcome.error = "stream_error_event"
                elif names[-1] != "done":
                    outcome.error = "stream_no_done"
                else:
                    done = events[-1][1]
                    outcome.error = _check_body(done, user)
                    outcome.intent = done.get("intent")
                    deltas = "".join(data.get("text", "") for name, data in events if name == "delta")
                    if outcome.error is None and deltas != done.get("answer"):
                        outcome.error = "stream_text_mismatch"
                    user.session_id = user.session_id or done.get("session_id")
    except httpx.TimeoutException:
        outcome.error = "timeout"
    except httpx.HTTPError as exc:
        outcome.error = f"transport_{type(exc).__name__}"
    except ValueError:
        outcome.error = "bad_json"
    outcome.ms = (time.perf_counter() - started) * 1000
    if outcome.error is None and turn.expect_intent and outcome.intent != turn.expect_intent:
        outcome.error = "follow_up_lost_context"
    return outcome


async def _run_users(
    url: str, users: list[User], *, stream_share: float, think: float, seed: int, request_timeout: float
) -> None:
    import httpx

    limits = httpx.Limits(max_connections=len(users) + 4, max_keepalive_connections=len(users) + 4)
    async with httpx.AsyncClient(base_url=url, timeout=request_timeout, limits=limits) as client:

        async def play(user: User) -> None:
            rng = random.Random(seed * 100_003 + user.number)
            for index, turn in enumerate(user.turns):
                user.outcomes.append(await _turn(client, user, index, turn, rng.random() < stream_share))
                if think:
                    await asyncio.sleep(rng.uniform(0, 2 * think))

        await asyncio.gather(*(play(user) for user in users))


class MemorySampler(threading.Thread):
    """RSS of every server process, once a second."""

    def __init__(self, server: Server, period: float = 1.0) -> None:
        super().__init__(name="rss-sampler", daemon=True)
        self.server = server
        self.period = period
        self.samples: list[dict[str, Any]] = []
        self.roles: dict[int, str] = {}
        self._halt = threading.Event()
        self._t0 = time.perf_counter()

    def run(self) -> None:
        while not self._halt.is_set():
            self.roles.update(self.server.pids())
            rss = self.server.rss()
            if rss:
                self.samples.append(
                    {
                        "t": round(time.perf_counter() - self._t0, 1),
                        "rss_mb": {str(pid): round(mb, 1) for pid, mb in rss.items()},
                        "total_mb": round(sum(rss.values()), 1),
                    }
                )
            self._halt.wait(self.period)

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=5)

    def summary(self) -> dict[str, Any]:
        per_process: dict[str, dict[str, Any]] = {}
        for pid, role in sorted(self.roles.items()):
            values = [s["rss_mb"][str(pid)] for s in self.samples if str(pid) in s["rss_mb"]]
            if values:
                per_process[str(pid)] = {
                    "role": role,
                    "min_mb": min(values),
                    "max_mb": max(values),
                    "last_mb": values[-1],
                }
        totals = [s["total_mb"] for s in self.samples]
        step = max(1, len(self.samples) // 20)
        return {
            "samples": len(self.samples),
            "period_s": self.period,
            "per_process": per_process,
            "total_mb": {"min": min(totals), "max": max(totals), "last": totals[-1]} if totals else {},
            "series_total_mb": [(s["t"], s["total_mb"]) for s in self.samples[::step]],
        }


def count_stored_messages(sessions_db: Path, session_ids: list[str]) -> dict[str, int]:
    from assistant.sessions import SessionStore

    store = SessionStore(sessions_db)
    return {sid: store.count_messages(sid) for sid in session_ids}


def run_load(
    data_dir: Path,
    corpus_dirs: list[Path],
    *,
    users: int = 50,
    turns: int = 20,
    workers: int = 2,
    stream_share: float = STREAM_SHARE,
    think: float = 0.0,
    seed: int = 1,
    timeout: float = 900.0,
    request_timeout: float = 120.0,
    log_path: Path | None = None,
) -> dict[str, Any]:
    """The load test against an already indexed ``data_dir``; returns every figure and check."""
    rng = random.Random(seed)
    players = [User(number, conversation(rng, turns)) for number in range(users)]
    log_path = log_path or data_dir / "load-server.log"
    server = Server(data_dir, corpus_dirs, workers, log_path)
    result: dict[str, Any] = {
        "users": users,
        "turns": turns,
        "workers": workers,
        "stream_share": round(stream_share, 3),
        "think_s": think,
        "seed": seed,
        "requests_planned": users * turns,
        "turn_kinds": dict(Counter(turn.kind for user in players for turn in user.turns)),
    }
    sampler = MemorySampler(server)
    watch = CpuWatch()
    watch.start()
    with server:
        result["startup_to_healthy_s"] = round(server.startup_s or 0.0, 2)
        sampler.start()
        warm = [
            User(-1 - n, [Turn("Qui peut bénéficier de la clause d'insertion ?", "question")])
            for n in range(2 * workers)
        ]
        run_coroutine(
            _run_users(server.url, warm, stream_share=0.0, think=0.0, seed=seed, request_timeout=request_timeout)
        )
        result["warmup_errors"] = sum(1 for user in warm for o in user.outcomes if o.error)
        result["processes"] = {str(pid): role for pid, role in server.pids().items()}
        started = time.perf_counter()
        begin = watch.now()
        timed_out = False
        try:
            run_coroutine(
                asyncio.wait_for(
                    _run_users(
                        server.url,
                        players,
                        stream_share=stream_share,
                        think=think,
                        seed=seed,
                        request_timeout=request_timeout,
                    ),
                    timeout=timeout,
                )
            )
        except TimeoutError:
            timed_out = True
        wall = time.perf_counter() - started
        result["other_processes_cpu"] = watch.between(begin, watch.now())
        watch.stop()
        sampler.stop()
        log_tail = server.log_tail(60)
    outcomes = [o for user in players for o in user.outcomes]
    errors = Counter(o.error for o in outcomes if o.error)
    not_run = users * turns - len(outcomes)
    if not_run:
        errors["not_run_global_timeout"] += not_run
    stored = count_stored_messages(
        make_settings(data_dir, corpus_dirs).sessions_db, [user.session_id for user in players if user.session_id]
    )
    expected = {user.session_id: 2 * len(user.outcomes) for user in players if user.session_id}
    lost = {sid: (stored.get(sid, 0), want) for sid, want in expected.items() if stored.get(sid, 0) != want}
    if lost:
        errors["messages_lost"] += len(lost)
    no_session = sum(1 for user in players if user.session_id is None)
    if no_session:
        errors["user_without_session"] += no_session
    ok = [o.ms for o in outcomes if o.error is None]
    result.update(
        {
            "requests": len(outcomes),
            "ok": len(ok),
            "errors": sum(errors.values()),
            "errors_by_kind": dict(errors),
            "timed_out": timed_out,
            "wall_s": round(wall, 2),
            "requests_per_s": round(len(outcomes) / wall, 1),
            "latency_ms": percentiles((o.ms for o in outcomes), (50, 95, 99)),
            "latency_ms_by_route": {
                route: {
                    "n": sum(1 for o in outcomes if o.route == route),
                    **percentiles((o.ms for o in outcomes if o.route == route), (50, 95, 99)),
                }
                for route in ("chat", "stream")
            },
            "stream_first_event_ms": percentiles(
                (o.first_event_ms for o in outcomes if o.first_event_ms is not None), (50, 95, 99)
            ),
            "latency_ms_by_kind": {
                kind: {
                    "n": sum(1 for o in outcomes if o.kind == kind),
                    **percentiles((o.ms for o in outcomes if o.kind == kind), (50, 95)),
                }
                for kind in sorted({o.kind for o in outcomes})
            },
            "intents": dict(Counter(o.intent for o in outcomes)),
            "sessions": {
                "count": len(expected),
                "messages_expected_each": 2 * turns,
                "all_stored": not lost,
                "mismatched": {k: list(v) for k, v in list(lost.items())[:10]},
            },
            "session_ids": [user.session_id for user in players],
            "memory": sampler.summary(),
            "first_errors": [vars(o) for o in outcomes if o.error][:10],
        }
    )
    if result["errors"]:
        result["server_log_tail"] = log_tail
    return result


def print_report(result: dict[str, Any]) -> None:
    info = result["machine"]
    lat = result["latency_ms"]
    print(f"\n== Load {info['date']} · {info['cores']} cores · load at start {info['load_average_at_start']}")
    print(
        f"   {result['users']} users × {result['turns']} turns, clauses serve --workers {result['workers']} "
        f"({len([r for r in result['processes'].values() if r == 'worker']) or 1} worker processes), "
        f"think time {result['think_s']} s, stream share {result['stream_share']}"
    )
    print(f"   turns planned: {result['turn_kinds']}")
    cpu = result.get("other_processes_cpu", {})
    print(
        f"   CPU of other processes during the run: mean {cpu.get('others_pct_mean')} %, "
        f"max {cpu.get('others_pct_max')} % of all cores (machine busy {cpu.get('machine_busy_pct')} %)"
    )
    print(
        f"   {result['requests']} requests in {result['wall_s']} s → {result['requests_per_s']} req/s; "
        f"errors {result['errors']} {result['errors_by_kind'] or ''}"
    )
    print(f"   latency all    p50 {lat['p50']} ms · p95 {lat['p95']} ms · p99 {lat['p99']} ms")
    for route, figures in result["latency_ms_by_route"].items():
        print(
            f"   latency {route:<6} n={figures['n']:<5} p50 {figures['p50']} ms · p95 {figures['p95']} ms · "
            f"p99 {figures['p99']} ms"
        )
    first = result["stream_first_event_ms"]
    print(f"   stream first bytes p50 {first['p50']} ms · p95 {first['p95']} ms")
    for kind, figures in result["latency_ms_by_kind"].items():
        print(f"     {kind:<10} n={figures['n']:<5} p50 {figures['p50']} ms · p95 {figures['p95']} ms")
    sessions = result["sessions"]
    print(
        f"   sessions: {sessions['count']}, each {sessions['messages_expected_each']} messages stored → "
        f"{'all stored' if sessions['all_stored'] else 'MISMATCH ' + str(sessions['mismatched'])}"
    )
    memory = result["memory"]
    print(f"   server RSS ({memory['samples']} samples, every {memory['period_s']} s):")
    for pid, figures in memory["per_process"].items():
        print(
            f"     {figures['role']:<10} pid {pid:<7} min {figures['min_mb']:.0f} MB · max {figures['max_mb']:.0f} MB · "
            f"last {figures['last_mb']:.0f} MB"
        )
    if memory["total_mb"]:
        total = memory["total_mb"]
        print(f"     total      min {total['min']:.0f} MB · max {total['max']:.0f} MB · last {total['last']:.0f} MB")
        print("     series (s: MB) " + "  ".join(f"{t:.0f}:{mb:.0f}" for t, mb in memory["series_total_mb"]))
    if result.get("server_log_tail"):
        print("\n-- server log tail (errors occurred)")
        print(result["server_log_tail"])
        print("-- first errors:", json.dumps(result["first_errors"][:5], ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    from assistant.settings import PROJECT_ROOT

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--stream-share", type=float, default=STREAM_SHARE, help="share of turns sent to /api/chat/stream"
    )
    parser.add_argument("--think", type=float, default=0.0, help="mean think time between turns, seconds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=900.0, help="global timeout of the run, seconds")
    parser.add_argument("--corpus", action="append", help="corpus folder (default: the repository's corpus)")
    parser.add_argument("--data-dir", type=Path, help="an indexed data folder to reuse (default: a temporary one)")
    parser.add_argument("--out", type=Path, help="JSON report (default eval/reports/load-<date>.json)")
    args = parser.parse_args(argv)

    corpus_dirs = [Path(p).resolve() for p in (args.corpus or [PROJECT_ROOT / "corpus"])]
    temporary = args.data_dir is None
    data_dir = Path(tempfile.mkdtemp(prefix="clauses-load-")) if temporary else args.data_dir.resolve()
    started_at = machine()
    try:
        print(f"[load] indexing {', '.join(map(str, corpus_dirs))} in {data_dir}…", file=sys.stderr, flush=True)
        prepared = prepare_index(make_settings(data_dir, corpus_dirs))
        embedder = prepared.pop("embedder")
        print(
            f"[load] {prepared['report']['chunks']} chunks; starting clauses serve --workers {args.workers}…",
            file=sys.stderr,
            flush=True,
        )
        result = run_load(
            data_dir,
            corpus_dirs,
            users=args.users,
            turns=args.turns,
            workers=args.workers,
            stream_share=args.stream_share,
            think=args.think,
            seed=args.seed,
            timeout=args.timeout,
        )
    finally:
        if temporary:
            shutil.rmtree(data_dir, ignore_errors=True)
    result["machine"] = started_at
    result["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["embedder"] = {
        "backend": str(getattr(embedder, "backend", type(embedder).__name__)),
        "identity": str(getattr(embedder, "identity", "")),
    }
    print_report(result)
    out = args.out or REPORTS / f"load-{datetime.now(UTC):%Y-%m-%d}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    result_to_write = {k: v for k, v in result.items() if k != "session_ids"}
    out.write_text(json.dumps(result_to_write, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    print(f"\nJSON: {out}")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
