"""A council meeting in a real browser, from the convocation to the resolution
the public finds.

The secretary of the CMAS convenes a meeting in the Wagtail admin, with a
deliberative item on the pauta; the members get the convocation through the
real SMTP path (Django's SMTP backend talking to an aiosmtpd server). On the
day, the secretary records attendance (a titular absent, the suplente in the
seat), installs the meeting, records the votes, marks it held, drafts the ata,
records its approval at a later meeting and publishes it; then writes and
publishes the resolution of the item. An anonymous visitor finds it with the
resolution search, opens its page and the PDF. axe-core checks the public
pages on the way (test_council_pages_a11y.py checks the rest)."""

from __future__ import annotations

import socket
import threading
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone
from playwright.sync_api import expect

from councils.models import (
    AgendaItem,
    Attendance,
    Mandate,
    Meeting,
    Resolution,
    Seat,
)
from tests.browser.helpers import log_in
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory
from tests.factories.councils import MeetingFactory, composed_council

pytestmark = pytest.mark.django_db(transaction=True)

ITEM = "Plano Municipal de Assistência Social 2027"
RESOLUTION = "Aprova o Plano Municipal de Assistência Social 2027"


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(
                message_from_bytes(
                    envelope.original_content or envelope.content,
                    policy=policy.default,
                )
            )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        with self.lock:
            return [m for m in self.messages if address in str(m["To"] or "")]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield inbox
    controller.stop()


