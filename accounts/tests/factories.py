import factory
from allauth.account.models import EmailAddress

from accounts.models import Team, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            # Signing up confirms the address before a first log-in (ACCOUNT_EMAIL_VERIFICATION is mandatory).
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Agency {n}")
    owner = factory.SubFactory(UserFactory, plan="team")
