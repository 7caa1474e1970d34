"""allauth's own emails (confirming an address, resetting a password) are rendered in the request, as allauth
builds them, and sent by the worker like every other email (accounts.emails): never inside a request."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.http import HttpRequest
from django.utils.translation import get_language_from_request

from accounts.emails import email_queue
from accounts.models import EmailKind, Language


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        """A new user's emails come in their browser's language, where we have it."""
        wanted = get_language_from_request(request).split("-")[0]
        if wanted in Language.values:
            user.language = wanted
        return super().save_user(request, user, form, commit)

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> EmailMessage:
        message = super().render_mail(template_prefix, email, context, headers)
        return _QueuedMessage.made_from(message)


class _QueuedMessage(EmailMultiAlternatives):
    """The message allauth built; sending it queues it for the worker."""

    @classmethod
    def made_from(cls, message: EmailMessage) -> _QueuedMessage:
        queued = cls(subject=message.subject, body=message.body, from_email=message.from_email, to=message.to)
        if message.content_subtype == "html":  # allauth's HTML-only message
            queued.body, queued.alternatives = "", [(str(message.body), "text/html")]
        else:
            queued.alternatives = list(getattr(message, "alternatives", []))
        return queued

    def send(self, fail_silently: bool = False) -> int:
        html = next((content for content, mimetype in self.alternatives if mimetype == "text/html"), "")
        for to in self.to:
            email_queue(
                to=to, kind=EmailKind.ACCOUNT, context={"subject": self.subject, "body": self.body, "html": str(html)}
            )
        return len(self.to)
