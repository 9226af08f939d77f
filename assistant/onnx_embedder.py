"""Sentence embeddings with onnxruntime: a float (or int8) export of the same sentence-transformers model.

Faster than torch per query on these CPUs (float about 13 ms, int8 about 5, torch 23), and
importing only numpy, onnxruntime and tokenizers (no torch: a cold start takes under a
second instead of several).

The export is made once from the local model folder (torch, transformers and onnx are
imported by :func:`export_onnx` only) into ``<data_dir>/models/`` and reused while
the source weights are unchanged. Recipe (see the team's offline-stack notes, §5):
eager attention, keyword-argument wrapper, ``torch.onnx.export`` opset 17 with dynamic
batch and sequence axes, then, for ``embedding_precision`` ``int8``, dynamic int8 quantization of
the MatMuls (per channel).

Float is the default: its vectors are torch's (cosines equal to 1e-7, measured 2026-12-02), so the
answers are the same with either backend (all 2795 turns of blind batches 01-11, text and sources).
int8 moves a cosine by about 0.01 (up to 0.03) on a dense spread of about 0.11, which reordered the
passages of one question in four and changed 17 verdicts of those batches (as many won as lost); its
integer kernels also differ between CPUs with and without VNNI. Float costs a 90 MB file instead of 23.
At run time: ``tokenizers`` (truncation at the model's ``max_seq_length``, padding to the
longest), the CPU execution provider, mean pooling over the attention mask, L2 norm.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.embeddings import Embedder
from assistant.file_lock import exclusive

if TYPE_CHECKING:
    from assistant.settings import Settings

log = logging.getLogger(__name__)

MODEL_FILE = "model_int8.onnx"  # the int8 export's file; a float export writes model_fp32.onnx
PRECISIONS = ("int8", "fp32")
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "export.json"
EXPORT_FORMAT = 1
OPSET = 17
# Padding tokens a batched run may add for each text it takes in (``padding_groups``). One run costs as much
# as about 20 more tokens (it streams the weights again): two parts of 19 and 11 tokens took 10,8 ms together
# against 13,6 ms one after the other, 32 and 9 tokens 15,0 against 15,8, but 66 and 9 tokens 27,5 against
# 21,0 (CPU time, medians of 150, 2026-12-02).
PADDING_BUDGET = 16
# Files of the source folder whose content decides the exported graph and tokenizer.
SOURCE_FILES = (
    "model.safetensors",
    "pytorch_model.bin",
    "config.json",
    "tokenizer.json",
    "sentence_bert_config.json",
    "1_Pooling/config.json",
    "modules.json",
)


# --- the source fingerprint -----------------------------------------------------------


def _source_files(model_path: str) -> list[Path]:
    root = Path(model_path)
    return [root / name for name in SOURCE_FILES if (root / name).is_file()]


def _stat_fingerprint(model_path: str) -> dict[str, list[int]]:
    """Size and mtime of each source file: a cheap check before hashing ~90 MB of weights."""
    root = Path(model_path)
    result = {}
    for path in _source_files(model_path):
        stat = path.stat()
        result[path.relative_to(root).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return result


def source_digest(model_path: str) -> str:
    """SHA-256 over the weights, config and tokenizer files of a local model folder."""
    files = _source_files(model_path)
    if not any(p.name in ("model.safetensors", "pytorch_model.bin") for p in files):
        raise FileNotFoundError(f"no model.safetensors or pytorch_model.bin in {model_path}")
    digest = hashlib.sha256()
    root = Path(model_path)
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def model_file(precision: str) -> str:
    """The file name of the ONNX graph of an export at ``precision`` (``int8`` or ``fp32``)."""
    if precision not in PRECISIONS:
        raise ValueError(f"unknown ONNX precision {precision!r} (expected one of {PRECISIONS})")
    return f"model_{precision}.onnx"


def export_dir_for(settings: Settings) -> Path:
    """``<models dir>/<model folder name>-<path hash>-onnx-<precision>`` (``<data_dir>/models`` by default)."""
    model_path = settings.embedding_model_path
    tag = hashlib.sha1(str(Path(model_path).resolve()).encode()).hexdigest()[:8]
    return settings.models_dir / f"{Path(model_path).name}-{tag}-onnx-{settings.embedding_precision}"


def read_meta(export_dir: Path) -> dict[str, Any]:
    return json.loads((export_dir / META_FILE).read_text(encoding="utf-8"))


def export_is_fresh(model_path: str, export_dir: Path) -> bool:
    """True when ``export_dir`` holds a complete export of the current weights of ``model_path``."""
    try:
        meta = read_meta(export_dir)
        if meta.get("format") != EXPORT_FORMAT:
            return False
        if (export_dir / meta.get("model_file", MODEL_FILE)).stat().st_size != meta["onnx_bytes"]:
            return False
        if not (export_dir / TOKENIZER_FILE).is_file():
            return False
        if meta.get("source_files") == _stat_fingerprint(model_path):
            return True
        return meta.get("weights_sha256") == source_digest(model_path)
    except (OSError, ValueError, KeyError, TypeError):
        return False


# --- the export (the only place that imports torch) ------------------------------------


def _sentence_config(model_path: str) -> tuple[int, str]:
    """``max_seq_length`` and pooling mode from the sentence-transformers files, if any."""
    root = Path(model_path)
    max_length = 256
    config = root / "sentence_bert_config.json"
    if config.is_file():
        max_length = int(json.loads(config.read_text(encoding="utf-8")).get("max_seq_length") or max_length)
    pooling = "mean"
    pooling_config = root / "1_Pooling" / "config.json"
    if pooling_config.is_file():
        modes = json.loads(pooling_config.read_text(encoding="utf-8"))
        active = [key for key, value in modes.items() if key.startswith("pooling_mode_") and value is True]
        if active != ["pooling_mode_mean_tokens"]:
            pooling = ",".join(active) or "none"
    return max_length, pooling


def export_onnx(model_path: str, target_dir: Path, precision: str = "int8") -> Path:
    """Export the model of ``model_path`` (a local folder) to ONNX in ``target_dir``, int8 or float.

    Writes ``model_int8.onnx`` (or ``model_fp32.onnx``), ``tokenizer.json`` and ``export.json`` (source path,
    hash of the weights, settings of the tokenizer) into a temporary folder beside
    ``target_dir`` and renames it into place, so a crash never leaves half an export.
    Needs torch, transformers and onnx (imported here only). Returns ``target_dir``.
    """
    import warnings

    import onnxruntime
    import torch
    import transformers
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    graph_file = model_file(precision)
    max_length, pooling = _sentence_config(model_path)
    if pooling != "mean":
        raise ValueError(f"ONNX export supports mean pooling only; {model_path} uses {pooling}")
    target_dir = Path(target_dir)
    target_dir.parent.mkdir(parents=True, exist_ok=True)
    work = target_dir.parent / f".{target_dir.name}.{uuid.uuid4().hex}.tmp"
    work.mkdir()
    try:
        fingerprint = _stat_fingerprint(model_path)
        digest = source_digest(model_path)
        transformers.utils.logging.disable_progress_bar()
        tokenizer = AutoTokenizer.from_pretrained(model_path)
        if not getattr(tokenizer, "is_fast", False):
            raise ValueError(f"{model_path} has no fast tokenizer (tokenizer.json) to run without transformers")
        model = AutoModel.from_pretrained(model_path, attn_implementation="eager")
        model.eval()
        names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in tokenizer.model_input_names]

        class KeywordWrapper(torch.nn.Module):
            # Positional arguments break on transformers 5 ("multiple values for 'use_cache'").
            def __init__(self, inner: torch.nn.Module) -> None:
                super().__init__()
                self.inner = inner

            def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
                return self.inner(**dict(zip(names, tensors, strict=True))).last_hidden_state

        sample = tokenizer(["Une phrase d'exemple.", "Deux"], padding=True, return_tensors="pt")
        axes: dict[int, str] = {0: "batch", 1: "sequence"}
        dynamic_axes: dict[str, dict[int, str]] = {**{n: axes for n in names}, "last_hidden_state": axes}
        fp32 = work / "model_fp32.onnx"
        with torch.no_grad(), warnings.catch_warnings(), _root_logging_untouched():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                KeywordWrapper(model),
                tuple(sample[n] for n in names),
                str(fp32),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes=dynamic_axes,
                opset_version=OPSET,
                do_constant_folding=True,
                dynamo=False,
            )
            if precision == "int8":
                quantize_dynamic(
                    str(fp32),
                    str(work / graph_file),
                    weight_type=QuantType.QInt8,
                    per_channel=True,
                    op_types_to_quantize=["MatMul"],
                )
        if precision == "int8":
            fp32.unlink()
            for leftover in work.glob("*.data"):
                leftover.unlink()
        tokenizer.backend_tokenizer.save(str(work / TOKENIZER_FILE))
        meta = {
            "format": EXPORT_FORMAT,
            "source": model_path,
            "weights_sha256": digest,
            "source_files": fingerprint,
            "onnx_bytes": (work / graph_file).stat().st_size,
            "model_file": graph_file,
            "precision": precision,
            "dimension": int(model.config.hidden_size),
            "max_length": max_length,
            "pooling": pooling,
            "normalize": True,
            "inputs": names,
            "pad_token": tokenizer.pad_token,
            "pad_id": int(tokenizer.pad_token_id),
            "pad_type_id": int(getattr(tokenizer, "pad_token_type_id", 0) or 0),
            "opset": OPSET,
            "quantization": "dynamic QInt8 per-channel MatMul" if precision == "int8" else "none (float32)",
            "versions": {
                "torch": torch.__version__,
                "transformers": transformers.__version__,
                "onnxruntime": onnxruntime.__version__,
            },
        }
        (work / META_FILE).write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
        _swap_in(work, target_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    log.info("exported %s to %s", model_path, target_dir)
    return target_dir


@contextmanager
def _root_logging_untouched() -> Iterator[None]:
    """The quantizer logs through ``logging.warning()``, which installs a root handler when
    there is none (after which every library's DEBUG records print): undo that."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    if not handlers:
        root.addHandler(logging.NullHandler())  # so that logging.warning() installs nothing
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def _swap_in(work: Path, target_dir: Path) -> None:
    """Replace ``target_dir`` by ``work`` with renames (the old folder, if any, is removed after)."""
    old = None
    if target_dir.exists():
        old = target_dir.parent / f".{target_dir.name}.{uuid.uuid4().hex}.old"
        os.rename(target_dir, old)
    os.rename(work, target_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def ensure_export(model_path: str, target_dir: Path, *, force: bool = False, precision: str = "int8") -> Path:
    """The export of ``model_path`` in ``target_dir``, made (or remade when stale) if needed."""
    if not force and export_is_fresh(model_path, target_dir):
        return target_dir
    with exclusive(target_dir):
        for leftover in (
            *target_dir.parent.glob(f".{target_dir.name}.*.tmp"),
            *target_dir.parent.glob(f".{target_dir.name}.*.old"),
        ):
            shutil.rmtree(leftover, ignore_errors=True)  # from an export killed midway
        if force or not export_is_fresh(model_path, target_dir):
            log.warning("exporting the embedding model to ONNX %s in %s (once; a few seconds)", precision, target_dir)
            export_onnx(model_path, target_dir, precision)
    return target_dir


# --- serving ------------------------------------------------------------------------------


class OnnxEmbedder(Embedder):
    """Same interface as :class:`Embedder` (sentence-transformers), run by onnxruntime.

    Imports numpy, onnxruntime and tokenizers only. ``threads`` sets the intra-op
    threads of the session: 1 for serving (no oversubscription under concurrent
    requests), 2 may speed up a bulk ingestion.
    """

    backend = "onnx-fp32"  # until the export's metadata says otherwise

    def __init__(
        self,
        export_dir: Path,
        *,
        model_path: str | None = None,
        threads: int = 1,
        query_prefix: str = "",
        passage_prefix: str = "",
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.export_dir = Path(export_dir)
        meta = read_meta(self.export_dir)
        self.model_path = model_path or str(meta["source"])
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.dimension = int(meta["dimension"])
        self.threads = threads
        self.backend = f"onnx-{meta.get('precision', 'int8')}"  # vectors differ between precisions

        tokenizer = Tokenizer.from_file(str(self.export_dir / TOKENIZER_FILE))
        tokenizer.enable_truncation(max_length=int(meta["max_length"]))
        tokenizer.enable_padding(
            pad_id=int(meta["pad_id"]), pad_type_id=int(meta["pad_type_id"]), pad_token=str(meta["pad_token"])
        )
        self._tokenizer = tokenizer

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Never let onnxruntime pick its first provider (AzureExecutionProvider on these wheels).
        self._session = ort.InferenceSession(
            str(self.export_dir / meta.get("model_file", MODEL_FILE)),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        )
        self._inputs = [i.name for i in self._session.get_inputs()]
        self._init_caches()

    @classmethod
    def from_settings(cls, settings: Settings, *, threads: int | None = None) -> OnnxEmbedder:
        """Loads the export of the settings' model, exporting it first when missing, stale or broken."""
        model_path = settings.embedding_model_path
        precision = settings.embedding_precision
        target = ensure_export(model_path, export_dir_for(settings), precision=precision)
        kwargs: dict[str, Any] = {
            "model_path": model_path,
            "threads": threads or settings.embedding_threads,
            "query_prefix": settings.embedding_query_prefix,
            "passage_prefix": settings.embedding_passage_prefix,
        }
        try:
            return cls(target, **kwargs)
        except Exception as exc:  # a corrupt file that passed the size check: export again, once
            log.warning("ONNX export in %s unusable (%s: %s), exporting again", target, type(exc).__name__, exc)
            return cls(ensure_export(model_path, target, force=True, precision=precision), **kwargs)

    def _run(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts) if len(texts) > 1 else [self._tokenizer.encode(texts[0])]
        mask = np.asarray([e.attention_mask for e in encodings], dtype=np.int64)
        columns = {
            "input_ids": np.asarray([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": mask,
            "token_type_ids": np.asarray([e.type_ids for e in encodings], dtype=np.int64),
        }
        (hidden,) = self._session.run(None, {name: columns[name] for name in self._inputs})
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)

    def embed_documents(self, texts: list[str], batch_size: int = 1) -> np.ndarray:
        """Normalised passage vectors, one row per text, in order.

        One passage per session run by default, unlike the torch backend's 32: on
        these CPUs it is about twice as fast at 1 thread, keeps the RSS near 200 MB
        instead of 650 MB (the attention tensors of a 32 x 256-token batch), and makes a
        passage's vector independent of its neighbours (int8 activations are quantized
        per run, so batching shifts vectors by up to ~1 % cosine). Larger batches are
        sorted by length to pad less.
        """
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        prefixed = [self.passage_prefix + t for t in texts]
        order = sorted(range(len(prefixed)), key=lambda i: len(prefixed[i]))
        result = np.empty((len(prefixed), self.dimension), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            result[rows] = self._run([prefixed[i] for i in rows])
        return result

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        vector = self._run([self.query_prefix + text])[0]
        vector.setflags(write=False)
        return vector

    def _embed_queries_uncached(self, texts: list[str]) -> list[np.ndarray]:
        """Several queries, texts of near lengths in one run of the float export, which then reads its 90 MB of
        weights once for them: each row equals the text's vector alone bit for bit (the padded positions are
        masked out of attention and pooling, and each row's products are the same sums). Not for int8: its
        activations are quantized per run, so a text's vector would depend on the others."""
        if self.backend != "onnx-fp32" or len(texts) < 2:
            return super()._embed_queries_uncached(texts)
        prefixed = [self.query_prefix + text for text in texts]
        lengths = [len(self._tokenizer.encode(text).ids) for text in prefixed]
        vectors: list[np.ndarray] = [np.empty(0, dtype=np.float32)] * len(texts)
        for group in padding_groups(lengths, PADDING_BUDGET):
            rows = self._run([prefixed[i] for i in group])
            rows.setflags(write=False)
            for i, row in zip(group, rows, strict=True):
                vectors[i] = row
        return vectors


def padding_groups(lengths: list[int], budget: int) -> list[list[int]]:
    """The positions of texts of ``lengths`` tokens grouped for runs of the model: by increasing length, a
    text joins the group before it while the padding the group needs stays within ``budget`` tokens for each
    text added (a text alone needs none)."""
    groups: list[list[int]] = []
    total = 0
    for i in sorted(range(len(lengths)), key=lambda i: (lengths[i], i)):
        group = groups[-1] if groups else None
        if group is not None and (len(group) + 1) * lengths[i] - (total + lengths[i]) <= budget * len(group):
            group.append(i)
            total += lengths[i]
        else:
            groups.append([i])
            total = lengths[i]
    return groups
