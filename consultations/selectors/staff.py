"""Read use cases of the staff pages in the Wagtail admin: what an event or a
consultation needs on its edit page, the attendance and speaker lists, the
schedule conflicts, and the contributions to answer and moderate.

Counts are aggregated in the database, so each page costs a fixed number of
queries whatever the number of registrations or contributions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When

from ..models import (
    AbuseReport,
    Consultation,
    Contribution,
    Device,
    Event,
    Registration,
    SpeakerRequest,
)
from .consultations import device_citation

E = Event.Status
R = Registration.Status
C = Contribution
# Registrations of people who came (a cancelled one does not count).
PRESENT = Q(attended_at__isnull=False) & ~Q(status=R.CANCELLED)
# Top-level contributions that still need their devolutiva (hidden ones need
# none: they are shown as removed).
UNANSWERED = Q(parent__isnull=True, answer="") & ~Q(moderation=C.Moderation.HIDDEN)


# EVENTS
# ------------------------------------------------------------------------------


def event_for_staff(pk: int) -> Event:
    """The event with its venue and organizing body (Event.DoesNotExist if none)."""
    return Event.objects.select_related("venue", "organizing_body").get(pk=pk)


def schedule_conflicts(
    *,
    starts_at: datetime | None,
    ends_at: datetime | None,
    venue_id=None,
    organizing_body_id=None,
    exclude_pk=None,
) -> list[Event]:
    """Other live events at overlapping times in the same venue or by the same
    body, for the scheduling form to warn about."""
    if not (starts_at and ends_at) or ends_at <= starts_at:
        return []
    same_place_or_body = Q(pk__in=[])
    if venue_id:
        same_place_or_body |= Q(venue_id=venue_id)
    if organizing_body_id:
        same_place_or_body |= Q(organizing_body_id=organizing_body_id)
    return list(
        Event.objects.filter(same_place_or_body)
        .filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
        .exclude(status=E.CANCELLED)
        .exclude(pk=exclude_pk)
        .select_related("venue", "organizing_body")
        .order_by("starts_at")
    )


def event_conflicts(event: Event) -> list[Event]:
    """The conflicts of a saved event still to be held (draft or published)."""
    if event.status not in (E.DRAFT, E.PUBLISHED):
        return []
    return schedule_conflicts(
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        venue_id=event.venue_id,
        organizing_body_id=event.organizing_body_id,
        exclude_pk=event.pk,
    )


@dataclass
class EventCounts:
    """Registrations and contributions of one event, for its edit page."""

    confirmed: int
    waitlisted: int
    registered: int
    present: int
    contributions: int
    pending: int
    unanswered: int


def event_counts(event: Event) -> EventCounts:
    """The event's registrations and top-level contributions, counted (2 queries)."""
    registrations = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=R.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=R.WAITLISTED)),
        present=Count("pk", filter=PRESENT),
    )
    contributions = Contribution.objects.filter(event=event).aggregate(
        contributions=Count("pk", filter=Q(parent__isnull=True)),
        pending=Count(
            "pk", filter=Q(parent__isnull=True, moderation=C.Moderation.PENDING)
        ),
        unanswered=Count("pk", filter=UNANSWERED),
    )
    return EventCounts(
        registered=registrations["confirmed"] + registrations["waitlisted"],
        **registrations,
        **contributions,
    )


@dataclass
class Attendance:
    """The printable attendance list of an event."""

    registrations: list[Registration]
    confirmed: int
    waitlisted: int
    present: int
    libras: int
    other_needs: list[tuple[str, str]]


