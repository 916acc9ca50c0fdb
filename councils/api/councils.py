"""`/api/v1/conselhos/`: active councils, their composition by segment, the
current gestão and the upcoming convened meetings."""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from civic.api import (
    SLUG_PATTERN,
    ListPagination,
    NamedOut,
    absolute_url,
    local,
    page_url,
)

from ..models import Council, Mandate, Meeting, Seat
from ..presentation import public_name
from ..selectors.public import (
    SegmentGroup,
    composition,
    councils_for_list,
    current_mandates,
    current_term,
)

router = Router(tags=["Conselhos municipais"])
UPCOMING_LIMIT = 10


class MeetingOut(Schema):
    id: int = Field(..., alias="pk")
    titulo: str = Field(..., alias="display_title")
    tipo: str = Field(..., alias="kind")
    situacao: str = Field(..., alias="status")
    inicio: dt.datetime
    url: str

    @staticmethod
    def resolve_inicio(meeting: Meeting) -> dt.datetime:
        return local(meeting.starts_at)

    resolve_url = staticmethod(page_url)


class CouncilOut(Schema):
    slug: str
    sigla: str = Field(..., alias="acronym")
    nome: str = Field(..., alias="name")
    natureza: str = Field(..., alias="nature")
    area: NamedOut | None = Field(..., alias="policy_area")
    regra_composicao: str = Field(..., alias="composition_rule")
    proxima_reuniao: dt.datetime | None = None
    url: str
    ics: str

    @staticmethod
    def resolve_proxima_reuniao(council: Council) -> dt.datetime | None:
        return local(getattr(council, "next_meeting_at", None))

    resolve_url = staticmethod(page_url)

    @staticmethod
    def resolve_ics(council: Council) -> str:
        return absolute_url("councils:ics", slug=council.slug)


class SeatEntityOut(Schema):
    slug: str
    nome: str


class HolderOut(Schema):
    nome: str
    entidade: SeatEntityOut | None
    desde: dt.date


class SeatOut(Schema):
    id: int
    descricao: str
    orgao: str
    titular: HolderOut | None
    suplente: HolderOut | None


class SegmentOut(Schema):
    segmento: str
    nome: str
    assentos: list[SeatOut]


class TermOut(Schema):
    inicio: dt.date
    fim: dt.date
    ato: str
    reconducao: bool


class CouncilDetailOut(CouncilOut):
    apresentacao: str = Field(..., alias="summary")
    lei_de_criacao: str = Field(..., alias="creating_law")
    gestao: TermOut | None
    composicao: list[SegmentOut]
    proximas_reunioes: list[MeetingOut]


def _holder(mandate: Mandate | None) -> dict | None:
    if mandate is None:
        return None
    entity = mandate.entity
    return {
        "nome": public_name(mandate.person),
        "entidade": {"slug": entity.slug, "nome": entity.display_name}
        if entity
        else None,
        "desde": mandate.starts_on,
    }


def _segments(groups: list[SegmentGroup]) -> list[dict]:
    return [
        {
            "segmento": group.segment,
            "nome": group.label,
            "assentos": [
                {
                    "id": row.seat.pk,
                    "descricao": str(row.seat),
                    "orgao": row.seat.body.name if row.seat.body_id else "",
                    "titular": _holder(row.titular),
                    "suplente": _holder(row.alternate),
                }
                for row in group.rows
            ],
        }
        for group in groups
    ]


@router.get(
    "/",
    response=list[CouncilOut],
    url_name="councils_list",
    summary="Lista os conselhos municipais",
    description="Conselhos em funcionamento, com a próxima reunião convocada.",
)
@paginate(ListPagination)
def list_councils(request):
    return councils_for_list()


@router.get(
    "/{slug}/",
    response=CouncilDetailOut,
    url_name="councils_detail",
    summary="Um conselho: composição por segmento, gestão e próximas reuniões",
)
def get_council(request, slug: str):
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise Http404
    found = councils_for_list(slug=slug)
    if not found:
        raise Http404
    council = found[0]
    seats = list(
        Seat.objects.filter(council=council, is_active=True)
        .select_related("body")
        .prefetch_related(
            Prefetch(
                "mandates", queryset=current_mandates(), to_attr="current_mandates"
            )
        )
    )
    term = current_term(council)
    upcoming = (
        Meeting.objects.filter(
            council=council,
            status=Meeting.Status.CONVENED,
            starts_at__gte=timezone.now(),
        )
        .select_related("council")
        .order_by("starts_at", "pk")[:UPCOMING_LIMIT]
    )
    council.gestao = (
        {
            "inicio": term.starts_on,
            "fim": term.ends_on,
            "ato": term.act_display,
            "reconducao": term.is_reconduction,
        }
        if term
        else None
    )
    council.composicao = _segments(composition(seats))
    council.proximas_reunioes = list(upcoming)
    return council
