"""Reading a CV with an OpenAI-compatible model configured (a loopback server): better, never worse."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cvs.services import cv_read, cv_upload
from llm.tests.openai_server import Reply

pytestmark = pytest.mark.django_db
CV = b"Jane Doe\nExperience\nData engineer, Lumen GmbH, Jan 2020 - Present\nSkills\nPython, SQL\n"


def _read(user):
    cv, job = cv_upload(user=user, file=SimpleUploadedFile("cv.txt", CV))
    cv_read(job_id=job.pk)
    cv.refresh_from_db()
    return cv


def test_the_models_reading_is_used_once_grounded(openai_server, user):
    openai_server.replies.append(
        Reply.json(
            {
                "basics": {"name": "Jane Doe", "label": "Visionary leader"},
                "work": [{"name": "Lumen GmbH", "position": "Data engineer", "startDate": "2020-01"}],
            }
        )
    )
    cv = _read(user)
    assert cv.status == "parsed"
    assert cv.parsed_json == {
        "basics": {"name": "Jane Doe"},  # "Visionary leader" is not in the CV: dropped
        "work": [{"name": "Lumen GmbH", "position": "Data engineer", "startDate": "2020-01"}],
    }


def test_when_the_service_fails_the_cv_is_read_offline(openai_server, user):
    openai_server.replies.append(Reply.error(503, "overloaded"))
    cv = _read(user)
    assert cv.status == "parsed"
    assert cv.parsed_json["work"][0]["name"] == "Lumen GmbH"
    assert [s["name"] for s in cv.parsed_json["skills"]] == ["Python", "SQL"]
