import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.test import RequestFactory

from civic.notifications.models import EmailDelivery, Notification

pytestmark = pytest.mark.django_db


def _confirm(user, email_address):
    email_confirmed.send(
        sender=EmailAddress,
        request=RequestFactory().get("/"),
        email_address=email_address,
    )


def test_confirming_the_email_welcomes_once(
    user, outbox, django_capture_on_commit_callbacks
):
    address = EmailAddress.objects.get(user=user)
    with django_capture_on_commit_callbacks(execute=True):
        _confirm(user, address)
        _confirm(user, address)
    notification = Notification.objects.get()
    assert (notification.kind, notification.key, notification.url) == (
        "accounts.welcome",
        "welcome",
        "/minha-conta/",
    )
    assert notification.context == {"first_name": user.get_short_name()}
    assert len(outbox) == 1
    message = outbox[0]
    assert message.subject == "Boas-vindas ao Participa Betim"
    assert f"Olá, {user.get_short_name()}!" in message.body
    assert "http://testserver/minha-conta/" in message.alternatives[0].content
    assert EmailDelivery.objects.get().status == "sent"


def test_the_real_allauth_confirmation_flow_sends_the_welcome(
    client, user_factory, outbox, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailConfirmationHMAC

    person = user_factory(verified_email=False)
    address = EmailAddress.objects.create(
        user=person, email=person.email, primary=True, verified=False
    )
    key = EmailConfirmationHMAC(address).key
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/accounts/confirm-email/{key}/")
    assert response.status_code == 302
    assert Notification.objects.filter(
        recipient=person, kind="accounts.welcome"
    ).exists()
    assert [m.to for m in outbox if "Boas-vindas" in m.subject] == [[person.email]]
