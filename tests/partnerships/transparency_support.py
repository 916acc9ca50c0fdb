"""A partnership with every field the transparency pages show, with known
values, for the tests of `/parcerias/`, the API and the open data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from consultations.models import PolicyArea
from entities.partnerships.models import (
    Accountability,
    Goal,
    Installment,
    Partnership,
    PartnershipDocument,
    TeamPosition,
)
from tests.factories.entities import pdf_upload
from tests.factories.partnerships import PartnershipFactory

SIGNED = dt.date(2026, 3, 15)
CNPJ = "11222333000181"
CNPJ_DISPLAY = "11.222.333/0001-81"


def social_area() -> PolicyArea:
    area, _ = PolicyArea.objects.get_or_create(
        slug="assistencia-social", defaults={"name": "Assistência social"}
    )
    return area


def full_partnership(entity, **fields) -> Partnership:
    """A termo de colaboração in execution: two parcelas (one released), a
    team of two, annual accounts presented and approved, a public and a
    private document."""
    values = {
        "number": "TC 007/2026",
        "entity": entity,
        "status": Partnership.Status.EXECUTING,
        "signed_on": SIGNED,
        "extract_published_on": SIGNED + dt.timedelta(days=3),
        "extract_place": "Diário Oficial do Município, edição 2.345",
        "starts_on": SIGNED,
        "ends_on": SIGNED + dt.timedelta(days=730),
        "total_value": Decimal("250000.00"),
        "object": "Serviço de convivência para 120 crianças no Citrolândia.",
        "policy_area": social_area(),
        "gestor_act": "Portaria SEMAS nº 12/2026",
    }
    values.update(fields)
    partnership = PartnershipFactory(**values)
    Installment.objects.create(
        partnership=partnership,
        number=1,
        value=Decimal("125000.00"),
        due_on=SIGNED + dt.timedelta(days=10),
        status=Installment.Status.RELEASED,
        released_on=SIGNED + dt.timedelta(days=12),
    )
    Installment.objects.create(
        partnership=partnership,
        number=2,
        value=Decimal("125000.00"),
        due_on=SIGNED + dt.timedelta(days=380),
        status=Installment.Status.RETAINED,
        retention_reason=Installment.RetentionReason.DEVIATION,
    )
    TeamPosition.objects.create(
        partnership=partnership,
        function="Coordenadora pedagógica",
        monthly_pay=Decimal("4500.00"),
        months=12,
    )
    TeamPosition.objects.create(
        partnership=partnership,
        function="Educador social",
        monthly_pay=Decimal("2800.50"),
        months=10,
    )
    Goal.objects.create(
        partnership=partnership,
        description="Atender 120 crianças por mês",
        indicator="Crianças atendidas",
        verification="Listas de presença",
        quantity=Decimal("120"),
        unit="crianças",
    )
    Accountability.objects.create(
        partnership=partnership,
        kind=Accountability.Kind.ANNUAL,
        period_ends_on=SIGNED + dt.timedelta(days=365),
        due_on=dt.date(2027, 4, 14),
        presented_on=dt.date(2027, 4, 10),
        analysis_due_on=dt.date(2027, 9, 7),
        status=Accountability.Status.CAVEATS,
        decided_on=dt.date(2027, 8, 1),
    )
    PartnershipDocument.objects.create(
        partnership=partnership,
        kind=PartnershipDocument.Kind.WORK_PLAN,
        title="Plano de trabalho aprovado",
        file=pdf_upload(),
        is_public=True,
    )
    PartnershipDocument.objects.create(
        partnership=partnership,
        kind=PartnershipDocument.Kind.OPINION,
        title="Parecer jurídico interno",
        file=pdf_upload(),
        is_public=False,
    )
    return partnership
