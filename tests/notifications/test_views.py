from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civic.notifications import notify
from civic.notifications.choices import EmailMode
from civic.notifications.forms import field_name
from civic.notifications.models import Notification, NotificationPreference
from civic.notifications.registry import all_kinds
from civic.notifications.services import preferences_of
from civic.notifications.tokens import ALL_KINDS, DIGEST_KINDS, make_token

pytestmark = pytest.mark.django_db

INBOX = reverse("notifications:inbox")
PREFERENCES = reverse("notifications:preferences")
MARK_ALL = reverse("notifications:mark_all_read")


def _notify(user, kind, key="k", **kwargs):
    (notification,) = notify([user], kind.slug, {"first_name": key}, key=key, **kwargs)
    return notification


@pytest.fixture
def roles(citizen, staff_user, superuser):
    return {"citizen": citizen, "staff": staff_user, "superuser": superuser}


# Inbox -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        INBOX,
        PREFERENCES,
        reverse("notifications:open", args=[1]),
    ],
)
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "url", [MARK_ALL, reverse("notifications:mark_read", args=[1])]
)
def test_anonymous_cannot_post_marks(client, url):
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["citizen", "staff", "superuser"])
def test_inbox_shows_only_my_visible_notifications(
    client, roles, user_factory, kind, role
):
    me, other = roles[role], user_factory()
    _notify(me, kind, "minha")
    _notify(other, kind, "alheia")
    _notify(me, kind, "futura", due_at=timezone.now() + timedelta(days=1))
    client.force_login(me)
    response = client.get(INBOX)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Aviso de teste para minha" in content
    assert "alheia" not in content
    assert "futura" not in content


def test_inbox_lists_unread_first_and_marks_them(client, citizen, kind):
    old_unread = _notify(citizen, kind, "antiga-nao-lida")
    with time_machine.travel(timezone.now() + timedelta(hours=1), tick=False):
        new_read = _notify(citizen, kind, "nova-lida")
    Notification.objects.filter(pk=new_read.pk).update(read_at=timezone.now())
    client.force_login(citizen)
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        response = client.get(INBOX)
    page = list(response.context["notifications"])
    assert [n.pk for n in page] == [old_unread.pk, new_read.pk]
    content = response.content.decode()
    assert content.count("notification-unread") == 1
    assert "Marcar como lida: Aviso de teste para antiga-nao-lida" in content


def test_inbox_is_paginated(client, citizen, kind):
    for i in range(25):
        _notify(citizen, kind, f"n{i}")
    client.force_login(citizen)
    assert len(client.get(INBOX).context["notifications"]) == 20
    assert len(client.get(INBOX + "?page=2").context["notifications"]) == 5


def test_inbox_query_count_does_not_grow(
    client, citizen, kind, django_assert_max_num_queries
):
    client.force_login(citizen)
    client.get(INBOX)  # warm the site shell's per-site settings and caches
    for i in range(5):
        _notify(citizen, kind, f"a{i}")
    # Session, user, page count, page rows, unread badge, plus the site shell.
    with django_assert_max_num_queries(15) as small:
        assert client.get(INBOX).status_code == 200
    for i in range(55):
        _notify(citizen, kind, f"b{i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(INBOX).status_code == 200


# Marking read ------------------------------------------------------------------


def test_mark_read_marks_mine(client, citizen, kind):
    notification = _notify(citizen, kind)
    client.force_login(citizen)
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == INBOX
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_follows_a_safe_next_only(client, citizen, kind):
    notification = _notify(citizen, kind)
    client.force_login(citizen)
    url = reverse("notifications:mark_read", args=[notification.pk])
    assert (
        client.post(url, {"next": INBOX + "?page=2"})["Location"] == INBOX + "?page=2"
    )
    assert client.post(url, {"next": "https://evil.example/"})["Location"] == INBOX


@pytest.mark.parametrize("role", ["citizen", "staff", "superuser"])
def test_nobody_can_mark_or_open_another_persons_notification(
    client, roles, user_factory, kind, role
):
    theirs = _notify(user_factory(), kind)
    client.force_login(roles[role])
    assert (
        client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    )
    client.post(MARK_ALL)
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_is_post_only(client, citizen, kind):
    notification = _notify(citizen, kind)
    client.force_login(citizen)
    assert (
        client.get(
            reverse("notifications:mark_read", args=[notification.pk])
        ).status_code
        == 405
    )
    assert client.get(MARK_ALL).status_code == 405


def test_future_reminder_cannot_be_opened_early(client, citizen, kind):
    reminder = _notify(citizen, kind, due_at=timezone.now() + timedelta(hours=1))
    client.force_login(citizen)
    assert (
        client.get(reverse("notifications:open", args=[reminder.pk])).status_code == 404
    )


def test_mark_all_read(client, citizen, kind):
    for i in range(3):
        _notify(citizen, kind, f"n{i}")
    client.force_login(citizen)
    assert client.post(MARK_ALL).status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_open_marks_read_and_redirects_to_the_link(client, citizen, kind):
    notification = _notify(citizen, kind, url="/consultas/12/")
    client.force_login(citizen)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/consultas/12/"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/", ""])
def test_open_never_redirects_off_site(client, citizen, kind, url):
    notification = _notify(citizen, kind)
    Notification.objects.filter(pk=notification.pk).update(
        url=url
    )  # bypassing notify()
    client.force_login(citizen)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == INBOX


# Preferences -------------------------------------------------------------------


