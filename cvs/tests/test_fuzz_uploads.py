"""Damaged CVs (mutated corpus files) are read or refused with a message, never a crash, a 500 or a stuck job.

FUZZ_EXAMPLES sets how many files the cheapest property tries (the others try a share of it); the default keeps
this file near a minute. `FUZZ_EXAMPLES=2000 pytest cvs/tests/test_fuzz_uploads.py` explores for longer (about
four minutes here); add `--hypothesis-show-statistics` to see how far into the readers the examples get. A failing
file is written to test-artifacts/.
"""

from __future__ import annotations

import faulthandler
import io
import json
import os
import resource
import signal
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, event, given, note, settings
from rest_framework.test import APIClient

from cvs.extract import ExtractionError, extract
from cvs.models import CV, CVStatus
from cvs.parsing.profile import build_profile
from cvs.services import cv_read, cv_upload
from cvs.tests.mutated_cvs import CORPUS, LINKEDIN_EXPORT, corpus_bytes, corpus_files, damaged_cvs
from personaforge.core.json_text import has_nul
from personaforge.core.models import BackgroundJob, JobStatus

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 250))
# Far beyond what any of these files needs (OCR of a scanned page takes a few seconds, reading any file here a
# few hundred MB): only a runaway loop or allocation gets here. These guard the machine, they measure nothing.
RUNAWAY_SECONDS = int(os.environ.get("FUZZ_RUNAWAY_SECONDS", 60))
RUNAWAY_MEMORY = int(os.environ.get("FUZZ_RUNAWAY_MB", 2048)) * 1024 * 1024

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
READABLE = [*corpus_files(".pdf", ".docx", ".odt", ".txt", ".md", ".json"), LINKEDIN_EXPORT]
SCANNED = corpus_files(".pdf", scanned=True)


def fuzz(share: float) -> Callable[[Any], Any]:
    return settings(
        derandomize=True,  # the same examples on every run, so CI cannot turn red by luck
        database=None,
        max_examples=max(3, int(FUZZ_EXAMPLES * share)),
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.function_scoped_fixture,  # the database and clients are shared by the examples, on purpose
        ],
    )


class RanAway(BaseException):
    """Raised by the alarm. A BaseException, so the readers' `except Exception` cannot turn it into a refusal."""


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


@contextmanager
def runaway_guard() -> Iterator[None]:
    """Fail the example, with a clear message, if it runs away in time or memory. A loop inside C code (which a
    signal cannot interrupt) ends the whole run instead, with every thread's traceback."""

    def alarm(signum: int, frame: Any) -> None:
        raise RanAway

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(RUNAWAY_SECONDS)
    faulthandler.dump_traceback_later(RUNAWAY_SECONDS * 3, exit=True)
    memory_limits = resource.getrlimit(resource.RLIMIT_AS)
    hard = memory_limits[1]
    limit = _address_space() + RUNAWAY_MEMORY
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    try:
        yield
    except RanAway:
        raise AssertionError(f"Reading this file ran for over {RUNAWAY_SECONDS}s: a loop that never ends?") from None
    except MemoryError:
        raise AssertionError(f"Reading this file took over {RUNAWAY_MEMORY // 2**20} MB more memory.") from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, memory_limits)
        faulthandler.cancel_dump_traceback_later()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def kept_if_failing(name: str, data: bytes) -> Iterator[None]:
    """Write a failing file to test-artifacts/, as Hypothesis cannot usefully print megabytes of bytes. It replays
    the shrunk example last, so that is the file left there."""
    try:
        yield
    except Exception as error:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"fuzz-failing-{type(error).__name__}"
        path.write_bytes(data)
        note(f"The file, uploaded as {name!r}, is in {path}")
        raise


def assert_storable(text: str, profile: dict[str, Any]) -> None:
    """What cv_read saves must fit PostgreSQL: UTF-8 text without NUL, and JSON without NaN or infinities."""
    assert "\x00" not in text and not has_nul(profile)
    text.encode("utf-8")
    json.dumps(profile, allow_nan=False, ensure_ascii=False).encode("utf-8")


def read_or_refuse(name: str, data: bytes) -> None:
    with kept_if_failing(name, data):
        with runaway_guard():
            try:
                extracted = extract(data, name)
            except ExtractionError as error:
                assert str(error).strip()
                event(f"refused: {str(error)[:40]}")  # --hypothesis-show-statistics: how deep the examples reach
                return
            profile = extracted.profile or build_profile(extracted.lines)  # the offline provider's reading
        event(f"read as {extracted.format}")
        assert_storable(extracted.text, profile)


