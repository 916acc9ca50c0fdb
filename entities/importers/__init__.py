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

`parse` reads rows into entity values (or reasons to reject them), `upsert`
decides and writes each chunk, and `MapaOscImporter` here drives both.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path

from django.db import IntegrityError, transaction

from .parse import ParsedRow, RowParser, count_data_lines, read_rows
from .report import ImportFileError, ImportReport, RowNote
from .upsert import ChunkUpserter

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "ImportFileError",
    "ImportReport",
    "MapaOscImporter",
    "RowNote",
    "count_data_lines",
]

DEFAULT_CHUNK_SIZE = 500


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
        self.parser = RowParser(self.report)
        self.upserter = ChunkUpserter(area_ids=self.parser.areas, batch_size=chunk_size)

    def run(self, rows: Iterable[tuple[int, dict]]) -> ImportReport:
        """Import (file line number, CSV dict) pairs."""
        seen: dict[str, int] = {}
        chunk: list[ParsedRow] = []
        for line, raw in rows:
            self.report.rows += 1
            parsed = self.parser.parse(line, raw)
            self.on_progress(1)
            if parsed is None:
                continue
            if parsed.cnpj in seen:
                self.report.reject(
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
        return self.run(read_rows(handle, delimiter=delimiter))

    def _process_chunk(self, rows: list[ParsedRow]) -> None:
        for attempt in (1, 2):
            try:
                with transaction.atomic():
                    plan = self.upserter.plan(rows)
                    if not self.dry_run:
                        self.upserter.write(plan)
                break
            except IntegrityError:
                # Someone registered one of these CNPJs (or took a slug) meanwhile:
                # reload and try once more; a second clash is a real error.
                self.upserter.slugs.forget()
                if attempt == 2:
                    raise
        self.report.created += len(plan.to_create)
        self.report.updated += len(plan.to_update)
        self.report.unchanged += plan.unchanged
        self.report.skipped += plan.skipped
