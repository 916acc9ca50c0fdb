"""The public directory's reads: search, filters and the public profile.

They own the query shapes, so every page runs the same number of queries
however many entities exist."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, Subquery

from civic.querysets import given
from civic.territory.models import Bairro, Regional

from ..models import Area, BoardMember, Entity, LegalNature
from ..services.search import SEARCH_CONFIG, normalize
from ..validators import cnpj_is_valid, normalize_cnpj

MAX_QUERY_LENGTH = 200
# More words than this add nothing but work for the database.
MAX_SEARCH_TERMS = 8
# A typed word also matches longer words it begins ("assoc" -> associação).
PREFIX_MIN_LENGTH = 3
# Above this many matches, ranking every match costs more than it is worth
# (ts_rank runs per matching row): results come in name order instead.
# See docs/performance.md, "Entity directory".
RANK_CANDIDATES = 1000

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


def _plural_variant(word: str) -> str:
    """The other number of an -al/-ais word, which the Portuguese stemmer does
    not fold: animal/animais, social/sociais, cultural/culturais."""
    if len(word) >= 6 and word.endswith("ais"):
        return word[:-3] + "al"
    if len(word) >= 5 and word.endswith("al"):
        return word[:-2] + "ais"
    return ""


def _tsquery(terms: list[str]) -> SearchQuery:
    """Every term must match, as its Portuguese stem or as the start of a word.

    Terms are [a-z0-9]+ only, so the raw prefix query cannot inject syntax.
    """
    query = None
    for word in terms:
        term = SearchQuery(word, config=SEARCH_CONFIG, search_type="plain")
        variant = _plural_variant(word)
        if variant:
            term = term | SearchQuery(
                variant, config=SEARCH_CONFIG, search_type="plain"
            )
        if len(word) >= PREFIX_MIN_LENGTH:
            term = term | SearchQuery(f"{word}:*", config="simple", search_type="raw")
        query = term if query is None else query & term
    return query


@dataclass(frozen=True)
class DirectoryResult:
    """A directory search with its count, counted at most up to `cap`."""

    entities: QuerySet[Entity]
    count: int
    capped: bool  # more than `count` entities match


def entities_directory(**filters: str) -> QuerySet[Entity]:
    """Approved entities matching a free-text query and filters, best match first.

    PostgreSQL searches the weighted tsvector (GIN index) with the Portuguese
    stemmer plus prefix matching; elsewhere each word must appear in the
    unaccented text. A valid CNPJ, masked or not, finds that entity. A search
    matching more than RANK_CANDIDATES entities comes in name order.
    """
    entities, query = _matching(**filters)
    if query is None:
        return entities.order_by("name", "pk")
    return _ordered(entities, query, rank=not has_more_than(entities, RANK_CANDIDATES))


def directory_page(*, cap: int, **filters: str) -> DirectoryResult:
    """Like `entities_directory`, with the count the page shows, in one bounded
    count: it reads at most `cap` + 1 matches, which also tells whether a
    search is narrow enough to rank (see `_ordered`)."""
    entities, query = _matching(**filters)
    found = count_up_to(entities, cap)
    if query is None:
        ordered = entities.order_by("name", "pk")
    else:
        rank = found <= RANK_CANDIDATES if cap >= RANK_CANDIDATES else None
        if rank is None:
            rank = not has_more_than(entities, RANK_CANDIDATES)
        ordered = _ordered(entities, query, rank=rank)
    return DirectoryResult(ordered, min(found, cap), found > cap)


def _matching(
    *,
    q: str = "",
    area: str = "",
    regional: str = "",
    bairro: str = "",
    legal_nature: str = "",
    regularity: str = "",
    kind: str = "",
) -> tuple[QuerySet[Entity], SearchQuery | None]:
    """The unordered matches, and the text query to rank them by (if any)."""
    entities = Entity.objects.listed()
    # Filters are EXISTS on the link tables with the taxonomy id looked up by a
    # scalar subquery, which PostgreSQL plans better than a join on the slug.
    if area:
        entities = entities.filter(_linked("areas", area_id=_id_of(Area, area)))
    if regional:
        regional_id = _id_of(Regional, regional)
        # Serving a bairro of the regional counts as serving the regional.
        in_regional = Bairro.objects.filter(regional_id=regional_id).values("pk")
        entities = entities.filter(
            _linked("regionais", regional_id=regional_id)
            | _linked("bairros", bairro_id__in=in_regional)
        )
    if bairro:
        entities = entities.filter(_linked("bairros", bairro_id=_id_of(Bairro, bairro)))

    entities = (
        entities.filter(
            **given(legal_nature__code=legal_nature, regularity=regularity, kind=kind)
        )
        .select_related("legal_nature")
        .prefetch_related("areas", "regionais")
        .defer("search_text", "search_document")
    )

    cnpj = normalize_cnpj((q or "").replace("\x00", ""))
    if cnpj_is_valid(cnpj):
        return entities.filter(cnpj=cnpj), None
    terms = search_terms(q)
    if not terms:
        return entities, None
    if connection.vendor == "postgresql":
        query = _tsquery(terms)
        return entities.filter(search_document=query), query
    for word in terms:
        entities = entities.filter(search_text__contains=word)
    return entities, None


def _id_of(model, slug: str) -> Subquery:
    return Subquery(model.objects.filter(slug=slug).values("pk")[:1])


def _linked(relation: str, **lookup) -> Exists:
    """The entity has a row in the link table of `relation` matching `lookup`."""
    through = getattr(Entity, relation).through
    return Exists(through.objects.filter(entity_id=OuterRef("pk"), **lookup))


def _ordered(
    entities: QuerySet[Entity], query: SearchQuery, *, rank: bool
) -> QuerySet[Entity]:
    """Matches best first, or in name order when there are too many to rank.

    ts_rank runs once per matching row, so a broad word ("associação", "Betim")
    matching tens of thousands of entities would cost hundreds of milliseconds
    on every page. Past RANK_CANDIDATES matches the results come in name order,
    which the (status, name) index serves without ranking anything.
    """
    if not rank:
        return entities.order_by("name", "pk")
    return entities.annotate(rank=SearchRank(F("search_document"), query)).order_by(
        "-rank", "name", "pk"
    )


def has_more_than(queryset: QuerySet, limit: int) -> bool:
    """Whether the queryset has more than `limit` rows, reading at most limit + 1."""
    return queryset.order_by().values("pk")[limit : limit + 1].exists()


def count_up_to(queryset: QuerySet, cap: int) -> int:
    """The number of rows, counting at most cap + 1 of them (cheap for big sets)."""
    return queryset.order_by().values("pk")[: cap + 1].count()


def directory_filter_options() -> dict:
    """The choices offered by the directory's filters (a handful of small queries)."""
    return {
        "areas": list(Area.objects.all()),
        "regionais": list(Regional.objects.all()),
        "bairros": list(Bairro.objects.active().select_related("regional")),
        "legal_natures": list(LegalNature.objects.filter(is_osc=True).osc_first()),
        "regularities": [
            r for r in Entity.Regularity if r != Entity.Regularity.NOT_APPLICABLE
        ],
    }


def entity_public_profile(*, slug: str, listed_only: bool = True) -> Entity:
    """An approved entity with everything its public page shows (or any entity,
    for a permitted preview, with `listed_only=False`)."""
    entities = Entity.objects.listed() if listed_only else Entity.objects.all()
    return (
        entities.select_related("legal_nature", "main_cnae")
        .prefetch_related(
            "areas",
            "publics",
            "regionais",
            "bairros",
            Prefetch(
                "board_members",
                queryset=BoardMember.objects.only(
                    "entity_id",
                    "name",
                    "role",
                    "is_legal_representative",
                    "mandate_ends_on",
                ),
            ),
        )
        .get(slug=slug)
    )
