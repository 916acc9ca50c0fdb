"""Reading a Mapa das OSCs CSV: from a raw row to the values of an entity, or a
reason to reject the row. Nothing here writes to the database."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from civic.territory.models import Bairro

from ..models import Area, Cnae, LegalNature
from ..services.search import normalize
from ..validators import CNPJ_LENGTH, cnpj_is_valid, normalize_cnpj
from .report import ImportFileError, ImportReport

REQUIRED_COLUMNS = ("cnpj", "tx_razao_social_osc")

AREA_FLAGS: dict[str, tuple[str, ...]] = {
    "Area_Assistencia_social": ("assistencia-social",),
    "Area_Associacoes_patronais_e_profissionais": (
        "associacoes-patronais-e-profissionais",
    ),
    "Area_Desenvolvimento_e_defesa_de_direitos_e_interesses": (
        "desenvolvimento-e-defesa-de-direitos",
    ),
    "Area_Educacao_e_pesquisa": ("educacao-e-pesquisa",),
    "Area_Outras_atividades_associativas": ("outras-atividades-associativas",),
    "Area_Religiao": ("religiao",),
    "Area_Saude": ("saude",),
    "Area_Habitacao": ("habitacao-e-desenvolvimento-comunitario",),
    "Area_Meio_ambiente_e_protecao_animal": ("meio-ambiente-e-protecao-animal",),
    "Area_Trabalho_emprego_e_renda": ("trabalho-emprego-e-renda",),
}
# "Cultura e recreação" is two areas here; its sub-areas say which.
CULTURE_FLAG = "Area_Cultura_e_recreacao"
CULTURE_SUBAREAS = {
    "SubArea_Cultura_e_arte": "cultura-e-arte",
    "SubArea_Esportes_e_recreacao": "esporte-e-lazer",
}
CULTURE_DEFAULT = "cultura-e-arte"
# Receita situations of a CNPJ that no longer exists.
CLOSED_SITUATIONS = {"baixada", "nula"}
WRONG_ENCODING = "O arquivo não está na codificação indicada (use --encoding latin-1?)."


@dataclass
class ParsedRow:
    line: int
    cnpj: str
    values: dict
    # The entity's many-to-many links: area slugs and Betim bairro ids.
    links: dict[str, frozenset]


class RowRejected(Exception):
    """The row cannot be imported; the message says why."""


def read_rows(
    handle: io.TextIOBase, *, delimiter: str = ";"
) -> Iterator[tuple[int, dict]]:
    """(file line number, CSV dict) pairs, after checking the header."""
    reader = csv.DictReader(handle, delimiter=delimiter)
    try:
        header = reader.fieldnames or []
    except UnicodeDecodeError as exc:
        raise ImportFileError(WRONG_ENCODING) from exc
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ImportFileError(
            f"Colunas obrigatórias ausentes: {', '.join(missing)}. "
            f"Confira o separador (--delimiter); colunas lidas: {', '.join(header[:5])}..."
        )
    try:
        # Each row with the file line it starts on (quoted fields may span lines).
        line = reader.line_num + 1
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except UnicodeDecodeError as exc:
        raise ImportFileError(WRONG_ENCODING) from exc


def count_data_lines(path: str | Path, *, encoding: str = "utf-8-sig") -> int:
    """Rows in a CSV file, for the progress bar (fast: no parsing)."""
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        return max(sum(1 for _ in handle) - 1, 0)


class RowParser:
    """Turns raw rows into entity values, with the reference tables in memory;
    rejected rows and warnings go to the report."""

    def __init__(self, report: ImportReport):
        self.report = report
        self.natures = dict(LegalNature.objects.values_list("code", "pk"))
        self.cnaes = dict(Cnae.objects.values_list("code", "pk"))
        self.areas = dict(Area.objects.values_list("slug", "pk"))
        self.betim_bairros = {
            normalize(name): pk for pk, name in Bairro.objects.values_list("pk", "name")
        }
        self._missing_areas_warned: set[str] = set()

    def parse(self, line: int, raw: dict) -> ParsedRow | None:
        """The row's values, or None when it is rejected (and reported)."""
        raw = {k: (v or "").replace("\x00", "").strip() for k, v in raw.items() if k}
        cnpj = parse_cnpj(raw.get("cnpj", ""))
        try:
            values = self._values(line, cnpj, raw)
        except RowRejected as exc:
            self.report.reject(line, cnpj or raw.get("cnpj", ""), str(exc))
            return None
        self._check_coordinates(line, cnpj, raw)
        links = {
            "areas": self._area_slugs(line, cnpj, raw),
            "bairros": self._bairro_ids(values),
        }
        return ParsedRow(line, cnpj, values, links)

    def _values(self, line: int, cnpj: str, raw: dict) -> dict:
        if not cnpj_is_valid(cnpj):
            raise RowRejected(f"CNPJ inválido: {raw.get('cnpj', '')!r}")
        if raw.get("situacao_cadastral", "").lower() in CLOSED_SITUATIONS:
            raise RowRejected(
                f"CNPJ com situação cadastral {raw['situacao_cadastral']!r} na Receita"
            )
        name = spaces(raw.get("tx_razao_social_osc", ""))
        if not name:
            raise RowRejected("razão social em branco")
        if len(name) > 200:
            raise RowRejected("razão social com mais de 200 caracteres")
        trade_name = spaces(raw.get("tx_nome_fantasia_osc", ""))
        if len(trade_name) > 200:
            raise RowRejected("nome fantasia com mais de 200 caracteres")
        return {
            "name": name,
            "trade_name": trade_name,
            "legal_nature_id": self._nature(raw.get("cd_natureza_juridica_osc", "")),
            "founded_on": parse_date(raw.get("dt_fundacao_osc", "")),
            "main_cnae_id": self._cnae(line, cnpj, raw.get("cnae", "")),
            **parse_address(raw),
        }

    def _nature(self, value: str) -> int | None:
        code = integer_text(value)
        if not code:
            return None
        code = code.zfill(4)
        if code not in self.natures:
            raise RowRejected(f"natureza jurídica desconhecida: {value!r}")
        return self.natures[code]

    def _cnae(self, line: int, cnpj: str, value: str) -> int | None:
        digits = re.sub(r"\D", "", integer_text(value) or "")
        if not digits:
            return None
        if len(digits) == 7:
            code = digits
        elif len(digits) <= 5:
            code = digits.zfill(5) + "00"
        else:
            code = digits.zfill(7)
        if code in self.cnaes:
            return self.cnaes[code]
        self.report.warn(
            line,
            cnpj,
            f"CNAE {value!r} sem subclasse correspondente na tabela; deixado em branco",
        )
        return None

    def _bairro_ids(self, values: dict) -> frozenset[int]:
        """The Betim bairro the address names, when we know it."""
        if normalize(values["city"]) != "betim":
            return frozenset()
        bairro_id = self.betim_bairros.get(normalize(values["neighbourhood"]))
        return frozenset({bairro_id}) if bairro_id else frozenset()

    def _area_slugs(self, line: int, cnpj: str, raw: dict) -> frozenset[str]:
        wanted: set[str] = set()
        for column, slugs in AREA_FLAGS.items():
            if is_flag_set(raw.get(column)):
                wanted.update(slugs)
        if is_flag_set(raw.get(CULTURE_FLAG)):
            subareas = {
                slug
                for col, slug in CULTURE_SUBAREAS.items()
                if is_flag_set(raw.get(col))
            }
            wanted.update(subareas or {CULTURE_DEFAULT})
        known = {slug for slug in wanted if slug in self.areas}
        for slug in wanted - known - self._missing_areas_warned:
            # Staff may have renamed or removed an area: say so once.
            self._missing_areas_warned.add(slug)
            self.report.warn(
                line, cnpj, f"área {slug!r} não existe mais no cadastro; ignorada"
            )
        return frozenset(known)

    def _check_coordinates(self, line: int, cnpj: str, raw: dict) -> None:
        for column, limit in (("latitude", 90), ("longitude", 180)):
            text = raw.get(column, "")
            if not text:
                continue
            try:
                value = float(text.replace(",", "."))
            except ValueError:
                value = None
            if value is None or not -limit <= value <= limit:
                self.report.warn(line, cnpj, f"{column} inválida: {text!r}")


