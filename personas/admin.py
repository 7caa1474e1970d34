from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from personas.models import Persona, PersonaVersion, Tailoring
from personas.selectors import persona_limit_for
from personas.services import persona_version_record


class PersonaAdminForm(forms.ModelForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        user = cleaned.get("user")
        # Staff follow the same plan limits as everyone (raise the plan to give more).
        limit = persona_limit_for(user=user) if self.instance._state.adding and user is not None else None
        if limit:
            raise forms.ValidationError(str(limit))
        return cleaned


class VersionInline(admin.TabularInline):
    model = PersonaVersion
    fields = ["number", "name", "change_summary", "created_by", "created_at"]
    readonly_fields = ["number", "name", "change_summary", "created_by", "created_at"]
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Persona)
class PersonaAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "updated_at", "created_at"]
    list_filter = ["updated_at"]
    search_fields = ["title", "summary", "user__email"]
    list_select_related = ["user"]
    autocomplete_fields = ["user", "base_cv"]
    exclude = ["embedding", "search_vector"]
    inlines = [VersionInline]
    form = PersonaAdminForm

    def save_model(self, request: HttpRequest, obj: Persona, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Changes made here are versions like any other, so the user's history stays complete.
        summary = "Edited in the admin by staff" if change else "Created in the admin by staff"
        persona_version_record(persona=obj, by=request.user, change_summary=summary)  # type: ignore[arg-type]


@admin.register(PersonaVersion)
class PersonaVersionAdmin(admin.ModelAdmin):
    list_display = ["persona", "number", "name", "change_summary", "created_by", "created_at"]
    search_fields = ["persona__title", "name", "persona__user__email"]
    list_select_related = ["persona", "created_by"]
    readonly_fields = ["persona", "number", "snapshot", "created_by", "created_at"]


@admin.register(Tailoring)
class TailoringAdmin(admin.ModelAdmin):
    list_display = ["persona", "job_title", "status", "fit_before", "fit_after", "dropped", "created_at"]
    list_filter = ["status", "provider", "created_at"]
    search_fields = ["persona__title", "job_title", "persona__user__email"]
    list_select_related = ["persona"]
    autocomplete_fields = ["persona", "job"]
    readonly_fields = ["edits", "dropped", "fit_before", "fit_after", "provider", "result_version", "version_number"]
