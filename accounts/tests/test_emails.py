"""Emails: queued once, sent by the worker (here: deliver_queued, as the worker does), each with a signed one-click
unsubscribe that works without logging in and is honoured at once; reminders and digests go once per day or week."""

from datetime import date, timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from accounts import emails
from accounts.models import EmailKind, SentEmail
from accounts.tests.factories import UserFactory
from accounts.tests.mail import deliver_queued
from cvs.services import cv_read, cv_upload
from exports.services import export_request, export_run
from gaps.applications.reminders import digests_send, reminders_send_due
from gaps.postings.services import posting_create
from gaps.tests.factories import ApplicationFactory
from personas.tests.factories import demo_persona
from templates_app.selectors import builtin_templates

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 12, 7)


def _unsubscribe_path(message) -> str:
    """The path of the message's one-click link (it names SITE_URL's host)."""
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    return link[link.index("/email/unsubscribe/") :]


def test_an_export_email_is_sent_by_the_worker_with_html_text_and_a_one_click_unsubscribe(client, user):
    persona = demo_persona(user)
    _export, background = export_request(
        user=user, persona=persona, template=builtin_templates(type="cv")[0], format="markdown"
    )
    export_run(job_id=background.pk)
    assert mail.outbox == [] and SentEmail.objects.get().kind == "export_ready"  # queued, not sent in the request
    assert deliver_queued() == 1 and deliver_queued() == 0  # a second delivery sends nothing again
    assert SentEmail.objects.get().context == {}  # the links it carried live in the inbox only
    message = mail.outbox[0]
    assert message.to == [user.email] and message.subject == "Your Markdown of “Payments backend engineer” is ready"
    assert "/exports" in message.body and message.alternatives[0][1] == "text/html"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    path = link[link.index("/email/unsubscribe/") :]
    assert "Stop these emails?" in client.get(path).content.decode()  # no login needed
    assert "gets no more" in client.post(path).content.decode()
    assert emails.subscribed(user.email, EmailKind.EXPORT_READY) is False
    assert emails.subscribed(user.email, EmailKind.FOLLOW_UP_REMINDER) is True  # one kind at a time
    export_run(
        job_id=export_request(user=user, persona=persona, template=builtin_templates(type="cv")[0], format="markdown")[
            1
        ].pk
    )
    assert deliver_queued() == 0 and len(mail.outbox) == 1


def test_a_forged_or_mangled_link_changes_nothing(client, user):
    for token in (
        "forged",
        emails.signing.dumps({"e": user.email, "k": "export_ready"}, salt="another-salt"),
        emails.signing.dumps({"e": user.email, "k": "everything"}, salt=emails._SALT),
    ):
        response = client.post(reverse("email_unsubscribe", args=[token]))
        assert response.status_code == 400 and "not valid" in response.content.decode()
    assert emails.subscribed(user.email, EmailKind.EXPORT_READY) is True


def test_unsubscribing_is_honoured_for_an_email_already_queued(user):
    sent = emails.email_queue(to=user.email, kind=EmailKind.EXPORT_READY, context={"persona": "x", "format": "PDF"})
    emails.preference_set(email=user.email.upper(), kind=EmailKind.EXPORT_READY, subscribed=False)
    deliver_queued()
    sent.refresh_from_db()
    assert mail.outbox == [] and sent.sent_at is None and sent.skipped.startswith("unsubscribed")


class DownBackend(EmailBackend):
    def send_messages(self, messages):
        raise SMTPServerDisconnected("the mail server is down")


def test_a_mail_server_that_is_down_loses_nothing(user, settings):
    emails.email_queue(to=user.email, kind=EmailKind.EXPORT_READY, context={"persona": "x", "format": "PDF"})
    settings.EMAIL_BACKEND = "accounts.tests.test_emails.DownBackend"
    with pytest.raises(SMTPServerDisconnected):  # the task retries on this, with growing waits
        deliver_queued()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver_queued() == 1 and len(mail.outbox) == 1


def test_a_cv_that_cannot_be_read_is_emailed_with_the_reason(user):
    _cv, job = cv_upload(user=user, file=SimpleUploadedFile("cv.pdf", b"%PDF-1.4 this is not really a pdf"))
    cv_read(job_id=job.pk)
    deliver_queued()
    assert mail.outbox[0].subject == "We could not read your CV “cv.pdf”"
    assert "damaged" in mail.outbox[0].body and "/upload" in mail.outbox[0].body


def _application(user, *, on, status="applied", step="Call Bo about the second round"):
    description = "We need a platform engineer who knows Kubernetes and Terraform well."
    job = posting_create(user=user, title="Platform engineer", company="Initech", description=description)
    return ApplicationFactory(user=user, job=job, status=status, next_step=step, next_step_on=on)


