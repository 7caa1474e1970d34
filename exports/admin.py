from django.contrib import admin

from exports.models import Export, Share, TeamProposal


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin):
    list_display = ["persona", "user", "format", "status", "created_at"]
    list_filter = ["status", "format", "created_at"]
    search_fields = ["persona__title", "user__email"]
    list_select_related = ["persona", "user"]
    autocomplete_fields = ["user", "persona", "template"]
    readonly_fields = ["persona_version", "created_at", "updated_at"]


@admin.register(Share)
class ShareAdmin(admin.ModelAdmin):
    """Staff can see and revoke a shared page (moderation); the token is the link, so it is not shown."""

    list_display = ["persona", "user", "created_at", "revoked_at", "views", "downloads"]
    list_filter = ["revoked_at", "created_at"]
    search_fields = ["persona__title", "user__email"]
    list_select_related = ["persona", "user"]
    exclude = ["token"]
    readonly_fields = [
        "user",
        "persona",
        "persona_version",
        "template",
        "config",
        "views",
        "downloads",
        "pdf",
        "created_at",
        "updated_at",
    ]


@admin.register(TeamProposal)
class TeamProposalAdmin(admin.ModelAdmin):
    list_display = ["team", "job", "user", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["team__name", "job__title", "user__email"]
    list_select_related = ["team", "job", "user"]
    readonly_fields = ["user", "team", "job", "template", "intro", "members", "status", "file", "error", "created_at"]
