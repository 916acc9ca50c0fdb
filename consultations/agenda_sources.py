"""Other apps' entries in the agenda (`/agenda/`, `/agenda.ics`, the staff
calendar), without this app importing them.

An app registers an `AgendaSource` when it is ready (councils register their
convened and held meetings):

    register_source(AgendaSource(
        name="councils",
        between=lambda start, end, filters, include_drafts: [...AgendaItem],
        upcoming=lambda now, filters, limit: [...AgendaItem],
        feed=lambda since, filters: [...VEVENT],
    ))

Each function costs a fixed number of queries and honours the agenda's
filters (`AgendaFilters.area`, `.bairro`). The VEVENTs are built by the app
with the helpers of `consultations.ics`, so there is one calendar builder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class AgendaSource:
    name: str
    # (start, end, filters, include_drafts) -> agenda items overlapping [start, end)
    between: Callable[..., list[Any]]
    # (now, filters, limit) -> items still to come, soonest first
    upcoming: Callable[..., list[Any]]
    # (since, filters) -> icalendar VEVENTs for the feed
    feed: Callable[..., list[Any]]


_sources: dict[str, AgendaSource] = {}


def register_source(source: AgendaSource) -> AgendaSource:
    """Add (or replace, on a reload) a source of agenda entries."""
    _sources[source.name] = source
    return source


def unregister_source(name: str) -> None:
    """Remove a source (for tests)."""
    _sources.pop(name, None)


def sources() -> list[AgendaSource]:
    """The registered sources, by name."""
    return [_sources[name] for name in sorted(_sources)]


def items_between(
    start: datetime, end: datetime, filters, include_drafts: bool
) -> list[Any]:
    return [
        item
        for source in sources()
        for item in source.between(start, end, filters, include_drafts)
    ]


def items_upcoming(now: datetime, filters, limit: int) -> list[Any]:
    return [
        item for source in sources() for item in source.upcoming(now, filters, limit)
    ]


def feed_vevents(since: datetime, filters) -> list[Any]:
    return [vevent for source in sources() for vevent in source.feed(since, filters)]
