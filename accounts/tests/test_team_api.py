"""The API does what the plan, account and team pages do, scoped to the caller's own account and team."""

import re

import pytest
from django.core import mail
from django.test import TestCase

from accounts.models import Plan
from accounts.tests.factories import UserFactory
from accounts.tests.mail import deliver_queued
from exports.models import TeamProposal
from gaps.postings.services import posting_create
from personas.services import persona_create
from templates_app.selectors import builtin_templates

pytestmark = pytest.mark.django_db


def _json(client, method, url, data=None):
    response = getattr(client, method)(url, data, content_type="application/json")
    return response.status_code, (response.json() if response.content else None)


def test_the_plan_and_its_usage(client):
    user = UserFactory(plan=Plan.FREE)
    persona_create(user=user, title="Backend")
    client.force_login(user)
    code, plan = _json(client, "get", "/api/v1/plan/")
    assert code == 200 and plan["plan"] == "free" and plan["personas"] == 1 and plan["limits"]["personas"] == 1
    assert plan["limits"]["tailoring"] is False and plan["exports_this_month"] == 0


def test_tokens_are_shown_once_work_and_stop_working_when_revoked(client):
    user, other = UserFactory(), UserFactory()
    client.force_login(user)
    code, made = _json(client, "post", "/api/v1/tokens/", {"name": "CLI"})
    assert code == 201 and made["token"].startswith("pf_")
    listed = _json(client, "get", "/api/v1/tokens/")[1]
    assert [t["name"] for t in listed] == ["CLI"] and "token" not in listed[0]
    client.logout()
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {made['token']}"}
    assert client.get("/api/v1/me", **bearer).json()["email"] == user.email
    client.force_login(other)
    assert client.delete(f"/api/v1/tokens/{made['id']}/").status_code == 404  # not theirs
    client.force_login(user)
    assert client.delete(f"/api/v1/tokens/{made['id']}/").status_code == 204
    client.logout()
    assert client.get("/api/v1/me", **bearer).status_code == 401


