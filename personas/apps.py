from django.apps import AppConfig


class PersonasConfig(AppConfig):
    name = "personas"
    verbose_name = "Personas"

    def ready(self) -> None:
        from accounts.teams import member_left
        from personas.team_shares import end_shares_of_member

        member_left.connect(end_shares_of_member, dispatch_uid="personas.end_shares_of_member")
