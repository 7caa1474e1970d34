from django.contrib import admin

from personas.models import Persona, PersonaVersion


class VersionInline(admin.TabularInline):
    model = PersonaVersion
    fields = ["number", "name", "change_summary", "created_by", "created_at"]
    readonly_fields = ["number", "name", "change_summary", "created_by", "created_at"]
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Persona)
class PersonaAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "updated_at", "created_at"]
    list_filter = ["updated_at"]
    search_fields = ["title", "summary", "user__email"]
    list_select_related = ["user"]
    autocomplete_fields = ["user", "base_cv"]
    exclude = ["embedding", "search_vector"]
    inlines = [VersionInline]


@admin.register(PersonaVersion)
class PersonaVersionAdmin(admin.ModelAdmin):
    list_display = ["persona", "number", "name", "change_summary", "created_by", "created_at"]
    search_fields = ["persona__title", "name", "persona__user__email"]
    list_select_related = ["persona", "created_by"]
    readonly_fields = ["persona", "number", "snapshot", "created_by", "created_at"]
