"""The ONNX embedder: same vectors and rankings as sentence-transformers, export reused, no torch.

Real bundled model, no network. The module's data dir starts with a copy of the run's export
(made once per run in the shared models cache); the stale/corrupt/missing cases work on copies of
it, and the missing one exports the model for real.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from assistant.documents import discover, load_document
from assistant.embeddings import Embedder, embedding_identity, resolve_backend
from assistant.index import ingest
from assistant.onnx_embedder import META_FILE, OnnxEmbedder, export_dir_for, export_is_fresh, model_file
from assistant.settings import PROJECT_ROOT, Settings

QUERIES = [
    "Combien d'heures d'insertion prévoir pour un marché de travaux ?",
    "Qu'est-ce qu'un marché réservé aux structures d'insertion ou aux ESAT ?",
    "Comment rédiger un critère d'attribution lié à l'insertion ?",
    "Quel est le rôle du facilitateur de la clause sociale ?",
    "Quelles pénalités si l'entreprise ne réalise pas les heures ?",
    "Quels publics sont éligibles aux heures d'insertion ?",
]

# The graph file of the default precision's export (model_fp32.onnx or model_int8.onnx).
GRAPH = model_file(Settings(_env_file=None).embedding_precision)


@pytest.fixture(scope="module")
def onnx_settings(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Settings:
    # Its own models folder, not the run's shared cache: these tests break exports on purpose. It starts
    # with a copy of the run's export (the session embedder made it), as an export of its own took
    # a torch export per module; test_missing_model_file_is_rebuilt still exports for real.
    settings = Settings(
        _env_file=None,
        data_dir=tmp_path_factory.mktemp("onnx-data"),
        models_cache_dir=None,
        embedding_backend="auto",
    )
    shared = export_dir_for(Settings(_env_file=None))
    if export_is_fresh(settings.embedding_model_path, shared):
        shutil.copytree(shared, export_dir_for(settings), ignore=shutil.ignore_patterns(".*"))
    return settings


@pytest.fixture(scope="module")
def onnx_embedder(onnx_settings: Settings) -> OnnxEmbedder:
    embedder = Embedder.from_settings(onnx_settings)  # the seeded export (made here when the run has none)
    assert isinstance(embedder, OnnxEmbedder)
    return embedder


@pytest.fixture(scope="module")
def torch_embedder() -> Embedder:
    embedder = Embedder.from_settings(Settings(_env_file=None, embedding_backend="torch"))
    assert not isinstance(embedder, OnnxEmbedder)
    return embedder


@pytest.fixture(scope="module")
def corpus_chunks() -> list[str]:
    """About 50 passages spread over the real French corpus."""
    texts: list[str] = []
    for name, path in sorted(discover([PROJECT_ROOT / "corpus"]).items()):
        document = load_document(path, name, 750, 100)
        texts.extend(c.indexed_text for c in document.chunks)
    step = max(1, len(texts) // 50)
    return texts[::step][:50]


@pytest.fixture(scope="module")
def chunk_vectors(onnx_embedder: OnnxEmbedder, corpus_chunks: list[str]) -> np.ndarray:
    """The passages embedded once with the defaults (one passage a run), shared by the tests that compare."""
    vectors = onnx_embedder.embed_documents(corpus_chunks)
    vectors.setflags(write=False)
    return vectors


@pytest.fixture(scope="module")
def corpus_sentences(corpus_chunks: list[str]) -> list[str]:
    """About 20 French sentences taken from the corpus passages."""
    sentences: list[str] = []
    for chunk in corpus_chunks:
        for sentence in chunk.replace("\n", " ").split(". "):
            if 40 <= len(sentence) <= 300:
                sentences.append(sentence.strip())
                break
    assert len(sentences) >= 20
    return sentences[:20]


def test_vectors_are_normalised_with_the_model_dimension(
    onnx_embedder: OnnxEmbedder, corpus_chunks: list[str], chunk_vectors: np.ndarray
) -> None:
    vectors = chunk_vectors
    assert onnx_embedder.dimension == 384
    assert vectors.shape == (len(corpus_chunks), 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    query = onnx_embedder.embed_query(QUERIES[0])
    assert query.shape == (384,) and query.dtype == np.float32
    assert abs(float(np.linalg.norm(query)) - 1.0) < 1e-4
    assert onnx_embedder.embed_documents([]).shape == (0, 384)


def test_document_vectors_do_not_depend_on_their_neighbours(
    onnx_embedder: OnnxEmbedder, corpus_chunks: list[str], chunk_vectors: np.ndarray
) -> None:
    texts = corpus_chunks[:40]
    together = chunk_vectors[:40]  # embedded in one call with the other passages
    one_by_one = np.stack([onnx_embedder.embed_documents([t])[0] for t in texts])
    np.testing.assert_allclose(together, one_by_one, atol=1e-6)
    np.testing.assert_allclose(together[3], onnx_embedder.embed_query(texts[3]), atol=1e-6)


def test_explicit_batches_keep_the_order(
    onnx_embedder: OnnxEmbedder, corpus_chunks: list[str], chunk_vectors: np.ndarray
) -> None:
    texts = corpus_chunks[:40]
    batched = onnx_embedder.embed_documents(texts, batch_size=32)
    single = chunk_vectors[:40]
    cosines = np.sum(batched * single, axis=1)
    # int8 activations are quantized per run: batching moves vectors a little, never swaps them
    assert cosines.min() > 0.97
    assert (np.argmax(batched @ single.T, axis=1) == np.arange(len(texts))).all()


def test_vectors_match_sentence_transformers(
    onnx_embedder: OnnxEmbedder, torch_embedder: Embedder, corpus_sentences: list[str]
) -> None:
    onnx_vectors = onnx_embedder.embed_documents(corpus_sentences)
    torch_vectors = torch_embedder.embed_documents(corpus_sentences)
    cosines = np.sum(onnx_vectors * torch_vectors, axis=1)
    assert cosines.mean() >= 0.97, cosines
    assert cosines.min() >= 0.9, cosines
    for query in QUERIES:
        assert float(onnx_embedder.embed_query(query) @ torch_embedder.embed_query(query)) >= 0.95


def test_top5_rankings_mostly_agree(
    onnx_embedder: OnnxEmbedder, torch_embedder: Embedder, corpus_chunks: list[str], chunk_vectors: np.ndarray
) -> None:
    assert len(corpus_chunks) >= 45
    onnx_docs = chunk_vectors
    torch_docs = torch_embedder.embed_documents(corpus_chunks)
    overlaps = []
    for query in QUERIES:
        onnx_top = set(np.argsort(-(onnx_docs @ onnx_embedder.embed_query(query)))[:5].tolist())
        torch_top = set(np.argsort(-(torch_docs @ torch_embedder.embed_query(query)))[:5].tolist())
        overlaps.append(len(onnx_top & torch_top) / 5)
    assert np.mean(overlaps) >= 0.8, overlaps


def test_query_embeddings_are_cached(onnx_embedder: OnnxEmbedder) -> None:
    first = onnx_embedder.embed_query("Quelle est la durée minimale d'un parcours d'insertion ?")
    again = onnx_embedder.embed_query("Quelle est la durée minimale d'un parcours d'insertion ?")
    assert again is first
    assert not first.flags.writeable
    other = onnx_embedder.embed_query("Une autre question sur les clauses sociales")
    assert other is not first


def test_a_constant_text_gets_its_query_vector_bit_for_bit(onnx_embedder: OnnxEmbedder) -> None:
    text = "pénalités d'insertion procédure contradictoire"
    constant = onnx_embedder.embed_constant(text)
    onnx_embedder._cached_query.cache_clear()
    assert np.array_equal(constant, onnx_embedder.embed_query(text))
    assert onnx_embedder.embed_constant(text) is constant and not constant.flags.writeable


def test_export_is_reused(onnx_settings: Settings, onnx_embedder: OnnxEmbedder) -> None:
    model_file = onnx_embedder.export_dir / GRAPH
    assert onnx_embedder.export_dir == export_dir_for(onnx_settings)
    assert onnx_embedder.export_dir.parent == onnx_settings.data_dir / "models"
    before = model_file.stat().st_mtime_ns
    again = Embedder.from_settings(onnx_settings)
    assert isinstance(again, OnnxEmbedder)
    assert model_file.stat().st_mtime_ns == before
    np.testing.assert_allclose(again.embed_query(QUERIES[1]), onnx_embedder.embed_query(QUERIES[1]), atol=1e-6)


def test_export_metadata_names_the_source(onnx_settings: Settings, onnx_embedder: OnnxEmbedder) -> None:
    meta = json.loads((onnx_embedder.export_dir / META_FILE).read_text(encoding="utf-8"))
    assert meta["source"] == onnx_settings.embedding_model_path
    assert len(meta["weights_sha256"]) == 64
    assert meta["max_length"] == 256 and meta["dimension"] == 384
    assert not list(onnx_embedder.export_dir.parent.glob(".*.tmp"))  # no leftover temporary folder


def _copy_export(onnx_settings: Settings, tmp_path: Path) -> Settings:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", models_cache_dir=None)
    shutil.copytree(export_dir_for(onnx_settings), export_dir_for(settings))
    return settings


def _export_by_copy(onnx_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Replace the export by a copy of the module's good one (the real export runs in the missing-file
    case); returns the folders exported into, to assert that an export happened."""
    exported: list[Path] = []

    def export(model_path: str, target_dir: Path, precision: str = "int8") -> Path:
        exported.append(target_dir)
        shutil.rmtree(target_dir, ignore_errors=True)
        shutil.copytree(export_dir_for(onnx_settings), target_dir)
        return target_dir

    monkeypatch.setattr("assistant.onnx_embedder.export_onnx", export)
    return exported


