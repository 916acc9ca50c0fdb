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


def pytest_collection_modifyitems(items):
    """Transactional tests (live server, real worker, row-lock races) flush the
    database when they end, which would take the rows seeded by data migrations
    (groups, Betim's bairros, Receita tables) away from the tests that follow.
    Serialized rollback restores them, so every transactional test gets it."""
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is None:
            continue
        marker = item.get_closest_marker("django_db")
        transactional = bool(marker and marker.kwargs.get("transaction")) or (
            "transactional_db" in names or "live_server" in names
        )
        if not transactional:
            continue
        if marker is not None and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(
                pytest.mark.django_db(
                    *marker.args, **{**marker.kwargs, "serialized_rollback": True}
                ),
                append=False,
            )
        if "django_db_serialized_rollback" not in names:
            names.append("django_db_serialized_rollback")
