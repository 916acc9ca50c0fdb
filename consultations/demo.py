"""Demonstration consultations, hearings and forums for `make run`, so that a
newcomer sees every part working: an open consultation with its text split into
devices and a few contributions, an answered one with its final report, an
upcoming hearing with free places, an upcoming forum, and a past hearing with
its minutes and answered contributions.

Idempotent: each item is found by its slug and left alone once it exists, so a
second run changes nothing. Everything goes through the services (the same
rules, logs and notifications as the site), with two documented exceptions
where no service may act on the past: see `_move_to_the_past`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from civic.accounts.models import User
from civic.territory.models import Bairro
from entities.models import Entity

from . import services
from .models import Body, Consultation, Contribution, Device, Event, PolicyArea, Venue
from .selectors.agenda import local_zone
from .services.event_contributions import (
    event_contribution_record,
    event_contribution_send,
)
from .services.event_workflow import event_save

C = Contribution

CULTURE_SLUG = "plano-municipal-de-cultura-2027-2036"
GARDENS_SLUG = "programa-municipal-de-hortas-comunitarias"
LDO_SLUG = "audiencia-publica-ldo-2027"
FORUM_SLUG = "forum-regional-de-mobilidade-urbana-ptb"
HEALTH_SLUG = "audiencia-publica-prestacao-de-contas-da-saude-2-quadrimestre"

MAIN_VENUE = "Centro Administrativo — Auditório"
PTB_VENUE = "Espaço Multiuso da Regional PTB"

# name, email, bairro: people who take part in the demo (no password: they
# cannot log in; the demo citizen is the account to use).
PARTICIPANTS = [
    ("Joana Ribeiro", "joana.ribeiro@participa.betim.example", "Citrolândia"),
    ("Carlos Eduardo Souza", "carlos.souza@participa.betim.example", "PTB"),
    ("Aparecida Lima", "aparecida.lima@participa.betim.example", "Jardim Teresópolis"),
    ("Rafael Martins", "rafael.martins@participa.betim.example", "Centro"),
]

CULTURE_TEXT = """\
CAPÍTULO I
DAS DISPOSIÇÕES PRELIMINARES

Art. 1º Fica aprovado o Plano Municipal de Cultura de Betim para o decênio 2027-2036, \
com duração de dez anos, em conformidade com o Sistema Nacional de Cultura e a Lei \
Federal nº 12.343, de 2 de dezembro de 2010.

Art. 2º São princípios do Plano Municipal de Cultura:

I - a liberdade de expressão, criação e fruição;

II - a diversidade cultural e o respeito às identidades dos bairros e regionais;

III - o direito de todas as pessoas à memória, ao patrimônio e aos bens culturais;

IV - a participação e o controle social na formulação das políticas culturais.

Art. 3º São objetivos do Plano Municipal de Cultura:

I - descentralizar a oferta cultural, garantindo equipamentos públicos de cultura em \
todas as regionais do Município;

II - valorizar as culturas populares, os povos de terreiro, o hip-hop e as \
manifestações tradicionais de Betim;

III - fomentar a economia da cultura, com atenção aos coletivos e às pequenas \
organizações culturais.

CAPÍTULO II
DO FINANCIAMENTO

Art. 4º O Fundo Municipal de Cultura será o principal instrumento de financiamento \
do Plano.

§ 1º Ao menos trinta por cento dos recursos do Fundo serão destinados a editais \
voltados a agentes culturais das regionais fora do Centro.

§ 2º Os editais terão linhas específicas para:

a) iniciativas de jovens de 15 a 29 anos;

b) mestres e mestras das culturas populares;

c) coletivos sem CNPJ, na forma da Lei Federal nº 14.903, de 27 de junho de 2024.

Art. 5º O Poder Executivo publicará anualmente, no Participa Betim, o relatório de \
execução do Fundo Municipal de Cultura.

Parágrafo único. O relatório será apresentado em audiência pública convocada com \
antecedência mínima de quinze dias.

CAPÍTULO III
DO ACOMPANHAMENTO

