"""What every route of ours answers to each actor: the table test_route_matrix.py checks, route by route.

The defaults say most of it, so an entry names only the route's URL arguments and where it differs:

- The route's *principal* (the owner, unless said otherwise) may use it: a GET answers 200. The matrix never writes
  as the principal; writes are other tests' business.
- Everyone else, logged in, gets 404 for a route naming an object (never 403: that would say the object exists), and
  also for any write to it; a route naming no object (a list, a form) is their own: a GET answers 200, and what a
  write answers must be written down (`write`).
- Anonymous: 302 to the login page, or 401 in the API (unless the route is `public`).
- A method the route does not allow: 405 (the methods come from the route's own Allow header).

A key "name#variant" checks the route once more, with other arguments.
`get` and `write` override a status per actor ("*": every actor not named; a write may give one per method).
URL arguments, bodies and query strings name world objects as "@name" (its pk) or "@name.attribute"; anything
else is literal (see route_world.py for the world).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Whole namespaces of third-party code, with their own permission systems and their own tests.
EXCLUDED = {
    "admin": "Django's admin: staff-only with its own permissions (test_admin_is_for_staff_only checks its door)",
    "allauth": "allauth's login, sign-up and password pages: public by nature; allauth tests them",
    "drf_spectacular": "the OpenAPI schema and its docs page: public descriptions, no user data",
}

Status = int | dict[str, int]  # one status, or one per method ("POST": 400, "DELETE": 200)


@dataclass(frozen=True)
class Expect:
    kwargs: dict[str, Any] = field(default_factory=dict)
    principal: str | None = "owner"  # None: nobody in particular (every actor is "everyone else")
    get: dict[str, int] = field(default_factory=dict)
    write: dict[str, Status] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    htmx: bool = False  # sent with HX-Request (a fragment route that redirects plain requests)
    public: bool = False  # no login needed: anonymous is one more "everyone else"
    link: bool = False  # the URL is the credential: whoever holds it is its principal (and a forged one fails)
    forged: int = 404  # what a forged link answers
    reveals: frozenset[str] = frozenset()  # secrets (route_world.SECRETS) the route shows to everyone it answers
    why: str = ""  # why the route departs from the defaults


PERSONA = {"pk": "@persona"}
REFUSED_PROPOSAL = "a proposal's actions refuse everyone but its lead with one message, whether or not it exists"

ROUTES: dict[str, Expect] = {
    # ---- personaforge
    "home": Expect(
        public=True, principal=None, get={"*": 302, "anonymous": 200}, why="the logged-in go on to their dashboard"
    ),
    "dashboard": Expect(),
    "background_job_status": Expect(kwargs={"pk": "@background_job"}),
    "healthz": Expect(public=True, principal=None, get={"*": 200}),
    "search": Expect(query={"q": "Quillwort"}),
    "staff_stats": Expect(principal="staff", get={"*": 302}, why="staff_member_required: to the admin's login"),
    "staff_login": Expect(
        principal="staff",
        get={"staff": 302, "anonymous": 302, "*": 403},
        why="the admin's login door: staff go on in, the anonymous to the site's login, others are refused",
    ),
    # ---- accounts: the account, the plan, billing
    "account": Expect(),
    "account_profile": Expect(body={"name": "Changed", "language": "en"}, write={"*": 302}),
    "token_create": Expect(body={"name": "Mine"}, write={"*": 200}, why="the new token is shown once, on the answer"),
    "email_choices": Expect(body={"weekly_digest": "on"}, write={"*": 302}),
    "token_revoke": Expect(kwargs={"pk": "@token"}),
    "archive_request": Expect(write={"*": 302}),
    "archive_download": Expect(kwargs={"pk": "@archive"}),
    # naming the owner's address deletes nothing of anyone's: it is not theirs
    "account_delete": Expect(body={"confirm": "@owner.email"}, write={"*": 302}),
    "email_unsubscribe": Expect(
        kwargs={"token": "@unsubscribe_token"},
        link=True,
        public=True,
        forged=400,
        reveals=frozenset({"email"}),
        why="the link in an email: it says which address it unsubscribes",
    ),
    "notice_dismiss": Expect(kwargs={"pk": "@notice"}),
    "plan": Expect(),
    "plan_checkout": Expect(body={"plan": "pro"}, write={"*": 302}),
    "plan_portal": Expect(write={"*": 302}),
    "stripe_webhook": Expect(public=True, principal=None, write={"*": 404}, why="no webhooks without Stripe"),
    # ---- accounts: teams
    "team": Expect(),
    "team_create": Expect(body={"name": "Mine"}, write={"*": 302}, why="refused with a message off the Team plan"),
    "team_invite": Expect(
        body={"email": "newcomer@example.com"}, write={"*": 404, "lead": 302}, why="only the lead invites"
    ),
    "team_settings": Expect(write={"*": 404, "lead": 302}, why="only the lead changes the team's settings"),
    "team_member": Expect(kwargs={"pk": "@owner"}, principal="lead", query={"persona": "@persona"}),
    "team_note_create": Expect(kwargs=PERSONA, principal="lead", body={"comment": "Nice"}),
    "team_persona_share": Expect(kwargs=PERSONA, principal="lead"),
    "team_shared_persona": Expect(
        kwargs={"pk": "@shared"},
        principal="teammate",
        get={"lead": 200},
        why="the whole team reads a shared persona; its owner reads it on their own pages",
    ),
    "team_member_action": Expect(kwargs={"pk": "@owner", "action": "remove"}, principal="lead"),
    "team_invitation_cancel": Expect(kwargs={"pk": "@invitation"}, principal="lead"),
    "team_join": Expect(
        kwargs={"token": "@join_token"},
        principal="outsider",
        get={"*": 200},
        write={"*": 400},
        why="whoever holds the link sees the invitation; only its addressee can accept it",
    ),
    # ---- cvs
    "cv_upload": Expect(write={"*": 400}),
    "cv_detail": Expect(kwargs={"pk": "@cv"}),
    "cv_download": Expect(kwargs={"pk": "@cv"}),
    "cv_reread": Expect(kwargs={"pk": "@cv"}),
    "cv_review": Expect(kwargs={"pk": "@cv"}),
    "cv_confirm": Expect(kwargs={"pk": "@cv"}),
    "cv_delete": Expect(kwargs={"pk": "@cv"}),
    "knowledge": Expect(body={"type": "skill", "value": "Mine"}, write={"*": 302}),
    "knowledge_merge": Expect(
        body={"entries": ["@fact"], "value": "Merged"}, write={"*": 400}, why="the owner's entry is no choice"
    ),
    "knowledge_edit": Expect(kwargs={"pk": "@fact"}, body={"type": "skill", "value": "Changed"}),
    "knowledge_delete": Expect(kwargs={"pk": "@fact"}),
    # ---- personas
    "persona_new": Expect(
        body={"title": "Mine", "base_cv": "@cv"}, write={"*": 400}, why="the owner's CV is no choice"
    ),
    "persona_detail": Expect(kwargs=PERSONA, body={"title": "Changed", "based_on": 2}),
    "tailoring_decide": Expect(kwargs={"pk": "@tailoring"}, body={"all": "accept"}),
    "persona_diff": Expect(kwargs=PERSONA),
    "lead_note_decide": Expect(kwargs={"pk": "@persona", "note_pk": "@note", "decision": "accept"}),
    "persona_activate": Expect(kwargs=PERSONA),
    "persona_duplicate": Expect(kwargs=PERSONA),
    "persona_delete": Expect(kwargs=PERSONA),
    "persona_translate": Expect(kwargs=PERSONA, body={"language": "de"}),
    "persona_translation_synced": Expect(kwargs=PERSONA),
    "persona_restore": Expect(kwargs={"pk": "@persona", "number": 1}),
    "persona_version_name": Expect(kwargs={"pk": "@persona", "number": 1}, body={"name": "Renamed"}),
    "persona_photo": Expect(kwargs=PERSONA),
    "persona_photo_change": Expect(kwargs=PERSONA, body={"remove": "1"}),
    "custom_section_add": Expect(kwargs=PERSONA, body={"name": "Talks", "based_on": 2}),
    "section_show": Expect(kwargs={"pk": "@persona", "key": "work"}, htmx=True),
    "custom_section_remove": Expect(kwargs={"pk": "@persona", "key": "work"}),
    "section_move": Expect(kwargs={"pk": "@persona", "key": "work", "direction": "down"}, body={"based_on": 2}),
    "section_reorder": Expect(kwargs={"pk": "@persona", "key": "work"}, body={"order": "1,0", "based_on": 2}),
    "section_item": Expect(kwargs={"pk": "@persona", "key": "work", "index": 0}),
    "section_item_action": Expect(
        kwargs={"pk": "@persona", "key": "work", "index": 0, "action": "toggle"}, body={"based_on": 2}
    ),
    "section_highlight_toggle": Expect(
        kwargs={"pk": "@persona", "key": "work", "index": 0, "highlight": 0}, body={"based_on": 2}
    ),
    "skill_from_knowledge": Expect(kwargs={"pk": "@persona", "entry": "@fact"}, body={"based_on": 2}),
    # ---- gaps
    "gap_review_create": Expect(kwargs=PERSONA),
    "gap_fit": Expect(kwargs=PERSONA, body={"posting": "@job"}),
    "persona_feedback": Expect(kwargs=PERSONA),
    "jobs": Expect(write={"*": 400}),
    "job_import": Expect(write={"*": 400}),
    "job_import_review": Expect(kwargs={"pk": "@job_import"}),
    "job_delete": Expect(kwargs={"job_id": "@job"}),
    "apply": Expect(kwargs={"job_id": "@job"}),
    "apply_fit": Expect(kwargs={"job_id": "@job"}, body={"persona": "@persona"}),
    "apply_questions": Expect(kwargs={"job_id": "@job"}, body={"persona": "@persona"}),
    "apply_tailor": Expect(kwargs={"job_id": "@job"}, body={"persona": "@persona"}),
    "apply_letter": Expect(kwargs={"job_id": "@job"}, body={"persona": "@persona", "tone": "warm", "length": "short"}),
    "application_save": Expect(kwargs={"job_id": "@job"}, body={"status": "applied"}),
    "applications": Expect(),
    "cover_letter_edit": Expect(kwargs={"pk": "@letter"}, body={"body": "Changed"}),
    "question_respond": Expect(kwargs={"pk": "@question"}, body={"choice": "no"}),
    # ---- exports
    "persona_export": Expect(kwargs=PERSONA),
    "export_list": Expect(),
    "export_download": Expect(
        kwargs={"pk": "@export"}, get={"lead": 200}, why="a team lead downloads members' CVs (export_get_to_download)"
    ),
    # a cover letter is the member's own, as their jobs and applications are: their lead reads only personas
    "export_download#letter": Expect(kwargs={"pk": "@exported_letter"}),
    "export_retry": Expect(kwargs={"pk": "@export"}),
    "letter_export": Expect(kwargs={"pk": "@letter"}),
    "persona_share": Expect(kwargs=PERSONA),
    "share_revoke": Expect(kwargs={"pk": "@share"}),
    "share_page": Expect(kwargs={"token": "@share.token"}, link=True, public=True),
    "share_pdf": Expect(kwargs={"token": "@share.token"}, link=True, public=True),
    "team_proposals": Expect(principal="lead", get={"*": 404}, write={"*": 404}, why="for team leads only"),
    "proposal_tailor": Expect(kwargs={"pk": "@proposal"}, principal="lead", write={"*": 302}, why=REFUSED_PROPOSAL),
    "proposal_make_now": Expect(kwargs={"pk": "@proposal"}, principal="lead", write={"*": 302}, why=REFUSED_PROPOSAL),
    "proposal_consent": Expect(kwargs={"pk": "@proposal", "answer": "agree"}, write={"*": 302}, why=REFUSED_PROPOSAL),
    "proposal_download": Expect(kwargs={"pk": "@proposal"}, principal="lead"),
    # ---- templates_app
    "template_list": Expect(write={"*": 400}),
    "template_edit": Expect(kwargs={"pk": "@template"}, body={"name": "Changed", "body": "# Changed"}),
    "template_preview": Expect(kwargs={"pk": "@template"}, body={"persona": "@persona", "body": "# Me"}),
    "template_delete": Expect(kwargs={"pk": "@template"}),
    # ---- the API: accounts
    "api_token": Expect(
        public=True, principal=None, body={"email": "@owner.email", "password": "guessed"}, write={"*": 401}
    ),
    "api_token_refresh": Expect(public=True, principal=None, body={"refresh": "forged"}, write={"*": 401}),
    "api_logout": Expect(public=True, principal=None, body={"refresh": "forged"}, write={"*": 401}),
    "api_me": Expect(body={"name": "Changed"}, write={"*": 200}),
    "api_plan": Expect(),
    "api_background_job": Expect(kwargs={"pk": "@background_job"}),
    "api_archive": Expect(write={"*": 202}),
    "api_archive_download": Expect(kwargs={"pk": "@archive"}),
    # POST with the owner's address schedules nothing; DELETE cancels the caller's own (unscheduled) deletion
    "api_account_deletion": Expect(body={"confirm": "@owner.email"}, write={"*": {"POST": 400, "DELETE": 200}}),
    "api_tokens": Expect(write={"*": 400}),
    "api_token_revoke": Expect(kwargs={"pk": "@token"}),
    # ---- the API: teams
    "api_team": Expect(
        body={"name": "Mine", "ask_consent": False},
        get={"outsider": 404, "staff": 404},
        write={"*": {"POST": 400, "PATCH": 404}, "lead": {"POST": 400, "PATCH": 200}},
        why="the caller's own team (none: 404); only its lead changes its settings",
    ),
    "api_team_join": Expect(principal="outsider", body={"token": "@join_token"}, write={"*": 400}),
    "api_team_invitations": Expect(
        principal="lead", body={"email": "newcomer@example.com"}, get={"*": 404}, write={"*": 404}
    ),
    "api_team_invitation": Expect(kwargs={"pk": "@invitation"}, principal="lead"),
    "api_team_member_remove": Expect(kwargs={"pk": "@owner"}, principal="lead"),
    "api_team_member_lead": Expect(kwargs={"pk": "@owner"}, principal="lead"),
    "api_team_persona_share": Expect(kwargs=PERSONA, principal="lead"),
    "api_team_shared": Expect(),
    "api_team_shared_persona": Expect(kwargs={"pk": "@shared"}, principal="teammate", get={"lead": 200}),
    "api_team_personas": Expect(principal="lead", get={"*": 404}),
    "api_team_persona": Expect(kwargs=PERSONA, principal="lead"),
    "api_team_persona_notes": Expect(kwargs=PERSONA, principal="lead", body={"comment": "Nice"}),
    "api_proposals": Expect(
        principal="lead",
        body={"job": "@job", "personas": ["@persona"], "template": "@template"},
        get={"*": 404},
        write={"*": 404},
    ),
    "api_proposal_pdf": Expect(kwargs={"pk": "@proposal"}, principal="lead"),
    "api_proposal_consent": Expect(
        kwargs={"pk": "@proposal"}, body={"agree": True}, write={"*": 409}, why=REFUSED_PROPOSAL
    ),
    "api_proposal_make_now": Expect(
        kwargs={"pk": "@proposal"}, principal="lead", write={"*": 409}, why=REFUSED_PROPOSAL
    ),
    "api_proposal_tailor": Expect(kwargs={"pk": "@proposal"}, principal="lead", write={"*": 409}, why=REFUSED_PROPOSAL),
    # ---- the API: CVs, knowledge, search
    "api_cvs": Expect(write={"*": 415}, why="an upload is multipart only"),
    "api_cv": Expect(kwargs={"pk": "@cv"}),
    "api_cv_reparse": Expect(kwargs={"pk": "@cv"}),
    "api_cv_review_seen": Expect(kwargs={"pk": "@cv"}),
    "api_knowledge": Expect(write={"*": 400}),
    "api_fact": Expect(kwargs={"pk": "@fact"}, body={"type": "skill", "value": "Changed"}),
    "api_search": Expect(query={"q": "Quillwort"}),
    # ---- the API: personas
    "api_personas": Expect(
        body={"title": "Mine", "base_cv": "@cv"}, write={"*": 400}, why="the owner's CV is as absent as none"
    ),
    "api_persona": Expect(kwargs=PERSONA, body={"based_on": 2, "title": "Changed"}),
    "api_lead_notes": Expect(kwargs=PERSONA),
    "api_lead_note_decide": Expect(kwargs={"pk": "@persona", "note_pk": "@note"}, body={"accept": True}),
    "api_persona_activate": Expect(kwargs=PERSONA),
    "api_persona_duplicate": Expect(kwargs=PERSONA),
    "api_persona_versions": Expect(kwargs=PERSONA),
    "api_persona_diff": Expect(kwargs=PERSONA, query={"a": 1, "b": 2}),
    "api_persona_version": Expect(kwargs={"pk": "@persona", "number": 1}),
    "api_persona_restore": Expect(kwargs={"pk": "@persona", "number": 1}),
    "api_gap_reports": Expect(kwargs=PERSONA, body={"type": "general"}),
    "api_gap_report": Expect(kwargs={"pk": "@persona", "report_pk": "@report"}),
    "api_tailorings": Expect(kwargs=PERSONA, body={"job": "@job"}),
    "api_tailoring": Expect(kwargs={"pk": "@persona", "tailoring_pk": "@tailoring"}, body={"accept": ["e1"]}),
    # ---- the API: jobs, applications, letters
    "api_jobs": Expect(write={"*": 400}),
    "api_job": Expect(kwargs={"pk": "@job"}, body={"title": "Changed"}),
    "api_job_questions": Expect(kwargs={"pk": "@job"}, body={"persona": "@persona"}),
    "api_job_question": Expect(kwargs={"pk": "@job", "question_pk": "@question"}, body={"status": "declined"}),
    "api_job_import": Expect(write={"*": 400}),
    "api_job_import_detail": Expect(kwargs={"pk": "@job_import"}),
    "api_job_import_save": Expect(kwargs={"pk": "@job_import"}, body={"description": "A job."}),
    "api_applications": Expect(
        body={"job": "@job", "persona": "@persona"}, write={"*": 404}, why="the owner's job is as absent as none"
    ),
    "api_application": Expect(kwargs={"pk": "@application"}, body={"status": "applied"}),
    "api_cover_letters": Expect(
        body={"job": "@job", "persona": "@persona"}, write={"*": 404}, why="the owner's job is as absent as none"
    ),
    "api_cover_letter": Expect(kwargs={"pk": "@letter"}, body={"body": "Changed"}),
    # ---- the API: templates and exports
    "api_templates": Expect(write={"*": 400}),
    "api_template": Expect(kwargs={"pk": "@template"}, body={"name": "Changed"}),
    "api_template_preview": Expect(kwargs={"pk": "@template"}, body={"persona": "@persona"}),
    "api_exports": Expect(
        body={"persona": "@persona", "template": "@template", "format": "pdf"},
        write={"*": 404},
        why="the owner's persona is as absent as none",
    ),
    "api_export": Expect(kwargs={"pk": "@export"}),
    "api_export_download": Expect(kwargs={"pk": "@export"}, get={"lead": 200}, why="as export_download"),
    "api_export_download#letter": Expect(kwargs={"pk": "@exported_letter"}),
}


@dataclass(frozen=True)
class Naming:
    """A request on the actor's own objects that names one of the owner's: in a second URL argument, the body or
    the query string. It must be refused (`status`; a list or a form answers 200, showing nothing of the owner's)
    and leave nothing of the actor's pointing at the owner's."""

    route: str
    kwargs: dict[str, Any]
    method: str = "POST"
    body: dict[str, Any] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    status: int = 404
    actor: str = "outsider"


OWN_PERSONA = {"pk": "@outsider_persona"}
NAMING_THE_OWNERS: list[Naming] = [
    Naming("skill_from_knowledge", {**OWN_PERSONA, "entry": "@fact"}, body={"based_on": 2}),
    Naming("lead_note_decide", {**OWN_PERSONA, "note_pk": "@note", "decision": "accept"}),
    Naming("api_lead_note_decide", {**OWN_PERSONA, "note_pk": "@note"}, body={"accept": True}),
    Naming("api_tailoring", {**OWN_PERSONA, "tailoring_pk": "@tailoring"}, method="GET"),
    Naming("api_tailoring", {**OWN_PERSONA, "tailoring_pk": "@tailoring"}, body={"accept": ["e1"]}),
    Naming("api_gap_report", {**OWN_PERSONA, "report_pk": "@report"}, method="GET"),
    Naming("api_job_question", {"pk": "@outsider_job", "question_pk": "@question"}, body={"status": "declined"}),
    Naming("gap_fit", OWN_PERSONA, body={"posting": "@job"}, status=400),
    Naming("gap_fit", OWN_PERSONA, method="GET", query={"report": "@report"}),
    Naming("persona_new", {}, method="GET", query={"cv": "@cv"}, status=200),
    Naming("api_cover_letters", {}, method="GET", query={"job": "@job"}, status=200),
    Naming("apply", {"job_id": "@outsider_job"}, method="GET", query={"persona": "@persona"}),
    Naming("apply_fit", {"job_id": "@outsider_job"}, body={"persona": "@persona"}),
    Naming("apply_questions", {"job_id": "@outsider_job"}, body={"persona": "@persona"}),
    Naming("apply_tailor", {"job_id": "@outsider_job"}, body={"persona": "@persona"}),
    Naming(
        "apply_letter", {"job_id": "@outsider_job"}, body={"persona": "@persona", "tone": "warm", "length": "short"}
    ),
    Naming(
        "application_save", {"job_id": "@outsider_job"}, body={"persona": "@persona", "status": "applied"}, status=302
    ),
    Naming("api_gap_reports", OWN_PERSONA, body={"type": "role_specific", "job": "@job"}),
    Naming("api_tailorings", OWN_PERSONA, body={"job": "@job"}),
    Naming("api_job_questions", {"pk": "@outsider_job"}, body={"persona": "@persona"}),
    Naming("api_template_preview", {"pk": "@builtin_cv"}, body={"persona": "@persona"}),
    Naming("template_preview", {"pk": "@outsider_template"}, body={"persona": "@persona", "body": "# Me"}, status=400),
    Naming("api_application", {"pk": "@outsider_application"}, method="PATCH", body={"persona": "@persona"}),
    Naming("api_applications", {}, body={"job": "@outsider_job", "persona": "@persona"}),
    Naming("api_cover_letters", {}, body={"job": "@outsider_job", "persona": "@persona"}),
    Naming("api_exports", {}, body={"persona": "@outsider_persona", "template": "@template", "format": "pdf"}),
    Naming("api_exports", {}, body={"persona": "@persona", "template": "@builtin_cv", "format": "pdf"}),
    Naming(
        "api_exports",
        {},
        body={
            "persona": "@outsider_persona",
            "template": "@builtin_letter",
            "format": "pdf",
            "cover_letter": "@letter",
        },
    ),
    Naming("persona_export", OWN_PERSONA, body={"template": "@template", "format": "pdf"}, status=400),
    Naming("persona_share", OWN_PERSONA, body={"template": "@template"}, status=302),
    Naming(
        "letter_export", {"pk": "@outsider_letter"}, body={"template": "@letter_template", "format": "pdf"}, status=302
    ),
    Naming("knowledge_merge", {}, body={"entries": ["@outsider_fact", "@fact"], "value": "Merged"}, status=400),
    Naming("api_personas", {}, body={"title": "Mine", "base_cv": "@cv"}, status=400),
    Naming(
        "api_proposals", {}, actor="lead", body={"job": "@job", "personas": ["@persona"], "template": "@builtin_cv"}
    ),
    Naming(
        "api_proposals",
        {},
        actor="lead",
        body={"job": "@lead_job", "personas": ["@outsider_persona"], "template": "@builtin_cv"},
    ),
    Naming(
        "team_proposals",
        {},
        actor="lead",
        status=400,
        body={"job": "@lead_job", "personas": ["@outsider_persona"], "template": "@builtin_cv"},
    ),
]
