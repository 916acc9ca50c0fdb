"""`/api/v1/consultas/`: public consultations, and one with its text divided
into devices and the count of positions on each."""

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
    local,
    local_time,
    page_url,
)

from ..models import Consultation
from ..selectors.consultations import consultation_devices
from ..selectors.open_data import api_consultation, api_consultations
from .common import BodyOut

router = Router(tags=["Consultas públicas"])


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

    resolve_abertura = local_time("opens_at")
    resolve_encerramento = local_time("closes_at")

    resolve_url = staticmethod(page_url)

    @staticmethod
    def resolve_contagens(consultation: Consultation) -> dict:
        return {
            "contribuicoes": consultation.public_contributions,
            "respostas": consultation.public_replies,
            "apoios": consultation.public_supports or 0,
        }

    @staticmethod
    def resolve_relatorio(consultation: Consultation):
        if consultation.status != Consultation.Status.ANSWERED:
            return None
        slug = consultation.slug
        return {
            "pagina": absolute_url("consultations:report", slug=slug),
            "csv": absolute_url("consultations:report_csv", slug=slug),
            "pdf": absolute_url("consultations:report_pdf", slug=slug),
            "publicado_em": local(consultation.report_published_at),
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
                "url": absolute_url(
                    "consultations:document", slug=consultation.slug, pk=document.pk
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


@router.get(
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
    return api_consultations(status=filters.situacao, area=filters.area, q=filters.q)


@router.get(
    "/{slug}/",
    response=ConsultationDetailOut,
    url_name="consultations_detail",
    summary="Uma consulta pública, com o texto dividido em dispositivos",
)
def get_consultation(request, slug: str):
    consultation = api_consultation(slug)
    if consultation is None:
        raise Http404
    devices = consultation_devices(consultation)
    by_pk = {d.pk: d for d in devices}
    for device in devices:
        parent = by_pk.get(device.parent_id)
        device.parent_anchor = parent.anchor if parent else None
        device.api_url = absolute_url(
            "consultations:device", slug=consultation.slug, anchor=device.anchor
        )
    consultation.api_devices = devices
    return consultation
