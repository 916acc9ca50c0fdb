"""Small, valid one-page PDFs with a title and a few lines of text, so the
demo's laws, regimentos and meeting documents open in any reader. Written by
hand (no WeasyPrint) to keep `load_demo` quick."""

from __future__ import annotations

import textwrap

from django.core.files.base import ContentFile


def _escape(text: str) -> bytes:
    encoded = text.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def demo_pdf(title: str, paragraphs: list[str]) -> bytes:
    lines = []
    for paragraph in paragraphs:
        lines.extend(textwrap.wrap(paragraph, 88) or [""])
        lines.append("")
    stream = [b"BT /F1 15 Tf 56 790 Td (" + _escape(title) + b") Tj"]
    stream.append(b"/F1 10 Tf 0 -28 Td 14 TL")
    for line in lines[:48]:
        stream.append(b"(" + _escape(line) + b") '")
    stream.append(b"ET")
    content = b"\n".join(stream)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"
        b"/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
        b"<</Length %d>>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf_file(name: str, title: str, paragraphs: list[str]) -> ContentFile:
    upload = ContentFile(demo_pdf(title, paragraphs), name=name)
    upload.content_type = "application/pdf"
    return upload
