import pytest
from django.core import mail

from civic.notifications.choices import EmailMode
from civic.notifications.registry import register_kind, unregister_kind

from .backends import BrokenBackend, CountingBackend, FlakyBackend


@pytest.fixture(autouse=True)
def _reset_backends():
    for backend in (CountingBackend, FlakyBackend, BrokenBackend):
        backend.reset()
    FlakyBackend.failures = 2
    FlakyBackend.calls = 0
    BrokenBackend.calls = 0


def _register(slug, mode, **kwargs):
    unregister_kind(slug)
    # Reuse the welcome templates: the tests are about delivery, not wording.
    kwargs.setdefault("template_prefix", "accounts/emails/welcome")
    return register_kind(
        slug,
        label=f"Teste {slug}",
        description="Um tipo de aviso só para testes.",
        summary="Aviso de teste para %(first_name)s",
        default_email_mode=mode,
        **kwargs,
    )


@pytest.fixture
def kind():
    """A throwaway kind sent immediately by default."""
    registered = _register("testing.ping", EmailMode.IMMEDIATE)
    yield registered
    unregister_kind(registered.slug)


@pytest.fixture
def digest_kind():
    """A throwaway kind that goes to the daily digest by default."""
    registered = _register("testing.daily", EmailMode.DAILY)
    yield registered
    unregister_kind(registered.slug)


@pytest.fixture
def address_kind():
    """A throwaway kind told to addresses without an account (like an invitation)."""
    registered = _register("testing.invite", EmailMode.IMMEDIATE, to_address=True)
    yield registered
    unregister_kind(registered.slug)


@pytest.fixture
def make_kind():
    """Register a kind with custom options; unregistered after the test."""
    slugs = []

    def make(slug, mode=EmailMode.IMMEDIATE, **kwargs):
        slugs.append(slug)
        return _register(slug, mode, **kwargs)

    yield make
    for slug in slugs:
        unregister_kind(slug)


@pytest.fixture
def outbox(settings):
    """mail.outbox via a locmem backend that counts SMTP connections."""
    settings.EMAIL_BACKEND = "tests.notifications.backends.CountingBackend"
    mail.outbox = []
    return mail.outbox


@pytest.fixture
def eager_retries():
    """Let eager tasks run their retries inline, as a worker would (with no wait).

    With task_eager_propagates, Celery raises Retry out of `.delay()` instead of
    re-running the task; the worker never propagates, so neither do these tests.
    """
    from civic.celery import app

    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous
