"""`/api/v1/audiencias/`: public hearings, forums and open meetings."""

import datetime as dt
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from civic.api import (
    SLUG_PATTERN,
    ListPagination,
    NamedOut,
    absolute_url,
    local_time,
    page_url,
)

from ..models import Consultation, Event
from ..selectors.events import places_left
from ..selectors.open_data import api_event, api_events
from .common import BodyOut

router = Router(tags=["Audiências e fóruns"])


class EventFilters(Schema):
    tipo: Literal["audiencia", "forum", "reuniao"] | None = Field(
        None, description="audiencia (audiência pública), forum ou reuniao (aberta)."
    )
    situacao: Literal["published", "cancelled", "concluded"] | None = Field(
        None, description="published (marcada), cancelled ou concluded (com ata)."
    )
    area: str | None = Field(
        None, max_length=100, pattern=SLUG_PATTERN, description="Identificador da área."
    )
    bairro: str | None = Field(
        None,
        max_length=120,
        pattern=SLUG_PATTERN,
        description="Identificador do bairro do local.",
    )
    de: dt.date | None = Field(
        None, description="Eventos que terminam neste dia ou depois (AAAA-MM-DD)."
    )
    ate: dt.date | None = Field(
        None, description="Eventos que começam neste dia ou antes (AAAA-MM-DD)."
    )


class VenueOut(Schema):
    nome: str = Field(..., alias="name")
    endereco: str = Field(..., alias="address")
    bairro: NamedOut | None
    acesso_sem_degraus: bool = Field(..., alias="step_free_access")
    acessibilidade: str = Field(..., alias="accessibility_notes")


class EventOut(Schema):
    slug: str
    titulo: str = Field(..., alias="title")
    tipo: Literal["audiencia", "forum", "reuniao"] = Field(..., alias="kind")
    situacao: Literal["published", "cancelled", "concluded"] = Field(
        ..., alias="status"
    )
    area: NamedOut = Field(..., alias="policy_area")
    orgao_organizador: BodyOut = Field(..., alias="organizing_body")
    inicio: dt.datetime
    termino: dt.datetime
    local: VenueOut | None = Field(..., alias="venue")
    libras: bool = Field(description="Com intérprete de Libras.")
    transmissao: str = Field(..., alias="stream_url")
    capacidade: int = Field(..., alias="capacity")
    vagas_restantes: int = Field(
        description="Vagas confirmadas ainda livres; depois delas, lista de espera."
    )
    inscricoes_abertas: bool
    url: str
    ics: str = Field(description="Arquivo iCalendar (.ics) do evento.")

    resolve_inicio = local_time("starts_at")
    resolve_termino = local_time("ends_at")

    resolve_vagas_restantes = staticmethod(places_left)

    @staticmethod
    def resolve_inscricoes_abertas(event: Event) -> bool:
        return event.accepts_registrations

    resolve_url = staticmethod(page_url)

    @staticmethod
    def resolve_ics(event: Event) -> str:
        return absolute_url("consultations:event_ics", slug=event.slug)


class RelatedConsultationOut(Schema):
    slug: str
    titulo: str = Field(..., alias="title")
    url: str

    resolve_url = staticmethod(page_url)


class EventDetailOut(EventOut):
    assunto: str = Field(..., alias="subject")
    base_legal: str = Field(..., alias="legal_basis")
    consulta: RelatedConsultationOut | None
    minutos_por_fala: int = Field(..., alias="speaker_minutes")
    aceita_inscricoes_para_falar: bool = Field(..., alias="accepts_speakers")
    motivo_cancelamento: str = Field(..., alias="cancellation_reason")
    ata: str = Field(description="A ata, publicada quando o evento é concluído.")
    gravacao: str = Field(..., alias="recording_url")
    publico_presente: int | None = Field(..., alias="attendance_count")

    @staticmethod
    def resolve_consulta(event: Event):
        consultation = event.consultation
        if consultation is None or consultation.status == Consultation.Status.DRAFT:
            return None
        return consultation

    @staticmethod
    def resolve_ata(event: Event) -> str:
        return event.minutes if event.status == Event.Status.CONCLUDED else ""


@router.get(
    "/",
    response=list[EventOut],
    url_name="events_list",
    summary="Lista as audiências públicas, fóruns e reuniões abertas",
    description=(
        "Eventos publicados, cancelados e concluídos (nunca rascunhos), do mais "
        "antigo ao mais novo. Use `de` para ver só os próximos."
    ),
)
@paginate(ListPagination)
def list_events(request, filters: Query[EventFilters]):
    return api_events(
        kind=filters.tipo,
        status=filters.situacao,
        area=filters.area,
        bairro=filters.bairro,
        since=filters.de,
        until=filters.ate,
    )


@router.get(
    "/{slug}/",
    response=EventDetailOut,
    url_name="events_detail",
    summary="Uma audiência pública, fórum ou reunião aberta",
)
def get_event(request, slug: str):
    event = api_event(slug)
    if event is None:
        raise Http404
    return event
