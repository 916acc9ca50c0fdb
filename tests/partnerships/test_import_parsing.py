"""Cells and rows of a partnership import: the shared CSV reader (civic/csvread.py),
money and dates, instruments, statuses, and a row that fails halfway."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import DatabaseError

from civic.csvread import CellError, decode, open_csv, parse_date, parse_money
from consultations.models import Body
from entities.models import Entity
from entities.partnerships.importers.rows import (
    RowRejected,
    instrument_of,
    parse_row,
    status_of,
)
from entities.partnerships.models import Instrument, Partnership, PartnershipLog

TODAY = dt.date(2025, 6, 1)
S = Partnership.Status


# Money ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("R$ 1.234,56", "1234.56"),
        ("R$\xa01.234.567,89", "1234567.89"),
        ("1234,56", "1234.56"),
        ("1234,5", "1234.50"),
        ("0,01", "0.01"),
        ("1234.56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1,500,000.00", "1500000.00"),
        ("1.500.000", "1500000.00"),
        ("1500000", "1500000.00"),
        ("999999999999,99", "999999999999.99"),
        (" 12 ", "12.00"),
    ],
)
def test_money_with_decimal_comma_or_point(text, expected):
    value = parse_money(text)

    assert isinstance(value, Decimal)
    assert value == Decimal(expected)
    assert str(value) == expected  # exact, two places, never a float


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("R$ mil", "não é dinheiro"),
        ("12,3a", "não é dinheiro"),
        ("1e5", "não é dinheiro"),
        ("-10,00", "negativo"),
        ("(10,00)", "negativo"),
        ("1.234", "ambíguo"),  # a thousand reais or one real and 234 millis?
        ("1,234", "ambíguo"),
        ("12,34,56", "ambíguo"),
        ("1.23,45", "malformado"),
        ("10,001", "ambíguo"),
        ("1.234,567", "mais de 2 casas"),
        ("1000000000000,00", "grande demais"),
        (",", "não é dinheiro"),
    ],
)
def test_what_is_not_money_is_refused_with_a_reason(text, reason):
    with pytest.raises(CellError, match=reason):
        parse_money(text)


def test_blank_money_is_none():
    assert parse_money("") is None
    assert parse_money("  ") is None


def test_money_sums_stay_exact():
    values = [parse_money(v) for v in ("0,10", "0,20", "1.234.567,89", "0.01")]

    assert sum(values) == Decimal("1234568.20")


# Dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-01",
        "01/03/2024",
        "2024-03-01 00:00:00",
        "01/03/2024 10:30",
        " 01/03/2024 ",
    ],
)
def test_dates_iso_or_brazilian(text):
    assert parse_date(text) == dt.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/02/2024", "data inválida"),
        ("2024-13-01", "data inválida"),
        ("03/2024", "data inválida"),
        ("amanhã", "data inválida"),
        ("01/01/1500", "fora do intervalo"),
        ("01/01/2999", "fora do intervalo"),
    ],
)
def test_bad_dates_are_refused(text, reason):
    with pytest.raises(CellError, match=reason):
        parse_date(text)


# Encodings and separators ----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Associação".encode(), "utf-8-sig"),
        ("\ufeffAssociação".encode(), "utf-8-sig"),
        ("Associação".encode("latin-1"), "cp1252"),
        ("Ação – “aspas”".encode("cp1252"), "cp1252"),
        (b"A\x81\x8d", "latin-1"),  # bytes Windows-1252 leaves undefined
    ],
)
def test_encoding_is_detected(data, encoding):
    text, used = decode(data)

    assert used == encoding
    assert text.removeprefix("\ufeff").startswith("A")


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ("numero;orgao;objeto", ";"),
        ("numero,orgao,objeto", ","),
        ("numero\torgao\tobjeto", "\t"),
        ('"numero, ano";orgao;objeto', ";"),  # the comma is inside quotes
        ("numero", ";"),
    ],
)
def test_separator_is_sniffed_from_the_header(tmp_path, header, delimiter):
    path = tmp_path / "x.csv"
    path.write_text(header + "\n1;2,3\n", encoding="utf-8")

    assert open_csv(path).delimiter == delimiter


def test_the_bom_is_dropped_so_the_first_header_matches(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("numero;orgao\n1;SEMAS\n".encode("utf-8-sig"))

    assert open_csv(path).text.startswith("numero;")


# Instruments and statuses ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "instrument", "legacy"),
    [
        ("Termo de Colaboração", Instrument.COLLABORATION, ""),
        ("TERMO DE COLABORACAO", Instrument.COLLABORATION, ""),
        ("Termo de Colaboração nº 12/2024", Instrument.COLLABORATION, ""),
        ("Termo de fomento", Instrument.FOSTERING, ""),
        ("Fomento", Instrument.FOSTERING, ""),
        ("Acordo de Cooperação", Instrument.COOPERATION, ""),
        ("Convênio", Instrument.LEGACY, "Convênio"),
        ("Termo de Parceria", Instrument.LEGACY, "Termo de Parceria"),
        ("Contrato de Gestão", Instrument.LEGACY, "Contrato de Gestão"),
        (
            "Termo de Cooperação Técnica",
            Instrument.LEGACY,
            "Termo de Cooperação Técnica",
        ),
        ("  SUBVENÇÃO   MENSAL ", Instrument.LEGACY, "SUBVENÇÃO MENSAL"),
    ],
)
def test_instrument_names(name, instrument, legacy):
    assert instrument_of(name) == (instrument, legacy)


@pytest.mark.parametrize(
    ("situation", "ends_on", "status"),
    [
        ("Vigente", "2026-01-01", S.EXECUTING),
        ("Em execução", None, S.EXECUTING),
        ("", "2026-01-01", S.EXECUTING),
        ("Situação desconhecida", None, S.EXECUTING),
        ("Vigente", "2025-05-31", S.ENDED),
        ("", "2020-01-01", S.ENDED),
        ("Em prestação de contas", "2026-01-01", S.ENDED),
        ("Aguardando análise", None, S.ENDED),
        ("Encerrado", "2026-01-01", S.CLOSED),
        ("EXTINTO", None, S.CLOSED),
        ("Concluída", None, S.CLOSED),
        ("Rescindido", None, S.CLOSED),
        ("Prestação de contas aprovada", None, S.CLOSED),
    ],
)
def test_status_mapping(situation, ends_on, status):
    end = dt.date.fromisoformat(ends_on) if ends_on else None

    assert status_of(situation, end, TODAY) == status


def _row(**cells):
    row = dict.fromkeys(
        (
            "numero instrumento orgao osc_nome osc_cnpj objeto valor_total "
            "valor_liberado inicio_vigencia fim_vigencia situacao data_assinatura"
        ).split(),
        "",
    )
    row.update(
        numero="1/2024", instrumento="Termo de Fomento", osc_cnpj="58238866000115"
    )
    row.update(cells)
    return row


def test_signature_date_column_wins_over_the_start_of_the_vigencia():
    parsed = parse_row(
        2,
        _row(inicio_vigencia="01/03/2024", data_assinatura="20/02/2024"),
        today=TODAY,
    )

    assert parsed.values["signed_on"] == dt.date(2024, 2, 20)
    assert parsed.values["starts_on"] == dt.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"numero": " "}, "número da parceria em branco"),
        ({"numero": "x" * 41}, "número com mais de 40"),
        ({"osc_cnpj": ""}, "CNPJ da OSC em branco"),
        ({"osc_cnpj": "58.238.866/0001-16"}, "CNPJ inválido"),
        ({"instrumento": ""}, "instrumento em branco"),
        ({"instrumento": "Convênio " + "x" * 100}, "mais de 100"),
        ({"valor_liberado": "dez reais"}, "não é dinheiro"),
        ({"fim_vigencia": "2024-13-01"}, "data inválida"),
        (
            {"inicio_vigencia": "01/03/2024", "fim_vigencia": "01/03/2024"},
            "não é posterior ao início",
        ),
        (
            {"instrumento": "Acordo de Cooperação", "valor_total": "1,00"},
            "não envolve transferência de recursos",
        ),
        ({"objeto": "x" * 5001}, "objeto com mais de 5000"),
    ],
)
def test_bad_rows(cells, reason):
    with pytest.raises(RowRejected, match=reason):
        parse_row(2, _row(**cells), today=TODAY)


def test_numeric_cnpj_that_lost_its_leading_zeros_is_padded():
    parsed = parse_row(2, _row(osc_cnpj="7837375000150"), today=TODAY)

    assert parsed.cnpj == "07837375000150"


# One transaction per row ------------------------------------------------------------


@pytest.mark.django_db
def test_a_row_that_fails_while_writing_leaves_nothing_and_the_others_import(
    tmp_path, monkeypatch
):
    path = tmp_path / "x.csv"
    path.write_text(
        "numero;instrumento;orgao;osc_nome;osc_cnpj\n"
        "A-1;Convênio;Órgão Novo Um;Entidade Um;58.238.866/0001-15\n"
        "A-2;Convênio;Órgão Novo Dois;Entidade Dois;60.015.070/0001-45\n"
        "A-3;Convênio;Órgão Novo Um;Entidade Três;58.258.633/0001-84\n",
        encoding="utf-8",
    )
    create = PartnershipLog.objects.create

    def failing_create(**kwargs):
        # The log is the last write of a row: everything before it must roll back.
        if kwargs["partnership"].number == "A-2":
            raise DatabaseError("disco cheio")
        return create(**kwargs)

    monkeypatch.setattr(PartnershipLog.objects, "create", failing_create)
    out = io.StringIO()

    call_command("import_partnerships", str(path), stdout=out)

    assert "linha 3 (A-2): erro ao gravar: disco cheio" in out.getvalue()
    assert "2 criadas, 0 atualizadas, 0 sem alteração, 1 rejeitadas" in out.getvalue()
    assert set(Partnership.objects.values_list("number", flat=True)) == {"A-1", "A-3"}
    assert not Entity.objects.filter(cnpj="60015070000145").exists()
    assert not Body.objects.filter(name="Órgão Novo Dois").exists()
    assert Body.objects.filter(name="Órgão Novo Um").count() == 1
    assert PartnershipLog.objects.filter(action="imported").count() == 2
