"""CNPJ (numeric and alphanumeric, IN RFB 2.229/2024) and upload checks.

Reference values: shared/reference/domain.md §4.1, cross-checked with
validate-docbr, an independent implementation.
"""

import io
import string
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from PIL import Image
from validate_docbr import CNPJ as DocbrCNPJ

from civic.uploads import JPEG, PDF, PNG, validate_upload
from entities.validators import (
    cnpj_check_digits,
    cnpj_is_valid,
    format_cnpj,
    normalize_cnpj,
    validate_cnpj,
)
from tests.factories.entities import MINIMAL_PDF

ALPHABET = string.digits + string.ascii_uppercase
DOCBR = DocbrCNPJ()

bases = st.text(alphabet=ALPHABET, min_size=12, max_size=12)
numeric_bases = st.text(alphabet=string.digits, min_size=12, max_size=12)


def complete(base: str) -> str:
    return base + cnpj_check_digits(base)


def not_all_equal(value: str) -> bool:
    return len(set(value)) > 1


# Fixed examples --------------------------------------------------------------

VALID = [
    "12.ABC.345/01DE-35",
    "AB.12C.D34/EF56-02",
    "A1.B2C.3D4/0001-93",
    "11.222.333/0001-81",
    "00.000.000/0001-91",
]
INVALID = [
    "12ABC34501DE36",
    "02.680.126/0001-22",
    "00000000000000",
    "11111111111111",
    "12ABC34501DE3",  # too short
    "12ABC34501DE355",  # too long
    "12ABC34501DEA5",  # a letter in the check digits
    "12ABC-34501DE35!",
    "",
]


@pytest.mark.parametrize("value", VALID)
def test_reference_examples_are_valid(value):
    validate_cnpj(value)
    validate_cnpj(value.lower())
    assert cnpj_is_valid(normalize_cnpj(value))
    assert DOCBR.validate(value)


@pytest.mark.parametrize("value", INVALID)
def test_reference_examples_are_invalid(value):
    with pytest.raises(ValidationError) as raised:
        validate_cnpj(value)
    assert raised.value.code == "invalid_cnpj"
    assert not cnpj_is_valid(normalize_cnpj(value))


def test_check_digits_of_the_rfb_example():
    assert cnpj_check_digits("12ABC34501DE") == "35"
    assert cnpj_check_digits("112223330001") == "81"


def test_unmasked_value_must_be_upper_case():
    # validate_cnpj normalises; cnpj_is_valid expects the stored (normalised) form.
    assert not cnpj_is_valid("12abc34501de35")
    validate_cnpj("12abc34501de35")


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("12.ABC.345/01DE-35", "12ABC34501DE35"),
        (" 12.abc.345/01de-35 ", "12ABC34501DE35"),
        ("11.222.333/0001\u201381", "11222333000181"),
        ("11 222 333 0001 81", "11222333000181"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize(raw, normalized):
    assert normalize_cnpj(raw) == normalized


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("12ABC34501DE35", "12.ABC.345/01DE-35"),
        ("11222333000181", "11.222.333/0001-81"),
        ("", ""),
        ("123", "123"),
    ],
)
def test_format_cnpj(value, masked):
    assert format_cnpj(value) == masked


# Properties --------------------------------------------------------------------


@given(bases)
@example("12ABC34501DE")
@example("000000000001")
def test_any_base_with_its_check_digits_is_valid(base):
    value = complete(base)
    assume(not_all_equal(value))
    masked = format_cnpj(value)

    assert cnpj_is_valid(value)
    validate_cnpj(value)
    validate_cnpj(masked)
    validate_cnpj(masked.lower())
    assert normalize_cnpj(masked.lower()) == value
    assert value[12:].isdigit()
    # validate-docbr, written independently, agrees.
    assert DOCBR.validate(value)
    assert DOCBR.validate(masked)


@given(bases, st.text(alphabet=string.digits, min_size=2, max_size=2))
def test_wrong_check_digits_are_invalid(base, digits):
    assume(digits != cnpj_check_digits(base))
    value = base + digits
    assert not cnpj_is_valid(value)
    assert not DOCBR.validate(value)


@given(bases, st.integers(min_value=12, max_value=13), st.sampled_from(string.digits))
def test_changing_a_check_digit_makes_it_invalid(base, position, digit):
    value = complete(base)
    assume(value[position] != digit)
    changed = value[:position] + digit + value[position + 1 :]
    assert not cnpj_is_valid(changed)


@given(
    bases,
    st.integers(min_value=0, max_value=11),
    st.sampled_from(ALPHABET),
)
def test_single_character_change_agrees_with_docbr(base, position, char):
    """A changed root or order character is caught exactly when the recomputed
    check digits differ, and validate-docbr decides the same way.

    The mod-11 digits do not catch every change: letters are worth 17-42, so
    '6' -> 'A' (6 -> 17) leaves both sums unchanged mod 11, and remainders 0
    and 1 both give the digit 0. The tests below pin those limits down.
    """
    value = complete(base)
    assume(not_all_equal(value) and value[position] != char)
    changed = value[:position] + char + value[position + 1 :]
    expected = cnpj_check_digits(changed[:12]) == value[12:] and not_all_equal(changed)
    assert cnpj_is_valid(changed) is expected
    assert DOCBR.validate(changed) is expected


