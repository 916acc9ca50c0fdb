"""`/conselhos/minha-area/`: the role matrix of its three URLs, what a
conselheiro sees, the forms' refusals beside their fields, and constant
query counts."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councils.models import Attendance, AttendanceReply, Mandate, Meeting
from tests.councils.conftest import ROLES
from tests.factories.councils import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

AREA = reverse("councils:member_area")
MEMBER_ONLY_ROLES = {"councillor"}
RUNS_COUNCILS = {"secretary", "other_secretary", "staff_user", "superuser"}


def mandate_of(person, council):
    return Mandate.objects.get(person=person, council=council, ends_on__isnull=True)


def convene(council, **fields):
    fields.setdefault("status", Meeting.Status.CONVENED)
    return MeetingFactory(council=council, **fields)


def absence(council, person, *, days_ago=2):
    meeting = MeetingFactory(
        council=council,
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - dt.timedelta(days=days_ago),
    )
    mandate = mandate_of(person, council)
    return Attendance.objects.create(
        meeting=meeting,
        seat=mandate.seat,
        mandate=mandate,
        status=Attendance.Status.ABSENT,
    )


def error_beside(html: str, field_id: str) -> str:
    """The error text rendered right after the field with that id."""
    match = re.search(
        rf'id="{re.escape(field_id)}_error">(.*?)</span></span>', html, re.S
    )
    assert match, f"no error beside {field_id}"
    return re.sub(r"<[^>]+>", "", match.group(1))


# -- role matrix -------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_member_area_by_role(role, as_role, council):
    response = as_role(role).get(AREA)
    if role == "anonymous":
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
        return
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    page = response.content.decode()
    if role in MEMBER_ONLY_ROLES:
        assert "Meus mandatos" in page
    else:
        assert "Meus mandatos" not in page
    runs = role in RUNS_COUNCILS
    assert ("Conselhos que você administra" in page) == runs
    assert ("Você não tem mandato atual" in page) == (
        not runs and role not in MEMBER_ONLY_ROLES
    )


@pytest.mark.parametrize("role", ROLES)
def test_reply_by_role(role, as_role, council):
    meeting = convene(council)
    url = reverse("councils:member_reply", args=[meeting.pk])
    data = {f"reuniao-{meeting.pk}-reply": AttendanceReply.Reply.ATTENDING}
    response = as_role(role).post(url, data)
    if role == "anonymous":
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    elif role in MEMBER_ONLY_ROLES:
        assert response.status_code == 302
        assert response["Location"].startswith(AREA)
    else:
        assert response.status_code == 404
    assert AttendanceReply.objects.exists() == (role in MEMBER_ONLY_ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_justify_by_role(role, as_role, council, councillor):
    row = absence(council, councillor)
    url = reverse("councils:member_justify", args=[row.pk])
    data = {f"ausencia-{row.pk}-justification": "Estava doente."}
    response = as_role(role).post(url, data)
    row.refresh_from_db()
    if role == "anonymous":
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    elif role in MEMBER_ONLY_ROLES:
        assert response.status_code == 302
    else:
        assert response.status_code == 404
    justified = role in MEMBER_ONLY_ROLES
    assert (row.status == Attendance.Status.JUSTIFIED) == justified


def test_member_of_another_council_cannot_reply_here(client, council, other_council):
    stranger = Mandate.objects.filter(council=other_council).first().person
    meeting = convene(council)
    client.force_login(stranger)
    response = client.post(
        reverse("councils:member_reply", args=[meeting.pk]),
        {f"reuniao-{meeting.pk}-reply": AttendanceReply.Reply.ATTENDING},
    )
    assert response.status_code == 404


def test_forms_accept_only_post(client, councillor, council):
    client.force_login(councillor)
    meeting = convene(council)
    assert (
        client.get(reverse("councils:member_reply", args=[meeting.pk])).status_code
        == 405
    )


def test_unknown_ids_are_not_found(client, councillor):
    client.force_login(councillor)
    for name in ("councils:member_reply", "councils:member_justify"):
        assert client.post(reverse(name, args=[987654])).status_code == 404


# -- what a conselheiro sees ------------------------------------------------


def test_member_sees_seat_convocation_pauta_documents_and_history(
    client, council, councillor, other_council
):
    mandate = mandate_of(councillor, council)
    meeting = convene(council, title="Reunião ordinária de junho")
    AgendaItemFactory(meeting=meeting, position=1, title="Plano de ação 2027")
    meeting.documents.create(
        title="Minuta do plano", file="x.pdf", visibility="members"
    )
    convene(other_council, title="Reunião de outro conselho")
    MeetingFactory(council=council, title="Reunião só prevista")
    row = absence(council, councillor)
    client.force_login(councillor)
    page = client.get(AREA).content.decode()
    assert council.name in page
    assert str(mandate.seat) in page
    assert "Titular" in page
    assert "Reunião ordinária de junho" in page
    assert "Plano de ação 2027" in page
    assert "Minuta do plano" in page
    assert "Só conselheiros" in page
    assert "Reunião de outro conselho" not in page
    assert "Reunião só prevista" not in page
    assert reverse("councils:member_justify", args=[row.pk]) in page
    assert "1 alternada (limite 5)" in page
    assert "1 consecutiva (limite 3)" in page


def test_previous_reply_is_shown_and_prefilled(client, council, councillor):
    meeting = convene(council)
    AttendanceReply.objects.create(
        meeting=meeting,
        mandate=mandate_of(councillor, council),
        reply=AttendanceReply.Reply.ABSENT,
        justification="Estarei fora da cidade.",
    )
    client.force_login(councillor)
    page = client.get(AREA).content.decode()
    assert "Você respondeu “Não poderei comparecer”" in page
    assert "Estarei fora da cidade." in page


def test_account_menu_links_the_area_only_for_members(client, councillor, citizen):
    profile = reverse("accounts:profile")
    client.force_login(councillor)
    assert AREA in client.get(profile).content.decode()
    client.force_login(citizen)
    assert AREA not in client.get(profile).content.decode()


def test_successful_reply_and_justification(client, council, councillor):
    meeting = convene(council)
    row = absence(council, councillor)
    client.force_login(councillor)
    response = client.post(
        reverse("councils:member_reply", args=[meeting.pk]),
        {
            f"reuniao-{meeting.pk}-reply": AttendanceReply.Reply.ABSENT,
            f"reuniao-{meeting.pk}-justification": "Plantão no hospital.",
        },
        follow=True,
    )
    assert "Sua resposta à convocação foi registrada." in response.content.decode()
    reply = AttendanceReply.objects.get(meeting=meeting)
    assert reply.justification == "Plantão no hospital."
    response = client.post(
        reverse("councils:member_justify", args=[row.pk]),
        {f"ausencia-{row.pk}-justification": "Plantão no hospital."},
        follow=True,
    )
    assert "Sua justificativa foi registrada." in response.content.decode()
    row.refresh_from_db()
    assert row.status == Attendance.Status.JUSTIFIED


# -- bad input: pt-BR errors beside the field, input kept ------------------


def test_not_attending_without_justification(client, council, councillor):
    meeting = convene(council)
    client.force_login(councillor)
    response = client.post(
        reverse("councils:member_reply", args=[meeting.pk]),
        {f"reuniao-{meeting.pk}-reply": AttendanceReply.Reply.ABSENT},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Diga por que você não poderá comparecer" in error_beside(
        page, f"id_reuniao-{meeting.pk}-justification"
    )
    assert re.search(r'value="nao_vai"[^>]*checked', page)
    assert not AttendanceReply.objects.exists()


@pytest.mark.parametrize(
    ("status", "starts_in", "message"),
    [
        (Meeting.Status.PLANNED, dt.timedelta(days=10), "não está convocada"),
        (Meeting.Status.CONVENED, -dt.timedelta(hours=1), "já começou"),
    ],
)
def test_reply_refused_keeps_input(
    client, council, councillor, status, starts_in, message
):
    meeting = MeetingFactory(
        council=council, status=status, starts_at=timezone.now() + starts_in
    )
    client.force_login(councillor)
    response = client.post(
        reverse("councils:member_reply", args=[meeting.pk]),
        {
            f"reuniao-{meeting.pk}-reply": AttendanceReply.Reply.ABSENT,
            f"reuniao-{meeting.pk}-justification": "Texto que não se perde.",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in error_beside(page, f"id_reuniao-{meeting.pk}-reply")
    assert "Texto que não se perde." in page
    assert not AttendanceReply.objects.exists()


def test_justify_outside_the_window(client, council, councillor, settings):
    settings.COUNCILS_ABSENCE_JUSTIFICATION_DAYS = 7
    row = absence(council, councillor, days_ago=9)
    client.force_login(councillor)
    response = client.post(
        reverse("councils:member_justify", args=[row.pk]),
        {f"ausencia-{row.pk}-justification": "Esqueci de avisar."},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "O prazo para justificar esta ausência terminou" in error_beside(
        page, f"id_ausencia-{row.pk}-justification"
    )
    assert "Esqueci de avisar." in page
    row.refresh_from_db()
    assert row.status == Attendance.Status.ABSENT


def test_justify_without_text(client, council, councillor):
    row = absence(council, councillor)
    client.force_login(councillor)
    response = client.post(
        reverse("councils:member_justify", args=[row.pk]),
        {f"ausencia-{row.pk}-justification": "   "},
    )
    assert response.status_code == 200
    assert "Escreva a justificativa da ausência." in error_beside(
        response.content.decode(), f"id_ausencia-{row.pk}-justification"
    )


def test_hostile_input_is_refused_not_crashed(client, council, councillor):
    meeting = convene(council)
    row = absence(council, councillor)
    client.force_login(councillor)
    for url, data in (
        (
            reverse("councils:member_reply", args=[meeting.pk]),
            {
                f"reuniao-{meeting.pk}-reply": "x" * 100_000,
                f"reuniao-{meeting.pk}-justification": "a\x00b" * 10,
            },
        ),
        (
            reverse("councils:member_justify", args=[row.pk]),
            {f"ausencia-{row.pk}-justification": "y" * 100_000},
        ),
    ):
        assert client.post(url, data).status_code == 200


# -- query counts --------------------------------------------------------------


def _queries_with(client, council, councillor, meetings: int) -> int:
    Meeting.objects.all().delete()
    for index in range(meetings):
        meeting = convene(
            council, starts_at=timezone.now() + dt.timedelta(days=index + 1)
        )
        AgendaItemFactory(meeting=meeting, position=1)
        AgendaItemFactory(meeting=meeting, position=2)
        meeting.documents.create(title=f"Documento {index}", file="x.pdf")
        absence(council, councillor, days_ago=index + 1)
    client.force_login(councillor)
    client.get(AREA)  # warm the site-wide caches (settings, menus)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(AREA).status_code == 200
    return len(queries)


def test_member_area_queries_do_not_grow(client, council, councillor):
    few = _queries_with(client, council, councillor, 2)
    many = _queries_with(client, council, councillor, 10)
    assert few == many
    # session, user, permissions, site settings, menu, unread count, and the
    # area's own 8 (mandates, attendance, absence counts, meetings, pauta,
    # documents, replies, the account menu's membership check)
    assert many <= 17
