"""Keeps an entity's search columns in step with its data."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.db import connection

from ..models import Entity

# PostgreSQL's Portuguese stemmer folds "associação/associações" together only
# when the accents are there, and people type without them. Removing accents on
# both sides and folding the -ções/-ões/-ães plurals first makes "associacoes",
# "associação" and "Associações" meet on one lexeme.
_PLURAL_FOLDS = (
    (re.compile(r"coes\b"), "cao"),
    (re.compile(r"(?<=[a-z])oes\b"), "ao"),
    (re.compile(r"(?<=[a-z])aes\b"), "ao"),
)
SEARCH_CONFIG = "portuguese"


def normalize(text: str) -> str:
    """Lower-case text without accents and with -ções plurals folded:
    'Associações' -> 'associacao'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    for pattern, replacement in _PLURAL_FOLDS:
        plain = pattern.sub(replacement, plain)
    return plain


def search_refresh(entity_ids: Iterable[int]) -> None:
    """Rebuild `search_text` (all databases) and `search_document` (PostgreSQL).

    Names weigh most (A), then areas and places (B), then the summary (C).
    """
    ids = list(entity_ids)
    if not ids:
        return
    entities = Entity.objects.filter(pk__in=ids).prefetch_related(
        "areas", "publics", "bairros", "regionais"
    )
    rows = []
    for e in entities:
        names = " ".join(filter(None, [e.name, e.trade_name, e.cnpj]))
        places = " ".join(
            [a.name for a in e.areas.all()]
            + [p.name for p in e.publics.all()]
            + [b.name for b in e.bairros.all()]
            + [r.name for r in e.regionais.all()]
            + [e.neighbourhood]
        )
        text = normalize(" ".join([names, places, e.summary]))
        rows.append(
            (e.pk, normalize(names), normalize(places), normalize(e.summary), text)
        )
    Entity.objects.bulk_update(
        [Entity(pk=pk, search_text=text) for pk, *_rest, text in rows],
        ["search_text"],
        batch_size=500,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.executemany(
                """
                UPDATE entities_entity SET search_document =
                    setweight(to_tsvector('portuguese', %s), 'A')
                    || setweight(to_tsvector('portuguese', %s), 'B')
                    || setweight(to_tsvector('portuguese', %s), 'C')
                WHERE id = %s
                """,
                [
                    (names, places, summary, pk)
                    for pk, names, places, summary, _t in rows
                ],
            )
