"""Property-based fuzzing of every API operation with schemathesis, through the WSGI app (so it runs on
the test database), as the system admin and as the sibling school's officer.

Each operation gets valid and invalid inputs (``GenerationMode`` positive and negative, NUL bytes
included); half of the examples aim at real objects the persona can see, so the services behind the
access checks are fuzzed too. Checks: no server error, every status documented, responses match their
declared schema and content type. Bounded for CI: a few examples per operation, derandomized.
"""

from __future__ import annotations

import hypothesis.strategies as st
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from tests.factories_awards import make_decision
from thidua.accounts.services import api_token_issue

MAX_EXAMPLES = 12

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
schema.config.generation.update(modes=["positive", "negative"], max_examples=MAX_EXAMPLES, deterministic=True, database="none")

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def keep_connection():
    """Django's test client stops each request from closing the database connection; a bare WSGI call
    does not, and a closed connection would end the test's transaction. Do what the test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=["admin", "officer_school_b"])
def persona(request, world):
    return getattr(world, request.param)


@pytest.fixture
def targets(world):
    """Real ids per path parameter, all visible to both personas (school B's unit, person, decision…)."""
    from thidua.imports.models import ImportBatch

    decision = make_decision(issuer=world.school_b, number="1/QĐ-GK", awards=[("GK", world.person_b)])
    batch = ImportBatch.objects.create(
        kind="staff",
        unit=world.school_b,
        file="imports/x.xlsx",
        original_name="x.xlsx",
        sha256="0" * 64,
        created_by=world.admin,
        status="validated",
        summary={"error": 0},
        report={"rows": []},
    )
    return {
        "/api/v1/units/": world.school_b.pk,
        "/api/v1/people/": world.person_b.pk,
        "/api/v1/decisions/": decision.pk,
        "/api/v1/awards/": decision.awards.get().pk,
        "/api/v1/imports/": batch.pk,
        "/api/v1/catalogue/": decision.awards.get().kind_id,
        "eid": world.person_b.employments.values_list("pk", flat=True).first(),
    }


def _aim(case, targets) -> None:
    """Point the path parameters at real objects (the generated body and query stay as they are)."""
    params = case.path_parameters or {}
    for prefix, pk in targets.items():
        if "id" in params and case.path.startswith(prefix):
            params["id"] = pk
    if "eid" in params:
        params["eid"] = targets["eid"]
    if "school_year_code" in params:
        params["school_year_code"] = "2024-2025"
    if "kind" in params and case.path.startswith("/api/v1/imports/templates/"):
        params["kind"] = "staff"
    if isinstance(case.body, dict):  # unit references in the body: school B rather than a random number
        for key in ("unit", "parent", "issuer"):
            if key in case.body:
                case.body[key] = targets["/api/v1/units/"]


@pytest.mark.django_db
@schema.parametrize()
@schema.given(real=st.booleans())
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
def test_api_fuzz(case, real, persona, targets, keep_connection):
    if real:
        _aim(case, targets)
    token = api_token_issue(user=persona)
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
