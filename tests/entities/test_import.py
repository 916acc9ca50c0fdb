"""`manage.py import_entities`: the Mapa das OSCs CSV import (entities/importers/)."""

import io
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entities.importers import MapaOscImporter
from entities.models import Area, Cnae, Entity, EntityEvent
from tests.factories.entities import EntityFactory, RepresentativeFactory, make_cnpj

pytestmark = pytest.mark.django_db

# A real Mapa das OSCs extract, kept in the repository (see tests/data/SOURCES.md).
SANTOS = (
    Path(__file__).resolve().parents[1] / "data" / "mapaosc_santos" / "oscs_santos.csv"
)
SANTOS_ROWS = 2459

HEADER = (
    "cnpj;tx_razao_social_osc;tx_nome_fantasia_osc;cd_natureza_juridica_osc;dt_fundacao_osc;"
    "situacao_cadastral;tx_endereco_completo;cd_municipio;municipio_nome;UF_Sigla;longitude;"
    "latitude;cnae;Area_Assistencia_social;Area_Cultura_e_recreacao;Area_Saude;"
    "SubArea_Cultura_e_arte;SubArea_Esportes_e_recreacao"
)


def _row(
    cnpj,
    name="ASSOCIACAO EXEMPLO",
    *,
    trade="",
    nature="3999",
    founded="2001-02-03",
    situation="Ativa",
    address="RUA UM, 10, SALA 2, CENTRO, Betim, MG, 32600000",
    city="BETIM",
    uf="MG",
    lon="-44,2",
    lat="-19,9",
    cnae="94308",
    areas=("0.0", "0.0", "0.0", "0.0", "0.0"),
):
    return ";".join(
        [
            cnpj,
            name,
            trade,
            nature,
            founded,
            situation,
            address,
            "3106705.0",
            city,
            uf,
            lon,
            lat,
            cnae,
            *areas,
        ]
    )


