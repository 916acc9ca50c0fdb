"""Realistic synthetic entities for the search benchmark.

Names follow the patterns of real Brazilian OSC registries (the Mapa das OSCs):
"Associação Comunitária dos Moradores do Bairro Citrolândia", "Instituto Maria
Aparecida Souza", "Grupo de Capoeira Raízes de Betim". Bairros, regionais and
areas are the real ones in the database. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from faker.providers.person.pt_BR import Provider as PersonProvider

FIRST_NAMES = [n for n in PersonProvider.first_names if " " not in n]
LAST_NAMES = list(PersonProvider.last_names)
SAINTS = [
    "São José",
    "Santa Rita",
    "São Francisco de Assis",
    "Nossa Senhora Aparecida",
    "Santo Antônio",
    "São Vicente de Paulo",
    "Santa Luzia",
    "São Judas Tadeu",
    "Nossa Senhora das Graças",
    "Sagrada Família",
    "São Sebastião",
    "Santa Clara",
]
THEMES = {
    "assistencia-social": (
        ["Lar", "Casa de Acolhida", "Centro de Apoio", "Obra Social", "Abrigo"],
        [
            "famílias em situação de vulnerabilidade",
            "distribuição de cestas básicas",
            "acolhimento de pessoas idosas",
            "apoio a pessoas em situação de rua",
            "convivência e fortalecimento de vínculos",
        ],
    ),
    "cultura-e-arte": (
        [
            "Centro Cultural",
            "Grupo de Teatro",
            "Coral",
            "Associação Cultural",
            "Grupo de Capoeira",
            "Banda",
            "Ponto de Cultura",
        ],
        [
            "oficinas de teatro, dança e música",
            "preservação do congado e da folia de reis",
            "cineclube e biblioteca comunitária",
            "formação de jovens músicos",
            "festivais de cultura popular",
        ],
    ),
    "esporte-e-lazer": (
        [
            "Associação Esportiva",
            "Esporte Clube",
            "Escolinha de Futebol",
            "Liga Desportiva",
            "Clube de Xadrez",
        ],
        [
            "escolinha de futebol para crianças",
            "campeonatos de futebol amador",
            "aulas de judô e jiu-jítsu",
            "atletismo e corrida de rua",
            "lazer nos fins de semana",
        ],
    ),
    "educacao-e-pesquisa": (
        [
            "Creche Comunitária",
            "Instituto Educacional",
            "Centro de Educação Infantil",
            "Escola Comunitária",
            "Associação de Pais e Mestres",
        ],
        [
            "educação infantil em tempo integral",
            "reforço escolar no contraturno",
            "alfabetização de jovens e adultos",
            "pré-vestibular comunitário",
            "biblioteca e incentivo à leitura",
        ],
    ),
    "saude": (
        [
            "Associação de Apoio",
            "Instituto de Saúde",
            "Grupo de Apoio",
            "Centro de Reabilitação",
        ],
        [
            "prevenção ao câncer de mama",
            "reabilitação de pessoas com deficiência",
            "acompanhamento de pacientes renais",
            "saúde mental e dependência química",
            "apoio a gestantes e puérperas",
        ],
    ),
    "desenvolvimento-e-defesa-de-direitos": (
        [
            "Movimento",
            "Coletivo",
            "Conselho Comunitário",
            "Associação em Defesa",
            "Instituto de Direitos Humanos",
        ],
        [
            "defesa dos direitos da mulher",
            "combate ao racismo e promoção da igualdade racial",
            "direitos da população LGBTQIA+",
            "proteção de crianças e adolescentes",
            "inclusão de pessoas com deficiência",
        ],
    ),
    "meio-ambiente-e-protecao-animal": (
        [
            "Associação Ambientalista",
            "Grupo de Proteção Animal",
            "Coletivo Verde",
            "Instituto Ambiental",
        ],
        [
            "recuperação de nascentes do rio Paraopeba",
            "coleta seletiva e reciclagem",
            "castração e adoção de animais",
            "hortas comunitárias",
            "educação ambiental nas escolas",
        ],
    ),
    "habitacao-e-desenvolvimento-comunitario": (
        [
            "Associação Comunitária",
            "Associação de Moradores",
            "União Comunitária",
            "Sociedade Amigos do Bairro",
        ],
        [
            "melhorias de infraestrutura no bairro",
            "regularização fundiária",
            "mutirões de limpeza",
            "segurança comunitária",
            "organização dos moradores",
        ],
    ),
    "trabalho-emprego-e-renda": (
        [
            "Cooperativa",
            "Associação de Artesãos",
            "Associação de Catadores",
            "Centro de Qualificação Profissional",
        ],
        [
            "geração de trabalho e renda",
            "cursos de qualificação profissional",
            "economia solidária e feiras",
            "artesanato e costura",
            "inclusão produtiva de jovens",
        ],
    ),
    "religiao": (
        [
            "Igreja Evangélica",
            "Paróquia",
            "Centro Espírita",
            "Comunidade Cristã",
            "Igreja Batista",
        ],
        [
            "ação social e evangelização",
            "grupo de jovens e catequese",
            "assistência espiritual e material",
            "visitas a hospitais",
            "sopão solidário",
        ],
    ),
    "associacoes-patronais-e-profissionais": (
        [
            "Associação Comercial",
            "Sindicato",
            "Associação dos Profissionais",
            "Associação dos Empresários",
        ],
        [
            "representação de comerciantes locais",
            "capacitação de profissionais",
            "defesa dos interesses da categoria",
            "promoção do comércio local",
            "apoio a microempreendedores",
        ],
    ),
    "outras-atividades-associativas": (
        [
            "Associação",
            "Clube de Mães",
            "Grupo da Terceira Idade",
            "Clube de Serviço",
            "Associação dos Aposentados",
        ],
        [
            "encontros e atividades para idosos",
            "bazar beneficente",
            "apoio mútuo entre associados",
            "festas comunitárias",
            "ações voluntárias",
        ],
    ),
}
QUALIFIERS = [
    "de Betim",
    "do Bairro {bairro}",
    "da Regional {regional}",
    "{bairro}",
    "{person}",
    "{saint}",
    "Nova Esperança",
    "Vida Nova",
    "Raízes de Minas",
    "Semear",
    "Renascer",
    "Caminhos",
    "Mãos Dadas",
    "Sol Nascente",
    "Arco-Íris",
]
SENTENCES = [
    "Atuamos em Betim desde {year}, com {theme}.",
    "Atendemos cerca de {people} pessoas por mês no bairro {bairro}.",
    "Nossa missão é promover {theme2} com a participação da comunidade.",
    "As atividades acontecem na sede e em escolas da regional {regional}.",
    "Contamos com voluntários e parcerias com a Prefeitura e empresas locais.",
]
OSC_NATURES = ["3999"] * 8 + ["3220", "3069"]


@dataclass
class SyntheticEntity:
    name: str
    trade_name: str
    summary: str
    kind: str
    nature: str | None
    areas: list[str]
    bairros: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    regional: tuple[str, str] = ("", "")
    status: str = "approved"
    regularity: str = "regular"
    neighbourhood: str = ""


def generate(
    count: int, *, bairros: list[tuple[str, str, str, str]], seed: int = 2026
) -> Iterator[SyntheticEntity]:
    """Yield `count` entities. `bairros` holds (slug, name, regional slug, regional name)."""
    rng = random.Random(seed)
    area_slugs = list(THEMES)
    for _ in range(count):
        primary = rng.choice(area_slugs)
        areas = [primary]
        if rng.random() < 0.35:
            areas.append(rng.choice(area_slugs))
        areas = sorted(set(areas))
        served = rng.sample(bairros, k=rng.choice((1, 1, 1, 2, 3)))
        _b_slug, b_name, r_slug, r_name = served[0]
        person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        prefixes, themes = THEMES[primary]
        qualifier = rng.choice(QUALIFIERS).format(
            bairro=b_name, regional=r_name, person=person, saint=rng.choice(SAINTS)
        )
        name = f"{rng.choice(prefixes)} {qualifier}"
        kind = "collective" if rng.random() < 0.08 else "osc"
        if kind == "collective":
            name = f"Coletivo {qualifier}" if rng.random() < 0.5 else name
        trade_name = ""
        if rng.random() < 0.3:
            trade_name = "".join(w[0] for w in name.split() if w[0].isupper())[:8]
        summary = " ".join(
            s.format(
                year=rng.randint(1970, 2024),
                theme=rng.choice(themes),
                theme2=rng.choice(THEMES[rng.choice(areas)][1]),
                people=rng.randint(20, 900),
                bairro=b_name,
                regional=r_name,
            )
            for s in rng.sample(SENTENCES, k=rng.randint(2, 4))
        )
        status = (
            "approved"
            if rng.random() < 0.9
            else rng.choice(["draft", "submitted", "changes_requested", "rejected"])
        )
        regularity = (
            "not_applicable"
            if kind == "collective"
            else rng.choices(["regular", "missing", "expired"], weights=[6, 3, 1])[0]
        )
        yield SyntheticEntity(
            name=name[:200],
            trade_name=trade_name,
            summary=summary,
            kind=kind,
            nature=rng.choice(OSC_NATURES) if kind == "osc" else None,
            areas=areas,
            bairros=[(b[0], b[1]) for b in served],
            regional=(r_slug, r_name),
            status=status,
            regularity=regularity,
            neighbourhood=b_name,
        )
