"""Importing a job from its link: fetched safely from a server the test starts on loopback (the only loopback port
the fetcher may reach, through JOB_FETCH_TEST_PORTS), read from its JSON-LD or its main content, checked by the
user, then saved with its link."""

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from gaps.models import JobImport, JobPosting
from gaps.postings.fetch import FetchRefused, fetch
from gaps.postings.imports import ImportRefused, job_import_from_link, job_import_run
from gaps.tests.factories import JobImportFactory

pytestmark = pytest.mark.django_db

POSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Senior Backend Engineer",
    "hiringOrganization": {"@type": "Organization", "name": "Initech"},
    "jobLocation": {
        "@type": "Place",
        "address": {"@type": "PostalAddress", "addressLocality": "Berlin", "addressCountry": "Germany"},
    },
    "employmentType": "FULL_TIME",
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "minValue": 70000, "maxValue": 85000, "unitText": "YEAR"},
    },
    "description": "<p>You will build payment services in Python.</p><ul><li>PostgreSQL and Kafka</li>"
    "<li>Five years of backend work</li></ul><script>alert(1)</script>",
}
JSON_LD_PAGE = (
    # As sites write it: "</" escaped, so the script inside the description cannot end the JSON-LD's own block.
    "<html><head><title>Jobs</title><script type='application/ld+json'>"
    + json.dumps(POSTING).replace("</", "<\\/")
    + "</script></head>"
    "<body><nav>Home · Jobs · Log in</nav><h1>Senior Backend Engineer</h1><p>Apply now.</p></body></html>"
).encode()
PLAIN_PAGE = """<html><head><meta property="og:site_name" content="Globex Careers"><title>Data Engineer</title></head>
<body><nav><a href="/">Home</a> <a href="/jobs">All jobs</a></nav><div class="cookie">We use cookies to improve
your experience.</div><main><article><h1>Data Engineer</h1>
<p>Location: Lyon, France</p><p>Hybrid, two days a week in the office. Full-time, permanent.</p>
<p>Salary: €55,000 – €65,000 per year.</p>
<p>Globex runs the logistics platform behind two hundred warehouses across Europe. As a data engineer you will
design the pipelines that move orders, stock and shipments from our services into the warehouse, and keep them
fast, tested and documented. You will work with analysts and product teams every day.</p>
<h2>What you will do</h2><ul><li>Build batch and streaming pipelines with Airflow and Kafka.</li>
<li>Model data in PostgreSQL and BigQuery for reporting.</li><li>Review code and mentor two junior engineers.</li></ul>
<h2>What you bring</h2><ul><li>Four years of data engineering with Python and SQL.</li>
<li>Experience running Airflow in production.</li><li>Clear writing in English; French is a plus.</li></ul>
</article></main><aside><h3>Similar jobs</h3><ul><li>Analytics Engineer, Paris</li></ul></aside>
<footer>© Globex · Imprint · Privacy</footer></body></html>""".encode()


class _Site(BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):
        if self.path == "/drip":  # a byte every 0.2 s: each read is quick, the whole never ends in time
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                for _ in range(40):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.2)
            return
        status, headers, body, pause = self.routes.get(self.path, (404, {}, b"not found", 0))
        if pause:
            time.sleep(pause)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers and body is not None:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # a client that stopped reading
                self.wfile.write(body)

    def log_message(self, *args):
        pass