def parse_address(raw: dict) -> dict:
    """Split 'RUA X, 115, SALA 1, BAIRRO, Cidade, UF, CEP' into profile fields."""
    parts = [p.strip() for p in raw.get("tx_endereco_completo", "").split(",")]
    street = number = complement = neighbourhood = cep = city = state = ""
    if len(parts) >= 7:
        street, number = parts[0], parts[1]
        complement = ", ".join(p for p in parts[2:-4] if p)
        neighbourhood, city, state = parts[-4], parts[-3], parts[-2]
        cep = re.sub(r"\D", "", parts[-1])
    elif parts and parts[0]:
        street = ", ".join(p for p in parts if p)
    city = city or raw.get("municipio_nome", "").title()
    state = (raw.get("UF_Sigla", "") or state).upper()
    return {
        "street": spaces(street)[:200],
        "number": spaces(number)[:20],
        "complement": spaces(complement)[:100],
        "neighbourhood": spaces(neighbourhood).title()[:120],
        "cep": cep if len(cep) == 8 else "",
        "city": spaces(city)[:100] or "Betim",
        "state": state[:2] if len(state) == 2 else "MG",
    }


def parse_cnpj(value: str) -> str:
    """Unmasked upper-case CNPJ; numeric ones zero-padded to 14 ('1234.0' too)."""
    text = integer_text(value)
    if text.isdigit() and len(text) < CNPJ_LENGTH:
        return text.zfill(CNPJ_LENGTH)
    return normalize_cnpj(text)


def integer_text(value: str) -> str:
    """'3548500.0' -> '3548500' (spreadsheets turn codes into floats)."""
    text = (value or "").strip()
    if re.fullmatch(r"\d+\.0+", text):
        return text.split(".", 1)[0]
    return text


def parse_date(value: str) -> dt.date | None:
    text = (value or "").strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            parsed = dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a date, no time zone)
        except ValueError:
            continue
        if parsed > timezone.localdate() or parsed.year < 1800:
            raise RowRejected(f"data de fundação fora do intervalo: {value!r}")
        return parsed
    raise RowRejected(f"data de fundação inválida: {value!r}")


def is_flag_set(value) -> bool:
    return (value or "").strip().lower() in {"1", "1.0", "true", "sim", "s"}


def spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()
