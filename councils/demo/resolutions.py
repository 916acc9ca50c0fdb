"""The demo's resolutions: last year's nº 1, and this year's nº 1 and 2
approved at the held meeting (the second amends last year's), with the
numbering sequence of each year where publishing would have left it."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from consultations.selectors.agenda import local_zone
from entities.services.search import normalize

from ..models import Resolution, ResolutionLog, ResolutionSequence


def _publish(council, *, year, number, text, published_at, secretary, **links):
    resolution, created = Resolution.objects.get_or_create(
        council=council,
        year=year,
        number=number,
        defaults={
            "status": Resolution.Status.PUBLISHED,
            "title": text.title,
            "body": text.body,
            "published_at": published_at,
            **links,
        },
    )
    if created:
        resolution.search_text = normalize(
            " ".join([resolution.display_number, text.title, text.body])
        )
        resolution.save(update_fields=["search_text"])
        if council.policy_area_id:
            resolution.subjects.add(council.policy_area_id)
        ResolutionLog.objects.create(
            resolution=resolution,
            action="publish",
            from_status=Resolution.Status.DRAFT,
            to_status=Resolution.Status.PUBLISHED,
            actor=secretary,
            created_at=published_at,
        )
    sequence, _created = ResolutionSequence.objects.get_or_create(
        council=council, year=year
    )
    if sequence.last_number < number:
        sequence.last_number = number
        sequence.save(update_fields=["last_number"])
    return resolution


def publish_resolutions(council, meeting, agenda, secretary) -> list[Resolution]:
    """Two resolutions from the meeting's deliberative items, published a few
    days later, and the older one the second amends."""
    published_at = meeting.ends_at + timedelta(days=3)
    year = timezone.localtime(published_at).year
    older = _publish(
        council,
        year=year - 1,
        number=1,
        text=agenda.older,
        published_at=datetime.combine(
            published_at.date().replace(year=year - 1, month=3, day=20),
            time(10),
            tzinfo=local_zone(),
        ),
        secretary=secretary,
    )
    items = [item for item in meeting.agenda_items.all() if item.is_deliberative]
    made = []
    for number, (item, text) in enumerate(
        zip(items, agenda.resolutions, strict=True), start=1
    ):
        made.append(
            _publish(
                council,
                year=year,
                number=number,
                text=text,
                published_at=published_at,
                secretary=secretary,
                meeting=meeting,
                agenda_item=item,
            )
        )
    made[-1].amends.add(older)
    return [older, *made]