def test_a_lead_runs_the_team_from_the_api_and_a_member_joins_and_agrees(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    lead, ana = UserFactory(plan=Plan.TEAM, email="lead@agency.example"), UserFactory(email="ana@example.com")
    client.force_login(lead)
    assert _json(client, "post", "/api/v1/team/", {"name": "Northwind"})[0] == 201
    with TestCase.captureOnCommitCallbacks(execute=True):
        code, invitation = _json(client, "post", "/api/v1/team/invitations/", {"email": "ana@example.com"})
    assert code == 201 and invitation["email"] == "ana@example.com"
    deliver_queued()
    token = re.search(r"/team/join/([\w-]+)", mail.outbox[-1].body).group(1)

    client.force_login(ana)
    assert _json(client, "post", "/api/v1/team/invitations/", {"email": "x@example.com"})[0] == 404  # not a lead
    code, team = _json(client, "post", "/api/v1/team/join/", {"token": token})
    assert code == 200 and team["name"] == "Northwind" and team["is_lead"] is False
    assert {member["email"] for member in team["members"]} == {"ana@example.com", lead.email}  # as the team page
    assert _json(client, "post", "/api/v1/team/join/", {"token": token})[0] == 400  # used already
    hers = persona_create(user=ana, title="Data engineer")

    client.force_login(lead)
    assert _json(client, "get", "/api/v1/team/")[1]["members"][0]["email"] == "ana@example.com"
    assert client.put(f"/api/v1/team/personas/{hers.pk}/share/").status_code == 204
    job = posting_create(user=lead, title="Data platform", description="We need a data engineer who knows SQL well.")
    proposal = {"job": str(job.pk), "personas": [str(hers.pk)], "template": str(builtin_templates(type="cv")[0].pk)}
    code, made = _json(client, "post", "/api/v1/team/proposals/", proposal)
    assert code == 201 and made["awaiting"] is True and made["members"][0]["consent"] == "asked"
    assert client.get(f"/api/v1/team/proposals/{made['id']}/download/").status_code == 404  # no PDF yet

    client.force_login(ana)
    assert _json(client, "get", "/api/v1/team/shared/")[1] == []  # her own is not listed to her
    code, agreed = _json(client, "post", f"/api/v1/team/proposals/{made['id']}/consent/", {"agree": True})
    assert code == 200 and agreed["awaiting"] is False and agreed["members"][0]["consent"] == "given"
    assert _json(client, "post", f"/api/v1/team/proposals/{made['id']}/consent/", {"agree": False})[0] == 409

    client.force_login(lead)
    assert _json(client, "post", f"/api/v1/team/proposals/{made['id']}/make-now/")[0] == 409  # not waiting
    assert _json(client, "patch", "/api/v1/team/", {"ask_consent": False})[1]["ask_consent"] is False
    assert client.post(f"/api/v1/team/members/{ana.pk}/remove/").status_code == 204
    ana.refresh_from_db()
    assert ana.team is None and ana.personas.count() == 1


def test_nothing_of_one_team_is_reached_from_another(client):
    lead, other_lead = UserFactory(plan=Plan.TEAM), UserFactory(plan=Plan.TEAM)
    client.force_login(lead)
    _json(client, "post", "/api/v1/team/", {"name": "Northwind"})
    lead.refresh_from_db()
    ana = UserFactory(team=lead.team)
    hers = persona_create(user=ana, title="Data engineer")
    job = posting_create(user=lead, title="Data platform", description="We need a data engineer who knows SQL well.")
    proposal = {"job": str(job.pk), "personas": [str(hers.pk)], "template": str(builtin_templates(type="cv")[0].pk)}
    made = _json(client, "post", "/api/v1/team/proposals/", proposal)[1]

    client.force_login(other_lead)
    _json(client, "post", "/api/v1/team/", {"name": "Elsewhere"})
    assert client.post(f"/api/v1/team/members/{ana.pk}/remove/").status_code == 404
    assert client.put(f"/api/v1/team/personas/{hers.pk}/share/").status_code == 404
    assert client.get(f"/api/v1/team/personas/{hers.pk}/").status_code == 404
    assert _json(client, "post", "/api/v1/team/proposals/", proposal)[0] == 404  # her persona is not theirs
    assert _json(client, "post", f"/api/v1/team/proposals/{made['id']}/make-now/")[0] == 409
    assert client.get(f"/api/v1/team/proposals/{made['id']}/download/").status_code == 404
    assert _json(client, "get", "/api/v1/team/proposals/")[1] == []
    assert TeamProposal.objects.get().awaiting is True


def test_a_job_is_polled_the_archive_downloaded_and_deletion_scheduled_from_the_api(client, other_user):
    from personaforge.account_archive import account_archive_run

    user = UserFactory(email="me@example.com")
    persona_create(user=user, title="Backend")
    client.force_login(user)
    code, queued = _json(client, "post", "/api/v1/account/archive/")
    assert code == 202
    assert _json(client, "get", f"/api/v1/background-jobs/{queued['background_job']}/")[1]["status"] == "queued"
    account_archive_run(job_id=queued["background_job"])
    assert _json(client, "get", f"/api/v1/background-jobs/{queued['background_job']}/")[1]["status"] == "succeeded"
    download = client.get(f"/api/v1/account/archive/{queued['background_job']}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"PK")
    client.force_login(other_user)  # someone else's job and archive do not exist for them
    assert client.get(f"/api/v1/background-jobs/{queued['background_job']}/").status_code == 404
    assert client.get(f"/api/v1/account/archive/{queued['background_job']}/").status_code == 404

    client.force_login(user)
    assert _json(client, "post", "/api/v1/account/deletion/", {"confirm": "wrong@example.com"})[0] == 400
    code, scheduled = _json(client, "post", "/api/v1/account/deletion/", {"confirm": "ME@example.com"})
    assert code == 200 and scheduled["deletion_due_at"]
    assert _json(client, "delete", "/api/v1/account/deletion/")[1]["deletion_due_at"] is None
