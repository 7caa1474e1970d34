from django.contrib import admin

from gaps.models import GapReport


@admin.register(GapReport)
class GapReportAdmin(admin.ModelAdmin):
    list_display = ["persona", "type", "fit_score", "created_at"]
    list_filter = ["type", "created_at"]
    search_fields = ["persona__title", "persona__user__email", "input_text"]
    list_select_related = ["persona"]
    autocomplete_fields = ["persona"]
