import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

from civic.accounts.models import User

DEFAULT_PASSWORD = "senha-de-teste-forte-123"


class UserFactory(DjangoModelFactory[User]):
    """A citizen with a verified primary email, able to log in."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"pessoa{n}@example.org")
    full_name = factory.Faker("name", locale="pt_BR")
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=obj, email=obj.email, primary=True, verified=True
            )
