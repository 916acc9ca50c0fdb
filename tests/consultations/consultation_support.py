"""Shared setup of the public-consultation tests (not a test module)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from django.urls import reverse
from django.utils import timezone

from consultations.models import Consultation, Device
from consultations.services.devices import parse_devices
from entities.models import Entity
from tests.factories.consultations import ConsultationFactory
from tests.factories.entities import EntityFactory, RepresentativeFactory

BILL_TEXT = (Path(__file__).parent / "data" / "projeto_de_lei.txt").read_text()

S = Consultation.Status


def save_devices(consultation: Consultation, text: str = BILL_TEXT) -> list[Device]:
    """Store the devices of `text` whatever the status (tests only; staff go
    through devices_replace, which refuses once scheduled)."""
    parsed = parse_devices(text)
    saved: dict[int, Device] = {}
    for item in parsed:
        saved[id(item)] = Device.objects.create(
            consultation=consultation,
            parent=saved[id(item.parent)] if item.parent else None,
            kind=item.kind,
            label=item.label,
            text=item.text,
            position=item.position,
            anchor=item.anchor,
            depth=item.depth,
        )
    return list(saved.values())


def consultation_with_text(status: str = S.OPEN, **kwargs) -> Consultation:
    """A consultation in `status` whose text is the municipal bill."""
    now = timezone.now()
    if status in (S.DRAFT, S.SCHEDULED):
        kwargs.setdefault("opens_at", now + timedelta(days=2))
        kwargs.setdefault("closes_at", now + timedelta(days=30))
    elif status in (S.CLOSED, S.ANSWERED):
        kwargs.setdefault("opens_at", now - timedelta(days=40))
        kwargs.setdefault("closes_at", now - timedelta(days=2))
    consultation = ConsultationFactory(status=status, **kwargs)
    save_devices(consultation)
    return consultation


def device(consultation: Consultation, anchor: str) -> Device:
    return Device.objects.get(consultation=consultation, anchor=anchor)


def approved_entity_with_representative(person, **kwargs) -> Entity:
    """An approved entity that `person` represents."""
    entity = EntityFactory(**kwargs)
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.APPROVED)
    entity.refresh_from_db()
    RepresentativeFactory(entity=entity, user=person, is_primary=True)
    return entity


def text_of(response) -> str:
    """The visible text of a page's main content, tags removed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def errors_of(excinfo) -> dict:
    """The fields a service's ValidationError names, with their messages."""
    return excinfo.value.message_dict


def consultation_url(name: str, consultation: Consultation, **kwargs) -> str:
    """The address of a consultation's page, form or file: `consultation_url(
    "device", consultation, anchor="art-1")`."""
    return reverse(
        f"consultations:{name}", kwargs={"slug": consultation.slug, **kwargs}
    )
