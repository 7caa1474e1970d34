from django.urls import path

from accounts import api as accounts_api
from accounts import jwt, team_api
from accounts.api import MeView, TokenDetailView, TokenListView
from cvs import api as cvs_api
from exports import api as exports_api
from exports import proposal_api
from gaps import api as gaps_api
from gaps import import_api
from personaforge.jobs_api import BackgroundJobView
from personaforge.plan_api import PlanView
from personaforge.search_api import SearchView
from personas import api as personas_api
from personas import notes_api
from personas import team_api as persona_team_api
from templates_app import api as templates_api

urlpatterns = [
    path("auth/token", jwt.TokenView.as_view(), name="api_token"),
    path("auth/token/refresh", jwt.TokenRefreshAPIView.as_view(), name="api_token_refresh"),
    path("auth/logout", jwt.LogoutView.as_view(), name="api_logout"),
    path("me", MeView.as_view(), name="api_me"),
    path("plan/", PlanView.as_view(), name="api_plan"),
    path("background-jobs/<uuid:pk>/", BackgroundJobView.as_view(), name="api_background_job"),
    path("account/archive/", accounts_api.AccountArchiveView.as_view(), name="api_archive"),
    path("account/archive/<uuid:pk>/", accounts_api.AccountArchiveDownloadView.as_view(), name="api_archive_download"),
    path("account/deletion/", accounts_api.AccountDeletionView.as_view(), name="api_account_deletion"),
    path("tokens/", TokenListView.as_view(), name="api_tokens"),
    path("tokens/<uuid:pk>/", TokenDetailView.as_view(), name="api_token_revoke"),
    path("cvs/", cvs_api.CVListView.as_view(), name="api_cvs"),
    path("cvs/<uuid:pk>/", cvs_api.CVDetailView.as_view(), name="api_cv"),
    path("cvs/<uuid:pk>/reparse/", cvs_api.CVReparseView.as_view(), name="api_cv_reparse"),
    path("cvs/<uuid:pk>/review-seen/", cvs_api.CVReviewSeenView.as_view(), name="api_cv_review_seen"),
    path("knowledge-base/", cvs_api.KnowledgeListView.as_view(), name="api_knowledge"),
    path("knowledge-base/<uuid:pk>/", cvs_api.KnowledgeDetailView.as_view(), name="api_fact"),
    path("search/", SearchView.as_view(), name="api_search"),
    path("jobs/import/", import_api.JobImportCreateView.as_view(), name="api_job_import"),
    path("jobs/imports/<uuid:pk>/", import_api.JobImportDetailView.as_view(), name="api_job_import_detail"),
    path("jobs/imports/<uuid:pk>/save/", import_api.JobImportSaveView.as_view(), name="api_job_import_save"),
    path("personas/", personas_api.PersonaListView.as_view(), name="api_personas"),
    path("personas/<uuid:pk>/", personas_api.PersonaDetailView.as_view(), name="api_persona"),
    path("personas/<uuid:pk>/notes/", notes_api.LeadNoteListView.as_view(), name="api_lead_notes"),
    path(
        "personas/<uuid:pk>/notes/<uuid:note_pk>/decide/",
        notes_api.LeadNoteDecideView.as_view(),
        name="api_lead_note_decide",
    ),
    path("team/", team_api.TeamView.as_view(), name="api_team"),
    path("team/join/", team_api.TeamJoinView.as_view(), name="api_team_join"),
    path("team/invitations/", team_api.TeamInvitationListView.as_view(), name="api_team_invitations"),
    path("team/invitations/<uuid:pk>/", team_api.TeamInvitationDetailView.as_view(), name="api_team_invitation"),
    path(
        "team/members/<uuid:pk>/remove/",
        team_api.TeamMemberActionView.as_view(action="remove"),
        name="api_team_member_remove",
    ),
    path(
        "team/members/<uuid:pk>/lead/",
        team_api.TeamMemberActionView.as_view(action="lead"),
        name="api_team_member_lead",
    ),
    path(
        "team/personas/<uuid:pk>/share/", persona_team_api.TeamPersonaShareView.as_view(), name="api_team_persona_share"
    ),
    path("team/shared/", persona_team_api.TeamSharedListView.as_view(), name="api_team_shared"),
    path("team/proposals/", proposal_api.ProposalListView.as_view(), name="api_proposals"),
    path("team/proposals/<uuid:pk>/download/", proposal_api.ProposalDownloadView.as_view(), name="api_proposal_pdf"),
    path("team/proposals/<uuid:pk>/consent/", proposal_api.ProposalConsentView.as_view(), name="api_proposal_consent"),
    path(
        "team/proposals/<uuid:pk>/make-now/", proposal_api.ProposalMakeNowView.as_view(), name="api_proposal_make_now"
    ),
    path("team/proposals/<uuid:pk>/tailor/", proposal_api.ProposalTailorView.as_view(), name="api_proposal_tailor"),
    path("team/shared/<uuid:pk>/", persona_team_api.TeamSharedDetailView.as_view(), name="api_team_shared_persona"),
    path("team/personas/", persona_team_api.TeamPersonaListView.as_view(), name="api_team_personas"),
    path("team/personas/<uuid:pk>/", persona_team_api.TeamPersonaDetailView.as_view(), name="api_team_persona"),
    path(
        "team/personas/<uuid:pk>/notes/", persona_team_api.TeamPersonaNotesView.as_view(), name="api_team_persona_notes"
    ),
    path("personas/<uuid:pk>/activate/", personas_api.PersonaActivateView.as_view(), name="api_persona_activate"),
    path("personas/<uuid:pk>/duplicate/", personas_api.PersonaDuplicateView.as_view(), name="api_persona_duplicate"),
    path("personas/<uuid:pk>/versions/", personas_api.VersionListView.as_view(), name="api_persona_versions"),
    path("personas/<uuid:pk>/versions/diff/", personas_api.VersionDiffView.as_view(), name="api_persona_diff"),
    path("personas/<uuid:pk>/gap-reports/", gaps_api.GapReportListView.as_view(), name="api_gap_reports"),
    path("personas/<uuid:pk>/tailorings/", gaps_api.TailoringListView.as_view(), name="api_tailorings"),
    path(
        "personas/<uuid:pk>/tailorings/<uuid:tailoring_pk>/",
        gaps_api.TailoringDetailView.as_view(),
        name="api_tailoring",
    ),
    path("jobs/", gaps_api.JobListView.as_view(), name="api_jobs"),
    path("applications/", gaps_api.ApplicationListView.as_view(), name="api_applications"),
    path("cover-letters/", gaps_api.CoverLetterListView.as_view(), name="api_cover_letters"),
    path("cover-letters/<uuid:pk>/", gaps_api.CoverLetterDetailView.as_view(), name="api_cover_letter"),
    path("applications/<uuid:pk>/", gaps_api.ApplicationDetailView.as_view(), name="api_application"),
    path("jobs/<uuid:pk>/", gaps_api.JobDetailView.as_view(), name="api_job"),
    path("jobs/<uuid:pk>/questions/", gaps_api.JobQuestionsView.as_view(), name="api_job_questions"),
    path(
        "jobs/<uuid:pk>/questions/<uuid:question_pk>/",
        gaps_api.JobQuestionDetailView.as_view(),
        name="api_job_question",
    ),
    path(
        "personas/<uuid:pk>/gap-reports/<uuid:report_pk>/",
        gaps_api.GapReportDetailView.as_view(),
        name="api_gap_report",
    ),
    path(
        "personas/<uuid:pk>/versions/<int:number>/",
        personas_api.VersionDetailView.as_view(),
        name="api_persona_version",
    ),
    path(
        "personas/<uuid:pk>/versions/<int:number>/restore/",
        personas_api.VersionRestoreView.as_view(),
        name="api_persona_restore",
    ),
    path("templates/", templates_api.TemplateListView.as_view(), name="api_templates"),
    path("templates/<uuid:pk>/", templates_api.TemplateDetailView.as_view(), name="api_template"),
    path("templates/<uuid:pk>/preview/", templates_api.TemplatePreviewView.as_view(), name="api_template_preview"),
    path("exports/", exports_api.ExportListView.as_view(), name="api_exports"),
    path("exports/<uuid:pk>/", exports_api.ExportDetailView.as_view(), name="api_export"),
    path("exports/<uuid:pk>/download/", exports_api.ExportDownloadView.as_view(), name="api_export_download"),
]
