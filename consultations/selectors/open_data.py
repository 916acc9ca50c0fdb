"""Read use cases of the open-data downloads: public consultations and events
with their counts, and the contributions of answered consultations.

Each is one query (plus one prefetch per chunk where a list is needed), read
with `iterator(chunk_size=...)` by the streaming views.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Sum

from ..models import Consultation, Contribution, Device, Event
from .consultations import device_citations

PUBLISHED = Contribution.Moderation.PUBLISHED


def open_data_consultations() -> QuerySet[Consultation]:
    """Public consultations, newest first, with their counts and bairros."""
    published = Q(contributions__moderation=PUBLISHED)
    return (
        Consultation.objects.public()
        .select_related("policy_area", "responsible_body")
        .prefetch_related("bairros")
        .annotate(
            od_contributions=Count(
                "contributions",
                filter=published & Q(contributions__parent__isnull=True),
            ),
            od_supports=Sum("contributions__support_count", filter=published),
        )
        .order_by("-opens_at", "pk")
    )


def open_data_events() -> QuerySet[Event]:
    """Public events, oldest first, with their confirmed registrations counted."""
    return (
        Event.objects.public()
        .select_related("policy_area", "organizing_body", "venue__bairro")
        .annotate(
            od_confirmed=Count(
                "registrations", filter=Q(registrations__status="confirmed")
            )
        )
        .order_by("starts_at", "pk")
    )


def open_data_contributions() -> QuerySet[Contribution]:
    """Every contribution and reply of answered consultations, but those still
    awaiting moderation; in the order of the consultations, then of time."""
    return (
        Contribution.objects.filter(consultation__status=Consultation.Status.ANSWERED)
        .exclude(moderation=Contribution.Moderation.PENDING)
        .select_related("consultation", "author", "on_behalf_of", "bairro")
        .order_by("consultation__opens_at", "consultation_id", "created_at", "pk")
    )


def answered_device_citations() -> dict[int, str]:
    """How each device of the answered consultations is cited ("Art. 2º, § 1º"),
    by device id (one query)."""
    return device_citations(
        Device.objects.filter(consultation__status=Consultation.Status.ANSWERED)
    )
