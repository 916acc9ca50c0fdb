"""What the entity registry publishes as open data: the columns of the CSV and
JSON downloads (one list, so both and the catalogue's data dictionary agree)
and the catalogue entry. Imported by civic.open_data on first use."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from civic.open_data import Column, Dataset, Field, Resource, iso, register

from .models import Entity


def _names(attr: str) -> Callable[[Entity], list[str]]:
    return lambda e: [item.name for item in getattr(e, attr).all()]


COLUMNS: tuple[Column, ...] = (
    Column(
        "cnpj", _("CNPJ com máscara (vazio para coletivos)"), lambda e: e.cnpj_display
    ),
    Column(
        "cnpj_numero",
        _(
            "CNPJ sem máscara, 14 caracteres (letras maiúsculas no formato alfanumérico)"
        ),
        lambda e: e.cnpj,
    ),
    Column("razao_social", _("Razão social, ou nome do coletivo"), lambda e: e.name),
    Column("nome_fantasia", _("Nome fantasia"), lambda e: e.trade_name),
    Column(
        "tipo",
        _("osc (organização com CNPJ) ou collective (coletivo ou movimento sem CNPJ)"),
        lambda e: e.kind,
    ),
    Column(
        "natureza_juridica_codigo",
        _("Código da natureza jurídica na tabela da Receita Federal"),
        lambda e: e.legal_nature.code if e.legal_nature else "",
    ),
    Column(
        "natureza_juridica",
        _("Descrição da natureza jurídica"),
        lambda e: e.legal_nature.description if e.legal_nature else "",
    ),
    Column(
        "cnae_codigo",
        _("CNAE principal (subclasse, 7 dígitos)"),
        lambda e: e.main_cnae.code if e.main_cnae else "",
    ),
    Column(
        "cnae",
        _("Descrição do CNAE principal"),
        lambda e: e.main_cnae.description if e.main_cnae else "",
    ),
    Column("areas", _("Áreas de atuação"), _names("areas"), many=True),
    Column("publicos", _("Públicos atendidos"), _names("publics"), many=True),
    Column(
        "regionais", _("Regionais de Betim atendidas"), _names("regionais"), many=True
    ),
    Column("bairros", _("Bairros de Betim atendidos"), _names("bairros"), many=True),
    Column("municipio", _("Município da sede"), lambda e: e.city),
    Column("uf", _("UF da sede"), lambda e: e.state),
    Column("fundacao", _("Data de fundação (AAAA-MM-DD)"), lambda e: iso(e.founded_on)),
    Column(
        "regularidade",
        _(
            "regular, missing (documentos faltando), expired (documentos vencidos) "
            "ou not_applicable (coletivos)"
        ),
        lambda e: e.regularity,
    ),
    Column(
        "renovacao_pendente",
        _("true quando a confirmação anual dos dados está vencida"),
        lambda e: e.renewal_pending,
    ),
    Column(
        "aprovada_em",
        _("Data e hora da aprovação do cadastro (ISO 8601)"),
        lambda e: iso(e.approved_at),
    ),
    Column(
        "renovacao_ate",
        _("Data limite da próxima confirmação anual dos dados"),
        lambda e: iso(e.renewal_due_on),
    ),
    Column(
        "url",
        _("Endereço da página pública da entidade"),
        lambda e: settings.SITE_URL + e.get_absolute_url(),
    ),
)


register(
    Dataset(
        slug="entidades",
        title=_("Entidades da sociedade civil de Betim"),
        description=_(
            "Organizações da sociedade civil e coletivos com cadastro aprovado pela "
            "Superintendência de Relacionamento com a Sociedade Civil: identificação, "
            "natureza jurídica, áreas de atuação, territórios atendidos e "
            "regularidade da documentação. Os mesmos filtros do diretório "
            "(q, area, regional, bairro, natureza, regularidade, tipo) podem ser "
            "usados nos endereços dos arquivos."
        ),
        resources=(
            Resource(
                "CSV",
                "entities:csv",
                _(
                    "UTF-8 com BOM, separado por ponto e vírgula (;), como o Mapa das "
                    "OSCs: abre direto no Excel em português. Listas separadas por “ | ”."
                ),
                "text/csv",
            ),
            Resource(
                "JSON",
                "entities:json",
                _("Objeto com a lista em “results”."),
                "application/json",
            ),
            Resource(
                "API",
                "api-v1:entities_list",
                _("API REST paginada e filtrável, descrita em OpenAPI."),
                "application/json",
            ),
        ),
        fields=tuple(Field(c.name, c.description) for c in COLUMNS),
        notes=_(
            "Dados pessoais não são publicados: CPF de dirigentes, documentos e "
            "e-mails de representantes ficam fora. Endereço e telefone aparecem só "
            "na página da entidade que autorizou."
        ),
        update_frequency=_("Contínua: cada aprovação aparece na hora."),
        order=10,
    )
)
