"""The columns of the open-data files of consultations, hearings and forums,
and of a consultation's report CSV (`relatorio.csv`): one list each, so the
files and the catalogue's data dictionary agree.

Contributions are opinions on public policy, which can reveal political
opinion, sensitive personal data under LGPD art. 5 II and art. 11: the author's
name appears only when the person chose to show it; otherwise "Participante"
(or the entity's name, when they spoke for an entity).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.open_data import Column, iso

from ..models import Consultation, Contribution, Event
from ..selectors.events import places_left


def _url(path: str) -> str:
    return settings.SITE_URL + path


def _report_url(name: str) -> Callable[[Consultation], str]:
    def value(c: Consultation) -> str:
        if c.status != Consultation.Status.ANSWERED:
            return ""
        return _url(reverse(f"consultations:{name}", kwargs={"slug": c.slug}))

    return value


CONSULTATION_COLUMNS: tuple[Column, ...] = (
    Column("slug", gettext_lazy("Identificador da consulta"), lambda c: c.slug),
    Column("titulo", gettext_lazy("Título"), lambda c: c.title),
    Column("resumo", gettext_lazy("Resumo"), lambda c: c.summary),
    Column(
        "situacao",
        gettext_lazy(
            "scheduled (agendada), open (aberta), closed (encerrada, aguardando "
            "respostas) ou answered (com relatório final)"
        ),
        lambda c: c.status,
    ),
    Column(
        "area", gettext_lazy("Área de política pública"), lambda c: c.policy_area.name
    ),
    Column(
        "orgao_responsavel",
        gettext_lazy("Órgão responsável"),
        lambda c: c.responsible_body.name,
    ),
    Column("base_legal", gettext_lazy("Base legal"), lambda c: c.legal_basis),
    Column(
        "bairros",
        gettext_lazy("Bairros afetados (vazio: a cidade toda)"),
        lambda c: [b.name for b in c.bairros.all()],
        many=True,
    ),
    Column(
        "abertura",
        gettext_lazy("Abertura, data e hora com fuso (ISO 8601)"),
        lambda c: iso(c.opens_at),
    ),
    Column(
        "encerramento",
        gettext_lazy("Encerramento, data e hora com fuso (ISO 8601)"),
        lambda c: iso(c.closes_at),
    ),
    Column(
        "contribuicoes",
        gettext_lazy("Contribuições publicadas (sem as respostas entre participantes)"),
        lambda c: c.public_contributions,
    ),
    Column(
        "apoios",
        gettext_lazy("Apoios às contribuições publicadas"),
        lambda c: c.public_supports or 0,
    ),
    Column(
        "url", gettext_lazy("Página da consulta"), lambda c: _url(c.get_absolute_url())
    ),
    Column(
        "relatorio_url",
        gettext_lazy("Página do relatório final (quando publicado)"),
        _report_url("report"),
    ),
    Column(
        "relatorio_csv",
        gettext_lazy("Relatório final em CSV (quando publicado)"),
        _report_url("report_csv"),
    ),
)


def _venue(attr: str) -> Callable[[Event], Any]:
    return lambda e: getattr(e.venue, attr) if e.venue_id else ""


EVENT_COLUMNS: tuple[Column, ...] = (
    Column("slug", gettext_lazy("Identificador do evento"), lambda e: e.slug),
    Column("titulo", gettext_lazy("Título"), lambda e: e.title),
    Column(
        "tipo",
        gettext_lazy(
            "audiencia (audiência pública), forum ou reuniao (reunião aberta)"
        ),
        lambda e: e.kind,
    ),
    Column(
        "situacao",
        gettext_lazy(
            "published (marcado), cancelled (cancelado) ou concluded (com ata)"
        ),
        lambda e: e.status,
    ),
    Column("assunto", gettext_lazy("Assunto"), lambda e: e.subject),
    Column(
        "area", gettext_lazy("Área de política pública"), lambda e: e.policy_area.name
    ),
    Column(
        "orgao_organizador",
        gettext_lazy("Órgão organizador"),
        lambda e: e.organizing_body.name,
    ),
    Column("base_legal", gettext_lazy("Base legal"), lambda e: e.legal_basis),
    Column(
        "inicio",
        gettext_lazy("Início, data e hora com fuso (ISO 8601)"),
        lambda e: iso(e.starts_at),
    ),
    Column(
        "termino",
        gettext_lazy("Término, data e hora com fuso (ISO 8601)"),
        lambda e: iso(e.ends_at),
    ),
    Column("local", gettext_lazy("Nome do local"), _venue("name")),
    Column("endereco", gettext_lazy("Endereço do local"), _venue("address")),
    Column(
        "bairro",
        gettext_lazy("Bairro do local"),
        lambda e: e.venue.bairro.name if e.venue_id and e.venue.bairro_id else "",
    ),
    Column(
        "acesso_sem_degraus",
        gettext_lazy("true quando o local tem rampa ou elevador"),
        lambda e: bool(e.venue_id and e.venue.step_free_access),
    ),
    Column(
        "libras",
        gettext_lazy("true quando há intérprete de Libras"),
        lambda e: e.libras,
    ),
    Column(
        "transmissao",
        gettext_lazy("Endereço da transmissão on-line"),
        lambda e: e.stream_url,
    ),
    Column("capacidade", gettext_lazy("Vagas para inscrição"), lambda e: e.capacity),
    Column(
        "vagas_restantes",
        gettext_lazy("Vagas ainda livres (depois delas, lista de espera)"),
        places_left,
    ),
    Column(
        "publico_presente",
        gettext_lazy("Público presente, informado com a ata"),
        lambda e: e.attendance_count if e.attendance_count is not None else "",
    ),
    Column("gravacao", gettext_lazy("Endereço da gravação"), lambda e: e.recording_url),
    Column(
        "url", gettext_lazy("Página do evento"), lambda e: _url(e.get_absolute_url())
    ),
    Column(
        "ics",
        gettext_lazy("Arquivo iCalendar (.ics) do evento"),
        lambda e: _url(reverse("consultations:event_ics", kwargs={"slug": e.slug})),
    ),
)


def _sent_at(c: Contribution, exact) -> str:
    """When it was sent: `exact(moment)` for public authorship, else the month.

    Bairro plus an exact time can single out an anonymous participant (one
    contribution from a small bairro at 23:14), and an opinion on a public
    policy can reveal political opinion, sensitive data (LGPD art. 5 II, art.
    12). The bairro stays, since the report counts per bairro; the time of an
    anonymous contribution is published only as its local month (AAAA-MM).
    """
    if c.author_is_public:
        return exact(c.created_at)
    return timezone.localtime(c.created_at).strftime("%Y-%m")


def _answer_text(c: Contribution) -> str:
    """The devolutiva's justification, withheld when moderation hid the
    contribution (it may quote what was hidden)."""
    if c.moderation == Contribution.Moderation.HIDDEN:
        return ""
    return c.answer_text


def _contribution_text(c: Contribution) -> str:
    if c.moderation == Contribution.Moderation.HIDDEN:
        return _("Contribuição removida pela moderação: %(reason)s") % {
            "reason": c.moderation_reason
        }
    return c.text


# The value functions get (contribution, citations by device id).
CONTRIBUTION_COLUMNS: tuple[Column, ...] = (
    Column("id", gettext_lazy("Número da contribuição"), lambda c, d: c.pk),
    Column(
        "em_resposta_a",
        gettext_lazy(
            "Número da contribuição respondida (respostas entre participantes)"
        ),
        lambda c, d: c.parent_id or "",
    ),
    Column(
        "consulta",
        gettext_lazy("Título da consulta"),
        lambda c, d: c.consultation.title,
    ),
    Column(
        "consulta_slug",
        gettext_lazy("Identificador da consulta"),
        lambda c, d: c.consultation.slug,
    ),
    Column(
        "dispositivo",
        gettext_lazy("Dispositivo comentado (Art. 2º, § 1º...), ou “Geral”"),
        lambda c, d: d.get(c.device_id, "") if c.device_id else _("Geral"),
    ),
    Column(
        "posicao",
        gettext_lazy("Concordo, Discordo ou Proposta de redação"),
        lambda c, d: c.get_position_display() if c.position else "",
    ),
    Column(
        "texto",
        gettext_lazy("Texto da contribuição"),
        lambda c, d: _contribution_text(c),
    ),
    Column(
        "redacao_proposta",
        gettext_lazy("Redação proposta para o dispositivo"),
        lambda c, d: (
            "" if c.moderation == Contribution.Moderation.HIDDEN else c.proposed_text
        ),
    ),
    Column(
        "autoria",
        gettext_lazy(
            "Nome de quem escreveu, só se a pessoa escolheu mostrá-lo; o nome da "
            "entidade, quando falou em nome dela; senão “Participante”"
        ),
        lambda c, d: c.public_author,
    ),
    Column(
        "bairro",
        gettext_lazy("Bairro informado pela pessoa ao contribuir"),
        lambda c, d: c.bairro.name if c.bairro_id else "",
    ),
    Column("apoios", gettext_lazy("Apoios recebidos"), lambda c, d: c.support_count),
    Column(
        "resposta",
        gettext_lazy(
            "Devolutiva: Acatada, Parcialmente acatada, Não acatada ou Fora do escopo"
        ),
        lambda c, d: c.get_answer_display() if c.answer else "",
    ),
    Column(
        "justificativa",
        gettext_lazy(
            "Justificativa da devolutiva (vazia se a contribuição foi removida "
            "pela moderação)"
        ),
        lambda c, d: _answer_text(c),
    ),
    Column(
        "data",
        gettext_lazy(
            "Data e hora do envio, com fuso (ISO 8601); só o mês (AAAA-MM) "
            "quando a autoria não é pública"
        ),
        lambda c, d: _sent_at(c, iso),
    ),
)


# The report CSV of one consultation: the same rows without the consultation's
# own columns, and the time as people read it.
REPORT_COLUMNS: tuple[Column, ...] = (
    *(
        c
        for c in CONTRIBUTION_COLUMNS
        if c.name not in ("consulta", "consulta_slug", "data")
    ),
    Column(
        "data",
        gettext_lazy(
            "Data e hora do envio (horário de Betim); só o mês (AAAA-MM) quando "
            "a autoria não é pública"
        ),
        lambda c, d: _sent_at(
            c, lambda at: timezone.localtime(at).strftime("%Y-%m-%d %H:%M")
        ),
    ),
)
