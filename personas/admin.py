from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.admin import ReasonActionForm, StaffPermissions, reason_given
from accounts.models import User
from accounts.moderation import content_remove
from personas.models import LeadNote, Persona, PersonaVersion, TeamShare
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
class PersonaAdmin(StaffPermissions, admin.ModelAdmin):
    list_display = ["title", "user", "updated_at", "created_at"]
    list_filter = ["updated_at"]
    search_fields = ["title", "summary", "user__email"]
    list_select_related = ["user"]
    autocomplete_fields = ["user", "base_cv"]
    exclude = ["embedding", "search_vector"]
    inlines = [VersionInline]
    form = PersonaAdminForm
    action_form = ReasonActionForm
    actions = ["remove_for_terms"]

    @admin.action(description="Remove for breaking the terms (the owner is told why)", permissions=["suspend"])
    def remove_for_terms(self, request: HttpRequest, queryset: QuerySet[Persona]) -> None:
        if reason := reason_given(request):
            for persona in queryset.select_related("user"):
                content_remove(
                    obj=persona,
                    owner=persona.user,
                    label=f"your persona “{persona.title}”",
                    staff=cast(User, request.user),
                    reason=reason,
                )
            messages.success(request, "Removed, and the owners told why.")

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


@admin.register(LeadNote)
class LeadNoteAdmin(admin.ModelAdmin):
    """Read-only for staff: a note is between a lead and a member."""

    list_display = ["persona", "author_name", "status", "created_at", "decided_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["persona__title", "author_name", "persona__user__email", "comment"]
    list_select_related = ["persona"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(TeamShare)
class TeamShareAdmin(admin.ModelAdmin):
    list_display = ["persona", "team", "shared_by", "created_at"]
    search_fields = ["persona__title", "team__name"]
    list_select_related = ["persona", "team", "shared_by"]
    readonly_fields = ["persona", "team", "shared_by", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
