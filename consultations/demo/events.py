"""The demo's hearings and forums: an upcoming hearing with registrations
and a speaker, an upcoming forum, and a past hearing with its written and oral
contributions answered and its minutes."""

from __future__ import annotations

from datetime import date, timedelta

from civic.accounts.models import User

from .. import services
from ..models import Contribution, Event
from ..services.event_contributions import (
    event_contribution_record,
    event_contribution_send,
)
from .common import area, at, body, days_ahead, move_to_the_past, publish_event
from .texts import HEALTH_MINUTES, PT_MONTHS

C = Contribution

LDO_SLUG = "audiencia-publica-ldo-2027"
FORUM_SLUG = "forum-regional-de-mobilidade-urbana-ptb"
HEALTH_SLUG = "audiencia-publica-prestacao-de-contas-da-saude-2-quadrimestre"


def ldo_hearing(*, staff, people: list[User], venues, today: date):
    if Event.objects.filter(slug=LDO_SLUG).exists():
        return None
    joana, carlos, _aparecida, _rafael = people
    day = days_ahead(today, 20)
    event = publish_event(
        staff=staff,
        slug=LDO_SLUG,
        kind=Event.Kind.HEARING,
        title="Audiência pública da Lei de Diretrizes Orçamentárias (LDO) 2027",
        subject=(
            "Apresentação do projeto da Lei de Diretrizes Orçamentárias para 2027: "
            "metas e prioridades da administração, metas fiscais e riscos fiscais. "
            "Depois da apresentação, a palavra fica aberta às pessoas inscritas para "
            "falar, por três minutos cada."
        ),
        legal_basis=(
            "Lei Complementar nº 101/2000 (LRF), art. 48, § 1º, I; Lei nº 10.257/2001 "
            "(Estatuto da Cidade), art. 44"
        ),
        policy_area=area("Orçamento e planejamento"),
        organizing_body=body("SEPLAN"),
        starts_at=at(day, 19),
        ends_at=at(day, 21, 30),
        venue=venues["main"],
        capacity=120,
        libras=True,
        stream_url="https://www.youtube.com/@prefeituradebetim/live",
        speaker_minutes=3,
    )
    for person in (joana, carlos):
        services.registration_create(event_id=event.pk, user=person)
    services.speaker_request_create(
        event_id=event.pk,
        user=joana,
        topic="Recursos para a saúde na regional Citrolândia",
    )
    return event


def forum(*, staff, people: list[User], venues, today: date):
    if Event.objects.filter(slug=FORUM_SLUG).exists():
        return None
    day = days_ahead(today, 30)
    event = publish_event(
        staff=staff,
        slug=FORUM_SLUG,
        kind=Event.Kind.FORUM,
        title="Fórum Regional de Mobilidade Urbana — Regional PTB",
        subject=(
            "Debate com moradores sobre as linhas de ônibus, as ciclovias e a "
            "segurança das travessias na regional PTB, para o Plano de Mobilidade. "
            "Trabalho em grupos por bairro e plenária final."
        ),
        legal_basis="Lei nº 12.587/2012 (Política Nacional de Mobilidade Urbana), art. 15",
        policy_area=area("Mobilidade urbana"),
        organizing_body=body("SEMOI"),
        starts_at=at(day, 9),
        ends_at=at(day, 12, 30),
        venue=venues["ptb"],
        capacity=80,
        libras=False,
        speaker_minutes=5,
    )
    services.registration_create(event_id=event.pk, user=people[1])
    return event


def health_hearing(*, staff, people: list[User], venues, today: date, now):
    if Event.objects.filter(slug=HEALTH_SLUG).exists():
        return None
    joana, _carlos, aparecida, _rafael = people
    future = days_ahead(today, 20)
    event = publish_event(
        staff=staff,
        slug=HEALTH_SLUG,
        kind=Event.Kind.HEARING,
        title="Audiência pública de prestação de contas da Saúde — 2º quadrimestre",
        subject=(
            "Apresentação do Relatório Detalhado do Quadrimestre Anterior (RDQA) da "
            "Secretaria Municipal de Saúde: aplicação dos recursos, produção dos "
            "serviços e indicadores de saúde."
        ),
        legal_basis="Lei Complementar nº 141/2012, art. 36, § 5º",
        policy_area=area("Saúde"),
        organizing_body=body("SMS"),
        starts_at=at(future, 18),
        ends_at=at(future, 20, 30),
        venue=venues["main"],
        capacity=150,
        libras=True,
        stream_url="https://www.youtube.com/@prefeituradebetim/live",
    )
    for person in people:
        services.registration_create(event_id=event.pk, user=person)
    written = [
        (
            event_contribution_send(
                event_id=event.pk,
                author=joana,
                text=(
                    "A espera por consulta com ortopedista na regional Citrolândia passa "
                    "de oito meses. O que está previsto para reduzir essa fila?"
                ),
                show_name=True,
            ),
            C.Answer.PARTLY,
            "A Secretaria contratou mais 1.200 consultas de ortopedia para o próximo "
            "quadrimestre e vai publicar o tempo de espera por regional. A meta de "
            "reduzir a espera para três meses depende da nova policlínica.",
        ),
        (
            event_contribution_send(
                event_id=event.pk,
                author=aparecida,
                text="Peço que os dados do relatório sejam publicados também por bairro.",
            ),
            C.Answer.ACCEPTED,
            "Acatada: a partir do próximo relatório, os indicadores de atenção básica "
            "serão publicados por bairro no Participa Betim.",
        ),
    ]
    past_day = today - timedelta(days=30)
    move_to_the_past(
        event=event, starts_at=at(past_day, 18), ends_at=at(past_day, 20, 15)
    )
    for days_before, (contribution, _answer, _text) in zip(
        (6, 2), written, strict=True
    ):
        Contribution.objects.filter(pk=contribution.pk).update(
            created_at=at(past_day - timedelta(days=days_before), 10)
        )
    oral = event_contribution_record(
        event_id=event.pk,
        recorded_by=staff,
        channel=C.Channel.ORAL,
        text=(
            "Fala de morador da regional Norte pedindo horário estendido, até as 21h, "
            "nas unidades básicas de saúde, para quem trabalha durante o dia."
        ),
        author_label="Morador da regional Norte",
    )
    # Said at the hearing, so dated then (the service stamps the recording time).
    Contribution.objects.filter(pk=oral.pk).update(created_at=at(past_day, 19))
    written.append(
        (
            oral,
            C.Answer.PARTLY,
            "Duas unidades básicas já funcionam até as 21h. O estudo de ampliação para "
            "uma unidade por regional será apresentado ao Conselho Municipal de Saúde "
            "em até sessenta dias.",
        )
    )
    for contribution, answer, justification in written:
        services.contribution_answer(
            contribution_id=contribution.pk,
            by=staff,
            answer=answer,
            answer_text=justification,
        )
    minutes = HEALTH_MINUTES.format(
        day=past_day.day, month=PT_MONTHS[past_day.month - 1], year=past_day.year
    )
    return services.event_conclude(
        event_id=event.pk,
        actor=staff,
        minutes=minutes,
        recording_url="https://www.youtube.com/@prefeituradebetim/videos",
        attendance_count=87,
    )
