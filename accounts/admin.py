from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import (
    ApiToken,
    BillingEvent,
    Credit,
    EmailPreference,
    Notice,
    Payment,
    PlanChange,
    SentEmail,
    StaffAction,
    Team,
    TeamInvitation,
    User,
)
from accounts.moderation import user_reactivate, user_suspend
from accounts.services import plan_change, trial_extend


class ReasonActionForm(ActionForm):
    """Staff actions say why: the reason goes into the audit log (and to the user, where they are told)."""

    reason = forms.CharField(max_length=300, required=False, label="Reason")


def reason_given(request: HttpRequest) -> str:
    """The reason typed beside the action, or "" (after telling the staff member it is needed)."""
    reason = request.POST.get("reason", "").strip()[:300]
    if not reason:
        messages.error(request, "Give a reason: it is kept in the audit log.")
    return reason


class StaffPermissions:
    """Admin actions by role: support staff suspend and moderate; billing staff change plans and money."""

    def has_suspend_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.suspend_user")

    def has_manage_billing_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.manage_billing")


class UserAdminForm(UserChangeForm):
    plan_reason = forms.CharField(
        max_length=300,
        required=False,
        label="Why the plan changes",
        help_text="Kept with the change (who, when, why); needed when you change the plan.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "plan" in self.changed_data and not cleaned.get("plan_reason"):
            self.add_error("plan_reason", "Say why the plan changes: it is kept with the change.")
        return cleaned


class PlanChangeInline(admin.TabularInline):
    model = PlanChange
    fk_name = "user"
    fields = ("created_at", "old_plan", "new_plan", "source", "by", "reason")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PaymentInline(admin.TabularInline):
    """Staff record a payment received (manual billing); what is recorded stays as it is."""

    model = Payment
    fk_name = "user"
    fields = ["created_at", "amount_cents", "currency", "note", "recorded_by", "external_id"]
    readonly_fields = ["created_at", "recorded_by", "external_id"]
    extra = 0
    can_delete = False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CreditInline(admin.TabularInline):
    model = Credit
    fk_name = "user"
    fields = ["created_at", "amount_cents", "currency", "reason", "granted_by"]
    readonly_fields = ["created_at", "granted_by"]
    extra = 0
    can_delete = False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(StaffPermissions, DjangoUserAdmin):
    form = UserAdminForm
    action_form = ReasonActionForm
    inlines = [PlanChangeInline, PaymentInline, CreditInline]
    actions = ["suspend", "reactivate", "extend_trial"]
    ordering = ["-created_at"]
    list_display = ["email", "name", "plan", "team", "is_staff", "is_active", "created_at", "last_login"]
    list_filter = ["plan", "is_staff", "is_active", "team"]
    search_fields = ["email", "name"]
    readonly_fields = ["created_at", "updated_at", "last_login", "suspended_reason"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["name", "team"]}),
        ("Plan and billing", {"fields": ["plan", "plan_reason", "trial_ends_at", "billing_customer"]}),
        (
            "Permissions",
            {"fields": ["is_active", "suspended_reason", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "created_at", "updated_at"]}),
    ]

    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2", "plan"]})]

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        """A plan changed here goes through plan_change, so it is recorded with who and why."""
        if change and "plan" in form.changed_data:
            new_plan = obj.plan
            obj.plan = User.objects.get(pk=obj.pk).plan
            super().save_model(request, obj, form, change)
            plan_change(
                user=obj,
                plan=new_plan,
                source=PlanChange.Source.STAFF,
                by=request.user,  # type: ignore[arg-type]
                reason=form.cleaned_data["plan_reason"],
            )
        else:
            super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        staff = cast(User, request.user)
        for record in formset.save(commit=False):
            if isinstance(record, Payment) and record.recorded_by_id is None:
                record.recorded_by = staff
            if isinstance(record, Credit) and record.granted_by_id is None:
                record.granted_by = staff
            record.save()
        formset.save_m2m()

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_manage_billing_permission(request):  # support staff see the plan, billing staff change it
            fields += ["plan", "trial_ends_at", "billing_customer"]
        if not request.user.is_superuser:  # rights and access are for admins: no one raises their own
            fields += ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]
        return fields

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        if not request.user.is_superuser:  # setting someone's password is taking over their account
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        if self.has_manage_billing_permission(request):
            return self.inlines
        return [PlanChangeInline]

    @admin.action(description="Suspend (they cannot log in; nothing is deleted)", permissions=["suspend"])
    def suspend(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        if reason := reason_given(request):
            for user in queryset.exclude(email=request.user.get_username()):  # never oneself
                user_suspend(user=user, staff=cast(User, request.user), reason=reason)
            messages.success(request, "Suspended.")

    @admin.action(description="Reactivate", permissions=["suspend"])
    def reactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        if reason := reason_given(request):
            for user in queryset:
                user_reactivate(user=user, staff=cast(User, request.user), reason=reason)
            messages.success(request, "Reactivated.")

    @admin.action(description="Extend their trial of Pro by 14 days", permissions=["manage_billing"])
    def extend_trial(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            trial_extend(user=user, days=14, by=request.user)  # type: ignore[arg-type]
        messages.success(request, f"Extended {queryset.count()} trial(s) by 14 days.")


@admin.register(PlanChange)
class PlanChangeAdmin(admin.ModelAdmin):
    """Every plan change, as recorded: nobody edits or deletes one."""

    list_display = ["created_at", "user", "old_plan", "new_plan", "source", "by", "reason"]
    list_filter = ["source", "new_plan", "created_at"]
    search_fields = ["user__email", "reason"]
    list_select_related = ["user", "by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "amount_cents", "currency", "note", "recorded_by", "external_id"]
    list_filter = ["currency", "created_at"]
    search_fields = ["user__email", "note", "external_id"]
    list_select_related = ["user", "recorded_by"]
    readonly_fields = ["user", "amount_cents", "currency", "note", "recorded_by", "external_id", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # recorded on the user's page


@admin.register(Credit)
class CreditAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "amount_cents", "currency", "reason", "granted_by"]
    search_fields = ["user__email", "reason"]
    list_select_related = ["user", "granted_by"]
    readonly_fields = ["user", "amount_cents", "currency", "reason", "granted_by", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # granted on the user's page


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


@admin.register(BillingEvent)
class BillingEventAdmin(admin.ModelAdmin):
    """The billing backend's events as received, for staff to check what happened: read only."""

    list_display = ["created_at", "provider", "type", "event_id"]
    list_filter = ["provider", "type"]
    search_fields = ["event_id"]
    readonly_fields = ["provider", "event_id", "type", "payload", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Staff can see a user's tokens and revoke one (set revoked at); the secret itself is never stored."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    search_fields = ["user__email", "name", "prefix"]
    list_select_related = ["user"]
    readonly_fields = ["user", "name", "prefix", "key_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(TeamInvitation)
class TeamInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "team", "invited_by", "created_at", "expires_at", "accepted_at"]
    search_fields = ["email", "team__name"]
    list_select_related = ["team", "invited_by"]
    readonly_fields = ["team", "email", "invited_by", "expires_at", "accepted_at", "accepted_by", "created_at"]
    exclude = ["token_hash"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(StaffAction)
class StaffActionAdmin(admin.ModelAdmin):
    """The audit log of staff actions: read only, for everyone, superusers included."""

    list_display = ["created_at", "staff_email", "action", "target", "reason"]
    list_filter = ["action", "created_at"]
    search_fields = ["staff_email", "target", "reason", "user__email"]
    readonly_fields = ["created_at", "staff", "staff_email", "action", "user", "target", "reason"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "message", "dismissed_at"]
    search_fields = ["user__email", "message"]
    readonly_fields = ["user", "message", "dismissed_at", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(SentEmail)
class SentEmailAdmin(admin.ModelAdmin):
    """What was emailed to whom, and why not when it was not (for support: "I never got the invitation")."""

    list_display = ["created_at", "kind", "to", "sent_at", "skipped"]
    list_filter = ["kind", "created_at"]
    search_fields = ["to", "key"]
    readonly_fields = ["key", "kind", "to", "language", "sent_at", "skipped", "created_at"]
    exclude = ["context"]  # until sent it holds the email's links (an invitation's, a password reset's)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(EmailPreference)
class EmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["email", "kind", "subscribed", "updated_at"]
    list_filter = ["kind", "subscribed"]
    search_fields = ["email"]
    readonly_fields = ["email", "kind", "subscribed", "created_at", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
