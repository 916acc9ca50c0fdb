"""`/api/v1/resolucoes/`: the published resolutions of every council.

Public acts only: never a draft, never who wrote or published it. Dates in
Betim's time with their offset. The list costs a fixed number of queries
whatever the page size."""

import datetime as dt
import re
from typing import Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from civic.api import SLUG_PATTERN, ListPagination, NamedOut, local_time, page_url
from consultations.models import PolicyArea

from ..models import Council, Resolution
from ..open_data.resolutions import pdf_url
from ..selectors.resolutions import resolution_public, resolutions_search

_SLUG = re.compile(SLUG_PATTERN)

router = Router(tags=["Resoluções dos conselhos"])


class ResolutionFilters(Schema):
    conselho: str | None = Field(
        None,
        max_length=40,
        pattern=SLUG_PATTERN,
        description="Identificador do conselho (ex.: cmas).",
    )
    ano: int | None = Field(None, ge=1950, le=2999, description="Ano da resolução.")
    assunto: str | None = Field(
        None, max_length=100, pattern=SLUG_PATTERN, description="Identificador da área."
    )
    q: str | None = Field(
        None, max_length=200, description="Palavras do texto, ou o número (12/2026)."
    )


class ResolutionCouncilOut(Schema):
    slug: str
    sigla: str = Field(..., alias="acronym")
    nome: str = Field(..., alias="name")


class CitedOut(Schema):
    identificacao: str = Field(..., alias="display_number")
    url: str

    resolve_url = staticmethod(page_url)


class ResolutionOut(Schema):
    conselho: ResolutionCouncilOut = Field(..., alias="council")
    ano: int = Field(..., alias="year")
    numero: int = Field(..., alias="number")
    identificacao: str = Field(..., alias="display_number")
    ementa: str = Field(..., alias="title")
    situacao: Literal["published", "revoked"] = Field(..., alias="status")
    publicada_em: dt.datetime
    assuntos: list[NamedOut]
    url: str
    pdf: str

    resolve_publicada_em = local_time("published_at")
    resolve_url = staticmethod(page_url)

    @staticmethod
    def resolve_assuntos(resolution: Resolution):
        return list(resolution.subjects.all())

    resolve_pdf = staticmethod(pdf_url)


class ResolutionMeetingOut(Schema):
    data: dt.date
    titulo: str

    @staticmethod
    def resolve_data(meeting) -> dt.date:
        return timezone.localdate(meeting.starts_at)

    @staticmethod
    def resolve_titulo(meeting) -> str:
        return str(meeting)


class ResolutionDetailOut(ResolutionOut):
    texto: str = Field(..., alias="body")
    reuniao: ResolutionMeetingOut | None = Field(..., alias="meeting")
    item_de_pauta: str
    revoga: list[CitedOut]
    altera: list[CitedOut]
    revogada_por: list[CitedOut]
    alterada_por: list[CitedOut]

    @staticmethod
    def resolve_item_de_pauta(resolution: Resolution) -> str:
        return resolution.agenda_item.title if resolution.agenda_item_id else ""

    @staticmethod
    def resolve_revoga(resolution: Resolution):
        return list(resolution.revokes.all())

    @staticmethod
    def resolve_altera(resolution: Resolution):
        return list(resolution.amends.all())

    @staticmethod
    def resolve_revogada_por(resolution: Resolution):
        return list(resolution.revoked_by.all())

    @staticmethod
    def resolve_alterada_por(resolution: Resolution):
        return list(resolution.amended_by.all())


@router.get(
    "/",
    response=list[ResolutionOut],
    url_name="resolutions_list",
    summary="Lista as resoluções dos conselhos municipais",
    description=(
        "Resoluções publicadas (e revogadas, marcadas), nunca minutas; as mais "
        "novas primeiro, ou as mais relevantes quando há `q`."
    ),
)
@paginate(ListPagination)
def list_resolutions(request, filters: Query[ResolutionFilters]):
    council = subject = None
    if filters.conselho:
        council = Council.objects.filter(slug=filters.conselho).first()
        if council is None:
            return Resolution.objects.none()
    if filters.assunto:
        subject = PolicyArea.objects.filter(slug=filters.assunto).first()
        if subject is None:
            return Resolution.objects.none()
    return resolutions_search(
        council=council, year=filters.ano, subject=subject, q=filters.q or ""
    )


@router.get(
    "/{conselho}/{ano}/{numero}/",
    response=ResolutionDetailOut,
    url_name="resolutions_detail",
    summary="Uma resolução, com o texto integral e as que ela revoga ou altera",
)
def get_resolution(request, conselho: str, ano: int, numero: int):
    if not (_SLUG.match(conselho) and 1950 <= ano <= 2999 and 0 < numero <= 999_999):
        raise Http404
    council = get_object_or_404(Council, slug=conselho)
    try:
        return resolution_public(council=council, year=ano, number=numero)
    except Resolution.DoesNotExist:
        raise Http404 from None
