import pytest
from allauth.account.models import EmailAddress

from civic.accounts import personal_data
from civic.notifications import notify, notify_address
from civic.notifications.models import (
    Digest,
    EmailDelivery,
    Notification,
    NotificationPreference,
)
from civic.notifications.personal_data import erase_notifications, export_notifications

pytestmark = pytest.mark.django_db


def test_registered_with_the_accounts_registry():
    assert personal_data.exporters()["notifications"] is export_notifications
    assert erase_notifications in personal_data.erasers()


def test_export_holds_only_my_data(user_factory, kind):
    me, other = user_factory(), user_factory()
    notify([me, other], kind.slug, {"first_name": "Ana"}, key="k", url="/x/")
    NotificationPreference.objects.create(user=me, kind=kind.slug, email_mode="off")
    data = export_notifications(me)
    assert [n["summary"] for n in data["notifications"]] == ["Aviso de teste para Ana"]
    assert len(data["emails"]) == 1
    assert data["preferences"] == {kind.slug: "off"}


def test_erase_removes_everything_about_the_person_only(user_factory, kind):
    from django.utils import timezone

    me, other = user_factory(), user_factory()
    notify([me, other], kind.slug, {}, key="k")
    NotificationPreference.objects.create(user=me, kind=kind.slug, email_mode="off")
    Digest.objects.create(user=me, day=timezone.localdate(), window_end=timezone.now())
    erase_notifications(me)
    for model, field in [
        (Notification, "recipient"),
        (EmailDelivery, "recipient"),
        (NotificationPreference, "user"),
        (Digest, "user"),
    ]:
        assert not model.objects.filter(**{field: me}).exists()
    assert Notification.objects.filter(recipient=other).exists()


def test_export_shows_emails_to_my_verified_addresses_only(user_factory, address_kind):
    me = user_factory(email="eu@example.org")
    EmailAddress.objects.create(user=me, email="outro@example.org", verified=False)
    notify_address("eu@example.org", address_kind.slug, {"first_name": "Eu"}, key="a")
    notify_address("outro@example.org", address_kind.slug, {}, key="b")
    notify_address("alguem@example.org", address_kind.slug, {}, key="c")
    emails = export_notifications(me)["emails_to_my_addresses"]
    assert [(e["address"], e["status"]) for e in emails] == [
        ("eu@example.org", "pending")
    ]
    assert emails[0]["summary"] == "Aviso de teste para Eu"


def test_erase_removes_emails_to_my_addresses(user_factory, address_kind):
    me = user_factory(email="eu@example.org")
    EmailAddress.objects.create(user=me, email="Antigo@example.org", verified=True)
    for address in ("eu@example.org", "antigo@example.org", "alguem@example.org"):
        notify_address(address, address_kind.slug, {}, key="k")
    erase_notifications(me)
    assert list(Notification.objects.values_list("address", flat=True)) == [
        "alguem@example.org"
    ]
    assert EmailDelivery.objects.count() == 1


def test_account_erasure_removes_emails_sent_before_the_account(
    user_factory, address_kind
):
    from civic.accounts.services import account_erase

    me = user_factory(email="eu@example.org")
    notify_address("eu@example.org", address_kind.slug, {}, key="k")
    account_erase(user=me, by=me)
    assert not Notification.objects.exists()


def test_erasure_removes_the_name_from_other_peoples_notifications(user_factory, kind):
    from civic.accounts.services import account_erase

    named = user_factory(full_name="Joana Nomeada")
    reader, bystander = user_factory(), user_factory()
    notify(
        [reader, named],
        kind.slug,
        {"first_name": "Joana Nomeada", "nested": ["por Joana Nomeada"]},
        key="named",
        about=[named],
    )
    notify([bystander], kind.slug, {"first_name": "Joana Nomeada"}, key="other")
    account_erase(user=named, by=named)
    told = Notification.objects.get(recipient=reader)
    assert told.context == {
        "first_name": "Participante removido",
        "nested": ["por Participante removido"],
    }
    assert "Joana" not in told.summary
    # A notification that did not say it names the person is left alone.
    assert Notification.objects.get(recipient=bystander).context == {
        "first_name": "Joana Nomeada"
    }
