"""What an import tells the person who ran it."""

from __future__ import annotations

from dataclasses import dataclass, field


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

    def reject(self, line: int, cnpj: str, reason: str) -> None:
        self.rejected.append(RowNote(line, cnpj, reason))

    def warn(self, line: int, cnpj: str, reason: str) -> None:
        self.warnings.append(RowNote(line, cnpj, reason))

    def summary(self) -> str:
        prefix = "[simulação] " if self.dry_run else ""
        return (
            f"{prefix}{self.rows} linhas: {self.created} criadas, {self.updated} atualizadas, "
            f"{self.unchanged} sem alteração, {len(self.skipped)} ignoradas, "
            f"{len(self.rejected)} rejeitadas, {len(self.warnings)} avisos."
        )
