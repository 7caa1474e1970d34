import factory

from accounts.tests.factories import UserFactory
from exports.models import Export
from personas.tests.factories import PersonaFactory


class ExportFactory(factory.django.DjangoModelFactory):
    """A finished export with its file."""

    class Meta:
        model = Export

    user = factory.SubFactory(UserFactory)
    persona = factory.SubFactory(PersonaFactory, user=factory.SelfAttribute("..user"))
    format = Export.Format.MARKDOWN
    status = Export.Status.DONE
    file = factory.django.FileField(filename="cv.md", data=b"# Alex Morgan")
