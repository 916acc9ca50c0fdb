import pytest
from django.core.exceptions import ImproperlyConfigured

from civic.notifications.choices import EmailMode
from civic.notifications.registry import (
    UnknownKind,
    all_kinds,
    get_kind,
    register_kind,
    unregister_kind,
)


@pytest.fixture
def cleanup():
    slugs = []
    yield slugs
    for slug in slugs:
        unregister_kind(slug)


def test_register_derives_the_three_templates(cleanup):
    cleanup.append("councils.meeting_reminder")
    kind = register_kind(
        "councils.meeting_reminder",
        label="Lembrete",
        description="Antes da reunião",
        summary="Reunião de %(council)s às %(time)s",
    )
    assert kind.templates == (
        "councils/emails/meeting_reminder_subject.txt",
        "councils/emails/meeting_reminder.txt",
        "councils/emails/meeting_reminder.html",
    )
    assert kind.default_email_mode == EmailMode.IMMEDIATE
    assert get_kind("councils.meeting_reminder") is kind
    assert kind in all_kinds()


def test_summary_fills_from_context_and_tolerates_gaps(cleanup):
    cleanup.append("councils.summary")
    kind = register_kind(
        "councils.summary",
        label="L",
        description="D",
        summary="%(council)s às %(time)s",
    )
    assert kind.render_summary({"council": "CMS", "time": "19h"}) == "CMS às 19h"
    assert kind.render_summary({"council": "CMS"}) == "CMS às "


@pytest.mark.parametrize("slug", ["nodot", "Upper.case", "a.b.c", "a.", ".b", "a-b.c"])
def test_bad_slugs_are_refused(slug):
    with pytest.raises(ImproperlyConfigured):
        register_kind(slug, label="L", description="D", summary="S")


def test_duplicates_and_bad_modes_are_refused(cleanup):
    cleanup.append("councils.once")
    register_kind("councils.once", label="L", description="D", summary="S")
    with pytest.raises(ImproperlyConfigured, match="already registered"):
        register_kind("councils.once", label="L", description="D", summary="S")
    with pytest.raises(ImproperlyConfigured, match="email mode"):
        register_kind(
            "councils.other",
            label="L",
            description="D",
            summary="S",
            default_email_mode="x",
        )


def test_unknown_kind():
    with pytest.raises(UnknownKind):
        get_kind("nobody.registered")


def test_welcome_is_registered_by_the_accounts_app():
    kind = get_kind("accounts.welcome")
    assert kind.html_template == "accounts/emails/welcome.html"


def test_address_kinds_are_immediate_and_not_account_kinds(cleanup):
    from civic.notifications.registry import account_kinds, get_account_kind

    cleanup.extend(["testing.address_daily", "testing.address"])
    with pytest.raises(ImproperlyConfigured, match="IMMEDIATE"):
        register_kind(
            "testing.address_daily",
            label="x",
            description="x",
            summary="x",
            default_email_mode=EmailMode.DAILY,
            to_address=True,
        )
    kind = register_kind(
        "testing.address", label="x", description="x", summary="x", to_address=True
    )
    assert kind in all_kinds()
    assert kind not in account_kinds()
    with pytest.raises(UnknownKind):
        get_account_kind("testing.address")
