"""The demo's resolutions: last year's nº 1, and this year's nº 1 and 2
approved at the held meeting (the second amends last year's). Each is a
draft published through the real service (`resolution_publish`) at its
date in the past, so the number comes from `ResolutionSequence`, the search
columns (`search_text`, and `search_document` on PostgreSQL) are filled and
the PDF is rendered and stored, as for any publication.

Idempotent: a resolution is found by its council and ementa and left alone
when it is already published."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from consultations.selectors.agenda import local_zone

from ..models import Resolution
from ..services.resolution_pdf import resolution_pdf_ensure
from ..services.resolutions import resolution_publish, resolution_save


def _publish(council, *, text, published_at, secretary, amends=(), **links):
    """The resolution with this ementa, drafted and published at `published_at`
    (once)."""
    resolution = Resolution.objects.filter(council=council, title=text.title).first()
    if resolution is None:
        resolution = resolution_save(
            resolution=Resolution(
                council=council, title=text.title, body=text.body, **links
            ),
            actor=secretary,
            subjects=[council.policy_area_id] if council.policy_area_id else [],
            amends=list(amends),
        )
    if resolution.status == Resolution.Status.DRAFT:
        resolution = resolution_publish(
            resolution_id=resolution.pk, actor=secretary, now=published_at
        )
        # The task that renders it after commit would find it done.
        resolution_pdf_ensure(resolution.pk)
    return resolution


def publish_resolutions(council, meeting, agenda, secretary) -> list[Resolution]:
    """Two resolutions from the meeting's deliberative items, published a few
    days later, and the older one the second amends."""
    published_at = meeting.ends_at + timedelta(days=3)
    year = timezone.localtime(published_at).year
    older = _publish(
        council,
        text=agenda.older,
        published_at=datetime.combine(
            published_at.date().replace(year=year - 1, month=3, day=20),
            time(10),
            tzinfo=local_zone(),
        ),
        secretary=secretary,
    )
    items = [item for item in meeting.agenda_items.all() if item.is_deliberative]
    texts = agenda.resolutions
    made = []
    for index, (item, text) in enumerate(zip(items, texts, strict=True)):
        made.append(
            _publish(
                council,
                text=text,
                # One after the other, as a secretariat publishes them.
                published_at=published_at + timedelta(minutes=index),
                secretary=secretary,
                meeting=meeting,
                agenda_item=item,
                amends=[older] if index == len(texts) - 1 else (),
            )
        )
    return [older, *made]
