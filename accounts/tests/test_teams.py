"""Teams: the lead invites by email, reads members' personas, removes members and hands on the lead; every team
permission holds against members, other teams and crafted requests."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from accounts.limits import limits_for
from accounts.models import TeamInvitation, User
from accounts.tests.factories import UserFactory
from accounts.tests.mail import deliver_queued
from personas.services import persona_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(client):
    user = UserFactory(email="lead@agency.example", plan="team")
    client.force_login(user)
    client.post(reverse("team_create"), {"name": "Northwind Agency"})
    user.refresh_from_db()
    return user


def _invite(client, email):
    with_captured = len(mail.outbox)
    with TestCase.captureOnCommitCallbacks(execute=True):  # the email goes once the invitation is saved
        client.post(reverse("team_invite"), {"email": email})
    deliver_queued()  # as the worker does
    body = mail.outbox[with_captured].body if len(mail.outbox) > with_captured else ""
    match = re.search(r"/team/join/([\w-]+)", body)
    return match.group(1) if match else None


def test_a_lead_invites_a_member_who_joins_and_is_covered_by_the_team_plan(
    client, lead, django_capture_on_commit_callbacks
):
    assert lead.team.name == "Northwind Agency" and lead.team.owner == lead
    member = UserFactory(email="ana@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        token = _invite(client, "Ana@Example.com")
    assert token and mail.outbox[-1].to == ["Ana@Example.com"] and "Northwind Agency" in mail.outbox[-1].subject
    assert not limits_for(member).tailoring

    client.force_login(member)
    page = client.get(reverse("team_join", args=[token])).content.decode()
    assert "Join “Northwind Agency”" in page
    assert client.post(reverse("team_join", args=[token])).status_code == 302
    member.refresh_from_db()
    assert member.team == lead.team and limits_for(member).tailoring  # the team's plan covers them
    response = client.post(reverse("team_join", args=[token]))
    assert response.status_code == 400 and "used already" in response.content.decode()


def test_the_lead_reads_members_personas_and_members_cannot_read_each_other(
    client, lead, django_capture_on_commit_callbacks
):
    ana, bo = UserFactory(email="ana@example.com"), UserFactory(email="bo@example.com")
    for person in (ana, bo):
        person.team = lead.team
        person.save()
    secret = persona_create(user=ana, title="Ana's data engineer")
    page = client.get(reverse("team_member", args=[ana.pk]) + f"?persona={secret.pk}").content.decode()
    assert "Ana&#x27;s data engineer" in page and "edits their own personas" in page
    client.force_login(bo)  # a member is not a lead
    assert client.get(reverse("team_member", args=[ana.pk])).status_code == 404
    assert client.get(reverse("persona_detail", args=[secret.pk])).status_code == 404
    assert client.post(reverse("team_member_action", args=[ana.pk, "remove"])).status_code == 404
    assert client.post(reverse("team_invite"), {"email": "x@example.com"}).status_code == 404
    assert not TeamInvitation.objects.filter(email="x@example.com").exists()


def test_a_lead_of_another_team_reaches_nothing_of_this_one(client, lead):
    ana = UserFactory(email="ana@example.com", team=lead.team)
    other_lead = UserFactory(email="lead@other.example", plan="team")
    client.force_login(other_lead)
    client.post(reverse("team_create"), {"name": "Other"})
    assert client.get(reverse("team_member", args=[ana.pk])).status_code == 404
    assert client.post(reverse("team_member_action", args=[ana.pk, "remove"])).status_code == 404
    # The invitation goes out as to anyone: whether an address has an account, or a team, is not the lead's to learn.
    token = _invite(client, "ana@example.com")
    answer = client.get(reverse("team")).content.decode()
    assert "ana@example.com" in answer and "another team" not in answer and "Northwind" not in answer
    client.force_login(ana)  # the link tells Ana herself
    joined = client.post(reverse("team_join", args=[token]))
    assert joined.status_code == 400 and "You are in another team" in joined.content.decode()
    ana.refresh_from_db()
    assert ana.team == lead.team


def test_a_removed_member_loses_access_at_once_and_keeps_their_data(client, lead):
    ana = UserFactory(email="ana@example.com", team=lead.team)
    persona_create(user=ana, title="Mine")
    client.post(reverse("team_member_action", args=[ana.pk, "remove"]))
    ana.refresh_from_db()
    assert ana.team is None and not limits_for(ana).tailoring and ana.personas.count() == 1
    assert client.get(reverse("team_member", args=[ana.pk])).status_code == 404


def test_the_lead_is_handed_on_with_the_plan(client, lead):
    ana = UserFactory(email="ana@example.com", team=lead.team)
    client.post(reverse("team_member_action", args=[ana.pk, "lead"]))
    ana.refresh_from_db()
    lead.refresh_from_db()
    assert ana.team.owner == ana and ana.plan == "team" and lead.plan == "free"
    assert limits_for(lead).tailoring  # still a member, covered by the team
    assert ana.plan_changes.get().reason.startswith("Lead of “Northwind Agency” handed")


def test_invitations_that_expire_are_refused_and_seats_are_counted(client, lead, settings):
    invitation_token = _invite(client, "late@example.com")
    TeamInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    late = UserFactory(email="late@example.com")
    client.force_login(late)
    response = client.post(reverse("team_join", args=[invitation_token or "x"]))
    assert response.status_code == 400 and late.team_id is None
    assert client.get(reverse("team_join", args=["forged-token-value-1234"])).status_code == 400
    someone = UserFactory(email="someone@example.com")
    client.force_login(lead)
    token = _invite(client, "ana@example.com")
    client.force_login(someone)  # the link for ana, opened by someone else
    response = client.post(reverse("team_join", args=[token or "x"]))
    assert response.status_code == 400 and "log in with that address" in response.content.decode()

    from accounts import limits

    client.force_login(lead)
    settings_seats = limits.PLANS["team"].team_seats
    User.objects.bulk_create([User(email=f"m{i}@example.com", team=lead.team) for i in range(settings_seats - 2)])
    response = client.post(reverse("team_invite"), {"email": "one-too-many@example.com"}, follow=True)
    assert "all are taken or invited" in response.content.decode()


def test_free_users_cannot_start_a_team(owner_client, user):
    response = owner_client.post(reverse("team_create"), {"name": "Mine"}, follow=True)
    assert "part of the Team plan" in response.content.decode()
    user.refresh_from_db()
    assert user.team is None


def test_a_lead_whose_plan_lapsed_reads_no_members_personas_and_bad_addresses_are_refused(client, lead):
    response = client.post(reverse("team_invite"), {"email": "not an address"}, follow=True)
    assert "Give the email address" in response.content.decode() and not TeamInvitation.objects.exists()
    ana = UserFactory(email="ana@example.com", team=lead.team)
    lead.plan = "free"
    lead.save()
    assert client.get(reverse("team_member", args=[ana.pk])).status_code == 404


def test_a_persona_the_lead_shares_is_read_by_the_team_and_by_no_one_else(client, lead):
    ana, bo = UserFactory(email="ana@example.com", team=lead.team), UserFactory(email="bo@example.com", team=lead.team)
    shared = persona_create(user=ana, title="Data engineer")
    outsider = UserFactory(email="out@example.com")
    client.force_login(bo)  # a member cannot share
    assert client.post(reverse("team_persona_share", args=[shared.pk])).status_code == 404
    assert client.get(reverse("team_shared_persona", args=[shared.pk])).status_code == 404  # not shared yet

    client.force_login(lead)
    assert client.post(reverse("team_persona_share", args=[shared.pk])).status_code == 302
    client.force_login(bo)
    assert "Data engineer" in client.get(reverse("team")).content.decode()
    page = client.get(reverse("team_shared_persona", args=[shared.pk]))
    assert page.status_code == 200 and "shared with the team by your lead" in page.content.decode()
    assert client.get(reverse("persona_detail", args=[shared.pk])).status_code == 404  # read, never edit
    client.force_login(outsider)
    assert client.get(reverse("team_shared_persona", args=[shared.pk])).status_code == 404

    client.force_login(lead)
    client.post(reverse("team_persona_share", args=[shared.pk]), {"share": "off"})
    client.force_login(bo)
    assert client.get(reverse("team_shared_persona", args=[shared.pk])).status_code == 404
    client.force_login(lead)
    client.post(reverse("team_persona_share", args=[shared.pk]))
    client.post(reverse("team_member_action", args=[ana.pk, "remove"]))  # she leaves: her persona with her
    client.force_login(bo)
    assert client.get(reverse("team_shared_persona", args=[shared.pk])).status_code == 404
    assert 'id="shared"' not in client.get(reverse("team")).content.decode()
    ana.refresh_from_db()
    ana.team = lead.team  # invited and back again: what was shared before is not shared again
    ana.save()
    assert client.get(reverse("team_shared_persona", args=[shared.pk])).status_code == 404