def _server(routes):
    handler = type("Site", (_Site,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def site(settings):
    """A job board on loopback; a second server beside it stands for something inside our network."""
    inside = _server({"/secret": (200, {"Content-Type": "text/html"}, b"<h1>internal</h1>", 0)})
    routes: dict = {}
    server = _server(routes)
    port, inside_port = server.server_address[1], inside.server_address[1]
    html = {"Content-Type": "text/html; charset=utf-8"}
    routes.update(
        {
            "/jobs/backend": (200, html, JSON_LD_PAGE, 0),
            "/jobs/data": (200, html, PLAIN_PAGE, 0),
            "/short": (302, {"Location": "/hop/1"}, b"", 0),
            "/hop/1": (301, {"Location": f"http://127.0.0.1:{port}/hop/2"}, b"", 0),
            "/hop/2": (307, {"Location": "/jobs/backend"}, b"", 0),
            "/loop": (302, {"Location": "/loop"}, b"", 0),
            "/to-inside": (302, {"Location": f"http://127.0.0.1:{inside_port}/secret"}, b"", 0),
            "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"", 0),
            "/huge": (200, html, b"<html><body>" + b"<p>filler</p>" * 500_000 + b"</body></html>", 0),
            "/huge-unannounced": (200, {**html, "Content-Length": ""}, b"<p>x</p>" * 900_000, 0),
            "/slow": (200, html, JSON_LD_PAGE, 3),
            "/binary.html": (200, {"Content-Type": "application/octet-stream"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, 0),
            "/fake.html": (200, html, b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 20, 0),
            "/gone": (410, html, b"<h1>This job has closed</h1>", 0),
        }
    )
    settings.JOB_FETCH_TEST_PORTS = [port]
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    inside.shutdown()


def test_a_link_with_json_ld_is_read_field_by_field_in_the_worker_then_checked_and_saved(site, owner_client, user):
    answer = owner_client.post(reverse("job_import"), {"url": f"{site}/jobs/backend"})
    imported = JobImport.objects.get()
    assert answer.status_code == 302 and answer.url == reverse("job_import_review", args=[imported.pk])
    job_import_run(job_id=user.jobs.get(subject_id=imported.pk).pk)
    imported.refresh_from_db()
    fields = imported.fields
    assert (fields["title"], fields["company"], fields["location"]) == (
        "Senior Backend Engineer",
        "Initech",
        "Berlin, Germany",
    )
    assert (fields["salary_min"], fields["salary_max"], fields["salary_currency"], fields["salary_period"]) == (
        70000,
        85000,
        "EUR",
        "year",
    )
    assert fields["employment_type"] == "full-time" and fields["source"] == "json-ld"
    assert "- PostgreSQL and Kafka" in fields["description"] and "alert" not in fields["description"]

    page = owner_client.get(reverse("job_import_review", args=[imported.pk])).content.decode()
    assert "Check what was read" in page and 'value="Senior Backend Engineer"' in page
    form = {
        "title": "Senior Backend Engineer (Payments)",
        "company": "Initech",
        "location": "Berlin, Germany",
        "workplace": "hybrid",
        "employment_type": "full-time",
        "salary_min": 70000,
        "salary_max": 85000,
        "salary_currency": "EUR",
        "salary_period": "year",
        "description": fields["description"],
    }
    saved = owner_client.post(reverse("job_import_review", args=[imported.pk]), form)
    job = JobPosting.objects.get()
    assert saved.status_code == 302 and saved.url == reverse("apply", args=[job.pk])
    assert job.title == "Senior Backend Engineer (Payments)" and job.url == f"{site}/jobs/backend"  # the link kept
    assert (job.workplace, job.salary_min, job.salary_currency) == ("hybrid", 70000, "EUR")


def test_a_page_without_json_ld_is_read_from_its_main_content_and_marked_for_checking(site, owner_client, user):
    imported, background = job_import_from_link(user=user, url=f"{site}/jobs/data")
    job_import_run(job_id=background.pk)
    imported.refresh_from_db()
    fields = imported.fields
    assert fields["source"] == "page" and fields["title"] == "Data Engineer" and fields["company"] == "Globex Careers"
    assert (fields["location"], fields["workplace"], fields["employment_type"]) == (
        "Lyon, France",
        "hybrid",
        "full-time",
    )
    assert (fields["salary_min"], fields["salary_max"], fields["salary_currency"]) == (55000, 65000, "EUR")
    assert "Airflow and Kafka" in fields["description"]
    assert "cookies" not in fields["description"] and "Similar jobs" not in fields["description"]
    page = owner_client.get(reverse("job_import_review", args=[imported.pk])).content.decode()
    assert "check each field before you save" in page


def test_redirects_are_followed_to_five(site):
    assert fetch(f"{site}/short").url.endswith("/jobs/backend")
    with pytest.raises(FetchRefused, match="redirects more than 5 times"):
        fetch(f"{site}/loop")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/to-inside", "inside a private network"),
        ("/to-metadata", "inside a private network"),
        ("/huge", "over 5 MB"),
        ("/huge-unannounced", "over 5 MB"),
        ("/binary.html", "not a web page or a PDF"),
        ("/gone", r"answered with an error \(410\)"),
    ],
)
def test_a_fetch_that_cannot_be_kept_says_why(site, path, message):
    with pytest.raises(FetchRefused, match=message):
        fetch(f"{site}{path}")


@pytest.mark.parametrize("path", ["/slow", "/drip"])
def test_a_slow_site_is_given_up_on(site, path):
    started = time.monotonic()
    with pytest.raises(FetchRefused, match="too long"):
        fetch(f"{site}{path}", seconds=1)
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "http:// or https://"),
        ("file:///etc/passwd", "http:// or https://"),
        ("gopher://example.com/1", "http:// or https://"),
        ("http://user:secret@example.com/job", "user name or password"),
        ("http://localhost/", "inside a private network"),
        ("http://127.0.0.1:8000/", "inside a private network"),
        ("http://[::1]/", "inside a private network"),
        ("http://0x7f000001/", "inside a private network"),
        ("http://10.1.2.3/", "inside a private network"),
        ("http://example.com:99999/", "not a web address"),
    ],
)
def test_addresses_that_must_not_be_fetched_are_refused_before_any_request(url, message):
    with pytest.raises(FetchRefused, match=message):
        fetch(url)


def test_an_international_name_that_resolves_inside_is_refused():
    def resolve(host, port, **kwargs):  # what a hostile DNS would answer for this name
        assert host == "xn--bcher-kva.example"
        return [(2, 1, 6, "", ("10.0.0.5", port))]

    with pytest.raises(FetchRefused, match="inside a private network"):
        fetch("http://bücher.example/jobs/1", resolve=resolve)


