"""CNPJ validation, numeric and alphanumeric (IN RFB 2.229/2024), and CEP."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CNPJ_LENGTH = 14
_CNPJ_RE = re.compile(r"^[0-9A-Z]{12}[0-9]{2}$")
_DV1_WEIGHTS = (5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
_DV2_WEIGHTS = (6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)


def normalize_cnpj(value: str) -> str:
    """Drop the mask (dots, slash, dashes, spaces) and upper-case the letters."""
    return re.sub(r"[\s./\-\u2013]", "", value or "").upper()


def cnpj_check_digits(base: str) -> str:
    """The two check digits of the first 12 characters of a CNPJ.

    Each character is worth its ASCII code minus 48, so digits keep their value
    and letters A-Z are worth 17-42; the mod-11 rule is the historical one.
    """
    values = [ord(c) - 48 for c in base]
    first = _mod11(sum(v * w for v, w in zip(values, _DV1_WEIGHTS, strict=True)))
    second = _mod11(
        sum(v * w for v, w in zip([*values, first], _DV2_WEIGHTS, strict=True))
    )
    return f"{first}{second}"


def _mod11(total: int) -> int:
    remainder = total % 11
    return 0 if remainder < 2 else 11 - remainder


def cnpj_is_valid(value: str) -> bool:
    """True for an unmasked, upper-case CNPJ whose check digits match."""
    if not _CNPJ_RE.match(value) or len(set(value)) == 1:
        return False
    return cnpj_check_digits(value[:12]) == value[12:]


def validate_cnpj(value: str) -> None:
    if not cnpj_is_valid(normalize_cnpj(value)):
        raise ValidationError(
            _(
                "Informe um CNPJ válido: 14 caracteres, com ou sem pontuação "
                "(ex.: 11.222.333/0001-81 ou 12.ABC.345/01DE-35)."
            ),
            code="invalid_cnpj",
        )


def format_cnpj(value: str) -> str:
    """Mask an unmasked CNPJ as SS.SSS.SSS/SSSS-NN."""
    if len(value) != CNPJ_LENGTH:
        return value
    return f"{value[:2]}.{value[2:5]}.{value[5:8]}/{value[8:12]}-{value[12:]}"


def normalize_cep(value: str) -> str:
    return re.sub(r"\D", "", value or "")


def validate_cep(value: str) -> None:
    if len(normalize_cep(value)) != 8:
        raise ValidationError(
            _("Informe um CEP com 8 dígitos, por exemplo 32600-000."),
            code="invalid_cep",
        )


def format_cep(value: str) -> str:
    return f"{value[:5]}-{value[5:]}" if len(value) == 8 else value
