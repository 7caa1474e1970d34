import factory

from accounts.tests.factories import UserFactory
from llm.models import LLMCall


class LLMCallFactory(factory.django.DjangoModelFactory):
    """An answered call to a paid service: one of the plan's monthly AI calls."""

    class Meta:
        model = LLMCall

    user = factory.SubFactory(UserFactory)
    task = "parse_cv"
    provider = "openai"
    outcome = LLMCall.Outcome.OK
    counts_against_plan = True
