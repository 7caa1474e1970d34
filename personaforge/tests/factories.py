import factory

from accounts.tests.factories import UserFactory
from personaforge.core.models import BackgroundJob


class BackgroundJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BackgroundJob

    user = factory.SubFactory(UserFactory)
    kind = "cv.read"
