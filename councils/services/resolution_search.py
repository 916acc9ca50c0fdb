"""Keeps a resolution's search columns in step with its text.

`search_text` is the unaccented text the SQLite fallback searches word by
word; `search_document` is the weighted tsvector PostgreSQL searches through
its GIN index: the number and the ementa weigh most (A), the subjects next
(B), the body last (C). The same `normalize()` as the entity directory, so a
word typed without accents meets the text on both databases.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from entities.services.search import SEARCH_CONFIG, normalize

from ..models import Resolution


def _heading(resolution: Resolution) -> str:
    """The number in every form people type it, then the ementa: “CMAS 012
    12 2026 012/2026 Aprova o plano...” (a draft has only its ementa)."""
    parts = []
    if resolution.number is not None:
        number, year = resolution.number, resolution.year
        parts += [
            resolution.council.acronym,
            f"{number:03d}",
            str(number),
            str(year),
            f"{number:03d}/{year}",
            f"{number}/{year}",
        ]
    parts.append(resolution.title)
    return " ".join(parts)


def resolution_search_refresh(resolution_ids: Iterable[int]) -> None:
    """Rebuild `search_text` (all databases) and `search_document` (PostgreSQL)."""
    ids = list(resolution_ids)
    if not ids:
        return
    resolutions = (
        Resolution.objects.filter(pk__in=ids)
        .select_related("council")
        .prefetch_related("subjects")
        .only("pk", "number", "year", "title", "body", "council__acronym")
    )
    rows = []
    for resolution in resolutions:
        heading = _heading(resolution)
        subjects = " ".join(s.name for s in resolution.subjects.all())
        text = normalize(" ".join([heading, subjects, resolution.body]))
        rows.append((resolution.pk, heading, subjects, resolution.body, text))
    Resolution.objects.bulk_update(
        [Resolution(pk=pk, search_text=text) for pk, *_rest, text in rows],
        ["search_text"],
    )
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"""
            UPDATE councils_resolution SET search_document =
                setweight(to_tsvector('{SEARCH_CONFIG}', %s), 'A')
                || setweight(to_tsvector('{SEARCH_CONFIG}', %s), 'B')
                || setweight(to_tsvector('{SEARCH_CONFIG}', %s), 'C')
            WHERE id = %s
            """,  # noqa: S608  (the config is a constant, the values are parameters)
            [
                (normalize(heading), normalize(subjects), normalize(body), pk)
                for pk, heading, subjects, body, _text in rows
            ],
        )