def test_stale_export_is_rebuilt(
    onnx_settings: Settings, onnx_embedder: OnnxEmbedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _copy_export(onnx_settings, tmp_path)
    exported = _export_by_copy(onnx_settings, monkeypatch)
    target = export_dir_for(settings)
    meta_path = target / META_FILE
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["weights_sha256"] = "0" * 64  # as if the model's weights had changed since the export
    meta["source_files"] = {"model.safetensors": [1, 1]}
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    os.utime(target / GRAPH, ns=(1, 1))

    rebuilt = Embedder.from_settings(settings)
    assert isinstance(rebuilt, OnnxEmbedder)
    assert exported == [target]
    assert (target / GRAPH).stat().st_mtime_ns != 1
    assert json.loads(meta_path.read_text(encoding="utf-8"))["weights_sha256"] != "0" * 64
    assert float(rebuilt.embed_query(QUERIES[2]) @ onnx_embedder.embed_query(QUERIES[2])) > 0.999


def test_corrupt_export_is_rebuilt(
    onnx_settings: Settings, onnx_embedder: OnnxEmbedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _copy_export(onnx_settings, tmp_path)
    exported = _export_by_copy(onnx_settings, monkeypatch)
    model_file = export_dir_for(settings) / GRAPH
    size = model_file.stat().st_size
    model_file.write_bytes(b"\x00garbage" * (size // 8) + b"\x00" * (size % 8))  # same size, not a model
    os.utime(model_file, ns=(1, 1))

    rebuilt = Embedder.from_settings(settings)
    assert isinstance(rebuilt, OnnxEmbedder)
    assert exported == [export_dir_for(settings)]
    assert model_file.stat().st_mtime_ns != 1
    assert float(rebuilt.embed_query(QUERIES[3]) @ onnx_embedder.embed_query(QUERIES[3])) > 0.999


def test_missing_model_file_is_rebuilt(onnx_settings: Settings, onnx_embedder: OnnxEmbedder, tmp_path: Path) -> None:
    settings = _copy_export(onnx_settings, tmp_path)
    (export_dir_for(settings) / GRAPH).unlink()
    rebuilt = Embedder.from_settings(settings)  # a real export (torch), over the broken folder
    assert isinstance(rebuilt, OnnxEmbedder) and (export_dir_for(settings) / GRAPH).is_file()
    assert float(rebuilt.embed_query(QUERIES[4]) @ onnx_embedder.embed_query(QUERIES[4])) > 0.999


def test_backend_choice_and_identity(
    onnx_settings: Settings, onnx_embedder: OnnxEmbedder, torch_embedder: Embedder
) -> None:
    assert resolve_backend(onnx_settings) == "onnx"
    assert resolve_backend(Settings(_env_file=None, embedding_backend="torch")) == "torch"
    # auto keeps sentence-transformers for any model other than the bundled one
    assert resolve_backend(Settings(_env_file=None, embedding_model="/models/multilingual-e5-small")) == "torch"
    assert resolve_backend(Settings(_env_file=None, embedding_model="/models/x", embedding_backend="onnx")) == "onnx"
    assert onnx_embedder.identity != torch_embedder.identity
    assert onnx_embedder.identity == embedding_identity(onnx_settings)
    assert torch_embedder.identity == embedding_identity(Settings(_env_file=None, embedding_backend="torch"))
    assert onnx_embedder.model_path == torch_embedder.model_path == onnx_settings.embedding_model_path


def test_index_reembeds_when_the_backend_changes(
    make_settings, small_corpus: Path, onnx_embedder: OnnxEmbedder, torch_embedder: Embedder
) -> None:
    settings = make_settings()
    first = ingest(settings, onnx_embedder.embed_documents, model_identity=onnx_embedder.identity)
    assert first.embedded_chunks == first.chunks > 0
    same = ingest(settings, onnx_embedder.embed_documents, model_identity=onnx_embedder.identity)
    assert not same.changed
    switched = ingest(settings, torch_embedder.embed_documents, model_identity=torch_embedder.identity)
    assert switched.changed and switched.embedded_chunks == switched.chunks


HEAVY = ("torch", "transformers", "sentence_transformers", "onnx")


def _run_python(code: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAUSES_")}
    env.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"})
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_onnx_query_path_never_imports_torch(onnx_settings: Settings, onnx_embedder: OnnxEmbedder) -> None:
    out = _run_python(f"""
        import json, sys
        from assistant.settings import Settings
        from assistant.embeddings import Embedder
        embedder = Embedder.from_settings(Settings(_env_file=None, data_dir={str(onnx_settings.data_dir)!r}))
        vector = embedder.embed_query("Quelles heures d'insertion pour un marché de nettoyage ?")
        embedder.embed_documents(["Un passage.", "Un autre passage du corpus."])
        print(json.dumps({{"class": type(embedder).__name__, "norm": float((vector ** 2).sum()),
                          "heavy": [m for m in {HEAVY!r} if m in sys.modules]}}))
    """)
    assert out["class"] == "OnnxEmbedder"
    assert abs(float(out["norm"]) - 1.0) < 1e-4  # type: ignore[arg-type]
    assert out["heavy"] == []


def test_importing_the_embeddings_module_is_cheap() -> None:
    out = _run_python(f"""
        import json, sys
        import assistant.embeddings, assistant.onnx_embedder
        print(json.dumps({{"heavy": [m for m in {(*HEAVY, "onnxruntime", "tokenizers")!r} if m in sys.modules]}}))
    """)
    assert out["heavy"] == []


def test_queries_embedded_together_equal_each_query_alone_bit_for_bit(onnx_embedder: OnnxEmbedder) -> None:
    texts = [*QUERIES[:3], "Et l'ancien article 14 ?", QUERIES[0] + " " + QUERIES[1] + " " + QUERIES[2]]
    onnx_embedder._cached_query.cache_clear()
    together = onnx_embedder.embed_queries(texts)
    alone = [onnx_embedder._embed_query_uncached(text) for text in texts]
    assert all(np.array_equal(a, b) for a, b in zip(together, alone, strict=True))
