"""Draw the first page of each built-in template with the demo persona, as the PNGs the template picker and the
README show: `python manage.py template_previews` after changing a template."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from templates_app.config import clean_config
from templates_app.document import cv_document, letter_document
from templates_app.rendering import BUILTINS, html_to_pdf, render_builtin

DEMO = Path(settings.BASE_DIR) / "personaforge" / "demo" / "alex-morgan.resume.json"
PREVIEWS = Path(settings.BASE_DIR) / "static" / "templates_app" / "previews"
LETTER = (
    "Hello Initech Pay team,\n\nI am writing about the Senior Python engineer role. At Northwind Payments I moved "
    "nightly reconciliation from a 6-hour batch to a streaming job that settles in under 10 minutes, and led the "
    "migration of 40 Django services from PostgreSQL 11 to 15 without downtime.\n\nI would be glad to talk about "
    "how this work could help your payments platform.\n\nKind regards,\nAlex Morgan"
)


class Command(BaseCommand):
    help = "Render the built-in templates' preview images into static/templates_app/previews."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dpi", type=int, default=40)

    def handle(self, *args: Any, dpi: int, **options: Any) -> None:
        PREVIEWS.mkdir(parents=True, exist_ok=True)
        data = json.loads(DEMO.read_text())
        summary = str(data.get("basics", {}).get("summary") or "")
        for builtin in BUILTINS.values():
            context: dict[str, Any] = {
                **cv_document(data=data, summary=summary, language="en"),
                "config": clean_config({}, defaults=builtin.defaults),
            }
            if builtin.type == "cover_letter":
                context = letter_document(
                    cv=context,
                    body=LETTER,
                    job_title="Senior Python engineer",
                    company="Initech Pay",
                    date="2 December 2026",
                )
            with tempfile.TemporaryDirectory() as folder:
                pdf = Path(folder) / "page.pdf"
                pdf.write_bytes(html_to_pdf(render_builtin(f"{builtin.slug}.html", context)))
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-r",
                        str(dpi),
                        "-f",
                        "1",
                        "-l",
                        "1",
                        "-singlefile",
                        pdf,
                        PREVIEWS / builtin.slug,
                    ],
                    check=True,
                )
            self.stdout.write(f"{PREVIEWS / builtin.slug}.png")