def _csv(tmp_path, *rows, name="oscs.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding=encoding)
    return path


def _import(path, *args):
    out = io.StringIO()
    call_command("import_entities", str(path), "--no-progress", *args, stdout=out)
    return out.getvalue()


# The real Santos file -------------------------------------------------------------


@pytest.fixture
def santos_file():
    return SANTOS


def test_real_santos_file_imports_and_a_rerun_changes_nothing(santos_file):
    started = time.perf_counter()
    first = MapaOscImporter().run_file(santos_file)
    elapsed = time.perf_counter() - started

    print(f"\nSantos: {first.summary()} in {elapsed:.1f} s")
    for note in first.rejected[:10]:
        print(f"  rejected line {note.line}: {note.reason}")
    assert first.rows == SANTOS_ROWS
    # Every CNPJ of the file is valid once the lost leading zeros are restored.
    assert first.rejected == []
    assert first.created == SANTOS_ROWS
    assert Entity.objects.filter(source="import").count() == SANTOS_ROWS
    imported = Entity.objects.filter(source="import")
    assert not imported.exclude(status="draft").exists()
    assert not imported.filter(representatives__isnull=False).exists()
    assert (
        imported.filter(areas__isnull=True).count() == 22
    )  # rows without any area flag
    # 357 rows give a 5-digit CNAE class with no "00" subclass (9319-1 has only
    # 9319101 and 9319199): left blank, each with a warning.
    cnae_warnings = [w for w in first.warnings if "CNAE" in w.reason]
    assert imported.filter(main_cnae__isnull=True).count() == len(cnae_warnings) == 357
    assert elapsed < 60

    second = MapaOscImporter().run_file(santos_file)

    assert (second.created, second.updated, second.rejected) == (0, 0, [])
    assert second.unchanged == SANTOS_ROWS
    assert Entity.objects.count() == SANTOS_ROWS


def test_santos_row_is_mapped_field_by_field(santos_file):
    MapaOscImporter().run_file(santos_file)

    # First data row of the file.
    entity = Entity.objects.get(cnpj="11061656000211")
    assert entity.name == "ASSOCIACAO SOCIAL SAGRADA FAMILIA"
    assert (
        entity.trade_name == "INSTITUTO DE EDUCACAO INFANTIL SAO JOSE UNIDADE CAMINHO"
    )
    assert entity.legal_nature.code == "3999"
    assert entity.founded_on.isoformat() == "2024-12-17"
    assert entity.main_cnae.code == "8511200"
    assert (entity.street, entity.number, entity.complement) == (
        "RUA DO CAMINHO SAO JOSE",
        "115",
        "",
    )
    assert entity.neighbourhood == "Radio Clube"
    assert (entity.city, entity.state, entity.cep) == ("Santos", "SP", "11088501")
    assert [a.slug for a in entity.areas.all()] == ["educacao-e-pesquisa"]
    assert entity.kind == "osc"
    assert entity.source == "import"
    assert entity.status == "draft"
    assert entity.search_text  # searchable at once
    # A CNPJ that lost its leading zeros in the spreadsheet is stored padded.
    assert Entity.objects.filter(cnpj__startswith="0").count() == 650


def test_import_runs_in_bulk_not_row_by_row(santos_file, tmp_path):
    lines = santos_file.read_text(encoding="utf-8").splitlines()
    small = tmp_path / "small.csv"
    small.write_text("\n".join(lines[:1001]) + "\n", encoding="utf-8")

    with CaptureQueriesContext(connection) as ctx:
        MapaOscImporter(chunk_size=500).run_file(small)

    # 1,000 rows in two chunks: a bounded number of statements per chunk.
    assert len(ctx.captured_queries) < 120


# Bad rows --------------------------------------------------------------------------


def test_every_kind_of_bad_row_is_reported_with_line_and_reason(tmp_path):
    path = _csv(
        tmp_path,
        _row(make_cnpj(1)),  # line 2: fine
        _row("11111111111111"),  # 3: invalid (repeated digits)
        _row("11222333000180"),  # 4: wrong check digits
        _row(make_cnpj(2), name="   "),  # 5: no name
        _row(make_cnpj(3), founded="31/02/2001"),  # 6: impossible date
        _row(make_cnpj(4), founded="ontem"),  # 7: not a date
        _row(make_cnpj(5), nature="9999"),  # 8: unknown natureza
        _row(make_cnpj(1), name="DUPLICADA"),  # 9: same CNPJ as line 2
        _row(make_cnpj(6), situation="Baixada"),  # 10: closed CNPJ
        _row(make_cnpj(7), name="X" * 201),  # 11: name too long
        _row(make_cnpj(8), founded="2999-01-01"),  # 12: foundation in the future
        _row(""),  # 13: no CNPJ
    )

    output = _import(path)

    rejected = {
        int(line.split()[1]): line
        for line in output.splitlines()
        if line.startswith("  linha")
    }
    assert sorted(rejected) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    assert "CNPJ inválido" in rejected[3]
    assert "CNPJ inválido" in rejected[4]
    assert "razão social em branco" in rejected[5]
    assert "data de fundação inválida" in rejected[6]
    assert "data de fundação inválida" in rejected[7]
    assert "natureza jurídica desconhecida" in rejected[8]
    assert "CNPJ repetido no arquivo (já na linha 2)" in rejected[9]
    assert "Baixada" in rejected[10]
    assert "200 caracteres" in rejected[11]
    assert "fora do intervalo" in rejected[12]
    assert "1 criadas" in output
    assert "11 rejeitadas" in output
    assert Entity.objects.get().name == "ASSOCIACAO EXEMPLO"


def test_branches_are_distinct_entities(tmp_path):
    base = make_cnpj(42)[:8]
    head, branch = (f"{base}{order}" for order in ("0001", "0002"))
    from entities.validators import cnpj_check_digits

    path = _csv(
        tmp_path,
        _row(head + cnpj_check_digits(head)),
        _row(branch + cnpj_check_digits(branch)),
    )

    report = MapaOscImporter().run_file(path)

    assert report.created == 2
    assert Entity.objects.values("slug").distinct().count() == 2


def test_cnae_class_codes_map_to_the_00_subclass_or_warn(tmp_path):
    path = _csv(
        tmp_path,
        _row(make_cnpj(1), cnae="94308"),
        _row(make_cnpj(2), cnae="9430800"),
        _row(make_cnpj(3), cnae="12345"),
        _row(make_cnpj(4), cnae=""),
    )

    report = MapaOscImporter().run_file(path)

    codes = dict(Entity.objects.values_list("cnpj", "main_cnae__code"))
    assert codes[make_cnpj(1)] == codes[make_cnpj(2)] == "9430800"
    assert codes[make_cnpj(3)] is None
    assert codes[make_cnpj(4)] is None
    assert [w.line for w in report.warnings] == [4]
    assert Cnae.objects.filter(code="1234500").count() == 0


def test_area_flags_map_to_our_areas(tmp_path):
    path = _csv(
        tmp_path,
        _row(make_cnpj(1), areas=("1.0", "0.0", "1.0", "0.0", "0.0")),
        _row(make_cnpj(2), areas=("0.0", "1.0", "0.0", "0.0", "1.0")),
        _row(make_cnpj(3), areas=("0.0", "1.0", "0.0", "1.0", "1.0")),
        _row(make_cnpj(4), areas=("0.0", "1.0", "0.0", "0.0", "0.0")),
        _row(make_cnpj(5), areas=("", "", "", "", "")),
    )

    MapaOscImporter().run_file(path)

    def slugs(n):
        return sorted(
            Entity.objects.get(cnpj=make_cnpj(n)).areas.values_list("slug", flat=True)
        )

    assert slugs(1) == ["assistencia-social", "saude"]
    assert slugs(2) == ["esporte-e-lazer"]
    assert slugs(3) == ["cultura-e-arte", "esporte-e-lazer"]
    assert slugs(4) == ["cultura-e-arte"]
    assert slugs(5) == []


def test_betim_neighbourhood_links_the_bairro(tmp_path):
    path = _csv(
        tmp_path,
        _row(make_cnpj(1), address="RUA A, 1, , CITROLANDIA, Betim, MG, 32600000"),
    )

    MapaOscImporter().run_file(path)

    entity = Entity.objects.get()
    assert [b.slug for b in entity.bairros.all()] == ["citrolandia"]
    assert entity.search_text.count("citrolandia") >= 1


# Upsert ----------------------------------------------------------------------------------


def test_changed_rows_update_unclaimed_imported_entities(tmp_path):
    _import(_csv(tmp_path, _row(make_cnpj(1)), _row(make_cnpj(2))))

    output = _import(
        _csv(
            tmp_path,
            _row(
                make_cnpj(1),
                name="NOVO NOME",
                areas=("0.0", "0.0", "1.0", "0.0", "0.0"),
            ),
            _row(make_cnpj(2)),
            _row(make_cnpj(3)),
            name="second.csv",
        )
    )

    assert "1 criadas, 1 atualizadas, 1 sem alteração" in output
    updated = Entity.objects.get(cnpj=make_cnpj(1))
    assert updated.name == "NOVO NOME"
    assert list(updated.areas.values_list("slug", flat=True)) == ["saude"]
    assert "novo nome" in updated.search_text
    assert updated.slug == "associacao-exemplo"  # URLs do not move
    assert EntityEvent.objects.filter(entity=updated, action="import").count() == 2


def test_entities_with_representatives_keep_their_data(tmp_path, user_factory):
    _import(_csv(tmp_path, _row(make_cnpj(1))))
    claimed = Entity.objects.get()
    RepresentativeFactory(entity=claimed, user=user_factory())
    own = EntityFactory(cnpj=make_cnpj(2), name="Cadastro Próprio")

    output = _import(
        _csv(
            tmp_path,
            _row(make_cnpj(1), name="SOBRESCRITO"),
            _row(make_cnpj(2), name="OUTRO"),
            name="b.csv",
        )
    )

    assert "2 ignoradas" in output
    assert "tem representantes" in output
    assert "cadastrada por ela mesma" in output
    claimed.refresh_from_db()
    own.refresh_from_db()
    assert claimed.name == "ASSOCIACAO EXEMPLO"
    assert own.name == "Cadastro Próprio"


def test_dry_run_writes_nothing(tmp_path):
    output = _import(
        _csv(tmp_path, _row(make_cnpj(1)), _row(make_cnpj(2))), "--dry-run"
    )

    assert "[simulação]" in output
    assert "2 criadas" in output
    assert not Entity.objects.exists()
    assert not Area.objects.filter(entities__isnull=False).exists()


def test_imported_entities_stay_out_of_the_directory(client, tmp_path):
    _import(_csv(tmp_path, _row(make_cnpj(1), name="ASSOCIACAO IMPORTADA")))

    assert "ASSOCIACAO IMPORTADA" not in client.get("/entidades/").content.decode()


# The file itself -------------------------------------------------------------------


def test_missing_columns_is_a_clear_error(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("cnpj,nome\n11222333000181,X\n", encoding="utf-8")

    with pytest.raises(CommandError, match="Colunas obrigatórias ausentes"):
        _import(path)


def test_unreadable_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Não foi possível abrir"):
        _import(tmp_path / "nao-existe.csv")


def test_wrong_encoding_is_a_clear_error(tmp_path):
    path = _csv(tmp_path, _row(make_cnpj(1), name="ASSOCIAÇÃO"), encoding="latin-1")

    with pytest.raises(CommandError, match="codificação"):
        _import(path)

    assert "1 criadas" in _import(path, "--encoding", "latin-1")


def test_comma_separated_file_with_bom(tmp_path):
    path = tmp_path / "comma.csv"
    path.write_text(
        "\ufeff"
        + HEADER.replace(";", ",")
        + "\n"
        + _row(make_cnpj(1), address="").replace(";", ",")
        + "\n",
        encoding="utf-8",
    )

    assert "1 criadas" in _import(path, "--delimiter", ",")
