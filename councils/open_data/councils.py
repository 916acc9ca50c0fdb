"""Open data of the councils' composition and meetings: the columns of the
files (one list each, so the files and the data dictionary agree) and their
entries in the catalogue.

Councillors are public agents in that role: their names are published, never
their CPF, email or phone.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy

from civic.open_data import Column, Dataset, Field, Resource, iso, register

from ..models import Attendance, Mandate, Meeting, Seat
from ..presentation import public_name

_CSV_NOTE = gettext_lazy(
    "UTF-8 com BOM, separado por ponto e vírgula (;): abre direto no Excel em "
    "português. Listas separadas por “ | ”."
)
_JSON_NOTE = gettext_lazy("Objeto com a lista em “results”.")


def _url(path: str) -> str:
    return settings.SITE_URL + path


def _holder(seat: Seat, role: str) -> Mandate | None:
    return next((m for m in seat.current_mandates if m.role == role), None)


def _name(role: str):
    def value(seat: Seat) -> str:
        mandate = _holder(seat, role)
        return public_name(mandate.person) if mandate else ""

    return value


def _entity(role: str, attribute: str):
    def value(seat: Seat) -> str:
        mandate = _holder(seat, role)
        entity = mandate.entity if mandate else None
        if entity is None:
            return ""
        return entity.display_name if attribute == "name" else entity.slug

    return value


T, S = Mandate.Role.TITULAR, Mandate.Role.ALTERNATE

COMPOSITION_COLUMNS: tuple[Column, ...] = (
    Column("conselho", gettext_lazy("Sigla do conselho"), lambda s: s.council.acronym),
    Column("conselho_nome", gettext_lazy("Nome do conselho"), lambda s: s.council.name),
    Column(
        "conselho_url",
        gettext_lazy("Página do conselho"),
        lambda s: _url(s.council.get_absolute_url()),
    ),
    Column(
        "area",
        gettext_lazy("Área de política pública"),
        lambda s: s.council.policy_area.name if s.council.policy_area_id else "",
    ),
    Column(
        "natureza",
        gettext_lazy("deliberativo ou consultivo"),
        lambda s: s.council.nature,
    ),
    Column(
        "regra_composicao",
        gettext_lazy("paritaria, saude ou livre"),
        lambda s: s.council.composition_rule,
    ),
    Column("assento", gettext_lazy("Identificador do assento"), lambda s: s.pk),
    Column(
        "segmento",
        gettext_lazy("governo, usuarios, trabalhadores, entidades ou prestadores"),
        lambda s: s.segment,
    ),
    Column("descricao", gettext_lazy("Descrição do assento"), lambda s: str(s)),
    Column(
        "orgao",
        gettext_lazy("Secretaria ou órgão (assentos do poder público)"),
        lambda s: s.body.name if s.body_id else "",
    ),
    Column("titular", gettext_lazy("Nome do(a) titular"), _name(T)),
    Column(
        "titular_entidade", gettext_lazy("Entidade do(a) titular"), _entity(T, "name")
    ),
    Column(
        "titular_entidade_slug",
        gettext_lazy("Identificador da entidade no cadastro"),
        _entity(T, "slug"),
    ),
    Column("suplente", gettext_lazy("Nome do(a) suplente"), _name(S)),
    Column(
        "suplente_entidade", gettext_lazy("Entidade do(a) suplente"), _entity(S, "name")
    ),
    Column(
        "suplente_entidade_slug",
        gettext_lazy("Identificador da entidade no cadastro"),
        _entity(S, "slug"),
    ),
)


def _attendance_line(attendance: Attendance) -> str:
    who = public_name(attendance.mandate.person)
    return f"{attendance.seat}: {attendance.get_status_display()} ({who})"


def _item_line(item) -> str:
    line = f"{item.position}. {item.title}"
    if not item.is_deliberative:
        return line
    line += f" — {item.get_result_display()} ({item.get_majority_display()}"
    if item.votes_for is not None:
        line += (
            f"; a favor {item.votes_for}, contra {item.votes_against or 0}, "
            f"abstenções {item.abstentions or 0}"
        )
    if item.casting_vote:
        line += f"; desempate: {item.get_casting_vote_display()}"
    return line + ")"


def _is_held(meeting: Meeting) -> bool:
    return meeting.status == Meeting.Status.HELD


MEETING_COLUMNS: tuple[Column, ...] = (
    Column("reuniao", gettext_lazy("Identificador da reunião"), lambda m: m.pk),
    Column("conselho", gettext_lazy("Sigla do conselho"), lambda m: m.council.acronym),
    Column("titulo", gettext_lazy("Título"), lambda m: m.display_title),
    Column("tipo", gettext_lazy("ordinaria ou extraordinaria"), lambda m: m.kind),
    Column(
        "situacao",
        gettext_lazy("convened (convocada), held (realizada) ou cancelled"),
        lambda m: m.status,
    ),
    Column(
        "inicio", gettext_lazy("Início (hora de Betim)"), lambda m: iso(m.starts_at)
    ),
    Column(
        "local",
        gettext_lazy("Local"),
        lambda m: m.venue.name if m.venue_id else m.location_notes,
    ),
    Column(
        "chamada",
        gettext_lazy("first ou second: chamada em que a reunião foi instalada"),
        lambda m: m.installed_on_call,
    ),
    Column(
        "assentos_presentes",
        gettext_lazy("Assentos ocupados na reunião (titular ou suplente)"),
        lambda m: (
            sum(1 for a in m.attendances.all() if a.is_present) if _is_held(m) else ""
        ),
    ),
    Column(
        "presencas",
        gettext_lazy("Presença por assento: situação e quem esteve (ou faltou)"),
        lambda m: (
            [_attendance_line(a) for a in m.attendances.all()] if _is_held(m) else []
        ),
        many=True,
    ),
    Column(
        "pauta",
        gettext_lazy(
            "Itens da pauta; nos deliberativos, resultado, maioria exigida e votos"
        ),
        lambda m: [_item_line(i) for i in m.agenda_items.all()],
        many=True,
    ),
    Column(
        "ata",
        gettext_lazy("none, draft, approved ou published"),
        lambda m: m.minutes_status,
    ),
    Column(
        "url", gettext_lazy("Página da reunião"), lambda m: _url(m.get_absolute_url())
    ),
)


register(
    Dataset(
        slug="conselhos-composicao",
        title=gettext_lazy("Conselhos municipais: composição"),
        description=gettext_lazy(
            "Os assentos de cada conselho municipal em funcionamento, por segmento, "
            "com o(a) titular e o(a) suplente atuais e a entidade que representam."
        ),
        resources=(
            Resource(
                "CSV", "councils:open_data_composition_csv", _CSV_NOTE, "text/csv"
            ),
            Resource(
                "JSON",
                "councils:open_data_composition_json",
                _JSON_NOTE,
                "application/json",
            ),
            Resource(
                "API",
                "api-v1:councils_list",
                gettext_lazy("API REST com a composição e as próximas reuniões."),
                "application/json",
            ),
        ),
        fields=tuple(Field(c.name, c.description) for c in COMPOSITION_COLUMNS),
        notes=gettext_lazy(
            "Só o nome de conselheiros e conselheiras é publicado, nunca CPF, e-mail "
            "ou telefone."
        ),
        update_frequency=gettext_lazy("Contínua."),
        order=30,
    )
)

register(
    Dataset(
        slug="conselhos-reunioes",
        title=gettext_lazy("Conselhos municipais: reuniões, presenças e votações"),
        description=gettext_lazy(
            "Reuniões convocadas, realizadas e canceladas dos conselhos, com a "
            "presença por assento, a pauta e o resultado de cada votação."
        ),
        resources=(
            Resource("CSV", "councils:open_data_meetings_csv", _CSV_NOTE, "text/csv"),
            Resource(
                "JSON",
                "councils:open_data_meetings_json",
                _JSON_NOTE,
                "application/json",
            ),
        ),
        fields=tuple(Field(c.name, c.description) for c in MEETING_COLUMNS),
        update_frequency=gettext_lazy("Contínua."),
        order=31,
    )
)