def test_a_reminder_goes_once_on_the_day_even_from_two_beats(user, other_user):
    _application(user, on=MONDAY)
    _application(other_user, on=MONDAY + timedelta(days=1))  # not today
    _application(other_user, on=MONDAY, status="rejected")  # closed
    assert reminders_send_due(today=MONDAY) == 1
    assert reminders_send_due(today=MONDAY) == 0  # a second beat process, by mistake
    deliver_queued()
    assert [m.subject for m in mail.outbox] == ["Today: Call Bo about the second round"]
    assert mail.outbox[0].to == [user.email] and "/apply/" in mail.outbox[0].body


def test_the_weekly_digest_is_opt_in_and_weekly(user, other_user):
    _application(user, on=MONDAY + timedelta(days=3))
    _application(user, on=MONDAY - timedelta(days=2), step="Send the portfolio")  # overdue
    _application(other_user, on=MONDAY + timedelta(days=2))
    assert digests_send(today=MONDAY) == 0  # nobody asked for it
    emails.preference_set(email=user.email, kind=EmailKind.WEEKLY_DIGEST, subscribed=True)
    assert digests_send(today=MONDAY) == 1 and digests_send(today=MONDAY + timedelta(days=2)) == 0  # same week
    deliver_queued()
    message = mail.outbox[0]
    assert message.subject == "Your week ahead: 2 applications with a next step" and "1 of them overdue" in message.body
    assert digests_send(today=MONDAY + timedelta(days=7)) == 1  # next week


def test_team_invitations_come_from_the_worker_and_can_be_stopped(client):
    from accounts.teams import invitation_create, team_create

    lead = UserFactory(plan="team", name="Lee Lead")
    team = team_create(user=lead, name="Northwind")
    invitation_create(team=team, email="Ana@Example.com", by=lead, site="http://testserver/")
    assert mail.outbox == []
    deliver_queued()
    message = mail.outbox[0]
    assert (
        message.subject == "Lee Lead invites you to the team “Northwind” on PersonaForge"
        and "/team/join/" in message.body
    )
    client.post(_unsubscribe_path(message))
    assert emails.subscribed("ana@example.com", EmailKind.TEAM_INVITATION) is False


def test_the_account_page_sets_each_kind(owner_client, user):
    page = owner_client.get(reverse("account")).content.decode()
    assert 'name="weekly_digest"' in page and 'name="export_ready" checked' in page
    owner_client.post(reverse("email_choices"), {"weekly_digest": "on", "follow_up_reminder": "on"})
    assert emails.subscribed(user.email, EmailKind.WEEKLY_DIGEST) is True
    assert emails.subscribed(user.email, EmailKind.EXPORT_READY) is False


def test_emails_come_in_the_users_language_where_we_have_it(user, other_user):
    user.language = "de"
    user.save()
    _application(user, on=MONDAY)
    emails.preference_set(email=user.email, kind=EmailKind.WEEKLY_DIGEST, subscribed=True)
    reminders_send_due(today=MONDAY)
    digests_send(today=MONDAY)
    emails.email_queue(
        to=other_user.email,
        kind=EmailKind.CV_FAILED,
        language="xx",  # one we do not write: English
        context={"filename": "cv.pdf", "reason": "It is damaged."},
    )
    deliver_queued()
    german = {m.subject: m for m in mail.outbox if m.to == [user.email]}
    subjects = emails.strings("de")["subjects"]
    reminder = subjects["follow_up_reminder"].format(next_step="Call Bo about the second round")
    digest = subjects["weekly_digest"].format(count=1)
    assert set(german) == {reminder, digest} and reminder != "Today: Call Bo about the second round"
    assert "7. Dez" in german[digest].body or "7 Dez" in german[digest].body  # the day, in German too
    assert "Stop these emails" not in german[digest].alternatives[0][0] and "Wochenüberblick" in german[digest].body
    english = next(m for m in mail.outbox if m.to == [other_user.email])
    assert english.subject == "We could not read your CV “cv.pdf”"


def test_a_new_user_gets_their_browsers_language_and_can_change_it(client):
    form = {"email": "neu@example.com", "password1": "a-long-Pass-phrase-9", "password2": "a-long-Pass-phrase-9"}
    client.post(reverse("account_signup"), form, HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    from accounts.models import User

    user = User.objects.get(email="neu@example.com")
    assert user.language == "de"
    client.force_login(user)
    assert (
        client.patch("/api/v1/me", {"name": "Neu", "language": "fr"}, content_type="application/json").json()[
            "language"
        ]
        == "fr"
    )


def test_a_line_break_in_what_a_subject_names_does_not_lose_the_email(user):
    step = "Call Bo\r\nBcc: someone@example.com"
    emails.email_queue(to=user.email, kind=EmailKind.FOLLOW_UP_REMINDER, context={"next_step": step, "url": "/"})
    deliver_queued()
    assert mail.outbox[0].subject == "Today: Call Bo Bcc: someone@example.com" and mail.outbox[0].bcc == []
