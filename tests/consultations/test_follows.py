"""Follows: a consultation, policy areas and bairros; the page
`/minha-conta/acompanhamentos/`; and what followers are told, through their
notification preferences and the daily digest, exactly once."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from civic.notifications.choices import DeliveryStatus, EmailMode
from civic.notifications.models import EmailDelivery, Notification
from civic.notifications.services import preferences_set
from civic.notifications.tasks import send_daily_digests
from civic.territory.models import Bairro
from consultations import services
from consultations.models import Event, Follow, PolicyArea
from consultations.selectors.follows import follows_of, is_following
from tests.consultations.consultation_support import (
    S,
    approved_entity_with_representative,
    consultation_with_text,
)
from tests.factories.consultations import (
    ConsultationFactory,
    EventFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

PAGE = "/minha-conta/acompanhamentos/"
NEW = "consultations.new_in_followed"
UPDATE = "consultations.consultation_update"
ROLES = ["citizen", "ngo_representative", "staff_user", "moderator"]


@pytest.fixture
def ngo_representative(user_factory):
    person = user_factory(full_name="Representante da ONG")
    approved_entity_with_representative(person)
    return person


@pytest.fixture
def health():
    return PolicyArea.objects.get(slug="saude")


@pytest.fixture
def culture():
    return PolicyArea.objects.get(slug="cultura")


@pytest.fixture
def citrolandia():
    return Bairro.objects.get(slug="citrolandia")


@pytest.fixture
def centro():
    return Bairro.objects.get(slug="centro")


def follow_url(consultation) -> str:
    return reverse("consultations:follow", kwargs={"slug": consultation.slug})


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def told(kind=NEW) -> list[tuple[int, str]]:
    return sorted(
        Notification.objects.filter(kind=kind).values_list("recipient_id", "key")
    )


# Following a consultation
# ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_follow_and_unfollow_a_consultation(client, request, role):
    person = request.getfixturevalue(role)
    consultation = ConsultationFactory()
    client.force_login(person)
    response = client.post(follow_url(consultation), {"action": "follow"}, follow=True)
    assert is_following(user=person, consultation=consultation)
    assert "Você passou a acompanhar esta consulta" in messages_of(response)[0]
    response = client.post(follow_url(consultation), {"action": "follow"}, follow=True)
    assert messages_of(response) == ["Você já acompanha esta consulta."]
    assert Follow.objects.filter(user=person).count() == 1
    response = client.post(follow_url(consultation), {"action": "unfollow"})
    assert response.status_code == 302
    assert response["Location"] == consultation.get_absolute_url()
    assert not is_following(user=person, consultation=consultation)
    client.get(response["Location"])  # shows (and consumes) the message
    response = client.post(
        follow_url(consultation), {"action": "unfollow"}, follow=True
    )
    assert messages_of(response) == ["Você não acompanhava esta consulta."]


def test_anonymous_people_are_sent_to_log_in(client):
    consultation = ConsultationFactory()
    response = client.post(follow_url(consultation))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Follow.objects.exists()


def test_drafts_cannot_be_followed(client, citizen):
    consultation = ConsultationFactory(status=S.DRAFT)
    client.force_login(citizen)
    assert client.post(follow_url(consultation)).status_code == 404
    assert client.post("/consultas/nao-existe/acompanhar/").status_code == 404
    assert not Follow.objects.exists()
    with pytest.raises(PermissionDenied):
        services.consultation_follow(user=citizen, consultation=consultation)


def test_get_goes_to_the_consultation(client, citizen):
    consultation = ConsultationFactory()
    client.force_login(citizen)
    response = client.get(follow_url(consultation))
    assert response.status_code == 302
    assert response["Location"] == consultation.get_absolute_url()
    assert not Follow.objects.exists()


def test_next_must_be_on_this_site(client, citizen):
    consultation = ConsultationFactory()
    client.force_login(citizen)
    response = client.post(follow_url(consultation), {"next": "https://evil.example/"})
    assert response["Location"] == consultation.get_absolute_url()
    response = client.post(
        follow_url(consultation), {"action": "unfollow", "next": PAGE}
    )
    assert response["Location"] == PAGE


def test_the_form_needs_the_csrf_token(citizen):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    consultation = ConsultationFactory()
    assert client.post(follow_url(consultation)).status_code == 403
    assert client.post(PAGE, {"policy_areas": []}).status_code == 403
    assert not Follow.objects.exists()


def test_the_consultation_page_shows_the_button(client, citizen):
    consultation = consultation_with_text(S.OPEN)
    html = client.get(consultation.get_absolute_url()).content.decode()
    assert "Entre para acompanhar esta consulta" in html
    client.force_login(citizen)
    html = client.get(consultation.get_absolute_url()).content.decode()
    assert "Acompanhar esta consulta" in html
    assert f'action="{follow_url(consultation)}"' in html


def test_the_consultation_page_offers_to_stop_following(client, citizen):
    consultation = consultation_with_text(S.OPEN)
    url = consultation.get_absolute_url()
    client.force_login(citizen)
    services.consultation_follow(user=citizen, consultation=consultation)
    response = client.get(url)
    html = response.content.decode()
    assert "Deixar de acompanhar" in html
    assert 'name="action" value="unfollow"' in html
    assert "Acompanhar esta consulta</button>" not in html
    # Personal state: never in a shared cache.
    assert "private" in response["Cache-Control"]
    # The button's form unfollows and comes back to the page.
    response = client.post(
        follow_url(consultation), {"action": "unfollow", "next": url}
    )
    assert response["Location"] == url
    assert not is_following(user=citizen, consultation=consultation)
    html = client.get(url).content.decode()
    assert "Deixar de acompanhar" not in html
    assert 'name="action" value="follow"' in html


def test_anonymous_consultation_page_stays_cacheable(client, citizen):
    consultation = consultation_with_text(S.OPEN)
    Follow.objects.create(user=citizen, consultation=consultation)
    response = client.get(consultation.get_absolute_url())
    html = response.content.decode()
    assert "Entre para acompanhar esta consulta" in html
    assert "Deixar de acompanhar" not in html
    assert f'action="{follow_url(consultation)}"' not in html
    # The anonymous page is stored whole and served from the page cache.
    assert response["X-Cache"] == "MISS"
    assert client.get(consultation.get_absolute_url())["X-Cache"] == "HIT"


# The follows page
# ------------------------------------------------------------------------------


def test_the_page_needs_a_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.post(PAGE, {}).status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_only_their_own_follows(
    client, request, role, user_factory, health, centro
):
    person = request.getfixturevalue(role)
    mine = ConsultationFactory(title="Consulta que eu sigo")
    theirs = ConsultationFactory(title="Consulta de outra pessoa")
    someone = user_factory()
    Follow.objects.create(user=person, consultation=mine)
    Follow.objects.create(user=person, policy_area=health)
    Follow.objects.create(user=someone, consultation=theirs)
    Follow.objects.create(user=someone, bairro=centro)
    client.force_login(person)
    response = client.get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "Consulta que eu sigo" in html
    assert "Consulta de outra pessoa" not in html
    assert f'value="{health.pk}" checked' in html
    assert (
        f'id="follow-bairro-{centro.pk}" type="checkbox" name="bairros" value="{centro.pk}">'
        in html
    )


def test_save_areas_and_bairros(client, citizen, health, culture, citrolandia, centro):
    consultation = ConsultationFactory()
    Follow.objects.create(user=citizen, consultation=consultation)
    Follow.objects.create(user=citizen, policy_area=culture)
    client.force_login(citizen)
    response = client.post(
        PAGE,
        {"policy_areas": [health.pk], "bairros": [citrolandia.pk, centro.pk]},
        follow=True,
    )
    assert messages_of(response) == ["Acompanhamentos salvos."]
    followed = follows_of(citizen)
    assert followed.area_ids == {health.pk}
    assert followed.bairro_ids == {citrolandia.pk, centro.pk}
    # The consultation follows are left alone.
    assert followed.consultations == [consultation]
    response = client.post(
        PAGE,
        {"policy_areas": [health.pk], "bairros": [citrolandia.pk, centro.pk]},
        follow=True,
    )
    assert messages_of(response) == ["Nada mudou nos seus acompanhamentos."]
    client.post(PAGE, {})
    followed = follows_of(citizen)
    assert (followed.area_ids, followed.bairro_ids) == (set(), set())
    assert followed.consultations == [consultation]


def test_bad_choices_are_shown_beside_the_field_and_nothing_changes(
    client, citizen, health
):
    client.force_login(citizen)
    response = client.post(
        PAGE, {"policy_areas": [health.pk, "99999"], "bairros": ["<b>x</b>"]}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="feedback danger"') == 2
    assert "<b>x</b>" not in html
    # What was ticked stays ticked.
    assert f'value="{health.pk}" checked' in html
    assert not Follow.objects.exists()


def test_followed_drafts_are_not_listed(client, citizen):
    consultation = ConsultationFactory(title="Voltou a rascunho", status=S.DRAFT)
    Follow.objects.create(user=citizen, consultation=consultation)
    Follow.objects.create(
        user=citizen, consultation=ConsultationFactory(title="Consulta aberta")
    )
    client.force_login(citizen)
    html = client.get(PAGE).content.decode()
    assert "Consulta aberta" in html
    assert "Voltou a rascunho" not in html


def test_the_page_does_not_grow_with_follows(
    client, citizen, django_assert_max_num_queries
):
    client.force_login(citizen)
    client.get(PAGE)
    for _ in range(3):
        Follow.objects.create(user=citizen, consultation=ConsultationFactory())
    # 13: the page and, since councils can be followed, one for that section.
    with django_assert_max_num_queries(13) as few:
        client.get(PAGE)
    for _ in range(20):
        Follow.objects.create(user=citizen, consultation=ConsultationFactory())
    for area in PolicyArea.objects.all():
        Follow.objects.create(user=citizen, policy_area=area)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(PAGE)


def test_follows_replace_is_idempotent(citizen, health, centro):
    assert services.follows_replace(
        user=citizen, policy_areas=[health], bairros=[centro]
    ) == {"added": 2, "removed": 0}
    assert services.follows_replace(
        user=citizen, policy_areas=[health], bairros=[centro]
    ) == {"added": 0, "removed": 0}
    assert services.follows_replace(user=citizen, policy_areas=[], bairros=[]) == {
        "added": 0,
        "removed": 2,
    }


def test_inactive_accounts_cannot_follow(user_factory, health):
    person = user_factory(is_active=False)
    with pytest.raises(PermissionDenied):
        services.follows_replace(user=person, policy_areas=[health], bairros=[])


# What followers are told
# ------------------------------------------------------------------------------


def open_consultation(consultation):
    return services.consultation_transition(
        consultation_id=consultation.pk, action="open"
    )


@pytest.fixture
def followers(user_factory, health, culture, citrolandia, centro):
    """One person per kind of follow, and one who follows both the area and
    the bairro."""
    people = {
        "health": user_factory(),
        "culture": user_factory(),
        "citrolandia": user_factory(),
        "centro": user_factory(),
        "both": user_factory(),
        "nothing": user_factory(),
    }
    Follow.objects.create(user=people["health"], policy_area=health)
    Follow.objects.create(user=people["culture"], policy_area=culture)
    Follow.objects.create(user=people["citrolandia"], bairro=citrolandia)
    Follow.objects.create(user=people["centro"], bairro=centro)
    Follow.objects.create(user=people["both"], policy_area=health)
    Follow.objects.create(user=people["both"], bairro=citrolandia)
    return people


def test_a_consultation_opening_reaches_area_and_bairro_followers_once(
    followers, health, citrolandia, django_capture_on_commit_callbacks
):
    consultation = consultation_with_text(S.SCHEDULED, policy_area=health)
    consultation.bairros.set([citrolandia])
    key = f"consultation:{consultation.pk}:new"
    with django_capture_on_commit_callbacks(execute=True):
        open_consultation(consultation)
    expected = sorted(
        (followers[name].pk, key) for name in ("health", "citrolandia", "both")
    )
    assert told() == expected
    # Running the clock again (or the same notification) tells nobody twice.
    services.consultations_tick()
    from consultations import notifications

    notifications.consultation_changed(consultation, "open")
    assert told() == expected
    assert EmailDelivery.objects.filter(notification__kind=NEW).count() == 3


def test_a_whole_city_consultation_concerns_every_bairro(
    followers, culture, django_capture_on_commit_callbacks
):
    consultation = consultation_with_text(S.SCHEDULED, policy_area=culture)
    with django_capture_on_commit_callbacks(execute=True):
        open_consultation(consultation)
    names = {pk for pk, _key in told()}
    assert names == {
        followers[n].pk for n in ("culture", "citrolandia", "centro", "both")
    }


def test_consultation_followers_get_the_consultation_notice_only(
    followers, health, django_capture_on_commit_callbacks
):
    consultation = consultation_with_text(S.SCHEDULED, policy_area=health)
    Follow.objects.create(user=followers["health"], consultation=consultation)
    with django_capture_on_commit_callbacks(execute=True):
        open_consultation(consultation)
    assert followers["health"].pk not in {pk for pk, _key in told(NEW)}
    assert told(UPDATE) == [
        (followers["health"].pk, f"consultation:{consultation.pk}:open")
    ]


def test_publishing_an_event_reaches_area_and_bairro_followers_once(
    followers, health, citrolandia, staff_user, django_capture_on_commit_callbacks
):
    Follow.objects.create(user=staff_user, policy_area=health)
    event = EventFactory(
        status=Event.Status.DRAFT,
        policy_area=health,
        venue=VenueFactory(bairro=citrolandia),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.event_publish(event_id=event.pk, actor=staff_user)
    key = f"event:{event.pk}:published"
    # Not the person who published it.
    assert told() == sorted(
        (followers[name].pk, key) for name in ("health", "citrolandia", "both")
    )
    notice = Notification.objects.filter(kind=NEW).first()
    assert notice.url == event.get_absolute_url()
    assert notice.context["what"] == "Audiência pública"


def test_an_online_event_reaches_area_followers(
    followers, culture, staff_user, django_capture_on_commit_callbacks
):
    event = EventFactory(
        status=Event.Status.DRAFT,
        policy_area=culture,
        venue=None,
        stream_url="https://video.example/",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.event_publish(event_id=event.pk, actor=staff_user)
    assert [pk for pk, _key in told()] == [followers["culture"].pk]


def test_area_news_go_to_the_daily_digest_by_default(
    followers, health, citrolandia, staff_user, django_capture_on_commit_callbacks
):
    mail.outbox = []
    preferences_set(user=followers["health"], modes={NEW: EmailMode.IMMEDIATE})
    preferences_set(user=followers["citrolandia"], modes={NEW: EmailMode.OFF})
    event = EventFactory(
        status=Event.Status.DRAFT,
        title="Audiência do SUS",
        policy_area=health,
        venue=VenueFactory(bairro=citrolandia),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.event_publish(event_id=event.pk, actor=staff_user)
    deliveries = dict(
        EmailDelivery.objects.filter(notification__kind=NEW).values_list(
            "recipient_id", "status"
        )
    )
    # Immediate by choice; the digest by default; no email when switched off,
    # though the notice is still in the inbox.
    assert deliveries == {
        followers["health"].pk: DeliveryStatus.SENT,
        followers["both"].pk: DeliveryStatus.WAITING_DIGEST,
    }
    assert followers["citrolandia"].pk in {pk for pk, _key in told()}
    assert [m.to for m in mail.outbox] == [[followers["health"].email]]
    assert "Audiência do SUS" in mail.outbox[0].subject

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    send_daily_digests(day=tomorrow.isoformat())
    send_daily_digests(day=tomorrow.isoformat())  # a duplicate beat run
    assert [m.to for m in mail.outbox[1:]] == [[followers["both"].email]]
    assert "Audiência do SUS" in mail.outbox[1].body
    assert (
        EmailDelivery.objects.get(recipient=followers["both"]).status
        == DeliveryStatus.SENT
    )


def test_no_email_to_unverified_addresses(
    user_factory, health, staff_user, django_capture_on_commit_callbacks
):
    person = user_factory(verified_email=False)
    preferences_set(user=person, modes={NEW: EmailMode.IMMEDIATE})
    Follow.objects.create(user=person, policy_area=health)
    event = EventFactory(status=Event.Status.DRAFT, policy_area=health)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_publish(event_id=event.pk, actor=staff_user)
    assert [pk for pk, _key in told()] == [person.pk]
    assert not EmailDelivery.objects.exists()
