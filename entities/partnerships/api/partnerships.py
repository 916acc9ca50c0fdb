"""`/api/v1/parcerias/`: every listed partnership with the six fields of
art. 11 § único, and one partnership's full public record."""

import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from civic.api import SLUG_PATTERN, ListPagination, absolute, page_url

from ..models import Instrument, Partnership
from ..selectors.transparency import (
    LISTED_STATUSES,
    conclusive_result,
    latest_accountability,
    partnership_public,
    partnerships_listed,
    team_total,
)

router = Router(tags=["Parcerias (Lei 13.019/2014)"])
MAX_ID = 2**63 - 1
CENTS = Decimal("0.01")


class PartnershipFilters(Schema):
    area: str | None = Field(
        None, max_length=100, pattern=SLUG_PATTERN, description="Identificador da área."
    )
    entidade: str | None = Field(
        None,
        max_length=120,
        pattern=SLUG_PATTERN,
        description="Identificador da entidade no cadastro.",
    )
    instrumento: str | None = Field(
        None,
        max_length=16,
        description="colaboracao, fomento, cooperacao ou legado.",
    )
    ano: int | None = Field(None, ge=1988, le=2100, description="Ano da assinatura.")
    situacao: str | None = Field(
        None,
        max_length=16,
        description="signed, executing, ended, rescinded ou closed.",
    )
    q: str | None = Field(
        None, max_length=200, description="Número, objeto, entidade ou CNPJ."
    )


class PartnerEntityOut(Schema):
    slug: str
    nome: str = Field(..., alias="name")
    cnpj: str = Field(..., alias="cnpj_display")


class AccountOut(Schema):
    tipo: str = Field(..., alias="kind")
    fim_do_periodo: dt.date = Field(..., alias="period_ends_on")
    prazo: dt.date = Field(..., alias="due_on")
    apresentada_em: dt.date | None = Field(..., alias="presented_on")
    prazo_analise: dt.date | None = Field(..., alias="analysis_due_on")
    situacao: str = Field(..., alias="status")
    resultado: str

    @staticmethod
    def resolve_resultado(account) -> str:
        return conclusive_result(account)


class TeamOut(Schema):
    funcao: str = Field(..., alias="function")
    remuneracao_mensal: Decimal = Field(..., alias="monthly_pay")
    meses: int = Field(..., alias="months")


class PartnershipOut(Schema):
    id: int = Field(..., alias="pk")
    numero: str = Field(..., alias="number")
    instrumento: str = Field(..., alias="instrument")
    instrumento_nome: str = Field(..., alias="instrument_display")
    situacao: str = Field(..., alias="status")
    assinatura: dt.date | None = Field(..., alias="signed_on")
    orgao: str
    area: str
    entidade: PartnerEntityOut = Field(..., alias="entity")
    objeto: str = Field(..., alias="object")
    valor_total: Decimal | None = Field(None, alias="total_value")
    valor_liberado: Decimal
    inicio_vigencia: dt.date | None = Field(..., alias="starts_on")
    fim_vigencia: dt.date | None = Field(..., alias="ends_on")
    prestacao_de_contas: AccountOut | None
    equipe_remuneracao_total: Decimal
    equipe: list[TeamOut]
    encerrada_em: dt.date | None = Field(..., alias="closed_on")
    url: str

    resolve_url = staticmethod(page_url)

    @staticmethod
    def resolve_valor_liberado(partnership: Partnership) -> Decimal:
        return Decimal(partnership.released_amount).quantize(CENTS)

    @staticmethod
    def resolve_orgao(partnership: Partnership) -> str:
        return partnership.body.name

    @staticmethod
    def resolve_area(partnership: Partnership) -> str:
        return partnership.policy_area.name if partnership.policy_area_id else ""

    @staticmethod
    def resolve_prestacao_de_contas(partnership: Partnership):
        return latest_accountability(partnership)

    @staticmethod
    def resolve_equipe_remuneracao_total(partnership: Partnership) -> Decimal:
        return team_total(partnership).quantize(CENTS)

    @staticmethod
    def resolve_equipe(partnership: Partnership):
        return list(partnership.team.all())


