"""The member area of people who run councils (links to the admin of each
council they run), and the notice to the secretariat when a member will not
attend a meeting."""

import pytest
from django.urls import reverse

from civic.notifications.models import Notification
from councils.models import AttendanceReply, Mandate, Meeting
from councils.notifications import kinds
from councils.selectors.member import councils_run_links
from councils.services.replies import reply_to_convocation
from tests.factories.councils import MeetingFactory

pytestmark = pytest.mark.django_db

AREA = reverse("councils:member_area")
GO, NO = AttendanceReply.Reply.ATTENDING, AttendanceReply.Reply.ABSENT


def mandate_of(person, council):
    return Mandate.objects.get(person=person, council=council, ends_on__isnull=True)


def test_a_secretary_sees_the_admin_of_their_council_only(
    client, council, other_council, secretary
):
    client.force_login(secretary)
    page = client.get(AREA).content.decode()
    assert f'data-council="{council.pk}"' in page
    assert f'data-council="{other_council.pk}"' not in page
    assert reverse("councils_councils:edit", args=[council.pk]) in page
    assert reverse("councils_meetings:absences", args=[council.pk]) in page
    assert f"{reverse('councils_meetings:index')}?council={council.pk}" in page


def test_staff_see_every_council(council, other_council, staff_user):
    runs = [run.council for run in councils_run_links(staff_user)]
    assert set(runs) >= {council, other_council}


def test_the_links_open_for_the_secretary(client, council, secretary):
    client.force_login(secretary)
    for run in councils_run_links(secretary):
        for label, url in run.links:
            assert client.get(url).status_code == 200, (label, url)


def test_the_meetings_list_filters_by_council(
    client, council, other_council, staff_user
):
    mine = MeetingFactory(council=council, title="Reunião do CMAS")
    MeetingFactory(council=other_council, title="Reunião do outro")
    client.force_login(staff_user)
    page = client.get(
        reverse("councils_meetings:index"), {"council": council.pk}
    ).content.decode()
    assert mine.title in page
    assert "Reunião do outro" not in page


def test_another_councils_filter_is_refused_for_a_secretary(
    client, other_council, secretary
):
    MeetingFactory(council=other_council, title="Reunião do outro")
    client.force_login(secretary)
    response = client.get(
        reverse("councils_meetings:index"), {"council": other_council.pk}
    )
    assert response.status_code == 200
    assert "Reunião do outro" not in response.content.decode()


def test_a_councillor_who_runs_nothing_sees_no_admin_links(client, councillor):
    client.force_login(councillor)
    page = client.get(AREA).content.decode()
    assert "Conselhos que você administra" not in page
    assert "Meus mandatos" in page


# -- "não poderei comparecer" tells the secretariat ---------------------------


@pytest.fixture
def convened(council):
    return MeetingFactory(council=council, status=Meeting.Status.CONVENED)


def told(meeting):
    return Notification.objects.filter(
        kind=kinds.CONVOCATION.slug, key__contains=f"meeting-{meeting.pk}-v"
    ).filter(key__endswith="-absent")


def test_not_attending_tells_the_secretaries(
    convened, council, councillor, secretary, other_secretary
):
    mandate = mandate_of(councillor, council)
    reply = reply_to_convocation(convened, mandate, NO, "Cirurgia marcada.")
    notice = told(convened).get()
    assert notice.recipient == secretary
    assert notice.key == (
        f"meeting-{convened.pk}-v{convened.schedule_version}-reply-{reply.pk}-absent"
    )
    text = " ".join(notice.context["lines"])
    assert councillor.display_name in text
    assert "Cirurgia marcada." in text
    assert "suplente" in text  # a titular: call the suplente
    assert notice.url == reverse("councils_meetings:edit", args=[convened.pk])


def test_the_notice_is_sent_once_per_schedule(convened, council, councillor, secretary):
    mandate = mandate_of(councillor, council)
    reply_to_convocation(convened, mandate, NO, "Viagem.")
    reply_to_convocation(convened, mandate, NO, "Viagem a trabalho.")
    reply_to_convocation(convened, mandate, GO, "")
    reply_to_convocation(convened, mandate, NO, "Viagem, afinal.")
    assert told(convened).count() == 1
    Meeting.objects.filter(pk=convened.pk).update(schedule_version=2)
    convened.refresh_from_db()
    reply_to_convocation(convened, mandate, NO, "Também não na nova data.")
    assert told(convened).count() == 2


def test_attending_tells_nobody(convened, council, councillor, secretary):
    reply_to_convocation(convened, mandate_of(councillor, council), GO, "")
    assert not told(convened).exists()


def test_a_refused_reply_tells_nobody(convened, council, councillor, secretary):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        reply_to_convocation(convened, mandate_of(councillor, council), NO, "")
    assert not told(convened).exists()


def test_the_reply_form_notifies(client, convened, council, councillor, secretary):
    client.force_login(councillor)
    prefix = f"reuniao-{convened.pk}"
    response = client.post(
        reverse("councils:member_reply", args=[convened.pk]),
        {f"{prefix}-reply": NO, f"{prefix}-justification": "Plantão no hospital."},
    )
    assert response.status_code == 302
    assert told(convened).get().recipient == secretary
