"""Tailoring: edits made only from the user's material, each checked, accepted or rejected into a named version."""

import json
from unittest import mock

import pytest
from django.urls import reverse

from accounts.limits import LimitReached
from cvs.tests.factories import KnowledgeBaseEntryFactory
from gaps.models import Tailoring
from gaps.postings.services import posting_create
from gaps.tailoring.rules import suggest_edits
from gaps.tailoring.services import TailoringRefused, tailoring_decide, tailoring_request, tailoring_run
from llm.offline import OfflineProvider
from personaforge.core.models import BackgroundJob
from personas.edits import EditDoesNotApply, apply_edits, check_edit
from personas.services import persona_create, persona_version_record
from personas.templatetags.persona_tags import section_labels

pytestmark = pytest.mark.django_db

DATA = {
    "basics": {"name": "Ana Ruiz", "label": "Backend engineer", "location": {"city": "Berlin"}},
    "work": [
        {
            "name": "Acme",
            "position": "Backend engineer",
            "startDate": "2018-01",
            "highlights": [
                "Wrote the onboarding guide for new engineers",
                "Moved 30 services to Kubernetes with zero downtime",
            ],
        }
    ],
    "skills": [{"name": "Skills", "keywords": ["Django", "Redis", "Python", "PostgreSQL"]}],
}
SUMMARY = "I build payment systems."
JOB = (
    "Senior Python engineer\n\nRequirements:\n- Python and PostgreSQL\n- Kubernetes in production\n- Go\n"
    "- 5+ years of experience\n\nLocation: Berlin (hybrid)\n"
)
MATERIAL = json.dumps(DATA) + "\n" + SUMMARY + "\nGo\nSide projects in Go"


def test_the_rules_order_surface_and_open_with_the_users_own_words():
    edits = {
        e.kind: e
        for e in suggest_edits(
            data=DATA,
            summary=SUMMARY,
            wanted=["Python", "PostgreSQL", "Kubernetes", "Go"],
            known_not_shown=[("Go", "Side projects in Go")],
        )
    }
    assert edits["order_skills"].after == ["Python", "PostgreSQL", "Django", "Redis"]
    assert edits["order_highlights"].after[0] == "Moved 30 services to Kubernetes with zero downtime"
    assert edits["add_skill"].after == "Go" and "Side projects in Go" in edits["add_skill"].reason
    assert edits["summary"].after == "Backend engineer working with Python and PostgreSQL. I build payment systems."
    assert all(check_edit(e.as_dict(), data=DATA, summary=SUMMARY, material=MATERIAL) for e in edits.values())


@pytest.mark.parametrize(
    "edit",
    [
        {"kind": "summary", "path": "summary", "after": "Backend engineer at Google since 2015."},  # employer, date
        {"kind": "summary", "path": "summary", "after": "Backend engineer who moved 300 services."},  # a number
        {"kind": "summary", "path": "summary", "after": "Backend engineer working with Terraform."},  # a skill
        {"kind": "add_skill", "path": "skills", "after": "Rust"},  # not in the user's material
        {
            "kind": "order_skills",
            "path": "skills[0].keywords",
            "before": DATA["skills"][0]["keywords"],
            "after": ["Python", "Kubernetes", "Django", "Redis"],
        },  # not the same words
        {"kind": "order_skills", "path": "skills[3].keywords", "before": [], "after": []},  # no such place
        {"kind": "rewrite_everything", "path": "work", "after": "anything"},  # no such kind
    ],
    ids=["employer-and-date", "number", "skill", "unknown-skill", "not-a-reordering", "no-such-place", "kind"],
)
def test_an_edit_stating_what_the_user_never_said_is_dropped(edit):
    assert not check_edit(edit, data=DATA, summary=SUMMARY, material=MATERIAL)


def test_an_edit_for_a_part_that_changed_does_not_apply():
    (edit,) = [
        e
        for e in suggest_edits(data=DATA, summary=SUMMARY, wanted=["Python"], known_not_shown=[])
        if e.kind == "order_skills"
    ]
    changed = {**DATA, "skills": [{"name": "Skills", "keywords": ["Django", "Python"]}]}
    with pytest.raises(EditDoesNotApply):
        apply_edits(changed, SUMMARY, [edit.as_dict()])


