"""`manage.py import_partnerships FILE.csv`: load partnerships from a
transparency-portal CSV. The rules are in entities/partnerships/importers/."""

from django.core.management.base import BaseCommand, CommandError

from entities.partnerships.importers import (
    CANONICAL_COLUMNS,
    ImportFileError,
    PartnershipImporter,
)


class Command(BaseCommand):
    help = (
        "Importa parcerias de um CSV de portal da transparência (separado por ; ou ,, "
        "UTF-8 ou Latin-1). Chave: a coluna numero; rodar de novo não muda nada."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Caminho do arquivo CSV.")
        parser.add_argument(
            "--map",
            dest="mappings",
            action="append",
            default=[],
            metavar="COLUNA_DO_ARQUIVO=COLUNA",
            help=(
                "Liga uma coluna do arquivo a uma coluna canônica (repetível). "
                f"Colunas: {', '.join(CANONICAL_COLUMNS)}."
            ),
        )
        parser.add_argument(
            "--report", metavar="ARQUIVO", help="Grava as linhas rejeitadas neste CSV."
        )
        parser.add_argument(
            "--orgao", default="", help="Órgão para as linhas sem órgão (orgao)."
        )
        parser.add_argument(
            "--encoding", help="Codificação (padrão: detectar UTF-8 ou Latin-1)."
        )
        parser.add_argument(
            "--delimiter", help="Separador de colunas (padrão: detectar ; ou ,)."
        )

    def handle(
        self, *args, file, mappings, report, orgao, encoding, delimiter, **options
    ):
        try:
            importer = PartnershipImporter(mappings=mappings, default_body=orgao)
            result = importer.run_file(file, encoding=encoding, delimiter=delimiter)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"Não foi possível ler {file}: {exc.strerror}") from exc
        except LookupError as exc:
            raise CommandError(f"Codificação desconhecida: {encoding}") from exc

        out = self.stdout
        out.write(
            f"Arquivo lido como {result.encoding}, separador {result.delimiter!r}."
        )
        if result.rejected:
            out.write(f"Linhas rejeitadas ({len(result.rejected)}):")
            for row in result.rejected:
                out.write(
                    f"  linha {row.line} ({row.number or 'sem número'}): {row.reason}"
                )
        if report:
            try:
                result.write_csv(report, importer.header)
            except OSError as exc:
                raise CommandError(
                    f"Não foi possível gravar o relatório {report}: {exc.strerror}"
                ) from exc
            out.write(f"Relatório das linhas rejeitadas gravado em {report}.")
        out.write(self.style.SUCCESS(result.summary()))