@pytest.mark.parametrize("role", ["citizen", "staff", "superuser"])
def test_preferences_page_lists_every_kind(client, roles, kind, digest_kind, role):
    client.force_login(roles[role])
    response = client.get(PREFERENCES)
    assert response.status_code == 200
    content = response.content.decode()
    for k in (kind, digest_kind):
        assert str(k.label) in content
    assert "Boas-vindas" in content  # the real accounts.welcome kind


def test_preferences_are_saved(client, citizen, kind, digest_kind):
    client.force_login(citizen)
    # Other apps register kinds too: submit every one, as the page does.
    data = {field_name(k.slug): k.default_email_mode for k in all_kinds()}
    data[field_name(kind.slug)] = "off"
    data[field_name(digest_kind.slug)] = "immediate"
    data[field_name("accounts.welcome")] = "daily"
    response = client.post(PREFERENCES, data)
    assert response.status_code == 302
    prefs = preferences_of(citizen)
    assert (prefs[kind.slug], prefs[digest_kind.slug], prefs["accounts.welcome"]) == (
        "off",
        "immediate",
        "daily",
    )


def test_invalid_preferences_show_the_error_and_keep_values(client, citizen, kind):
    client.force_login(citizen)
    response = client.post(
        PREFERENCES, {"kind_testing__ping": "weekly", "kind_accounts__welcome": "off"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "kind_testing__ping" in form.errors
    assert form["kind_accounts__welcome"].value() == "off"
    assert not NotificationPreference.objects.exists()


# Unsubscribe -------------------------------------------------------------------


def _unsubscribe_url(user_id, scope):
    return reverse("notifications:unsubscribe", args=[make_token(user_id, scope)])


def test_unsubscribe_get_shows_the_choice_without_login(client, citizen, kind):
    response = client.get(_unsubscribe_url(citizen.pk, kind.slug))
    assert response.status_code == 200
    assert str(kind.label) in response.content.decode()
    assert not NotificationPreference.objects.exists()  # GET changes nothing


def test_one_click_post_turns_the_kind_off(citizen, kind, digest_kind):
    client = Client(enforce_csrf_checks=True)  # mail providers send no CSRF cookie
    response = client.post(
        _unsubscribe_url(citizen.pk, kind.slug), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    prefs = preferences_of(citizen)
    assert prefs[kind.slug] == EmailMode.OFF
    assert prefs[digest_kind.slug] == EmailMode.DAILY


def test_form_post_can_choose_all_kinds_and_a_mode(client, citizen, kind, digest_kind):
    response = client.post(
        _unsubscribe_url(citizen.pk, kind.slug),
        {"scope": ALL_KINDS, "email_mode": "daily"},
    )
    assert response.status_code == 200
    assert set(preferences_of(citizen).values()) == {"daily"}


def test_form_post_rejects_a_scope_the_token_does_not_grant(
    client, citizen, kind, digest_kind
):
    response = client.post(
        _unsubscribe_url(citizen.pk, kind.slug),
        {"scope": digest_kind.slug, "email_mode": "off"},
    )
    assert response.status_code == 200
    assert "scope" in response.context["form"].errors
    assert preferences_of(citizen)[digest_kind.slug] == EmailMode.DAILY


def test_digest_token_turns_off_only_the_digest_kinds(
    client, citizen, kind, digest_kind
):
    client.post(_unsubscribe_url(citizen.pk, DIGEST_KINDS))
    prefs = preferences_of(citizen)
    assert (prefs[kind.slug], prefs[digest_kind.slug]) == ("immediate", "off")


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_token_is_a_friendly_400(client, citizen, kind, method):
    token = make_token(citizen.pk, kind.slug)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = getattr(client, method)(
        reverse("notifications:unsubscribe", args=[tampered])
    )
    assert response.status_code == 400
    assert "Este link não é válido" in response.content.decode()
    assert not NotificationPreference.objects.exists()


@pytest.mark.parametrize("token", ["é", "%00", "a:b:c", ".eJz:x:y", "x" * 500])
def test_garbage_tokens_are_a_400_never_a_500(client, token):
    response = client.post(f"/notificacoes/descadastrar/{token}/")
    assert response.status_code == 400


def test_token_signed_for_another_purpose_is_refused(client, citizen, kind):
    from django.core import signing

    forged = signing.dumps({"u": citizen.pk, "k": kind.slug}, salt="another.salt")
    response = client.post(reverse("notifications:unsubscribe", args=[forged]))
    assert response.status_code == 400


def test_expired_token_is_refused(client, citizen, kind, settings):
    url = _unsubscribe_url(citizen.pk, kind.slug)
    later = timezone.now() + timedelta(
        days=settings.NOTIFICATIONS_UNSUBSCRIBE_MAX_AGE_DAYS + 1
    )
    with time_machine.travel(later):
        response = client.post(url)
    assert response.status_code == 400
    assert not NotificationPreference.objects.exists()


@pytest.mark.parametrize("case", ["unknown_kind", "no_user", "erased_user"])
def test_token_naming_nothing_valid_is_refused(client, citizen, kind, case):
    user_id, scope = citizen.pk, kind.slug
    if case == "unknown_kind":
        scope = "nobody.registered"
    elif case == "no_user":
        user_id = 999_999
    else:
        type(citizen).objects.filter(pk=citizen.pk).update(deleted_at=timezone.now())
    response = client.post(_unsubscribe_url(user_id, scope))
    assert response.status_code == 400


def test_another_persons_token_changes_only_that_person(client, user_factory, kind):
    me, them = user_factory(), user_factory()
    client.force_login(me)
    client.post(_unsubscribe_url(them.pk, kind.slug))
    assert preferences_of(them)[kind.slug] == EmailMode.OFF
    assert preferences_of(me)[kind.slug] == EmailMode.IMMEDIATE
