"""A person signs up, confirms the email from the link, logs in and reads the
welcome notification; the pages on the way pass axe-core."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import tick

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "uma-senha-bem-longa-2026"


def _link_in(message, marker: str) -> str:
    body = message.body
    match = re.search(rf"https?://\S*{marker}\S*", body)
    assert match, f"no link with {marker!r} in:\n{body}"
    return match.group(0)


def test_home_page_is_accessible(page, live_server, axe):
    from home.setup import ensure_site_content

    ensure_site_content()
    page.goto(live_server.url + "/")
    expect(page.locator("#main-content")).to_be_visible()
    axe(page, context="home")
    # e-MAG shortcuts are in the page.
    for key, target in (
        ("1", "#main-content"),
        ("2", "#main-navigation"),
        ("4", "#footer"),
    ):
        expect(page.locator(f'a[accesskey="{key}"][href="{target}"]')).to_have_count(1)


def test_sign_up_confirm_log_in_and_read_the_welcome(
    page, live_server, axe, mailoutbox
):
    from home.setup import ensure_site_content

    ensure_site_content()
    page.goto(live_server.url + "/accounts/signup/")
    axe(page, context="sign-up")

    # A first attempt with a mistake keeps what was typed and explains the error.
    page.locator("input[name=full_name]").fill("Joana da Silva Pereira")
    page.locator("input[name=email]").fill("joana@example.org")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD + "x")
    tick(page, "id_accept_terms")
    tick(page, "id_accept_privacy")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("input[name=full_name]")).to_have_value(
        "Joana da Silva Pereira"
    )
    expect(page.locator("input[name=email]")).to_have_value("joana@example.org")
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    axe(page, context="sign-up with errors")

    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    tick(page, "id_accept_terms")
    tick(page, "id_accept_privacy")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("body")).to_contain_text("joana@example.org")

    assert len(mailoutbox) == 1
    confirm_url = _link_in(mailoutbox[0], "/accounts/confirm-email/")
    page.goto(confirm_url)
    page.locator("main form button[type=submit]").first.click()

    # Logged in by the confirmation; log out to try the login page itself.
    page.get_by_role("navigation", name="Sua conta").get_by_role(
        "button", name="Sair"
    ).click()
    page.goto(live_server.url + "/accounts/login/")
    axe(page, context="login")
    page.locator("input[name=login]").fill("joana@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()

    bell = page.locator("header a[href='/notificacoes/']")
    expect(bell).to_contain_text("1")
    bell.click()
    expect(page.locator("main")).to_contain_text("Boas-vindas ao Participa Betim")
    axe(page, context="inbox")
    subjects = [m.subject for m in mailoutbox]
    assert any("Boas-vindas" in s for s in subjects), subjects
