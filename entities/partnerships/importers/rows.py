"""From one file row (canonical columns) to the values of a partnership, or a
reason to reject the row. Nothing here writes to the database."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from civic.csvread import CellError, clean, parse_date, parse_money
from entities.importers.parse import parse_cnpj
from entities.services.search import normalize
from entities.validators import cnpj_is_valid

from ..models import Instrument, Partnership

Status = Partnership.Status

NUMBER_MAX = Partnership._meta.get_field("number").max_length
LEGACY_NAME_MAX = Partnership._meta.get_field("legacy_instrument").max_length
IMPORTED_STATUS_MAX = Partnership._meta.get_field("imported_status").max_length
OBJECT_MAX = 5000
NAME_MAX = 200

# MROSC's instruments by their names in portals (accents and case folded).
MROSC_INSTRUMENTS = {
    "termo de colaboracao": Instrument.COLLABORATION,
    "colaboracao": Instrument.COLLABORATION,
    "termo de fomento": Instrument.FOSTERING,
    "fomento": Instrument.FOSTERING,
    "acordo de cooperacao": Instrument.COOPERATION,
}
# Words of `situacao` (folded) that say the partnership is over and closed, or
# that its vigência ended and the accounts are pending, or that it is running.
CLOSED_WORDS = (
    "encerrad",
    "extint",
    "conclu",
    "finaliz",
    "rescindi",
    "rescisao",
    "cancelad",
    "arquivad",
    "baixad",
    "contas aprovadas",
    "prestacao de contas aprovada",
)
ENDED_WORDS = (
    "prestacao de contas",
    "em analise",
    "aguardando",
    "vencid",
    "inadimplente",
    "expirad",
)
RUNNING_WORDS = ("vigente", "em vigor", "execucao", "andamento", "ativ", "prorrogad")


class RowRejected(Exception):
    """The row cannot be imported; the message says why (in pt-BR)."""


@dataclass(frozen=True)
class PartnershipRow:
    """A row's partnership values, and what identifies its entity and body."""

    line: int
    number: str
    cnpj: str
    entity_name: str
    body_name: str
    values: dict


def instrument_of(name: str) -> tuple[str, str]:
    """(instrument, legacy name): MROSC's three by name, anything else legacy."""
    text = clean(name)
    folded = normalize(text).strip(" .")
    folded = re.sub(
        r"\s+(n[ºo°.]*\s*)?[\d/.-]+$", "", folded
    )  # "Termo de Fomento nº 3"
    if folded in MROSC_INSTRUMENTS:
        return MROSC_INSTRUMENTS[folded], ""
    if len(text) > LEGACY_NAME_MAX:
        raise RowRejected(
            f"nome do instrumento com mais de {LEGACY_NAME_MAX} caracteres"
        )
    return Instrument.LEGACY, text


def status_of(situation: str, ends_on: dt.date | None, today: dt.date) -> str:
    """The platform status an imported row gets (see the package docstring)."""
    folded = normalize(clean(situation))
    if any(word in folded for word in CLOSED_WORDS):
        return Status.CLOSED
    if any(word in folded for word in ENDED_WORDS):
        return Status.ENDED
    # Running, unknown or blank: the dates decide.
    if ends_on is not None and ends_on < today:
        return Status.ENDED
    return Status.EXECUTING


def parse_row(line: int, row: dict[str, str], *, today: dt.date) -> PartnershipRow:
    """The partnership a row describes; raises RowRejected with the reason."""
    number = clean(row["numero"])
    if not number:
        raise RowRejected("número da parceria em branco")
    if len(number) > NUMBER_MAX:
        raise RowRejected(f"número com mais de {NUMBER_MAX} caracteres")

    raw_cnpj = clean(row["osc_cnpj"])
    if not raw_cnpj:
        raise RowRejected("CNPJ da OSC em branco")
    cnpj = parse_cnpj(raw_cnpj)
    if not cnpj_is_valid(cnpj):
        raise RowRejected(f"CNPJ inválido: {raw_cnpj!r}")
    entity_name = clean(row["osc_nome"])
    if len(entity_name) > NAME_MAX:
        raise RowRejected(f"nome da OSC com mais de {NAME_MAX} caracteres")
    body_name = clean(row["orgao"])
    if len(body_name) > NAME_MAX:
        raise RowRejected(f"nome do órgão com mais de {NAME_MAX} caracteres")

    if not clean(row["instrumento"]):
        raise RowRejected("instrumento em branco")
    instrument, legacy_name = instrument_of(row["instrumento"])

    try:
        starts_on = parse_date(row["inicio_vigencia"])
        ends_on = parse_date(row["fim_vigencia"])
        signed_on = parse_date(row["data_assinatura"]) or starts_on
        total = parse_money(row["valor_total"])
        released = parse_money(row["valor_liberado"])
    except CellError as exc:
        raise RowRejected(str(exc)) from exc
    if starts_on and ends_on and ends_on <= starts_on:
        raise RowRejected(
            f"fim da vigência ({ends_on:%d/%m/%Y}) não é posterior ao início "
            f"({starts_on:%d/%m/%Y})"
        )
    # The column is NOT NULL: an absent total is recorded as zero (see docstring).
    total = total if total is not None else Decimal("0.00")
    if instrument == Instrument.COOPERATION and (total or released):
        raise RowRejected(
            "acordo de cooperação não envolve transferência de recursos (art. 2º, VIII-A)"
        )

    objeto = clean(row["objeto"])
    if len(objeto) > OBJECT_MAX:
        raise RowRejected(f"objeto com mais de {OBJECT_MAX} caracteres")
    situation = clean(row["situacao"])[:IMPORTED_STATUS_MAX]
    status = status_of(situation, ends_on, today)
    return PartnershipRow(
        line=line,
        number=number,
        cnpj=cnpj,
        entity_name=entity_name,
        body_name=body_name,
        values={
            "instrument": instrument,
            "legacy_instrument": legacy_name,
            "object": objeto,
            "total_value": total,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "signed_on": signed_on,
            "status": status,
            "closed_on": ends_on if status == Status.CLOSED else None,
            "imported_status": situation,
            "imported_released": released,
        },
    )
