"""Property-based fuzzing of the public API from its own OpenAPI schema (schemathesis, in process).

For every public operation, valid (positive) and invalid (negative) requests generated
from the schema: no 500, and every response (errors included) matches its declared
schema, status code and content type. Hypothesis drives schemathesis' strategies
directly: the schemathesis pytest plugin's lazy loader does not run on pytest 9.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from assistant.context import Context
from assistant.embeddings import Embedder
from assistant.settings import Settings
from tests.api.conftest import IndexedCorpus

pytestmark = pytest.mark.slow

MAX_EXAMPLES = 30
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]
OPERATIONS = [
    ("POST", "/api/chat"),
    ("POST", "/api/chat/stream"),
    ("POST", "/api/feedback"),
    ("POST", "/api/size"),
    ("POST", "/api/draft"),
    ("GET", "/api/draft/kinds"),
    ("GET", "/api/search"),
    ("GET", "/api/health"),
]
WITHOUT_PARAMETERS = {("GET", "/api/draft/kinds"), ("GET", "/api/health")}  # nothing to make invalid
CASES = [
    (method, path, mode)
    for method, path in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode is GenerationMode.POSITIVE or (method, path) not in WITHOUT_PARAMETERS
]


@pytest.fixture(scope="module")
def api_schema(api_index: IndexedCorpus, embedder: Embedder, tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("fuzz-data")
    (data / "index").symlink_to(api_index.data / "index")  # the shared index, a private session store
    app_settings = Settings(_env_file=None, data_dir=data, corpus_dirs=[api_index.corpus], rate_limit="100000/minute")
    context = Context(app_settings, embedder=embedder)
    # The ASGI transport runs no lifespan: load what the server's warm-up loads at start (classifier,
    # cards), or the first question pays for it inside the fuzzer's 10 s read timeout.
    context.intents  # noqa: B018
    context.card_matcher  # noqa: B018
    app = create_app(context=context)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_every_public_operation_is_fuzzed(api_schema) -> None:
    documented = {
        (method.upper(), path) for path, methods in api_schema.raw_schema["paths"].items() for method in methods
    }
    assert documented == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path", "mode"), CASES, ids=[f"{m} {p} {mode}" for m, p, mode in CASES])
def test_operation_never_fails_and_matches_its_schema(api_schema, method: str, path: str, mode: GenerationMode) -> None:
    operation = api_schema[path][method]
    seen: list[int] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case) -> None:
        response = case.call_and_validate(checks=CHECKS)
        seen.append(response.status_code)

    run()
    assert seen, "no request was generated"
    assert all(status < 500 or status == 503 for status in seen)
