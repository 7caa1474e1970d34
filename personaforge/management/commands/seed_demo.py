from __future__ import annotations

from pathlib import Path
from typing import Any

from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Plan, User
from cvs.services import cv_read, cv_upload
from personas.services import persona_create

DEMO_CV = Path(__file__).resolve().parents[2] / "demo" / "alex-morgan.resume.json"
DEMO_EMAIL, DEMO_PASSWORD = "demo@personaforge.local", "demo-persona-2026"
STAFF_EMAIL, STAFF_PASSWORD = "admin@personaforge.local", "admin-persona-2026"


class Command(BaseCommand):
    help = "Create the demo account (with a sample CV and persona) and a staff account; safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        if not User.objects.filter(email__iexact=STAFF_EMAIL).exists():
            staff = User.objects.create_superuser(STAFF_EMAIL, STAFF_PASSWORD, name="PersonaForge staff")
            _confirmed(staff)
        if not User.objects.filter(email__iexact=DEMO_EMAIL).exists():
            self._seed_demo_user()
        self.stdout.write(
            self.style.SUCCESS("Demo data ready.\n")
            + f"  Demo user:  {DEMO_EMAIL} / {DEMO_PASSWORD}\n"
            + f"  Staff user: {STAFF_EMAIL} / {STAFF_PASSWORD} (admin at /admin/)"
        )

    def _seed_demo_user(self) -> None:
        with transaction.atomic():
            user = User.objects.create_user(DEMO_EMAIL, DEMO_PASSWORD, name="Alex Morgan", plan=Plan.PRO)
            _confirmed(user)
            upload = SimpleUploadedFile(DEMO_CV.name, DEMO_CV.read_bytes(), content_type="application/json")
            cv, job = cv_upload(user=user, file=upload)
        # Read it here, with the worker's own service, so the persona can be prefilled now;
        # the queued task then finds the job done and does nothing.
        cv_read(job_id=job.pk)
        cv.refresh_from_db()
        persona_create(user=user, title="Backend engineer", tags=["python", "payments", "remote"], base_cv=cv)


def _confirmed(user: User) -> None:
    """The demo log-ins work at once: their (made-up) addresses count as confirmed."""
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
