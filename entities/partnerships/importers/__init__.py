"""Import of partnerships from a transparency-portal CSV
(`manage.py import_partnerships FILE.csv`).

The file:
- `;` or `,` separated (detected from the header, or `--delimiter`), in UTF-8
  with or without BOM, or Latin-1/Windows-1252 (detected, or `--encoding`);
- dates ISO (2024-03-01) or dd/mm/aaaa; money with a decimal comma
  ("1.234,56") or point ("1234.56"), always read as Decimal. "1.234" alone is
  ambiguous and rejected (see civic/csvread.py);
- canonical columns `numero`, `instrumento`, `orgao`, `osc_nome`, `osc_cnpj`,
  `objeto`, `valor_total`, `valor_liberado`, `inicio_vigencia`, `fim_vigencia`,
  `situacao` and the optional `data_assinatura`. Other headers map with
  `--map coluna_do_arquivo=coluna` (repeatable); absent columns stay empty.
  Only `numero` is required in the header.

Each row:
- is keyed on `numero`: a new number creates a partnership (origin
  "importação"), a known imported one is updated only where the values differ,
  so a second run of the same file changes nothing (all rows "unchanged"). A
  number already used by a partnership made on the platform is rejected, never
  overwritten. A number repeated in the file: the later row is rejected.
- instrument: "Termo de colaboração", "Termo de fomento" and "Acordo de
  cooperação" (accents, case and a trailing "nº 12/2020" ignored) are MROSC's;
  anything else (convênio, termo de parceria with an OSCIP, contrato de
  gestão, subvenção...) is `Instrument.LEGACY`, named as in the file.
- entity: matched by CNPJ (mask removed; numeric, zero-padded when a
  spreadsheet dropped the leading zeros, or alphanumeric; check digits must
  match). A CNPJ missing from the registry creates an entity the way the Mapa
  das OSCs import does (entities/importers/): a draft, `source=import`, with no
  representatives, so it can be claimed. An existing entity is never changed.
- body (`orgao`): matched by name or acronym, accents and case folded, in
  consultations' `Body`; created when new. `--orgao` names a default body for
  rows with a blank `orgao`.
- values: `total_value` from `valor_total` (zero when absent: the field is
  required), `imported_released` from `valor_liberado`, `imported_status` the
  `situacao` as written, `signed_on` the `data_assinatura` or else the start of
  the vigência.
- status, from `situacao` (accents and case folded) and the dates:
    closed    -- situacao says it is over: encerrado, extinto, concluído,
                 finalizado, rescindido/rescisão, cancelado, arquivado, baixado,
                 contas aprovadas; `closed_on` is then the end of the vigência;
    ended     -- situacao says the accounts are pending (prestação de contas,
                 em análise, aguardando, vencido, inadimplente, expirado), or
                 the situacao is running/blank/unknown but the vigência ended
                 before today;
    executing -- otherwise (vigente, em execução, em andamento, ativo,
                 prorrogado, blank or unknown, with the vigência not over).
  The word in the file stays in `imported_status`, so "Rescindido" is not lost.
- is written in its own transaction: the entity, the body, the partnership
  and one PartnershipLog "imported" row per created or updated partnership.
  A row that fails leaves nothing behind, and the other rows still import.

Rejected rows (blank number, invalid CNPJ, a date that does not parse, a value
that is not money, the end of the vigência not after its start, a cooperation
agreement with money...) are reported with their line and reason, and written
as CSV with `--report FILE`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils import timezone

from civic.cache import invalidate_public_pages
from civic.csvread import CsvText, clean, numbered_rows, open_csv
from entities.importers.report import ImportFileError

from .columns import CANONICAL_COLUMNS, ColumnMap, parse_mappings
from .report import PartnershipImportReport, RejectedRow
from .rows import RowRejected, parse_row
from .write import PartnershipWriter

__all__ = [
    "CANONICAL_COLUMNS",
    "ImportFileError",
    "PartnershipImportReport",
    "PartnershipImporter",
    "RejectedRow",
]


class PartnershipImporter:
    """Reads a partnership CSV and writes its rows one transaction at a time."""

    def __init__(self, *, mappings: Iterable[str] = (), default_body: str = ""):
        self.mappings = parse_mappings(mappings)
        self.default_body = clean(default_body)
        self.header: list[str] = []

    def run_file(
        self,
        path: str | Path,
        *,
        encoding: str | None = None,
        delimiter: str | None = None,
    ) -> PartnershipImportReport:
        """Import a CSV file (header on the first line)."""
        try:
            source = open_csv(path, encoding=encoding, delimiter=delimiter)
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                f"O arquivo não está em {encoding}; deixe a codificação ser detectada."
            ) from exc
        return self.run(source, source_name=Path(path).name)

    def run(self, source: CsvText, *, source_name: str) -> PartnershipImportReport:
        report = PartnershipImportReport(
            encoding=source.encoding, delimiter=source.delimiter
        )
        self.header, rows = numbered_rows(source)
        columns = ColumnMap(self.header, self.mappings)
        writer = PartnershipWriter(
            source_name=source_name, default_body=self.default_body
        )
        today = timezone.localdate()
        seen: dict[str, int] = {}
        for line, raw in rows:
            report.rows += 1
            row = columns.canonical(raw)
            number = clean(row["numero"])
            try:
                parsed = parse_row(line, row, today=today)
                if parsed.number in seen:
                    raise RowRejected(
                        f"número repetido no arquivo (já na linha {seen[parsed.number]})"
                    )
                report.count(writer.write(parsed))
                seen[parsed.number] = line
            except RowRejected as exc:
                report.reject(line, number, str(exc), raw)
            except DatabaseError as exc:
                # A concurrent write or a limit the checks above missed: this row
                # only, and rolled back whole.
                report.reject(line, number, f"erro ao gravar: {exc}", raw)
        if report.created or report.updated:
            transaction.on_commit(invalidate_public_pages)
        return report
