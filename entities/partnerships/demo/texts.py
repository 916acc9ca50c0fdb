"""The texts of the partnerships' demo: two chamamentos, a termo de fomento
and an acordo de cooperação, all invented.

The only real fact they lean on is the CMDCA's Edital de Chamamento
nº 001/2025 with resources of the FIA (councils/demo/texts.py, domain.md §0):
the demo's open chamamento is presented as the FIA's next edital. Its number
and every value, person and date here are invented; the dates follow today.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from entities.demo import DEMO_ENTITIES

# DEMO_ENTITIES indexes, so the demo reuses the entities demo's own rows.
CITROLANDIA, ARTE, GUANABARA, VIDA_PLENA, SEMEAR = range(5)


def entity_spec(index: int) -> tuple:
    return DEMO_ENTITIES[index]


@dataclass(frozen=True)
class ProposalSpec:
    entity: int
    summary: str
    value: Decimal
    # Per criterion, in order: the mean the committee gives (each member
    # gives it ± the spread, so the means stay exactly these).
    scores: tuple[Decimal, ...]


@dataclass(frozen=True)
class CallSpec:
    slug: str
    number: str
    title: str
    council: str  # the council's slug
    body: str  # the body's acronym
    area: str
    object: str
    budget_line: str
    value: Decimal
    criteria: tuple[tuple[str, Decimal, Decimal, Decimal | None], ...]
    proposals: tuple[ProposalSpec, ...]
    appeal: str = ""  # the appellant is the last proposal
    proposal_rules: str = (
        "Propostas pelo Participa Betim, na área da entidade, com a minuta do plano "
        "de trabalho e os documentos indicados no edital, até a data e hora de "
        "encerramento. Só entidades com cadastro aprovado podem participar."
    )
    appeal_rules: str = (
        "Recurso contra o resultado preliminar em até 5 dias corridos da sua "
        "publicação, pelo Participa Betim, com as razões; decisão fundamentada da "
        "administração antes da homologação (Lei 13.019/2014, art. 24 §1º, VIII)."
    )
    accessibility: str = (
        "Atendimento presencial com acessibilidade na SRSC, leitura do edital em "
        "Libras mediante agendamento e documentos em formato acessível."
    )
    plan: str = (
        "Metas: atendimento regular do público, oficinas semanais e relatório "
        "trimestral. Cronograma físico-financeiro em duas parcelas."
    )
    criteria_note: str = field(default="")


FIA_CALL = CallSpec(
    slug="fia-contraturno-criancas-adolescentes",
    number="CMDCA-FIA 001/{year}",
    title="Atividades no contraturno escolar para crianças e adolescentes (FIA)",
    council="cmdca",
    body="SEMAS",
    area="Direitos humanos e cidadania",
    object=(
        "Seleção de organizações da sociedade civil para atividades esportivas, "
        "culturais e de reforço escolar no contraturno, para crianças e "
        "adolescentes de 6 a 17 anos, com recursos do Fundo da Infância e "
        "Adolescência (FIA), dando continuidade às parcerias do Edital de "
        "Chamamento nº 001/2025 do CMDCA."
    ),
    budget_line="02.08.01.08.243.0012.2.045 — 3.3.50.43 (FIA)",
    value=Decimal("240000.00"),
    criteria=(
        (
            "Adequação da proposta ao objeto e ao público",
            Decimal("3"),
            Decimal("10"),
            Decimal("5"),
        ),
        (
            "Experiência da entidade com crianças e adolescentes",
            Decimal("2"),
            Decimal("10"),
            None,
        ),
        ("Metas, indicadores e cronograma", Decimal("2"), Decimal("10"), None),
        ("Custo por atendimento", Decimal("1"), Decimal("10"), None),
    ),
    proposals=(
        ProposalSpec(
            GUANABARA,
            "Escolinhas de futebol e vôlei no contraturno para 120 crianças e "
            "adolescentes da regional Norte, com acompanhamento escolar.",
            Decimal("80000.00"),
            (Decimal("9"), Decimal("9"), Decimal("8"), Decimal("7")),
        ),
        ProposalSpec(
            SEMEAR,
            "Reforço escolar e biblioteca comunitária para 90 crianças no Jardim "
            "Teresópolis, com formação de educadores populares.",
            Decimal("78000.00"),
            (Decimal("8"), Decimal("9"), Decimal("8"), Decimal("8")),
        ),
        ProposalSpec(
            ARTE,
            "Oficinas de hip-hop, teatro e audiovisual para 60 adolescentes da "
            "regional PTB, com mostra ao fim de cada semestre.",
            Decimal("75000.00"),
            (Decimal("7"), Decimal("6"), Decimal("7"), Decimal("9")),
        ),
    ),
    appeal=(
        "A comissão considerou apenas a experiência com adolescentes desde 2019, "
        "mas o estatuto e os relatórios anexos mostram oficinas com esse público "
        "desde 2012. Pedimos a revisão da nota do segundo critério."
    ),
)

ELDERLY_CALL = CallSpec(
    slug="convivencia-pessoas-idosas",
    number="SEMAS 002/{year}",
    title="Serviço de convivência e fortalecimento de vínculos para pessoas idosas",
    council="cmas",
    body="SEMAS",
    area="Assistência social",
    object=(
        "Seleção de organização da sociedade civil para o serviço de convivência "
        "e fortalecimento de vínculos para pessoas idosas da regional Centro, "
        "com atividades coletivas, orientação sobre direitos e fisioterapia "
        "preventiva."
    ),
    budget_line="02.08.02.08.241.0010.2.051 — 3.3.50.43 (FMAS)",
    value=Decimal("96000.00"),
    criteria=(
        ("Adequação ao serviço tipificado", Decimal("2"), Decimal("10"), Decimal("5")),
        ("Capacidade técnica e experiência", Decimal("1"), Decimal("10"), None),
    ),
    proposals=(
        ProposalSpec(
            VIDA_PLENA,
            "Convivência três vezes por semana para 80 pessoas idosas, com "
            "fisioterapia preventiva e rodas de conversa sobre direitos.",
            Decimal("96000.00"),
            (Decimal("9"), Decimal("9")),
        ),
        ProposalSpec(
            CITROLANDIA,
            "Convivência semanal para 40 pessoas idosas da Citrolândia, com "
            "oficinas de memória e horta terapêutica.",
            Decimal("60000.00"),
            (Decimal("7"), Decimal("8")),
        ),
    ),
)

FOMENTO = {
    "number": "TF 014/{year}",
    "object": ELDERLY_CALL.object,
    "total": Decimal("96000.00"),
    "installments": (Decimal("48000.00"), Decimal("48000.00")),
    "goals": (
        (
            "Atender 80 pessoas idosas em atividades de convivência",
            "Pessoas idosas com frequência mínima de 75%",
            "Listas de presença e relatório mensal",
            Decimal("80"),
            "pessoas",
        ),
        (
            "Realizar 96 sessões de fisioterapia preventiva em grupo",
            "Sessões realizadas",
            "Registro fotográfico e ficha de cada sessão",
            Decimal("96"),
            "sessões",
        ),
    ),
    "team": (
        ("Coordenação técnica (assistente social)", Decimal("3200.00")),
        ("Fisioterapeuta (20 h semanais)", Decimal("2400.00")),
    ),
    "reality": (
        "A regional Centro concentra 18% das pessoas idosas de Betim e tem um só "
        "Centro de Convivência público; a lista de espera passa de 120 pessoas."
    ),
    "target_public": "Pessoas idosas a partir de 60 anos da regional Centro",
    "territory": "Regional Centro (Angola, Centro)",
    "execution_form": "Atividades na sede da entidade, três vezes por semana.",
}

COOPERATION = {
    "number": "AC 003/{year}",
    "object": (
        "Cessão de uso de área pública na Citrolândia para a horta comunitária "
        "mantida pela associação, sem transferência de recursos, com oficinas "
        "abertas de cultivo e compostagem."
    ),
    "goals": (
        (
            "Manter a horta aberta à comunidade aos sábados",
            "Sábados com a horta aberta",
            "Registro de visitantes e relatório final",
            Decimal("24"),
            "sábados",
        ),
    ),
    "target_public": "Moradores da Citrolândia e da Colônia Santa Isabel",
    "territory": "Citrolândia",
    "execution_form": "Mutirões e oficinas conduzidos por voluntários da associação.",
    "report": (
        "A horta ficou aberta em 26 sábados, com 640 visitas registradas e 9 "
        "oficinas de compostagem; a área segue cuidada pela associação."
    ),
}
