"""The canonical columns of a partnership import and how a file's header maps
onto them (`--map coluna_do_arquivo=coluna`)."""

from __future__ import annotations

from collections.abc import Iterable

from entities.importers.report import ImportFileError

NUMBER = "numero"
CANONICAL_COLUMNS = (
    NUMBER,
    "instrumento",
    "orgao",
    "osc_nome",
    "osc_cnpj",
    "objeto",
    "valor_total",
    "valor_liberado",
    "inicio_vigencia",
    "fim_vigencia",
    "situacao",
    # Optional: when absent, the signature date is the start of the vigência.
    "data_assinatura",
)
REQUIRED_COLUMNS = (NUMBER,)


def parse_mappings(options: Iterable[str]) -> dict[str, str]:
    """`["ID_INSTRUMENTO=numero", ...]` -> {file header: canonical column}."""
    mappings: dict[str, str] = {}
    for option in options:
        source, sep, target = option.partition("=")
        source, target = source.strip(), target.strip().lower()
        if not sep or not source or not target:
            raise ImportFileError(
                f"--map {option!r}: use --map coluna_do_arquivo=coluna."
            )
        if target not in CANONICAL_COLUMNS:
            raise ImportFileError(
                f"--map {option!r}: {target!r} não é uma coluna conhecida "
                f"({', '.join(CANONICAL_COLUMNS)})."
            )
        mappings[source] = target
    return mappings


class ColumnMap:
    """Which file header feeds each canonical column; absent columns read empty."""

    def __init__(self, header: list[str], mappings: dict[str, str]):
        self.sources: dict[str, str] = {}
        by_lower = {name.lower(): name for name in header}
        # A canonical name in the file feeds its own column...
        for column in CANONICAL_COLUMNS:
            if column in by_lower:
                self.sources[column] = by_lower[column]
        # ...unless --map says which header feeds it.
        for source, column in mappings.items():
            found = source if source in header else by_lower.get(source.lower())
            if found is None:
                raise ImportFileError(
                    f"--map: a coluna {source!r} não está no arquivo "
                    f"(colunas lidas: {', '.join(header[:8])}...)."
                )
            self.sources[column] = found
        missing = [c for c in REQUIRED_COLUMNS if c not in self.sources]
        if missing:
            raise ImportFileError(
                f"Coluna obrigatória ausente: {', '.join(missing)}. Use --map "
                f"coluna_do_arquivo=numero; colunas lidas: {', '.join(header[:8])}..."
            )

    def has(self, column: str) -> bool:
        return column in self.sources

    def canonical(self, raw: dict[str, str]) -> dict[str, str]:
        """The row's cells under canonical names; absent columns are ''."""
        return {
            column: raw.get(self.sources[column], "") if column in self.sources else ""
            for column in CANONICAL_COLUMNS
        }
