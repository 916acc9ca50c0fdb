import pytest

from civic.accounts import personal_data
from civic.notifications import notify
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
