"""Shared setup of the admin tests of consultations and events (not a test
module): form data, URLs, and reading what a response says."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from consultations.models import Body, Event, PolicyArea
from tests.factories.consultations import EventFactory

E = Event.Status
LOCAL = "%Y-%m-%d %H:%M"


def local(value):
    return timezone.localtime(value).strftime(LOCAL)


def event_data(**overrides):
    start = timezone.localtime() + dt.timedelta(days=30)
    data = {
        "kind": Event.Kind.HEARING,
        "title": "Audiência pública do Plano Diretor",
        "slug": "",
        "subject": "Apresentação da revisão do Plano Diretor.",
        "legal_basis": "Estatuto da Cidade, art. 40",
        "policy_area": PolicyArea.objects.order_by("pk").first().pk,
        "organizing_body": Body.objects.order_by("pk").first().pk,
        "consultation": "",
        "starts_at": start.strftime(LOCAL),
        "ends_at": (start + dt.timedelta(hours=3)).strftime(LOCAL),
        "venue": "",
        "capacity": "80",
        "stream_url": "",
        "speaker_minutes": "3",
        "accepts_speakers": "on",
    }
    data.update(overrides)
    return data


def consultation_data(**overrides):
    """What staff type to create a consultation (the municipal bill as text)."""
    from tests.consultations.consultation_support import BILL_TEXT

    start = timezone.localtime() + dt.timedelta(days=3)
    data = {
        "title": "Política Municipal de Hortas Comunitárias",
        "slug": "",
        "summary": "Minuta do projeto de lei das hortas comunitárias.",
        "policy_area": PolicyArea.objects.order_by("pk").first().pk,
        "responsible_body": Body.objects.order_by("pk").first().pk,
        "legal_basis": "Lei Orgânica do Município de Betim, art. 12",
        "opens_at": start.strftime(LOCAL),
        "closes_at": (start + dt.timedelta(days=30)).strftime(LOCAL),
        "text_intro": "",
        "report_summary": "",
        "draft_text": BILL_TEXT,
    }
    data.update(overrides)
    return data


def venue_data(**overrides):
    data = {
        "name": "Ginásio Poliesportivo",
        "address": "Rua do Rosário, 100, Centro",
        "bairro": "",
        "capacity": "300",
        "step_free_access": "on",
        "accessibility_notes": "Banheiro adaptado.",
    }
    data.update(overrides)
    return data


def url(name, *args):
    return reverse(f"consultations_events:{name}", args=args)


def action_url(event, action):
    return url("action", event.pk, action)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def listed(response):
    return {row.pk for row in response.context["object_list"]}


def draft(**kwargs):
    return EventFactory(status=E.DRAFT, **kwargs)


def days_ahead(days: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


def logs(event) -> list[tuple]:
    """The event's history rows, oldest first: (action, from, to, actor, note)."""
    from consultations.models import EventLog

    return list(
        EventLog.objects.filter(event=event)
        .order_by("pk")
        .values_list("action", "from_status", "to_status", "actor_id", "note")
    )


def past_event(**kwargs):
    """A published event that ended a day ago (2 hours long)."""
    start = timezone.now() - dt.timedelta(days=1)
    return EventFactory(
        starts_at=start, ends_at=start + dt.timedelta(hours=2), **kwargs
    )


ROLES = [
    "anonymous",
    "citizen",
    "representative",
    "council_secretary",
    "moderator",
    "staff",
    "superuser",
]


def make_people(user_factory) -> dict:
    """One person per role (None for anonymous). The representative speaks for
    an approved entity; the secretary, moderator and staff are in their groups."""
    from django.contrib.auth.models import Group

    from tests.consultations.consultation_support import (
        approved_entity_with_representative,
    )

    def member(name, group):
        person = user_factory(full_name=name)
        person.groups.add(Group.objects.get(name=group))
        return person

    representative = user_factory(full_name="Representante")
    approved_entity_with_representative(representative)
    return {
        "anonymous": None,
        "citizen": user_factory(full_name="Cidadã"),
        "representative": representative,
        "council_secretary": member("Secretária", "Secretaria de conselho"),
        "moderator": member("Moderadora", "Moderação"),
        "staff": member("Servidora", "Equipe SRSC"),
        "superuser": user_factory(
            full_name="Administração", is_superuser=True, is_staff=True
        ),
    }
