"""The public reads of resolutions: the lists with their search and filters,
one resolution with its links, and the rows of the API and open data.

They own the query shapes, so a page runs the same number of queries however
many resolutions exist. Only published (and revoked) resolutions are public;
drafts exist for the secretariat alone.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Prefetch, QuerySet

from civic.querysets import given
from entities.selectors.directory import PREFIX_MIN_LENGTH, search_terms
from entities.services.search import SEARCH_CONFIG

from ..models import Resolution

PUBLIC_STATUSES = (Resolution.Status.PUBLISHED, Resolution.Status.REVOKED)
# “12/2026”, “012/2026”, “nº 12/2026”: the number people cite.
_NUMBER_RE = re.compile(r"^\s*(?:n[º°o.]?\s*)?(\d{1,6})\s*/\s*(\d{4})\s*$", re.I)
MAX_YEAR = 9999


def public_resolutions() -> QuerySet[Resolution]:
    """Published and revoked resolutions, never drafts."""
    return Resolution.objects.filter(status__in=PUBLIC_STATUSES)


def _linked(queryset: QuerySet) -> QuerySet:
    """Public resolutions cited from a resolution, with their council."""
    return queryset.filter(status__in=PUBLIC_STATUSES).select_related("council")


def _tsquery(terms: list[str]) -> SearchQuery:
    """Every term must match, as its Portuguese stem or as the start of a word
    (terms are [a-z0-9]+, so the raw prefix query injects nothing)."""
    query = None
    for word in terms:
        term = SearchQuery(word, config=SEARCH_CONFIG, search_type="plain")
        if len(word) >= PREFIX_MIN_LENGTH:
            term = term | SearchQuery(f"{word}:*", config="simple", search_type="raw")
        query = term if query is None else query & term
    return query


def resolutions_search(
    *,
    council=None,
    year: int | None = None,
    subject=None,
    q: str = "",
) -> QuerySet[Resolution]:
    """Public resolutions matching the filters and the words, best match first
    when searching, else the newest first. PostgreSQL searches the weighted
    tsvector (GIN index); elsewhere every word must appear in `search_text`.
    A number typed as “12/2026” finds that resolution."""
    resolutions = (
        public_resolutions()
        .filter(**given(council=council, year=year))
        .select_related("council")
        .prefetch_related("subjects")
        .defer("search_text", "search_document", "body")
    )
    if subject is not None:
        resolutions = resolutions.filter(subjects=subject)
    q = (q or "").replace("\x00", "")
    cited = _NUMBER_RE.match(q)
    if cited:
        return resolutions.filter(
            number=int(cited.group(1)), year=min(int(cited.group(2)), MAX_YEAR)
        ).order_by("council__acronym")
    terms = search_terms(q)
    if not terms:
        return resolutions.order_by("-published_at", "-pk")
    if connection.vendor == "postgresql":
        query = _tsquery(terms)
        return (
            resolutions.filter(search_document=query)
            .annotate(rank=SearchRank(F("search_document"), query))
            .order_by("-rank", "-published_at", "-pk")
        )
    for word in terms:
        resolutions = resolutions.filter(search_text__contains=word)
    return resolutions.order_by("-published_at", "-pk")


def resolution_years(*, council=None) -> list[int]:
    """The years that have public resolutions, newest first (the year filter)."""
    return list(
        public_resolutions()
        .filter(**given(council=council))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def resolution_public(*, council, year: int, number: int) -> Resolution:
    """One public resolution with everything its page shows (DoesNotExist for a
    draft or a number not given)."""
    return (
        public_resolutions()
        .select_related("council", "meeting", "agenda_item")
        .prefetch_related(
            "subjects",
            Prefetch("revokes", queryset=_linked(Resolution.objects.all())),
            Prefetch("amends", queryset=_linked(Resolution.objects.all())),
            Prefetch("revoked_by", queryset=_linked(Resolution.objects.all())),
            Prefetch("amended_by", queryset=_linked(Resolution.objects.all())),
        )
        .defer("search_text", "search_document")
        .get(council=council, year=year, number=number)
    )


def resolution_for_pdf(resolution_id: int) -> Resolution | None:
    """A resolution with what its PDF shows (None when it does not exist)."""
    return (
        Resolution.objects.select_related("council", "meeting", "agenda_item")
        .prefetch_related(
            "subjects",
            Prefetch("revokes", queryset=_linked(Resolution.objects.all())),
            Prefetch("amends", queryset=_linked(Resolution.objects.all())),
        )
        .defer("search_text", "search_document")
        .filter(pk=resolution_id)
        .first()
    )


def open_data_resolutions() -> QuerySet[Resolution]:
    """Every public resolution for the API and the open-data files, oldest first."""
    return (
        public_resolutions()
        .select_related("council", "meeting", "agenda_item")
        .prefetch_related(
            "subjects",
            Prefetch("revokes", queryset=_linked(Resolution.objects.all())),
            Prefetch("amends", queryset=_linked(Resolution.objects.all())),
            Prefetch("revoked_by", queryset=_linked(Resolution.objects.all())),
        )
        .defer("search_text", "search_document")
        .order_by("council__acronym", "year", "number")
    )
