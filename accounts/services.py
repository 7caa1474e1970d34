from __future__ import annotations

from accounts.models import User


def user_update_profile(*, user: User, name: str) -> User:
    user.name = name.strip()
    user.save(update_fields=["name", "updated_at"])
    return user
