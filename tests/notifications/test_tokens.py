from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.utils import timezone

from civic.notifications.tokens import (
    SALT,
    InvalidToken,
    make_token,
    read_token,
    unsubscribe_url,
)


def test_round_trip():
    data = read_token(make_token(7, "accounts.welcome"))
    assert (data.user_id, data.scope) == (7, "accounts.welcome")


def test_url_is_absolute():
    assert unsubscribe_url(7, "*").startswith(
        "http://testserver/notificacoes/descadastrar/"
    )


@pytest.mark.parametrize(
    "token",
    [
        "",
        "garbage",
        signing.dumps({"u": 7, "k": "x.y"}, salt="other"),
        signing.dumps({"u": "7", "k": "x.y"}, salt=SALT),
        signing.dumps(["not", "a", "dict"], salt=SALT),
    ],
)
def test_bad_tokens_raise_invalid_token(token):
    with pytest.raises(InvalidToken):
        read_token(token)


def test_changing_the_user_id_breaks_the_signature():
    token = make_token(7, "x.y")
    forged = make_token(8, "x.y")
    mixed = forged.split(":")[0] + ":" + ":".join(token.split(":")[1:])
    with pytest.raises(InvalidToken):
        read_token(mixed)


def test_tokens_expire(settings):
    token = make_token(7, "x.y")
    days = settings.NOTIFICATIONS_UNSUBSCRIBE_MAX_AGE_DAYS
    with time_machine.travel(timezone.now() + timedelta(days=days - 1)):
        assert read_token(token).user_id == 7
    with (
        time_machine.travel(timezone.now() + timedelta(days=days + 1)),
        pytest.raises(InvalidToken),
    ):
        read_token(token)