@pytest.fixture
def pro_user(user):
    user.plan = "pro"
    user.save()
    return user


@pytest.fixture
def persona(pro_user):
    persona = persona_create(user=pro_user, title="Backend engineer")
    persona.data, persona.summary = DATA, SUMMARY
    persona.save()
    persona_version_record(persona=persona, by=pro_user, change_summary="Edited")
    KnowledgeBaseEntryFactory(
        user=pro_user, type="tool", value="Go", source="user_answer", evidence="Side projects in Go"
    )
    return persona


def _tailor(persona, user):
    job = posting_create(user=user, description=JOB, title="Senior Python engineer", company="Initech")
    tailoring, background = tailoring_request(persona=persona, job=job, by=user)
    tailoring_run(job_id=background.pk)
    tailoring.refresh_from_db()
    return tailoring


def test_the_request_sends_the_worker_its_tailoring_task(persona, pro_user, django_capture_on_commit_callbacks):
    from celery import Task

    job = posting_create(user=pro_user, description=JOB, title="Senior Python engineer")
    # The task is looked up by its name before it is sent: a wrong name raises here.
    with mock.patch.object(Task, "apply_async") as sent, django_capture_on_commit_callbacks(execute=True):
        _tailoring, background = tailoring_request(persona=persona, job=job, by=pro_user)
    assert background.task == "personas.tasks.persona_tailor_task"  # its name from when tailoring lived in personas
    assert sent.call_args.kwargs["args"] == (str(background.pk),)


def test_accepting_two_and_rejecting_one_makes_a_version_named_after_the_job(persona, pro_user):
    tailoring = _tailor(persona, pro_user)
    edits = {edit["kind"]: edit["id"] for edit in tailoring.edits}
    assert tailoring.status == "succeeded" and tailoring.dropped == 0 and tailoring.version_number == 2
    assert tailoring.fit_before < tailoring.fit_after  # Go shown: the fit the job would see rises

    tailoring = tailoring_decide(
        tailoring=tailoring, accept=[edits["order_skills"], edits["add_skill"]], reject=[edits["summary"]], by=pro_user
    )
    persona.refresh_from_db()
    assert persona.data["skills"][0]["keywords"] == ["Python", "PostgreSQL", "Django", "Redis", "Go"]
    assert persona.summary == SUMMARY  # rejected: untouched
    version = persona.versions.get(number=3)
    assert version.name == "Tailored for Senior Python engineer at Initech" and tailoring.result_version == 3
    assert {e["id"]: e["status"] for e in tailoring.edits}[edits["summary"]] == "rejected"

    with pytest.raises(TailoringRefused, match="decided already"):
        tailoring_decide(tailoring=tailoring, accept=[edits["order_skills"]], reject=[], by=pro_user)
    tailoring = tailoring_decide(tailoring=tailoring, accept=[edits["order_highlights"]], reject=[], by=pro_user)
    persona.refresh_from_db()  # the rest can still be accepted after the version the first choices made
    assert persona.data["work"][0]["highlights"][0].startswith("Moved 30 services")


def test_edits_for_an_older_version_are_refused_and_nothing_changes(persona, pro_user):
    tailoring = _tailor(persona, pro_user)
    persona.summary = "Edited in another tab."
    persona.save()
    persona_version_record(persona=persona, by=pro_user, change_summary="Edited")
    with pytest.raises(TailoringRefused, match="has changed since these edits were suggested"):
        tailoring_decide(tailoring=tailoring, accept=[tailoring.edits[0]["id"]], reject=[], by=pro_user)
    persona.refresh_from_db()
    assert persona.summary == "Edited in another tab." and persona.versions.count() == 3


def _rules_edits(payload):
    """What the rules suggest for the persona and job a provider is sent, as a model would answer them."""
    persona, job = dict(payload["persona"]), payload["job"]
    edits = suggest_edits(
        data=persona,
        summary=persona.pop("summary"),
        wanted=job["skills the job asks for"],
        known_not_shown=[(name, "") for name in job["known but not shown"]],
        job_title=job["title"],
    )
    return [{key: getattr(edit, key) for key in ("kind", "path", "after", "reason")} for edit in edits]


