"""API log-in with JWTs (`/api/v1/auth/...`).

A password guess here counts against the same per-account lockout as the log-in page (allauth's), and the address
throttle counts the real client (`TRUSTED_PROXY_COUNT`), never a header the client chose. Every token carries a
fingerprint of the password it was issued under, so changing the password, by any path, ends every token at once;
refresh tokens are rotated, and a used or logged-out one is blacklisted.
"""

from __future__ import annotations

from typing import Any

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.utils import has_verified_email
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.throttling import ScopedRateThrottle
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer, TokenRefreshSerializer
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.views import TokenBlacklistView, TokenObtainPairView, TokenRefreshView

from accounts.models import User
from accounts.tokens import PASSWORD_CHANGED, PASSWORD_CLAIM, password_fingerprint


class TokenObtainInput(TokenObtainPairSerializer):
    """Email and password, checked by allauth as the log-in page checks them, lockout included."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        request = self.context["request"]._request
        try:
            user = get_adapter(request).authenticate(request, email=attrs["email"], password=attrs["password"])
        except DjangoValidationError:  # allauth's "too many failed login attempts"
            raise exceptions.Throttled(
                detail="Too many failed log-in attempts for this account. Try again later, or reset your password."
            ) from None
        if user is None or not api_settings.USER_AUTHENTICATION_RULE(user):
            raise exceptions.AuthenticationFailed(self.error_messages["no_active_account"], "no_active_account")
        if allauth_settings.EMAIL_VERIFICATION == allauth_settings.EmailVerificationMethod.MANDATORY and not (
            has_verified_email(user)
        ):
            raise exceptions.AuthenticationFailed(
                "Confirm your email address first: follow the link we sent you when you signed up.", "unconfirmed"
            )
        refresh = RefreshToken.for_user(user)
        refresh[PASSWORD_CLAIM] = password_fingerprint(user)
        return {"refresh": str(refresh), "access": str(refresh.access_token)}


class TokenRefreshInput(TokenRefreshSerializer):
    """A refresh token is refused once its user's password changed; a used one is blacklisted (rotation)."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        refresh = RefreshToken(attrs["refresh"])  # TokenError (expired, blacklisted) becomes a 401 in the view
        user_id = refresh.payload.get(api_settings.USER_ID_CLAIM)
        user = User.objects.filter(pk=user_id).first() if user_id else None
        if user is None or refresh.payload.get(PASSWORD_CLAIM) != password_fingerprint(user):
            refresh.blacklist()
            raise InvalidToken(PASSWORD_CHANGED)
        return super().validate(attrs)


class TokenView(TokenObtainPairView):
    """Password guesses are limited per client address here, and per account as on the log-in page."""

    serializer_class = TokenObtainInput
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"


class TokenRefreshAPIView(TokenRefreshView):
    serializer_class = TokenRefreshInput
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"


class LogoutView(TokenBlacklistView):
    """Ends a refresh token at once (the access tokens made from it run out within JWT_ACCESS_MINUTES)."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"
