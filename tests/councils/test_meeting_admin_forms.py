"""The admin pages of meetings with bad input: errors beside the fields, input
kept, no 500; the attendance sheet's query count; the admin-home panel."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councils.models import Meeting
from councils.services.attendance import install
from tests.factories.councils import SeatFactory, composed_council

from .meeting_helpers import fill, in_progress, planned, seats

pytestmark = pytest.mark.django_db
S = Meeting.Status


def url(name, *args):
    return reverse(f"councils_meetings:{name}", args=args)


def test_convene_with_short_notice_shows_the_rule(as_role, council):
    meeting = planned(council, days=2)
    response = as_role("secretary").post(
        url("convene", meeting.pk), {"short_notice_reason": "Urgência"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "7 dias" in " ".join(
        form.errors["__all__"] + form.errors.get("starts_at", [])
    )
    assert form["short_notice_reason"].value() == "Urgência"
    meeting.refresh_from_db()
    assert meeting.status == S.PLANNED


def test_votes_over_present_are_shown_beside_the_field(as_role, council, secretary):
    meeting = in_progress(council)
    fill(meeting, 4, actor=secretary)
    install(meeting, actor=secretary)
    item = meeting.agenda_items.get()
    prefix = f"item-{item.pk}"
    response = as_role("secretary").post(
        url("votes", meeting.pk),
        {
            "item": item.pk,
            f"{prefix}-votes_for": 4,
            f"{prefix}-votes_against": 3,
            f"{prefix}-abstentions": 0,
        },
    )
    assert response.status_code == 200
    assert (
        "Os votos somam mais do que os 4 conselheiros presentes."
        in response.content.decode()
    )
    [(_, form)] = response.context["forms"]
    assert form["votes_against"].value() == "3"


def test_attendance_for_a_vacant_seat_is_refused_on_its_row(as_role, council):
    meeting = in_progress(council)
    vacant = SeatFactory(council=council, label="Assento sem ocupante")
    first = seats(council)[0]
    response = as_role("secretary").post(
        url("attendance", meeting.pk),
        {f"seat-{vacant.pk}-status": "titular", f"seat-{first.pk}-status": "titular"},
    )
    assert response.status_code == 200
    assert "está vago" in response.content.decode()
    assert meeting.attendances.filter(seat=first).exists()
    assert not meeting.attendances.filter(seat=vacant).exists()


def test_ata_before_the_meeting_is_refused(as_role, council):
    meeting = planned(council, status=S.CONVENED)
    response = as_role("secretary").post(
        url("minutes", meeting.pk), {"step": "draft", "text": "Ata"}
    )
    assert response.status_code in (200, 302)
    meeting.refresh_from_db()
    assert meeting.minutes_text == ""


@pytest.mark.parametrize(
    "data",
    [
        {"step": "approve", "approved_in": "99999999999999999999"},
        {"step": "approve", "approved_in": "abc\x00"},
        {"step": "nope"},
        {"step": "draft", "text": "x" * 200_000},
    ],
)
def test_hostile_minutes_input(as_role, council, data):
    meeting = in_progress(council, minutes_ago=60 * 24 * 20)
    Meeting.objects.filter(pk=meeting.pk).update(
        status=S.HELD, minutes_status=Meeting.Minutes.DRAFT
    )
    response = as_role("secretary").post(url("minutes", meeting.pk), data)
    assert response.status_code in (200, 302)


@pytest.mark.parametrize(
    "dates", ["31/02/2030", "abc", "1/2", "10/03/2031", "", "10/03/99999"]
)
def test_calendar_bad_dates(as_role, council, dates):
    response = as_role("secretary").post(
        url("calendar"),
        {"council": council.pk, "year": 2030, "time": "14:00", "dates": dates},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Meeting.objects.exists()


def test_calendar_creates_planned_meetings(as_role, council):
    response = as_role("secretary").post(
        url("calendar"),
        {
            "council": council.pk,
            "year": 2030,
            "time": "09:30",
            "dates": "10/03/2030\n12/05/2030",
        },
    )
    assert response.status_code == 302
    assert council.meetings.filter(status=S.PLANNED).count() == 2


def test_loss_of_mandate_needs_the_note(as_role, council):
    from councils.models import Mandate

    titular = Mandate.objects.filter(council=council, role="titular").first()
    response = as_role("secretary").post(
        url("absences", council.pk), {"loss-mandate": titular.pk, "loss-note": ""}
    )
    assert response.status_code == 200
    titular.refresh_from_db()
    assert titular.ends_on is None


def _sheet_queries(client, meeting) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("attendance", meeting.pk))
    assert response.status_code == 200
    return len(queries)


def test_attendance_sheet_query_count_is_constant(client, staff_user):
    client.force_login(staff_user)
    counts = []
    for civil in (3, 27):
        council = composed_council(government=3, civil_society=civil)
        meeting = in_progress(council)
        fill(meeting, 4, actor=staff_user)
        counts.append(_sheet_queries(client, meeting))
    assert counts[0] == counts[1]


def test_home_panel_shows_what_is_due_only_for_own_councils(
    as_role, council, other_council
):
    due = planned(council, days=council.ordinary_notice_days + 2)
    theirs = planned(other_council, days=other_council.ordinary_notice_days + 2)
    held = in_progress(council, minutes_ago=60 * 24 * 10)
    Meeting.objects.filter(pk=held.pk).update(status=S.HELD)
    response = as_role("secretary").get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert "data-councils-due" in html
    assert url("convene", due.pk) in html
    assert url("minutes", held.pk) in html
    assert url("convene", theirs.pk) not in html


def test_home_panel_absent_for_people_who_run_no_council(as_role):
    from django.contrib.auth.models import Group

    client = as_role("citizen")
    user = client.session.get("_auth_user_id")
    assert user
    from civic.accounts.models import User

    person = User.objects.get(pk=user)
    person.groups.add(Group.objects.get(name="Moderação"))
    response = client.get(reverse("wagtailadmin_home"))
    assert "data-councils-due" not in response.content.decode()


def test_meeting_edit_offers_the_workflow(as_role, council):
    meeting = planned(council, days=10)
    html = as_role("secretary").get(url("edit", meeting.pk)).content.decode()
    assert url("convene", meeting.pk) in html
    assert url("agenda", meeting.pk) in html
    assert timezone.now() + dt.timedelta(days=1)  # the page rendered with dates