def _resolving_to(address):
    """What a hostile (or just odd) DNS answers for any name."""

    def resolve(host, port, **kwargs):
        return [(10 if ":" in address else 2, 1, 6, "", (address, port, 0, 0) if ":" in address else (address, port))]

    return resolve


@pytest.mark.parametrize(
    "inside", ["64:ff9b::a00:1", "::7f00:1", "2002:a00:1::", "::ffff:10.0.0.1", "fe80::1", "fc00::5"]
)
def test_ipv6_addresses_that_lead_inside_are_refused(inside):
    with pytest.raises(FetchRefused, match="inside a private network"):
        fetch("http://jobs.example/1", resolve=_resolving_to(inside))


def test_a_public_host_is_fetched_only_on_web_ports():
    with pytest.raises(FetchRefused, match="usual web ports"):
        fetch("http://jobs.example:6379/", resolve=_resolving_to("93.184.216.34"))


def test_the_loopback_allowance_is_refused_in_production(site, settings):
    settings.PRODUCTION = True
    with pytest.raises(FetchRefused, match="inside a private network"):
        fetch(f"{site}/jobs/backend")


def test_bad_imports_leave_nothing_half_done(site, owner_client, user):
    for url in ("file:///etc/passwd", "javascript:alert(1)"):
        answer = owner_client.post(reverse("job_import"), {"url": url})
        assert answer.status_code == 400 and "http:// or https://" in answer.content.decode()
    with pytest.raises(ImportRefused):
        job_import_from_link(user=user, url="gopher://x")
    imported, background = job_import_from_link(user=user, url=f"{site}/fake.html")
    job_import_run(job_id=background.pk)
    imported.refresh_from_db()
    assert imported.status == "failed" and "binary file" in imported.error
    page = owner_client.get(reverse("job_import_review", args=[imported.pk])).content.decode()
    assert "binary file" in page and "Try another way" in page
    assert not JobPosting.objects.exists()


def test_a_saved_page_a_pdf_and_pasted_html_are_read_too(owner_client, user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from templates_app.rendering import html_to_pdf

    answer = owner_client.post(reverse("job_import"), {"file": SimpleUploadedFile("job.html", PLAIN_PAGE)})
    assert answer.status_code == 302 and JobImport.objects.get().fields["title"] == "Data Engineer"
    pdf = html_to_pdf(PLAIN_PAGE.decode())
    answer = owner_client.post(reverse("job_import"), {"file": SimpleUploadedFile("job.pdf", pdf)})
    assert answer.status_code == 302
    from_pdf = JobImport.objects.latest("created_at").fields
    assert from_pdf["source"] == "pdf" and from_pdf["location"] == "Lyon, France" and from_pdf["salary_min"] == 55000
    answer = owner_client.post(reverse("job_import"), {"html": JSON_LD_PAGE.decode()})
    assert answer.status_code == 302 and JobImport.objects.latest("created_at").fields["company"] == "Initech"
    refused = owner_client.post(reverse("job_import"), {"file": SimpleUploadedFile("job.docx", b"PK\x03\x04 not")})
    assert refused.status_code == 400 and "saved as a web page (.html) or as a PDF" in refused.content.decode()


def test_someone_elses_import_is_not_found(owner_client, other_user):
    theirs = JobImportFactory(
        user=other_user, url="https://example.com/job", fields={"title": "Secret role", "description": "x"}
    )
    assert owner_client.get(reverse("job_import_review", args=[theirs.pk])).status_code == 404
    assert owner_client.post(reverse("job_import_review", args=[theirs.pk]), {"description": "x"}).status_code == 404


def test_the_api_imports_from_a_link_and_saves_the_checked_job(site, client, user, other_user):
    client.force_login(user)
    queued = client.post("/api/v1/jobs/import/", {"url": f"{site}/jobs/backend"}, content_type="application/json")
    assert queued.status_code == 202
    imported = queued.json()["job_import"]
    job_import_run(job_id=queued.json()["background_job"])
    read = client.get(f"/api/v1/jobs/imports/{imported['id']}/").json()
    assert read["status"] == "succeeded" and read["extracted"]["company"] == "Initech"
    fields = {**{k: v for k, v in read["extracted"].items() if k != "source"}, "workplace": "remote"}
    saved = client.post(f"/api/v1/jobs/imports/{imported['id']}/save/", fields, content_type="application/json")
    assert saved.status_code == 201 and saved.json()["url"] == f"{site}/jobs/backend"
    assert saved.json()["salary_max"] == 85000 and saved.json()["workplace"] == "remote"
    again = client.post(f"/api/v1/jobs/imports/{imported['id']}/save/", fields, content_type="application/json")
    assert again.status_code == 409
    refused = client.post("/api/v1/jobs/import/", {"url": "file:///etc/passwd"}, content_type="application/json")
    assert refused.status_code == 400 and "http://" in refused.json()["detail"]
    client.force_login(other_user)
    assert client.get(f"/api/v1/jobs/imports/{imported['id']}/").status_code == 404
