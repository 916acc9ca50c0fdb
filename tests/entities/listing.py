"""Helpers for tests of the public side: listed entities in bulk.

Tests put entities straight into the approved state (an UPDATE), because they
test what the public sees, not the workflow; the workflow has its own tests and
one test here goes through `entity_transition` end to end.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from civic.territory.models import Bairro, Regional
from entities.models import Area, Entity, LegalNature
from entities.services import search_refresh
from tests.factories.entities import make_cnpj


def publish(entity: Entity, **fields) -> Entity:
    """Mark an entity approved (as the review would) and refresh its search columns."""
    now = timezone.now()
    values = {
        "status": Entity.Status.APPROVED,
        "approved_at": now,
        "data_confirmed_at": now,
        "renewal_due_on": timezone.localdate() + dt.timedelta(days=300),
        **fields,
    }
    Entity.objects.filter(pk=entity.pk).update(**values)
    search_refresh([entity.pk])
    entity.refresh_from_db()
    return entity


def make_listed_entities(
    count: int,
    *,
    start: int = 50_000,
    name: str = "Entidade Listada {n}",
    areas: list[Area] | None = None,
    regionais: list[Regional] | None = None,
    bairros: list[Bairro] | None = None,
    status: str = Entity.Status.APPROVED,
    **fields,
) -> list[Entity]:
    """Create `count` entities with bulk inserts (fast even for 500), with m2m rows."""
    nature = LegalNature.objects.get(code="3999")
    now = timezone.now()
    entities = Entity.objects.bulk_create(
        [
            Entity(
                kind=Entity.Kind.OSC,
                cnpj=make_cnpj(start + i),
                name=name.format(n=i),
                slug=f"entidade-listada-{start + i}",
                legal_nature=nature,
                summary="Atividades comunitárias.",
                status=status,
                approved_at=now if status == Entity.Status.APPROVED else None,
                renewal_due_on=timezone.localdate() + dt.timedelta(days=300),
                **fields,
            )
            for i in range(count)
        ],
        batch_size=500,
    )
    if not entities or entities[0].pk is None:  # SQLite before 3.35 returns no ids
        entities = list(Entity.objects.filter(slug__startswith="entidade-listada-"))
    areas = areas if areas is not None else [Area.objects.order_by("pk").first()]
    regionais = (
        regionais
        if regionais is not None
        else [Regional.objects.order_by("pk").first()]
    )
    for relation, items, column in (
        (Entity.areas.through, areas, "area_id"),
        (Entity.regionais.through, regionais, "regional_id"),
        (Entity.bairros.through, bairros or [], "bairro_id"),
    ):
        relation.objects.bulk_create(
            [
                relation(entity_id=e.pk, **{column: item.pk})
                for e in entities
                for item in items
            ],
            batch_size=1000,
        )
    search_refresh([e.pk for e in entities])
    return entities


def listed_names_in(response) -> list[str]:
    """The names of the entities a directory page lists, in order."""
    return [e.name for e in response.context["entities"]]