Art. 6º O Conselho Municipal de Política Cultural acompanhará a execução do Plano e \
fará sua revisão a cada quatro anos.

Art. 7º Esta Lei entra em vigor na data de sua publicação.
"""

GARDENS_TEXT = """\
Art. 1º Fica instituído o Programa Municipal de Hortas Comunitárias, destinado a \
promover a segurança alimentar, a educação ambiental e o uso social de terrenos \
públicos ociosos.

Art. 2º As hortas poderão ser implantadas em:

I - terrenos públicos sem destinação, mediante termo de cessão de uso;

II - escolas e unidades de saúde, com a participação da comunidade escolar e dos \
usuários;

III - terrenos particulares, mediante acordo com o proprietário.

Art. 3º A gestão de cada horta caberá a um grupo gestor formado por moradores do \
entorno, com apoio técnico da Secretaria Municipal de Meio Ambiente.

Art. 4º Esta Lei entra em vigor na data de sua publicação.
"""

HEALTH_MINUTES = """\
ATA DA AUDIÊNCIA PÚBLICA DE PRESTAÇÃO DE CONTAS DA SAÚDE — 2º QUADRIMESTRE

Aos {day} dias do mês de {month} de {year}, às dezoito horas, no Auditório do Centro \
Administrativo da Prefeitura de Betim, Rua Pará de Minas, 640, Brasiléia, realizou-se a \
audiência pública de apresentação do Relatório Detalhado do Quadrimestre Anterior (RDQA) \
da Secretaria Municipal de Saúde, nos termos do art. 36 da Lei Complementar nº 141, de \
13 de janeiro de 2012.

A mesa foi composta pela Secretária Municipal de Saúde, pelo Superintendente de \
Planejamento em Saúde e pela Presidente do Conselho Municipal de Saúde. A sessão foi \
transmitida pela internet e contou com intérprete de Libras.

1. Apresentação. A equipe de planejamento apresentou a execução orçamentária do \
quadrimestre, a aplicação de 22,4% da receita de impostos em ações e serviços públicos \
de saúde (acima do mínimo constitucional de 15%), a produção das unidades básicas e os \
indicadores pactuados, com destaque para a cobertura vacinal infantil e o tempo de \
espera por consultas especializadas.

2. Manifestações. Foram registradas três contribuições: duas por escrito, pelo site, e \
uma fala presencial. Os temas foram o tempo de espera por especialistas na regional \
Citrolândia, o horário estendido das unidades básicas e a divulgação dos dados por \
bairro. As respostas da Secretaria a cada contribuição estão publicadas com esta ata.

3. Encaminhamentos. A Secretaria comprometeu-se a publicar, junto com o próximo \
relatório, os tempos de espera por especialidade e por regional, e a apresentar ao \
Conselho Municipal de Saúde, em até sessenta dias, o estudo de ampliação do horário \
das unidades básicas.

