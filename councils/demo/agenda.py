"""The prose of the councils' demo meetings: pautas, resolutions and the
documents of the upcoming meeting, per council acronym."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import AgendaItem

SIMPLE = AgendaItem.Majority.SIMPLE
ABSOLUTE = AgendaItem.Majority.ABSOLUTE


@dataclass(frozen=True)
class Item:
    title: str
    description: str
    deliberative: bool = False
    majority: str = SIMPLE


@dataclass(frozen=True)
class ResolutionText:
    title: str
    body: str


@dataclass(frozen=True)
class Agenda:
    held: list[Item]  # the held meeting: one report, then two votes
    resolutions: list[ResolutionText]  # from held[1] and held[2]
    older: ResolutionText  # last year's, amended by the second resolution
    upcoming: Item  # the deliberative item of the upcoming meeting
    public_doc: str
    members_doc: str


ARTICLE_END = "Art. 3º Esta resolução entra em vigor na data de sua publicação."

AGENDAS = {
    "CMAS": Agenda(
        held=[
            Item(
                "Relatório de monitoramento da rede socioassistencial",
                "A Vigilância Socioassistencial apresenta os atendimentos dos CRAS e "
                "CREAS no trimestre e as filas de acesso aos benefícios eventuais.",
            ),
            Item(
                "Inscrição de entidades e serviços socioassistenciais",
                "Parecer da Comissão de Normas sobre quatro pedidos de inscrição.",
                deliberative=True,
            ),
            Item(
                "Reprogramação de saldos do cofinanciamento federal do SUAS",
                "Proposta da SEMAS de reprogramar os saldos do Bloco de Proteção "
                "Social Básica para a ampliação do Serviço de Convivência.",
                deliberative=True,
                majority=ABSOLUTE,
            ),
        ],
        resolutions=[
            ResolutionText(
                "Dispõe sobre a inscrição de entidades e serviços socioassistenciais "
                "no Conselho Municipal de Assistência Social",
                "Art. 1º Ficam inscritas no CMAS as entidades e os serviços "
                "socioassistenciais constantes do anexo, conforme parecer da "
                "Comissão de Normas e Inscrição de Entidades.\n\nArt. 2º A inscrição "
                "será reavaliada a cada dois anos.\n\n" + ARTICLE_END,
            ),
            ResolutionText(
                "Aprova a reprogramação de saldos do cofinanciamento federal do SUAS "
                "e altera o Plano de Ação aprovado no ano anterior",
                "Art. 1º Fica aprovada a reprogramação dos saldos do Bloco de Proteção "
                "Social Básica para a ampliação do Serviço de Convivência e "
                "Fortalecimento de Vínculos.\n\nArt. 2º O Plano de Ação do "
                "cofinanciamento federal passa a vigorar com as alterações do "
                "anexo.\n\n" + ARTICLE_END,
            ),
        ],
        older=ResolutionText(
            "Aprova o Plano de Ação do cofinanciamento federal do SUAS",
            "Art. 1º Fica aprovado o Plano de Ação do cofinanciamento federal do "
            "Sistema Único de Assistência Social para o exercício.\n\n" + ARTICLE_END,
        ),
        upcoming=Item(
            "Calendário de reuniões ordinárias do próximo ano",
            "Proposta da mesa diretora de reuniões na segunda quinta-feira de cada mês.",
            deliberative=True,
        ),
        public_doc="Proposta de calendário de reuniões ordinárias",
        members_doc="Parecer da Comissão de Normas sobre a proposta de calendário",
    ),
    "CMDCA": Agenda(
        held=[
            Item(
                "Informes sobre o Conselho Tutelar",
                "Relato das atividades dos conselhos tutelares e da demanda por "
                "acolhimento institucional no período.",
            ),
            Item(
                "Registro de organizações e inscrição de programas",
                "Parecer da Comissão de Políticas Públicas sobre três pedidos de "
                "registro e cinco programas.",
                deliberative=True,
            ),
            Item(
                "Plano de aplicação dos recursos do Fundo da Infância e Adolescência",
                "Proposta de destinação dos recursos do FIA para o próximo chamamento "
                "público de parcerias.",
                deliberative=True,
                majority=ABSOLUTE,
            ),
        ],
        resolutions=[
            ResolutionText(
                "Concede registro a organizações da sociedade civil e inscreve "
                "programas de atendimento à criança e ao adolescente",
                "Art. 1º Ficam registradas no CMDCA as organizações do anexo I e "
                "inscritos os programas do anexo II, nos termos dos arts. 90 e 91 "
                "do Estatuto da Criança e do Adolescente.\n\nArt. 2º O registro "
                "vale por quatro anos.\n\n" + ARTICLE_END,
            ),
            ResolutionText(
                "Aprova o plano de aplicação dos recursos do FIA e altera a "
                "resolução do ano anterior sobre o mesmo fundo",
                "Art. 1º Fica aprovado o plano de aplicação dos recursos do Fundo da "
                "Infância e Adolescência, com prioridade para o acolhimento e a "
                "aprendizagem profissional.\n\nArt. 2º Os recursos serão destinados "
                "por chamamento público, nos termos da Lei federal nº 13.019/2014."
                "\n\n" + ARTICLE_END,
            ),
        ],
        older=ResolutionText(
            "Aprova o plano de aplicação dos recursos do FIA do exercício",
            "Art. 1º Fica aprovado o plano de aplicação dos recursos do Fundo da "
            "Infância e Adolescência para o exercício.\n\n" + ARTICLE_END,
        ),
        upcoming=Item(
            "Edital de chamamento público com recursos do FIA",
            "Minuta do edital para parcerias com organizações registradas no CMDCA.",
            deliberative=True,
            majority=ABSOLUTE,
        ),
        public_doc="Minuta do edital de chamamento público do FIA",
        members_doc="Parecer da Comissão de Políticas Públicas sobre a minuta",
    ),
    "CMS": Agenda(
        held=[
            Item(
                "Informes da gestão",
                "A Secretaria Municipal de Saúde apresenta a cobertura da atenção "
                "primária e as filas de consultas especializadas.",
            ),
            Item(
                "Relatório Detalhado do Quadrimestre Anterior (RDQA)",
                "Parecer da Comissão de Orçamento e Financiamento sobre o relatório "
                "do segundo quadrimestre.",
                deliberative=True,
            ),
            Item(
                "Programação Anual de Saúde do próximo ano",
                "Metas e ações da PAS, com as alterações propostas ao Plano Municipal "
                "de Saúde.",
                deliberative=True,
                majority=ABSOLUTE,
            ),
        ],
        resolutions=[
            ResolutionText(
                "Aprova o Relatório Detalhado do Quadrimestre Anterior da Secretaria "
                "Municipal de Saúde",
                "Art. 1º Fica aprovado, com as recomendações do anexo, o Relatório "
                "Detalhado do segundo quadrimestre.\n\nArt. 2º A gestão responderá "
                "às recomendações em até 30 dias.\n\n" + ARTICLE_END,
            ),
            ResolutionText(
                "Aprova a Programação Anual de Saúde e altera as metas do Plano "
                "Municipal de Saúde",
                "Art. 1º Fica aprovada a Programação Anual de Saúde.\n\nArt. 2º As "
                "metas de cobertura da atenção primária do Plano Municipal de Saúde "
                "passam a ser as do anexo.\n\n" + ARTICLE_END,
            ),
        ],
        older=ResolutionText(
            "Aprova o Plano Municipal de Saúde",
            "Art. 1º Fica aprovado o Plano Municipal de Saúde para os próximos "
            "quatro anos.\n\n" + ARTICLE_END,
        ),
        upcoming=Item(
            "Relatório Anual de Gestão",
            "Apreciação do relatório anual e do parecer da Comissão de Orçamento.",
            deliberative=True,
        ),
        public_doc="Relatório Anual de Gestão (versão para consulta)",
        members_doc="Parecer da Comissão de Orçamento e Financiamento",
    ),
}
