"""The relationship history of an entity: one timeline, newest first, of the
contacts staff recorded, the entity's demands, its registry events, its
council mandates, and its proposals and partnerships with their key steps.

A constant number of queries whatever the number of items: one UNION of
(kind, moment, pk) rows per source gives the count and the page, ordered and
sliced in the database; then one query per kind present on the page loads
those rows with what the templates show.

Who sees what:
- relationship staff (`dialogue.view_timeline`) see everything; demands that
  merely concern the entity (a denúncia, say) only if they answer the channel
  (`dialogue.manage_dialogue`);
- anyone else (the entity's representatives) sees only the demands made on
  behalf of the entity and the ofícios shared with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import rules
from django.core.paginator import Page, Paginator
from django.db.models import CharField, DateTimeField, F, Q, Value
from django.db.models.functions import Cast, Coalesce

from councils.models import Mandate
from entities.models import Entity, EntityEvent
from entities.partnerships.models import Partnership, PartnershipLog, Proposal

from ..models import Contact, Demand

PER_PAGE = 50
# The steps of a partnership's life worth a line of their own.
PARTNERSHIP_KEY_STEPS = ("sign", "publish_extract", "end_validity", "rescind", "close")


@dataclass
class TimelineItem:
    kind: str
    at: dt.datetime
    obj: Any

    @property
    def template(self) -> str:
        return f"dialogue/timeline/{self.kind}.html"


def _at_date(field: str):
    return Cast(F(field), output_field=DateTimeField())


def _rows(queryset, kind: str, at):
    return (
        queryset.order_by()
        .annotate(
            t_kind=Value(kind, output_field=CharField()),
            t_at=at,
            t_pk=F("pk"),
        )
        .values_list("t_kind", "t_at", "t_pk")
    )


def _demands(entity: Entity, viewer, staff: bool):
    if staff and viewer.has_perm("dialogue.manage_dialogue"):
        # The whole channel: the team sees the demands about the entity too.
        return Demand.objects.filter(Q(on_behalf_of=entity) | Q(concerns_entity=entity))
    return Demand.objects.filter(on_behalf_of=entity)


def _sources(entity: Entity, viewer, as_entity: bool) -> list:
    staff = not as_entity and rules.has_perm("dialogue.view_timeline", viewer)
    contacts = Contact.objects.filter(entity=entity)
    sources = [
        _rows(contacts if staff else contacts.shared(), "contact", _at_date("date")),
        _rows(_demands(entity, viewer, staff), "demand", F("created_at")),
    ]
    if staff:
        sources += [
            _rows(EntityEvent.objects.filter(entity=entity), "event", F("created_at")),
            _rows(
                Mandate.objects.filter(entity=entity), "mandate", _at_date("starts_on")
            ),
            _rows(
                Proposal.objects.filter(entity=entity).exclude(
                    status=Proposal.Status.DRAFT
                ),
                "proposal",
                Coalesce("submitted_at", "created_at"),
            ),
            _rows(
                Partnership.objects.filter(entity=entity),
                "partnership",
                F("created_at"),
            ),
            _rows(
                PartnershipLog.objects.filter(
                    partnership__entity=entity, action__in=PARTNERSHIP_KEY_STEPS
                ),
                "partnership_log",
                F("created_at"),
            ),
        ]
    return sources


# One query per kind on the page, with what its template shows.
LOADERS = {
    "contact": lambda: Contact.objects.select_related("recorded_by"),
    "demand": lambda: Demand.objects.all(),
    "event": lambda: EntityEvent.objects.select_related("actor"),
    "mandate": lambda: Mandate.objects.select_related("council", "seat", "term"),
    "proposal": lambda: Proposal.objects.select_related("call"),
    "partnership": lambda: Partnership.objects.all(),
    "partnership_log": lambda: PartnershipLog.objects.select_related(
        "partnership", "actor"
    ),
}


def _load(rows) -> list[TimelineItem]:
    wanted: dict[str, list[int]] = {}
    for kind, _at, pk in rows:
        wanted.setdefault(kind, []).append(pk)
    loaded = {kind: LOADERS[kind]().in_bulk(pks) for kind, pks in wanted.items() if pks}
    items = []
    for kind, at, pk in rows:
        obj = loaded[kind].get(pk)
        if obj is not None:
            if isinstance(at, str):  # SQLite returns a UNION's casts as text
                at = dt.datetime.fromisoformat(at)
            items.append(TimelineItem(kind=kind, at=at, obj=obj))
    return items


def entity_timeline(
    entity: Entity,
    viewer,
    *,
    page: int | str = 1,
    per_page: int = PER_PAGE,
    as_entity: bool = False,
) -> Page:
    """One page of the entity's timeline as `viewer` may see it, newest first;
    `page.object_list` holds `TimelineItem`s. `as_entity`: what the entity's
    representatives see, whoever looks (their page shows the same to staff)."""
    first, *rest = _sources(entity, viewer, as_entity)
    union = first.union(*rest, all=True).order_by("-t_at", "t_kind", "-t_pk")
    paginator = Paginator(union, per_page)
    page_obj = paginator.get_page(page)
    page_obj.object_list = _load(list(page_obj.object_list))
    return page_obj
