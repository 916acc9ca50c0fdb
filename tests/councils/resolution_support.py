"""What the resolution tests share: an approved agenda item, and drafts
published through the workflow (numbers only ever come from it)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from councils.models import AgendaItem, Resolution
from councils.services.resolutions import resolution_publish
from tests.factories.councils import (
    AgendaItemFactory,
    MeetingFactory,
    ResolutionFactory,
)


def approved_item(council, **fields) -> AgendaItem:
    meeting = MeetingFactory(
        council=council, starts_at=timezone.now() - dt.timedelta(days=3)
    )
    fields = {"is_deliberative": True, "result": AgendaItem.Result.APPROVED, **fields}
    return AgendaItemFactory(meeting=meeting, **fields)


def publish(resolution: Resolution, actor, **kwargs) -> Resolution:
    return resolution_publish(resolution_id=resolution.pk, actor=actor, **kwargs)


def published(council, actor, count: int = 1, **fields) -> list[Resolution]:
    """`count` resolutions of the council, published in order (numbers 1..n)."""
    return [
        publish(ResolutionFactory(council=council, **fields), actor)
        for _ in range(count)
    ]
