"""Property-based fuzzing of the follow-up routes from their OpenAPI schema, with a facilitator token."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, status_code_conformance
from starlette.testclient import TestClient

from api.app import create_app
from assistant.context import Context
from assistant.embeddings import Embedder
from assistant.settings import Settings
from tests.api.conftest import IndexedCorpus, api_index  # noqa: F401 - the small indexed corpus fixture

pytestmark = pytest.mark.slow

TOKEN = "jeton-facilitateur-fuzz-000000001"
OPERATIONS = [
    ("GET", "/api/suivi/indicateurs"),
    ("GET", "/api/suivi/alertes"),
    ("GET", "/api/suivi/export.xlsx"),
    ("POST", "/api/suivi/ask"),
]
CASES = [(m, p, mode) for m, p in OPERATIONS for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)]


@pytest.fixture(scope="module")
def api_schema(api_index: IndexedCorpus, embedder: Embedder, tmp_path_factory: pytest.TempPathFactory):  # noqa: F811
    """The app over the small indexed corpus (questions outside the follow-up are answered from it)."""
    data = tmp_path_factory.mktemp("fuzz-suivi")
    (data / "index").symlink_to(api_index.data / "index")
    app_settings = Settings(
        _env_file=None,
        data_dir=data,
        corpus_dirs=[api_index.corpus],
        suivi_tokens=f"{TOKEN}:*",
        rate_limit="100000/minute",
    )
    app = create_app(context=Context(app_settings, embedder=embedder))
    sample = Path(__file__).parent / "data" / "sample"
    files = [("files", (p.name, p.read_bytes(), "text/csv")) for p in sorted(sample.glob("*.csv"))]
    with TestClient(app) as client:
        assert (
            client.post("/api/suivi/import", files=files, headers={"Authorization": f"Bearer {TOKEN}"}).status_code
            == 200
        )
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize(("method", "path", "mode"), CASES, ids=[f"{m} {p} {mode}" for m, p, mode in CASES])
def test_follow_up_operation_never_fails(api_schema, method: str, path: str, mode: GenerationMode) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=15, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    def run(case) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKEN}"}
        response = case.call()
        case.validate_response(response, checks=[not_a_server_error, status_code_conformance, content_type_conformance])

    run()
