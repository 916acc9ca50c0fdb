"""`/api/v1/consultas/` and `/api/v1/audiencias/`: public consultations and
events as a read-only JSON API.

Drafts never appear. No personal data ever: no names of people who contribute,
register or speak, no emails; only counts. Dates are ISO 8601 in Betim's local
time with their offset (-03:00). Lists take `limit`/`offset` like the entity
directory and cost a fixed number of queries whatever the page size.
"""

import datetime as dt
from typing import Literal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from .models import Consultation, Contribution, Event
from .selectors.consultations import consultation_devices, consultations_public

consultations_router = Router(tags=["Consultas públicas"])
events_router = Router(tags=["Audiências e fóruns"])

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
MAX_LIMIT = 100
PUBLISHED = Contribution.Moderation.PUBLISHED


class ListPagination(LimitOffsetPagination):
    """`limit` (1-100, default 20) and `offset`; the answer carries `count`."""

    class Input(Schema):
        limit: int = Field(
            20, ge=1, le=MAX_LIMIT, description="Itens por página (até 100)."
        )
        offset: int = Field(0, ge=0, le=10_000_000, description="Quantos itens pular.")

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _local(value: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(value) if value else None


class NamedOut(Schema):
    slug: str
    nome: str = Field(..., alias="name")


class BodyOut(Schema):
    nome: str = Field(..., alias="name")
    sigla: str = Field(..., alias="acronym")


# CONSULTATIONS
# ------------------------------------------------------------------------------


class ConsultationFilters(Schema):
    situacao: Literal["scheduled", "open", "closed", "answered"] | None = Field(
        None,
        description="scheduled (agendada), open (aberta), closed (encerrada, "
        "aguardando respostas) ou answered (com relatório final).",
    )
    area: str | None = Field(
        None, max_length=100, pattern=SLUG_PATTERN, description="Identificador da área."
    )
    q: str = Field(
        "", max_length=200, description="Busca no título e no resumo da consulta."
    )


class CountsOut(Schema):
    contribuicoes: int = Field(
        description="Contribuições publicadas (sem contar respostas entre participantes)."
    )
    respostas: int = Field(description="Respostas entre participantes publicadas.")
    apoios: int = Field(description="Apoios às contribuições publicadas.")


class ReportOut(Schema):
    pagina: str
    csv: str
    pdf: str
    publicado_em: dt.datetime | None


class ConsultationOut(Schema):
    slug: str
    titulo: str = Field(..., alias="title")
    resumo: str = Field(..., alias="summary")
    situacao: Literal["scheduled", "open", "closed", "answered"] = Field(
        ..., alias="status"
    )
    area: NamedOut = Field(..., alias="policy_area")
    orgao_responsavel: BodyOut = Field(..., alias="responsible_body")
    base_legal: str = Field(..., alias="legal_basis")
    abertura: dt.datetime
    encerramento: dt.datetime
    url: str
    contagens: CountsOut
    relatorio: ReportOut | None = Field(
        description="Endereços do relatório final, quando publicado."
    )

    @staticmethod
    def resolve_abertura(consultation: Consultation):
        return _local(consultation.opens_at)

    @staticmethod
    def resolve_encerramento(consultation: Consultation):
        return _local(consultation.closes_at)

    @staticmethod
    def resolve_url(consultation: Consultation) -> str:
        return _absolute(consultation.get_absolute_url())

    @staticmethod
    def resolve_contagens(consultation: Consultation) -> dict:
        return {
            "contribuicoes": consultation.api_contributions,
            "respostas": consultation.api_replies,
            "apoios": consultation.api_supports or 0,
        }

    @staticmethod
    def resolve_relatorio(consultation: Consultation):
        if consultation.status != Consultation.Status.ANSWERED:
            return None
        kwargs = {"slug": consultation.slug}
        return {
            "pagina": _absolute(reverse("consultations:report", kwargs=kwargs)),
            "csv": _absolute(reverse("consultations:report_csv", kwargs=kwargs)),
            "pdf": _absolute(reverse("consultations:report_pdf", kwargs=kwargs)),
            "publicado_em": _local(consultation.report_published_at),
        }


class DeviceCountsOut(Schema):
    concordo: int
    discordo: int
    proposta_de_redacao: int


class DeviceOut(Schema):
    ancora: str = Field(..., alias="anchor")
    tipo: Literal["artigo", "paragrafo", "inciso", "alinea", "texto"] = Field(
        ..., alias="kind"
    )
    rotulo: str = Field(..., alias="label")
    citacao: str = Field(..., alias="citation")
    texto: str = Field(..., alias="text")
    nivel: int = Field(..., alias="depth")
    ancora_superior: str | None = Field(
        description="Âncora do dispositivo ao qual este pertence."
    )
    url: str
    contribuicoes: DeviceCountsOut

    @staticmethod
    def resolve_ancora_superior(device) -> str | None:
        return device.parent_anchor

    @staticmethod
    def resolve_url(device) -> str:
        return device.api_url

    @staticmethod
    def resolve_contribuicoes(device) -> dict:
        return {
            "concordo": device.counts.get("agree", 0),
            "discordo": device.counts.get("disagree", 0),
            "proposta_de_redacao": device.counts.get("proposal", 0),
        }


class DocumentOut(Schema):
    titulo: str = Field(..., alias="title")
    url: str


class ConsultationDetailOut(ConsultationOut):
    apresentacao: str = Field(..., alias="text_intro")
    bairros: list[NamedOut] = Field(
        description="Bairros afetados; vazio quando vale para a cidade toda."
    )
    documentos: list[DocumentOut]
    dispositivos: list[DeviceOut]
    sintese_relatorio: str

    @staticmethod
    def resolve_bairros(consultation: Consultation):
        return list(consultation.bairros.all())

    @staticmethod
    def resolve_documentos(consultation: Consultation):
        return [
            {
                "title": document.title,
                "url": _absolute(
                    reverse(
                        "consultations:document",
                        kwargs={"slug": consultation.slug, "pk": document.pk},
                    )
                ),
            }
            for document in consultation.documents.all()
        ]

    @staticmethod
    def resolve_dispositivos(consultation: Consultation):
        return consultation.api_devices

    @staticmethod
    def resolve_sintese_relatorio(consultation: Consultation) -> str:
        if consultation.status != Consultation.Status.ANSWERED:
            return ""
        return consultation.report_summary


def _with_counts(queryset):
    published = Q(contributions__moderation=PUBLISHED)
    return queryset.annotate(
        api_contributions=Count(
            "contributions", filter=published & Q(contributions__parent__isnull=True)
        ),
        api_replies=Count(
            "contributions", filter=published & Q(contributions__parent__isnull=False)
        ),
        api_supports=Sum("contributions__support_count", filter=published),
    )


@consultations_router.get(
    "/",
    response=list[ConsultationOut],
    url_name="consultations_list",
    summary="Lista as consultas públicas",
    description=(
        "Consultas agendadas, abertas, encerradas e respondidas (nunca rascunhos): "
        "as abertas primeiro, encerrando antes; depois as agendadas; depois as "
        "encerradas e respondidas, das mais recentes às mais antigas."
    ),
)
@paginate(ListPagination)
def list_consultations(request, filters: Query[ConsultationFilters]):
    queryset = consultations_public(status=filters.situacao)
    if filters.area:
        queryset = queryset.filter(policy_area__slug=filters.area)
    q = filters.q.replace("\x00", "").strip()
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    return _with_counts(queryset)


@consultations_router.get(
    "/{slug}/",
    response=ConsultationDetailOut,
    url_name="consultations_detail",
    summary="Uma consulta pública, com o texto dividido em dispositivos",
)
def get_consultation(request, slug: str):
    consultation = (
        _with_counts(Consultation.objects.public().filter(slug=slug))
        .select_related("policy_area", "responsible_body")
        .prefetch_related("bairros", "documents")
        .first()
    )
    if consultation is None:
        raise Http404
    devices = consultation_devices(consultation)
    by_pk = {d.pk: d for d in devices}
    for device in devices:
        parent = by_pk.get(device.parent_id)
        device.parent_anchor = parent.anchor if parent else None
        device.api_url = _absolute(
            reverse(
                "consultations:device",
                kwargs={"slug": consultation.slug, "anchor": device.anchor},
            )
        )
    consultation.api_devices = devices
    return consultation


# EVENTS
# ------------------------------------------------------------------------------


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

    @staticmethod
    def resolve_inicio(event: Event):
        return _local(event.starts_at)

    @staticmethod
    def resolve_termino(event: Event):
        return _local(event.ends_at)

    @staticmethod
    def resolve_vagas_restantes(event: Event) -> int:
        return max(event.capacity - event.api_confirmed, 0)

    @staticmethod
    def resolve_inscricoes_abertas(event: Event) -> bool:
        return event.accepts_registrations

    @staticmethod
    def resolve_url(event: Event) -> str:
        return _absolute(event.get_absolute_url())

    @staticmethod
    def resolve_ics(event: Event) -> str:
        return _absolute(
            reverse("consultations:event_ics", kwargs={"slug": event.slug})
        )


class RelatedConsultationOut(Schema):
    slug: str
    titulo: str = Field(..., alias="title")
    url: str

    @staticmethod
    def resolve_url(consultation: Consultation) -> str:
        return _absolute(consultation.get_absolute_url())


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


def _events():
    return (
        Event.objects.public()
        .select_related("policy_area", "organizing_body", "venue__bairro")
        .annotate(
            api_confirmed=Count(
                "registrations", filter=Q(registrations__status="confirmed")
            )
        )
    )


@events_router.get(
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
    queryset = _events()
    if filters.tipo:
        queryset = queryset.filter(kind=filters.tipo)
    if filters.situacao:
        queryset = queryset.filter(status=filters.situacao)
    if filters.area:
        queryset = queryset.filter(policy_area__slug=filters.area)
    if filters.bairro:
        queryset = queryset.filter(venue__bairro__slug=filters.bairro)
    # Compared as local dates in the database: no date arithmetic to overflow.
    if filters.de:
        queryset = queryset.filter(ends_at__date__gte=filters.de)
    if filters.ate:
        queryset = queryset.filter(starts_at__date__lte=filters.ate)
    return queryset.order_by("starts_at", "pk")


@events_router.get(
    "/{slug}/",
    response=EventDetailOut,
    url_name="events_detail",
    summary="Uma audiência pública, fórum ou reunião aberta",
)
def get_event(request, slug: str):
    event = _events().select_related("consultation").filter(slug=slug).first()
    if event is None:
        raise Http404
    return event