@fuzz(share=1)
@given(cv=damaged_cvs(READABLE))
def test_a_damaged_file_is_read_or_refused_with_a_message(cv: tuple[str, bytes]) -> None:
    read_or_refuse(*cv)


@fuzz(share=0.01)
@given(cv=damaged_cvs(SCANNED))
def test_a_damaged_scan_is_read_or_refused_with_a_message(cv: tuple[str, bytes]) -> None:
    read_or_refuse(*cv)


@contextmanager
def rolled_back() -> Iterator[None]:
    """Each example in a savepoint of its own, so a database error in one cannot spoil the examples after it."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _read_and_check_finished(job_id: Any) -> CV:
    """Run the worker's job as Celery would; the CV and its job must both end in a final state."""
    with runaway_guard():
        cv_read(job_id=job_id)
    job = BackgroundJob.objects.get(pk=job_id)
    cv = CV.objects.get(pk=job.subject_id)
    assert job.status in (JobStatus.SUCCEEDED, JobStatus.FAILED), f"the job was left {job.status}"
    assert cv.status == (CVStatus.PARSED if job.status == JobStatus.SUCCEEDED else CVStatus.FAILED)
    assert cv.status == CVStatus.PARSED or cv.error.strip()
    return cv


@pytest.mark.django_db
@fuzz(share=0.1)
@given(cv=damaged_cvs(READABLE))
def test_reading_a_damaged_upload_always_finishes_its_job(user: Any, cv: tuple[str, bytes]) -> None:
    name, data = cv
    with kept_if_failing(name, data), rolled_back():
        _cv, job = cv_upload(user=user, file=SimpleUploadedFile(name, data))
        _read_and_check_finished(job.pk)


@pytest.mark.django_db
@fuzz(share=0.1)
@given(cv=damaged_cvs(READABLE))
def test_the_upload_page_and_the_cv_pages_never_answer_500(owner_client: Any, cv: tuple[str, bytes]) -> None:
    # The test client re-raises a view's exception, so a 500 fails here with its traceback.
    name, data = cv
    with kept_if_failing(name, data), rolled_back():
        response = owner_client.post(reverse("cv_upload"), {"file": SimpleUploadedFile(name, data)})
        assert response.status_code in (302, 400)
        if response.status_code == 400:
            return
        job = BackgroundJob.objects.get(subject_id=response.url.rsplit("/", 1)[-1])
        read = _read_and_check_finished(job.pk)
        assert owner_client.get(reverse("cv_detail", args=[read.pk])).status_code == 200
        review = owner_client.get(reverse("cv_review", args=[read.pk]))
        assert review.status_code == (200 if read.status == CVStatus.PARSED else 302)


@pytest.mark.django_db
@fuzz(share=0.05)
@given(cv=damaged_cvs(READABLE))
def test_the_api_upload_never_answers_500(user: Any, cv: tuple[str, bytes]) -> None:
    api = APIClient()
    api.force_authenticate(user)
    name, data = cv
    with kept_if_failing(name, data), rolled_back():
        response = api.post(reverse("api_cvs"), {"file": SimpleUploadedFile(name, data)}, format="multipart")
        assert response.status_code in (202, 400)
        if response.status_code == 400:
            return
        _read_and_check_finished(response.json()["background_job"])
        assert api.get(reverse("api_cv", args=[response.json()["cv"]["id"]])).status_code == 200


# ---- Crashes found by this fuzz, or while writing it, kept as plain examples (each failed before its fix).


def _upload_and_read(user: Any, name: str, data: bytes) -> CV:
    _cv, job = cv_upload(user=user, file=SimpleUploadedFile(name, data))
    return _read_and_check_finished(job.pk)


