from django.contrib import admin

from exports.models import Export


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin):
    list_display = ["persona", "user", "format", "status", "created_at"]
    list_filter = ["status", "format", "created_at"]
    search_fields = ["persona__title", "user__email"]
    list_select_related = ["persona", "user"]
    autocomplete_fields = ["user", "persona", "template"]
    readonly_fields = ["persona_version", "created_at", "updated_at"]
