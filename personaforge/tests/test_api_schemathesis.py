"""schemathesis against our OpenAPI schema: generated requests to every operation, as the owner of real objects and
as another user naming the same objects, must never get a 500 or a response that breaks the schema; the other user
must never read the owner's objects.

The path ids are the owner's real objects (hypothesis fuzzes the rest: query strings and bodies), so each operation
reaches its real code rather than stopping at a 404. Requests go in-process through the WSGI application, inside the
test's transaction; nothing queued is sent (the worker is not needed).
"""

import json
import os
import re

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from accounts.models import Plan
from accounts.tests.factories import UserFactory
from accounts.tokens import token_create
from cvs.tests.factories import CVFactory, KnowledgeBaseEntryFactory
from exports.services import export_request
from gaps.postings.services import posting_create
from gaps.questions.services import questions_ask
from gaps.tests.factories import ApplicationFactory, CoverLetterFactory, GapReportFactory, TailoringFactory
from personas.tests.factories import demo_persona
from templates_app.selectors import builtin_templates
from templates_app.services import template_create

pytestmark = pytest.mark.django_db

_document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
schema = schemathesis.openapi.from_dict(_document)
schema.app = get_wsgi_application()
# Logging in is throttled by client address and proven elsewhere; a storm of generated passwords would only trip it.
schema = schema.exclude(path_regex=r"^/api/v1/auth/")

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
# The same examples on every run, so CI is never flaky; ST_EXAMPLES=200 ST_RANDOM=1 explores further.
EXAMPLES = settings(
    max_examples=int(os.environ.get("ST_EXAMPLES", "6")),
    derandomize=os.environ.get("ST_RANDOM") != "1",
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Django's WSGI handler closes the database connection after each request (the test client holds it open the
    same way): the test's transaction, with the owner's objects, must outlive every request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def owned():
    """The owner's objects, one of each kind the API names by id, and a token for the owner and for another user."""
    owner = UserFactory(email="owner@example.com", plan=Plan.PRO)
    other = UserFactory(email="other@example.com", plan=Plan.PRO)
    persona = demo_persona(owner)
    description = "We need a backend engineer with Python, PostgreSQL and Kubernetes, remote."
    job = posting_create(user=owner, title="Backend engineer", company="Initech", description=description)
    questions = questions_ask(user=owner, job=job, persona=persona)
    template = template_create(user=owner, name="Mine", type="cv", engine="markdown", body="# Me")
    export, _ = export_request(user=owner, persona=persona, template=builtin_templates(type="cv")[0], format="pdf")
    letter = CoverLetterFactory(user=owner, job=job, persona=persona, body="Dear team,")
    ids = {
        "personas": persona.pk,
        "jobs": job.pk,
        "question_pk": questions[0].pk if questions else None,
        "cvs": CVFactory(user=owner, status="parsed", parsed_json={}).pk,
        "knowledge-base": KnowledgeBaseEntryFactory(user=owner, type="skill", value="Go", source="user_answer").pk,
        "templates": template.pk,
        "exports": export.pk,
        "cover-letters": letter.pk,
        "applications": ApplicationFactory(user=owner, job=job, persona=persona).pk,
        "report_pk": GapReportFactory(persona=persona, type="general", status="succeeded").pk,
        "tailoring_pk": TailoringFactory(persona=persona, job=job).pk,
    }
    tokens = {
        who: token_create(user=user, name="schemathesis")[1] for who, user in (("owner", owner), ("other", other))
    }
    return ids, tokens


def _aim(case, ids):
    """Name the owner's real objects in the path: the collection's id, and any nested one."""
    match = re.match(r"^/api/v1/(?:team/)?([\w-]+)/", case.operation.path)
    params = dict(case.path_parameters or {})
    if "id" in params and match and ids.get(match.group(1)):
        params["id"] = str(ids[match.group(1)])
    for name in ("question_pk", "report_pk", "tailoring_pk"):
        if name in params and ids.get(name):
            params[name] = str(ids[name])
    if "number" in params:
        params["number"] = 1
    case.path_parameters = params


@schema.parametrize()
@EXAMPLES
def test_as_the_owner_no_request_gets_a_500_or_breaks_the_schema(case, owned):
    ids, tokens = owned
    _aim(case, ids)
    case.call_and_validate(headers={"Authorization": f"Bearer {tokens['owner']}"}, checks=CHECKS)


@schema.parametrize()
@EXAMPLES
def test_as_another_user_no_request_reaches_the_owners_objects(case, owned):
    ids, tokens = owned
    _aim(case, ids)
    response = case.call_and_validate(headers={"Authorization": f"Bearer {tokens['other']}"}, checks=CHECKS)
    names_an_owned_object = "{id}" in case.operation.path and not case.operation.path.startswith("/api/v1/team/")
    # OPTIONS (sent to check the methods an operation allows) describes the endpoint, never an object.
    if names_an_owned_object and case.method.upper() != "OPTIONS":
        assert response.status_code in (400, 404, 405), (case.method, case.operation.path, response.status_code)
