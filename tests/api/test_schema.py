"""Contract test: schemathesis generates requests from the app's own OpenAPI description.

It runs against a real uvicorn on 127.0.0.1 with a key holding every scope, positive and
negative cases, and checks that no request makes a server error, that every status code
is one the description lists, and that every response matches its documented schema.
Bounded (a few dozen examples per operation) so it finishes in about a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.alerts.servers import URGENT
from tests.api.conftest import Api, make_api
from threatdesk import cases

pytestmark = pytest.mark.slow
EXAMPLES = 15


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def live_api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    if request.param == "sqlite":
        db = str(Path(tmp_path_factory.mktemp("schema")) / "api.db")
    else:
        db = request.getfixturevalue("pg_server_url")
    gen = make_api(db)
    api = next(gen)
    with api.client("all") as c:
        ids = [r["item_id"] for r in c.post("/api/v1/items?wait=true", json={"items": [{"text": t} for t in URGENT]}).json()["results"]]
    with api.store.transaction() as conn:
        cases.create(conn, title="Seeded case", item_ids=ids, actor="test")
    yield api
    gen.close()


def operations(api: Api) -> list[schemathesis.APIOperation]:
    schema = schemathesis.openapi.from_url(f"{api.url}/api/v1/openapi.json")
    return [result.ok() for result in schema.get_all_operations()]


# Schemathesis's pytest plugin does not load under this pytest; its Python API drives Hypothesis directly.
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"])
def test_no_server_errors_and_responses_match_the_description(live_api: Api, mode: GenerationMode) -> None:
    ops = operations(live_api)
    assert len(ops) == 6
    headers = {"Authorization": f"Bearer {live_api.keys['all']}"}
    for operation in ops:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(base_url=live_api.url, headers=headers,
                                   checks=[not_a_server_error, status_code_conformance, response_schema_conformance])

        check()