class GoalOut(Schema):
    meta: str = Field(..., alias="description")
    indicador: str = Field(..., alias="indicator")
    meio_de_verificacao: str = Field(..., alias="verification")
    quantidade: Decimal | None = Field(..., alias="quantity")
    unidade: str = Field(..., alias="unit")
    inicio: dt.date | None = Field(..., alias="starts_on")
    fim: dt.date | None = Field(..., alias="ends_on")


class InstallmentOut(Schema):
    numero: int = Field(..., alias="number")
    valor: Decimal = Field(..., alias="value")
    data_prevista: dt.date = Field(..., alias="due_on")
    situacao: str = Field(..., alias="status")
    liberada_em: dt.date | None = Field(..., alias="released_on")
    motivo_retencao: str = Field(..., alias="retention_reason")


class ChangeOut(Schema):
    tipo: str = Field(..., alias="kind")
    ato: str = Field(..., alias="act_number")
    decidida_em: dt.date | None = Field(..., alias="decided_on")
    nova_data_de_fim: dt.date | None = Field(..., alias="new_ends_on")
    alteracao_de_valor: Decimal | None = Field(..., alias="value_change")
    descricao: str = Field(..., alias="description")


class SanctionOut(Schema):
    tipo: str = Field(..., alias="kind")
    situacao: str = Field(..., alias="status")
    ato: str = Field(..., alias="act")
    inicio: dt.date | None = Field(..., alias="starts_on")
    fim: dt.date | None = Field(..., alias="ends_on")


class PartnershipDocumentOut(Schema):
    titulo: str = Field(..., alias="title")
    tipo: str = Field(..., alias="kind")
    url: str

    @staticmethod
    def resolve_url(document) -> str:
        return absolute(
            reverse(
                "partnerships:document",
                args=[document.partnership_id, document.pk],
            )
        )


class PartnershipDetailOut(PartnershipOut):
    origem: str = Field(..., alias="origin")
    justificativa_excecao: str = Field(..., alias="exception_justification")
    emenda_parlamentar: str = Field(..., alias="amendment_reference")
    extrato_publicado_em: dt.date | None = Field(..., alias="extract_published_on")
    extrato_local: str = Field(..., alias="extract_place")
    metas: list[GoalOut]
    parcelas: list[InstallmentOut]
    alteracoes: list[ChangeOut] = Field(..., alias="approved_changes")
    prestacoes_de_contas: list[AccountOut]
    sancoes: list[SanctionOut] = Field(..., alias="applied_sanctions")
    documentos: list[PartnershipDocumentOut] = Field(..., alias="public_documents")

    @staticmethod
    def resolve_metas(partnership: Partnership):
        return list(partnership.goals.all())

    @staticmethod
    def resolve_parcelas(partnership: Partnership):
        return list(partnership.installments.all())

    @staticmethod
    def resolve_prestacoes_de_contas(partnership: Partnership):
        return list(reversed(partnership.accounts_newest_first))


@router.get(
    "/",
    response=list[PartnershipOut],
    url_name="partnerships_list",
    summary="Lista as parcerias com organizações da sociedade civil",
    description=(
        "Parcerias da assinatura até 180 dias depois do encerramento, com as "
        "informações do art. 11 da Lei 13.019/2014; as assinadas mais "
        "recentemente primeiro."
    ),
)
@paginate(ListPagination)
def list_partnerships(request, filters: Query[PartnershipFilters]):
    instrument = filters.instrumento or ""
    status = filters.situacao or ""
    if (instrument and instrument not in Instrument.values) or (
        status and status not in LISTED_STATUSES
    ):
        return Partnership.objects.none()
    return partnerships_listed(
        area=filters.area or "",
        entity=filters.entidade or "",
        instrument=instrument,
        year=filters.ano,
        status=status,
        q=(filters.q or "").replace("\x00", ""),
    )


@router.get(
    "/{id}/",
    response=PartnershipDetailOut,
    url_name="partnerships_detail",
    summary="Uma parceria: plano de trabalho, parcelas, alterações, contas e sanções",
)
def get_partnership(request, id: int):
    if not 0 < id <= MAX_ID:
        raise Http404
    partnership = partnership_public(id)
    if partnership is None:
        raise Http404
    return partnership
