"""Read use cases of open data: public consultations and events with their
counts, as the downloads and the API (`/api/v1/`) publish them, and the
contributions of answered consultations.

Each is one query (plus one prefetch per chunk where a list is needed); the
downloads read them with `iterator(chunk_size=...)`.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet, Sum

from civic.querysets import given

from ..models import Consultation, Contribution, Device, Event
from .consultations import consultations_public, device_citations
from .events import with_registration_counts

PUBLISHED = Contribution.Moderation.PUBLISHED


def with_public_counts(queryset: QuerySet[Consultation]) -> QuerySet[Consultation]:
    """Each consultation with its published contributions (`public_contributions`,
    top level), replies between participants (`public_replies`) and the supports
    they received (`public_supports`), in the same query."""
    published = Q(contributions__moderation=PUBLISHED)
    return queryset.annotate(
        public_contributions=Count(
            "contributions", filter=published & Q(contributions__parent__isnull=True)
        ),
        public_replies=Count(
            "contributions", filter=published & Q(contributions__parent__isnull=False)
        ),
        public_supports=Sum("contributions__support_count", filter=published),
    )


def open_data_consultations() -> QuerySet[Consultation]:
    """Public consultations, newest first, with their counts and bairros."""
    return with_public_counts(
        Consultation.objects.public()
        .select_related("policy_area", "responsible_body")
        .prefetch_related("bairros")
    ).order_by("-opens_at", "pk")


def api_consultations(
    *, status: str | None = None, area: str | None = None, q: str = ""
) -> QuerySet[Consultation]:
    """Public consultations in the order of `/consultas/`, with their counts;
    `area` is a slug, `q` looks in the title and the summary."""
    queryset = consultations_public(status=status).filter(
        **given(policy_area__slug=area)
    )
    q = q.replace("\x00", "").strip()
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    return with_public_counts(queryset)


def api_consultation(slug: str) -> Consultation | None:
    """One public consultation with its counts, bairros and documents."""
    return (
        with_public_counts(Consultation.objects.public().filter(slug=slug))
        .select_related("policy_area", "responsible_body")
        .prefetch_related("bairros", "documents")
        .first()
    )


def open_data_events() -> QuerySet[Event]:
    """Public events, oldest first, with their registrations counted
    (`confirmed_count`, for `places_left`)."""
    return with_registration_counts(
        Event.objects.public().select_related(
            "policy_area", "organizing_body", "venue__bairro"
        )
    ).order_by("starts_at", "pk")


def api_events(
    *,
    kind: str | None = None,
    status: str | None = None,
    area: str | None = None,
    bairro: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[Event]:
    """Public events, oldest first, filtered by kind, status, area and venue's
    bairro (slugs), and by the local days they touch."""
    return open_data_events().filter(
        **given(
            kind=kind,
            status=status,
            policy_area__slug=area,
            venue__bairro__slug=bairro,
            # Compared as local dates in the database: no date arithmetic to
            # overflow.
            ends_at__date__gte=since,
            starts_at__date__lte=until,
        )
    )


def api_event(slug: str) -> Event | None:
    """One public event with its counts and consultation."""
    return open_data_events().select_related("consultation").filter(slug=slug).first()


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
