"""`/api/v1/chamamentos/`: the published calls (never a draft), with the
edital, criteria, documents and, once published, the result."""

import datetime as dt
import re
from decimal import Decimal

from django.http import Http404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from civic.api import SLUG_PATTERN, ListPagination, absolute, local_time, page_url

from ..models import Call
from ..selectors.calls import PUBLIC_STATUSES, call_public, call_result, calls_public

router = Router(tags=["Chamamentos públicos (Lei 13.019/2014)"])
_SLUG = re.compile(SLUG_PATTERN)


class CallFilters(Schema):
    situacao: str | None = Field(None, max_length=16, description="Situação do edital.")
    instrumento: str | None = Field(
        None, max_length=16, description="colaboracao, fomento ou cooperacao."
    )
    area: str | None = Field(
        None, max_length=100, pattern=SLUG_PATTERN, description="Identificador da área."
    )
    ano: int | None = Field(None, ge=2014, le=2100, description="Ano de publicação.")


class CallOut(Schema):
    slug: str
    numero: str = Field(..., alias="number")
    titulo: str = Field(..., alias="title")
    situacao: str = Field(..., alias="status")
    instrumento: str = Field(..., alias="instrument")
    orgao: str
    area: str
    objeto: str = Field(..., alias="object")
    valor_referencia: Decimal | None = Field(..., alias="expected_value")
    publicado_em: dt.datetime | None
    propostas_ate: dt.datetime
    url: str

    resolve_publicado_em = local_time("published_at")
    resolve_propostas_ate = local_time("proposals_end_at")
    resolve_url = staticmethod(page_url)

    @staticmethod
    def resolve_orgao(call: Call) -> str:
        return call.body.name

    @staticmethod
    def resolve_area(call: Call) -> str:
        return call.policy_area.name if call.policy_area_id else ""


class CriterionOut(Schema):
    nome: str = Field(..., alias="name")
    peso: Decimal = Field(..., alias="weight")
    nota_maxima: Decimal = Field(..., alias="max_score")


class CallDocumentOut(Schema):
    titulo: str = Field(..., alias="title")
    tipo: str = Field(..., alias="kind")
    url: str


class ResultOut(Schema):
    posicao: int | None
    entidade: str
    nota: Decimal | None
    situacao: str


class CallDetailOut(CallOut):
    dotacao: str = Field(..., alias="budget_line")
    regras_propostas: str = Field(..., alias="proposal_rules")
    regras_recurso: str = Field(..., alias="appeal_rules")
    acessibilidade: str = Field(..., alias="accessibility")
    resultado_preliminar_em: dt.datetime | None
    recurso_ate: dt.datetime | None
    homologado_em: dt.datetime | None
    criterios: list[CriterionOut]
    documentos: list[CallDocumentOut]
    resultado: list[ResultOut]

    resolve_resultado_preliminar_em = local_time("preliminary_published_at")
    resolve_recurso_ate = local_time("appeal_ends_at")
    resolve_homologado_em = local_time("homologated_at")

    @staticmethod
    def resolve_criterios(call: Call):
        return list(call.criteria.all())

    @staticmethod
    def resolve_documentos(call: Call):
        return [
            {
                "titulo": d.title,
                "tipo": d.kind,
                "url": absolute(
                    reverse("partnerships:call_document", args=[call.slug, d.pk])
                ),
            }
            for d in call.documents.all()
        ]

    @staticmethod
    def resolve_resultado(call: Call):
        return [
            {
                "posicao": row.proposal.rank,
                "entidade": row.proposal.entity.display_name,
                "nota": row.proposal.score,
                "situacao": row.proposal.status,
            }
            for row in call_result(call)
        ]


@router.get(
    "/",
    response=list[CallOut],
    url_name="calls_list",
    summary="Lista os chamamentos públicos publicados",
    description="Editais publicados e seus resultados, nunca rascunhos; os mais novos primeiro.",
)
@paginate(ListPagination)
def list_calls(request, filters: Query[CallFilters]):
    status = filters.situacao or ""
    if status and status not in PUBLIC_STATUSES:
        return Call.objects.none()
    return calls_public(
        status=status,
        instrument=filters.instrumento or "",
        area=filters.area or "",
        year=filters.ano,
    )


@router.get(
    "/{slug}/",
    response=CallDetailOut,
    url_name="calls_detail",
    summary="Um chamamento: edital, critérios, documentos e resultado",
)
def get_call(request, slug: str):
    if not _SLUG.match(slug) or len(slug) > 80:
        raise Http404
    call = call_public(slug)
    if call is None:
        raise Http404
    return call
