"""`/parcerias/` (Lei 13.019/2014 arts. 10 and 11): the six fields of art. 11
§ único with their exact values, the 180-day rule, the filters, the page
cache and a query count that does not grow with the data."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from entities.models import Entity
from entities.partnerships.models import (
    Accountability,
    Installment,
    Instrument,
    Partnership,
    TeamPosition,
)
from tests.factories.councils import approved_entity
from tests.factories.partnerships import PartnershipFactory, a_body

from .transparency_support import CNPJ, CNPJ_DISPLAY, full_partnership

pytestmark = pytest.mark.django_db
LIST = reverse("partnerships:list")
S = Partnership.Status


def art11(content: bytes, field: str) -> list[str]:
    """The text of each `data-art11` cell of that field, whitespace collapsed."""
    cells = re.findall(
        rf'data-art11="{field}">(.*?)</dd>', content.decode(), flags=re.S
    )
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in cells
    ]


@pytest.fixture
def listed(entity):
    Entity.objects.filter(pk=entity.pk).update(cnpj=CNPJ)
    entity.refresh_from_db()
    return full_partnership(entity)


def test_the_six_fields_of_art_11_with_exact_values(client, listed, entity):
    content = client.get(LIST).content
    assert art11(content, "I") == [
        "15/03/2026 · Termo de colaboração · Secretaria Municipal de Assistência Social"
    ]
    assert art11(content, "II") == [f"{entity.name} · CNPJ {CNPJ_DISPLAY}"]
    assert art11(content, "III") == [
        "Serviço de convivência para 120 crianças no Citrolândia."
    ]
    assert art11(content, "IV") == ["Valor total R$ 250.000,00; liberado R$ 125.000,00"]
    assert art11(content, "V") == [
        "Anual (15/03/2027): prazo para apresentar 14/04/2027; apresentada em "
        "10/04/2027; prazo da análise 07/09/2027; resultado: Aprovada com ressalvas"
    ]
    assert art11(content, "VI") == [
        "Remuneração total R$ 82.005,00 "
        "Coordenadora pedagógica: R$ 4.500,00 por mês, 12 meses "
        "Educador social: R$ 2.800,50 por mês, 10 meses"
    ]
    # It links the plano de trabalho, the calls and the art. 12 channel.
    text = content.decode()
    assert f"{listed.get_absolute_url()}#plano-title" in text
    assert reverse("partnerships:calls") in text
    assert reverse("partnerships:report") in text


def test_pending_accounts_and_no_team(client, entity):
    partnership = PartnershipFactory(
        entity=entity, status=S.EXECUTING, signed_on=dt.date(2026, 1, 5)
    )
    Accountability.objects.create(
        partnership=partnership,
        kind=Accountability.Kind.FINAL,
        period_ends_on=dt.date(2026, 12, 31),
        due_on=dt.date(2027, 3, 31),
    )
    content = client.get(LIST).content
    assert art11(content, "IV") == ["Valor total R$ 120.000,00; liberado R$ 0,00"]
    assert art11(content, "V") == [
        "Final (31/12/2026): prazo para apresentar 31/03/2027; apresentada em não "
        "apresentada; prazo da análise —; resultado: sem resultado conclusivo"
    ]
    assert art11(content, "VI") == [
        "Nenhuma remuneração de equipe com recursos da parceria"
    ]


def test_imported_partnership_shows_the_released_amount_of_its_file(client, entity):
    PartnershipFactory(
        entity=entity,
        instrument=Instrument.LEGACY,
        legacy_instrument="Convênio",
        origin=Partnership.Origin.IMPORT,
        status=S.EXECUTING,
        signed_on=dt.date(2019, 6, 1),
        imported_released=Decimal("1234.56"),
    )
    content = client.get(LIST).content
    assert art11(content, "I")[0].startswith("01/06/2019 · Convênio ·")
    assert art11(content, "IV") == ["Valor total R$ 120.000,00; liberado R$ 1.234,56"]


def test_cooperation_moves_no_money(client, entity):
    PartnershipFactory(
        entity=entity,
        instrument=Instrument.COOPERATION,
        total_value=0,
        status=S.SIGNED,
        signed_on=dt.date(2026, 2, 1),
    )
    assert art11(client.get(LIST).content, "IV") == [
        "Sem transferência de recursos (acordo de cooperação)"
    ]


def test_planning_is_not_listed(client, entity):
    PartnershipFactory(entity=entity, number="TC PLAN/2026")
    response = client.get(LIST)
    assert b"TC PLAN/2026" not in response.content
    assert response.context["page_obj"].paginator.count == 0


@time_machine.travel(dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize(
    ("days_ago", "listed_now"), [(0, True), (180, True), (181, False)]
)
def test_listed_until_180_days_after_closing(client, entity, days_ago, listed_now):
    today = timezone.localdate()
    partnership = PartnershipFactory(
        entity=entity,
        number="TC 099/2024",
        status=S.CLOSED,
        signed_on=dt.date(2024, 1, 10),
        closed_on=today - dt.timedelta(days=days_ago),
    )
    assert (b"TC 099/2024" in client.get(LIST).content) is listed_now
    detail = client.get(partnership.get_absolute_url())
    assert detail.status_code == (200 if listed_now else 404)


def test_the_rule_follows_the_setting(client, entity, settings):
    settings.PARTNERSHIPS_LISTED_DAYS_AFTER_CLOSE = 30
    PartnershipFactory(
        entity=entity,
        number="TC 098/2024",
        status=S.CLOSED,
        signed_on=dt.date(2024, 1, 10),
        closed_on=timezone.localdate() - dt.timedelta(days=31),
    )
    assert b"TC 098/2024" not in client.get(LIST).content


@pytest.fixture
def varied(entity, council):
    other = approved_entity(name="Instituto Cultural Vianópolis", slug="vianopolis")
    from .transparency_support import social_area

    a = PartnershipFactory(
        number="TC 001/2025",
        entity=entity,
        status=S.EXECUTING,
        signed_on=dt.date(2025, 4, 1),
        policy_area=social_area(),
        object="Acolhimento institucional de idosos.",
    )
    b = PartnershipFactory(
        number="TF 002/2026",
        entity=other,
        instrument=Instrument.FOSTERING,
        status=S.ENDED,
        signed_on=dt.date(2026, 2, 1),
        object="Oficinas de música na periferia.",
    )
    c = PartnershipFactory(
        number="AC 003/2026",
        entity=other,
        instrument=Instrument.COOPERATION,
        total_value=0,
        status=S.RESCINDED,
        signed_on=dt.date(2026, 5, 1),
        object="Cessão de espaço para a biblioteca comunitária.",
    )
    return a, b, c


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"TC 001/2025", "TF 002/2026", "AC 003/2026"}),
        ({"area": "assistencia-social"}, {"TC 001/2025"}),
        ({"entidade": "vianopolis"}, {"TF 002/2026", "AC 003/2026"}),
        ({"instrumento": "fomento"}, {"TF 002/2026"}),
        ({"ano": "2026"}, {"TF 002/2026", "AC 003/2026"}),
        ({"situacao": "rescinded"}, {"AC 003/2026"}),
        ({"q": "música"}, {"TF 002/2026"}),
        ({"q": "vianópolis cessão"}, {"AC 003/2026"}),
        ({"q": "001/2025"}, {"TC 001/2025"}),
        # What does not validate filters nothing, and never fails.
        (
            {"ano": "99999999999999999999"},
            {"TC 001/2025", "TF 002/2026", "AC 003/2026"},
        ),
        ({"situacao": "planning"}, {"TC 001/2025", "TF 002/2026", "AC 003/2026"}),
        # NUL is stripped before any view (civic.middleware): a search for "ab".
        ({"q": "a\x00b"}, set()),
    ],
)
def test_filters(client, varied, query, expected):
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert {p.number for p in response.context["objects"]} == expected


def test_pages(client, entity, settings):
    settings.PARTNERSHIPS_PAGE_SIZE = 2
    for n in range(5):
        PartnershipFactory(
            entity=entity, status=S.EXECUTING, signed_on=dt.date(2026, 1, n + 1)
        )
    assert len(client.get(LIST).context["objects"]) == 2
    assert len(client.get(LIST, {"page": "3"}).context["objects"]) == 1
    assert client.get(LIST, {"page": "abc"}).status_code == 200


def build(count: int) -> None:
    """`count` listed partnerships, each with two parcelas, a team position and
    accounts, written with bulk_create."""
    body = a_body()
    entities = [approved_entity() for _ in range(3)]
    Partnership.objects.bulk_create(
        Partnership(
            number=f"BULK {n:04d}",
            instrument=Instrument.COLLABORATION,
            origin=Partnership.Origin.CALL,
            entity=entities[n % 3],
            body=body,
            object=f"Objeto {n}",
            total_value=Decimal("1000.00"),
            status=S.EXECUTING,
            signed_on=dt.date(2026, 1, 1) + dt.timedelta(days=n % 200),
        )
        for n in range(count)
    )
    ids = list(Partnership.objects.values_list("pk", flat=True))
    Installment.objects.bulk_create(
        Installment(
            partnership_id=pk,
            number=number,
            value=Decimal("500.00"),
            due_on=dt.date(2026, 2, 1),
            status="released" if number == 1 else "scheduled",
            released_on=dt.date(2026, 2, 2) if number == 1 else None,
        )
        for pk in ids
        for number in (1, 2)
    )
    TeamPosition.objects.bulk_create(
        TeamPosition(partnership_id=pk, function="Educador", monthly_pay=100)
        for pk in ids
    )
    Accountability.objects.bulk_create(
        Accountability(
            partnership_id=pk,
            kind="final",
            period_ends_on=dt.date(2026, 12, 31),
            due_on=dt.date(2027, 3, 31),
        )
        for pk in ids
    )


def count_queries(client, query=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, query or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("query", [{}, {"q": "Objeto", "ano": "2026"}])
def test_query_count_is_the_same_for_10_and_1000(client, settings, query):
    settings.CIVIC_PAGE_CACHE_ENABLED = False
    build(10)
    client.get(LIST)  # site settings and menus, read once per process
    small = count_queries(client, query)
    Partnership.objects.all().delete()
    build(1000)
    large = count_queries(client, query)
    assert small == large
    assert large <= 9


def test_anonymous_page_cache_follows_the_data(
    client, listed, django_capture_on_commit_callbacks
):
    assert client.get(LIST)["X-Cache"] == "MISS"
    assert client.get(LIST)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        Installment.objects.filter(partnership=listed, number=2).get().delete()
        TeamPosition.objects.create(
            partnership=listed, function="Cozinheira", monthly_pay=Decimal("1900")
        )
    response = client.get(LIST)
    assert response["X-Cache"] == "MISS"
    assert "Cozinheira" in response.content.decode()
