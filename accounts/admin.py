from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.urls import reverse
from django.utils.html import format_html

from accounts.limits import limits_for
from accounts.models import Team, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["-created_at"]
    list_display = ["email", "name", "plan", "team", "is_staff", "is_active", "created_at", "last_login"]
    list_filter = ["plan", "is_staff", "is_active", "team"]
    search_fields = ["email", "name"]
    readonly_fields = ["created_at", "updated_at", "last_login", "ai_usage"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["name", "plan", "team"]}),
        ("Usage", {"fields": ["ai_usage"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "created_at", "updated_at"]}),
    ]

    @admin.display(description="AI this month")
    def ai_usage(self, user: User) -> str:
        from llm.calls import ai_usage_this_month

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

    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2", "plan"]})]


class MemberInline(admin.TabularInline):
    model = User
    fk_name = "team"
    fields = ["email", "name", "plan"]
    readonly_fields = ["email", "name", "plan"]
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "created_at"]
    search_fields = ["name", "owner__email"]
    autocomplete_fields = ["owner"]
    inlines = [MemberInline]