def test_a_json_number_thousands_of_digits_long_is_refused() -> None:
    # Python refuses to convert integers over 4300 digits with a ValueError, which escaped as a crash.
    with pytest.raises(ExtractionError, match="thousands of digits"):
        extract(b'{"basics": {"name": "Jane Doe"}, "meta": {"n": ' + b"9" * 5000 + b"}}", "cv.json")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "message"),
    [(b"NaN", "contains NaN"), (b"-Infinity", "contains -Infinity"), (b"1e999", "number too large")],
)
def test_json_numbers_postgresql_cannot_store_fail_the_cv_with_a_message(
    user: Any, number: bytes, message: str
) -> None:
    # Python reads them; saving the profile then failed in PostgreSQL, and cv_read raised (found writing the fuzz).
    data = b'{"basics": {"name": "Jane Doe"}, "meta": {"n": ' + number + b"}}"
    cv = _upload_and_read(user, "cv.json", data)
    assert cv.status == CVStatus.FAILED and message in cv.error


@pytest.mark.django_db
def test_a_json_resume_with_half_a_unicode_pair_fails_with_a_message(user: Any) -> None:
    cv = _upload_and_read(user, "cv.json", b'{"basics": {"name": "Jane \\ud835 Doe"}}')
    assert cv.status == CVStatus.FAILED and "broken character" in cv.error


@pytest.mark.django_db
def test_a_pdf_with_letters_beyond_the_bmp_is_read_and_stored(user: Any) -> None:
    # PDFium gives 𝒜 as two UTF-16 halves, which PostgreSQL's UTF-8 cannot store: cv_read raised. Found when the
    # fuzz found the same in JSON, and PDFs were checked for it.
    from weasyprint import HTML

    pdf = HTML(string="<h1>𝒜lex Doe</h1><p>Senior Python developer with ten years of experience</p>").write_pdf()
    cv = _upload_and_read(user, "cv.pdf", pdf)
    assert cv.status == CVStatus.PARSED and "𝒜lex Doe" in cv.raw_text


def test_an_odt_with_broken_xml_is_refused_without_printing_the_cv(capsys: pytest.CaptureFixture[str]) -> None:
    # odfpy printed the unparsable part (the CV's text) to stdout, the worker's log, and read on as if whole.
    source = zipfile.ZipFile(CORPUS / "07-odt-en.odt")
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        for info in source.infolist():
            content = source.read(info)
            archive.writestr(info, content[:-40] if info.filename == "content.xml" else content)
    with pytest.raises(ExtractionError, match="damaged"):
        extract(broken.getvalue(), "cv.odt")
    assert "office:document-content" not in capsys.readouterr().out


def test_a_schema_error_quotes_a_huge_value_in_a_few_words() -> None:
    # The message quoted the whole offending value: megabytes, shown on the page and sent by email.
    data = json.dumps({"basics": {"name": ["x" * 100] * 10_000}}).encode()
    with pytest.raises(ExtractionError, match=r"basics\.name") as refused:
        extract(data, "cv.json")
    assert len(str(refused.value)) < 500


def _flag_encrypted(export: bytearray) -> None:
    export[export.find(b"PK\x01\x02") + 8] |= 0x01  # the central directory's flags: Python asks for a password


def _unknown_compression(export: bytearray) -> None:
    export[export.find(b"PK\x01\x02") + 10] = 99  # the central directory's method: AES, which Python cannot read


def _broken_deflate(export: bytearray) -> None:
    name_length = int.from_bytes(export[26:28], "little")
    export[30 + name_length] ^= 0xFF  # the first byte of the first member's deflate stream


@pytest.mark.parametrize("damage", [_flag_encrypted, _unknown_compression, _broken_deflate])
def test_a_damaged_linkedin_export_is_refused_as_damaged(damage: Callable[[bytearray], None]) -> None:
    # zipfile raises RuntimeError, NotImplementedError or zlib.error for these, which escaped as crashes.
    export = bytearray(corpus_bytes(LINKEDIN_EXPORT))
    damage(export)
    with pytest.raises(ExtractionError, match="damaged"):
        extract(bytes(export), "export.zip")


@pytest.mark.django_db
def test_a_nul_in_a_linkedin_export_is_dropped_and_the_cv_stored(user: Any) -> None:
    # Python's csv reads NULs, which PostgreSQL then refused to store: cv_read raised (found writing the fuzz).
    export = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(corpus_bytes(LINKEDIN_EXPORT))) as source, zipfile.ZipFile(export, "w") as archive:
        for info in source.infolist():
            archive.writestr(info, source.read(info).replace(b"Acme", b"Ac\x00me"))
    cv = _upload_and_read(user, "export.zip", export.getvalue())
    assert cv.status == CVStatus.PARSED and cv.parsed_json["work"][0]["name"] == "Acme"
