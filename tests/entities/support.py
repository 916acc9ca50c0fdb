"""Helpers the registry's tests share."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entities.models import Entity


def set_status(entity: Entity, status: str, **fields) -> Entity:
    """Put an entity in a status for a test (production code uses the services)."""
    Entity.objects.filter(pk=entity.pk).update(status=status, **fields)
    entity.refresh_from_db()
    return entity


def inspect_url(entity: Entity) -> str:
    """The admin's review page of a registration."""
    return reverse("entities_review:inspect", args=[entity.pk])


def listed_names(response, names):
    """The given names in the order the page shows them (absent ones left out)."""
    content = response.content.decode()
    found = [(content.find(name), name) for name in names if name in content]
    return [name for _pos, name in sorted(found)]


def count_queries(client, url) -> int:
    """Queries of one request, after a warm-up request fills per-process caches
    (site root, content types) that would otherwise count once."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)
