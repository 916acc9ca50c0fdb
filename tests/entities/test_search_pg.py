"""Full-text search of the directory on PostgreSQL: a pt-BR query table.

Each query names the entity a person looking for it expects in the first ten
results. The table covers accents typed or not, plurals, partial words, bairro
and area names, and "ONG"/"OSC" noise. Recall@10 must stay at or above 0.9.
"""

import pytest
from django.db import connection

from civic.territory.models import Bairro, Regional
from entities.models import Area, Entity
from entities.selectors import entities_directory
from tests.entities.listing import publish

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="PostgreSQL full-text search (Portuguese stemmer, tsvector/GIN); "
        "SQLite uses the simpler word-containment fallback, tested in test_selectors.py",
    ),
]

# name, trade name, area slugs, bairro slugs, summary
CORPUS = [
    (
        "Associação dos Moradores de Citrolândia",
        "",
        ["habitacao-e-desenvolvimento-comunitario"],
        ["citrolandia"],
        "Organiza os moradores para melhorias de infraestrutura no bairro.",
    ),
    (
        "Grupo de Capoeira Raízes de Minas",
        "",
        ["cultura-e-arte", "esporte-e-lazer"],
        ["angola"],
        "Aulas de capoeira angola e regional para crianças e jovens.",
    ),
    (
        "Creche Comunitária Menino Jesus",
        "",
        ["educacao-e-pesquisa"],
        ["jardim-teresopolis"],
        "Educação infantil em tempo integral para filhos de mães trabalhadoras.",
    ),
    (
        "Associação de Pais e Amigos dos Excepcionais de Betim",
        "APAE Betim",
        ["educacao-e-pesquisa", "saude"],
        ["centro"],
        "Atendimento a pessoas com deficiência intelectual e múltipla.",
    ),
    (
        "Grupo de Proteção Animal Patinhas",
        "",
        ["meio-ambiente-e-protecao-animal"],
        ["teresopolis"],
        "Resgate, castração e adoção responsável de cães e gatos.",
    ),
    (
        "Instituto Mente Sã",
        "",
        ["saude"],
        ["ingá"],
        "Saúde mental e apoio a famílias de dependentes químicos.",
    ),
    (
        "Associação dos Catadores de Materiais Recicláveis de Betim",
        "ASCAMARB",
        ["trabalho-emprego-e-renda"],
        ["imbirucu"],
        "Coleta seletiva, triagem e venda de recicláveis com renda para as famílias.",
    ),
    (
        "Cia. de Teatro Vento Leste",
        "",
        ["cultura-e-arte"],
        ["pTB"],
        "Espetáculos de teatro de rua e oficinas de interpretação.",
    ),
    (
        "Esporte Clube Vila Bandeirinhas",
        "",
        ["esporte-e-lazer"],
        ["bandeirinhas"],
        "Escolinha de futebol e campeonatos de várzea.",
    ),
    (
        "Coletivo de Mulheres Negras Dandara",
        "",
        ["desenvolvimento-e-defesa-de-direitos"],
        ["jardim-brasilia"],
        "Combate ao racismo e à violência contra a mulher.",
    ),
    (
        "Lar dos Idosos São Vicente de Paulo",
        "",
        ["assistencia-social"],
        ["vianopolis"],
        "Instituição de longa permanência para pessoas idosas.",
    ),
    (
        "Cursinho Popular Quilombo",
        "",
        ["educacao-e-pesquisa"],
        ["icaivera"],
        "Pré-vestibular comunitário gratuito para estudantes de escolas públicas.",
    ),
    (
        "Coletivo Horta Viva",
        "",
        ["meio-ambiente-e-protecao-animal"],
        ["petrovale"],
        "Hortas comunitárias e educação ambiental nas escolas.",
    ),
    (
        "Associação Esportiva Judô e Jiu-Jítsu Teresópolis",
        "",
        ["esporte-e-lazer"],
        ["jardim-teresopolis"],
        "Artes marciais para crianças da regional.",
    ),
    (
        "Igreja Evangélica Assembleia de Deus Ministério Betim",
        "",
        ["religiao"],
        ["centro"],
        "Ação social, sopão solidário e visitas a hospitais.",
    ),
    (
        "Banda Musical Lira Betinense",
        "",
        ["cultura-e-arte"],
        ["centro"],
        "Banda de música centenária que forma jovens instrumentistas.",
    ),
    (
        "Associação Comercial e Empresarial de Betim",
        "ACEB",
        ["associacoes-patronais-e-profissionais"],
        ["centro"],
        "Representação dos comerciantes e apoio ao microempreendedor.",
    ),
    (
        "Conselho Comunitário de Segurança do PTB",
        "",
        ["desenvolvimento-e-defesa-de-direitos"],
        ["ptb"],
        "Segurança pública e prevenção da violência.",
    ),
]

