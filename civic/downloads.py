"""Every file the platform serves leaves through here: private documents, public
attachments, generated files (PDF, calendar, personal-data export) and the
streaming CSV and JSON datasets.

One home, because the copies drifted: one lost the safe filename, another the
CSV formula guard. What every response gets:
- a filename the server makes (no path, no control or quote characters, an
  extension that matches the checked content), sent as RFC 6266
  `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 5987);
- `inline` only for the types a browser may render from our origin (PDF and
  images; an `.ics` opens in the calendar app), `attachment` for the rest;
- `X-Content-Type-Options: nosniff`;
- `Cache-Control: private, no-store` for anything private, so no shared cache
  or disk cache keeps it.

CSV cells that a spreadsheet would read as a formula are prefixed with `'`
(OWASP "CSV injection"): a contribution starting with `=HYPERLINK(` reaches
staff's spreadsheet as text.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from pathlib import PurePath
from urllib.parse import quote

from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone

from civic.uploads import DOCUMENT_TYPES, sniff

EXTENSION_BY_TYPE = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "text/csv": ".csv",
    "application/json": ".json",
    "text/calendar": ".ics",
}
# What a browser may render from our origin. Uploads are checked against these
# types by content, so nothing else (HTML, SVG) can be served inline.
INLINE_TYPES = frozenset(
    {"application/pdf", "image/png", "image/jpeg", "text/calendar"}
)
MAX_FILENAME_STEM = 120
FALLBACK_STEM = "arquivo"

CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
CSV_DELIMITER = ";"
# OWASP "CSV injection": these first characters start a formula in spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 500

PRIVATE = "private, no-store"


def _bare_type(content_type: str) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def safe_filename(name: str, content_type: str) -> str:
    """A download name without paths, control or quoting characters, whose
    extension matches the content type rather than what was uploaded."""
    stem = PurePath((name or "").replace("\\", "/")).name
    stem = PurePath(stem).stem if "." in stem else stem
    stem = "".join(c for c in stem if unicodedata.category(c)[0] != "C")
    stem = re.sub(r'[\\/"\';:*?<>|%]+', "_", stem).strip(" ._") or FALLBACK_STEM
    return stem[:MAX_FILENAME_STEM] + EXTENSION_BY_TYPE.get(
        _bare_type(content_type), ""
    )


def content_disposition(filename: str, *, inline: bool) -> str:
    """RFC 6266 header with an ASCII fallback and the UTF-8 name (RFC 5987)."""
    ascii_name = (
        unicodedata.normalize("NFKD", filename)
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    ascii_name = re.sub(r"[^A-Za-z0-9._ -]", "_", ascii_name) or FALLBACK_STEM
    disposition = "inline" if inline else "attachment"
    return (
        f'{disposition}; filename="{ascii_name}"; '
        f"filename*=UTF-8''{quote(filename, safe='')}"
    )


def dated_filename(stem: str, extension: str) -> str:
    """`entidades-betim-2026-12-07.csv`: open data is dated by the local day."""
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


def _finish(
    response: HttpResponse,
    *,
    filename: str,
    content_type: str,
    inline: bool,
    private: bool,
) -> HttpResponse:
    inline = inline and _bare_type(content_type) in INLINE_TYPES
    response["Content-Disposition"] = content_disposition(
        safe_filename(filename, content_type), inline=inline
    )
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        response["Cache-Control"] = PRIVATE
        response["Referrer-Policy"] = "no-referrer"
    return response


def private_file_response(
    fieldfile, *, filename: str, content_type: str, inline: bool = False
) -> FileResponse:
    """Stream a stored private file to someone the caller already allowed.

    `inline` is honoured only for INLINE_TYPES, so a browser never renders
    anything else from our origin. A missing file is a 404, never a 500.
    """
    handle = _open(fieldfile)
    response = FileResponse(
        handle, content_type=content_type or "application/octet-stream"
    )
    return _finish(
        response,
        filename=filename,
        content_type=content_type,
        inline=inline,
        private=True,
    )


def stored_file_response(
    fieldfile, *, filename: str, private: bool, allowed=DOCUMENT_TYPES
) -> FileResponse:
    """Stream a stored upload whose type is read from its first bytes (public
    attachments keep no content type); anything unexpected is an attachment."""
    handle = _open(fieldfile)
    kind = sniff(handle.read(16), allowed)
    handle.seek(0)
    content_type = kind.mime if kind else "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    return _finish(
        response,
        filename=filename,
        content_type=content_type,
        inline=kind is not None,
        private=private,
    )


def _open(fieldfile):
    if not fieldfile:
        raise Http404
    try:
        return fieldfile.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404 from None


def content_response(
    content: bytes | str,
    *,
    filename: str,
    content_type: str,
    inline: bool = False,
    private: bool = True,
) -> HttpResponse:
    """A file made on the fly (a PDF, a calendar, a personal-data export)."""
    response = HttpResponse(content, content_type=content_type)
    return _finish(
        response,
        filename=filename,
        content_type=content_type,
        inline=inline,
        private=private,
    )


def streaming_response(
    lines: Iterable[str],
    *,
    filename: str,
    content_type: str,
    private: bool = False,
) -> StreamingHttpResponse:
    """A dataset streamed line by line, so memory stays flat however big it is."""
    response = StreamingHttpResponse(lines, content_type=content_type)
    return _finish(
        response,
        filename=filename,
        content_type=content_type,
        inline=False,
        private=private,
    )


def safe_cell(value) -> str:
    """One CSV cell as text, neutralised if a spreadsheet would run it."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose write() hands the line back to the generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """CSV for spreadsheets in Portuguese: `;` separator, UTF-8 with a BOM,
    CRLF, and every cell (header included) through `safe_cell`."""
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER, lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([safe_cell(v) for v in header])
    for row in rows:
        yield writer.writerow([safe_cell(v) for v in row])


OPEN_DATA_HEADER = {
    "fonte": "Participa Betim — Prefeitura de Betim",
    "licenca": "CC-BY 4.0",
}


def json_lines(
    rows: Iterable[Mapping], *, header: Mapping | None = None
) -> Iterator[str]:
    """One JSON object, `{...header, "results": [rows]}`, streamed row by row."""
    head = {**(OPEN_DATA_HEADER if header is None else header)}
    head.setdefault("gerado_em", timezone.now().isoformat())
    # The header object without its closing brace, then the list.
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "results": ['
    separator = ""
    for row in rows:
        yield separator + json.dumps(row, ensure_ascii=False, cls=DjangoJSONEncoder)
        separator = ","
    yield "]}"


def csv_response(
    header: Iterable[str],
    rows: Iterable[Iterable],
    *,
    filename: str,
    private: bool = False,
) -> StreamingHttpResponse:
    """A streamed CSV download (see `csv_lines`)."""
    return streaming_response(
        csv_lines(header, rows),
        filename=filename,
        content_type=CSV_TYPE,
        private=private,
    )


def json_response(
    rows: Iterable[Mapping],
    *,
    filename: str,
    header: Mapping | None = None,
    private: bool = False,
) -> StreamingHttpResponse:
    """A streamed JSON download (see `json_lines`)."""
    return streaming_response(
        json_lines(rows, header=header),
        filename=filename,
        content_type=JSON_TYPE,
        private=private,
    )


def guard_wagtail_exports() -> None:
    """Put Wagtail's own CSV exports (admin reports such as "Histórico do site",
    listing exports) behind the same formula guard.

    Their XLSX export already turns formulas back into text, but the CSV one
    writes cells raw, and the site history names people by their own full
    name: a citizen called `=HYPERLINK(...)` would reach staff's spreadsheet
    as a formula. Wagtail offers no hook for this, so the one row writer is
    replaced here, once, at start-up (home.apps).
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                name: safe_cell(
                    self.preprocess_field_value(name, value, self.FORMAT_CSV)
                )
                for name, value in row_dict.items()
            }
        )

    SpreadsheetExportMixin.write_csv_row = write_csv_row
