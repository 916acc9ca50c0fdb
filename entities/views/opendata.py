"""CSV and JSON downloads of the public directory (`/dados-abertos/entidades.*`).

Both stream: rows are read with `iterator(chunk_size=...)` (prefetches run per
chunk) and written as they come, so memory stays flat however many entities
there are. They accept the directory's filters as query parameters.

CSV choices: `;` as separator and a UTF-8 BOM, because Excel in Brazilian
Portuguese (where `,` is the decimal mark) splits columns on `;` and needs the
BOM to show accents; the Mapa das OSCs and most Brazilian portals do the same.
Cells that a spreadsheet would read as a formula are prefixed with `'`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from ..open_data import COLUMNS
from ..public_filters import DirectoryFilterForm
from ..selectors import directory_filter_options, entities_directory

CHUNK_SIZE = 500
CSV_DELIMITER = ";"
LIST_SEPARATOR = " | "
# OWASP "CSV injection": these first characters start a formula in spreadsheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write() hands the line back to the generator."""

    def write(self, value: str) -> str:
        return value


def _safe_cell(value) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


class _DownloadView(View):
    extension = ""
    content_type = ""

    def get(self, request):
        form = DirectoryFilterForm(
            request.GET or None, options=directory_filter_options()
        )
        if form.is_bound and not form.is_valid():
            problems = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()
            )
            return HttpResponse(
                _("Filtro inválido (%(problems)s).") % {"problems": problems},
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        entities = (
            entities_directory(**form.selector_kwargs())
            .select_related("main_cnae")
            .prefetch_related("publics", "bairros")
        )
        response = StreamingHttpResponse(
            self.stream(entities.iterator(chunk_size=CHUNK_SIZE)),
            content_type=self.content_type,
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="entidades-betim-{stamp}.{self.extension}"'
        )
        return response

    def stream(self, entities) -> Iterator[str]:
        raise NotImplementedError


class EntitiesCsvView(_DownloadView):
    """Every approved entity's public fields, as CSV (`;`, UTF-8 with BOM)."""

    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def stream(self, entities) -> Iterator[str]:
        writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER, lineterminator="\r\n")
        yield "\ufeff" + writer.writerow([c.name for c in COLUMNS])
        for entity in entities:
            yield writer.writerow(
                [
                    _safe_cell(
                        LIST_SEPARATOR.join(c.value(entity))
                        if c.many
                        else c.value(entity)
                    )
                    for c in COLUMNS
                ]
            )


class EntitiesJsonView(_DownloadView):
    """Every approved entity's public fields, as one JSON object."""

    extension = "json"
    content_type = "application/json; charset=utf-8"

    def stream(self, entities) -> Iterator[str]:
        header = {
            "fonte": "Participa Betim — Prefeitura de Betim",
            "gerado_em": timezone.now().isoformat(),
            "licenca": "CC-BY 4.0",
        }
        # The header object without its closing brace, then the list.
        yield json.dumps(header, ensure_ascii=False)[:-1] + ', "results": ['
        separator = ""
        for entity in entities:
            row = {c.name: c.value(entity) for c in COLUMNS}
            yield separator + json.dumps(row, ensure_ascii=False, cls=DjangoJSONEncoder)
            separator = ","
        yield "]}"
