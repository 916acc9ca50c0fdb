"""Import of a Mapa das OSCs style CSV into the registry (`manage.py import_entities`).

The file is IPEA's Mapa das OSCs export as municipalities publish it: `;`
separated, UTF-8, one row per establishment, with the columns

    cnpj, tx_razao_social_osc, tx_nome_fantasia_osc, cd_natureza_juridica_osc,
    dt_fundacao_osc, situacao_cadastral, tx_endereco_completo, cd_municipio,
    municipio_nome, UF_Sigla, longitude, latitude, cnae, Area_*, SubArea_*

Rules:
- Upsert by CNPJ. Numeric CNPJs that lost their leading zeros (spreadsheets do
  that) are zero-padded to 14; check digits must match. A branch (same root,
  another order number) is another CNPJ, so another entity. The same CNPJ twice
  in the file: the later row is rejected.
- A rerun changes nothing: a row equal to what is stored counts as unchanged.
- Imported entities are drafts, `source=import`, with no representatives: they
  wait to be claimed (the claim flow) and are never listed before a review.
- An entity that has representatives, or that registered itself, keeps its own
  data: its row is reported as skipped.
- Rejected rows (invalid CNPJ, missing name, bad date, unknown natureza
  jurídica, CNPJ baixado/nulo...) are reported with their line number and reason;
  the other rows still import.
- CNAE: 7 digits is a subclass; the Mapa often has the 5-digit class, mapped to
  its "00" subclass when the Receita table has it, else left blank with a warning.
- Coordinates (decimal comma) are checked but not stored: the profile has no
  map yet.

Area flags (Area_* = 1) map to our staff-managed areas by slug:

    Area_Assistencia_social                                  -> assistencia-social
    Area_Associacoes_patronais_e_profissionais               -> associacoes-patronais-e-profissionais
    Area_Cultura_e_recreacao                                 -> cultura-e-arte and/or esporte-e-lazer,
        from SubArea_Cultura_e_arte / SubArea_Esportes_e_recreacao (cultura-e-arte when neither)
    Area_Desenvolvimento_e_defesa_de_direitos_e_interesses   -> desenvolvimento-e-defesa-de-direitos
    Area_Educacao_e_pesquisa                                 -> educacao-e-pesquisa
    Area_Outras_atividades_associativas                      -> outras-atividades-associativas
    Area_Religiao                                            -> religiao
    Area_Saude                                               -> saude
    Area_Habitacao / Area_Meio_ambiente_e_protecao_animal /
    Area_Trabalho_emprego_e_renda (fuller Mapa exports)      -> habitacao-e-desenvolvimento-comunitario /
                                                                meio-ambiente-e-protecao-animal /
                                                                trabalho-emprego-e-renda

Work is done in chunks (one transaction each): one query loads the chunk's
existing entities, new ones are bulk-inserted, changed ones bulk-updated, and
the search columns refreshed per chunk.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.text import slugify

from civic.cache import invalidate_public_pages
from civic.territory.models import Bairro

from .models import Area, Cnae, Entity, EntityEvent, LegalNature, Representative
from .services import search_refresh
from .services.search import normalize
from .validators import CNPJ_LENGTH, cnpj_is_valid, normalize_cnpj

REQUIRED_COLUMNS = ("cnpj", "tx_razao_social_osc")
DEFAULT_CHUNK_SIZE = 500
SLUG_MAX = 100

AREA_FLAGS: dict[str, tuple[str, ...]] = {
    "Area_Assistencia_social": ("assistencia-social",),
    "Area_Associacoes_patronais_e_profissionais": (
        "associacoes-patronais-e-profissionais",
    ),
    "Area_Desenvolvimento_e_defesa_de_direitos_e_interesses": (
        "desenvolvimento-e-defesa-de-direitos",
    ),
    "Area_Educacao_e_pesquisa": ("educacao-e-pesquisa",),
    "Area_Outras_atividades_associativas": ("outras-atividades-associativas",),
    "Area_Religiao": ("religiao",),
    "Area_Saude": ("saude",),
    "Area_Habitacao": ("habitacao-e-desenvolvimento-comunitario",),
    "Area_Meio_ambiente_e_protecao_animal": ("meio-ambiente-e-protecao-animal",),
    "Area_Trabalho_emprego_e_renda": ("trabalho-emprego-e-renda",),
}
# "Cultura e recreação" is two areas here; its sub-areas say which.
CULTURE_FLAG = "Area_Cultura_e_recreacao"
CULTURE_SUBAREAS = {
    "SubArea_Cultura_e_arte": "cultura-e-arte",
    "SubArea_Esportes_e_recreacao": "esporte-e-lazer",
}
CULTURE_DEFAULT = "cultura-e-arte"
# Receita situations of a CNPJ that no longer exists.
CLOSED_SITUATIONS = {"baixada", "nula"}

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


class ImportFileError(Exception):
    """The file cannot be imported at all (wrong columns, encoding...)."""


@dataclass(frozen=True)
class RowNote:
    """A rejected or skipped row, or a warning about one."""

    line: int
    cnpj: str
    reason: str


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[RowNote] = field(default_factory=list)
    rejected: list[RowNote] = field(default_factory=list)
    warnings: list[RowNote] = field(default_factory=list)
    dry_run: bool = False

    @property
    def valid(self) -> int:
        return self.rows - len(self.rejected)

    def summary(self) -> str:
        prefix = "[simulação] " if self.dry_run else ""
        return (
            f"{prefix}{self.rows} linhas: {self.created} criadas, {self.updated} atualizadas, "
            f"{self.unchanged} sem alteração, {len(self.skipped)} ignoradas, "
            f"{len(self.rejected)} rejeitadas, {len(self.warnings)} avisos."
        )


@dataclass
class ParsedRow:
    line: int
    cnpj: str
    values: dict
    area_slugs: frozenset[str]
    bairro_ids: frozenset[int]


class _RowRejected(Exception):
    pass


class MapaOscImporter:
    """Reads a Mapa das OSCs CSV and upserts its entities in chunks."""

    def __init__(
        self,
        *,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        dry_run: bool = False,
        on_progress: Callable[[int], None] | None = None,
    ):
        self.chunk_size = chunk_size
        self.dry_run = dry_run
        self.on_progress = on_progress or (lambda n: None)
        self.report = ImportReport(dry_run=dry_run)
        self.natures = dict(LegalNature.objects.values_list("code", "pk"))
        self.cnaes = dict(Cnae.objects.values_list("code", "pk"))
        self.areas = dict(Area.objects.values_list("slug", "pk"))
        self.betim_bairros = {
            normalize(name): pk for pk, name in Bairro.objects.values_list("pk", "name")
        }
        self._slugs: set[str] | None = None
        self._missing_areas_warned: set[str] = set()

    # Reading -----------------------------------------------------------------

    def run(self, rows: Iterable[tuple[int, dict]]) -> ImportReport:
        """Import (file line number, CSV dict) pairs."""
        seen: dict[str, int] = {}
        chunk: list[ParsedRow] = []
        for line, raw in rows:
            self.report.rows += 1
            parsed = self._parse(line, raw)
            self.on_progress(1)
            if parsed is None:
                continue
            if parsed.cnpj in seen:
                self._reject(
                    line,
                    parsed.cnpj,
                    f"CNPJ repetido no arquivo (já na linha {seen[parsed.cnpj]})",
                )
                continue
            seen[parsed.cnpj] = line
            chunk.append(parsed)
            if len(chunk) >= self.chunk_size:
                self._process_chunk(chunk)
                chunk = []
        if chunk:
            self._process_chunk(chunk)
        return self.report

    def run_file(
        self, path: str | Path, *, encoding: str = "utf-8-sig", delimiter: str = ";"
    ) -> ImportReport:
        """Import a CSV file (header on the first line)."""
        with open(path, encoding=encoding, newline="") as handle:
            return self.run_stream(handle, delimiter=delimiter)

    def run_stream(
        self, handle: io.TextIOBase, *, delimiter: str = ";"
    ) -> ImportReport:
        reader = csv.DictReader(handle, delimiter=delimiter)
        try:
            header = reader.fieldnames or []
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                "O arquivo não está na codificação indicada (use --encoding latin-1?)."
            ) from exc
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise ImportFileError(
                f"Colunas obrigatórias ausentes: {', '.join(missing)}. "
                f"Confira o separador (--delimiter); colunas lidas: {', '.join(header[:5])}..."
            )
        try:
            return self.run(_with_line_numbers(reader))
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                "O arquivo não está na codificação indicada (use --encoding latin-1?)."
            ) from exc

    # Parsing -----------------------------------------------------------------

    def _parse(self, line: int, raw: dict) -> ParsedRow | None:
        raw = {k: (v or "").replace("\x00", "").strip() for k, v in raw.items() if k}
        cnpj = _cnpj(raw.get("cnpj", ""))
        try:
            if not cnpj_is_valid(cnpj):
                raise _RowRejected(f"CNPJ inválido: {raw.get('cnpj', '')!r}")
            if raw.get("situacao_cadastral", "").lower() in CLOSED_SITUATIONS:
                raise _RowRejected(
                    f"CNPJ com situação cadastral {raw['situacao_cadastral']!r} na Receita"
                )
            name = _spaces(raw.get("tx_razao_social_osc", ""))
            if not name:
                raise _RowRejected("razão social em branco")
            if len(name) > 200:
                raise _RowRejected("razão social com mais de 200 caracteres")
            trade_name = _spaces(raw.get("tx_nome_fantasia_osc", ""))
            if len(trade_name) > 200:
                raise _RowRejected("nome fantasia com mais de 200 caracteres")
            values = {
                "name": name,
                "trade_name": trade_name,
                "legal_nature_id": self._nature(
                    raw.get("cd_natureza_juridica_osc", "")
                ),
                "founded_on": _date(raw.get("dt_fundacao_osc", "")),
                "main_cnae_id": self._cnae(line, cnpj, raw.get("cnae", "")),
                **self._address(raw),
            }
        except _RowRejected as exc:
            self._reject(line, cnpj or raw.get("cnpj", ""), str(exc))
            return None
        self._check_coordinates(line, cnpj, raw)
        bairro_ids = frozenset()
        if normalize(values["city"]) == "betim":
            bairro_id = self.betim_bairros.get(normalize(values["neighbourhood"]))
            if bairro_id:
                bairro_ids = frozenset({bairro_id})
        return ParsedRow(
            line, cnpj, values, self._area_slugs(line, cnpj, raw), bairro_ids
        )

    def _nature(self, value: str) -> int | None:
        code = _integer_text(value)
        if not code:
            return None
        code = code.zfill(4)
        if code not in self.natures:
            raise _RowRejected(f"natureza jurídica desconhecida: {value!r}")
        return self.natures[code]

    def _cnae(self, line: int, cnpj: str, value: str) -> int | None:
        digits = re.sub(r"\D", "", _integer_text(value) or "")
        if not digits:
            return None
        if len(digits) == 7:
            code = digits
        elif len(digits) <= 5:
            code = digits.zfill(5) + "00"
        else:
            code = digits.zfill(7)
        if code in self.cnaes:
            return self.cnaes[code]
        self._warn(
            line,
            cnpj,
            f"CNAE {value!r} sem subclasse correspondente na tabela; deixado em branco",
        )
        return None

    def _address(self, raw: dict) -> dict:
        """Split 'RUA X, 115, SALA 1, BAIRRO, Cidade, UF, CEP' into profile fields."""
        parts = [p.strip() for p in raw.get("tx_endereco_completo", "").split(",")]
        street = number = complement = neighbourhood = cep = city = state = ""
        if len(parts) >= 7:
            cep_part, state, city, neighbourhood = (
                parts[-1],
                parts[-2],
                parts[-3],
                parts[-4],
            )
            street, number = parts[0], parts[1]
            complement = ", ".join(p for p in parts[2:-4] if p)
            cep = re.sub(r"\D", "", cep_part)
        elif parts and parts[0]:
            street = ", ".join(p for p in parts if p)
        city = city or raw.get("municipio_nome", "").title()
        state = (raw.get("UF_Sigla", "") or state).upper()
        return {
            "street": _spaces(street)[:200],
            "number": _spaces(number)[:20],
            "complement": _spaces(complement)[:100],
            "neighbourhood": _spaces(neighbourhood).title()[:120],
            "cep": cep if len(cep) == 8 else "",
            "city": _spaces(city)[:100] or "Betim",
            "state": state[:2] if len(state) == 2 else "MG",
        }

    def _area_slugs(self, line: int, cnpj: str, raw: dict) -> frozenset[str]:
        wanted: set[str] = set()
        for column, slugs in AREA_FLAGS.items():
            if _flag(raw.get(column)):
                wanted.update(slugs)
        if _flag(raw.get(CULTURE_FLAG)):
            subareas = {
                slug for col, slug in CULTURE_SUBAREAS.items() if _flag(raw.get(col))
            }
            wanted.update(subareas or {CULTURE_DEFAULT})
        known = {slug for slug in wanted if slug in self.areas}
        for slug in wanted - known - self._missing_areas_warned:
            # Staff may have renamed or removed an area: say so once.
            self._missing_areas_warned.add(slug)
            self._warn(
                line, cnpj, f"área {slug!r} não existe mais no cadastro; ignorada"
            )
        return frozenset(known)

    def _check_coordinates(self, line: int, cnpj: str, raw: dict) -> None:
        for column, limit in (("latitude", 90), ("longitude", 180)):
            text = raw.get(column, "")
            if not text:
                continue
            try:
                value = float(text.replace(",", "."))
            except ValueError:
                value = None
            if value is None or not -limit <= value <= limit:
                self._warn(line, cnpj, f"{column} inválida: {text!r}")

    def _reject(self, line: int, cnpj: str, reason: str) -> None:
        self.report.rejected.append(RowNote(line, cnpj, reason))

    def _warn(self, line: int, cnpj: str, reason: str) -> None:
        self.report.warnings.append(RowNote(line, cnpj, reason))

    # Writing -----------------------------------------------------------------

    def _process_chunk(self, rows: list[ParsedRow]) -> None:
        for attempt in (1, 2):
            try:
                with transaction.atomic():
                    counts = self._upsert(rows)
                    if self.dry_run:
                        transaction.set_rollback(True)
                break
            except IntegrityError:
                # Someone registered one of these CNPJs (or took a slug) meanwhile:
                # reload and try once more; a second clash is a real error.
                self._slugs = None
                if attempt == 2:
                    raise
        created, updated, unchanged, skipped = counts
        self.report.created += created
        self.report.updated += updated
        self.report.unchanged += unchanged
        self.report.skipped += skipped

    def _upsert(self, rows: list[ParsedRow]) -> tuple[int, int, int, list[RowNote]]:
        existing = {
            e.cnpj: e
            for e in Entity.objects.filter(cnpj__in=[r.cnpj for r in rows])
            .annotate(
                represented=Exists(Representative.objects.filter(entity=OuterRef("pk")))
            )
            .prefetch_related(
                Prefetch("areas", queryset=Area.objects.only("pk", "slug")),
                Prefetch("bairros", queryset=Bairro.objects.only("pk")),
            )
        }
        to_create: list[tuple[Entity, ParsedRow]] = []
        to_update: list[tuple[Entity, ParsedRow, bool, bool]] = []
        skipped: list[RowNote] = []
        unchanged = 0
        for row in rows:
            entity = existing.get(row.cnpj)
            if entity is None:
                to_create.append((self._new_entity(row), row))
                continue
            if entity.represented:
                skipped.append(
                    RowNote(
                        row.line,
                        row.cnpj,
                        "entidade tem representantes: os dados dela prevalecem",
                    )
                )
                continue
            if entity.source != Entity.Source.IMPORT:
                skipped.append(
                    RowNote(
                        row.line,
                        row.cnpj,
                        "entidade cadastrada por ela mesma: dados mantidos",
                    )
                )
                continue
            fields_changed = any(
                getattr(entity, f) != row.values[f] for f in IMPORTED_FIELDS
            )
            areas_changed = {a.slug for a in entity.areas.all()} != row.area_slugs
            bairros_changed = {b.pk for b in entity.bairros.all()} != row.bairro_ids
            if fields_changed or areas_changed or bairros_changed:
                for name in IMPORTED_FIELDS:
                    setattr(entity, name, row.values[name])
                to_update.append((entity, row, areas_changed, bairros_changed))
            else:
                unchanged += 1

        if self.dry_run:
            return len(to_create), len(to_update), unchanged, skipped

        now = timezone.now()
        created = Entity.objects.bulk_create(
            [e for e, _r in to_create], batch_size=self.chunk_size
        )
        if created and created[0].pk is None:  # databases that return no ids
            by_cnpj = dict(
                Entity.objects.filter(cnpj__in=[e.cnpj for e in created]).values_list(
                    "cnpj", "pk"
                )
            )
            for entity in created:
                entity.pk = by_cnpj[entity.cnpj]
        if to_update:
            for entity, _row, _a, _b in to_update:
                entity.updated_at = now
            Entity.objects.bulk_update(
                [e for e, *_rest in to_update],
                [*IMPORTED_FIELDS, "updated_at"],
                batch_size=self.chunk_size,
            )
        area_rows = [(e.pk, r.area_slugs) for e, r in to_create] + [
            (e.pk, r.area_slugs)
            for e, r, areas_changed, _b in to_update
            if areas_changed
        ]
        bairro_rows = [(e.pk, r.bairro_ids) for e, r in to_create] + [
            (e.pk, r.bairro_ids)
            for e, r, _a, bairros_changed in to_update
            if bairros_changed
        ]
        self._replace_m2m(
            Entity.areas.through, "area_id", area_rows, lambda s: self.areas[s]
        )
        self._replace_m2m(
            Entity.bairros.through, "bairro_id", bairro_rows, lambda pk: pk
        )
        EntityEvent.objects.bulk_create(
            [
                EntityEvent(
                    entity_id=e.pk,
                    action="import",
                    from_status=e.status,
                    to_status=e.status,
                    note="Importado do Mapa das OSCs"
                    if created_now
                    else "Atualizado pela importação",
                    created_at=now,
                )
                for e, created_now in [(e, True) for e, _r in to_create]
                + [(e, False) for e, *_rest in to_update]
            ],
            batch_size=self.chunk_size,
        )
        search_refresh(
            [e.pk for e, _r in to_create] + [e.pk for e, *_rest in to_update]
        )
        if any(e.is_listed for e, *_rest in to_update):
            transaction.on_commit(invalidate_public_pages)
        return len(to_create), len(to_update), unchanged, skipped

    @staticmethod
    def _replace_m2m(through, column: str, rows, to_pk) -> None:
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

    def _new_entity(self, row: ParsedRow) -> Entity:
        entity = Entity(
            kind=Entity.Kind.OSC,
            cnpj=row.cnpj,
            source=Entity.Source.IMPORT,
            status=Entity.Status.DRAFT,
            regularity=Entity.Regularity.MISSING,
            publish_contact=True,
            **row.values,
        )
        entity.slug = self._unique_slug(entity.display_name)
        return entity

    def _unique_slug(self, name: str) -> str:
        if self._slugs is None:
            self._slugs = set(Entity.objects.values_list("slug", flat=True))
        base = slugify(name)[:SLUG_MAX].strip("-") or "entidade"
        candidate, n = base, 1
        while candidate in self._slugs:
            n += 1
            candidate = f"{base}-{n}"
        self._slugs.add(candidate)
        return candidate


def count_data_lines(path: str | Path, *, encoding: str = "utf-8-sig") -> int:
    """Rows in a CSV file, for the progress bar (fast: no parsing)."""
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        return max(sum(1 for _ in handle) - 1, 0)


def _with_line_numbers(reader: csv.DictReader) -> Iterator[tuple[int, dict]]:
    """Each row with the file line it starts on (quoted fields may span lines)."""
    line = reader.line_num + 1
    for row in reader:
        yield line, row
        line = reader.line_num + 1


def _cnpj(value: str) -> str:
    """Unmasked upper-case CNPJ; numeric ones zero-padded to 14 ('1234.0' too)."""
    text = _integer_text(value)
    if text.isdigit() and len(text) < CNPJ_LENGTH:
        return text.zfill(CNPJ_LENGTH)
    return normalize_cnpj(text)


def _integer_text(value: str) -> str:
    """'3548500.0' -> '3548500' (spreadsheets turn codes into floats)."""
    text = (value or "").strip()
    if re.fullmatch(r"\d+\.0+", text):
        return text.split(".", 1)[0]
    return text


def _date(value: str) -> dt.date | None:
    text = (value or "").strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            parsed = dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a date, no time zone)
        except ValueError:
            continue
        if parsed > timezone.localdate() or parsed.year < 1800:
            raise _RowRejected(f"data de fundação fora do intervalo: {value!r}")
        return parsed
    raise _RowRejected(f"data de fundação inválida: {value!r}")


def _flag(value) -> bool:
    return (value or "").strip().lower() in {"1", "1.0", "true", "sim", "s"}


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()
