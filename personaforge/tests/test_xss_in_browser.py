"""Stored content never runs as script: the classic XSS payloads go into every field a user writes, and Chromium
opens every page (and the HTML export) that shows them.

A payload that ran would record itself in window.__xss; one that slipped past escaping but was stopped by the
Content Security Policy would fire a securitypolicyviolation event. Both must stay empty: the policy is the second
wall, not the first.
"""

import json

import pytest
from django.urls import reverse

from accounts.models import Plan
from accounts.tests.factories import UserFactory
from cvs.models import CV, CVStatus
from cvs.tests.factories import KnowledgeBaseEntryFactory
from exports.shares import share_create
from gaps.applications.services import application_save
from gaps.models import GapReport
from gaps.postings.services import posting_create
from gaps.tests.factories import GapReportFactory
from personas.services import persona_create, persona_version_record
from templates_app.selectors import builtin_templates
from templates_app.services import template_create, template_preview

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RAN = "window.__xss.push(1)"
PAYLOADS = [
    f"<script>{RAN}</script>",
    f'"><img src=x onerror="{RAN}">',
    f"'><svg onload={RAN}>",
    f"</textarea><script>{RAN}</script>",
    f'</title><iframe srcdoc="<script>parent.{RAN}</script>"></iframe>',
    f'<a href="javascript:{RAN}">link</a>',
    f"{{{{ {RAN} }}}} {{% if 1 %}}x{{% endif %}}",  # a template injection would show 1 or run
]
EVERY_PAYLOAD = " ".join(PAYLOADS)
WATCH = """
window.__xss = [];
window.__blocked = [];
document.addEventListener("securitypolicyviolation",
                          (e) => window.__blocked.push(e.violatedDirective + " " + e.blockedURI));
window.alert = window.confirm = window.prompt = () => window.__xss.push("dialog");
"""
# What a payload would have to become to run: a script that is not one of our files, an on* attribute, a
# javascript: link. Returns each one found in the page.
INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    if (el.tagName === "SCRIPT" && !(el.src && new URL(el.src).origin === location.origin)) found.push(el.outerHTML);
    for (const attr of el.attributes) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.startsWith("on") || (["href", "src", "action", "formaction"].includes(attr.name)
          && value.startsWith("javascript:"))) found.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
  }
  return found;
}"""


def _world():
    user = UserFactory(email="xss@example.com", plan=Plan.PRO, name=PAYLOADS[1][:150])
    persona = persona_create(user=user, title=PAYLOADS[0][:120])
    persona.summary = EVERY_PAYLOAD
    persona.data = {
        "basics": {
            "name": PAYLOADS[2],
            "label": PAYLOADS[1],
            "email": "xss@example.com",
            "url": f"javascript:{RAN}",
            "summary": EVERY_PAYLOAD,
        },
        "work": [
            {
                "name": PAYLOADS[3],
                "position": PAYLOADS[4],
                "startDate": "2020-01",
                "url": f"javascript:{RAN}",
                "highlights": PAYLOADS,
            }
        ],
        "skills": [{"name": PAYLOADS[5], "keywords": PAYLOADS}],
        "projects": [{"name": PAYLOADS[6], "description": EVERY_PAYLOAD, "url": f"javascript:{RAN}"}],
    }
    persona.save()
    persona_version_record(persona=persona, by=user, change_summary=PAYLOADS[0])
    cv = CV.objects.create(
        user=user,
        filename=PAYLOADS[1][:200] + ".pdf",
        status=CVStatus.PARSED,
        raw_text=EVERY_PAYLOAD,
        parsed_json=persona.data,
    )
    for payload in PAYLOADS:
        KnowledgeBaseEntryFactory(user=user, type="skill", value=payload[:200], source="cv", cv=cv, evidence=payload)
    job = posting_create(
        user=user,
        title=PAYLOADS[0],
        company=PAYLOADS[2],
        location=PAYLOADS[3],
        description="We need Python.\n" + EVERY_PAYLOAD,
        notes=EVERY_PAYLOAD,
    )
    application_save(user=user, job=job, persona=persona, next_step=PAYLOADS[4][:200], notes=EVERY_PAYLOAD)
    GapReportFactory(
        persona=persona,
        type=GapReport.Type.ROLE_SPECIFIC,
        job=job,
        input_text=EVERY_PAYLOAD,
        status="succeeded",
        fit={"score": 50, "summary": EVERY_PAYLOAD},
        issues=[{"field": payload, "suggestion": payload, "severity": "high"} for payload in PAYLOADS],
    )
    own = template_create(
        user=user,
        name=PAYLOADS[1][:150],
        type="cv",
        engine="jinja",
        body=f'<h1>{{{{ basics.name }}}}</h1><script>{RAN}</script>{{{{ basics.summary }}}}<img src=x onerror="{RAN}">',
    )
    share = share_create(user=user, persona=persona, template=builtin_templates(type="cv")[0])
    return user, persona, cv, job, own, share


def _open_and_check(page, path: str) -> None:
    answer = page.goto(path)
    assert answer is not None and answer.ok, f"{path} answered {answer and answer.status}"
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__xss") == [], f"a payload ran on {path}"
    assert page.evaluate("window.__blocked") == [], f"a payload reached the page on {path} (the CSP stopped it)"
    assert page.evaluate(INJECTED) == [], f"a payload became markup on {path}"


def test_payloads_everywhere_never_run(page, client, live_server):
    user, persona, cv, job, own, share = _world()
    page.context.add_init_script(WATCH)
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    for path in [
        reverse("dashboard"),
        reverse("persona_detail", args=[persona.pk]),
        reverse("persona_diff", args=[persona.pk]),
        reverse("cv_detail", args=[cv.pk]),
        reverse("cv_review", args=[cv.pk]),
        reverse("knowledge"),
        reverse("jobs"),
        reverse("apply", args=[job.pk]),
        reverse("applications"),
        reverse("template_list"),
        reverse("template_edit", args=[own.pk]),
        reverse("persona_export", args=[persona.pk]),
        reverse("share_page", args=[share.token]),
        reverse("search") + "?q=" + PAYLOADS[0],
        reverse("search") + "?q=" + PAYLOADS[1] + "&mode=words",
        reverse("account"),
        reverse("plan"),
        reverse("api_docs"),
    ]:
        _open_and_check(page, path)

    # Every CV template's HTML as the exports make it, opened as a downloaded HTML export would be.
    for template in [own, *builtin_templates(type="cv")]:
        html = template_preview(template=template, persona=persona)
        page.set_content(html)
        assert page.evaluate("window.__xss") == []
        assert page.evaluate(INJECTED) == [], template.name


def test_the_api_returns_stored_payloads_as_json_data(client):
    user, *_ = _world()
    client.force_login(user)
    answer = client.get(reverse("api_personas"))
    assert answer["Content-Type"].startswith("application/json")
    assert PAYLOADS[0][:120] in json.dumps(answer.json())  # kept as data, as written, for the client to escape
