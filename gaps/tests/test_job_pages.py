"""Reading postings out of saved pages: the labelled set in corpus/job_pages (bench.jobs prints the same table), and
pages shaped to break a reader."""

import json

import pytest

from bench.jobs import SETS, TARGETS, expected_pages, kind_of, run
from gaps.postings.pages import JobPageRefused, extract_from_html, extract_from_pdf


@pytest.mark.parametrize("folder", SETS.values(), ids=SETS.keys())
def test_the_labelled_pages_are_read_to_their_targets(folder):
    results, by_file, _seconds = run(folder)
    for kind, target in TARGETS.items():
        assert sum(results[kind]) / len(results[kind]) >= target, kind
    assert all(right["title"] and right["description"] for right in by_file.values()), by_file
    assert {kind_of(name) for name in expected_pages(folder)} == {"jsonld", "page"}


def _page(ld: str, body: str = "") -> bytes:
    return f"<html><head><script type='application/ld+json'>{ld}</script></head><body>{body}</body></html>".encode()


BODY = (
    "<main><h1>Platform Engineer</h1>"
    + "<p>"
    + "You will run our Kubernetes platform and its tooling. " * 8
    + "</p></main>"
)


def test_an_enormous_json_ld_block_is_skipped_and_the_page_read_instead():
    huge = json.dumps({"@type": "JobPosting", "title": "Huge", "description": "x " * 400_000})
    job = extract_from_html(_page(huge, BODY))
    assert job.source == "page" and job.title == "Platform Engineer"


def test_a_description_that_is_only_script_is_not_taken_for_the_posting():
    posting = json.dumps(
        {
            "@type": "JobPosting",
            "title": "Platform Engineer",
            "hiringOrganization": "Initech",
            "description": "<script>steal(document.cookie)<\\/script>",
        }
    )
    job = extract_from_html(_page(posting, BODY))
    assert job.company == "Initech" and "steal" not in job.description and "Kubernetes platform" in job.description


@pytest.mark.parametrize("charset", ["x-unknown-encoding", "utf-8", ""])
def test_a_page_in_an_unknown_encoding_is_still_read(charset):
    data = ("<html><head><meta charset='klingon-8'></head><body>" + BODY + "<p>Café Zürich</p></body></html>").encode()
    assert "Kubernetes platform" in extract_from_html(data, charset=charset).description


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<html><body><p>Page not found</p></body></html>",
        b"\x00\x01\x02" * 1000,
        b"<<<>>>" * 1000,
        _page("{not json", "<p>Sign in to see this job.</p>"),
    ],
)
def test_pages_with_no_posting_are_refused_with_why(data):
    with pytest.raises(JobPageRefused):
        extract_from_html(data)


@pytest.mark.parametrize("data", [b"%PDF-1.7 broken", b"%PDF-" + b"\x00" * 5000])
def test_a_broken_pdf_is_refused_with_why(data):
    with pytest.raises(JobPageRefused, match=r"damaged|no text"):
        extract_from_pdf(data)


WORDS = "<p>" + "We build payment services and need an engineer who knows Python well. " * 4 + "</p>"


@pytest.mark.parametrize(
    "html",
    [
        '<script type="application/ld+json">{"@type":"JobPosting","title":"x","description":"<p>Build it</p>",'
        '"baseSalary":{"currency":"EUR","value":{"minValue":NaN,"maxValue":Infinity}}}</script>',
        '<script type="application/ld+json">{"@type":"JobPosting","title":"x","description":"a b",'
        '"hiringOrganization":{"@id":["x"]}}</script>' + WORDS,
        '<script type="application/ld+json">' + "[" * 50_000 + "</script><h1>Engineer</h1>" + WORDS,
        '<script type="application/ld+json">{"@type":"JobPosting","title":"Dev\\u0000eloper","description":"Ship"}'
        "</script>",
        '<meta charset="idna"><h1>Engineer</h1>' + WORDS,
        "<h1>Engineer</h1>" + WORDS + "<p>€" + "1" * 5000 + "</p>",
        '<script type="application/ld+json">x' * 2000 + WORDS,
    ],
    ids=["nan-salary", "odd-id", "deep-json", "nul", "idna-charset", "digits", "unclosed-scripts"],
)
def test_hostile_pages_are_read_or_refused_never_a_crash(html):
    try:
        job = extract_from_html(html.encode())
    except JobPageRefused:
        return
    assert "\x00" not in json.dumps(job.as_dict()) and job.description
