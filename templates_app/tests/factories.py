import factory

from accounts.tests.factories import UserFactory
from templates_app.models import Template


class TemplateFactory(factory.django.DjangoModelFactory):
    """A user's own template (Jinja unless said otherwise)."""

    class Meta:
        model = Template

    owner = factory.SubFactory(UserFactory, plan="pro")
    name = factory.Sequence(lambda n: f"My template {n}")
    type = "cv"
    engine = "jinja"
    body = "<h1>{{ basics.name }}</h1>"
