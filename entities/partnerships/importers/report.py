"""What a partnership import tells the person who ran it: counts, and each
rejected row with its line and reason (also as a CSV file)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from civic.downloads import safe_cell

REPORT_COLUMNS = ("linha", "numero", "motivo")


@dataclass(frozen=True)
class RejectedRow:
    line: int
    number: str
    reason: str
    # The row as read from the file, so the report can be fixed and re-imported.
    raw: dict[str, str]


@dataclass
class PartnershipImportReport:
    encoding: str = ""
    delimiter: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def reject(self, line: int, number: str, reason: str, raw: dict) -> None:
        self.rejected.append(RejectedRow(line, number, reason, dict(raw)))

    def summary(self) -> str:
        return (
            f"{self.rows} linhas: {self.created} criadas, {self.updated} atualizadas, "
            f"{self.unchanged} sem alteração, {len(self.rejected)} rejeitadas."
        )

    def write_csv(self, path: str | Path, header: list[str]) -> None:
        """The rejected rows with line and reason, then the file's own columns
        (UTF-8 with BOM and `;`, as spreadsheets in pt-BR open them)."""
        extra = [name for name in header if name and name not in REPORT_COLUMNS]
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow([*REPORT_COLUMNS, *extra])
            for row in self.rejected:
                writer.writerow(
                    [
                        row.line,
                        safe_cell(row.number),
                        safe_cell(row.reason),
                        *(safe_cell(row.raw.get(name, "")) for name in extra),
                    ]
                )
