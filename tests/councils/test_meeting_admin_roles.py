"""Role matrix over every admin URL and action of the meetings: only the
secretariat of the meeting's council, SRSC staff and superusers get in; the
secretary of another council gets a 403/404 and changes nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.models import AgendaItem, Attendance, Mandate, Meeting
from councils.services.attendance import install

from .conftest import ROLES
from .meeting_helpers import fill, in_progress, planned, seats

pytestmark = pytest.mark.django_db
ALLOWED = {"secretary", "staff_user", "superuser"}
S = Meeting.Status


def url(name, *args):
    return reverse(f"councils_meetings:{name}", args=args)


@pytest.fixture
def scene(council, secretary):
    """A meeting in each state the pages need."""
    live = in_progress(council)
    fill(live, 4, actor=secretary)
    install(live, actor=secretary)
    held = in_progress(council, minutes_ago=60 * 24 * 30)
    Meeting.objects.filter(pk=held.pk).update(status=S.HELD)
    convened = planned(council, days=12, status=S.CONVENED)
    return {
        "planned": planned(council, days=10),
        "convened": convened,
        "live": live,
        "held": held,
        "council": council,
    }


def get_urls(scene):
    p, c, live, held = (scene[k].pk for k in ("planned", "convened", "live", "held"))
    return [
        url("index"),
        url("add"),
        url("calendar"),
        url("absences", scene["council"].pk),
        url("edit", p),
        url("delete", p),
        url("history", p),
        url("usage", p),
        url("agenda", p),
        url("convene", p),
        url("cancel", p),
        url("reschedule", c),
        url("hold", live),
        url("attendance", live),
        url("votes", live),
        url("minutes", held),
    ]


def refused(response) -> bool:
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and (
        "login" in response["Location"] or response["Location"].rstrip("/") == "/admin"
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_page(role, as_role, scene):
    client = as_role(role)
    own_pages = {url("index"), url("add"), url("calendar")}
    for address in get_urls(scene):
        response = client.get(address)
        if role == "other_secretary" and address in own_pages:
            # Their own council's list and forms: none of this council's rows.
            assert response.status_code == 200
            assert scene["council"].acronym not in response.content.decode()
        elif role in ALLOWED:
            assert response.status_code == 200, (role, address)
        else:
            assert refused(response), (role, address, response.status_code)


def _posts(scene, council):
    seat = seats(council)[0]
    item = scene["live"].agenda_items.get()
    titular = Mandate.objects.filter(council=council, role="titular").last()
    year = timezone.localdate().year + 1
    return [
        (
            url("convene", scene["planned"].pk),
            {},
            lambda: Meeting.objects.get(pk=scene["planned"].pk).status == S.CONVENED,
        ),
        (
            url("cancel", scene["convened"].pk),
            {"note": "Sem pauta"},
            lambda: Meeting.objects.get(pk=scene["convened"].pk).status == S.CANCELLED,
        ),
        (
            url("agenda", scene["planned"].pk),
            {"title": "Novo item", "majority": "simples"},
            lambda: AgendaItem.objects.filter(title="Novo item").exists(),
        ),
        (
            url("attendance", scene["live"].pk),
            {f"seat-{seat.pk}-seat": seat.pk, f"seat-{seat.pk}-status": "ausente"},
            lambda: (
                Attendance.objects.get(meeting=scene["live"], seat=seat).status
                == "ausente"
            ),
        ),
        (
            url("votes", scene["live"].pk),
            {
                "item": item.pk,
                f"item-{item.pk}-item": item.pk,
                f"item-{item.pk}-votes_for": 3,
                f"item-{item.pk}-votes_against": 0,
                f"item-{item.pk}-abstentions": 0,
            },
            lambda: AgendaItem.objects.get(pk=item.pk).votes_for == 3,
        ),
        (
            url("hold", scene["live"].pk),
            {},
            lambda: Meeting.objects.get(pk=scene["live"].pk).status == S.HELD,
        ),
        (
            url("minutes", scene["held"].pk),
            {"step": "draft", "text": "Ata da reunião"},
            lambda: (
                Meeting.objects.get(pk=scene["held"].pk).minutes_text
                == "Ata da reunião"
            ),
        ),
        (
            url("absences", council.pk),
            {"loss-mandate": titular.pk, "loss-note": "Faltas"},
            lambda: Mandate.objects.get(pk=titular.pk).ends_on is not None,
        ),
        (
            url("calendar"),
            {
                "council": council.pk,
                "year": year,
                "time": "14:00",
                "dates": f"10/03/{year}",
            },
            lambda: Meeting.objects.filter(starts_at__year=year).exists(),
        ),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_action(role, as_role, scene, council):
    client = as_role(role)
    # The loss of mandate is offered for members at a limit; record them.
    from councils.models import Attendance as Row

    titular = Mandate.objects.filter(council=council, role="titular").last()
    for index in range(3):
        meeting = Meeting.objects.create(
            council=council,
            status=S.HELD,
            starts_at=timezone.now() - dt.timedelta(days=60 + index),
        )
        Row.objects.create(
            meeting=meeting, seat=titular.seat, status="ausente", mandate=titular
        )
    for address, data, changed in _posts(scene, council):
        response = client.post(address, data)
        if role in ALLOWED:
            assert response.status_code == 302, (role, address, response.status_code)
            assert changed(), (role, address)
        else:
            # Another council's secretary may see the form again, refused:
            # that council is not among the choices.
            kept = role == "other_secretary" and response.status_code == 200
            assert kept or refused(response), (role, address, response.status_code)
            assert not changed(), (role, address)


@pytest.mark.parametrize("role", ROLES)
def test_delete_only_by_the_secretariat(role, as_role, council):
    meeting = planned(council)
    response = as_role(role).post(url("delete", meeting.pk))
    exists = Meeting.objects.filter(pk=meeting.pk).exists()
    if role in ALLOWED:
        assert response.status_code == 302
        assert not exists
    else:
        assert refused(response)
        assert exists


def test_convened_meeting_is_not_deleted(as_role, council):
    meeting = planned(council, status=S.CONVENED)
    response = as_role("secretary").post(url("delete", meeting.pk))
    assert response.status_code in (302, 403)
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_index_lists_only_the_secretarys_councils(as_role, council, other_council):
    mine = planned(council)
    theirs = planned(other_council)
    response = as_role("secretary").get(url("index"))
    assert str(mine) in response.content.decode() or mine.pk
    ids = {m.pk for m in response.context["object_list"]}
    assert mine.pk in ids
    assert theirs.pk not in ids


def test_create_offers_only_the_secretarys_councils(as_role, council, other_council):
    response = as_role("secretary").get(url("add"))
    choices = list(response.context["form"].fields["council"].queryset)
    assert choices == [council]
    response = as_role("secretary").post(
        url("add"),
        {
            "council": other_council.pk,
            "kind": "ordinaria",
            "starts_at": "2030-01-10 14:00",
        },
    )
    assert response.status_code == 200
    assert not Meeting.objects.filter(council=other_council).exists()