# Noise: entities sharing the common words, so ranking matters.
NOISE = [
    (
        "Associação Comunitária do Bairro {b}",
        ["habitacao-e-desenvolvimento-comunitario"],
        "Associação de moradores que promove festas e mutirões.",
    ),
    (
        "Centro Cultural {b}",
        ["cultura-e-arte"],
        "Oficinas de dança, música e artesanato para a comunidade.",
    ),
    (
        "Escola de Futebol Amigos do {b}",
        ["esporte-e-lazer"],
        "Futebol de base para crianças e adolescentes.",
    ),
    (
        "Instituto Social {b}",
        ["assistencia-social"],
        "Distribuição de cestas básicas e apoio a famílias.",
    ),
]

QUERIES = [
    ("associacao moradores citrolandia", "Associação dos Moradores de Citrolândia"),
    (
        "Associação dos Moradores de Citrolândia",
        "Associação dos Moradores de Citrolândia",
    ),
    ("associações de moradores citrolandia", "Associação dos Moradores de Citrolândia"),
    ("ASSOCIACAO DOS MORADORES", "Associação dos Moradores de Citrolândia"),
    ("assoc moradores citrol", "Associação dos Moradores de Citrolândia"),
    ("capoeira", "Grupo de Capoeira Raízes de Minas"),
    ("capoeira raizes", "Grupo de Capoeira Raízes de Minas"),
    ("capoei", "Grupo de Capoeira Raízes de Minas"),
    ("creche", "Creche Comunitária Menino Jesus"),
    ("creches comunitarias", "Creche Comunitária Menino Jesus"),
    ("educação infantil teresópolis", "Creche Comunitária Menino Jesus"),
    ("apae", "Associação de Pais e Amigos dos Excepcionais de Betim"),
    (
        "pais e amigos dos excepcionais",
        "Associação de Pais e Amigos dos Excepcionais de Betim",
    ),
    (
        "deficiencia intelectual",
        "Associação de Pais e Amigos dos Excepcionais de Betim",
    ),
    ("ONG proteção animal", "Grupo de Proteção Animal Patinhas"),
    ("protecao animais", "Grupo de Proteção Animal Patinhas"),
    ("patinhas", "Grupo de Proteção Animal Patinhas"),
    ("OSC saúde mental", "Instituto Mente Sã"),
    ("saude mental", "Instituto Mente Sã"),
    ("catadores", "Associação dos Catadores de Materiais Recicláveis de Betim"),
    (
        "catador reciclaveis",
        "Associação dos Catadores de Materiais Recicláveis de Betim",
    ),
    ("ascamarb", "Associação dos Catadores de Materiais Recicláveis de Betim"),
    ("teatro", "Cia. de Teatro Vento Leste"),
    ("teatro de rua", "Cia. de Teatro Vento Leste"),
    ("escolinha de futebol bandeirinhas", "Esporte Clube Vila Bandeirinhas"),
    ("bandeirinhas", "Esporte Clube Vila Bandeirinhas"),
    ("mulheres negras", "Coletivo de Mulheres Negras Dandara"),
    ("dandara", "Coletivo de Mulheres Negras Dandara"),
    ("racismo", "Coletivo de Mulheres Negras Dandara"),
    ("idosos", "Lar dos Idosos São Vicente de Paulo"),
    ("lar idoso", "Lar dos Idosos São Vicente de Paulo"),
    ("sao vicente de paulo", "Lar dos Idosos São Vicente de Paulo"),
    ("pre-vestibular", "Cursinho Popular Quilombo"),
    ("quilombo", "Cursinho Popular Quilombo"),
    ("hortas comunitarias", "Coletivo Horta Viva"),
    ("horta", "Coletivo Horta Viva"),
    ("jiu-jitsu", "Associação Esportiva Judô e Jiu-Jítsu Teresópolis"),
    ("judo teresopolis", "Associação Esportiva Judô e Jiu-Jítsu Teresópolis"),
    ("assembleia de deus", "Igreja Evangélica Assembleia de Deus Ministério Betim"),
    ("igreja evangelica", "Igreja Evangélica Assembleia de Deus Ministério Betim"),
    ("lira", "Banda Musical Lira Betinense"),
    ("banda de musica", "Banda Musical Lira Betinense"),
    ("aceb", "Associação Comercial e Empresarial de Betim"),
    ("comerciantes", "Associação Comercial e Empresarial de Betim"),
    ("segurança ptb", "Conselho Comunitário de Segurança do PTB"),
]


