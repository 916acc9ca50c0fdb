import pytest
from pytest_factoryboy import register

from tests.factories.consultations import (
    ConsultationFactory,
    ContributionFactory,
    DeviceFactory,
    EventFactory,
    RegistrationFactory,
    VenueFactory,
)

register(ConsultationFactory)
register(DeviceFactory)
register(ContributionFactory)
register(EventFactory)
register(RegistrationFactory)
register(VenueFactory)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def moderator(user_factory):
    from django.contrib.auth.models import Group

    person = user_factory(full_name="Moderadora")
    person.groups.add(Group.objects.get(name="Moderação"))
    return person


@pytest.fixture
def citizen_client(client, citizen):
    """A client signed in as a citizen."""
    client.force_login(citizen)
    return client
