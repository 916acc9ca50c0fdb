import uuid

import pytest
from django.contrib.auth.models import Group
from pytest_factoryboy import register

from tests.factories import UserFactory

register(UserFactory)


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """Give each test its own cache namespace (rate limits, page cache).

    On Redis this replaces FLUSHDB, which would wipe a parallel run's keys; on the
    database cache the test transaction already isolates it.
    """
    caches = {**settings.CACHES}
    caches["default"] = {**caches["default"], "KEY_PREFIX": f"t-{uuid.uuid4().hex}"}
    settings.CACHES = caches


@pytest.fixture
def citizen(user_factory):
    return user_factory(full_name="Maria Cidadã")


@pytest.fixture
def staff_user(user_factory):
    """A member of the SRSC team (Equipe SRSC), with Wagtail admin access."""
    person = user_factory(full_name="Servidora da SRSC")
    person.groups.add(Group.objects.get(name="Equipe SRSC"))
    return person


@pytest.fixture
def superuser(user_factory):
    return user_factory(full_name="Administração", is_superuser=True, is_staff=True)
