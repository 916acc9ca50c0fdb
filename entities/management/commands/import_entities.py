"""`manage.py import_entities FILE.csv`: import a Mapa das OSCs style CSV.

The rules (upsert by CNPJ, what is rejected or skipped, the area mapping) are in
entities/importers/.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from entities.importers import (
    DEFAULT_CHUNK_SIZE,
    ImportFileError,
    MapaOscImporter,
    count_data_lines,
)


class Command(BaseCommand):
    help = (
        "Importa um CSV no formato do Mapa das OSCs (IPEA): cria ou atualiza entidades "
        "pelo CNPJ, como rascunhos sem representantes. Rodar de novo não muda nada."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Caminho do arquivo CSV.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Simula, sem gravar nada."
        )
        parser.add_argument(
            "--delimiter", default=";", help="Separador de colunas (padrão: ;)."
        )
        parser.add_argument(
            "--encoding",
            default="utf-8-sig",
            help="Codificação (padrão: UTF-8, com ou sem BOM).",
        )
        parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE)
        parser.add_argument(
            "--no-progress", action="store_true", help="Sem barra de progresso."
        )

    def handle(
        self,
        *args,
        file,
        dry_run,
        delimiter,
        encoding,
        chunk_size,
        no_progress,
        **options,
    ):
        if chunk_size < 1:
            raise CommandError("--chunk-size deve ser positivo.")
        try:
            total = count_data_lines(file, encoding=encoding)
        except OSError as exc:
            raise CommandError(
                f"Não foi possível abrir {file}: {exc.strerror}"
            ) from exc
        except LookupError as exc:
            raise CommandError(f"Codificação desconhecida: {encoding}") from exc

        with tqdm(
            total=total,
            unit=" linhas",
            desc="Importando",
            file=sys.stderr,
            disable=no_progress or None,  # None: only on a terminal
        ) as bar:
            importer = MapaOscImporter(
                chunk_size=chunk_size, dry_run=dry_run, on_progress=bar.update
            )
            try:
                report = importer.run_file(file, encoding=encoding, delimiter=delimiter)
            except ImportFileError as exc:
                raise CommandError(str(exc)) from exc

        out = self.stdout
        for title, notes in (
            ("Linhas rejeitadas", report.rejected),
            ("Linhas ignoradas", report.skipped),
            ("Avisos", report.warnings),
        ):
            if notes:
                out.write(f"{title} ({len(notes)}):")
                for note in notes:
                    out.write(
                        f"  linha {note.line} ({note.cnpj or 'sem CNPJ'}): {note.reason}"
                    )
        out.write(self.style.SUCCESS(report.summary()))
