from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Users and teams"

    def ready(self) -> None:
        from accounts import schema  # noqa: F401 - registers the token scheme with the OpenAPI schema
