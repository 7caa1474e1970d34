import factory

from accounts.tests.factories import UserFactory
from gaps.models import Application, CoverLetter, GapReport, JobPosting
from personas.tests.factories import PersonaFactory


class JobPostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobPosting

    user = factory.SubFactory(UserFactory)
    title = "Senior Python engineer"
    company = "Initech"
    description = "We need Python, Django and PostgreSQL."


class GapReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GapReport

    persona = factory.SubFactory(PersonaFactory)
    type = "general"


class CoverLetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoverLetter

    user = factory.SubFactory(UserFactory)
    job = factory.SubFactory(JobPostingFactory, user=factory.SelfAttribute("..user"))
    body = "Hello Initech team,\n\nI build ledgers."


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    user = factory.SubFactory(UserFactory)
    job = factory.SubFactory(JobPostingFactory, user=factory.SelfAttribute("..user"))
