"""The periodic sweep: work the broker never got is sent again, work stuck for hours is failed with a message,
and made files are deleted after their keeping time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.data import account_archive_request, archive_path, archives_expire
from accounts.emails import email_queue
from accounts.models import EmailKind, SentEmail
from cvs.services import cv_upload
from exports.retention import exports_expire
from exports.services import export_request, export_run
from personaforge import sweeps
from personaforge.account_archive import account_archive_run
from personaforge.core.models import BackgroundJob
from personas.tests.factories import demo_persona
from templates_app.selectors import builtin_templates

pytestmark = pytest.mark.django_db


def _age(rows, by: timedelta) -> None:
    for row in rows:
        type(row).objects.filter(pk=row.pk).update(created_at=row.created_at - by)


def test_a_job_the_broker_never_got_is_sent_by_the_next_sweep(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):  # as if the broker refused it: nothing was sent
        _cv, job = cv_upload(user=user, file=SimpleUploadedFile("cv.txt", b"Jane Doe\nData engineer"))
    assert sweeps.jobs_send_unsent() == 0  # it may still be on its way
    _age([job], by=sweeps.SEND_GRACE)
    assert sweeps.jobs_send_unsent() == 1
    job.refresh_from_db()
    assert job.task == "cvs.tasks.cv_read_task" and job.task_args == [] and job.task_sent_at is not None
    assert sweeps.jobs_send_unsent() == 0


def test_a_sent_job_nobody_took_for_long_is_sent_once_more(user):
    _cv, job = cv_upload(user=user, file=SimpleUploadedFile("cv.txt", b"Jane Doe"))
    BackgroundJob.objects.filter(pk=job.pk).update(
        task_sent_at=timezone.now() - sweeps.LOST_AFTER - timedelta(seconds=1)
    )
    assert sweeps.jobs_send_unsent() == 1
    assert sweeps.jobs_send_unsent() == 0


def test_a_job_stuck_for_hours_is_failed_with_its_object_and_the_page_says_so(user, owner_client):
    cv, job = cv_upload(user=user, file=SimpleUploadedFile("cv.txt", b"Jane Doe"))
    BackgroundJob.objects.filter(pk=job.pk).update(status="running")
    _age([job], by=sweeps.GIVE_UP_AFTER + timedelta(minutes=1))
    _fresh, fresh_job = cv_upload(user=user, file=SimpleUploadedFile("cv2.txt", b"Jane Doe"))

    assert sweeps.jobs_fail_stale() == 1
    job.refresh_from_db()
    cv.refresh_from_db()
    assert job.status == "failed" and job.error == sweeps.STALE_MESSAGE
    assert cv.status == "failed" and cv.error == sweeps.STALE_MESSAGE  # the task's own hook marked the CV
    assert BackgroundJob.objects.get(pk=fresh_job.pk).status == "queued"  # young work is left alone
    assert sweeps.STALE_MESSAGE in owner_client.get(reverse("cv_detail", args=[cv.pk])).content.decode()


def test_an_email_the_broker_never_got_is_sent_by_the_sweep(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        sent = email_queue(to=user.email, kind=EmailKind.EXPORT_READY, context={"name": "Jane"}, key="k1")
    assert sent is not None
    _age([sent], by=sweeps.SEND_GRACE)
    assert sweeps.emails_send_unsent() == 1
    assert SentEmail.objects.get(pk=sent.pk).task_sent_at is not None
    assert sweeps.emails_send_unsent() == 0


def test_export_files_are_deleted_after_their_keeping_time_and_the_list_says_so(user, owner_client, settings):
    settings.EXPORT_KEEP_DAYS = 30
    persona = demo_persona(user)
    template = builtin_templates(type="cv")[0]
    old, background = export_request(user=user, persona=persona, template=template, format="markdown")
    export_run(job_id=background.pk)
    recent, background = export_request(user=user, persona=persona, template=template, format="markdown")
    export_run(job_id=background.pk)
    old.refresh_from_db()
    recent.refresh_from_db()
    name = old.file.name
    _age([old], by=timedelta(days=31))

    assert exports_expire() == 1
    old.refresh_from_db()
    assert old.status == "done" and not old.file and not default_storage.exists(name)
    assert default_storage.exists(recent.file.name)
    assert owner_client.get(reverse("export_download", args=[old.pk])).status_code == 404
    assert "no longer kept" in owner_client.get(reverse("export_list")).content.decode()
    assert exports_expire() == 0


def test_data_archives_are_deleted_after_their_keeping_time(user, settings):
    settings.ARCHIVE_KEEP_DAYS = 7
    job = account_archive_request(user=user)
    account_archive_run(job_id=job.pk)
    assert default_storage.exists(archive_path(job.pk))
    _age([job], by=timedelta(days=8))
    assert archives_expire() == 1
    assert not default_storage.exists(archive_path(job.pk))
    assert not BackgroundJob.objects.filter(pk=job.pk).exists()


def test_the_sweeps_are_scheduled(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"personaforge.tasks.background_sweep_task", "personaforge.tasks.files_expire_task"} <= tasks
