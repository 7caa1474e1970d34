from django.contrib import admin
from django.db import models

from gaps.models import Application, CoverLetter, FollowUpQuestion, GapReport, JobImport, JobPosting, Tailoring


@admin.register(JobPosting)
class JobPostingAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "user", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["title", "company", "user__email"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # Django 6's default, stated now


@admin.register(GapReport)
class GapReportAdmin(admin.ModelAdmin):
    list_display = ["persona", "type", "job", "fit_score", "created_at"]
    list_filter = ["type", "created_at"]
    search_fields = ["persona__title", "persona__user__email", "input_text"]
    list_select_related = ["persona", "job"]
    autocomplete_fields = ["persona", "job"]


@admin.register(FollowUpQuestion)
class FollowUpQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "user", "status", "created_at"]
    list_filter = ["status", "entry_type", "created_at"]
    search_fields = ["text", "answer", "user__email"]
    list_select_related = ["user"]
    autocomplete_fields = ["user", "job", "persona", "entry"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["job", "user", "status", "applied_on", "next_step_on"]
    list_filter = ["status", "applied_on"]
    search_fields = ["job__title", "job__company", "user__email"]
    list_select_related = ["job", "user"]
    autocomplete_fields = ["user", "job", "persona"]


@admin.register(CoverLetter)
class CoverLetterAdmin(admin.ModelAdmin):
    list_display = ["job", "number", "user", "status", "edited", "created_at"]
    list_filter = ["status", "tone", "length", "edited"]
    search_fields = ["job__title", "user__email"]
    list_select_related = ["job", "user"]
    autocomplete_fields = ["user", "job", "persona"]


@admin.register(JobImport)
class JobImportAdmin(admin.ModelAdmin):
    list_display = ["url", "user", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["url", "user__email"]
    list_select_related = ["user"]
    readonly_fields = ["user", "url", "status", "fields", "error", "job", "created_at"]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(Tailoring)
class TailoringAdmin(admin.ModelAdmin):
    list_display = ["persona", "job_title", "status", "fit_before", "fit_after", "dropped", "created_at"]
    list_filter = ["status", "provider", "created_at"]
    search_fields = ["persona__title", "job_title", "persona__user__email"]
    list_select_related = ["persona"]
    autocomplete_fields = ["persona", "job"]
    readonly_fields = ["edits", "dropped", "fit_before", "fit_after", "provider", "result_version", "version_number"]
