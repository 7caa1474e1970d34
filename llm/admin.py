from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from accounts.admin import UserAdmin
from accounts.limits import limits_for
from accounts.models import User
from llm.calls import ai_usage_this_month
from llm.models import CachedEmbedding, LLMCall


@admin.register(LLMCall)
class LLMCallAdmin(admin.ModelAdmin):
    """A ledger: staff read it, nobody edits it."""

    list_display = [
        "created_at",
        "user",
        "task",
        "provider",
        "model",
        "tokens_in",
        "tokens_out",
        "cost_usd",
        "latency_ms",
        "outcome",
        "counts_against_plan",
    ]
    list_filter = ["task", "provider", "outcome", "counts_against_plan", "created_at"]
    search_fields = ["user__email", "model", "error"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: LLMCall | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: LLMCall | None = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        """Totals of what the filters select, above the list: calls, tokens and cost."""
        response = super().changelist_view(request, extra_context)
        context = response.context_data if isinstance(response, TemplateResponse) else None
        if context and context.get("cl") is not None:
            queryset: QuerySet[LLMCall] = context["cl"].queryset
            context["totals"] = queryset.aggregate(
                calls=Count("id"), tokens_in=Sum("tokens_in"), tokens_out=Sum("tokens_out"), cost=Sum("cost_usd")
            )
        return response


@admin.register(CachedEmbedding)
class CachedEmbeddingAdmin(admin.ModelAdmin):
    """How big the cache is, per embedder; staff may delete rows (they are made again when needed)."""

    list_display = ["embedder", "text_hash", "created_at"]
    list_filter = ["embedder"]
    readonly_fields = ["embedder", "text_hash", "created_at"]
    show_full_result_count = False  # a count of a large table on every page is not worth it

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: CachedEmbedding | None = None) -> bool:
        return False


class UserWithAIUsageAdmin(UserAdmin):
    """A user's page in the admin, with their AI calls this month: llm builds on accounts, so it adds them here."""

    readonly_fields = [*UserAdmin.readonly_fields, "ai_usage"]
    _after_plan = 1 + [name for name, _options in UserAdmin.fieldsets].index("Plan and billing")
    fieldsets = [  # what they used of their plan, after it
        *UserAdmin.fieldsets[:_after_plan],
        ("Usage", {"fields": ["ai_usage"]}),
        *UserAdmin.fieldsets[_after_plan:],
    ]

    @admin.display(description="AI this month")
    def ai_usage(self, user: User) -> str:
        usage = ai_usage_this_month(user=user)
        link = reverse("admin:llm_llmcall_changelist") + f"?user__id__exact={user.pk}"
        return format_html(
            "{} of {} metered calls, {} tokens, about ${} (<a href='{}'>every call</a>)",
            usage.metered_calls,
            limits_for(user).ai_calls_per_month or "unlimited",
            usage.tokens,
            f"{usage.cost_usd:.4f}",
            link,
        )


admin.site.unregister(User)
admin.site.register(User, UserWithAIUsageAdmin)
