"""Every email PersonaForge sends (allauth's own come through accounts.adapter): queued once by a key, sent by the
worker with retries (never inside a request). Each but the account's own carries a one-click unsubscribe for its
kind that works without logging in and is signed so it cannot be forged; a choice is honoured at once, as the worker
checks it again before sending."""

from __future__ import annotations

import json
import uuid
from functools import cache
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import EmailKind, EmailPreference, Language, SentEmail
from personaforge.core.broker import send_on_commit

SUBSCRIBED_BY_DEFAULT = {kind: kind != EmailKind.WEEKLY_DIGEST for kind in EmailKind}  # the digest is opt-in
OPTIONAL_KINDS = [kind for kind in EmailKind if kind != EmailKind.ACCOUNT]  # the account's own always come
_SALT = "accounts.emails.unsubscribe"
SEND_TASK = "accounts.tasks.email_send_task"


def subscribed(email: str, kind: str) -> bool:
    if kind == EmailKind.ACCOUNT:
        return True
    choice = EmailPreference.objects.filter(email=email.casefold(), kind=kind).values_list("subscribed", flat=True)
    return next(iter(choice), SUBSCRIBED_BY_DEFAULT[EmailKind(kind)])


def preference_set(*, email: str, kind: str, subscribed: bool) -> None:
    if kind not in OPTIONAL_KINDS:
        raise ValueError(f"{kind} emails cannot be stopped")
    EmailPreference.objects.update_or_create(
        email=email.casefold(), kind=EmailKind(kind), defaults={"subscribed": subscribed}
    )


def email_queue(
    *, to: str, kind: str, context: dict[str, Any], key: str = "", language: str = "en"
) -> SentEmail | None:
    """Queue one email for the worker; None when the address does not want this kind, or `key` was queued before."""
    if not subscribed(to, kind):
        return None
    try:
        with transaction.atomic():
            sent = SentEmail.objects.create(
                key=(key or f"{kind}:{uuid.uuid4()}")[:200], kind=kind, to=to, context=context, language=language
            )
    except IntegrityError:
        return None  # this key is queued or sent already
    send_on_commit(SEND_TASK, [str(sent.pk)], stamp=SentEmail.objects.filter(pk=sent.pk))
    return sent


def email_send(*, sent_id: uuid.UUID | str) -> None:
    """Render and send a queued email (in the worker). SMTP errors propagate, for the task to retry."""
    sent = SentEmail.objects.filter(pk=sent_id, sent_at=None, skipped="").first()
    if sent is None:
        return  # sent already (a task delivered twice), skipped, or gone with its account
    if not subscribed(sent.to, sent.kind):
        sent.skipped, sent.context = "unsubscribed before it was sent", {}
        sent.save(update_fields=["skipped", "context", "updated_at"])
        return
    with translation.override(sent.language):
        message = build_message(sent)
    message.send()
    # The context held the links the email carries (a password reset, an invitation): they live in the inbox only.
    sent.sent_at, sent.context = timezone.now(), {}
    sent.save(update_fields=["sent_at", "context", "updated_at"])


def build_message(sent: SentEmail) -> EmailMultiAlternatives:
    if sent.kind == EmailKind.ACCOUNT:  # rendered by allauth in the request (accounts.adapter); no unsubscribing
        message = EmailMultiAlternatives(
            subject=sent.context.get("subject", ""),
            body=sent.context.get("body", ""),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[sent.to],
        )
        if sent.context.get("html"):
            message.attach_alternative(sent.context["html"], "text/html")
        return message
    unsubscribe = settings.SITE_URL.rstrip("/") + reverse("email_unsubscribe", args=[unsubscribe_token(sent)])
    words = strings(sent.language)
    context = {
        **sent.context,
        "unsubscribe_url": unsubscribe,
        "site_url": settings.SITE_URL.rstrip("/"),
        "kind_label": words["labels"][sent.kind],
    }
    folder = f"emails/{sent.language}/" if sent.language in TRANSLATED else "emails/"
    subject = " ".join(words["subjects"][sent.kind].format_map(_Blank(sent.context)).split())  # one line, always
    message = EmailMultiAlternatives(
        subject=subject[:200],
        body=render_to_string(f"{folder}{sent.kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[sent.to],
        # One click in the mail client unsubscribes (RFC 8058); the link works without logging in.
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(render_to_string(f"{folder}{sent.kind}.html", context), "text/html")
    return message


TRANSLATED = tuple(code for code in Language.values if code != Language.ENGLISH)  # each has emails/<code>/


@cache
def strings(language: str) -> dict[str, dict[str, str]]:
    """Each kind's subject line (a format string over the email's context) and name, in the language or English."""
    return json.loads(render_to_string(f"emails/{language if language in Language.values else 'en'}/strings.json"))


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def unsubscribe_token(sent: SentEmail) -> str:
    return signing.dumps({"e": sent.to.casefold(), "k": sent.kind}, salt=_SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[str, str] | None:
    """The address and kind a link unsubscribes, or None for a forged or mangled one."""
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in OPTIONAL_KINDS or not isinstance(data.get("e"), str):
        return None
    return data["e"], data["k"]
