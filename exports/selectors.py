from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Plan, User
from exports.models import Export, Share
from personas.models import Persona


def export_get_for_user(*, user: User, pk: uuid.UUID) -> Export:
    """The user's export, or 404: never reveal that someone else's exists."""
    return get_object_or_404(Export.objects.select_related("persona", "persona_version"), user=user, pk=pk)


def export_get_to_download(*, user: User, pk: uuid.UUID) -> Export:
    """An export the user may download: their own, or, as the lead of a team on the Team plan, a member's CV (never
    a cover letter: a lead reads members' personas, not their jobs and applications)."""
    members_cvs = Q(user__team__owner=user, user__team__owner__plan=Plan.TEAM, cover_letter=None)
    return get_object_or_404(Export.objects.filter(Q(user=user) | members_cvs), pk=pk)


def exports_for_persona(*, persona: Persona, limit: int = 30) -> QuerySet[Export]:
    return (
        Export.objects.filter(persona=persona, cover_letter=None)
        .select_related("persona_version")
        .order_by("-created_at")[:limit]
    )


def exports_for_user(*, user: User) -> QuerySet[Export]:
    """The user's exports, newest first (index export_user_recent)."""
    return (
        Export.objects.filter(user=user)
        .select_related("persona", "persona_version", "cover_letter__job")
        .order_by("-created_at")
    )


def share_get_for_user(*, user: User, pk: uuid.UUID) -> Share:
    return get_object_or_404(Share, user=user, pk=pk)


def share_get_public(*, token: str) -> Share:
    """A live share by its link, or 404 (a revoked link is gone: the page says nothing about whose it was)."""
    return get_object_or_404(
        Share,
        token=token,
        revoked_at=None,
        user__is_active=True,  # a suspended account's pages go dark with it
    )


def shares_for_persona(*, persona: Persona) -> QuerySet[Share]:
    shares = (
        Share.objects.filter(persona=persona)
        .select_related("persona_version")
        .defer("page", "persona_version__snapshot")
    )
    return shares.order_by("-created_at")[:30]