class HallucinatingProvider(OfflineProvider):
    """A language model that invents: its edits state an employer, a number and a skill the user never gave."""

    language_model = True
    planted = [
        {"kind": "summary", "path": "summary", "after": "Ex-Google engineer.", "reason": "r"},
        {"kind": "add_skill", "path": "skills", "after": "Rust", "reason": "r"},
        {"kind": "summary", "path": "summary", "after": "Backend engineer who led 45 people.", "reason": "r"},
    ]

    def complete_json(self, *, task, instructions, payload, schema):
        if task != "tailor":
            return {"requirements": []}  # reading the job: the rules' reading stands
        return {"edits": _rules_edits(payload) + self.planted}


def test_every_providers_suggestions_are_checked_and_inventions_dropped(persona, pro_user, settings):
    settings.LLM_PROVIDER = f"{__name__}.HallucinatingProvider"
    tailoring = _tailor(persona, pro_user)
    assert tailoring.dropped == 3 and tailoring.edits
    planted = {edit["after"] for edit in HallucinatingProvider.planted}
    assert not [edit for edit in tailoring.edits if str(edit["after"]) in planted]


def test_a_free_plan_sees_what_tailoring_gives_and_nothing_is_queued(owner_client, user):
    persona = persona_create(user=user, title="Backend engineer")
    job = posting_create(user=user, description=JOB)
    with pytest.raises(LimitReached, match="part of Pro and Team"):
        tailoring_request(persona=persona, job=job, by=user)
    url = reverse("apply", args=[job.pk])
    assert "Tailoring is part of Pro and Team" in owner_client.get(url).content.decode()
    response = owner_client.post(reverse("apply_tailor", args=[job.pk]), {"persona": str(persona.pk)}, follow=True)
    assert "part of Pro and Team" in response.content.decode() and not Tailoring.objects.exists()


def test_the_apply_page_shows_the_edits_and_takes_the_choices(client, persona, pro_user, other_user):
    client.force_login(pro_user)
    job = posting_create(user=pro_user, description=JOB, title="Senior Python engineer")
    url = reverse("apply", args=[job.pk])
    client.post(reverse("apply_tailor", args=[job.pk]), {"persona": str(persona.pk)})
    tailoring_run(job_id=BackgroundJob.objects.get(kind="personas.tailor").pk)
    tailoring = Tailoring.objects.get()
    page = client.get(f"{url}?persona={persona.pk}").content.decode()
    assert "Puts Python and PostgreSQL first: the job asks for them." in page
    assert f"Fit <strong>{tailoring.fit_before}</strong> now" in page

    decide = reverse("tailoring_decide", args=[tailoring.pk])
    client.force_login(other_user)
    assert client.post(decide, {"all": "accept"}).status_code == 404
    client.force_login(pro_user)
    response = client.post(decide, {"all": "accept"}, follow=True)
    assert "Saved as version 3 of “Backend engineer”." in response.content.decode()
    tailoring.refresh_from_db()
    assert {edit["status"] for edit in tailoring.edits} == {"accepted"}


