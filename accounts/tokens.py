"""Personal API tokens: made and revoked on the account page, sent as `Authorization: Bearer pf_...`, each
rate-limited on its own. A JWT (from /api/v1/auth/token, see accounts.jwt) works beside them, bound to the password
it was issued under."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any, cast

from django.utils import timezone
from django.utils.crypto import salted_hmac
from rest_framework import authentication, exceptions, throttling
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.tokens import Token

from accounts.models import ApiToken, User

PREFIX = "pf_"
MAX_TOKENS = 20
TOUCH_EVERY = timedelta(minutes=1)  # last_used_at is written at most this often, not on every request


class TokenRefused(Exception):
    """A token that cannot be made (too many), with why."""


def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token and its secret, which is never stored and cannot be shown again."""
    if ApiToken.objects.filter(user=user, revoked_at=None).count() >= MAX_TOKENS:
        raise TokenRefused(f"You can have {MAX_TOKENS} tokens at once; revoke one you no longer use.")
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip()[:100], prefix=raw[:10], key_hash=_hash(raw))
    return token, raw


def token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer pf_...`; any other bearer value is left to the JWT authentication after it."""

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode(errors="replace").split()
        if len(header) != 2 or header[0].lower() != "bearer" or not header[1].startswith(PREFIX):
            return None
        token = ApiToken.objects.select_related("user").filter(key_hash=_hash(header[1]), revoked_at=None).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("This token is not valid (revoked, or its account is closed).")
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """Requests made with a personal token, counted per token (`API_TOKEN_RATE`)."""

    scope = "token"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


PASSWORD_CLAIM = "pwd"
PASSWORD_CHANGED = "This token was issued before the password changed; log in again."


def password_fingerprint(user: User) -> str:
    """Changes whenever the password does (as Django's session hash does), and reveals nothing of it."""
    return salted_hmac("accounts.jwt.password", user.password, algorithm="sha256").hexdigest()[:20]


class PasswordBoundJWTAuthentication(JWTAuthentication):
    """A JWT whose user's password changed since it was issued stops working at once, by whatever path it changed."""

    def get_user(self, validated_token: Token) -> Any:
        user = super().get_user(validated_token)
        if validated_token.get(PASSWORD_CLAIM) != password_fingerprint(cast(User, user)):
            raise exceptions.AuthenticationFailed(PASSWORD_CHANGED, code="password_changed")
        return user
