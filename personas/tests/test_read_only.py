"""Above the plan's personas after a downgrade: everything is kept, the most recently worked on stays active, the
others are read-only on every path (page, editor, API, worker) until the user chooses them or upgrades."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Plan
from accounts.services import plan_change
from exports.models import Export
from exports.services import export_request, export_run
from exports.shares import share_create
from gaps.postings.services import posting_create
from gaps.tailoring.services import tailoring_decide, tailoring_request, tailoring_run
from personas.activity import PersonaReadOnly, persona_activate, persona_is_read_only
from personas.models import Persona
from personas.services import persona_create, persona_update
from templates_app.selectors import builtin_templates

pytestmark = pytest.mark.django_db


@pytest.fixture
def downgraded(user):
    """A Pro user with three personas, "Data" edited last, then back on Free."""
    plan_change(user=user, plan=Plan.PRO, source="staff", by=None, reason="test")
    backend, data, writer = (persona_create(user=user, title=title) for title in ("Backend", "Data", "Writer"))
    persona_update(persona=data, by=user, based_on=1, title="Data", summary="Analytics in SQL.", tags=[])
    plan_change(user=user, plan=Plan.FREE, source="billing", by=None, reason="cancelled")
    return backend, data, writer


def _state(*personas):
    return [persona_is_read_only(Persona.objects.get(pk=p.pk)) for p in personas]


def _versions(persona):
    return persona.versions.count()


def test_after_a_downgrade_the_last_worked_on_stays_active_and_nothing_is_deleted(downgraded, owner_client):
    backend, data, writer = downgraded
    assert _state(backend, data, writer) == [True, False, True]
    dashboard = owner_client.get(reverse("dashboard")).content.decode()
    assert dashboard.count(">read-only</span>") == 2 and all(p.title in dashboard for p in downgraded)
    page = owner_client.get(reverse("persona_detail", args=[backend.pk])).content.decode()
    assert "is read-only: your Free plan keeps 1 active persona" in page and "disabled" in page
    assert reverse("persona_export", args=[backend.pk]) not in page  # no export button on a read-only persona


def test_a_read_only_persona_cannot_be_changed_on_any_path(downgraded, owner_client, user):
    backend, _data, _writer = downgraded
    before = _versions(backend)
    edit = {"title": "Changed", "summary": "", "tags": "", "language": "en", "based_on": before}
    url = reverse("persona_detail", args=[backend.pk])
    page = owner_client.post(url, edit, HTTP_REFERER=f"http://testserver{url}")
    assert page.status_code == 302
    assert "read-only" in owner_client.get(page.url).content.decode()  # the message, on the page it came from
    in_place = owner_client.post(
        reverse("section_item_action", args=[backend.pk, "basics", 0, "toggle"]),
        {"based_on": before},
        HTTP_HX_REQUEST="true",
    )
    assert in_place.status_code == 200 and in_place.headers["HX-Refresh"] == "true"
    api = owner_client.patch(
        f"/api/v1/personas/{backend.pk}/", {"title": "Changed", "based_on": before}, content_type="application/json"
    )
    assert api.status_code == 403 and api.json()["code"] == "plan_limit"
    restore = owner_client.post(reverse("persona_restore", args=[backend.pk, 1]))
    assert restore.status_code == 403 and "read-only" in restore.content.decode()
    template = builtin_templates(type="cv")[0]
    exported = owner_client.post(
        "/api/v1/exports/",
        {"persona": str(backend.pk), "template": str(template.pk), "format": "pdf"},
        content_type="application/json",
    )
    assert exported.status_code == 403 and not Export.objects.filter(persona=backend).exists()
    with pytest.raises(PersonaReadOnly):
        share_create(user=user, persona=backend, template=template)
    backend.refresh_from_db()
    assert backend.title == "Backend" and _versions(backend) == before  # nothing changed anywhere


def test_a_read_only_persona_can_still_be_read_listed_and_deleted(downgraded, owner_client):
    backend, _data, _writer = downgraded
    assert owner_client.get(reverse("persona_detail", args=[backend.pk])).status_code == 200
    listed = {item["title"]: item["read_only"] for item in owner_client.get("/api/v1/personas/").json()["results"]}
    assert listed == {"Backend": True, "Data": False, "Writer": True}
    assert owner_client.post(reverse("persona_delete", args=[backend.pk])).status_code == 302
    assert not Persona.objects.filter(pk=backend.pk).exists()


def test_choosing_another_persona_makes_it_active_in_place_of_the_last(downgraded, owner_client):
    backend, data, writer = downgraded
    plan = owner_client.get(reverse("plan")).content.decode()
    assert "Which personas are active" in plan and plan.count("Make active") == 2
    answer = owner_client.post(reverse("persona_activate", args=[writer.pk]), {"next": "plan"})
    assert answer.status_code == 302 and answer.url == reverse("plan")
    assert _state(backend, data, writer) == [True, True, False]
    assert owner_client.post(f"/api/v1/personas/{backend.pk}/activate/").json()["read_only"] is False
    assert _state(backend, data, writer) == [False, True, True]
    edit = {"title": "Backend, again", "based_on": _versions(backend)}
    saved = owner_client.patch(f"/api/v1/personas/{backend.pk}/", edit, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["title"] == "Backend, again"


def test_upgrading_again_makes_every_persona_editable(downgraded, user):
    plan_change(user=user, plan=Plan.PRO, source="billing", by=None, reason="paid")
    assert _state(*downgraded) == [False, False, False]


def test_a_trial_that_ends_leaves_the_last_worked_on_active(user):
    user.trial_ends_at = timezone.now() + timezone.timedelta(days=3)
    user.save()
    first, second = persona_create(user=user, title="First"), persona_create(user=user, title="Second")
    assert _state(first, second) == [False, False]
    user.trial_ends_at = timezone.now() - timezone.timedelta(minutes=1)
    user.save()
    assert _state(first, second) == [True, False]


def test_the_worker_checks_again_an_export_queued_before_the_persona_became_read_only(downgraded, user):
    backend, data, _writer = downgraded
    export, background = export_request(
        user=user, persona=data, template=builtin_templates(type="cv")[0], format="markdown"
    )
    persona_activate(persona=backend)  # meanwhile the user chose Backend: Data is read-only when the worker runs
    export_run(job_id=background.pk)
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED and "read-only" in export.error and not export.file


def test_suggested_edits_cannot_be_accepted_once_the_persona_is_read_only(user):
    plan_change(user=user, plan=Plan.PRO, source="staff", by=None, reason="test")
    persona = persona_create(user=user, title="Backend")
    persona_update(
        persona=persona,
        by=user,
        based_on=1,
        title="Backend",
        summary="Python services.",
        tags=[],
        data={"skills": [{"name": "Skills", "keywords": ["Kubernetes", "Python"]}]},
    )
    job = posting_create(
        user=user,
        title="Engineer",
        description="We are hiring a backend engineer. You will build Python services and must know Python well; "
        "Kubernetes experience is a plus. Remote in Europe.",
    )
    tailoring, background = tailoring_request(persona=persona, job=job, by=user)
    tailoring_run(job_id=background.pk)
    tailoring.refresh_from_db()
    assert tailoring.edits, "the job asks first for what the persona lists second"
    persona_create(user=user, title="Newer")  # worked on last: the one Free keeps active
    plan_change(user=user, plan=Plan.FREE, source="billing", by=None, reason="cancelled")
    with pytest.raises(PersonaReadOnly):
        tailoring_decide(tailoring=tailoring, accept=[tailoring.edits[0]["id"]], reject=[], by=user)
    assert _versions(persona) == 2


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_the_browser_a_read_only_persona_shows_why_and_is_made_active_with_one_click(page, artifacts_dir):
    from playwright.sync_api import expect

    from accounts.tests.factories import UserFactory

    user = UserFactory(email="downgraded@example.com", plan=Plan.PRO)
    older = persona_create(user=user, title="Data consultant")
    persona_create(user=user, title="Backend engineer")
    plan_change(user=user, plan=Plan.FREE, source="billing", by=None, reason="cancelled")
    page.goto("/accounts/login/")
    page.get_by_label("Email:").fill("downgraded@example.com")
    page.get_by_label("Password:").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()

    page.goto(f"/persona/{older.pk}")
    expect(page.get_by_role("status").filter(has_text="is read-only")).to_be_visible()
    expect(page.get_by_role("button", name="Save as a new version")).to_be_disabled()
    page.screenshot(path=artifacts_dir / "persona-read-only.png", full_page=True)
    page.get_by_role("button", name="Make this one active").click()
    expect(page.get_by_text("“Data consultant” is active.")).to_be_visible()
    expect(page.get_by_role("button", name="Save as a new version")).to_be_enabled()
    page.goto("/plan")
    expect(page.locator("#active-personas")).to_contain_text("Backend engineer")
    page.screenshot(path=artifacts_dir / "plan-active-personas.png", full_page=True)
