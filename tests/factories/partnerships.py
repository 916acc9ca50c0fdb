"""Factories of chamamentos and partnerships."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from consultations.models import Body
from entities.partnerships.models import (
    Call,
    CommitteeMember,
    Criterion,
    Installment,
    Instrument,
    Partnership,
    Proposal,
)

from .accounts import UserFactory
from .councils import approved_entity


def a_body() -> Body:
    body, _ = Body.objects.get_or_create(
        name="Secretaria Municipal de Assistência Social", defaults={"acronym": "SEMAS"}
    )
    return body


class CallFactory(DjangoModelFactory[Call]):
    class Meta:
        model = Call

    slug = factory.Sequence(lambda n: f"edital-{n + 1:02d}-2026")
    number = factory.Sequence(lambda n: f"{n + 1:02d}/2026")
    title = factory.Sequence(lambda n: f"Chamamento para serviços de convivência {n}")
    instrument = Instrument.COLLABORATION
    body = factory.LazyFunction(a_body)
    object = "Serviço de convivência e fortalecimento de vínculos para crianças de 6 a 15 anos."
    budget_line = "02.10.01.08.243.0012.2.045 3.3.50.43"
    expected_value = Decimal("240000.00")
    proposal_rules = "Propostas pela plataforma, com plano de trabalho e documentos."
    appeal_rules = "Recurso em 5 dias da publicação do resultado preliminar."
    accessibility = "Sessão pública em local acessível, com intérprete de Libras."
    proposals_end_at = factory.LazyFunction(
        lambda: timezone.now() + dt.timedelta(days=35)
    )


class CriterionFactory(DjangoModelFactory[Criterion]):
    class Meta:
        model = Criterion

    call = factory.SubFactory(CallFactory)
    name = factory.Sequence(lambda n: f"Adequação da proposta ao objeto {n}")
    weight = Decimal("2")
    max_score = Decimal("10")


class CommitteeMemberFactory(DjangoModelFactory[CommitteeMember]):
    class Meta:
        model = CommitteeMember

    call = factory.SubFactory(CallFactory)
    user = factory.SubFactory(UserFactory)


class ProposalFactory(DjangoModelFactory[Proposal]):
    class Meta:
        model = Proposal

    call = factory.SubFactory(CallFactory)
    entity = factory.LazyFunction(approved_entity)
    summary = "Atendimento a 80 crianças no contraturno escolar, em dois núcleos."
    requested_value = Decimal("230000.00")


class PartnershipFactory(DjangoModelFactory[Partnership]):
    class Meta:
        model = Partnership

    number = factory.Sequence(lambda n: f"TC {n + 1:03d}/2026")
    instrument = Instrument.COLLABORATION
    origin = Partnership.Origin.CALL
    entity = factory.LazyFunction(approved_entity)
    body = factory.LazyFunction(a_body)
    object = "Serviço de convivência e fortalecimento de vínculos."
    total_value = Decimal("120000.00")
    starts_on = factory.LazyFunction(lambda: timezone.localdate())
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=365))


class InstallmentFactory(DjangoModelFactory[Installment]):
    class Meta:
        model = Installment

    partnership = factory.SubFactory(PartnershipFactory)
    number = factory.Sequence(lambda n: n + 1)
    value = Decimal("60000.00")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
