"""The councils of the demo: who they are, their seats, and the entities that
hold the civil-society seats.

Betim's real councils of these kinds are named here; their creating laws and
decrees are plausible placeholders (no list of Betim's councils or laws was
found in the project's sources, see shared/reference/domain.md §3), and every
person is invented. The only real fact used is the CMDCA's Edital de
Chamamento nº 001/2025 with resources of the FIA (domain.md §0).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import CompositionRule, Segment

G, U, W, E, P = (
    Segment.GOVERNMENT,
    Segment.USERS,
    Segment.WORKERS,
    Segment.ENTITIES,
    Segment.PROVIDERS,
)

# Bodies the seats need beyond the starting list of consultations/0002.
EXTRA_BODIES = [("Secretaria Municipal de Habitação", "SEHAB")]

# Entities made for the councils, in the shape of entities.demo.DEMO_ENTITIES.
COUNCIL_ENTITIES = [
    (
        "Associação dos Trabalhadores do SUAS de Betim",
        "ATSUAS Betim",
        "61428375",
        ["Associações patronais e profissionais", "Assistência social"],
        ["Comunidade em geral"],
        ["Centro"],
        "Reúne assistentes sociais, psicólogos e educadores da rede "
        "socioassistencial de Betim para formação e defesa do SUAS.",
        "approved",
    ),
    (
        "Núcleo de Educadores Sociais de Betim",
        "Educadores Sociais",
        "62539486",
        ["Associações patronais e profissionais", "Educação e pesquisa"],
        ["Juventude", "Crianças e adolescentes"],
        ["Jardim Teresópolis"],
        "Formação continuada e articulação dos educadores sociais que atuam "
        "nos serviços de convivência do Município.",
        "approved",
    ),
    (
        "Casa Lar Esperança de Betim",
        "Casa Lar Esperança",
        "63641597",
        ["Assistência social", "Desenvolvimento e defesa de direitos"],
        ["Crianças e adolescentes"],
        ["Angola"],
        "Acolhimento institucional de crianças e adolescentes afastados do "
        "convívio familiar por medida de proteção.",
        "approved",
    ),
    (
        "Associação Pró-Criança do Vale do Paraopeba",
        "Pró-Criança",
        "64752608",
        ["Desenvolvimento e defesa de direitos", "Educação e pesquisa"],
        ["Crianças e adolescentes", "Famílias em situação de vulnerabilidade"],
        ["PTB", "Citrolândia"],
        "Programa de aprendizagem profissional e de fortalecimento de vínculos "
        "para adolescentes de 14 a 17 anos.",
        "approved",
    ),
    (
        "Associação dos Pacientes Renais de Betim",
        "Pacientes Renais",
        "65863719",
        ["Saúde", "Desenvolvimento e defesa de direitos"],
        ["Comunidade em geral"],
        ["Centro", "Brasiléia"],
        "Acolhe pacientes em hemodiálise e suas famílias e acompanha o "
        "transporte sanitário e o acesso a medicamentos.",
        "approved",
    ),
    (
        "Associação das Pessoas com Deficiência de Betim",
        "APD Betim",
        "66974820",
        ["Desenvolvimento e defesa de direitos", "Saúde"],
        ["Pessoas com deficiência"],
        ["Ingá", "Angola"],
        "Defesa de direitos, orientação sobre benefícios e acessibilidade nos "
        "serviços públicos de saúde e de transporte.",
        "approved",
    ),
    (
        "Associação de Moradores do Jardim Teresópolis",
        "Amor Teresópolis",
        "67185931",
        ["Habitação e desenvolvimento comunitário"],
        ["Comunidade em geral"],
        ["Jardim Teresópolis"],
        "Representa os moradores do Jardim Teresópolis junto à Prefeitura e à "
        "unidade básica de saúde do bairro.",
        "approved",
    ),
    (
        "Grupo de Apoio à Vida de Betim",
        "Apoio à Vida",
        "68296142",
        ["Saúde"],
        ["Comunidade em geral", "População LGBTQIA+"],
        ["Centro"],
        "Prevenção e apoio a pessoas que vivem com HIV e com hepatites virais, "
        "em parceria com o serviço de referência municipal.",
        "approved",
    ),
    (
        "Sindicato dos Trabalhadores da Saúde de Betim",
        "Sindsaúde Betim",
        "69307253",
        ["Associações patronais e profissionais", "Saúde"],
        ["Comunidade em geral"],
        ["Centro"],
        "Representa os trabalhadores da rede municipal de saúde.",
        "approved",
    ),
    (
        "Associação dos Agentes Comunitários de Saúde de Betim",
        "ACS Betim",
        "70418364",
        ["Associações patronais e profissionais", "Saúde"],
        ["Comunidade em geral"],
        ["Citrolândia", "PTB"],
        "Formação e representação dos agentes comunitários de saúde e de "
        "combate às endemias.",
        "approved",
    ),
    (
        "Associação dos Profissionais de Enfermagem de Betim",
        "Enfermagem Betim",
        "71529475",
        ["Associações patronais e profissionais", "Saúde"],
        ["Comunidade em geral"],
        ["Centro"],
        "Reúne enfermeiros, técnicos e auxiliares de enfermagem da rede de saúde.",
        "approved",
    ),
    (
        "Associação dos Psicólogos da Rede Pública de Betim",
        "Psicólogos Betim",
        "72630586",
        ["Associações patronais e profissionais", "Saúde"],
        ["Comunidade em geral"],
        ["Centro"],
        "Articula os psicólogos dos serviços de saúde mental e da atenção primária.",
        "approved",
    ),
    (
        "Hospital Beneficente Nossa Senhora do Carmo de Betim",
        "Hospital do Carmo",
        "73741697",
        ["Saúde", "Assistência social"],
        ["Comunidade em geral"],
        ["Angola"],
        "Hospital filantrópico conveniado ao SUS, com maternidade e clínica médica.",
        "approved",
    ),
    (
        "Instituto de Reabilitação Vale do Paraopeba",
        "Reabilitação Paraopeba",
        "74852708",
        ["Saúde"],
        ["Pessoas com deficiência", "Pessoas idosas"],
        ["Brasiléia"],
        "Centro especializado em reabilitação física e intelectual conveniado ao SUS.",
        "approved",
    ),
]


@dataclass(frozen=True)
class SeatSpec:
    segment: str
    label: str
    body: str = ""  # Body acronym, for government seats
    entity: str = ""  # entity name, for civil-society and provider seats


@dataclass(frozen=True)
class CouncilSpec:
    slug: str
    acronym: str
    name: str
    area: str
    rule: str
    creating_law: str
    law_year: int
    summary: str
    decree: str  # number prefix of the current gestão's decree
    term_month: int  # month the gestões start
    commission: tuple[str, str]
    seats: list[SeatSpec] = field(default_factory=list)


def _gov(acronym: str, label: str) -> SeatSpec:
    return SeatSpec(G, label, body=acronym)


CMAS = CouncilSpec(
    slug="cmas",
    acronym="CMAS",
    name="Conselho Municipal de Assistência Social",
    area="Assistência social",
    rule=CompositionRule.PARITY,
    creating_law="Lei Municipal nº 2.880, de 1996",
    law_year=1996,
    summary=(
        "Órgão deliberativo e permanente, de composição paritária entre governo e "
        "sociedade civil, que aprova a política municipal de assistência social, "
        "fiscaliza o Fundo Municipal de Assistência Social e inscreve as entidades "
        "e os serviços socioassistenciais (Lei federal nº 8.742/1993, art. 16)."
    ),
    decree="4.812",
    term_month=7,
    commission=(
        "Comissão de Normas e Inscrição de Entidades",
        "Analisa os pedidos de inscrição de entidades e serviços e propõe ao "
        "plenário as resoluções sobre normas do SUAS no Município.",
    ),
    seats=[
        _gov("SEMAS", "Secretaria Municipal de Assistência Social"),
        _gov("SMS", "Secretaria Municipal de Saúde"),
        _gov("SEMED", "Secretaria Municipal de Educação"),
        _gov("SEGOV", "Secretaria Municipal de Governo"),
        _gov("SEPLAN", "Secretaria Municipal de Planejamento e Orçamento"),
        _gov("SEHAB", "Secretaria Municipal de Habitação"),
        SeatSpec(
            U,
            "Usuários: organizações de moradores",
            entity="Associação Comunitária dos Moradores da Citrolândia",
        ),
        SeatSpec(
            U,
            "Usuários: mulheres e famílias",
            entity="Associação de Mulheres Empreendedoras de Vianópolis",
        ),
        SeatSpec(
            W,
            "Trabalhadores do SUAS",
            entity="Associação dos Trabalhadores do SUAS de Betim",
        ),
        SeatSpec(
            W,
            "Trabalhadores: educadores sociais",
            entity="Núcleo de Educadores Sociais de Betim",
        ),
        SeatSpec(
            E,
            "Entidades de atendimento à pessoa idosa",
            entity="Centro de Convivência da Pessoa Idosa Vida Plena",
        ),
        SeatSpec(
            E,
            "Entidades de atendimento à criança e à família",
            entity="Fundação Educacional Semear Betim",
        ),
    ],
)

CMDCA = CouncilSpec(
    slug="cmdca",
    acronym="CMDCA",
    name="Conselho Municipal dos Direitos da Criança e do Adolescente",
    area="Direitos humanos e cidadania",
    rule=CompositionRule.PARITY,
    creating_law="Lei Municipal nº 2.052, de 1991",
    law_year=1991,
    summary=(
        "Órgão deliberativo e controlador das ações de atendimento à criança e ao "
        "adolescente, paritário entre governo e organizações da sociedade civil "
        "(ECA, art. 88). Registra as organizações, inscreve programas e gere o "
        "Fundo da Infância e Adolescência (FIA), que em 2025 financiou parcerias "
        "pelo Edital de Chamamento nº 001/2025."
    ),
    decree="4.790",
    term_month=5,
    commission=(
        "Comissão de Políticas Públicas e do FIA",
        "Acompanha o plano de aplicação do FIA e os chamamentos públicos, e "
        "emite parecer sobre registro de organizações e inscrição de programas.",
    ),
    seats=[
        _gov("SEMAS", "Secretaria Municipal de Assistência Social"),
        _gov("SEMED", "Secretaria Municipal de Educação"),
        _gov("SMS", "Secretaria Municipal de Saúde"),
        _gov("SEMUC", "Secretaria Municipal de Cultura"),
        _gov("SEMEL", "Secretaria Municipal de Esporte e Lazer"),
        SeatSpec(E, "Educação e proteção", entity="Fundação Educacional Semear Betim"),
        SeatSpec(
            E,
            "Esporte e convivência",
            entity="Associação Esportiva e Recreativa Guanabara",
        ),
        SeatSpec(
            E, "Cultura e juventude", entity="Instituto Cultural Arte na Quebrada"
        ),
        SeatSpec(E, "Acolhimento institucional", entity="Casa Lar Esperança de Betim"),
        SeatSpec(
            E,
            "Aprendizagem e convivência",
            entity="Associação Pró-Criança do Vale do Paraopeba",
        ),
    ],
)

_CMS_USERS = [
    (
        "moradores da regional Citrolândia",
        "Associação Comunitária dos Moradores da Citrolândia",
    ),
    ("pessoas idosas", "Centro de Convivência da Pessoa Idosa Vida Plena"),
    ("mulheres", "Associação de Mulheres Empreendedoras de Vianópolis"),
    ("população negra e juventude", "Instituto Cultural Arte na Quebrada"),
    ("pacientes renais crônicos", "Associação dos Pacientes Renais de Betim"),
    ("pessoas com deficiência", "Associação das Pessoas com Deficiência de Betim"),
    (
        "moradores da regional Teresópolis",
        "Associação de Moradores do Jardim Teresópolis",
    ),
    ("pessoas vivendo com HIV e hepatites", "Grupo de Apoio à Vida de Betim"),
]
_CMS_WORKERS = [
    ("rede municipal", "Sindicato dos Trabalhadores da Saúde de Betim"),
    (
        "agentes comunitários de saúde",
        "Associação dos Agentes Comunitários de Saúde de Betim",
    ),
    ("enfermagem", "Associação dos Profissionais de Enfermagem de Betim"),
    ("saúde mental", "Associação dos Psicólogos da Rede Pública de Betim"),
]

CMS = CouncilSpec(
    slug="cms",
    acronym="CMS",
    name="Conselho Municipal de Saúde",
    area="Saúde",
    rule=CompositionRule.HEALTH,
    creating_law="Lei Municipal nº 2.271, de 1993",
    law_year=1993,
    summary=(
        "Instância permanente e deliberativa do SUS em Betim (Lei federal nº "
        "8.142/1990): metade dos assentos é de usuários, um quarto de "
        "trabalhadores da saúde e um quarto de gestores e prestadores. Aprova o "
        "Plano Municipal de Saúde, a programação anual e os relatórios de gestão."
    ),
    decree="4.655",
    term_month=3,
    commission=(
        "Comissão de Orçamento e Financiamento",
        "Examina os relatórios quadrimestrais, a programação anual e a execução "
        "do Fundo Municipal de Saúde antes do plenário.",
    ),
    seats=[
        _gov("SMS", "Secretaria Municipal de Saúde: gabinete"),
        _gov("SMS", "Secretaria Municipal de Saúde: atenção primária"),
        SeatSpec(
            P,
            "Prestadores: rede hospitalar filantrópica",
            entity="Hospital Beneficente Nossa Senhora do Carmo de Betim",
        ),
        SeatSpec(
            P,
            "Prestadores: reabilitação",
            entity="Instituto de Reabilitação Vale do Paraopeba",
        ),
    ]
    + [SeatSpec(U, f"Usuários: {label}", entity=e) for label, e in _CMS_USERS]
    + [SeatSpec(W, f"Trabalhadores: {label}", entity=e) for label, e in _CMS_WORKERS],
)

COUNCILS = [CMAS, CMDCA, CMS]
