"""`manage.py import_partnerships`: real-shaped portal files, each dialect,
--map, legacy instruments, entities matched or created, bad rows, reruns."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from consultations.models import Body
from entities.models import Entity, EntityEvent
from entities.partnerships.models import Instrument, Partnership, PartnershipLog
from tests.factories.entities import EntityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    """Statuses depend on today: the tests import on 1 June 2025."""
    with time_machine.travel("2025-06-01 12:00:00-03:00", tick=False):
        yield


DATA = Path(__file__).resolve().parent / "data"
MG = DATA / "mg_termos_parceria.csv"
BETIM = DATA / "betim_latin1.csv"
COMMA = DATA / "comma_utf8_bom.csv"
SANTOS = DATA / "santos_tb_parcerias.csv"

MG_MAP = [
    "ID_INSTRUMENTO=numero",
    "TIPO_INSTRUMENTO=instrumento",
    "ORGAO_ESTATAL_NOME=orgao",
    "ENTIDADE_PARCEIRA_NOME=osc_nome",
    "ENTIDADE_PARCEIRA_CNPJ=osc_cnpj",
    "OBJETO=objeto",
    "SITUACAO=situacao",
    "DATA_INICIO_VIGENCIA=inicio_vigencia",
    "DATA_FIM_VIGENCIA=fim_vigencia",
]
SANTOS_MAP = [
    "num_parceria=numero",
    "cnpj=osc_cnpj",
    "nm_orgao_entidade_parceira=orgao",
    "tp_instrumento_parceria=instrumento",
]


def _import(path, *args, mapping=()):
    out = io.StringIO()
    options = [f"--map={m}" for m in mapping]
    call_command("import_partnerships", str(path), *options, *args, stdout=out)
    return out.getvalue()


def _p(number) -> Partnership:
    return Partnership.objects.select_related("entity", "body").get(number=number)


# Each dialect --------------------------------------------------------------------


def test_utf8_semicolon_iso_dates_with_map_on_the_real_mg_file():
    out = _import(MG, mapping=MG_MAP)

    assert "Arquivo lido como utf-8-sig, separador ';'" in out
    assert "13 linhas: 8 criadas, 0 atualizadas, 0 sem alteração, 5 rejeitadas." in out
    first = _p("CG_001/2018")
    assert first.instrument == Instrument.LEGACY
    assert first.legacy_instrument == "Contrato de Gestão"
    assert first.body.name == "Secretaria de Estado de Cultura de Minas Gerais"
    assert first.entity.cnpj == "07837375000150"
    assert first.starts_on.isoformat() == "2018-12-29"
    assert first.ends_on.isoformat() == "2019-06-26"
    assert first.signed_on == first.starts_on  # no signature column
    assert first.imported_status == "Extinto"
    assert first.origin == Partnership.Origin.IMPORT
    # No money columns in the MG file: released stays empty, the total is zero.
    assert first.imported_released is None
    assert first.total_value == Decimal("0.00")
    assert _p("TP_003/2005").object.startswith('Elaboração da "Agenda 21" nos')


def test_quoted_cell_over_several_lines_keeps_line_numbers_right():
    out = _import(MG, mapping=MG_MAP)

    assert _p("TP_018/2007").object.count("\n") == 0  # spaces collapsed
    assert "c) assessoramento" in _p("TP_018/2007").object
    # TP_018 spans file lines 8-11, so the rows after it start on line 13.
    assert "linha 13 (TP_900/2006): CNPJ inválido: '07.052.261/0001-09'" in out


def test_latin1_semicolon_brazilian_dates_and_decimal_comma():
    out = _import(BETIM)

    assert "Arquivo lido como cp1252, separador ';'" in out
    assert "9 linhas: 5 criadas, 0 atualizadas, 0 sem alteração, 4 rejeitadas." in out
    fomento = _p("TF-001/2024")
    assert fomento.instrument == Instrument.FOSTERING
    assert fomento.legacy_instrument == ""
    assert fomento.total_value == Decimal("1234567.89")
    assert fomento.imported_released == Decimal("617283.95")
    assert fomento.starts_on.isoformat() == "2024-03-01"
    assert fomento.body.name == "Secretaria Municipal de Assistência Social"
    assert _p("TC-002/2023").instrument == Instrument.COLLABORATION
    cooperation = _p("ACT-003/2022")
    assert cooperation.instrument == Instrument.COOPERATION
    assert cooperation.entity.name == "Associação Cultural Çarandaí"
    assert cooperation.entity.cnpj == "12ABC345000188"  # alphanumeric CNPJ
    assert _p("SUB-005/2019").total_value == Decimal("12500.50")


def test_utf8_bom_comma_iso_dates_and_decimal_point():
    out = _import(COMMA)

    assert "Arquivo lido como utf-8-sig, separador ','" in out
    assert "3 linhas: 3 criadas, 0 atualizadas, 0 sem alteração, 0 rejeitadas." in out
    colab = _p("TC-012/2024")
    assert colab.instrument == Instrument.COLLABORATION  # "nº 12/2024" ignored
    assert colab.total_value == Decimal("250000.50")
    assert colab.imported_released == Decimal("125000.25")
    assert colab.object.startswith("Concertos didáticos, oficinas")
    assert _p("TF-013/2024").instrument == Instrument.FOSTERING  # upper case
    assert (
        _p("TF-013/2024").object == 'Projeto "Cultura na Praça", proposto pela entidade'
    )
    assert _p("TP-014/2010").total_value == Decimal("1500000.00")
    assert _p("TP-014/2010").entity.name == (
        "Centro Mineiro de Alianças Intersetoriais, OSCIP"
    )


def test_encoding_and_delimiter_can_be_forced(tmp_path):
    path = tmp_path / "pipe.csv"
    path.write_text(
        "numero|instrumento|orgao|osc_nome|osc_cnpj\n"
        "A-1|Termo de Fomento|SEMAS|Associação Um|58.238.866/0001-15\n",
        encoding="utf-16",
    )

    out = _import(path, "--encoding=utf-16", "--delimiter=|")

    assert "1 criadas" in out
    assert _p("A-1").entity.name == "Associação Um"


def test_wrong_forced_encoding_and_unknown_encoding_are_command_errors(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("numero;orgao\nA-1;Saúde\n".encode("latin-1"))

    with pytest.raises(CommandError, match="não está em utf-8"):
        _import(path, "--encoding=utf-8")
    with pytest.raises(CommandError, match="Codificação desconhecida"):
        _import(path, "--encoding=klingon")
    with pytest.raises(CommandError, match="Não foi possível ler"):
        _import(tmp_path / "missing.csv")


# Columns and --map ----------------------------------------------------------------


def test_santos_file_maps_its_headers_and_absent_columns_stay_empty():
    for cnpj in ("58238866000115", "60015070000145", "58258633000184"):
        EntityFactory(cnpj=cnpj)

    out = _import(SANTOS, mapping=SANTOS_MAP)

    partnership = _p("119076")
    assert partnership.instrument == Instrument.LEGACY
    assert partnership.legacy_instrument == "Convênio"
    assert partnership.object == ""
    assert partnership.starts_on is None
    assert partnership.ends_on is None
    assert partnership.signed_on is None
    assert partnership.imported_status == ""
    assert partnership.imported_released is None
    assert "linha 3 (20569): número repetido no arquivo (já na linha 2)" in out
    # No osc_nome column: a CNPJ outside the registry cannot create an entity.
    assert "linha 6 (10599): OSC fora do cadastro e sem nome no arquivo" in out
    assert "9 linhas: 3 criadas, 0 atualizadas, 0 sem alteração, 6 rejeitadas." in out


def test_unknown_map_target_or_source_and_missing_number_column_are_refused(
    tmp_path,
):
    path = tmp_path / "x.csv"
    path.write_text("codigo;orgao\n1;SEMAS\n", encoding="utf-8")

    with pytest.raises(CommandError, match="Coluna obrigatória ausente: numero"):
        _import(path)
    with pytest.raises(CommandError, match="'valor' não é uma coluna conhecida"):
        _import(path, mapping=["codigo=valor"])
    with pytest.raises(CommandError, match="a coluna 'cod' não está no arquivo"):
        _import(path, mapping=["cod=numero"])
    with pytest.raises(CommandError, match="use --map coluna_do_arquivo=coluna"):
        _import(path, mapping=["codigo"])


def test_canonical_headers_match_case_insensitively_and_default_body(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(
        "NUMERO;Instrumento;OSC_CNPJ;osc_nome\n7/2020;Convênio;58.238.866/0001-15;Lar\n",
        encoding="utf-8",
    )

    out = _import(path, "--orgao=Prefeitura Municipal de Betim")

    assert "1 criadas" in out
    assert _p("7/2020").body.name == "Prefeitura Municipal de Betim"


# Legacy instruments, entities, bodies --------------------------------------------


def test_non_mrosc_instruments_are_legacy_named_as_in_the_file():
    _import(MG, mapping=MG_MAP)
    _import(BETIM)

    assert _p("TP_001/2005").legacy_instrument == "Termo de Parceria"
    assert _p("CV-004/2015").legacy_instrument == "Convênio"
    assert _p("SUB-005/2019").legacy_instrument == "Subvenção Social"
    assert _p("SUB-005/2019").instrument_display == "Subvenção Social"
    legacy = Partnership.objects.filter(instrument=Instrument.LEGACY)
    assert not legacy.filter(legacy_instrument="").exists()


def test_existing_entity_is_matched_by_cnpj_and_left_as_it_is():
    entity = EntityFactory(cnpj="58238866000115", name="Amigos da Criança (cadastro)")

    _import(BETIM)

    assert _p("TF-001/2024").entity == entity
    assert _p("SUB-005/2019").entity == entity  # unmasked CNPJ, same entity
    entity.refresh_from_db()
    assert entity.name == "Amigos da Criança (cadastro)"
    assert not EntityEvent.objects.filter(entity=entity).exists()


def test_missing_entities_are_created_as_imported_claimable_drafts():
    _import(BETIM)

    entity = Entity.objects.get(cnpj="60015070000145")
    assert entity.name == "Instituto Vida Plena"
    assert entity.source == Entity.Source.IMPORT
    assert entity.status == Entity.Status.DRAFT
    assert entity.kind == Entity.Kind.OSC
    assert not entity.representatives.exists()
    assert entity.slug == "instituto-vida-plena"
    event = EntityEvent.objects.get(entity=entity)
    assert event.action == "import"
    assert event.note == "Importada com as parcerias de betim_latin1.csv"
    # One entity per CNPJ even when two rows name it.
    assert Entity.objects.filter(cnpj="58238866000115").count() == 1


def test_bodies_are_matched_by_name_or_acronym_ignoring_case_and_accents():
    # Betim's bodies come with the reference data; one is spelt otherwise here.
    Body.objects.filter(name="Secretaria Municipal de Saúde").update(
        name="SECRETARIA MUNICIPAL DE SAUDE"
    )
    bodies = Body.objects.count()

    _import(BETIM)

    assert _p("TC-002/2023").body.name == "SECRETARIA MUNICIPAL DE SAUDE"
    social = Body.objects.get(acronym="SEMAS")
    assert _p("TF-001/2024").body == social
    assert _p("CV-004/2015").body == social  # "SEMAS": by acronym
    assert Body.objects.count() == bodies

    _import(MG, mapping=MG_MAP)

    assert Body.objects.filter(name="Fundação Clóvis Salgado").count() == 1


# Status ---------------------------------------------------------------------------


def test_status_comes_from_situacao_and_dates():
    _import(BETIM)
    _import(MG, mapping=MG_MAP)

    S = Partnership.Status
    assert _p("TF-001/2024").status == S.EXECUTING  # "Em execução", not over
    assert _p("TC-002/2023").status == S.ENDED  # "Em prestação de contas"
    assert _p("ACT-003/2022").status == S.CLOSED  # "Concluído"
    assert _p("ACT-003/2022").closed_on == _p("ACT-003/2022").ends_on
    assert _p("CV-004/2015").status == S.ENDED  # "Vigente" but over in 2016
    assert _p("SUB-005/2019").status == S.ENDED  # blank, over
    assert _p("CG_001/2018").status == S.CLOSED  # "Extinto"
    assert _p("TP_005/2005").status == S.CLOSED  # "Rescindido", word kept
    assert _p("TP_005/2005").imported_status == "Rescindido"
    assert _p("CG_005/2019").status == S.ENDED  # "Vigente", but over in 2023
    assert _p("CG_005/2019").closed_on is None


def test_vigente_within_its_dates_is_executing_and_ends_with_time():
    with time_machine.travel("2022-06-01 12:00:00-03:00", tick=False):
        _import(MG, mapping=MG_MAP)
    assert _p("CG_005/2019").status == Partnership.Status.EXECUTING

    out = _import(MG, mapping=MG_MAP)  # today: 1 June 2025

    assert _p("CG_005/2019").status == Partnership.Status.ENDED
    assert "0 criadas, 1 atualizadas, 7 sem alteração" in out
    assert _p("CG_005/2019").log.first().data["fields"] == ["status"]


# Bad rows, report, counts ---------------------------------------------------------


def test_bad_rows_are_reported_with_line_and_reason_and_good_rows_kept():
    out = _import(BETIM)

    assert "Linhas rejeitadas (4):" in out
    assert "linha 7 (TF-006/2024): valor que não é dinheiro: 'R$ mil'" in out
    assert "linha 8 (TF-007/2024): data inválida: '31/02/2024'" in out
    assert (
        "linha 9 (TF-008/2024): fim da vigência (01/03/2023) não é posterior "
        "ao início (01/03/2024)"
    ) in out
    assert "linha 10 (TF-009/2024): CNPJ inválido: '11.111.111/1111-11'" in out
    assert not Partnership.objects.filter(
        number__startswith="TF-00", number__gt="TF-005"
    ).exists()
    # A rejected row leaves no entity behind either.
    assert not Entity.objects.filter(cnpj="58198227000173").exists()


def test_mg_bad_rows_missing_number_and_duplicates():
    out = _import(MG, mapping=MG_MAP)

    assert "linha 14 (TP_901/2006): data inválida: '2006-02-30'" in out
    assert "linha 15 (TP_902/2007): fim da vigência (27/12/2006)" in out
    assert "linha 16 (sem número): número da parceria em branco" in out
    assert "linha 17 (CG_001/2018): número repetido no arquivo (já na linha 2)" in out


def test_report_option_writes_the_rejected_rows_as_csv(tmp_path):
    report = tmp_path / "rejeitadas.csv"

    out = _import(BETIM, f"--report={report}")

    assert f"Relatório das linhas rejeitadas gravado em {report}." in out
    with open(report, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [(r["linha"], r["numero"]) for r in rows] == [
        ("7", "TF-006/2024"),
        ("8", "TF-007/2024"),
        ("9", "TF-008/2024"),
        ("10", "TF-009/2024"),
    ]
    assert rows[0]["motivo"] == "valor que não é dinheiro: 'R$ mil'"
    assert rows[0]["osc_nome"] == "Associação Beneficente Ômega"
    assert rows[3]["osc_cnpj"] == "11.111.111/1111-11"


def test_report_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(
        "numero;osc_cnpj;instrumento;orgao\n=HYPERLINK(1);123;Convênio;SEMAS\n",
        encoding="utf-8",
    )
    report = tmp_path / "r.csv"

    _import(path, f"--report={report}")

    text = report.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(1)" in text


# Reruns ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "mapping", "created", "rejected"),
    [(MG, MG_MAP, 8, 5), (BETIM, (), 5, 4), (COMMA, (), 3, 0)],
)
def test_second_run_changes_nothing(path, mapping, created, rejected):
    first = _import(path, mapping=mapping)
    state = list(Partnership.objects.order_by("pk").values())
    logs = PartnershipLog.objects.count()
    entities = Entity.objects.count()

    second = _import(path, mapping=mapping)

    assert f"{created} criadas, 0 atualizadas, 0 sem alteração" in first
    assert (
        f"0 criadas, 0 atualizadas, {created} sem alteração, {rejected} rejeitadas."
    ) in second
    assert list(Partnership.objects.order_by("pk").values()) == state
    assert PartnershipLog.objects.count() == logs == created
    assert Entity.objects.count() == entities
    first_rejected = [ln for ln in first.splitlines() if ln.startswith("  linha")]
    second_rejected = [ln for ln in second.splitlines() if ln.startswith("  linha")]
    assert first_rejected == second_rejected


def test_changed_rows_are_updated_and_logged_once(tmp_path):
    _import(COMMA)
    text = COMMA.read_text(encoding="utf-8-sig").replace("250000.50", "260000.00")
    changed = tmp_path / "changed.csv"
    changed.write_text(text, encoding="utf-8")

    out = _import(changed)

    assert "0 criadas, 1 atualizadas, 2 sem alteração, 0 rejeitadas." in out
    partnership = _p("TC-012/2024")
    assert partnership.total_value == Decimal("260000.00")
    log = partnership.log.order_by("pk")
    assert [entry.action for entry in log] == ["imported", "imported"]
    assert log.last().data["fields"] == ["total_value"]
    assert log.last().note == "Importada de changed.csv, linha 2."
    assert log.first().from_status == ""
    assert log.first().to_status == Partnership.Status.EXECUTING


def test_a_partnership_made_on_the_platform_is_never_overwritten(tmp_path):
    from tests.factories.partnerships import PartnershipFactory

    own = PartnershipFactory(number="TC-012/2024")
    before = own.total_value

    out = _import(COMMA)

    assert "linha 2 (TC-012/2024): número já usado por uma parceria registrada" in out
    own.refresh_from_db()
    assert own.total_value == before
    assert own.origin != Partnership.Origin.IMPORT


def test_hostile_cells_are_rejected_or_cleaned_never_a_crash(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(
        "numero;instrumento;orgao;osc_nome;osc_cnpj;objeto;valor_total\n"
        "N-1;Convênio;SEMAS;Entidade\x00 Nula;58.238.866/0001-15;Obj\x00eto;10\n"
        f"N-2;Convênio;SEMAS;Entidade;60.015.070/0001-45;{'x' * 100_000};10\n"
        f"N-3;Convênio;{'y' * 300};Entidade;58.258.633/0001-84;;10\n"
        "N-4;Convênio;SEMAS;Entidade;58.258.633/0001-84;;99999999999999999999999\n"
        "N-5;Convênio;SEMAS;Entidade;58.258.633/0001-84;;10;extra;cells\n",
        encoding="utf-8",
    )

    out = _import(path)

    assert _p("N-1").entity.name == "Entidade Nula"
    assert _p("N-1").object == "Objeto"
    assert "linha 3 (N-2): objeto com mais de 5000 caracteres" in out
    assert "linha 4 (N-3): nome do órgão com mais de 200 caracteres" in out
    assert "linha 5 (N-4): valor grande demais" in out
    assert "5 linhas: 2 criadas, 0 atualizadas, 0 sem alteração, 3 rejeitadas." in out
