from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from personaforge.core.models import TimeStampedModel


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **fields: object) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> User:
        # Emails are unique whatever their case, so log-in ignores case too.
        return self.get(email__iexact=username)


class Plan(models.TextChoices):
    FREE = "free", "Free"
    PRO = "pro", "Pro"
    TEAM = "team", "Team"


class Language(models.TextChoices):
    """The languages we write emails in (accounts/templates/emails/<code>/)."""

    ENGLISH = "en", "English"
    GERMAN = "de", "Deutsch"
    FRENCH = "fr", "Français"
    SPANISH = "es", "Español"


class User(AbstractBaseUser, PermissionsMixin, TimeStampedModel):
    email = models.EmailField("email address")
    name = models.CharField(max_length=150, blank=True)
    language = models.CharField(
        max_length=5,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text="The language of the emails we send (from the browser's at sign-up).",
    )
    plan = models.CharField(max_length=10, choices=Plan.choices, default=Plan.FREE)
    team = models.ForeignKey("Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    trial_ends_at = models.DateTimeField(null=True, blank=True, help_text="Pro features until then, on any plan.")
    billing_customer = models.CharField(max_length=100, blank=True, help_text="The billing backend's customer id.")
    suspended_reason = models.CharField(max_length=300, blank=True, help_text="Why staff suspended the account.")
    deletion_due_at = models.DateTimeField(
        null=True, blank=True, help_text="The user asked for their account to be deleted; it will be then."
    )
    is_staff = models.BooleanField(default=False, help_text="Can log in to the admin site.")
    is_active = models.BooleanField(default=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        permissions = [
            ("suspend_user", "Can suspend and reactivate accounts, and remove content that breaks the terms"),
            ("manage_billing", "Can change plans, record payments and credits, and extend trials"),
        ]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
            models.CheckConstraint(condition=Q(plan__in=Plan.values), name="user_plan_valid"),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def display_name(self) -> str:
        return self.name or self.email.split("@")[0]


class Team(TimeStampedModel):
    """An agency or group on the Team plan; its owner is the team lead."""

    name = models.CharField(max_length=150)
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="owned_teams")
    ask_consent = models.BooleanField(
        default=True, help_text="Members agree before their persona goes into a group application."
    )

    def __str__(self) -> str:
        return self.name


class PlanChangeSource(models.TextChoices):
    STAFF = "staff", "Staff, in the admin"
    BILLING = "billing", "Billing (a payment or a cancellation)"
    SYSTEM = "system", "The system"


class PlanChange(TimeStampedModel):
    """Every change of a user's plan: who, when and why. Written once, never edited."""

    Source = PlanChangeSource

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="plan_changes")
    old_plan = models.CharField(max_length=10, choices=Plan.choices)
    new_plan = models.CharField(max_length=10, choices=Plan.choices)
    source = models.CharField(max_length=10, choices=PlanChangeSource.choices)
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user}: {self.old_plan} → {self.new_plan}"


class Payment(TimeStampedModel):
    """Money received for a user's plan: recorded by staff (manual billing) or by the billing backend."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="payments")
    amount_cents = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="EUR")
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    external_id = models.CharField(max_length=120, blank=True, help_text="The billing backend's id, if any.")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["external_id"], condition=~Q(external_id=""), name="payment_external_once")
        ]

    def __str__(self) -> str:
        return f"{self.amount_cents / 100:.2f} {self.currency} from {self.user}"


class Credit(TimeStampedModel):
    """An amount staff grant a user (a refund, a goodwill gesture), taken off what they pay next."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="credits")
    amount_cents = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="EUR")
    reason = models.CharField(max_length=300)
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.amount_cents / 100:.2f} {self.currency} credit for {self.user}"


class BillingEvent(TimeStampedModel):
    """A billing backend's event (a Stripe webhook), kept once by its id so a replay changes nothing."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=120)
    type = models.CharField(max_length=80)
    payload = models.JSONField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="billing_event_once")]

    def __str__(self) -> str:
        return f"{self.provider} {self.type} {self.event_id}"


class ApiToken(TimeStampedModel):
    """A personal API token. Only its hash is kept: the token itself is shown once, when it is made."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, help_text="The token's first characters, to tell tokens apart.")
    key_hash = models.CharField(max_length=64, unique=True)  # the lookup of every API request with a token
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None


class TeamInvitation(TimeStampedModel):
    """An invitation to join a team, sent by email; its link works once, until it expires."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)  # the link's lookup
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} to {self.team}"


class StaffAction(TimeStampedModel):
    """What a member of staff did to a user's account or content, and why. Nobody edits or deletes one."""

    staff = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    staff_email = models.EmailField(help_text="Kept if the staff account goes.")
    action = models.CharField(max_length=50)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff_actions")
    target = models.CharField(max_length=300, help_text="What was acted on, as it was called then.")
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.staff_email}: {self.action} {self.target}"


class Notice(TimeStampedModel):
    """A message from staff to a user (content removed, and why), shown on their dashboard until dismissed."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notices")
    message = models.TextField()
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.message[:60]


class EmailKind(models.TextChoices):
    """The emails PersonaForge sends: a user can stop each kind (or, for the digest, start it) but the account's own
    (confirming the address, resetting the password)."""

    ACCOUNT = "account", "Account emails (confirming your address, resetting your password)"
    TEAM_INVITATION = "team_invitation", "Team invitations"
    EXPORT_READY = "export_ready", "Your export is ready"
    CV_FAILED = "cv_failed", "Your CV could not be read"
    WEEKLY_DIGEST = "weekly_digest", "A weekly digest of applications with a next step due"
    FOLLOW_UP_REMINDER = "follow_up_reminder", "A reminder on the day a follow-up is due"


class EmailPreference(TimeStampedModel):
    """An address's choice for one kind of email (without one: the kind's default; see accounts.emails)."""

    Kind = EmailKind

    email = models.EmailField(help_text="Lower-cased: an invitation's address may have no account.")
    kind = models.CharField(max_length=30, choices=EmailKind.choices)
    subscribed = models.BooleanField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["email", "kind"], name="emailpreference_once")]


class SentEmail(TimeStampedModel):
    """One email, queued once by its key (a second beat process, a double click: the same key, no second email) and
    sent by the worker from the context kept here."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=EmailKind.choices)
    to = models.EmailField()
    language = models.CharField(max_length=5, default="en")
    context = models.JSONField(default=dict)
    sent_at = models.DateTimeField(null=True, blank=True)
    skipped = models.CharField(max_length=100, blank=True, help_text="Why it was not sent (unsubscribed meanwhile).")
    task_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When its task reached the broker; empty: sent again by personaforge.sweeps."
    )

    class Meta:
        indexes = [models.Index(fields=["to", "-created_at"], name="sentemail_to_recent")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.to}"
