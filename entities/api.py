"""`/api/v1/entidades/`: the public directory as a read-only JSON API.

Only approved entities, only public fields: never a board member's CPF, never
documents or representatives, and contacts only when the entity publishes them.
The list takes the directory's filters and `limit`/`offset` pagination.
"""

import datetime as dt
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from civic.api import SLUG_PATTERN, ListPagination, NamedOut, local_time, page_url

from .models import Entity
from .selectors import entities_directory, entity_public_profile

router = Router(tags=["Entidades"])


class EntityFilters(Schema):
    q: str = Field(
        "",
        max_length=200,
        description="Busca por nome, área, bairro ou CNPJ (sem acentos também funciona).",
    )
    area: str | None = Field(
        None, max_length=100, pattern=SLUG_PATTERN, description="Identificador da área."
    )
    regional: str | None = Field(
        None,
        max_length=80,
        pattern=SLUG_PATTERN,
        description="Identificador da regional.",
    )
    bairro: str | None = Field(
        None,
        max_length=120,
        pattern=SLUG_PATTERN,
        description="Identificador do bairro.",
    )
    natureza: str | None = Field(
        None,
        pattern=r"^[0-9]{4}$",
        description="Código da natureza jurídica (ex.: 3999).",
    )
    regularidade: Literal["regular", "missing", "expired", "not_applicable"] | None = (
        None
    )
    tipo: Literal["osc", "collective"] | None = None

    def selector_kwargs(self) -> dict[str, str]:
        values = {
            "q": self.q.replace("\x00", ""),
            "area": self.area,
            "regional": self.regional,
            "bairro": self.bairro,
            "legal_nature": self.natureza,
            "regularity": self.regularidade,
            "kind": self.tipo,
        }
        return {key: value for key, value in values.items() if value}


class CodeOut(Schema):
    codigo: str = Field(..., alias="code")
    descricao: str = Field(..., alias="description")


class EntityOut(Schema):
    slug: str
    url: str
    tipo: Literal["osc", "collective"] = Field(..., alias="kind")
    cnpj: str = Field(
        ..., alias="cnpj_display", description="Com máscara; vazio para coletivos."
    )
    cnpj_numero: str = Field(
        ..., alias="cnpj", description="Sem máscara, 14 caracteres."
    )
    razao_social: str = Field(..., alias="name")
    nome_fantasia: str = Field(..., alias="trade_name")
    natureza_juridica: CodeOut | None = Field(..., alias="legal_nature")
    areas: list[NamedOut]
    regionais: list[NamedOut]
    municipio: str = Field(..., alias="city")
    uf: str = Field(..., alias="state")
    regularidade: Literal["regular", "missing", "expired", "not_applicable"] = Field(
        ..., alias="regularity"
    )
    renovacao_pendente: bool = Field(..., alias="renewal_pending")
    aprovada_em: dt.datetime | None
    renovacao_ate: dt.date | None = Field(None, alias="renewal_due_on")

    resolve_url = staticmethod(page_url)
    resolve_aprovada_em = local_time("approved_at")


class BoardMemberOut(Schema):
    nome: str = Field(..., alias="name")
    cargo: str = Field(..., alias="role")
    representante_legal: bool = Field(..., alias="is_legal_representative")
    mandato_ate: dt.date | None = Field(None, alias="mandate_ends_on")


class ContactOut(Schema):
    logradouro: str = Field(..., alias="street")
    numero: str = Field(..., alias="number")
    complemento: str = Field(..., alias="complement")
    bairro: str = Field(..., alias="neighbourhood")
    cep: str
    telefone: str = Field(..., alias="phone")
    outro_telefone: str = Field(..., alias="phone_alt")
    email: str


class EntityDetailOut(EntityOut):
    resumo: str = Field(..., alias="summary")
    fundacao: dt.date | None = Field(None, alias="founded_on")
    cnae: CodeOut | None = Field(None, alias="main_cnae")
    publicos: list[NamedOut] = Field(..., alias="publics")
    bairros: list[NamedOut]
    empregados: int | None = Field(None, alias="employees")
    voluntarios: int | None = Field(None, alias="volunteers")
    site: str = Field(..., alias="website")
    instagram: str
    facebook: str
    youtube: str
    diretoria: list[BoardMemberOut] = Field(
        ..., alias="board_members", description="Nomes e cargos; nunca o CPF."
    )
    contato: ContactOut | None = Field(
        description="Endereço, telefones e e-mail; nulo se a entidade não os publica."
    )

    @staticmethod
    def resolve_contato(entity: Entity):
        return entity if entity.publish_contact else None


@router.get(
    "/",
    response=list[EntityOut],
    url_name="entities_list",
    summary="Lista as entidades aprovadas",
    description=(
        "Entidades com cadastro aprovado, com os mesmos filtros do diretório público. "
        "Sem busca, em ordem alfabética; com busca, as mais relevantes primeiro."
    ),
)
@paginate(ListPagination)
def list_entities(request, filters: Query[EntityFilters]):
    return entities_directory(**filters.selector_kwargs())


@router.get(
    "/{slug}/",
    response=EntityDetailOut,
    url_name="entities_detail",
    summary="Uma entidade aprovada",
)
def get_entity(request, slug: str):
    try:
        return entity_public_profile(slug=slug)
    except Entity.DoesNotExist:
        raise Http404 from None
