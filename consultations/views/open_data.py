"""CSV and JSON downloads of consultations, events and contributions
(`/dados-abertos/consultas.csv` ...), listed in the catalogue `/dados-abertos/`.

Same choices as the entity downloads (entities/views/opendata.py): streamed
with `iterator(chunk_size=...)` so memory stays flat, `;` as separator and a
UTF-8 BOM for Excel in Portuguese, and cells that a spreadsheet would read as a
formula prefixed with `'` (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.views import View

from ..open_data import CONSULTATION_COLUMNS, CONTRIBUTION_COLUMNS, EVENT_COLUMNS
from ..selectors.open_data import (
    answered_device_citations,
    open_data_consultations,
    open_data_contributions,
    open_data_events,
)

CHUNK_SIZE = 500
CSV_DELIMITER = ";"
LIST_SEPARATOR = " | "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write() hands the line back to the generator."""

    def write(self, value: str) -> str:
        return value


def safe_cell(value) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def csv_lines(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER, lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow([safe_cell(v) for v in row])


def json_lines(rows: Iterable[dict]) -> Iterator[str]:
    header = {
        "fonte": "Participa Betim — Prefeitura de Betim",
        "gerado_em": timezone.now().isoformat(),
        "licenca": "CC-BY 4.0",
    }
    # The header object without its closing brace, then the list.
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "results": ['
    separator = ""
    for row in rows:
        yield separator + json.dumps(row, ensure_ascii=False, cls=DjangoJSONEncoder)
        separator = ","
    yield "]}"


def _download(lines: Iterator[str], *, name: str, extension: str, content_type: str):
    response = StreamingHttpResponse(lines, content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-betim-{stamp}.{extension}"'
    )
    return response


CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"


class _ColumnsDownload(View):
    """A dataset described by a tuple of columns, as CSV or JSON."""

    name = ""
    columns: tuple = ()
    extension = "csv"

    def queryset(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        objects = self.queryset().iterator(chunk_size=CHUNK_SIZE)
        if self.extension == "json":
            rows = (
                {
                    c.name: (list(c.value(o)) if c.many else c.value(o))
                    for c in self.columns
                }
                for o in objects
            )
            return _download(
                json_lines(rows),
                name=self.name,
                extension="json",
                content_type=JSON_TYPE,
            )
        rows = (
            [
                LIST_SEPARATOR.join(c.value(o)) if c.many else c.value(o)
                for c in self.columns
            ]
            for o in objects
        )
        return _download(
            csv_lines([c.name for c in self.columns], rows),
            name=self.name,
            extension="csv",
            content_type=CSV_TYPE,
        )


class ConsultationsDownload(_ColumnsDownload):
    """Public consultations (`consultas.csv`, `consultas.json`)."""

    name = "consultas-publicas"
    columns = CONSULTATION_COLUMNS

    def queryset(self):
        return open_data_consultations()


class EventsDownload(_ColumnsDownload):
    """Public hearings, forums and open meetings (`audiencias.csv`, `.json`)."""

    name = "audiencias-e-foruns"
    columns = EVENT_COLUMNS

    def queryset(self):
        return open_data_events()


class ContributionsCsvView(View):
    """`contribuicoes.csv`: every contribution of answered consultations. The
    author's name only when the person chose to show it (LGPD art. 5 II)."""

    def get(self, request, *args, **kwargs):
        citations = answered_device_citations()
        contributions = open_data_contributions().iterator(chunk_size=CHUNK_SIZE)
        rows = (
            [c.value(contribution, citations) for c in CONTRIBUTION_COLUMNS]
            for contribution in contributions
        )
        return _download(
            csv_lines([c.name for c in CONTRIBUTION_COLUMNS], rows),
            name="contribuicoes",
            extension="csv",
            content_type=CSV_TYPE,
        )
