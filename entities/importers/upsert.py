"""Writing one chunk of parsed rows: decide what each row does to the registry
(create, update, leave alone, skip), then write it in bulk."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.text import slugify

from civic.cache import invalidate_public_pages
from civic.territory.models import Bairro

from ..models import Area, Entity, EntityEvent, Representative
from ..services import search_refresh
from .parse import ParsedRow
from .report import RowNote

SLUG_MAX = 100

# Fields the import owns on an unclaimed imported entity.
IMPORTED_FIELDS = (
    "name",
    "trade_name",
    "legal_nature_id",
    "founded_on",
    "main_cnae_id",
    "street",
    "number",
    "complement",
    "neighbourhood",
    "cep",
    "city",
    "state",
)


@dataclass
class Update:
    """An imported entity whose row differs from what is stored."""

    entity: Entity
    row: ParsedRow
    changed_links: frozenset[str]


@dataclass
class ChunkPlan:
    """What a chunk does to the registry."""

    to_create: list[tuple[Entity, ParsedRow]] = field(default_factory=list)
    to_update: list[Update] = field(default_factory=list)
    skipped: list[RowNote] = field(default_factory=list)
    unchanged: int = 0


class SlugPool:
    """Readable, unique slugs for new entities, without a query per entity."""

    def __init__(self):
        self._taken: set[str] | None = None

    def forget(self) -> None:
        """Read the taken slugs again (someone else may have taken one)."""
        self._taken = None

    def new(self, name: str) -> str:
        if self._taken is None:
            self._taken = set(Entity.objects.values_list("slug", flat=True))
        base = slugify(name)[:SLUG_MAX].strip("-") or "entidade"
        candidate, n = base, 1
        while candidate in self._taken:
            n += 1
            candidate = f"{base}-{n}"
        self._taken.add(candidate)
        return candidate


class ChunkUpserter:
    """Plans and writes chunks; one query reads a chunk's existing entities."""

    def __init__(
        self,
        *,
        area_ids: dict[str, int],
        batch_size: int,
        created_note: str = "Importado do Mapa das OSCs",
    ):
        self.area_ids = area_ids
        self.batch_size = batch_size
        self.created_note = created_note
        self.slugs = SlugPool()

    # Deciding ----------------------------------------------------------------

    def plan(self, rows: list[ParsedRow]) -> ChunkPlan:
        plan = ChunkPlan()
        existing = self._existing(rows)
        for row in rows:
            entity = existing.get(row.cnpj)
            if entity is None:
                plan.to_create.append((self.new_entity(row), row))
            elif reason := self._skip_reason(entity):
                plan.skipped.append(RowNote(row.line, row.cnpj, reason))
            elif update := self._update_of(entity, row):
                plan.to_update.append(update)
            else:
                plan.unchanged += 1
        return plan

    @staticmethod
    def _existing(rows: list[ParsedRow]) -> dict[str, Entity]:
        entities = (
            Entity.objects.filter(cnpj__in=[r.cnpj for r in rows])
            .annotate(
                represented=Exists(Representative.objects.filter(entity=OuterRef("pk")))
            )
            .prefetch_related(
                Prefetch("areas", queryset=Area.objects.only("pk", "slug")),
                Prefetch("bairros", queryset=Bairro.objects.only("pk")),
            )
        )
        return {entity.cnpj: entity for entity in entities}

    @staticmethod
    def _skip_reason(entity: Entity) -> str:
        """Why the entity keeps its own data, if it does."""
        if entity.represented:
            return "entidade tem representantes: os dados dela prevalecem"
        if entity.source != Entity.Source.IMPORT:
            return "entidade cadastrada por ela mesma: dados mantidos"
        return ""

    @staticmethod
    def _update_of(entity: Entity, row: ParsedRow) -> Update | None:
        """The changes the row brings to an unclaimed imported entity, if any."""
        fields_changed = any(
            getattr(entity, name) != row.values[name] for name in IMPORTED_FIELDS
        )
        stored = {
            "areas": {area.slug for area in entity.areas.all()},
            "bairros": {bairro.pk for bairro in entity.bairros.all()},
        }
        changed_links = frozenset(
            relation
            for relation, items in row.links.items()
            if stored[relation] != items
        )
        if not (fields_changed or changed_links):
            return None
        for name in IMPORTED_FIELDS:
            setattr(entity, name, row.values[name])
        return Update(entity, row, changed_links)

    def new_entity(self, row: ParsedRow) -> Entity:
        """An unsaved imported entity: a draft with no representatives, claimable."""
        entity = Entity(
            kind=Entity.Kind.OSC,
            cnpj=row.cnpj,
            source=Entity.Source.IMPORT,
            status=Entity.Status.DRAFT,
            regularity=Entity.Regularity.MISSING,
            publish_contact=True,
            **row.values,
        )
        entity.slug = self.slugs.new(entity.display_name)
        return entity

    # Writing -----------------------------------------------------------------

    def write(self, plan: ChunkPlan) -> None:
        now = timezone.now()
        created = self._insert([entity for entity, _row in plan.to_create])
        updated = self._update([u.entity for u in plan.to_update], now)
        for relation, column, to_pk in (
            ("areas", "area_id", self.area_ids.__getitem__),
            ("bairros", "bairro_id", int),
        ):
            links = [(e.pk, r.links[relation]) for e, r in plan.to_create] + [
                (u.entity.pk, u.row.links[relation])
                for u in plan.to_update
                if relation in u.changed_links
            ]
            self._replace_links(
                getattr(Entity, relation).through, column, links, to_pk=to_pk
            )
        self._log(created, updated, now)
        search_refresh([e.pk for e in created] + [e.pk for e in updated])
        if any(entity.is_listed for entity in updated):
            transaction.on_commit(invalidate_public_pages)

    def _insert(self, entities: list[Entity]) -> list[Entity]:
        created = Entity.objects.bulk_create(entities, batch_size=self.batch_size)
        if created and created[0].pk is None:  # databases that return no ids
            by_cnpj = dict(
                Entity.objects.filter(cnpj__in=[e.cnpj for e in created]).values_list(
                    "cnpj", "pk"
                )
            )
            for entity in created:
                entity.pk = by_cnpj[entity.cnpj]
        return created

    def _update(self, entities: list[Entity], now) -> list[Entity]:
        for entity in entities:
            entity.updated_at = now
        if entities:
            Entity.objects.bulk_update(
                entities, [*IMPORTED_FIELDS, "updated_at"], batch_size=self.batch_size
            )
        return entities

    @staticmethod
    def _replace_links(through, column: str, rows, *, to_pk) -> None:
        """Set an entity's many-to-many links to exactly the items given."""
        if not rows:
            return
        through.objects.filter(entity_id__in=[pk for pk, _items in rows]).delete()
        through.objects.bulk_create(
            [
                through(entity_id=pk, **{column: to_pk(item)})
                for pk, items in rows
                for item in items
            ],
            batch_size=1000,
        )

    def _log(self, created: list[Entity], updated: list[Entity], now) -> None:
        """One history row per entity the import created or changed."""
        notes = [(e, self.created_note) for e in created] + [
            (e, "Atualizado pela importação") for e in updated
        ]
        EntityEvent.objects.bulk_create(
            [
                EntityEvent(
                    entity_id=entity.pk,
                    action="import",
                    from_status=entity.status,
                    to_status=entity.status,
                    note=note,
                    created_at=now,
                )
                for entity, note in notes
            ],
            batch_size=self.batch_size,
        )
