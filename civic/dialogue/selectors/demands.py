"""Reads of demands, each owning its joins so a page's queries stay constant."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from ..models import Demand, DemandAttachment, DemandMessage
from ..rules import bodies_of, is_team

RELATED = (
    "area",
    "bairro__regional",
    "requester",
    "on_behalf_of",
    "assignee",
    "forwarded_to",
    "concerns_entity",
    "concerns_council",
    "concerns_partnership__entity",
    "concerns_consultation",
)
MINE_LIMIT = 200


def demands_of_person(user) -> list[Demand]:
    """The person's own demands and those of the entities they represent,
    newest first (at most MINE_LIMIT)."""
    return list(
        Demand.objects.of_person(user)
        .select_related("area", "on_behalf_of")
        .order_by("-created_at", "-pk")[:MINE_LIMIT]
    )


def demand_by_protocol(protocol: str, *, internal: bool = False) -> Demand | None:
    """One demand with its thread and files; without `internal`, the thread
    holds only what the requester may read."""
    messages = DemandMessage.objects.select_related("author")
    attachments = DemandAttachment.objects.select_related("message")
    if not internal:
        messages = messages.for_requester()
        attachments = attachments.exclude(message__kind=DemandMessage.Kind.NOTE)
    return (
        Demand.objects.select_related(*RELATED)
        .prefetch_related(
            Prefetch(
                "messages",
                queryset=messages.prefetch_related(
                    Prefetch("attachments", queryset=attachments)
                ),
                to_attr="thread",
            ),
            Prefetch(
                "attachments",
                queryset=attachments.filter(message__isnull=True),
                to_attr="opening_files",
            ),
        )
        .filter(protocol=protocol[:20])
        .first()
    )


def demand_for_staff(pk: int) -> Demand:
    """One demand with everything staff see: internal notes and history."""
    demand = demand_by_protocol(
        Demand.objects.values_list("protocol", flat=True).get(pk=pk), internal=True
    )
    demand.history = list(demand.log.select_related("actor"))
    return demand


def staff_queue(user) -> QuerySet[Demand]:
    """What the admin lists for this person: every demand for the SRSC team,
    the demands forwarded to their bodies for a body's staff; by due date."""
    demands = Demand.objects.select_related(
        "assignee",
        "forwarded_to",
        "area",
        "concerns_entity",
        "concerns_council",
        "concerns_partnership__entity",
        "concerns_consultation",
    )
    if not is_team(user):
        demands = demands.filter(forwarded_to_id__in=bodies_of(user))
    still_open = Case(
        When(status__in=Demand.ACTIVE_STATUSES, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return demands.annotate(still_open=still_open).order_by(
        "still_open", "due_on", "pk"
    )
