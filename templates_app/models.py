from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from personaforge.core.models import TimeStampedModel


class TemplateEngine(models.TextChoices):
    MARKDOWN = "markdown", "Markdown"
    JINJA = "jinja", "Jinja (sandboxed)"


class TemplateType(models.TextChoices):
    CV = "cv", "CV"
    COVER_LETTER = "cover_letter", "Cover letter"


class Template(TimeStampedModel):
    """A CV or cover-letter template; built-in ones have no owner."""

    Type = TemplateType

    Engine = TemplateEngine

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="templates"
    )
    name = models.CharField(max_length=150)
    type = models.CharField(max_length=20, choices=Type.choices)
    engine = models.CharField(max_length=20, choices=Engine.choices)
    config = models.JSONField(default=dict, blank=True, help_text="Style, layout and the fields it uses.")
    body = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(type__in=TemplateType.values), name="template_type_valid"),
            models.CheckConstraint(condition=Q(engine__in=TemplateEngine.values), name="template_engine_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_builtin(self) -> bool:
        return self.owner_id is None
