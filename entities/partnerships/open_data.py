"""Open data of the partnerships (Lei 13.019/2014 arts. 10–11, 26): the
columns of the files (one list each, so the files and the data dictionary
agree) and their entries in the `/dados-abertos/` catalogue.

"parcerias" carries the six fields of art. 11 § único for every listed
partnership; "chamamentos" every published call. Entities by name and CNPJ;
never a person's name, CPF, email or phone. Money as plain decimals
("250000.00")."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy

from civic.open_data import Column, Dataset, Field, Resource, iso, register

from .selectors.transparency import (
    conclusive_result,
    latest_accountability,
    team_total,
)

_CSV_NOTE = gettext_lazy(
    "UTF-8 com BOM, separado por ponto e vírgula (;): abre direto no Excel em "
    "português. Listas separadas por “ | ”."
)
_JSON_NOTE = gettext_lazy("Objeto com a lista em “results”.")


def _url(path: str) -> str:
    return settings.SITE_URL + path


def money(value) -> str:
    """A decimal with two places and a dot ("" when absent)."""
    if value is None:
        return ""
    return f"{Decimal(value):.2f}"


def _account(attribute: str):
    def value(partnership) -> str:
        account = latest_accountability(partnership)
        if account is None:
            return ""
        found = getattr(account, attribute)
        return found if isinstance(found, str) else iso(found)

    return value


def _team_line(position) -> str:
    return (
        f"{position.function}: {money(position.monthly_pay)} por mês, "
        f"{position.months} meses"
    )


PARTNERSHIP_COLUMNS: tuple[Column, ...] = (
    Column("numero", gettext_lazy("Número do instrumento"), lambda p: p.number),
    Column(
        "instrumento",
        gettext_lazy("colaboracao, fomento, cooperacao ou legado"),
        lambda p: p.instrument,
    ),
    Column(
        "instrumento_nome",
        gettext_lazy("Nome do instrumento (art. 11, I)"),
        lambda p: p.instrument_display,
    ),
    Column(
        "assinatura",
        gettext_lazy("Data da assinatura (art. 11, I)"),
        lambda p: iso(p.signed_on),
    ),
    Column(
        "orgao",
        gettext_lazy("Órgão público responsável (art. 11, I)"),
        lambda p: p.body.name,
    ),
    Column(
        "situacao",
        gettext_lazy("signed, executing, ended, rescinded ou closed"),
        lambda p: p.status,
    ),
    Column(
        "area",
        gettext_lazy("Área de política pública"),
        lambda p: p.policy_area.name if p.policy_area_id else "",
    ),
    Column(
        "osc_nome",
        gettext_lazy("Razão social da organização (art. 11, II)"),
        lambda p: p.entity.name,
    ),
    Column(
        "osc_cnpj",
        gettext_lazy("CNPJ com máscara (art. 11, II)"),
        lambda p: p.entity.cnpj_display,
    ),
    Column("objeto", gettext_lazy("Objeto (art. 11, III)"), lambda p: p.object),
    Column(
        "valor_total",
        gettext_lazy("Valor total em reais (art. 11, IV)"),
        lambda p: money(p.total_value),
    ),
    Column(
        "valor_liberado",
        gettext_lazy("Valores liberados em reais (art. 11, IV)"),
        lambda p: money(p.released_amount),
    ),
    Column("inicio_vigencia", gettext_lazy("Início"), lambda p: iso(p.starts_on)),
    Column("fim_vigencia", gettext_lazy("Fim"), lambda p: iso(p.ends_on)),
    Column(
        "extrato_publicado_em",
        gettext_lazy("Data de publicação do extrato"),
        lambda p: iso(p.extract_published_on),
    ),
    Column(
        "prestacao_contas_tipo",
        gettext_lazy("anual ou final: a prestação de contas mais recente"),
        _account("kind"),
    ),
    Column(
        "prestacao_contas_prazo",
        gettext_lazy("Prazo para apresentar (art. 11, V)"),
        _account("due_on"),
    ),
    Column(
        "prestacao_contas_apresentada_em",
        gettext_lazy("Data em que foi apresentada (art. 11, V)"),
        _account("presented_on"),
    ),
    Column(
        "prestacao_contas_prazo_analise",
        gettext_lazy("Prazo da análise (art. 11, V)"),
        _account("analysis_due_on"),
    ),
    Column(
        "prestacao_contas_situacao",
        gettext_lazy("pending, presented, diligence, regular, caveats ou irregular"),
        _account("status"),
    ),
    Column(
        "prestacao_contas_resultado",
        gettext_lazy("Resultado conclusivo (art. 11, V), vazio enquanto não há"),
        lambda p: conclusive_result(latest_accountability(p)),
    ),
    Column(
        "equipe_remuneracao_total",
        gettext_lazy("Remuneração total da equipe paga com recursos da parceria"),
        lambda p: money(team_total(p)),
    ),
    Column(
        "equipe",
        gettext_lazy("Funções e remuneração mensal (art. 11, VI)"),
        lambda p: [_team_line(t) for t in p.team.all()],
        many=True,
    ),
    Column(
        "encerrada_em", gettext_lazy("Data de encerramento"), lambda p: iso(p.closed_on)
    ),
    Column(
        "url",
        gettext_lazy("Página da parceria, com o plano de trabalho"),
        lambda p: _url(p.get_absolute_url()),
    ),
)

CALL_COLUMNS: tuple[Column, ...] = (
    Column("numero", gettext_lazy("Número do edital"), lambda c: c.number),
    Column("slug", gettext_lazy("Identificador na plataforma"), lambda c: c.slug),
    Column("titulo", gettext_lazy("Título"), lambda c: c.title),
    Column(
        "situacao",
        gettext_lazy(
            "published, evaluation, preliminary, homologated, concluded, revoked ou deserted"
        ),
        lambda c: c.status,
    ),
    Column(
        "instrumento",
        gettext_lazy("colaboracao, fomento ou cooperacao"),
        lambda c: c.instrument,
    ),
    Column("orgao", gettext_lazy("Órgão responsável"), lambda c: c.body.name),
    Column(
        "area",
        gettext_lazy("Área de política pública"),
        lambda c: c.policy_area.name if c.policy_area_id else "",
    ),
    Column("objeto", gettext_lazy("Objeto"), lambda c: c.object),
    Column(
        "valor_referencia",
        gettext_lazy("Valor de referência em reais"),
        lambda c: money(c.expected_value),
    ),
    Column(
        "publicado_em",
        gettext_lazy("Publicação do edital"),
        lambda c: iso(c.published_at),
    ),
    Column(
        "propostas_ate",
        gettext_lazy("Fim do prazo das propostas"),
        lambda c: iso(c.proposals_end_at),
    ),
    Column(
        "resultado_preliminar_em",
        gettext_lazy("Publicação do resultado preliminar"),
        lambda c: iso(c.preliminary_published_at),
    ),
    Column(
        "recurso_ate",
        gettext_lazy("Fim do prazo de recurso"),
        lambda c: iso(c.appeal_ends_at),
    ),
    Column(
        "homologado_em", gettext_lazy("Homologação"), lambda c: iso(c.homologated_at)
    ),
    Column(
        "url",
        gettext_lazy("Página do chamamento"),
        lambda c: _url(c.get_absolute_url()),
    ),
)


def _resources(name: str, api: str, api_note) -> tuple[Resource, ...]:
    return (
        Resource("CSV", f"partnerships:open_data_{name}_csv", _CSV_NOTE, "text/csv"),
        Resource(
            "JSON",
            f"partnerships:open_data_{name}_json",
            _JSON_NOTE,
            "application/json",
        ),
        Resource("API", api, api_note, "application/json"),
    )


register(
    Dataset(
        slug="parcerias",
        title=gettext_lazy("Parcerias com organizações da sociedade civil"),
        description=gettext_lazy(
            "Termos de colaboração, termos de fomento, acordos de cooperação e "
            "instrumentos anteriores, da assinatura até 180 dias depois do "
            "encerramento, com as informações do art. 11 da Lei 13.019/2014: "
            "assinatura, instrumento e órgão; organização e CNPJ; objeto; valor "
            "total e liberado; prestação de contas; equipe paga com recursos da "
            "parceria."
        ),
        resources=_resources(
            "partnerships",
            "api-v1:partnerships_list",
            gettext_lazy(
                "API REST com filtros por área, entidade, instrumento, ano e situação."
            ),
        ),
        fields=tuple(Field(c.name, c.description) for c in PARTNERSHIP_COLUMNS),
        notes=gettext_lazy(
            "Valores em reais com ponto decimal. A equipe aparece por função, "
            "nunca pelo nome das pessoas."
        ),
        update_frequency=gettext_lazy("Contínua."),
        order=40,
    )
)

register(
    Dataset(
        slug="chamamentos",
        title=gettext_lazy("Chamamentos públicos"),
        description=gettext_lazy(
            "Editais de chamamento público publicados (Lei 13.019/2014, arts. 23 a "
            "28), com prazos, valores de referência, resultado e homologação."
        ),
        resources=_resources(
            "calls",
            "api-v1:calls_list",
            gettext_lazy("API REST com filtros por situação, instrumento, área e ano."),
        ),
        fields=tuple(Field(c.name, c.description) for c in CALL_COLUMNS),
        update_frequency=gettext_lazy("Contínua."),
        order=41,
    )
)