def _admin_datetime(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _body(message) -> str:
    part = message.get_body(preferencelist=("plain",))
    return part.get_content()


def _secretary(council):
    from django.contrib.auth.models import Group

    from civic.accounts.rules import COUNCIL_SECRETARY_GROUP

    person = UserFactory(full_name="Secretária Executiva do CMAS")
    person.groups.add(Group.objects.get(name=COUNCIL_SECRETARY_GROUP))
    council.secretaries.add(person)
    return person


def _convene(page, base, council):
    """Conselhos → Reuniões → new meeting, one deliberative item, convene."""
    page.goto(f"{base}/admin/")
    page.get_by_role("button", name="Conselhos").click()
    page.get_by_role("link", name="Reuniões").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reuniões")
    page.goto(f"{base}/admin/conselhos/reunioes/new/")
    form = page.locator("form[method=post]").filter(has=page.locator("[name=title]"))
    starts = (timezone.localtime() + timedelta(days=10)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    form.locator("select[name=council]").select_option(label=str(council))
    form.locator("select[name=kind]").select_option("ordinaria")
    form.locator("[name=title]").fill("3ª Reunião Ordinária")
    form.locator("[name=starts_at]").fill(_admin_datetime(starts))
    form.locator("[name=ends_at]").fill(_admin_datetime(starts + timedelta(hours=2)))
    notes = form.locator("[name=location_notes]")
    notes.click()  # a click outside closes the date pickers
    notes.fill("Sala dos Conselhos, Casa dos Conselhos")
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    form.locator("button[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text("criada")
    meeting = Meeting.objects.get(council=council)

    # The pauta: one deliberative item, by absolute majority.
    expect(page.get_by_role("heading", name="Incluir item")).to_be_visible()
    page.get_by_label("Assunto").fill(ITEM)
    page.get_by_label("Deliberativo").check()
    page.locator("select[name=majority]").select_option(index=1)
    page.get_by_role("button", name="Incluir na pauta").click()
    expect(page.locator(".messages")).to_contain_text("Item incluído na pauta")
    expect(page.locator("main table")).to_contain_text(ITEM)

    page.get_by_role("link", name="Voltar à reunião").click()
    page.locator("[data-meeting-links]").get_by_role("link", name="Convocar").click()
    page.get_by_role("button", name="Convocar e avisar os conselheiros").click()
    expect(page.locator(".messages")).to_contain_text("Reunião convocada")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONVENED
    return meeting


def _record_the_meeting(page, base, meeting, absent_seat):
    """Attendance with the suplente in the absent titular's seat, installation,
    votes, and the meeting marked held."""
    page.goto(f"{base}/admin/conselhos/reunioes/edit/{meeting.pk}/")
    page.locator("[data-meeting-links]").get_by_role(
        "link", name="Lista de presença e quórum"
    ).click()
    sheet = page.locator("[data-attendance-sheet]")
    for seat in Seat.objects.filter(council=meeting.council).order_by("position"):
        status = "suplente" if seat == absent_seat else "titular"
        sheet.get_by_label(f"Presença: {seat}", exact=True).select_option(status)
    page.get_by_role("button", name="Registrar presenças").click()
    expect(page.locator(".messages")).to_contain_text("Presenças registradas")
    expect(page.locator("[data-quorum]")).to_contain_text("Quórum atingido")
    page.get_by_role("button", name="Instalar a reunião").click()
    expect(page.locator(".messages")).to_contain_text("Reunião instalada")

    page.goto(f"{base}/admin/conselhos/reunioes/{meeting.pk}/votes/")
    item = page.locator("section[data-item]").filter(has_text=ITEM)
    item.get_by_label("A favor").fill("5")
    item.get_by_label("Contra").fill("0")
    item.get_by_label("Abstenções").fill("1")
    item.get_by_role("button", name="Registrar votação").click()
    expect(page.locator(".messages")).to_contain_text("Votação registrada")
    expect(page.locator("[data-result]")).to_contain_text("Aprovad")

    page.goto(f"{base}/admin/conselhos/reunioes/edit/{meeting.pk}/")
    page.locator("[data-meeting-links]").get_by_role(
        "link", name="Registrar como realizada"
    ).click()
    page.get_by_role("button", name="Registrar como realizada").click()
    expect(page.locator(".messages")).to_contain_text("realizada")


def _minutes(page, base, meeting, approving):
    page.goto(f"{base}/admin/conselhos/reunioes/{meeting.pk}/minutes/")
    page.get_by_label("Texto da ata").fill(
        "Aos dias do mês reuniu-se o CMAS e aprovou o Plano Municipal por maioria."
    )
    page.get_by_role("button", name="Salvar a minuta").click()
    expect(page.locator(".messages")).to_contain_text("Minuta da ata salva")
    page.get_by_label("Aprovada na reunião").select_option(str(approving.pk))
    page.get_by_role("button", name="Registrar a aprovação").click()
    expect(page.locator(".messages")).to_contain_text("Aprovação da ata registrada")
    page.get_by_role("button", name="Publicar a ata").click()
    expect(page.locator(".messages")).to_contain_text("Ata publicada")
    expect(page.locator("[data-minutes-status]")).to_contain_text("Publicada")


def _resolution(page, base, meeting):
    item = meeting.agenda_items.get()
    page.goto(f"{base}/admin/conselhos/resolucoes/new/")
    form = page.locator("form[method=post]").filter(has=page.locator("[name=title]"))
    form.locator("select[name=council]").select_option(str(meeting.council_id))
    form.locator("[name=title]").fill(RESOLUTION)
    form.locator("[name=body]").fill(
        "O Conselho Municipal de Assistência Social, no uso de suas atribuições, "
        "resolve aprovar o Plano Municipal de Assistência Social para 2027."
    )
    form.locator("select[name=meeting]").select_option(str(meeting.pk))
    form.locator("select[name=agenda_item]").select_option(str(item.pk))
    form.locator("button[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text("Minuta")
    page.get_by_role("link", name="Publicar", exact=True).click()
    page.get_by_role("button", name="Publicar", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("publicada")
    resolution = Resolution.objects.get(title=RESOLUTION)
    assert resolution.status == Resolution.Status.PUBLISHED
    assert resolution.number == 1
    assert resolution.agenda_item_id == item.pk
    return resolution


def test_secretary_convenes_records_and_publishes_the_public_finds_the_resolution(
    browser, live_server, smtp_inbox, axe
):
    from home.setup import ensure_site_content

    ensure_site_content()
    base = live_server.url
    council = composed_council(
        name="Conselho Municipal de Assistência Social", acronym="CMAS", slug="cmas"
    )
    secretary = _secretary(council)
    members = Mandate.objects.filter(council=council).select_related("person")
    absent_seat = Seat.objects.filter(council=council).order_by("position").last()
    absent = members.get(seat=absent_seat, role=Mandate.Role.TITULAR).person
    stand_in = members.get(seat=absent_seat, role=Mandate.Role.ALTERNATE).person

    context = browser.new_context(locale="pt-BR", timezone_id="America/Sao_Paulo")
    page = context.new_page()
    log_in(page, base, secretary.email, DEFAULT_PASSWORD)
    expect(page).not_to_have_url(f"{base}/accounts/login/")
    meeting = _convene(page, base, council)

    # Every titular and suplente gets the convocation, with the pauta.
    for person in (m.person for m in members):
        received = smtp_inbox.to(person.email)
        assert len(received) == 1, person.email
        assert received[0]["Subject"] == "CMAS: convocação para reunião"
        assert f"1. {ITEM}" in _body(received[0])

    # The day of the meeting comes; a later meeting will approve the ata.
    starts = timezone.now() - timedelta(hours=2)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    _record_the_meeting(page, base, meeting, absent_seat)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    rows = {a.seat_id: a for a in Attendance.objects.filter(meeting=meeting)}
    assert len(rows) == 6
    assert rows[absent_seat.pk].status == Attendance.Status.ALTERNATE
    assert rows[absent_seat.pk].mandate.person == stand_in
    item = meeting.agenda_items.get()
    assert (item.votes_for, item.votes_against, item.abstentions) == (5, 0, 1)
    assert item.result == AgendaItem.Result.APPROVED

    approving = MeetingFactory(
        council=council,
        status=Meeting.Status.HELD,
        title="4ª Reunião Ordinária",
        starts_at=timezone.now() - timedelta(minutes=30),
    )
    _minutes(page, base, meeting, approving)
    resolution = _resolution(page, base, meeting)
    context.close()

    # The public: the meeting page shows who sat where and the vote.
    visitor = browser.new_context(
        locale="pt-BR", timezone_id="America/Sao_Paulo"
    ).new_page()
    visitor.goto(f"{base}/conselhos/cmas/reunioes/{meeting.pk}/")
    main = visitor.locator("main")
    expect(main).to_contain_text(ITEM)
    expect(main).to_contain_text(stand_in.display_name)
    expect(main).to_contain_text("aprovou o Plano Municipal")
    expect(main).not_to_contain_text(absent.email)
    axe(visitor, context="held meeting page")

    # The resolution search finds it by words of its text.
    visitor.goto(f"{base}/conselhos/resolucoes/")
    visitor.get_by_label("Palavras ou número").fill("plano municipal 2027")
    visitor.get_by_role("button", name="Filtrar").click()
    expect(visitor.get_by_role("status")).to_contain_text("1 resolução encontrada")
    axe(visitor, context="resolution search")
    result = visitor.locator("article").filter(has_text=RESOLUTION)
    result.get_by_role("link", name=resolution.display_number).click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text(
        resolution.display_number
    )
    expect(visitor.locator("main")).to_contain_text("resolve aprovar o Plano")
    axe(visitor, context="resolution page")
    pdf = visitor.get_by_role("link", name="Baixar em PDF")
    response = visitor.request.get(base + pdf.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
