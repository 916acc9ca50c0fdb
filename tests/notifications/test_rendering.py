import pytest
from django.urls import resolve
from django.utils import translation

from civic.notifications import notify, tasks
from civic.notifications.delivery.rendering import absolute_url
from civic.notifications.models import EmailDelivery
from civic.notifications.tokens import read_token

pytestmark = pytest.mark.django_db


def _send(user, kind, context=None, url="/minha-conta/"):
    notify([user], kind.slug, context or {"first_name": "Ana"}, key="k", url=url)
    tasks.deliver_emails.delay([EmailDelivery.objects.get().pk])


def test_message_is_multipart_with_one_click_unsubscribe_headers(user, kind, outbox):
    _send(user, kind)
    (message,) = outbox
    assert message.alternatives[0].mimetype == "text/html"
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http://testserver/notificacoes/descadastrar/")
    assert header.endswith(">")
    token = resolve(header[len("<http://testserver") : -1]).kwargs["token"]
    data = read_token(token)
    assert (data.user_id, data.scope) == (user.pk, kind.slug)
    raw = message.message()
    assert raw["List-Unsubscribe"] == header
    assert raw["Message-ID"] == EmailDelivery.objects.get().message_id


def test_body_links_to_the_notification_and_the_preferences(user, kind, outbox):
    _send(user, kind)
    (message,) = outbox
    html = message.alternatives[0].content
    unsubscribe = message.extra_headers["List-Unsubscribe"][1:-1]
    for body in (message.body, html):
        assert "http://testserver/minha-conta/" in body
        assert unsubscribe in body
        assert "http://testserver/notificacoes/preferencias/" in body
        assert "Você recebe este e-mail porque" in body
    assert '<html lang="pt-br">' in html
    assert message.subject == "Boas-vindas ao Participa Betim"


def test_plain_text_is_not_html_escaped(user, kind, outbox):
    _send(user, kind, {"first_name": 'Zé & <Cia> "O\'Brien"'})
    (message,) = outbox
    assert 'Zé & <Cia> "O\'Brien"' in message.body
    assert "Zé &amp; &lt;Cia&gt;" in message.alternatives[0].content


def test_rendered_in_the_recipient_language(user_factory, kind, outbox):
    person = user_factory(language="en")
    with translation.override("pt-br"):
        _send(person, kind)
    (message,) = outbox
    # No English catalogue yet: the active language during rendering is what counts.
    assert '<html lang="en">' in message.alternatives[0].content


def test_absolute_url():
    assert absolute_url("/x/") == "http://testserver/x/"
    assert absolute_url("") == "http://testserver/"
    assert absolute_url("http://testserver/y/") == "http://testserver/y/"
