import factory

from accounts.tests.factories import UserFactory
from personas.models import Persona


class PersonaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persona

    user = factory.SubFactory(UserFactory)
    title = "Backend engineer"
    summary = "Python and PostgreSQL."
    tags = factory.LazyFunction(lambda: ["python"])
