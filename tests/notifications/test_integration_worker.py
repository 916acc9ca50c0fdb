"""A real Celery worker, a real Redis broker and a real SMTP server.

Eager mode hides what matters here: that rows are committed before the task
runs, that the worker finds them, that one SMTP session carries the mail, and
that rolled-back work never reaches the queue.
"""

import os
import socket
import threading
import time
import uuid
from email import message_from_bytes, policy

import pytest
import redis
from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connections, transaction

from civic.celery import app as celery_app
from civic.notifications import notify, notify_address
from civic.notifications.choices import DeliveryStatus
from civic.notifications.models import EmailDelivery

REDIS_URL = os.environ.get("REDIS_URL", "")
WAIT_SECONDS = 30

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not REDIS_URL,
        reason="needs a Redis broker: set REDIS_URL=redis://127.0.0.1:6379/0",
    ),
    # The worker thread has its own database connection: it must see committed rows.
    pytest.mark.django_db(transaction=True),
]


class SinkHandler:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []
        self.sessions = set()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.sessions.add(id(session))
            self.messages.append(
                message_from_bytes(
                    envelope.original_content or envelope.content, policy=policy.default
                )
            )
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    handler = SinkHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield handler
    controller.stop()


def _close_worker_db_connections(**kwargs):
    # Runs in the worker thread: its connections must not outlive the test, or
    # PostgreSQL refuses to drop the test database at the end of the session.
    connections.close_all()


@pytest.fixture
def live_worker():
    """Celery without eager mode, on a queue of its own, with a worker thread."""
    queue = f"civic-test-{uuid.uuid4().hex[:12]}"
    overrides = {
        "task_always_eager": False,
        "broker_url": REDIS_URL,
        # Queue, exchange and routing key of its own, so a parallel run on the
        # same Redis never takes this run's tasks (or the other way round).
        "task_default_queue": queue,
        "task_default_exchange": queue,
        "task_default_routing_key": queue,
    }
    saved = {key: celery_app.conf[key] for key in overrides}
    celery_app.conf.update(overrides)
    _forget_routing()
    task_postrun.connect(_close_worker_db_connections, weak=False)
    try:
        with start_worker(
            celery_app,
            pool="solo",
            perform_ping_check=False,
            queues=[queue],
            shutdown_timeout=30,
        ) as worker:
            yield worker
    finally:
        task_postrun.disconnect(_close_worker_db_connections)
        celery_app.close()  # the publishing pool; the next user opens a new one
        celery_app.conf.update(saved)
        _forget_routing()
        # Leave nothing behind in the shared Redis: the queue and its bindings.
        client = redis.Redis.from_url(REDIS_URL)
        client.delete(
            queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"
        )
        client.close()


def _forget_routing():
    """Drop the queues and router the app cached from the previous settings."""
    for cached in ("queues", "default_queue", "router", "default_exchange"):
        celery_app.amqp.__dict__.pop(cached, None)


def _wait_for(predicate, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"Timed out after {WAIT_SECONDS}s waiting for {what}.")


def _recipients(server):
    with server.lock:
        return [m["To"] for m in server.messages]


def test_committed_notification_reaches_the_smtp_server(
    user_factory, kind, smtp_server, live_worker
):
    people = user_factory.create_batch(3)
    started = time.monotonic()
    with transaction.atomic():
        notify(people, kind.slug, {"first_name": "Ana"}, key="integration:1", url="/x/")

    def all_sent():
        return (
            len(_recipients(smtp_server)) == 3
            and EmailDelivery.objects.filter(status=DeliveryStatus.SENT).count() == 3
        )

    _wait_for(all_sent, "3 emails at the SMTP server and 3 rows marked sent")
    elapsed = time.monotonic() - started
    assert sorted(_recipients(smtp_server)) == sorted(p.email for p in people)
    message = smtp_server.messages[0]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_body(preferencelist=("html",)) is not None
    assert message.get_body(preferencelist=("plain",)) is not None
    assert len(smtp_server.sessions) == 1  # one batch, one SMTP connection
    ids = set(EmailDelivery.objects.values_list("message_id", flat=True))
    assert ids == {m["Message-ID"] for m in smtp_server.messages}
    print(f"\n3 emails delivered through Redis + worker + SMTP in {elapsed:.2f}s")


def _notify_then_fail(user, kind):
    with transaction.atomic():
        notify([user], kind.slug, {}, key="integration:ghost")
        raise RuntimeError("the domain write failed")


def test_rolled_back_notification_never_reaches_the_smtp_server(
    user_factory, kind, smtp_server, live_worker
):
    ghost, witness = user_factory(), user_factory()
    with pytest.raises(RuntimeError):
        _notify_then_fail(ghost, kind)

    # A committed notification queued afterwards proves the worker is running
    # and has drained the queue past the point where the ghost would be.
    with transaction.atomic():
        notify([witness], kind.slug, {}, key="integration:witness")
    _wait_for(
        lambda: witness.email in _recipients(smtp_server),
        "the witness email at the SMTP server",
    )
    time.sleep(0.5)
    assert _recipients(smtp_server) == [witness.email]
    assert not EmailDelivery.objects.filter(recipient=ghost).exists()


def test_an_address_without_an_account_is_told_through_the_same_worker(
    address_kind, smtp_server, live_worker
):
    with transaction.atomic():
        notify_address(
            "sem.conta@example.org", address_kind.slug, {}, key="integration:address"
        )
    _wait_for(
        lambda: (
            EmailDelivery.objects.filter(status=DeliveryStatus.SENT).exists()
            and _recipients(smtp_server)
        ),
        "the address email at the SMTP server and its row marked sent",
    )
    (message,) = smtp_server.messages
    assert message["To"] == "sem.conta@example.org"
    assert message["List-Unsubscribe"] is None
