"""Small steps the browser journeys share."""

from playwright.sync_api import expect


def tick(page, input_id: str) -> None:
    """Tick a gov.br checkbox or radio the way a person does: on its box, which is
    drawn by the label's ::before, left of the label text."""
    box = page.locator(f"#{input_id}")
    if not box.is_checked():
        page.locator(f"label[for={input_id}]").click(position={"x": 8, "y": 12})
    expect(box).to_be_checked()


def log_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").first.click()