@given(
    numeric_bases,
    st.integers(min_value=0, max_value=11),
    st.sampled_from(string.digits),
)
def test_numeric_change_caught_unless_both_remainders_collapse(base, position, digit):
    """For a numeric CNPJ a one-digit change always alters both weighted sums
    mod 11; it goes unnoticed only when both remainders move between 0 and 1."""
    value = complete(base)
    assume(value[position] != digit)
    changed = value[:position] + digit + value[position + 1 :]
    weights1 = (5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
    weights2 = (6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)

    def remainders(v):
        values = [int(c) for c in v]
        r1 = sum(a * b for a, b in zip(values[:12], weights1, strict=True)) % 11
        r2 = sum(a * b for a, b in zip(values[:13], weights2, strict=True)) % 11
        return r1, r2

    before, after = remainders(value), remainders(changed)
    assert before[0] != after[0]
    assert before[1] != after[1]
    undetected = (
        {before[0], after[0]} <= {0, 1}
        and {before[1], after[1]} <= {0, 1}
        and not_all_equal(changed)
    )
    assert cnpj_is_valid(changed) is undetected


def test_known_undetected_substitution():
    # '6' and 'A' are worth 6 and 17: the same mod 11, so both are "valid".
    value = complete("12ABC34561DE")
    twin = value[:8] + "A" + value[9:]
    assert value[8] == "6"
    assert cnpj_is_valid(value)
    assert cnpj_is_valid(twin)
    assert DOCBR.validate(twin)


@given(st.sampled_from(ALPHABET))
def test_all_equal_strings_are_invalid(char):
    assert not cnpj_is_valid(char * 14)
    with pytest.raises(ValidationError):
        validate_cnpj(char * 14)


def is_accepted(value: str) -> bool:
    try:
        validate_cnpj(value)
    except ValidationError:
        return False
    return True


@given(
    bases,
    st.text(alphabet=string.digits, min_size=2, max_size=2),
    st.booleans(),
    st.booleans(),
)
@settings(max_examples=300)
def test_agrees_with_docbr_on_arbitrary_values(base, digits, masked, lower):
    value = base + digits
    if masked:
        value = format_cnpj(value)
    if lower:
        value = value.lower()
    assert is_accepted(value) is DOCBR.validate(value)


@given(bases)
def test_format_round_trip(base):
    value = complete(base)
    masked = format_cnpj(value)
    assert len(masked) == 18
    assert (masked[2], masked[6], masked[10], masked[15]) == (".", ".", "/", "-")
    assert normalize_cnpj(masked) == value


# Uploads -------------------------------------------------------------------------

LIMIT = 10 * 1024 * 1024


def image_bytes(fmt: str, size=(4, 3)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 90, 160)).save(buffer, format=fmt)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares the given dimensions."""
    data = bytearray(image_bytes("PNG", (1, 1)))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17])) & 0xFFFFFFFF
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("estatuto.pdf", MINIMAL_PDF, PDF),
        ("ESTATUTO.PDF", MINIMAL_PDF, PDF),
        ("cartao.png", image_bytes("PNG"), PNG),
        ("ata.jpg", image_bytes("JPEG"), JPEG),
        ("ata.jpeg", image_bytes("JPEG"), JPEG),
    ],
)
def test_accepted_uploads(name, content, kind):
    file = upload(name, content)
    assert validate_upload(file, max_size=LIMIT) is kind
    # The file is left ready to be stored from the start.
    assert file.read() == content


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("programa.pdf", b"MZ\x90\x00" + b"\x00" * 200, "invalid_file_type"),
        ("programa.exe", b"MZ\x90\x00" + b"\x00" * 200, "invalid_file_type"),
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n", "invalid_file_type"),
        ("pagina.pdf", b"<html><script>alert(1)</script></html>", "invalid_file_type"),
        ("texto.pdf", "Só texto, não é PDF.".encode(), "invalid_file_type"),
        ("imagem.pdf", image_bytes("PNG"), "extension_mismatch"),
        ("foto.png", image_bytes("JPEG"), "extension_mismatch"),
        ("documento.png", MINIMAL_PDF, "extension_mismatch"),
        ("semextensao", MINIMAL_PDF, "extension_mismatch"),
        ("truncado.pdf", MINIMAL_PDF[:60], "invalid_pdf"),
        ("corrompida.png", b"\x89PNG\r\n\x1a\n" + b"lixo" * 50, "invalid_image"),
        ("enorme.png", png_claiming(8000, 8000), "image_too_large"),
        ("vazio.pdf", b"", "empty_file"),
    ],
)
def test_rejected_uploads(name, content, code):
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload(name, content), max_size=LIMIT)
    assert raised.value.code == code
    assert str(raised.value.messages[0])


def test_decompression_bomb_is_rejected():
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload("bomba.png", png_claiming(30000, 30000)), max_size=LIMIT)
    assert raised.value.code in {"image_too_large", "invalid_image"}


def test_size_limit():
    content = MINIMAL_PDF + b"%" * 200
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload("grande.pdf", content), max_size=100)
    assert raised.value.code == "file_too_large"
    assert "100" in raised.value.messages[0]
    assert validate_upload(upload("grande.pdf", content), max_size=len(content)) is PDF


def test_allowed_types_can_be_narrowed():
    with pytest.raises(ValidationError) as raised:
        validate_upload(
            upload("logo.pdf", MINIMAL_PDF), max_size=LIMIT, allowed=(PNG, JPEG)
        )
    assert raised.value.code == "invalid_file_type"
    assert "PNG" in raised.value.messages[0]
