from django.contrib import admin

from templates_app.models import Template


@admin.register(Template)
class TemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "engine", "owner", "updated_at"]
    list_filter = ["type", "engine", ("owner", admin.EmptyFieldListFilter)]
    search_fields = ["name", "owner__email"]
    list_select_related = ["owner"]
    autocomplete_fields = ["owner"]
