import factory

from accounts.tests.factories import UserFactory
from gaps.models import Application, CoverLetter, FollowUpQuestion, GapReport, JobImport, JobPosting, Tailoring
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


class FollowUpQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpQuestion

    user = factory.SubFactory(UserFactory)
    job = factory.SubFactory(JobPostingFactory, user=factory.SelfAttribute("..user"))
    key = "skill:kubernetes"
    subject = "Kubernetes"
    text = "Have you run Kubernetes?"
    entry_type = "skill"


class JobImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobImport

    user = factory.SubFactory(UserFactory)
    status = "succeeded"
    fields = factory.LazyFunction(lambda: {"title": "Platform engineer", "description": "We need Go and Kafka."})


class TailoringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tailoring

    persona = factory.SubFactory(PersonaFactory)
    job = factory.SubFactory(JobPostingFactory, user=factory.SelfAttribute("..persona.user"))
    job_title = factory.SelfAttribute("job.title")
