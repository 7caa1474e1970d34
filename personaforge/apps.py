from django.apps import AppConfig


class PersonaForgeConfig(AppConfig):
    """The project itself: shared base models, background-job progress, health, the dashboard."""

    name = "personaforge"
    verbose_name = "PersonaForge"
