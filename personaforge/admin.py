from django.contrib import admin

from personaforge.core.models import BackgroundJob


@admin.register(BackgroundJob)
class BackgroundJobAdmin(admin.ModelAdmin):
    list_display = ["kind", "user", "status", "progress", "attempts", "created_at", "finished_at"]
    list_filter = ["status", "kind", "created_at"]
    search_fields = ["kind", "user__email", "error"]
    list_select_related = ["user"]
    readonly_fields = [f.name for f in BackgroundJob._meta.fields]
