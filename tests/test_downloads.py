"""The one way files leave the server (civic/downloads.py)."""

import csv
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile, FileField
from django.http import Http404

from civic import downloads

PDF = b"%PDF-1.4\n%fake but signed\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


@pytest.fixture
def stored(tmp_path):
    """Save bytes in a throwaway storage and return the FieldFile."""
    storage = FileSystemStorage(location=tmp_path)
    field = FileField(storage=storage)
    field.name = "file"

    def save(content: bytes, name: str = "doc.bin") -> FieldFile:
        saved = storage.save(name, ContentFile(content))
        return FieldFile(None, field, saved)

    return save


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("Ata da eleição.pdf", "application/pdf", "Ata da eleição.pdf"),
        ("../../etc/passwd", "application/pdf", "passwd.pdf"),
        ("C:\\Users\\x\\estatuto.exe", "application/pdf", "estatuto.pdf"),
        ('a"b;c\r\n.pdf', "application/pdf", "a_b_c.pdf"),
        ("foto.png.html", "image/png", "foto.png.png"),
        ("", "image/jpeg", "arquivo.jpg"),
        ("relatorio", "text/csv; charset=utf-8", "relatorio.csv"),
        ("x" * 500, "application/pdf", "x" * downloads.MAX_FILENAME_STEM + ".pdf"),
    ],
)
def test_the_server_makes_the_filename(name, content_type, expected):
    assert downloads.safe_filename(name, content_type) == expected


def test_content_disposition_has_an_ascii_fallback_and_the_utf8_name():
    header = downloads.content_disposition("Ata da eleição.pdf", inline=False)

    assert header == (
        'attachment; filename="Ata da eleicao.pdf"; '
        "filename*=UTF-8''Ata%20da%20elei%C3%A7%C3%A3o.pdf"
    )


def test_private_files_are_never_cached_nor_sniffed(stored):
    response = downloads.private_file_response(
        stored(PDF),
        filename="Estatuto.pdf",
        content_type="application/pdf",
        inline=True,
    )

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('inline; filename="Estatuto.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("content_type", ["text/html", "image/svg+xml", ""])
def test_only_safe_types_are_shown_inline(stored, content_type):
    response = downloads.private_file_response(
        stored(b"<script>alert(1)</script>"),
        filename="página.html",
        content_type=content_type,
        inline=True,
    )

    assert response["Content-Disposition"].startswith("attachment;")


def test_a_missing_file_is_not_found(stored):
    fieldfile = stored(PDF)
    fieldfile.storage.delete(fieldfile.name)

    with pytest.raises(Http404):
        downloads.private_file_response(
            fieldfile, filename="x.pdf", content_type="application/pdf"
        )
    with pytest.raises(Http404):
        downloads.private_file_response(
            None, filename="x.pdf", content_type="application/pdf"
        )


def test_stored_files_are_typed_by_their_content(stored):
    png = downloads.stored_file_response(stored(PNG), filename="Mapa", private=False)
    unknown = downloads.stored_file_response(
        stored(b"<html>"), filename="Mapa", private=False
    )

    assert png["Content-Type"] == "image/png"
    assert png["Content-Disposition"].startswith('inline; filename="Mapa.png"')
    assert "Cache-Control" not in png
    assert unknown["Content-Type"] == "application/octet-stream"
    assert unknown["Content-Disposition"].startswith("attachment;")


def test_generated_content_is_private_unless_said_otherwise():
    response = downloads.content_response(
        b"{}", filename="meus-dados.json", content_type=downloads.JSON_TYPE
    )

    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="meus-dados.json"'
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_cells_are_neutralised(start):
    assert downloads.safe_cell(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_plain_cells_are_kept():
    assert downloads.safe_cell("Associação") == "Associação"
    assert downloads.safe_cell(12) == "12"
    assert downloads.safe_cell(None) == ""
    assert downloads.safe_cell(True) == "true"


def test_csv_lines_are_spreadsheet_ready():
    body = "".join(
        downloads.csv_lines(["nome", "texto"], [["A; B", '=HYPERLINK("x")']])
    )

    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows == [["nome", "texto"], ["A; B", '\'=HYPERLINK("x")']]
    assert body.endswith("\r\n")


def test_json_lines_make_one_valid_document():
    body = "".join(downloads.json_lines([{"nome": "Ação"}, {"nome": "B"}]))

    data = json.loads(body)
    assert data["fonte"].startswith("Participa Betim")
    assert data["results"] == [{"nome": "Ação"}, {"nome": "B"}]


def test_csv_response_streams_with_a_dated_name():
    response = downloads.csv_response(
        ["a"], iter([[1], [2]]), filename=downloads.dated_filename("teste", "csv")
    )

    assert response.streaming
    assert response["Content-Type"] == downloads.CSV_TYPE
    assert response["Content-Disposition"].startswith('attachment; filename="teste-')
    assert b"".join(response.streaming_content).decode().count("\r\n") == 3
