"""Hearings and forums in the Wagtail admin: who gets in, the menu, create and
edit with the conflict warning, deleting drafts, and the list."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations.models import (
    Body,
    Contribution,
    Event,
    Registration,
    SpeakerRequest,
    Venue,
)
from tests.consultations.admin_support import (
    LOCAL,
    E,
    action_url,
    draft,
    event_data,
    listed,
    local,
    url,
)
from tests.factories.consultations import (
    EventFactory,
    RegistrationFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def council_secretary(user_factory):
    person = user_factory(full_name="Secretária de conselho")
    person.groups.add(Group.objects.get(name="Secretaria de conselho"))
    return person


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