def attendance_list(event: Event) -> Attendance:
    """Everyone registered (confirmed, then waiting), alphabetically within
    each group, with the counts and accessibility needs to prepare the room."""
    registrations = list(
        Registration.objects.filter(event=event)
        .exclude(status=R.CANCELLED)
        .select_related("user")
        .order_by(
            Case(
                When(status=R.CONFIRMED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "user__full_name",
            "pk",
        )
    )
    return Attendance(
        registrations=registrations,
        confirmed=sum(r.status == R.CONFIRMED for r in registrations),
        waitlisted=sum(r.status == R.WAITLISTED for r in registrations),
        present=sum(r.attended_at is not None for r in registrations),
        libras=sum(r.needs_libras for r in registrations),
        other_needs=[
            (r.user.display_name, r.accessibility_needs)
            for r in registrations
            if r.accessibility_needs
        ],
    )


def withdrawn_speakers(event: Event) -> list[SpeakerRequest]:
    """Requests to speak that were withdrawn, in request order (shown apart)."""
    return list(
        SpeakerRequest.objects.filter(event=event, withdrawn_at__isnull=False)
        .select_related("user", "on_behalf_of")
        .order_by("created_at", "pk")
    )


def speaker_request_at(event_id: int, pk) -> SpeakerRequest | None:
    """One request to speak at this event, with its person; None for anything
    else (another event's, or not a number)."""
    if not str(pk).isdigit():
        return None
    return (
        SpeakerRequest.objects.select_related("user")
        .filter(event_id=event_id, pk=pk)
        .first()
    )


def history(obj, limit: int = 30) -> list:
    """The latest rows of a consultation's or an event's log, with the actor."""
    return list(obj.log.select_related("actor")[:limit])


# CONSULTATIONS
# ------------------------------------------------------------------------------


def with_contribution_counts(queryset):
    """Consultations with `_contributions`, their top-level contributions."""
    return queryset.select_related("policy_area").annotate(
        _contributions=Count(
            "contributions", filter=Q(contributions__parent__isnull=True)
        )
    )


def consultation_counts(consultation: Consultation) -> dict[str, int]:
    """Top-level contributions: total, unanswered, pending; and the devices."""
    counts = Contribution.objects.filter(
        consultation=consultation, parent__isnull=True
    ).aggregate(
        total=Count("pk"),
        unanswered=Count("pk", filter=UNANSWERED),
        pending=Count("pk", filter=Q(moderation=C.Moderation.PENDING)),
    )
    counts["devices"] = Device.objects.filter(consultation=consultation).count()
    return counts


# CONTRIBUTIONS
# ------------------------------------------------------------------------------


def open_reports():
    """Unresolved abuse reports of the outer contribution (a subquery)."""
    return AbuseReport.objects.filter(
        contribution=OuterRef("pk"), resolved_at__isnull=True
    )


def contributions_for_staff():
    """Every contribution, with where it was made and whether a report waits."""
    return Contribution.objects.select_related(
        "consultation", "event", "device", "author"
    ).annotate(_open_reports=Exists(open_reports()))


def moderation_queue():
    """Waiting for a moderator: pending under pre-moderation, or reported and
    not yet looked at."""
    return contributions_for_staff().filter(
        Q(moderation=C.Moderation.PENDING) | Q(_open_reports=True)
    )


def contribution_for_staff(pk: int) -> Contribution:
    """One contribution with everything its staff page shows."""
    return Contribution.objects.select_related(
        "consultation",
        "event",
        "device",
        "author",
        "on_behalf_of",
        "bairro",
        "parent",
        "moderated_by",
        "recorded_by",
        "answered_by",
    ).get(pk=pk)


@dataclass
class ContributionDetails:
    """What a contribution's staff page lists besides the contribution itself."""

    citation: str
    reports: list[AbuseReport]
    replies: list[Contribution]


def contribution_details(contribution: Contribution) -> ContributionDetails:
    """The device citation, the abuse reports and the replies (3 queries)."""
    citation = ""
    if contribution.device_id:
        devices = {
            d.pk: d
            for d in Device.objects.filter(consultation_id=contribution.consultation_id)
        }
        citation = device_citation(devices[contribution.device_id], devices)
    return ContributionDetails(
        citation=citation,
        reports=list(
            AbuseReport.objects.filter(contribution=contribution).select_related("user")
        ),
        replies=list(
            contribution.replies.select_related("author").order_by("created_at")
        ),
    )


def next_unanswered(contribution: Contribution) -> int | None:
    """The oldest other contribution of the same consultation or event still
    waiting for its devolutiva (its pk), if any."""
    if contribution.consultation_id:
        same_place = Q(consultation_id=contribution.consultation_id)
    else:
        same_place = Q(event_id=contribution.event_id)
    return (
        Contribution.objects.filter(same_place & UNANSWERED)
        .exclude(pk=contribution.pk)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
        .first()
    )
