"""Hearings and forums in the Wagtail admin: who gets in, create and edit with
the conflict warning, the workflow actions, attendance with check-in, the
printable list and CSV, the speaker list, contributions recorded at the event,
and the venues."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civic.notifications.models import Notification
from consultations.models import (
    Body,
    Contribution,
    Event,
    EventLog,
    PolicyArea,
    Registration,
    SpeakerRequest,
    Venue,
)
from tests.factories.consultations import (
    ContributionFactory,
    EventFactory,
    RegistrationFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

E = Event.Status
LOCAL = "%Y-%m-%d %H:%M"


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def council_secretary(user_factory):
    person = user_factory(full_name="Secretária de conselho")
    person.groups.add(Group.objects.get(name="Secretaria de conselho"))
    return person


def local(value):
    return timezone.localtime(value).strftime(LOCAL)


def event_data(**overrides):
    start = timezone.localtime() + dt.timedelta(days=30)
    data = {
        "kind": Event.Kind.HEARING,
        "title": "Audiência pública do Plano Diretor",
        "slug": "",
        "subject": "Apresentação da revisão do Plano Diretor.",
        "legal_basis": "Estatuto da Cidade, art. 40",
        "policy_area": PolicyArea.objects.order_by("pk").first().pk,
        "organizing_body": Body.objects.order_by("pk").first().pk,
        "consultation": "",
        "starts_at": start.strftime(LOCAL),
        "ends_at": (start + dt.timedelta(hours=3)).strftime(LOCAL),
        "venue": "",
        "capacity": "80",
        "stream_url": "",
        "speaker_minutes": "3",
        "accepts_speakers": "on",
    }
    data.update(overrides)
    return data


def url(name, *args):
    return reverse(f"consultations_events:{name}", args=args)


def action_url(event, action):
    return url("action", event.pk, action)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def draft(**kwargs):
    return EventFactory(status=E.DRAFT, **kwargs)


# Who gets in
# ------------------------------------------------------------------------------


@pytest.fixture
def admin_urls():
    published = EventFactory()
    unpublished = draft()
    venue = VenueFactory()
    return [
        url("index"),
        url("index_results"),
        url("add"),
        url("edit", published.pk),
        url("delete", unpublished.pk),
        action_url(unpublished, "publish"),
        action_url(published, "reschedule"),
        action_url(published, "cancel"),
        url("attendance", published.pk),
        url("attendance_print", published.pk),
        url("attendance_csv", published.pk),
        url("speakers", published.pk),
        url("record_contribution", published.pk),
        reverse("consultations_venues:index"),
        reverse("consultations_venues:add"),
        reverse("consultations_venues:edit", args=[venue.pk]),
    ]


@pytest.mark.parametrize("role", ["anonymous", "citizen"])
def test_people_outside_the_admin_are_sent_to_log_in(client, request, admin_urls, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    for address in admin_urls:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(reverse("account_login")), address


@pytest.mark.parametrize("role", ["moderator", "council_secretary"])
def test_admin_users_without_the_permission_are_denied(
    client, request, admin_urls, role
):
    client.force_login(request.getfixturevalue(role))
    for address in admin_urls:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"] == reverse("wagtailadmin_home"), address


@pytest.mark.parametrize("role", ["staff_user", "superuser"])
def test_srsc_staff_and_superusers_get_in(client, request, admin_urls, role):
    client.force_login(request.getfixturevalue(role))
    for address in admin_urls:
        assert client.get(address).status_code == 200, address


@pytest.mark.parametrize("role", ["anonymous", "citizen", "moderator"])
def test_nobody_else_can_post(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    event = draft()
    published = EventFactory(starts_at=timezone.now() - dt.timedelta(hours=1))
    registration = RegistrationFactory(event=published)
    speaker = SpeakerRequest.objects.create(
        event=published, user=registration.user, topic="Mobilidade"
    )
    posts = [
        (url("add"), event_data()),
        (url("edit", event.pk), event_data(title="Trocado")),
        (url("delete", event.pk), {}),
        (action_url(event, "publish"), {"short_notice_reason": "Urgente"}),
        (action_url(published, "cancel"), {"reason": "Chuva"}),
        (url("attendance", published.pk), {"code": registration.checkin_code}),
        (url("speakers", published.pk), {"request": speaker.pk, "spoke": "1"}),
        (
            url("record_contribution", published.pk),
            {"channel": "oral", "text": "Fala registrada"},
        ),
        (
            reverse("consultations_venues:add"),
            {"name": "Ginásio", "address": "Rua A", "capacity": "10"},
        ),
    ]
    for address, data in posts:
        assert client.post(address, data).status_code == 302, address
    event.refresh_from_db()
    published.refresh_from_db()
    assert (event.title, event.status) != ("Trocado", E.PUBLISHED)
    assert event.status == E.DRAFT
    assert published.status == E.PUBLISHED
    assert Event.objects.count() == 2
    assert not Registration.objects.filter(attended_at__isnull=False).exists()
    assert not SpeakerRequest.objects.filter(spoke_at__isnull=False).exists()
    assert not Contribution.objects.exists()
    assert not Venue.objects.filter(name="Ginásio").exists()


def test_staff_see_the_menu(staff_client):
    content = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"label": "Audi\\u00eancias e f\\u00f3runs"' in content
    assert '"label": "Locais"' in content
    assert url("index") in content
    assert reverse("consultations_venues:index") in content


# Create and edit
# ------------------------------------------------------------------------------


def test_create_a_draft(staff_client, staff_user):
    response = staff_client.post(url("add"), event_data())
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("edit", event.pk)
    assert (event.status, event.slug, event.created_by) == (
        E.DRAFT,
        "audiencia-publica-do-plano-diretor",
        staff_user,
    )
    assert local(event.starts_at) == event_data()["starts_at"]
    assert list(event.log.values_list("action", "actor")) == [("create", staff_user.pk)]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": "2020-01-01 10:00"}, "ends_at", "depois do início"),
        ({"capacity": "0"}, "capacity", "maior que zero"),
        ({"capacity": "-5"}, "capacity", "maior que zero"),
        ({"speaker_minutes": "0"}, "speaker_minutes", "1 minuto"),
        ({"title": ""}, "title", ""),
        ({"starts_at": "amanhã cedo"}, "starts_at", ""),
    ],
)
def test_bad_input_is_shown_beside_the_field(staff_client, overrides, field, message):
    response = staff_client.post(url("add"), event_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert form["legal_basis"].value() == "Estatuto da Cidade, art. 40"
    assert not Event.objects.exists()


def test_capacity_may_not_exceed_the_venue(staff_client):
    venue = VenueFactory(capacity=40)
    response = staff_client.post(url("add"), event_data(venue=venue.pk, capacity=41))
    assert response.status_code == 200
    assert "comporta no máximo 40" in " ".join(
        response.context["form"].errors["capacity"]
    )
    assert not Event.objects.exists()


def test_a_schedule_conflict_warns_but_saves(staff_client):
    venue = VenueFactory()
    start = timezone.localtime() + dt.timedelta(days=30)
    other = EventFactory(
        title="Fórum da Juventude",
        venue=venue,
        organizing_body=Body.objects.order_by("-pk").first(),
        starts_at=start + dt.timedelta(hours=1),
    )
    response = staff_client.post(
        url("add"),
        event_data(
            venue=venue.pk,
            organizing_body=Body.objects.order_by("pk").first().pk,
            starts_at=start.strftime(LOCAL),
            ends_at=(start + dt.timedelta(hours=3)).strftime(LOCAL),
        ),
        follow=True,
    )
    created = Event.objects.exclude(pk=other.pk).get()
    warnings = [
        str(m) for m in response.context["messages"] if m.level_tag == "warning"
    ]
    assert len(warnings) == 1
    assert "Fórum da Juventude" in warnings[0]
    assert created.status == E.DRAFT
    # The edit page keeps warning while the overlap lasts.
    page = staff_client.get(url("edit", created.pk)).content.decode()
    assert "data-schedule-conflicts" in page
    assert "Fórum da Juventude" in page


def test_no_warning_without_a_conflict(staff_client):
    EventFactory(
        venue=VenueFactory(), organizing_body=Body.objects.order_by("-pk").first()
    )
    response = staff_client.post(url("add"), event_data(), follow=True)
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


def test_edit_a_draft(staff_client, staff_user):
    event = draft()
    data = event_data(
        title="Novo título",
        slug=event.slug,
        starts_at=local(event.starts_at + dt.timedelta(days=1)),
        ends_at=local(event.ends_at + dt.timedelta(days=1)),
    )
    response = staff_client.post(url("edit", event.pk), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Novo título"
    assert event.log.filter(action="edit", actor=staff_user).exists()


def test_a_published_event_moves_only_by_rescheduling(staff_client):
    event = EventFactory()
    page = staff_client.get(url("edit", event.pk))
    assert page.context["form"].fields["starts_at"].disabled
    before = (event.starts_at, event.ends_at)
    staff_client.post(
        url("edit", event.pk),
        event_data(
            slug=event.slug,
            capacity=event.capacity,
            starts_at="2031-01-01 10:00",
            ends_at="2031-01-01 12:00",
        ),
    )
    event.refresh_from_db()
    assert (event.starts_at, event.ends_at) == before
    assert event.title == "Audiência pública do Plano Diretor"


def test_only_drafts_can_be_deleted(staff_client):
    unpublished, published = draft(), EventFactory()
    assert staff_client.get(url("delete", published.pk)).status_code == 302
    assert staff_client.post(url("delete", published.pk)).status_code == 302
    assert Event.objects.filter(pk=published.pk).exists()
    edit_page = staff_client.get(url("edit", unpublished.pk)).content.decode()
    assert url("delete", unpublished.pk) in edit_page
    assert (
        url("delete", published.pk)
        not in staff_client.get(url("edit", published.pk)).content.decode()
    )
    listing = staff_client.get(url("index")).content.decode()
    assert url("delete", unpublished.pk) in listing
    assert url("delete", published.pk) not in listing
    response = staff_client.post(url("delete", unpublished.pk))
    assert response.status_code == 302
    assert not Event.objects.filter(pk=unpublished.pk).exists()


# The index
# ------------------------------------------------------------------------------


def listed(response):
    return {e.pk for e in response.context["object_list"]}


def test_index_shows_counts_filters_and_search(staff_client):
    hearing = EventFactory(title="Audiência do transporte", capacity=2)
    RegistrationFactory.create_batch(2, event=hearing)
    RegistrationFactory(event=hearing, status=Registration.Status.WAITLISTED)
    forum = draft(kind=Event.Kind.FORUM, title="Fórum da saúde")
    response = staff_client.get(url("index"))
    content = response.content.decode()
    assert listed(response) == {hearing.pk, forum.pk}
    assert "2/2 (+1 em espera)" in content
    assert timezone.localtime(hearing.starts_at).strftime("%d/%m/%Y %H:%M") in content
    assert "Rascunho" in content
    assert "Audiência pública" in content
    assert listed(staff_client.get(url("index") + "?status=draft")) == {forum.pk}
    assert listed(staff_client.get(url("index") + "?kind=forum")) == {forum.pk}
    assert listed(staff_client.get(url("index") + "?q=transporte")) == {hearing.pk}


def make_events(n):
    venue = VenueFactory()
    for _ in range(n):
        event = EventFactory(venue=venue)
        RegistrationFactory.create_batch(2, event=event)


def index_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("index"))
    assert response.status_code == 200
    return len(queries)


def test_index_queries_do_not_grow_with_events(staff_client):
    make_events(2)
    index_queries(staff_client)  # warm the per-process caches
    few = index_queries(staff_client)
    make_events(18)
    assert Event.objects.count() == 20
    assert index_queries(staff_client) == few


# Workflow actions
# ------------------------------------------------------------------------------


def test_publish_with_enough_notice(staff_client, staff_user):
    event = draft()
    page = staff_client.get(url("edit", event.pk)).content.decode()
    assert 'data-workflow-action="publish"' in page
    assert 'name="short_notice_reason"' not in page
    response = staff_client.post(action_url(event, "publish"), {}, follow=True)
    assert "publicado" in " ".join(messages_of(response))
    event.refresh_from_db()
    assert (event.status, event.short_notice_reason) == (E.PUBLISHED, "")
    assert event.log.filter(action="publish", actor=staff_user).exists()


def test_short_notice_needs_a_justification(staff_client, staff_user):
    event = draft(starts_at=timezone.now() + dt.timedelta(days=3))
    page = staff_client.get(url("edit", event.pk)).content.decode()
    assert 'name="short_notice_reason"' in page
    assert "prazo mínimo de divulgação é de 15 dias" in page

    response = staff_client.post(
        action_url(event, "publish"), {"short_notice_reason": "  "}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "Justifique" in " ".join(form.errors["short_notice_reason"])
    assert "prazo mínimo de divulgação" in response.content.decode()
    event.refresh_from_db()
    assert event.status == E.DRAFT
    assert not event.log.filter(action="publish").exists()

    reason = "Decisão judicial fixou a data da audiência."
    response = staff_client.post(
        action_url(event, "publish"), {"short_notice_reason": reason}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.status, event.short_notice_reason) == (E.PUBLISHED, reason)
    entry = event.log.get(action="publish")
    assert (entry.note, entry.actor) == (reason, staff_user)
    page = staff_client.get(url("edit", event.pk)).content.decode()
    assert "data-event-log" in page
    assert reason in page
    assert "Publicação" in page


def test_actions_appear_only_when_allowed(staff_client):
    event = draft()
    page = staff_client.get(url("edit", event.pk)).content.decode()
    assert 'data-workflow-action="cancel"' not in page
    response = staff_client.get(action_url(event, "conclude"), follow=True)
    assert "Não é possível" in " ".join(messages_of(response))
    response = staff_client.post(
        action_url(event, "cancel"), {"reason": "Chuva"}, follow=True
    )
    assert "Não é possível" in " ".join(messages_of(response))
    assert Event.objects.get(pk=event.pk).status == E.DRAFT
    assert staff_client.get(action_url(event, "destroy")).status_code == 404
    published = EventFactory()
    page = staff_client.get(url("edit", published.pk)).content.decode()
    for action in ("reschedule", "cancel"):
        assert f'data-workflow-action="{action}"' in page
    assert 'data-workflow-action="publish"' not in page
    # The ata comes after the event; a cancellation only before it is over.
    assert 'data-workflow-action="conclude"' not in page
    response = staff_client.get(action_url(published, "conclude"), follow=True)
    assert "ainda não terminou" in " ".join(messages_of(response))
    held = past_event()
    page = staff_client.get(url("edit", held.pk)).content.decode()
    assert 'data-workflow-action="conclude"' in page
    assert 'data-workflow-action="cancel"' not in page
    response = staff_client.post(
        action_url(held, "cancel"), {"reason": "Chuva"}, follow=True
    )
    assert "publique a ata" in " ".join(messages_of(response))
    assert Event.objects.get(pk=held.pk).status == E.PUBLISHED


def test_reschedule_tells_the_people_registered(staff_client, staff_user):
    event = EventFactory()
    confirmed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    page = staff_client.get(action_url(event, "reschedule")).content.decode()
    assert local(event.starts_at) in page
    start = timezone.localtime(event.starts_at) + dt.timedelta(days=7)
    response = staff_client.post(
        action_url(event, "reschedule"),
        {
            "starts_at": start.strftime(LOCAL),
            "ends_at": (start + dt.timedelta(hours=2)).strftime(LOCAL),
            "reason": "O auditório estará em obras.",
        },
        follow=True,
    )
    assert "remarcado" in " ".join(messages_of(response))
    event.refresh_from_db()
    assert local(event.starts_at) == start.strftime(LOCAL)
    assert event.schedule_version == 2
    entry = event.log.get(action="reschedule")
    assert "O auditório estará em obras." in entry.note
    assert entry.actor == staff_user
    told = set(
        Notification.objects.filter(key=f"event:{event.pk}:schedule:2").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {confirmed.user_id, waiting.user_id}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {
                "starts_at": "2031-05-01 10:00",
                "ends_at": "2031-05-01 09:00",
                "reason": "x",
            },
            "ends_at",
            "depois do início",
        ),
        (
            {
                "starts_at": "2031-05-01 10:00",
                "ends_at": "2031-05-01 12:00",
                "reason": "",
            },
            "reason",
            "motivo",
        ),
        (
            {
                "starts_at": "2020-05-01 10:00",
                "ends_at": "2020-05-01 12:00",
                "reason": "x",
            },
            "starts_at",
            "já passou",
        ),
    ],
)
def test_reschedule_bad_input(staff_client, data, field, message):
    event = EventFactory()
    before = event.starts_at
    response = staff_client.post(action_url(event, "reschedule"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert form["reason"].value() == data["reason"]
    event.refresh_from_db()
    assert event.starts_at == before


def test_reschedule_to_a_close_date_needs_a_justification(staff_client):
    event = EventFactory()
    start = timezone.localtime() + dt.timedelta(days=2)
    data = {
        "starts_at": start.strftime(LOCAL),
        "ends_at": (start + dt.timedelta(hours=2)).strftime(LOCAL),
        "reason": "Antecipada a pedido do conselho.",
    }
    response = staff_client.post(action_url(event, "reschedule"), data)
    assert response.status_code == 200
    assert "prazo mínimo de divulgação" in " ".join(
        response.context["form"].errors["short_notice_reason"]
    )
    data["short_notice_reason"] = "Prazo do conselho."
    assert staff_client.post(action_url(event, "reschedule"), data).status_code == 302
    event.refresh_from_db()
    assert event.short_notice_reason == "Prazo do conselho."


def test_cancel_needs_a_reason(staff_client, staff_user):
    event = EventFactory()
    RegistrationFactory(event=event)
    response = staff_client.post(action_url(event, "cancel"), {"reason": ""})
    assert response.status_code == 200
    assert "motivo do cancelamento" in " ".join(
        response.context["form"].errors["reason"]
    )
    assert Event.objects.get(pk=event.pk).status == E.PUBLISHED
    response = staff_client.post(
        action_url(event, "cancel"), {"reason": "Falta de energia no bairro."}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.status, event.cancellation_reason) == (
        E.CANCELLED,
        "Falta de energia no bairro.",
    )
    assert event.log.filter(action="cancel", actor=staff_user).exists()


def past_event(**kwargs):
    start = timezone.now() - dt.timedelta(days=1)
    return EventFactory(
        starts_at=start, ends_at=start + dt.timedelta(hours=2), **kwargs
    )


def test_conclude_publishes_the_minutes(staff_client):
    event = past_event()
    present = RegistrationFactory(event=event, attended_at=timezone.now())
    RegistrationFactory(event=event)
    page = staff_client.get(action_url(event, "conclude"))
    assert page.context["form"]["attendance_count"].value() == 1
    assert present.attended_at
    response = staff_client.post(
        action_url(event, "conclude"),
        {
            "minutes": "Abertura às 19h. Falaram 12 pessoas.",
            "recording_url": "youtube.com/watch?v=abc",
            "attendance_count": "35",
        },
        follow=True,
    )
    assert "Ata" in " ".join(messages_of(response))
    event.refresh_from_db()
    assert (event.status, event.recording_url, event.attendance_count) == (
        E.CONCLUDED,
        "https://youtube.com/watch?v=abc",
        35,
    )
    assert event.minutes.startswith("Abertura")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"minutes": ""}, "minutes", "Escreva a ata"),
        (
            {"minutes": "Ata", "recording_url": "não é link"},
            "recording_url",
            "https://",
        ),
        ({"minutes": "Ata", "attendance_count": "-1"}, "attendance_count", "zero"),
    ],
)
def test_conclude_bad_input(staff_client, data, field, message):
    event = past_event()
    response = staff_client.post(action_url(event, "conclude"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert response.context["form"]["minutes"].value() == data["minutes"]
    assert Event.objects.get(pk=event.pk).status == E.PUBLISHED


def test_conclude_waits_for_the_event_and_the_answers(staff_client):
    upcoming = EventFactory()
    response = staff_client.post(
        action_url(upcoming, "conclude"), {"minutes": "Ata"}, follow=True
    )
    assert "ainda não terminou" in " ".join(messages_of(response))
    assert Event.objects.get(pk=upcoming.pk).status == E.PUBLISHED
    event = past_event()
    ContributionFactory(consultation=None, event=event)
    response = staff_client.post(action_url(event, "conclude"), {"minutes": "Ata"})
    assert response.status_code == 200
    assert "sem resposta" in " ".join(response.context["form"].non_field_errors())
    assert f"?event={event.pk}&amp;answered=no" in response.content.decode()
    assert Event.objects.get(pk=event.pk).status == E.PUBLISHED


# Attendance
# ------------------------------------------------------------------------------


@pytest.fixture
def at_the_door(user_factory):
    event = EventFactory(capacity=2, starts_at=timezone.now() + dt.timedelta(hours=1))
    ana = RegistrationFactory(
        event=event,
        user=user_factory(
            full_name="Ana Souza", cpf="52998224725", phone="31988887777"
        ),
    )
    bruno = RegistrationFactory(event=event, user=user_factory(full_name="Bruno Lima"))
    carla = RegistrationFactory(
        event=event,
        user=user_factory(full_name="Carla Dias"),
        status=Registration.Status.WAITLISTED,
    )
    RegistrationFactory(
        event=event,
        user=user_factory(full_name="Desistente"),
        status=Registration.Status.CANCELLED,
    )
    return event, ana, bruno, carla


def test_attendance_lists_confirmed_then_waiting(staff_client, at_the_door):
    event, ana, _bruno, _carla = at_the_door
    response = staff_client.get(url("attendance", event.pk))
    names = [r.user.full_name for r in response.context["attendance"].registrations]
    assert names == ["Ana Souza", "Bruno Lima", "Carla Dias"]
    content = response.content.decode()
    assert "Desistente" not in content
    assert ana.checkin_code not in content
    assert url("attendance_print", event.pk) in content
    assert url("attendance_csv", event.pk) in content


def test_check_in_right_wrong_and_repeated(staff_client, at_the_door):
    event, ana, *_ = at_the_door
    address = url("attendance", event.pk)
    response = staff_client.post(
        address, {"code": ana.checkin_code.lower()}, follow=True
    )
    assert "Presença de Ana Souza registrada" in " ".join(messages_of(response))
    ana.refresh_from_db()
    first = ana.attended_at
    assert first is not None

    response = staff_client.post(address, {"code": "ZZZZZZ"})
    assert response.status_code == 200
    assert "não encontrado" in " ".join(response.context["form"].errors["code"])
    assert response.context["form"]["code"].value() == "ZZZZZZ"

    response = staff_client.post(address, {"code": ana.checkin_code})
    assert response.status_code == 200
    assert "já foi usado" in " ".join(response.context["form"].errors["code"])
    ana.refresh_from_db()
    assert ana.attended_at == first

    response = staff_client.post(address, {"code": ""})
    assert "Digite o código" in " ".join(response.context["form"].errors["code"])


def test_a_code_from_another_event_is_not_found(staff_client, at_the_door):
    event, *_ = at_the_door
    elsewhere = RegistrationFactory(event=EventFactory())
    response = staff_client.post(
        url("attendance", event.pk), {"code": elsewhere.checkin_code}
    )
    assert "não encontrado" in " ".join(response.context["form"].errors["code"])
    elsewhere.refresh_from_db()
    assert elsewhere.attended_at is None


def test_no_check_in_on_a_draft(staff_client):
    event = draft()
    registration = RegistrationFactory(event=event)
    page = staff_client.get(url("attendance", event.pk))
    assert not page.context["can_check_in"]
    response = staff_client.post(
        url("attendance", event.pk), {"code": registration.checkin_code}
    )
    assert response.status_code == 200
    assert "não está publicado" in " ".join(response.context["form"].errors["code"])


def test_attendance_csv(staff_client, at_the_door):
    event, ana, *_ = at_the_door
    staff_client.post(url("attendance", event.pk), {"code": ana.checkin_code})
    ana.refresh_from_db()
    response = staff_client.get(url("attendance_csv", event.pk))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows == [
        ["nome", "situacao", "presenca_registrada_em"],
        ["Ana Souza", "Confirmada", local(ana.attended_at)],
        ["Bruno Lima", "Confirmada", ""],
        ["Carla Dias", "Lista de espera", ""],
    ]
    assert "52998224725" not in text
    assert "31988887777" not in text


def test_printable_list_has_names_only(staff_client, at_the_door):
    event, ana, *_ = at_the_door
    response = staff_client.get(url("attendance_print", event.pk))
    content = response.content.decode()
    assert "Ana Souza" in content
    assert "Carla Dias" in content
    assert "Assinatura" in content
    for private in (
        ana.user.cpf,
        "529.982.247-25",
        ana.user.phone,
        ana.user.email,
        ana.checkin_code,
    ):
        assert private not in content


# Speakers
# ------------------------------------------------------------------------------


def test_speaker_list_with_times_and_marks(staff_client, user_factory):
    event = EventFactory(speaker_minutes=5)
    people = [user_factory(full_name=name) for name in ("Primeira", "Segunda", "Saiu")]
    requests = []
    for n, person in enumerate(people):
        RegistrationFactory(event=event, user=person)
        requests.append(
            SpeakerRequest.objects.create(
                event=event,
                user=person,
                topic=f"Tema {n}",
                created_at=timezone.now() + dt.timedelta(minutes=n),
            )
        )
    SpeakerRequest.objects.filter(pk=requests[2].pk).update(withdrawn_at=timezone.now())
    response = staff_client.get(url("speakers", event.pk))
    speakers = response.context["speakers"]
    assert [s.user.full_name for s in speakers] == ["Primeira", "Segunda"]
    assert speakers[1].slot - speakers[0].slot == dt.timedelta(minutes=5)
    assert speakers[0].slot == event.starts_at
    assert [s.user.full_name for s in response.context["withdrawn"]] == ["Saiu"]

    address = url("speakers", event.pk)
    response = staff_client.post(
        address, {"request": requests[1].pk, "spoke": "1"}, follow=True
    )
    assert "Segunda" in " ".join(messages_of(response))
    assert SpeakerRequest.objects.get(pk=requests[1].pk).spoke_at is not None
    staff_client.post(address, {"request": requests[1].pk, "spoke": "0"})
    assert SpeakerRequest.objects.get(pk=requests[1].pk).spoke_at is None

    response = staff_client.post(
        address, {"request": requests[2].pk, "spoke": "1"}, follow=True
    )
    assert "saiu da lista" in " ".join(messages_of(response))
    other = SpeakerRequest.objects.create(
        event=EventFactory(), user=people[0], topic="Outro evento"
    )
    for bad in (other.pk, "abc", ""):
        response = staff_client.post(
            address, {"request": bad, "spoke": "1"}, follow=True
        )
        assert "não encontrada" in " ".join(messages_of(response))
    assert SpeakerRequest.objects.get(pk=other.pk).spoke_at is None


# Contributions
# ------------------------------------------------------------------------------


def test_edit_page_links_to_the_event_contributions(staff_client):
    event = past_event()
    mine = ContributionFactory(consultation=None, event=event)
    ContributionFactory(consultation=None, event=EventFactory())
    ContributionFactory()
    page = staff_client.get(url("edit", event.pk))
    link = reverse("consultations_contributions:index") + f"?event={event.pk}"
    assert link in page.content.decode()
    listing = staff_client.get(link)
    assert {c.pk for c in listing.context["object_list"]} == {mine.pk}


def test_record_an_oral_contribution(staff_client, staff_user):
    event = past_event()
    address = url("record_contribution", event.pk)
    response = staff_client.post(
        address,
        {
            "channel": "oral",
            "author_label": "José, Associação do Bairro Angola",
            "show_name": "on",
            "text": "Pediu ciclovia na Av. Amazonas.",
        },
        follow=True,
    )
    contribution = Contribution.objects.get()
    assert (
        contribution.event,
        contribution.channel,
        contribution.author_label,
        contribution.show_name,
        contribution.author,
    ) == (
        event,
        Contribution.Channel.ORAL,
        "José, Associação do Bairro Angola",
        True,
        None,
    )
    assert contribution.recorded_by == staff_user
    assert "Contribuição registrada" in " ".join(messages_of(response))
    inspect = staff_client.get(f"/admin/participacao/contribuicoes/{contribution.pk}/")
    assert f"registrada por {staff_user.display_name}" in inspect.content.decode()
    assert (
        reverse("consultations_contributions:inspect", args=[contribution.pk])
        in response.content.decode()
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"channel": "oral", "text": ""}, "text", "Escreva a contribuição"),
        (
            {"channel": "oral", "show_name": "on", "text": "Fala"},
            "author_label",
            "escreva-o",
        ),
        ({"channel": "online", "text": "Fala"}, "channel", ""),
    ],
)
def test_record_bad_input(staff_client, data, field, message):
    event = past_event()
    response = staff_client.post(url("record_contribution", event.pk), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Contribution.objects.exists()


def test_oral_contributions_only_once_the_event_started(staff_client):
    event = EventFactory()
    response = staff_client.post(
        url("record_contribution", event.pk),
        {"channel": "oral", "text": "Ainda não começou"},
    )
    assert response.status_code == 200
    assert "a partir do início" in " ".join(response.context["form"].errors["channel"])
    assert response.context["form"]["text"].value() == "Ainda não começou"
    assert not Contribution.objects.exists()


# Venues
# ------------------------------------------------------------------------------


def venue_data(**overrides):
    data = {
        "name": "Ginásio Poliesportivo",
        "address": "Rua do Rosário, 100, Centro",
        "bairro": "",
        "capacity": "300",
        "step_free_access": "on",
        "accessibility_notes": "Banheiro adaptado.",
    }
    data.update(overrides)
    return data


def test_create_list_and_edit_a_venue(staff_client):
    response = staff_client.post(reverse("consultations_venues:add"), venue_data())
    assert response.status_code == 302
    venue = Venue.objects.get()
    assert (venue.capacity, venue.step_free_access) == (300, True)
    listing = staff_client.get(reverse("consultations_venues:index"))
    assert "Ginásio Poliesportivo" in listing.content.decode()
    staff_client.post(
        reverse("consultations_venues:edit", args=[venue.pk]),
        venue_data(capacity="250"),
    )
    assert Venue.objects.get().capacity == 250


def test_venue_capacity_is_checked(staff_client):
    response = staff_client.post(
        reverse("consultations_venues:add"), venue_data(capacity="0")
    )
    assert response.status_code == 200
    assert "maior que zero" in " ".join(response.context["form"].errors["capacity"])
    assert response.context["form"]["name"].value() == "Ginásio Poliesportivo"
    venue = VenueFactory(capacity=120)
    EventFactory(venue=venue, capacity=100, title="Audiência grande")
    response = staff_client.post(
        reverse("consultations_venues:edit", args=[venue.pk]),
        venue_data(name=venue.name, capacity="50"),
    )
    assert response.status_code == 200
    assert "Audiência grande" in " ".join(response.context["form"].errors["capacity"])
    assert Venue.objects.get(pk=venue.pk).capacity == 120


def test_venues_are_not_deleted_here(staff_client):
    venue = VenueFactory()
    assert (
        staff_client.post(
            reverse("consultations_venues:delete", args=[venue.pk])
        ).status_code
        == 302
    )
    assert Venue.objects.filter(pk=venue.pk).exists()


def test_event_log_records_every_step(staff_client, staff_user):
    staff_client.post(url("add"), event_data())
    event = Event.objects.get()
    staff_client.post(action_url(event, "publish"), {})
    staff_client.post(action_url(event, "cancel"), {"reason": "Greve"})
    assert list(
        EventLog.objects.filter(event=event)
        .order_by("pk")
        .values_list("action", "from_status", "to_status", "note")
    ) == [
        ("create", "draft", "draft", ""),
        ("publish", "draft", "published", ""),
        ("cancel", "published", "cancelled", "Greve"),
    ]
    page = staff_client.get(url("edit", event.pk)).content.decode()
    assert "Cancelamento" in page
    assert staff_user.display_name in page


def test_answer_in_the_contributions_admin_then_conclude(staff_client):
    event = past_event()
    contribution = ContributionFactory(consultation=None, event=event)
    inspect = reverse("consultations_contributions:inspect", args=[contribution.pk])
    staff_client.post(
        inspect,
        {"action": "answer", "answer": "accepted", "answer_text": "Incluído no plano."},
    )
    assert Contribution.objects.get(pk=contribution.pk).answer == "accepted"
    response = staff_client.post(action_url(event, "conclude"), {"minutes": "Ata."})
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).status == E.CONCLUDED
