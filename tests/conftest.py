import uuid

import pytest
from django.contrib.auth.models import Group
from pytest_factoryboy import register

from tests.factories import UserFactory

register(UserFactory)


@pytest.fixture(scope="session", autouse=True)
def _seeded_rows_survive_new_connections(django_db_setup):
    """Keep the serialized copy of the migrated database reachable from every
    connection object.

    Django stores it on the connection wrapper created with the test database.
    Playwright's sync API switches contexts, and Django's `connections` are
    context-local, so a later transactional test may get a fresh wrapper without
    it, and serialized rollback would then restore nothing.
    """
    from django.db import connections

    for alias in connections:
        wrapper = connections[alias]
        contents = getattr(wrapper, "_test_serialized_contents", None)
        if contents is not None:
            type(wrapper)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def _portuguese_by_default():
    """Start every test in pt-BR: a request made in English leaves English active
    in the thread (LocaleMiddleware activates it and nothing resets it)."""
    from django.utils import translation

    translation.activate("pt-br")
    yield
    translation.activate("pt-br")


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """Give each test its own cache namespace (rate limits, page cache).

    On Redis this replaces FLUSHDB, which would wipe a parallel run's keys; on the
    database cache the test transaction already isolates it.
    """
    prefix = f"t-{uuid.uuid4().hex}"
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"{prefix}-{alias}"}
        for alias, config in settings.CACHES.items()
    }


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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests (live server, real worker, row-lock races) flush the
    database when they end, which takes the rows seeded by data migrations
    (groups, Betim's bairros, Receita tables) away. So they run last, as Django
    orders them, and each gets serialized rollback, which restores those rows
    before it starts.

    pytest-django sorts them last too, but pytest then regroups tests by
    Playwright's session-scoped `browser_name` parameter; this hook runs after
    both and has the final word.
    """
    transactional_items = set()
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
        transactional_items.add(item)
        if marker is not None and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(
                pytest.mark.django_db(
                    *marker.args, **{**marker.kwargs, "serialized_rollback": True}
                ),
                append=False,
            )
        if "django_db_serialized_rollback" not in names:
            names.append("django_db_serialized_rollback")
    items.sort(key=lambda item: item in transactional_items)
