import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from civic.notifications import notify
from civic.notifications.context_processors import unread_notifications

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_anonymous_gets_zero_without_a_query():
    with CaptureQueriesContext(connection) as queries:
        count = unread_notifications(_request(AnonymousUser()))[
            "unread_notifications_count"
        ]
        assert int(str(count)) == 0
        assert not count
    assert len(queries) == 0


def test_count_is_lazy_and_one_query_when_used(user, kind):
    notify([user], kind.slug, {}, key="a")
    notify([user], kind.slug, {}, key="b")
    with CaptureQueriesContext(connection) as queries:
        context = unread_notifications(_request(user))
    assert len(queries) == 0  # a page that does not print it pays nothing
    with CaptureQueriesContext(connection) as queries:
        rendered = Template(
            "{% if unread_notifications_count %}{{ unread_notifications_count }}{% endif %}"
        ).render(Context(context))
    assert rendered == "2"
    assert len(queries) == 1


def test_read_and_future_notifications_are_not_counted(user, kind):
    from datetime import timedelta

    from django.utils import timezone

    (read,) = notify([user], kind.slug, {}, key="read")
    read.read_at = timezone.now()
    read.save()
    notify(
        [user], kind.slug, {}, key="later", due_at=timezone.now() + timedelta(hours=1)
    )
    notify([user], kind.slug, {}, key="unread")
    count = unread_notifications(_request(user))["unread_notifications_count"]
    assert count == 1
