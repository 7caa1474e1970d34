import factory

from accounts.tests.factories import UserFactory
from cvs.models import CV, KnowledgeBaseEntry


class CVFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CV

    user = factory.SubFactory(UserFactory)
    filename = "cv.txt"
    raw_text = "Jane Doe\nPython developer"
    file = factory.django.FileField(filename="cv.txt", data=b"Jane Doe\nPython developer")
    size = 24


class KnowledgeBaseEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnowledgeBaseEntry

    user = factory.SubFactory(UserFactory)
    type = "skill"
    value = factory.Sequence(lambda n: f"Skill {n}")
    source = "cv"
