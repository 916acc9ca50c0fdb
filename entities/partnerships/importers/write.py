"""Writing one parsed row: its entity and body (matched or created) and the
partnership (created, updated or left alone), in one transaction."""

from __future__ import annotations

from django.db import transaction

from consultations.models import Body
from entities.importers.parse import ParsedRow
from entities.importers.upsert import ChunkPlan, ChunkUpserter
from entities.models import Entity
from entities.services.search import normalize

from ..models import Partnership, PartnershipLog
from .rows import PartnershipRow, RowRejected

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
LOG_ACTION = "imported"
# Fields the import owns on an imported partnership (besides entity and body).
OWNED_FIELDS = (
    "instrument",
    "legacy_instrument",
    "object",
    "total_value",
    "starts_on",
    "ends_on",
    "signed_on",
    "status",
    "closed_on",
    "imported_status",
    "imported_released",
    "entity_id",
    "body_id",
)
NO_LINKS = {"areas": frozenset(), "bairros": frozenset()}


class PartnershipWriter:
    """Writes rows one by one; bodies are matched in memory (there are few)."""

    def __init__(self, *, source_name: str, default_body: str = ""):
        self.source_name = source_name
        self.default_body = default_body
        self.entities = ChunkUpserter(
            area_ids={},
            batch_size=100,
            created_note=f"Importada com as parcerias de {source_name}",
        )
        self._bodies: dict[str, Body] | None = None

    def write(self, row: PartnershipRow) -> str:
        """CREATED, UPDATED or UNCHANGED; raises RowRejected, writing nothing."""
        try:
            with transaction.atomic():
                return self._write(row)
        except Exception:
            # The transaction rolled back: forget what it may have cached.
            self._bodies = None
            self.entities.slugs.forget()
            raise

    def _write(self, row: PartnershipRow) -> str:
        existing = (
            Partnership.objects.select_for_update().filter(number=row.number).first()
        )
        if existing is not None and existing.origin != Partnership.Origin.IMPORT:
            raise RowRejected(
                "número já usado por uma parceria registrada na plataforma, "
                "que a importação não altera"
            )
        values = {
            **row.values,
            "entity_id": self._entity(row).pk,
            "body_id": self._body(row).pk,
        }
        if existing is None:
            partnership = Partnership.objects.create(
                number=row.number, origin=Partnership.Origin.IMPORT, **values
            )
            self._log(partnership, row, from_status="", changed=list(values))
            return CREATED
        changed = [
            name for name in OWNED_FIELDS if getattr(existing, name) != values[name]
        ]
        if not changed:
            return UNCHANGED
        from_status = existing.status
        for name in changed:
            setattr(existing, name, values[name])
        existing.save(update_fields=[*changed, "updated_at"])
        self._log(existing, row, from_status=from_status, changed=changed)
        return UPDATED

    def _entity(self, row: PartnershipRow) -> Entity:
        """The registry's entity with the CNPJ, or a new imported one to claim."""
        entity = Entity.objects.filter(cnpj=row.cnpj).first()
        if entity is not None:
            return entity
        if not row.entity_name:
            raise RowRejected(
                "OSC fora do cadastro e sem nome no arquivo (osc_nome) para criá-la"
            )
        parsed = ParsedRow(
            row.line,
            row.cnpj,
            {
                "name": row.entity_name,
                "trade_name": "",
                "legal_nature_id": None,
                "founded_on": None,
                "main_cnae_id": None,
                "street": "",
                "number": "",
                "complement": "",
                "neighbourhood": "",
                "cep": "",
                # Unknown: the file says nothing of the address.
                "city": "",
                "state": "",
            },
            NO_LINKS,
        )
        entity = self.entities.new_entity(parsed)
        self.entities.write(ChunkPlan(to_create=[(entity, parsed)]))
        return entity

    def _body(self, row: PartnershipRow) -> Body:
        """The body by name or acronym (accents and case folded), created if new."""
        name = row.body_name or self.default_body
        if not name:
            raise RowRejected("órgão em branco (use --orgao para um órgão padrão)")
        bodies = self._known_bodies()
        body = bodies.get(normalize(name))
        if body is None:
            body = Body.objects.create(name=name)
            bodies[normalize(name)] = body
        return body

    def _known_bodies(self) -> dict[str, Body]:
        if self._bodies is None:
            bodies = list(Body.objects.all())
            # Names win over acronyms when one body's acronym is another's name.
            self._bodies = {normalize(b.acronym): b for b in bodies if b.acronym}
            self._bodies.update({normalize(b.name): b for b in bodies})
        return self._bodies

    def _log(
        self,
        partnership: Partnership,
        row: PartnershipRow,
        *,
        from_status: str,
        changed: list[str],
    ) -> None:
        PartnershipLog.objects.create(
            partnership=partnership,
            action=LOG_ACTION,
            from_status=from_status,
            to_status=partnership.status,
            actor=None,
            note=f"Importada de {self.source_name}, linha {row.line}.",
            data={"fields": changed, "line": row.line},
        )
