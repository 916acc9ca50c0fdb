"""The resolutions of the councils as open data: the columns of the CSV and
JSON files (one list, so the files and the data dictionary agree) and the
catalogue entry. Public acts only: no draft, and no person (who wrote or
published a resolution is not part of the act)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.api import absolute, absolute_url
from civic.open_data import Column, Dataset, Field, Resource, iso, register

_CSV_NOTE = _(
    "UTF-8 com BOM, separado por ponto e vírgula (;): abre direto no Excel em "
    "português. Listas separadas por “ | ”."
)


def _numbers(resolutions) -> list[str]:
    return [r.display_number for r in resolutions.all()]


def pdf_url(resolution) -> str:
    """The public address of a resolution's PDF."""
    return absolute_url(
        "councils:resolution_pdf",
        slug=resolution.council.slug,
        year=resolution.year,
        number=resolution.number,
    )


RESOLUTION_COLUMNS = (
    Column("conselho", _("Sigla do conselho."), lambda r: r.council.acronym),
    Column("conselho_nome", _("Nome do conselho."), lambda r: r.council.name),
    Column("ano", _("Ano da resolução."), lambda r: r.year),
    Column("numero", _("Número no ano, por conselho."), lambda r: r.number),
    Column(
        "identificacao",
        _("Como a resolução é citada: “Resolução CMAS nº 012/2026”."),
        lambda r: r.display_number,
    ),
    Column("ementa", _("O que a resolução decide, em uma frase."), lambda r: r.title),
    Column(
        "situacao",
        _("published (em vigor) ou revoked (revogada)."),
        lambda r: r.status,
    ),
    Column(
        "publicada_em",
        _("Data e hora da publicação (ISO 8601, horário de Brasília)."),
        lambda r: iso(r.published_at),
    ),
    Column(
        "assuntos",
        _("Áreas de política pública da resolução."),
        lambda r: [s.name for s in r.subjects.all()],
        many=True,
    ),
    Column(
        "reuniao_data",
        _("Data da reunião que a aprovou (AAAA-MM-DD)."),
        lambda r: iso(timezone.localdate(r.meeting.starts_at)) if r.meeting_id else "",
    ),
    Column(
        "item_de_pauta",
        _("O item de pauta que a aprovou."),
        lambda r: r.agenda_item.title if r.agenda_item_id else "",
    ),
    Column(
        "revoga", _("Resoluções que esta revoga."), lambda r: _numbers(r.revokes), True
    ),
    Column(
        "altera", _("Resoluções que esta altera."), lambda r: _numbers(r.amends), True
    ),
    Column(
        "revogada_por",
        _("Resoluções que revogaram esta."),
        lambda r: _numbers(r.revoked_by),
        True,
    ),
    Column("texto", _("O texto integral."), lambda r: r.body),
    Column("url", _("Página da resolução."), lambda r: absolute(r.get_absolute_url())),
    Column("pdf", _("A resolução em PDF."), pdf_url),
)

register(
    Dataset(
        slug="resolucoes-dos-conselhos",
        title=_("Resoluções dos conselhos municipais"),
        description=_(
            "Todas as resoluções publicadas pelos conselhos municipais de Betim, "
            "numeradas por conselho e por ano, com a reunião e o item de pauta que "
            "as aprovaram, o texto integral e as que revogam ou alteram."
        ),
        resources=(
            Resource(
                "CSV", "councils:open_data_resolutions_csv", _CSV_NOTE, "text/csv"
            ),
            Resource(
                "JSON",
                "councils:open_data_resolutions_json",
                _("Objeto com a lista em “results”."),
                "application/json",
            ),
            Resource(
                "API",
                "api-v1:resolutions_list",
                _("API REST paginada e filtrável (conselho, ano, assunto, palavras)."),
                "application/json",
            ),
        ),
        fields=tuple(Field(c.name, c.description) for c in RESOLUTION_COLUMNS),
        notes=_(
            "Minutas não são publicadas; resoluções revogadas continuam, marcadas."
        ),
        update_frequency=_("Contínua."),
        order=31,
    )
)
