from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import Team, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["-created_at"]
    list_display = ["email", "name", "plan", "team", "is_staff", "is_active", "created_at", "last_login"]
    list_filter = ["plan", "is_staff", "is_active", "team"]
    search_fields = ["email", "name"]
    readonly_fields = ["created_at", "updated_at", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["name", "plan", "team"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "created_at", "updated_at"]}),
    ]
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
