from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from personaforge.models import TimeStampedModel


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


class User(AbstractBaseUser, PermissionsMixin, TimeStampedModel):
    email = models.EmailField("email address")
    name = models.CharField(max_length=150, blank=True)
    plan = models.CharField(max_length=10, choices=Plan.choices, default=Plan.FREE)
    team = models.ForeignKey("Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    is_staff = models.BooleanField(default=False, help_text="Can log in to the admin site.")
    is_active = models.BooleanField(default=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
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

    def __str__(self) -> str:
        return self.name