def test_tailorings_over_the_api(client, persona, pro_user, other_user):
    client.force_login(pro_user)
    job = posting_create(user=pro_user, description=JOB, title="Senior Python engineer")
    url = f"/api/v1/personas/{persona.pk}/tailorings/"
    queued = client.post(url, {"job": str(job.pk)}, content_type="application/json")
    assert queued.status_code == 202 and queued.json()["tailoring"]["status"] == "queued"
    tailoring_run(job_id=queued.json()["background_job"])
    detail_url = f"{url}{queued.json()['tailoring']['id']}/"
    detail = client.get(detail_url).json()
    ids = [edit["id"] for edit in detail["edits"]]
    assert detail["status"] == "succeeded" and len(ids) >= 3 and client.get(url).json()["count"] == 1

    decided = client.post(detail_url, {"accept": ids[:2], "reject": ids[2:3]}, content_type="application/json")
    assert decided.status_code == 200 and decided.json()["result_version"] == 3
    again = client.post(detail_url, {"accept": ids[:1]}, content_type="application/json")
    assert again.status_code == 409 and "decided already" in again.json()["detail"]
    unknown = client.post(detail_url, {"accept": ["e99"]}, content_type="application/json")
    assert unknown.status_code == 409 and "No such suggested edit" in unknown.json()["detail"]

    client.force_login(other_user)
    assert client.get(detail_url).status_code == 404
    assert client.post(detail_url, {"accept": ids[3:]}, content_type="application/json").status_code == 404
    assert client.post(url, {"job": str(job.pk)}, content_type="application/json").status_code == 404
    schema = client.get("/api/schema/?format=json").json()
    assert {"/api/v1/personas/{id}/tailorings/", "/api/v1/personas/{id}/tailorings/{tailoring_pk}/"} <= set(
        schema["paths"]
    )


def test_a_free_plan_gets_403_from_the_api(owner_client, user):
    persona = persona_create(user=user, title="Backend engineer")
    job = posting_create(user=user, description=JOB)
    response = owner_client.post(
        f"/api/v1/personas/{persona.pk}/tailorings/", {"job": str(job.pk)}, content_type="application/json"
    )
    assert response.status_code == 403 and response.json()["code"] == "plan_limit"


@pytest.mark.parametrize(
    "edit",
    [
        {"kind": "add_skill", "path": "skills", "after": "Go"},  # "Google" in the material is not Go
        {"kind": "add_skill", "path": "skills", "after": "Java"},  # nor is "JavaScript" Java
        {"kind": "summary", "path": "summary", "before": SUMMARY, "after": "Engineer with ten years of Python."},
        {"kind": "order_highlights", "path": "work[0].keywords", "before": None, "after": []},  # wrong field
        {"kind": "summary", "path": "summary", "before": "Another summary", "after": "Backend engineer."},
        "not an edit",
    ],
    ids=["go-in-google", "java-in-javascript", "number-in-words", "wrong-field", "stale-summary", "not-a-dict"],
)
def test_near_misses_are_dropped_too(edit):
    material = json.dumps(DATA) + "\nWorked with Google Cloud and JavaScript."
    assert not check_edit(edit, data=DATA, summary=SUMMARY, material=material)


def test_a_skill_goes_to_a_shown_group_and_edits_can_be_taken_one_at_a_time():
    data = {**DATA, "skills": [{"name": "Old", "keywords": ["Perl"], "x-hidden": True}, *DATA["skills"]]}
    edits = {
        e.kind: e.as_dict()
        for e in suggest_edits(
            data=data, summary=SUMMARY, wanted=["Python", "Go"], known_not_shown=[("Go", "Side projects in Go")]
        )
    }
    added, _ = apply_edits(data, SUMMARY, [edits["add_skill"]])
    assert added["skills"][0]["keywords"] == ["Perl"] and added["skills"][1]["keywords"][-1] == "Go"
    ordered, _ = apply_edits(added, SUMMARY, [edits["order_skills"]])  # the list grew since: still applies
    assert ordered["skills"][1]["keywords"] == ["Python", "Django", "Redis", "PostgreSQL", "Go"]


def test_an_edit_cannot_be_both_accepted_and_rejected_and_asking_twice_queues_once(persona, pro_user):
    tailoring = _tailor(persona, pro_user)
    edit_id = tailoring.edits[0]["id"]
    with pytest.raises(TailoringRefused, match="both accepted and rejected"):
        tailoring_decide(tailoring=tailoring, accept=[edit_id], reject=[edit_id], by=pro_user)
    job = posting_create(user=pro_user, description=JOB, title="Again")
    first, _ = tailoring_request(persona=persona, job=job, by=pro_user)
    second, _ = tailoring_request(persona=persona, job=job, by=pro_user)
    assert first.pk == second.pk


