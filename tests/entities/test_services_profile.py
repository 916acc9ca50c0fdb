"""Registering an entity, its profile and the yearly confirmation
(entities/services/profile.py)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from entities import services
from entities.models import (
    Area,
    Entity,
    EntityEvent,
    Representative,
)
from entities.services.profile import CnpjAlreadyRegistered
from tests.entities.concurrency import needs_postgresql, run_together
from tests.entities.support import set_status
from tests.factories.entities import make_cnpj

pytestmark = pytest.mark.django_db

S = Entity.Status
TZ = ZoneInfo("America/Sao_Paulo")
NOW = dt.datetime(2026, 3, 10, 14, 30, tzinfo=TZ)


# Registration -----------------------------------------------------------------


def test_register_makes_a_draft_with_its_author_as_primary(user_factory):
    person = user_factory()
    entity = services.entity_register(
        by=person,
        kind=Entity.Kind.OSC,
        cnpj=make_cnpj(77, alphanumeric=True),
        name="Instituto Exemplo de Betim",
        trade_name="Instituto Exemplo",
        email="contato@instituto.example.org",
        areas=[Area.objects.first()],
    )
    assert entity.status == S.DRAFT
    assert entity.source == Entity.Source.SELF
    assert entity.slug == "instituto-exemplo"
    assert entity.regularity == "missing"
    assert Representative.objects.get(entity=entity).user == person
    assert Representative.objects.get(entity=entity).is_primary
    assert EntityEvent.objects.get(entity=entity).action == "create"
    assert entity.areas.count() == 1


def test_register_duplicate_cnpj(entity, user_factory):
    with pytest.raises(CnpjAlreadyRegistered) as raised:
        services.entity_register(
            by=user_factory(), kind=Entity.Kind.OSC, cnpj=entity.cnpj, name="Outra"
        )
    assert raised.value.entity == entity
    assert Entity.objects.filter(cnpj=entity.cnpj).count() == 1


def test_register_gives_unique_slugs(user_factory):
    a = services.entity_register(
        by=user_factory(), kind="collective", name="Coletivo Raiz"
    )
    b = services.entity_register(
        by=user_factory(), kind="collective", name="Coletivo Raiz"
    )
    assert a.slug == "coletivo-raiz"
    assert b.slug == "coletivo-raiz-2"


def test_confirm_data_renews_for_twelve_months(entity, representative):
    set_status(entity, S.APPROVED)
    with time_machine.travel(NOW, tick=False):
        services.entity_confirm_data(entity=entity, by=representative)
    assert entity.renewal_due_on == dt.date(2027, 3, 10)
    assert entity.data_confirmed_at == NOW
    assert EntityEvent.objects.filter(entity=entity, action="confirm_data").count() == 1


def test_update_cannot_touch_lifecycle_fields(entity, representative):
    with pytest.raises(ValueError, match="status"):
        services.entity_update(
            entity=entity, by=representative, fields={"status": "approved"}
        )
    entity.refresh_from_db()
    assert entity.status == S.DRAFT


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_registration_of_one_cnpj(user_factory):
    people = [user_factory(), user_factory()]
    cnpj = make_cnpj(4242)

    def register(person):
        return lambda: services.entity_register(
            by=person, kind=Entity.Kind.OSC, cnpj=cnpj, name=f"Entidade de {person.pk}"
        )

    results = run_together(*(register(p) for p in people))

    assert Entity.objects.filter(cnpj=cnpj).count() == 1
    created = [r for r in results if isinstance(r, Entity)]
    refused = [r for r in results if isinstance(r, CnpjAlreadyRegistered)]
    assert len(created) == 1, results
    assert len(refused) == 1, results
    assert refused[0].entity.pk == created[0].pk
