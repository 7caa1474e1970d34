from django.contrib import admin

from cvs.models import CV, KnowledgeBaseEntry


@admin.register(CV)
class CVAdmin(admin.ModelAdmin):
    list_display = ["filename", "user", "status", "size", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["filename", "user__email"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at", "updated_at", "size", "content_type"]
    exclude = ["search_vector"]


@admin.register(KnowledgeBaseEntry)
class KnowledgeBaseEntryAdmin(admin.ModelAdmin):
    list_display = ["value", "type", "source", "user", "created_at"]
    list_filter = ["type", "source"]
    search_fields = ["value", "user__email"]
    list_select_related = ["user"]
    autocomplete_fields = ["user", "cv"]
    exclude = ["embedding", "search_vector"]
