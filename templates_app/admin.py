from __future__ import annotations

from typing import cast

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.admin import ReasonActionForm, StaffPermissions, reason_given
from accounts.models import User
from accounts.moderation import content_remove
from templates_app.models import Template


@admin.register(Template)
class TemplateAdmin(StaffPermissions, admin.ModelAdmin):
    list_display = ["name", "type", "engine", "owner", "updated_at"]
    list_filter = ["type", "engine", ("owner", admin.EmptyFieldListFilter)]
    search_fields = ["name", "owner__email"]
    list_select_related = ["owner"]
    autocomplete_fields = ["owner"]
    action_form = ReasonActionForm
    actions = ["remove_for_terms"]

    @admin.action(description="Remove for breaking the terms (the owner is told why)", permissions=["suspend"])
    def remove_for_terms(self, request: HttpRequest, queryset: QuerySet[Template]) -> None:
        if reason := reason_given(request):
            for template in queryset.exclude(owner=None).select_related("owner"):
                assert template.owner is not None
                content_remove(
                    obj=template,
                    owner=template.owner,
                    label=f"your template “{template.name}”",
                    staff=cast(User, request.user),
                    reason=reason,
                )
            messages.success(request, "Removed (built-in templates are files and stay), and the owners told why.")
