"""Reading the CSV files Brazilian portals publish, whatever their dialect.

Transparency portals and spreadsheets export CSV in UTF-8 (with or without a
BOM) or in Latin-1/Windows-1252, separated by `;` (the pt-BR Excel default) or
`,`, with dates as ISO or dd/mm/aaaa and money with a decimal comma
("1.234,56") or a decimal point ("1234.56"). Importers read files through
`open_csv()` and parse cells with `parse_date()` and `parse_money()`, so every
import accepts the same dialects and gives the same pt-BR reasons.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

DELIMITERS = (";", ",", "\t")
# Tried in order: strict UTF-8 (the BOM dropped), then the Windows superset of
# Latin-1 that spreadsheets write, then Latin-1, which decodes any byte.
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
)
MIN_YEAR, MAX_YEAR = 1900, 2100
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


class CellError(ValueError):
    """A cell that does not parse; the message is a pt-BR reason."""


@dataclass(frozen=True)
class CsvText:
    """A decoded CSV file and the dialect it was read with."""

    text: str
    encoding: str
    delimiter: str


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of the bytes and the encoding that decoded them.

    With no encoding given, UTF-8 is tried first: Latin-1 text with accents is
    almost never valid UTF-8, so the first codec that succeeds is the right one.
    """
    if encoding:
        return data.decode(encoding), encoding
    for candidate in ENCODINGS:
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any byte")  # pragma: no cover


def sniff_delimiter(text: str) -> str:
    """The separator the header line uses most (outside quotes): `;`, `,` or tab."""
    header = _first_record(text)
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _first_record(text: str) -> str:
    """The header line without its quoted parts (a quoted header may hold a `,`)."""
    line = text.split("\n", 1)[0]
    return re.sub(r'"[^"]*"', "", line)


def open_csv(
    path: str | Path, *, encoding: str | None = None, delimiter: str | None = None
) -> CsvText:
    """Read and decode a CSV file, detecting what was not given.

    Raises OSError when the file cannot be read, LookupError for an unknown
    encoding and UnicodeDecodeError when the given encoding does not fit.
    """
    text, used = decode(Path(path).read_bytes(), encoding)
    text = text.removeprefix("\ufeff")
    return CsvText(text, used, delimiter or sniff_delimiter(text))


def numbered_rows(
    source: CsvText,
) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header (names stripped) and (file line number, row dict) pairs.

    The line number is where the row starts in the file, so a quoted cell that
    spans lines does not shift the numbers of the rows after it.
    """
    reader = csv.reader(
        io.StringIO(source.text, newline=""), delimiter=source.delimiter
    )
    header = [name.strip() for name in next(reader, [])]

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                padded = cells + [""] * (len(header) - len(cells))
                yield line, dict(zip(header, padded, strict=False))
            line = reader.line_num + 1

    return header, rows()


def clean(value: str | None) -> str:
    """A cell without NUL bytes and with its spaces collapsed."""
    return re.sub(r"\s+", " ", (value or "").replace("\x00", "")).strip()


def parse_date(value: str) -> dt.date | None:
    """ISO (2024-03-01) or Brazilian (01/03/2024) date; None when blank."""
    text = clean(value)
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            parsed = dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a date)
        except ValueError:
            continue
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            raise CellError(f"data fora do intervalo: {value!r}")
        return parsed
    raise CellError(f"data inválida: {value!r} (use dd/mm/aaaa ou aaaa-mm-dd)")


def parse_money(value: str, *, max_digits: int = 14, places: int = 2) -> Decimal | None:
    """Reais as a Decimal: "R$ 1.234,56", "1234,56", "1234.56", "1,234.56".

    The last separator followed by one or two digits is the decimal one. A
    single separator followed by exactly three digits ("1.234") could be either
    and is refused rather than guessed: a wrong guess is a factor of a thousand.
    None when blank; never a float.
    """
    text = clean(value).replace("R$", "").replace("\xa0", "").replace(" ", "")
    if not text:
        return None
    if text.startswith("-") or text.startswith("("):
        raise CellError(f"valor negativo: {value!r}")
    if not re.fullmatch(r"[\d.,]+", text) or not re.search(r"\d", text):
        raise CellError(f"valor que não é dinheiro: {value!r}")
    number = _plain_number(text, value)
    try:
        amount = Decimal(number)
    except InvalidOperation as exc:  # pragma: no cover (the pattern above)
        raise CellError(f"valor que não é dinheiro: {value!r}") from exc
    if amount != amount.quantize(Decimal(1).scaleb(-places)):
        raise CellError(f"valor com mais de {places} casas decimais: {value!r}")
    if amount >= Decimal(10) ** (max_digits - places):
        raise CellError(f"valor grande demais: {value!r}")
    return amount.quantize(Decimal(1).scaleb(-places))


def _plain_number(text: str, original: str) -> str:
    """'1.234,56' -> '1234.56', refusing malformed or ambiguous groupings."""
    last = max(text.rfind("."), text.rfind(","))
    if last == -1:
        return text
    whole, fraction = text[:last], text[last + 1 :]
    separator = text[last]
    other = "," if separator == "." else "."
    if whole.count(separator) or (len(fraction) == 3 and other not in whole):
        # Only thousands separators ("1.234.567", "1,234") or an ambiguous "1.234".
        if _GROUPED.fullmatch(text) and whole.count(separator):
            return text.replace(separator, "")
        raise CellError(
            f"valor ambíguo ou malformado: {original!r} (use 1.234,56 ou 1234.56)"
        )
    if not fraction or len(fraction) > 3 or not fraction.isdigit():
        raise CellError(f"valor que não é dinheiro: {original!r}")
    if other in whole and not _GROUPED.fullmatch(whole):
        raise CellError(f"valor com separador de milhar malformado: {original!r}")
    return f"{whole.replace(other, '')}.{fraction}"
