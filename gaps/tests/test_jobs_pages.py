"""The jobs page: save a job (pasted text or HTML), find it again, apply to it, delete it; nobody else's."""

import pytest
from django.urls import reverse

from gaps.models import JobPosting
from gaps.postings.services import posting_create

pytestmark = pytest.mark.django_db
JOB = "Python engineer\nRequirements:\n- Python and Django\n- Kubernetes\n- Fluent German\nLocation: Berlin\n"


def test_a_saved_job_opens_its_apply_page_and_is_listed(owner_client, user):
    response = owner_client.post(
        reverse("jobs"),
        {
            "title": "",
            "company": "Initech",
            "url": "jobs.example.com/42",
            "description": JOB,
            "notes": "Ask Bo",
        },
    )
    job = JobPosting.objects.get(user=user)
    assert response.status_code == 302 and response["Location"] == reverse("apply", args=[job.pk])
    assert (job.title, job.url) == ("Python engineer", "https://jobs.example.com/42")  # the first line; https
    page = owner_client.get(reverse("jobs")).content.decode()
    assert f'href="{reverse("apply", args=[job.pk])}"><strong>Python engineer</strong>' in page


def test_script_in_a_pasted_posting_is_read_as_text_and_never_runs(owner_client, user):
    html = f"<p>{JOB.replace(chr(10), '</p><p>')}</p><script>alert('x')</script><img src=x onerror=alert(1)>"
    owner_client.post(reverse("jobs"), {"description": html})
    job = JobPosting.objects.get(user=user)
    assert "<script" not in job.description and "alert" not in job.description and "Kubernetes" in job.description
    page = owner_client.get(reverse("apply", args=[job.pk])).content.decode()
    assert "alert(" not in page


@pytest.mark.parametrize(("description", "message"), [("", "This field is required."), ("Python", "a few sentences")])
def test_a_job_that_cannot_be_read_is_refused_with_the_reason(owner_client, description, message):
    response = owner_client.post(reverse("jobs"), {"title": "Kept", "description": description})
    assert response.status_code == 400 and message in response.content.decode()
    assert 'value="Kept"' in response.content.decode() and not JobPosting.objects.exists()  # nothing typed lost


def test_only_the_owner_sees_or_deletes_a_job(client, user, other_user):
    job = posting_create(user=user, description=JOB, title="Mine")
    client.force_login(other_user)
    assert "Mine" not in client.get(reverse("jobs")).content.decode()
    assert client.post(reverse("job_delete", args=[job.pk])).status_code == 404
    client.force_login(user)
    assert client.post(reverse("job_delete", args=[job.pk])).status_code == 302
    assert not JobPosting.objects.exists()
