"""Checks for uploaded files: the content decides the type, not the name.

OWASP ASVS 5.2: size limit, allow-list of types, magic bytes that must agree with
the extension, images decoded to catch forgeries and decompression bombs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

# Images above this many pixels are refused before decoding (ASVS 5.2.6).
MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class FileType:
    label: str
    mime: str
    extensions: tuple[str, ...]
    signature: bytes


PDF = FileType("PDF", "application/pdf", (".pdf",), b"%PDF-")
PNG = FileType("PNG", "image/png", (".png",), b"\x89PNG\r\n\x1a\n")
JPEG = FileType("JPEG", "image/jpeg", (".jpg", ".jpeg"), b"\xff\xd8\xff")
DOCUMENT_TYPES = (PDF, JPEG, PNG)


def sniff(head: bytes, allowed=DOCUMENT_TYPES) -> FileType | None:
    """The allowed type whose signature starts `head`, if any."""
    return next((t for t in allowed if head.startswith(t.signature)), None)


def validate_upload(uploaded, *, max_size: int, allowed=DOCUMENT_TYPES) -> FileType:
    """Raise a pt-BR ValidationError unless the file is small enough and really of an
    allowed type; return that type."""
    names = ", ".join(t.label for t in allowed)
    if uploaded.size > max_size:
        raise ValidationError(
            _("O arquivo tem %(size)s; o limite é %(limit)s."),
            code="file_too_large",
            params={
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(max_size),
            },
        )
    if uploaded.size == 0:
        raise ValidationError(_("O arquivo está vazio."), code="empty_file")
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    kind = sniff(head, allowed)
    if kind is None:
        raise ValidationError(
            _(
                "O conteúdo do arquivo não é %(types)s. Envie um arquivo %(types)s válido."
            ),
            code="invalid_file_type",
            params={"types": names},
        )
    extension = PurePath(uploaded.name or "").suffix.lower()
    if extension not in kind.extensions:
        raise ValidationError(
            _(
                "O nome do arquivo termina em “%(extension)s”, mas o conteúdo é %(type)s. "
                "Renomeie o arquivo ou envie o arquivo correto."
            ),
            code="extension_mismatch",
            params={"extension": extension or "—", "type": kind.label},
        )
    if kind in (PNG, JPEG):
        _check_image(uploaded)
    elif kind is PDF:
        _check_pdf(uploaded)
    uploaded.seek(0)
    return kind


def _check_image(uploaded) -> None:
    try:
        with Image.open(uploaded) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("A imagem é grande demais (%(w)s × %(h)s pixels)."),
                    code="image_too_large",
                    params={"w": width, "h": height},
                )
            image.verify()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        Image.DecompressionBombError,
    ) as exc:
        raise ValidationError(
            _("A imagem está corrompida ou não pôde ser lida."), code="invalid_image"
        ) from exc
    finally:
        uploaded.seek(0)


def _check_pdf(uploaded) -> None:
    # A real PDF ends with an %%EOF marker near its end; a renamed file rarely does.
    uploaded.seek(max(uploaded.size - 2048, 0))
    tail = uploaded.read()
    uploaded.seek(0)
    if b"%%EOF" not in tail:
        raise ValidationError(
            _("O PDF está incompleto ou corrompido."), code="invalid_pdf"
        )


def sha256_of(uploaded) -> str:
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()
