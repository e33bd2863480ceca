"""API fuzzing: every operation of the committed OpenAPI schema, driven by
schemathesis in-process against Django's WSGI application, as the demo town's
officer with an API token (security.md: "every field validated on the server
... schemathesis: no 500 answers").

Each operation gets positive cases (data that fits the schema) and negative
cases (data that does not), checked for server errors, response schema
conformance, ignored authentication and the rejection of negative data. The
cases are derandomized and bounded, so a run sends the same requests each time
and takes a few minutes at most. Every case runs in a savepoint that is rolled
back afterwards: each one starts from the same data (the demo foundation), and
a logout case cannot end the officer's token for the cases after it.
"""

from __future__ import annotations

import collections
import contextlib
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import negated_parameters
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    negative_data_rejection,
    response_schema_conformance,
)

from fazhi.core import demo as core_demo

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"
OFFICER = "officer"  # the demo town's enforcement officer (fazhi/core/demo/town.py)
# Cases per operation and mode; FAZHI_FUZZ_EXAMPLES=50 for a longer run by hand.
EXAMPLES = int(os.environ.get("FAZHI_FUZZ_EXAMPLES", "5"))
CHECKS = [not_a_server_error, response_schema_conformance, ignored_auth, negative_data_rejection]
ID_IN_PATH = re.compile(r"\{id\}")


@dataclass
class Tally:
    operations: int = 0
    cases: int = 0
    statuses: collections.Counter = field(default_factory=collections.Counter)
    server_errors: int = 0
    unsatisfiable: list[str] = field(default_factory=list)
    # (operation, check title) -> the first failing request, as a curl command and message
    failures: dict[tuple[str, str], str] = field(default_factory=dict)


@contextlib.contextmanager
def _requests_keep_the_test_connection() -> Iterator[None]:
    """Run requests through the real WSGI handler inside the test's transaction.

    Django closes a connection that is not in autocommit at the start and end of
    a request (close_old_connections), which would end the test transaction;
    Django's own test client disconnects it in the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _officer_token(client) -> str:
    r = client.post("/api/v1/auth/token/", {"username": OFFICER, "password": core_demo.DEMO_PASSWORD})
    assert r.status_code == 200, r.content
    return r.json()["token"]


def _first_visible_id(app_client, collection: str, headers: dict) -> int | None:
    """The id of the first record the officer sees in a list, to reach detail paths."""
    r = app_client.get(collection, headers=headers)
    if r.status_code != 200 or "json" not in r.headers.get("Content-Type", ""):
        return None
    body = r.json()
    rows = body.get("results", body) if isinstance(body, dict) else body
    if isinstance(rows, list) and rows and isinstance(rows[0], dict) and isinstance(rows[0].get("id"), int):
        return rows[0]["id"]
    return None


def _wire_value_fits(text: str, schema: dict) -> bool:
    """Whether a query value, as the server reads it, fits the parameter's schema."""
    if text == "":
        return True  # an empty value means "not given", as in an HTML form
    readers = {"integer": int, "number": float, "boolean": {"true": True, "false": False}.__getitem__}
    try:
        value = readers.get(schema.get("type"), str)(text)
    except (KeyError, ValueError):
        return False
    return jsonschema.Draft4Validator(schema).is_valid(value)


def _negation_lost_on_the_wire(case, response) -> bool:
    """Whether a negative case's invalid query values reached the server as valid ones.

    Query strings flatten values: an object or empty array is sent as `page=`,
    which means "not given" (the pages submit their filter bars with empty
    fields and share the API's filter sets), and a one-element array of numbers
    is sent as that number. Such a case is valid as sent, so the server rightly
    accepts it; the other checks still apply to it."""
    negated = list(negated_parameters(case.meta))
    if not negated or any(location != ParameterLocation.QUERY for _, location in negated):
        return False
    schemas = {parameter.name: parameter.definition.get("schema", {}) for parameter in case.operation.query}
    sent = parse_qs(urlsplit(response.request.url).query, keep_blank_values=True)
    return all(
        _wire_value_fits(text, schemas.get(name, {})) for name, _ in negated for text in sent.get(name, [])
    )


def _fuzz_operation(operation, mode: GenerationMode, known_id: int | None, tally: Tally) -> None:
    strategy = operation.as_strategy(generation_mode=mode)
    if known_id is not None:
        # Half the cases on a record the officer sees, so that detail, update and
        # step operations get past the 404 of a random id.
        strategy = st.one_of(
            strategy, operation.as_strategy(generation_mode=mode, path_parameters={"id": known_id})
        )

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case) -> None:
        tally.cases += 1
        savepoint = transaction.savepoint()
        try:
            response = case.call()
            tally.statuses[response.status_code] += 1
            if response.status_code >= 500:
                tally.server_errors += 1
            checks = CHECKS
            if _negation_lost_on_the_wire(case, response):
                checks = [c for c in CHECKS if c is not negative_data_rejection]
            try:
                case.validate_response(response, checks=checks)
            except FailureGroup as group:
                for failure in group.exceptions:
                    key = (operation.label, failure.title)
                    tally.failures.setdefault(
                        key, f"{failure.title}: {failure.message}\n{case.as_curl_command()}"
                    )
        finally:
            transaction.savepoint_rollback(savepoint)

    try:
        run()
    except Unsatisfiable:
        # Nothing in the operation can be made invalid (no parameters, no body).
        tally.unsatisfiable.append(f"{operation.label} ({mode.value})")


def test_every_api_operation_survives_fuzzing(client, capsys):
    core_demo.load(out=lambda s: None, up_to=core_demo.FOUNDATION)
    token = _officer_token(client)
    headers = {"Authorization": f"Token {token}"}

    # The token is the OpenAPI-aware auth of the run: schemathesis applies it to
    # every case and knows it as explicit (the ignored_auth check removes it).
    config = SchemathesisConfig.from_dict(
        {"auth": {"openapi": {"tokenAuth": {"api_key": headers["Authorization"]}}}}
    )
    schema = schemathesis.openapi.from_path(SCHEMA, config=config)
    schema.app = get_wsgi_application()
    tally = Tally()
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    # Looked up before the fuzzing: Django's test client reconnects close_old_connections.
    known_ids = {}
    for operation in operations:
        match = ID_IN_PATH.search(operation.path)
        if match:
            known_ids[operation.label] = _first_visible_id(client, operation.path[: match.start()], headers)
    with _requests_keep_the_test_connection():
        for operation in operations:
            tally.operations += 1
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                _fuzz_operation(operation, mode, known_ids.get(operation.label), tally)
    elapsed = time.monotonic() - started

    with capsys.disabled():
        print(
            f"\nAPI fuzz: {tally.operations} operations fuzzed, {tally.cases} cases generated "
            f"in {elapsed:.0f} s; statuses {dict(sorted(tally.statuses.items()))}; "
            f"{tally.server_errors} server errors, {len(tally.failures)} distinct failures; "
            f"no case could be generated for {len(tally.unsatisfiable)}: {', '.join(tally.unsatisfiable)}"
        )
    report = "\n\n".join(f"{label} — {text}" for (label, _), text in sorted(tally.failures.items()))
    assert tally.server_errors == 0 and not tally.failures, report
