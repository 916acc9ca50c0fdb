"""What consultations, hearings and forums publish as open data: their entries
in the `/dados-abertos/` catalogue. Imported by civic.open_data on first use;
the columns of the files are in `columns.py`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from civic.open_data import Dataset, Field, Resource, register

from .columns import CONSULTATION_COLUMNS, CONTRIBUTION_COLUMNS, EVENT_COLUMNS

_CSV_NOTE = gettext_lazy(
    "UTF-8 com BOM, separado por ponto e vírgula (;): abre direto no Excel em "
    "português. Listas separadas por “ | ”."
)

register(
    Dataset(
        slug="consultas-publicas",
        title=gettext_lazy("Consultas públicas"),
        description=gettext_lazy(
            "Consultas públicas da Prefeitura de Betim (agendadas, abertas, encerradas "
            "e respondidas): tema, órgão responsável, base legal, período, número de "
            "contribuições e apoios, e o relatório final com a devolutiva."
        ),
        resources=(
            Resource(
                "CSV",
                "consultations:open_data_consultations_csv",
                _CSV_NOTE,
                "text/csv",
            ),
            Resource(
                "JSON",
                "consultations:open_data_consultations_json",
                gettext_lazy("Objeto com a lista em “results”."),
                "application/json",
            ),
            Resource(
                "API",
                "api-v1:consultations_list",
                gettext_lazy(
                    "API REST paginada, com o texto de cada consulta dividido em dispositivos."
                ),
                "application/json",
            ),
        ),
        fields=tuple(Field(c.name, c.description) for c in CONSULTATION_COLUMNS),
        update_frequency=gettext_lazy("Contínua."),
        order=20,
    )
)

register(
    Dataset(
        slug="audiencias-e-foruns",
        title=gettext_lazy("Audiências públicas, fóruns e reuniões abertas"),
        description=gettext_lazy(
            "Eventos de participação convocados pela Prefeitura: data, local, "
            "acessibilidade, transmissão, vagas, e depois a gravação e o público "
            "presente. A agenda também está em iCalendar, para assinar."
        ),
        resources=(
            Resource(
                "CSV", "consultations:open_data_events_csv", _CSV_NOTE, "text/csv"
            ),
            Resource(
                "JSON",
                "consultations:open_data_events_json",
                gettext_lazy("Objeto com a lista em “results”."),
                "application/json",
            ),
            Resource(
                "API",
                "api-v1:events_list",
                gettext_lazy(
                    "API REST paginada e filtrável (tipo, área, bairro, datas)."
                ),
                "application/json",
            ),
            Resource(
                "iCalendar",
                "consultations:agenda_ics",
                gettext_lazy(
                    "Agenda com os eventos e os prazos das consultas (RFC 5545), para "
                    "assinar num aplicativo de agenda."
                ),
                "text/calendar",
            ),
        ),
        fields=tuple(Field(c.name, c.description) for c in EVENT_COLUMNS),
        notes=gettext_lazy(
            "Nomes de quem se inscreve ou pede para falar não são publicados."
        ),
        update_frequency=gettext_lazy("Contínua."),
        order=21,
    )
)

register(
    Dataset(
        slug="contribuicoes",
        title=gettext_lazy("Contribuições às consultas públicas respondidas"),
        description=gettext_lazy(
            "Todas as contribuições (e respostas entre participantes) das consultas "
            "com relatório final publicado, com o dispositivo comentado, a posição, "
            "a redação proposta, os apoios e a devolutiva da Prefeitura."
        ),
        resources=(
            Resource(
                "CSV",
                "consultations:open_data_contributions_csv",
                _CSV_NOTE,
                "text/csv",
            ),
        ),
        fields=tuple(Field(c.name, c.description) for c in CONTRIBUTION_COLUMNS),
        notes=gettext_lazy(
            "Opinião sobre política pública pode revelar opinião política, dado "
            "pessoal sensível pela LGPD (art. 5º, II). Por isso o nome de quem "
            "contribuiu só aparece se a própria pessoa escolheu mostrá-lo; quem falou "
            "em nome de uma entidade aparece com o nome da entidade; os demais, como "
            "“Participante”. Contribuições removidas pela moderação aparecem só com o "
            "motivo. Nenhum e-mail, CPF ou telefone é publicado."
        ),
        update_frequency=gettext_lazy(
            "A cada relatório final publicado (as respostas não mudam depois disso)."
        ),
        order=22,
    )
)
