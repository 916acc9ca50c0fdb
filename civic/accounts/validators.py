"""Validators for Brazilian personal identifiers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CPF_LENGTH = 11


def normalize_cpf(value: str) -> str:
    """Strip the mask (dots, dash, spaces) and keep only the digits."""
    return re.sub(r"[\s.\-]", "", value or "")


def cpf_is_valid(value: str) -> bool:
    """True when `value` (unmasked) has 11 digits and both check digits match.

    Receita Federal rule: DV1 weights 10..2 over the first 9 digits, DV2 weights
    11..2 over the first 10; a remainder below 2 gives 0, otherwise 11 - remainder.
    Repeated digits (111.111.111-11) pass the arithmetic but are not issued.
    """
    if len(value) != CPF_LENGTH or not value.isdigit() or len(set(value)) == 1:
        return False
    digits = [int(c) for c in value]
    for position in (9, 10):
        total = sum(
            d * w
            for d, w in zip(digits[:position], range(position + 1, 1, -1), strict=True)
        )
        remainder = total % 11
        expected = 0 if remainder < 2 else 11 - remainder
        if digits[position] != expected:
            return False
    return True


def validate_cpf(value: str) -> None:
    """Model and form validator: raise a pt-BR error for an invalid CPF."""
    if not cpf_is_valid(normalize_cpf(value)):
        raise ValidationError(
            _("Informe um CPF válido, com 11 dígitos (ex.: 123.456.789-09)."),
            code="invalid_cpf",
        )


def format_cpf(value: str) -> str:
    """Mask an unmasked CPF as 000.000.000-00 (for the owner's own eyes only)."""
    if len(value) != CPF_LENGTH:
        return value
    return f"{value[:3]}.{value[3:6]}.{value[6:9]}-{value[9:]}"


PHONE_RE = re.compile(r"^\d{10,11}$")


def normalize_phone(value: str) -> str:
    """Keep the digits of a Brazilian phone number, dropping a +55 prefix."""
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("55") and len(digits) in (12, 13):
        digits = digits[2:]
    return digits


def validate_phone(value: str) -> None:
    """Accept a Brazilian landline or mobile number with area code (DDD)."""
    if not PHONE_RE.match(normalize_phone(value)):
        raise ValidationError(
            _("Informe um telefone com DDD, por exemplo (31) 99999-9999."),
            code="invalid_phone",
        )


def format_phone(value: str) -> str:
    """Show stored digits as (31) 99999-9999 or (31) 3333-4444."""
    digits = normalize_phone(value)
    if len(digits) == 11:
        return f"({digits[:2]}) {digits[2:7]}-{digits[7:]}"
    if len(digits) == 10:
        return f"({digits[:2]}) {digits[2:6]}-{digits[6:]}"
    return value
