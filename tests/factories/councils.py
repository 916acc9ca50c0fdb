"""Factories of the councils, and `composed_council()`: a council with a gestão,
seats of both sides and a titular and suplente in each."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from councils.models import (
    AgendaItem,
    Candidacy,
    Council,
    Election,
    Mandate,
    Meeting,
    Resolution,
    Seat,
    Segment,
    Term,
)
from entities.models import Entity

from .accounts import UserFactory
from .entities import EntityFactory


class CouncilFactory(DjangoModelFactory[Council]):
    class Meta:
        model = Council
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Conselho Municipal de Exemplo {n}")
    acronym = factory.Sequence(lambda n: f"CMX{n}")
    slug = factory.Sequence(lambda n: f"cmx{n}")
    creating_law = "Lei Municipal nº 2.880, de 1996"


class TermFactory(DjangoModelFactory[Term]):
    class Meta:
        model = Term

    council = factory.SubFactory(CouncilFactory)
    starts_on = factory.LazyFunction(
        lambda: timezone.localdate() - dt.timedelta(days=200)
    )
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=730))
    act_number = factory.Sequence(lambda n: f"{1000 + n}/2025")


class SeatFactory(DjangoModelFactory[Seat]):
    class Meta:
        model = Seat

    council = factory.SubFactory(CouncilFactory)
    segment = Segment.GOVERNMENT
    label = factory.Sequence(lambda n: f"Assento {n}")
    position = factory.Sequence(lambda n: n)


def approved_entity(**fields) -> Entity:
    """An approved entity of the registry with regular documents."""
    entity = EntityFactory(**fields)
    Entity.objects.filter(pk=entity.pk).update(
        status=Entity.Status.APPROVED,
        regularity=Entity.Regularity.REGULAR,
        approved_at=timezone.now() - dt.timedelta(days=400),
    )
    entity.refresh_from_db()
    return entity


class MandateFactory(DjangoModelFactory[Mandate]):
    class Meta:
        model = Mandate

    seat = factory.SubFactory(SeatFactory)
    term = factory.LazyAttribute(
        lambda o: (
            Term.objects.filter(council=o.seat.council).first()
            or TermFactory(council=o.seat.council)
        )
    )
    role = Mandate.Role.TITULAR
    person = factory.SubFactory(UserFactory)
    entity = factory.LazyAttribute(
        lambda o: approved_entity() if o.seat.is_civil_society else None
    )
    starts_on = factory.LazyAttribute(lambda o: o.term.starts_on)


class MeetingFactory(DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting

    council = factory.SubFactory(CouncilFactory)
    kind = Meeting.Kind.ORDINARY
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    location_notes = "Casa dos Conselhos, sala 2"


class AgendaItemFactory(DjangoModelFactory[AgendaItem]):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Item de pauta {n}")


class ResolutionFactory(DjangoModelFactory[Resolution]):
    class Meta:
        model = Resolution

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(
        lambda n: f"Aprova o plano municipal de assistência social, versão {n}"
    )
    body = "Art. 1º Fica aprovado o plano. Art. 2º Esta resolução entra em vigor na data de sua publicação."


class ElectionFactory(DjangoModelFactory[Election]):
    class Meta:
        model = Election

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Eleição da sociedade civil {n}")
    edital_number = factory.Sequence(lambda n: f"{n + 1:02d}/2026")
    edital_text = (
        "Edital de convocação para a eleição dos representantes da sociedade civil."
    )
    candidacy_starts_at = factory.LazyFunction(
        lambda: timezone.now() - dt.timedelta(days=1)
    )
    candidacy_ends_at = factory.LazyFunction(
        lambda: timezone.now() + dt.timedelta(days=10)
    )
    voting_starts_at = factory.LazyFunction(
        lambda: timezone.now() + dt.timedelta(days=20)
    )
    voting_ends_at = factory.LazyFunction(
        lambda: timezone.now() + dt.timedelta(days=21)
    )


class CandidacyFactory(DjangoModelFactory[Candidacy]):
    class Meta:
        model = Candidacy

    election = factory.SubFactory(ElectionFactory)
    entity = factory.LazyFunction(approved_entity)
    segment = Segment.ENTITIES
    nominee = factory.SubFactory(UserFactory)


def composed_council(*, government: int = 3, civil_society: int = 3, **fields):
    """A paritária council with a current gestão: `government` seats of the
    poder público and `civil_society` seats of entities, each with a titular
    and a suplente (civil-society ones representing approved entities)."""
    council = CouncilFactory(**fields)
    term = TermFactory(council=council)
    for index in range(government + civil_society):
        segment = Segment.GOVERNMENT if index < government else Segment.ENTITIES
        seat = SeatFactory(council=council, segment=segment, position=index)
        entity = approved_entity() if seat.is_civil_society else None
        for role in (Mandate.Role.TITULAR, Mandate.Role.ALTERNATE):
            MandateFactory(seat=seat, term=term, role=role, entity=entity)
    return council
