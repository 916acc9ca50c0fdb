"""Read use cases of the entity registry. They own the query shapes, so every
page runs the same number of queries however many entities exist."""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from civic.territory.models import Bairro, Regional

from .models import Area, BoardMember, Document, Entity, LegalNature, Representative
from .services.search import SEARCH_CONFIG, normalize
from .validators import cnpj_is_valid, normalize_cnpj

MAX_QUERY_LENGTH = 200
# More words than this add nothing but work for the database.
MAX_SEARCH_TERMS = 8
# A typed word also matches longer words it begins ("assoc" -> associação).
PREFIX_MIN_LENGTH = 3
# Above this many matches, ranking every match costs more than it is worth
# (ts_rank runs per matching row): rank only the first candidates by name order.
# See docs/performance.md, "Entity directory".
RANK_CANDIDATES = 2000

# PostgreSQL's Portuguese stop words, unaccented (queries are normalized first).
STOP_WORDS = frozenset(
    normalize(word)
    for word in (
        "a à ao aos as às até com como da das de dela delas dele deles depois do dos "
        "e ela elas ele eles em entre era essa essas esse esses esta está estas este "
        "estes eu foi for há isso isto já lhe mais mas me mesmo meu minha muito na "
        "não nas nem no nos nós num numa o os ou para pela pelas pelo pelos por qual "
        "quando que quem se sem ser seu seus só sua suas também te tem tu um uma "
        "você vocês"
    ).split()
)
# Words people add that no entity's data carries ("ONG Casa da Esperança").
NOISE_WORDS = frozenset({"ong", "ongs", "osc", "oscs", "oscip", "oscips"})
_WORD_RE = re.compile(r"[a-z0-9]+")


def search_terms(q: str) -> list[str]:
    """The words of a search that mean something: unaccented, plurals folded,
    without stop words and without 'ONG'/'OSC' noise."""
    text = normalize((q or "").replace("\x00", ""))[:MAX_QUERY_LENGTH]
    words = [w for w in _WORD_RE.findall(text) if w not in STOP_WORDS]
    return [w for w in words if w not in NOISE_WORDS][:MAX_SEARCH_TERMS]


def _tsquery(terms: list[str]) -> SearchQuery:
    """Every term must match, as its Portuguese stem or as the start of a word.

    Terms are [a-z0-9]+ only, so the raw prefix query cannot inject syntax.
    """
    query = None
    for word in terms:
        term = SearchQuery(word, config=SEARCH_CONFIG, search_type="plain")
        if len(word) >= PREFIX_MIN_LENGTH:
            term = term | SearchQuery(f"{word}:*", config="simple", search_type="raw")
        query = term if query is None else query & term
    return query


def entities_directory(
    *,
    q: str = "",
    area: str = "",
    regional: str = "",
    bairro: str = "",
    legal_nature: str = "",
    regularity: str = "",
    kind: str = "",
) -> QuerySet[Entity]:
    """Approved entities matching a free-text query and filters, best match first.

    PostgreSQL searches the weighted tsvector (GIN index) with the Portuguese
    stemmer plus prefix matching; elsewhere each word must appear in the
    unaccented text. A valid CNPJ, masked or not, finds that entity.
    """
    entities = Entity.objects.listed()
    if area:
        entities = entities.filter(
            Exists(
                Entity.areas.through.objects.filter(
                    entity_id=OuterRef("pk"), area__slug=area
                )
            )
        )
    if regional:
        # Serving a bairro of the regional counts as serving the regional.
        entities = entities.filter(
            Exists(
                Entity.regionais.through.objects.filter(
                    entity_id=OuterRef("pk"), regional__slug=regional
                )
            )
            | Exists(
                Entity.bairros.through.objects.filter(
                    entity_id=OuterRef("pk"), bairro__regional__slug=regional
                )
            )
        )
    if bairro:
        entities = entities.filter(
            Exists(
                Entity.bairros.through.objects.filter(
                    entity_id=OuterRef("pk"), bairro__slug=bairro
                )
            )
        )
    if legal_nature:
        entities = entities.filter(legal_nature__code=legal_nature)
    if regularity:
        entities = entities.filter(regularity=regularity)
    if kind:
        entities = entities.filter(kind=kind)

    entities = entities.select_related("legal_nature").prefetch_related(
        "areas", "regionais"
    ).defer("search_text", "search_document")

    cnpj = normalize_cnpj((q or "").replace("\x00", ""))
    if cnpj_is_valid(cnpj):
        return entities.filter(cnpj=cnpj).order_by("name", "pk")
    terms = search_terms(q)
    if not terms:
        return entities.order_by("name", "pk")
    if connection.vendor == "postgresql":
        return _ranked(entities, _tsquery(terms))
    for word in terms:
        entities = entities.filter(search_text__contains=word)
    return entities.order_by("name", "pk")


def _ranked(entities: QuerySet[Entity], query: SearchQuery) -> QuerySet[Entity]:
    """Matches ordered by relevance, ranking a bounded candidate set.

    ts_rank costs per matching row, so a broad word ("saúde") matching tens of
    thousands of entities would be ranked whole on every page. Rows whose
    *names* match are always candidates (a tsquery restricted to weight A);
    the rest fill up to RANK_CANDIDATES in name order.
    """
    matching = entities.filter(search_document=query)
    return matching.annotate(rank=SearchRank(F("search_document"), query)).order_by(
        "-rank", "name", "pk"
    )


def directory_filter_options() -> dict:
    """The choices offered by the directory's filters (a handful of small queries)."""
    return {
        "areas": list(Area.objects.all()),
        "regionais": list(Regional.objects.all()),
        "bairros": list(Bairro.objects.active().select_related("regional")),
        "legal_natures": list(
            LegalNature.objects.filter(is_osc=True).osc_first()
        ),
        "regularities": [
            r for r in Entity.Regularity if r != Entity.Regularity.NOT_APPLICABLE
        ],
    }


def entity_public_profile(*, slug: str, listed_only: bool = True) -> Entity:
    """An approved entity with everything its public page shows (or any entity,
    for a permitted preview, with `listed_only=False`)."""
    entities = Entity.objects.listed() if listed_only else Entity.objects.all()
    return (
        entities
        .select_related("legal_nature", "main_cnae")
        .prefetch_related(
            "areas",
            "publics",
            "regionais",
            "bairros",
            Prefetch(
                "board_members",
                queryset=BoardMember.objects.only(
                    "entity_id", "name", "role", "is_legal_representative", "mandate_ends_on"
                ),
            ),
        )
        .get(slug=slug)
    )


def entities_of_representative(*, user) -> QuerySet[Entity]:
    """The entities a person represents, for their dashboard."""
    return (
        Entity.objects.represented_by(user)
        .select_related("legal_nature")
        .prefetch_related(
            Prefetch("documents", queryset=Document.objects.current(), to_attr="current_docs")
        )
        .order_by("name")
    )


def entity_for_management(*, pk: int) -> Entity:
    """An entity with its current documents, board and representatives."""
    return (
        Entity.objects.select_related("legal_nature", "main_cnae")
        .prefetch_related(
            "areas",
            "publics",
            "regionais",
            "bairros",
            "board_members",
            Prefetch("documents", queryset=Document.objects.current(), to_attr="current_docs"),
            Prefetch(
                "representatives",
                queryset=Representative.objects.select_related("user"),
            ),
        )
        .get(pk=pk)
    )
