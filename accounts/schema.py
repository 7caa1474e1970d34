"""How the OpenAPI schema describes personal API tokens and JWTs (imported when the app is ready)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.tokens.ApiTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "pf_...",
            "description": "A personal API token made on the account page; each token is rate-limited.",
        }


class PasswordBoundJWTScheme(SimpleJWTScheme):
    """Described as any bearer JWT: that it ends with a password change is not the schema's business."""

    target_class = "accounts.tokens.PasswordBoundJWTAuthentication"
