"""A hearing in a real browser: staff schedule and publish it in the admin; a
citizen registers, asks to speak and gets the reminder email the day before;
on the day, staff check the citizen in with the code. axe-core checks the
public pages on the way."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from consultations.models import Event, Registration, SpeakerRequest
from consultations.tasks import tick
from tests.browser.helpers import log_in
from tests.browser.helpers import tick as tick_box
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory
from tests.factories.consultations import VenueFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _admin_datetime(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def test_staff_schedule_a_hearing_citizen_registers_speaks_and_is_reminded(
    browser, live_server, axe
):
    from home.setup import ensure_site_content

    ensure_site_content()
    base = live_server.url
    venue = VenueFactory(
        name="Auditório da Regional Teresópolis",
        address="Rua Tiradentes, 120",
        capacity=80,
        step_free_access=True,
    )
    staff = UserFactory(full_name="Analista da SRSC")
    staff.groups.add(Group.objects.get(name="Equipe SRSC"))
    citizen = UserFactory(full_name="Marcos Vinícius Alves")
    starts = (timezone.localtime() + timedelta(days=20)).replace(
        hour=19, minute=0, second=0, microsecond=0
    )

    # Staff schedule the hearing in the admin; a bad end time is refused first.
    staff_context = browser.new_context(locale="pt-BR", timezone_id="America/Sao_Paulo")
    staff_page = staff_context.new_page()
    log_in(staff_page, base, staff.email, DEFAULT_PASSWORD)
    staff_page.goto(f"{base}/admin/participacao/eventos/new/")
    form = staff_page.locator("form[method=post]").filter(
        has=staff_page.locator("[name=title]")
    )
    form.locator("select[name=kind]").select_option("audiencia")
    form.locator("[name=title]").fill("Audiência pública do transporte coletivo")
    form.locator("[name=subject]").fill(
        "Apresentação da nova rede de linhas de ônibus e debate com a população."
    )
    form.locator("select[name=policy_area]").select_option(index=1)
    form.locator("select[name=organizing_body]").select_option(index=1)
    form.locator("[name=starts_at]").fill(_admin_datetime(starts))
    form.locator("[name=ends_at]").fill(_admin_datetime(starts - timedelta(hours=1)))
    form.locator("select[name=venue]").select_option(label=venue.name)
    form.locator("[name=capacity]").fill("60")
    staff_page.keyboard.press("Escape")  # close the date picker
    form.locator("button[type=submit]").first.click()
    expect(staff_page.locator("main")).to_contain_text("depois do início")
    assert not Event.objects.exists()

    form.locator("[name=ends_at]").fill(_admin_datetime(starts + timedelta(hours=2)))
    staff_page.keyboard.press("Escape")
    form.locator("button[type=submit]").first.click()
    expect(staff_page.locator(".messages")).to_contain_text("rascunho")
    event = Event.objects.get()
    assert event.status == Event.Status.DRAFT
    staff_page.locator("[data-workflow-action=publish] button").click()
    expect(staff_page.locator(".messages")).to_contain_text("publicado")
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert timezone.localtime(event.starts_at) == starts

    # The public page, anonymous: when, where, accessibility; register needs an account.
    page = browser.new_context(
        locale="pt-BR", timezone_id="America/Sao_Paulo"
    ).new_page()
    page.goto(f"{base}/audiencias/")
    page.get_by_role("link", name="Audiência pública do transporte coletivo").click()
    main = page.locator("main")
    expect(main).to_contain_text("Rua Tiradentes, 120")
    expect(main).to_contain_text("das 19h às 21h")
    expect(main).to_contain_text("60 vagas livres de 60")
    axe(page, context="event page (anonymous)")

    log_in(page, base, citizen.email, DEFAULT_PASSWORD)
    page.goto(f"{base}/audiencias/{event.slug}/")
    tick_box(page, "id_needs_libras")
    page.get_by_role("button", name="Inscrever-me").click()
    expect(page.locator("main")).to_contain_text("Inscrição confirmada")
    registration = Registration.objects.get(event=event, user=citizen)
    expect(page.locator("main")).to_contain_text(registration.checkin_code)
    assert registration.needs_libras

    # Asking to speak: an empty topic is refused beside the field.
    page.get_by_role("button", name="Pedir para falar").click()
    expect(page.locator("main")).to_contain_text("Diga em poucas palavras")
    page.locator("[name=topic]").fill("Ônibus para o distrito industrial à noite")
    page.get_by_role("button", name="Pedir para falar").click()
    expect(page.locator("main")).to_contain_text("pessoa nº 1 da lista de falas")
    speakers = page.locator("#falas table")
    expect(speakers).to_contain_text("Participante 1")
    expect(speakers).to_contain_text("Ônibus para o distrito industrial")
    expect(speakers).not_to_contain_text(citizen.full_name)
    assert SpeakerRequest.objects.filter(event=event, user=citizen).exists()
    axe(page, context="event page (registered citizen)")

    # The day before: the scheduler sends the reminder, with the check-in code.
    mail.outbox.clear()
    tomorrow = timezone.now() + timedelta(hours=20)
    Event.objects.filter(pk=event.pk).update(
        starts_at=tomorrow, ends_at=tomorrow + timedelta(hours=2)
    )
    assert tick()["event_reminders"] == 1
    reminders = [m for m in mail.outbox if citizen.email in m.to]
    assert len(reminders) == 1
    reminder = reminders[0]
    assert "transporte coletivo" in reminder.subject
    assert registration.checkin_code in reminder.body
    assert "Rua Tiradentes, 120" in reminder.body
    assert tick()["event_reminders"] == 0  # a second run sends nothing

    # On the day, staff check the citizen in with the code.
    staff_page.goto(f"{base}/admin/participacao/eventos/{event.pk}/presenca/")
    expect(staff_page.locator("main")).to_contain_text(citizen.full_name)
    checkin = staff_page.locator("form[data-checkin-form]")
    checkin.locator("[name=code]").fill("ZZZZZZ")
    checkin.locator("button[type=submit]").click()
    expect(staff_page.locator("main")).to_contain_text(
        "não encontrado", ignore_case=True
    )
    checkin = staff_page.locator("form[data-checkin-form]")
    checkin.locator("[name=code]").fill(registration.checkin_code.lower())
    checkin.locator("button[type=submit]").click()
    expect(staff_page.locator(".messages")).to_contain_text(citizen.full_name)
    registration.refresh_from_db()
    assert registration.attended_at is not None
    staff_context.close()