@pytest.fixture
def corpus(entity_factory):
    bairros = {b.slug: b for b in Bairro.objects.select_related("regional")}
    areas = {a.slug: a for a in Area.objects.all()}

    def bairro(slug):
        return bairros.get(slug.lower()) or bairros.get(slug.lower().replace("á", "a"))

    for name, trade_name, area_slugs, bairro_slugs, summary in CORPUS:
        entity = entity_factory(
            name=name,
            trade_name=trade_name,
            summary=summary,
            areas=[areas[s] for s in area_slugs],
        )
        served = [b for b in (bairro(s) for s in bairro_slugs) if b]
        entity.bairros.set(served)
        entity.regionais.set({b.regional for b in served})
        publish(entity)
    for _i, b in enumerate(Bairro.objects.select_related("regional")):
        for template, area_slugs, summary in NOISE:
            entity = entity_factory(
                name=template.format(b=b.name),
                summary=summary,
                areas=[areas[s] for s in area_slugs],
            )
            entity.bairros.set([b])
            entity.regionais.set([b.regional])
            publish(entity)
    return Entity.objects.listed().count()


def test_recall_at_10_on_the_pt_br_query_table(corpus):
    assert len(QUERIES) >= 30
    misses = []
    for query, expected in QUERIES:
        top = [e.name for e in entities_directory(q=query)[:10]]
        if expected not in top:
            misses.append((query, expected, top[:3]))

    recall = 1 - len(misses) / len(QUERIES)
    print(
        f"\nrecall@10 = {recall:.3f} on {len(QUERIES)} queries over {corpus} entities"
    )
    for miss in misses:
        print("  miss:", miss)
    assert recall >= 0.9


def test_name_matches_rank_above_summary_matches(corpus):
    results = [e.name for e in entities_directory(q="futebol")[:3]]

    # "Escola de Futebol ..." names (weight A) come before a summary mention (C).
    assert all(name.startswith("Escola de Futebol") for name in results)


def test_stop_words_and_noise_alone_list_everything(corpus):
    assert entities_directory(q="ONG de da").count() == corpus


def test_search_combines_with_filters(corpus):
    regional = Regional.objects.get(slug="centro")

    names = [e.name for e in entities_directory(q="associacao", regional=regional.slug)]

    assert "Associação de Pais e Amigos dos Excepcionais de Betim" in names
    assert "Associação dos Moradores de Citrolândia" not in names


def test_search_condition_uses_the_gin_index(corpus):
    from entities.selectors.directory import _tsquery, search_terms

    queryset = Entity.objects.filter(
        search_document=_tsquery(search_terms("capoeira raizes"))
    )
    with connection.cursor() as cursor:
        # The corpus is small enough for a sequential scan: ask whether the
        # condition can use the index at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()

    assert "entities_entity_search_gin" in plan