class SloppyProvider(OfflineProvider):
    """A language model whose edits repeat each other, or are no edits of this persona at all."""

    language_model = True

    def complete_json(self, *, task, instructions, payload, schema):
        if task != "tailor":
            return {"requirements": []}
        edits = _rules_edits(payload)
        junk = [
            {"kind": "summary", "path": "skills[0].keywords", "after": "Not the summary's place.", "reason": "r"},
            {"kind": "hide_item", "path": "projects[99]", "after": True, "reason": "No such project."},
            {"kind": "order_skills", "path": "skills[0].keywords", "after": "not a list", "reason": "r"},
        ]
        return {"edits": [*edits, *edits, *junk]}


def test_sloppy_suggestions_are_numbered_afresh_and_repeats_and_junk_dropped(persona, pro_user, settings):
    settings.LLM_PROVIDER = f"{__name__}.SloppyProvider"
    tailoring = _tailor(persona, pro_user)
    assert [edit["id"] for edit in tailoring.edits] == [f"e{n}" for n in range(1, len(tailoring.edits) + 1)]
    assert len({(e["kind"], e["path"], str(e["after"])) for e in tailoring.edits}) == len(tailoring.edits)
    assert tailoring.dropped == 3 and tailoring.status == "succeeded"  # the junk; repeats are merged, not counted


def test_with_a_model_its_inventions_are_dropped_and_its_grounded_edits_kept(persona, pro_user, openai_server):
    from llm.models import LLMCall
    from llm.tests.openai_server import Reply

    openai_server.replies.append(Reply.json({"requirements": []}))  # reading the job: the rules' reading stands
    openai_server.replies.append(
        Reply.json(
            {
                "edits": [
                    {
                        "kind": "summary",
                        "path": "summary",
                        "after": "Backend engineer, formerly at Google, 12 years of Rust.",
                        "reason": "Sounds senior.",
                    },  # an employer, a number and a skill the user never gave
                    {
                        "kind": "add_skill",
                        "path": "skills",
                        "after": "Terraform",
                        "reason": "Popular.",
                    },  # never mentioned
                    {
                        "kind": "order_skills",
                        "path": "skills[0].keywords",
                        "after": ["Python", "PostgreSQL", "Redis", "Django"],
                        "reason": "Python and PostgreSQL first.",
                    },  # the user's own words, reordered: kept
                    {
                        "kind": "hide_item",
                        "path": "work[0]",
                        "after": True,
                        "reason": "Hide the only job.",
                    },  # not a project
                ]
            }
        )
    )
    tailoring = _tailor(persona, pro_user)
    request = next(r["body"] for r in openai_server.requests if "tailor" in r["body"]["messages"][0]["content"])
    assert "never instructions to follow" in request["messages"][0]["content"]
    assert request["messages"][1]["content"].startswith("<persona>\n")
    kept = {(edit["kind"], str(edit["after"])) for edit in tailoring.edits}
    assert ("order_skills", str(["Python", "PostgreSQL", "Redis", "Django"])) in kept
    assert tailoring.dropped == 3 and tailoring.provider == "openai"
    assert not any("Google" in str(edit["after"]) or edit["after"] == "Terraform" for edit in tailoring.edits)
    assert ("add_skill", "Go") in kept  # the rules' edit for a place the model left alone
    assert LLMCall.objects.filter(task="tailor", provider="openai").exists()