Nada mais havendo a tratar, a audiência foi encerrada às vinte horas e quinze minutos, \
e eu, servidora da Superintendência de Relacionamento com a Sociedade Civil, lavrei a \
presente ata.
"""

PT_MONTHS = [
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=local_zone())


def _participants() -> list[User]:
    people = []
    for name, email, bairro_name in PARTICIPANTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(
                email=email,
                full_name=name,
                bairro=Bairro.objects.filter(name=bairro_name).first(),
            )
            user.set_unusable_password()
            user.save()
        people.append(user)
    return people


def _venues() -> dict[str, Venue]:
    main, _created = Venue.objects.get_or_create(
        name=MAIN_VENUE,
        defaults={
            "address": "Rua Pará de Minas, 640, Brasiléia",
            "bairro": Bairro.objects.filter(slug="brasileia").first(),
            "capacity": 200,
            "step_free_access": True,
            "accessibility_notes": "Rampa na entrada principal, elevador e banheiros "
            "adaptados no térreo. Espaço reservado para cadeira de rodas.",
        },
    )
    ptb, _created = Venue.objects.get_or_create(
        name=PTB_VENUE,
        defaults={
            "address": "Avenida Edméia Mattos Lazzarotti, 1.500, PTB",
            "bairro": Bairro.objects.filter(slug="ptb").first(),
            "capacity": 100,
            "step_free_access": True,
            "accessibility_notes": "Entrada no nível da rua.",
        },
    )
    return {"main": main, "ptb": ptb}


def _area(name: str) -> PolicyArea:
    return PolicyArea.objects.get(name=name)


def _body(acronym: str) -> Body:
    return Body.objects.get(acronym=acronym)


def _devices(consultation: Consultation) -> dict[str, Device]:
    return {d.anchor: d for d in consultation.devices.all()}


def _open_consultation(
    *, staff, slug: str, text: str, opens_at: datetime, closes_at: datetime, **fields
) -> Consultation:
    """Create a draft, split its text into devices, schedule it and let the
    clock open it (opens_at is in the past), as staff and the beat job would."""
    consultation = Consultation.objects.create(
        slug=slug,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=staff,
        **fields,
    )
    services.devices_replace(consultation=consultation, text=text, by=staff)
    services.consultation_transition(
        consultation_id=consultation.pk, action="schedule", actor=staff
    )
    return services.consultation_transition(
        consultation_id=consultation.pk, action="open", actor=None
    )


def _culture_consultation(*, staff, citizen, people: list[User], now: datetime):
    if Consultation.objects.filter(slug=CULTURE_SLUG).exists():
        return None
    joana, carlos, aparecida, rafael = people
    consultation = _open_consultation(
        staff=staff,
        slug=CULTURE_SLUG,
        text=CULTURE_TEXT,
        opens_at=_at(timezone.localdate(now) - timedelta(days=5), 9),
        closes_at=_at(timezone.localdate(now) + timedelta(days=25), 23, 59),
        title="Plano Municipal de Cultura de Betim 2027-2036",
        summary=(
            "Minuta do projeto de lei que aprova o Plano Municipal de Cultura para os "
            "próximos dez anos: princípios, objetivos, financiamento pelo Fundo "
            "Municipal de Cultura e acompanhamento pelo Conselho de Política Cultural."
        ),
        policy_area=_area("Cultura"),
        responsible_body=_body("SEMUC"),
        legal_basis=(
            "Lei Federal nº 12.343/2010 (Plano Nacional de Cultura); Constituição "
            "Federal, art. 216-A; Lei Orgânica do Município de Betim"
        ),
        text_intro=(
            "O texto foi construído a partir das propostas da Conferência Municipal "
            "de Cultura. Comente cada artigo: diga se concorda, se discorda ou "
            "proponha outra redação. A Secretaria de Cultura vai responder a cada "
            "contribuição no relatório final."
        ),
    )
    devices = _devices(consultation)
    general = services.contribution_create(
        author=joana,
        consultation=consultation,
        text=(
            "O plano deveria prever uma avaliação pública a cada ano, e não só a "
            "revisão a cada quatro anos. Assim a comunidade acompanha as metas de perto."
        ),
        show_name=True,
    )
    agree = services.contribution_create(
        author=carlos,
        consultation=consultation,
        device=devices["art-3-inc-ii"],
        position=C.Position.AGREE,
        text=(
            "Muito importante reconhecer o hip-hop e as culturas de terreiro. Na "
            "regional PTB as batalhas de rima reúnem centenas de jovens toda semana."
        ),
    )
    services.contribution_create(
        author=aparecida,
        consultation=consultation,
        device=devices["art-6"],
        position=C.Position.DISAGREE,
        text=(
            "Quatro anos é muito tempo entre revisões. Sugiro revisão a cada dois anos, "
            "coincidindo com as conferências municipais."
        ),
    )
    entity = (
        Entity.objects.filter(
            representatives__user=citizen, status=Entity.Status.APPROVED
        )
        .order_by("name")
        .first()
    )
    proposal = services.contribution_create(
        author=citizen,
        consultation=consultation,
        device=devices["art-4-par-1"],
        position=C.Position.PROPOSAL,
        text=(
            "Trinta por cento ainda deixa a maior parte dos recursos no Centro. "
            "Propomos metade dos recursos para as regionais, com prioridade às que "
            "não têm equipamento cultural público."
        ),
        proposed_text=(
            "§ 1º Ao menos cinquenta por cento dos recursos do Fundo serão destinados "
            "a editais voltados a agentes culturais das regionais fora do Centro, com "
            "prioridade para as regionais sem equipamento público de cultura."
        ),
        on_behalf_of=entity,
    )
    services.contribution_reply(
        parent_id=general.pk,
        author=rafael,
        text=(
            "Concordo. Uma prestação de contas anual, junto com o relatório do Fundo "
            "previsto no art. 5º, seria o momento natural para essa avaliação."
        ),
        show_name=True,
    )
    for supporter, contribution in [
        (carlos, general),
        (aparecida, general),
        (rafael, agree),
        (joana, proposal),
        (carlos, proposal),
        (rafael, proposal),
    ]:
        services.support_toggle(
            contribution_id=contribution.pk, user=supporter, support=True
        )
    return consultation


def _gardens_consultation(*, staff, people: list[User], now: datetime):
    """An answered consultation: its report, CSV and PDF, and the open-data file
    of contributions have something to show."""
    if Consultation.objects.filter(slug=GARDENS_SLUG).exists():
        return None
    joana, carlos, aparecida, rafael = people
    consultation = _open_consultation(
        staff=staff,
        slug=GARDENS_SLUG,
        text=GARDENS_TEXT,
        opens_at=now - timedelta(days=60),
        closes_at=now + timedelta(days=1),
        title="Programa Municipal de Hortas Comunitárias",
        summary=(
            "Projeto de lei que cria o programa de hortas comunitárias em terrenos "
            "públicos ociosos, escolas e unidades de saúde."
        ),
        policy_area=_area("Meio ambiente"),
        responsible_body=_body("SEMMAD"),
        legal_basis="Lei Federal nº 11.346/2006 (Lei Orgânica de Segurança Alimentar)",
        report_summary=(
            "A consulta recebeu contribuições de moradores de três regionais. Foram "
            "acatadas a inclusão dos centros de referência da assistência social entre "
            "os locais das hortas e a prioridade às famílias em insegurança alimentar. "
            "O texto revisado segue para a Câmara Municipal."
        ),
    )
    devices = _devices(consultation)
    answers = [
        (
            services.contribution_create(
                author=aparecida,
                consultation=consultation,
                device=devices["art-2-inc-ii"],
                position=C.Position.PROPOSAL,
                text="Os CRAS também têm espaço e atendem as famílias que mais precisam.",
                proposed_text=(
                    "II - escolas, unidades de saúde e centros de referência da "
                    "assistência social, com a participação da comunidade atendida;"
                ),
                show_name=True,
            ),
            C.Answer.ACCEPTED,
            "Proposta acatada: os CRAS foram incluídos no inciso II do art. 2º.",
        ),
        (
            services.contribution_create(
                author=joana,
                consultation=consultation,
                text="Que as famílias inscritas no CadÚnico tenham prioridade nos lotes.",
            ),
            C.Answer.PARTLY,
            "Acatada em parte: a prioridade às famílias em insegurança alimentar entra "
            "no regulamento; o CadÚnico será um dos critérios, não o único.",
        ),
        (
            services.contribution_create(
                author=carlos,
                consultation=consultation,
                device=devices["art-2-inc-iii"],
                position=C.Position.DISAGREE,
                text="Terreno particular traz insegurança para quem planta.",
            ),
            C.Answer.NOT_ACCEPTED,
            "Não acatada: o acordo com o proprietário terá prazo mínimo de dois anos, "
            "o que dá segurança ao grupo gestor e amplia as áreas disponíveis.",
        ),
    ]
    services.support_toggle(contribution_id=answers[0][0].pk, user=rafael, support=True)
    _move_to_the_past(consultation=consultation, closes_at=now - timedelta(days=12))
    services.consultation_transition(
        consultation_id=consultation.pk, action="close", actor=None
    )
    for contribution, answer, justification in answers:
        services.contribution_answer(
            contribution_id=contribution.pk,
            by=staff,
            answer=answer,
            answer_text=justification,
        )
    return services.consultation_transition(
        consultation_id=consultation.pk, action="publish_report", actor=staff
    )


def _days_ahead(today: date, days: int) -> date:
    """`days` ahead, or later when HEARINGS_MIN_NOTICE_DAYS is longer: the demo
    publishes without a short-notice justification."""
    return today + timedelta(days=max(days, settings.HEARINGS_MIN_NOTICE_DAYS + 5))


def _event(*, staff, slug: str, **fields) -> Event:
    """Create a draft event through the same service as the admin form, and
    publish it (at least HEARINGS_MIN_NOTICE_DAYS ahead, so no justification)."""
    event = event_save(event=Event(slug=slug, **fields), actor=staff)
    return services.event_publish(event_id=event.pk, actor=staff)


def _ldo_hearing(*, staff, people: list[User], venues, today: date):
    if Event.objects.filter(slug=LDO_SLUG).exists():
        return None
    joana, carlos, _aparecida, _rafael = people
    day = _days_ahead(today, 20)
    event = _event(
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
        policy_area=_area("Orçamento e planejamento"),
        organizing_body=_body("SEPLAN"),
        starts_at=_at(day, 19),
        ends_at=_at(day, 21, 30),
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


def _forum(*, staff, people: list[User], venues, today: date):
    if Event.objects.filter(slug=FORUM_SLUG).exists():
        return None
    day = _days_ahead(today, 30)
    event = _event(
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
        policy_area=_area("Mobilidade urbana"),
        organizing_body=_body("SEMOI"),
        starts_at=_at(day, 9),
        ends_at=_at(day, 12, 30),
        venue=venues["ptb"],
        capacity=80,
        libras=False,
        speaker_minutes=5,
    )
    services.registration_create(event_id=event.pk, user=people[1])
    return event


def _move_to_the_past(*, consultation=None, event=None, **dates) -> None:
    """Move dates into the past with a queryset update.

    Why not a service: no service may put a consultation's closing or an event
    in the past (event_publish and event_reschedule refuse past dates, by law
    of notice), yet a demo must show a finished hearing and an answered
    consultation. So the demo publishes them in the future through the
    services, moves the dates here, and then closes, answers and concludes
    through the services again. Production code never does this.
    """
    model, pk = (Consultation, consultation.pk) if consultation else (Event, event.pk)
    model.objects.filter(pk=pk).update(**dates)


def _health_hearing(*, staff, people: list[User], venues, today: date, now):
    if Event.objects.filter(slug=HEALTH_SLUG).exists():
        return None
    joana, _carlos, aparecida, _rafael = people
    future = _days_ahead(today, 20)
    event = _event(
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
        policy_area=_area("Saúde"),
        organizing_body=_body("SMS"),
        starts_at=_at(future, 18),
        ends_at=_at(future, 20, 30),
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
    _move_to_the_past(
        event=event, starts_at=_at(past_day, 18), ends_at=_at(past_day, 20, 15)
    )
    for days_before, (contribution, _answer, _text) in zip(
        (6, 2), written, strict=True
    ):
        Contribution.objects.filter(pk=contribution.pk).update(
            created_at=_at(past_day - timedelta(days=days_before), 10)
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
    Contribution.objects.filter(pk=oral.pk).update(created_at=_at(past_day, 19))
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


@transaction.atomic
def ensure_demo_consultations(*, staff, citizen) -> list[Consultation | Event]:
    """Create the demo consultations and events (each once); returns those created."""
    now = timezone.now()
    today = timezone.localdate(now)
    people = _participants()
    venues = _venues()
    created = [
        _culture_consultation(staff=staff, citizen=citizen, people=people, now=now),
        _gardens_consultation(staff=staff, people=people, now=now),
        _ldo_hearing(staff=staff, people=people, venues=venues, today=today),
        _forum(staff=staff, people=people, venues=venues, today=today),
        _health_hearing(
            staff=staff, people=people, venues=venues, today=today, now=now
        ),
    ]
    return [item for item in created if item is not None]