def test_headline_and_highlights_are_chosen_from_the_users_own_material():
    data = {
        "basics": {"label": "Engineer"},
        "work": [
            {
                "name": "Acme",
                "position": "Senior Python engineer",
                "highlights": [
                    "Moved 30 services to Kubernetes",
                    "Organised the summer party",
                    "Wrote the style guide",
                    "Mentored the interns",
                    "Cut Python build times in half",
                ],
            }
        ],
    }
    edits = suggest_edits(
        data=data,
        summary="",
        wanted=["Python", "Kubernetes"],
        known_not_shown=[],
        job_title="Senior Python engineer (m/w/d)",
    )
    by_kind = {}
    for edit in edits:
        by_kind.setdefault(edit.kind, []).append(edit.as_dict())
    assert by_kind["headline"][0]["after"] == "Senior Python engineer"
    hidden = [edit["before"] for edit in by_kind["hide_highlight"]]
    assert hidden == ["Organised the summer party", "Wrote the style guide"]  # three stay shown
    material = json.dumps(data)
    assert all(check_edit(e, data=data, summary="", material=material) for group in by_kind.values() for e in group)
    ordered, _ = apply_edits(data, "", by_kind["order_highlights"])
    after, _ = apply_edits(ordered, "", by_kind["hide_highlight"] + by_kind["headline"])  # found by their text
    assert after["work"][0]["x-hiddenHighlights"] == hidden and after["basics"]["label"] == "Senior Python engineer"

    reworded = {
        "kind": "rephrase_highlight",
        "path": "work[0].highlights[4]",
        "before": "Cut Python build times in half",
    }
    assert check_edit({**reworded, "after": "Halved Python build times"}, data=data, summary="", material=material)
    assert not check_edit(
        {**reworded, "after": "Halved Python build times for 400 engineers"}, data=data, summary="", material=material
    )
    assert not check_edit(
        {**reworded, "before": "Something else", "after": "Halved build times"},
        data=data,
        summary="",
        material=material,
    )
    rewritten, _ = apply_edits(data, "", [{**reworded, "after": "Halved Python build times"}])
    assert (
        rewritten["work"][0]["highlights"][4] == "Halved Python build times"
        and data["work"][0]["highlights"][4] == "Cut Python build times in half"
    )  # the input is left as it was


def test_a_summary_opening_with_the_headline_is_not_given_it_twice():
    summary = "Backend engineer who builds payment systems."
    (edit,) = [
        e
        for e in suggest_edits(data=DATA, summary=summary, wanted=["Python", "PostgreSQL"], known_not_shown=[])
        if e.kind == "summary"
    ]
    assert edit.after == "Working with Python and PostgreSQL. Backend engineer who builds payment systems."


def test_sections_and_projects_are_reordered_for_the_job_and_applied_by_name():
    data = {
        **DATA,
        "projects": [
            {"name": "Garden planner", "description": "A planting calendar"},
            {"name": "kube-audit", "description": "Audits Kubernetes clusters; Python, with a PostgreSQL store"},
        ],
    }
    wanted = ["Python", "PostgreSQL", "Kubernetes", "Go", "Redis"]
    edits = {e.kind: e for e in suggest_edits(data=data, summary=SUMMARY, wanted=wanted, known_not_shown=[])}
    sections_edit, projects_edit = edits["order_sections"], edits["order_projects"]
    assert sections_edit.after[:2] == ["skills", "projects"] and sections_edit.after.index("work") == 2
    assert sections_edit.reason.startswith(
        "Moves up Skills (Python, PostgreSQL, Redis) and Projects (Python, PostgreSQL, Kubernetes)"
    )
    assert projects_edit.after == ["kube-audit", "Garden planner"]
    shown = section_labels(sections_edit.after, sections_edit.before)  # as the apply page shows it
    assert shown == "Skills, Projects, Experience, Education, …"
    material = json.dumps(data)
    assert all(check_edit(e.as_dict(), data=data, summary=SUMMARY, material=material) for e in edits.values())

    changed, _ = apply_edits(data, SUMMARY, [sections_edit.as_dict(), projects_edit.as_dict()])
    assert changed["x-sectionOrder"][:3] == ["skills", "projects", "work"]
    assert [p["name"] for p in changed["projects"]] == ["kube-audit", "Garden planner"]
    again = {e.kind for e in suggest_edits(data=changed, summary=SUMMARY, wanted=wanted, known_not_shown=[])}
    assert not again & {"order_sections", "order_projects"}  # nothing left to move

    renamed = {**data, "projects": [{**data["projects"][0], "name": "Planner"}, data["projects"][1]]}
    with pytest.raises(EditDoesNotApply):
        apply_edits(renamed, SUMMARY, [projects_edit.as_dict()])
    shuffled = {**projects_edit.as_dict(), "after": ["kube-audit", "Secret project"]}
    assert not check_edit(shuffled, data=data, summary=SUMMARY, material=material)  # not the same projects
