"""The admin histories of meetings and elections show pt-BR labels, never
raw action names, and the member's justification goes through the meeting
workflow's history."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from councils.history import election_log_label, meeting_log_label
from councils.models import Attendance, Mandate, Meeting, MeetingLog
from councils.services.candidacies import candidacy_workflow
from councils.services.replies import justify_absence
from tests.factories.councils import MeetingFactory

from .election_helpers import C, candidacy, make_election

pytestmark = pytest.mark.django_db

COUNCILS = Path(settings.BASE_DIR) / "councils"
RECORDED = re.compile(r"\.record\(\s*\w+,\s*action=\"(\w+)\"")


def _recorded_actions(*modules: str) -> set[str]:
    """The actions the code writes with `<workflow>.record(obj, action="...")`."""
    found = set()
    for module in modules:
        for path in COUNCILS.glob(module):
            found |= set(RECORDED.findall(path.read_text()))
    return found


MEETING_LOG_WRITERS = (
    "services/agenda.py",
    "services/attendance.py",
    "services/votes.py",
    "services/meetings.py",
    "services/meeting_documents.py",
    "admin/meetings/*.py",
)


def test_every_recorded_meeting_step_has_a_label():
    actions = _recorded_actions(*MEETING_LOG_WRITERS) | {"justify_absence"}
    assert {"create", "edit", "install", "vote"} <= actions  # the scan works
    actions |= {"draft_minutes", "approve_minutes", "publish_minutes"}
    unlabelled = {a for a in actions if meeting_log_label(a) == a}
    assert not unlabelled


def test_every_candidacy_step_has_a_label():
    for action in {a for _state, a in candidacy_workflow.transitions} | {"submit"}:
        label = election_log_label(f"candidacy_{action}", {"entity": "Instituto X"})
        assert "candidacy_" not in label
        assert label.startswith("Candidatura de Instituto X: ")


def test_justification_is_recorded_through_the_meeting_workflow(council, councillor):
    mandate = Mandate.objects.get(person=councillor, council=council)
    meeting = MeetingFactory(
        council=council,
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - dt.timedelta(days=2),
    )
    row = Attendance.objects.create(
        meeting=meeting, seat=mandate.seat, mandate=mandate, status="ausente"
    )
    justify_absence(row, "Consulta médica.", councillor)
    log = MeetingLog.objects.get(meeting=meeting)
    assert (log.action, log.from_status, log.to_status) == (
        "justify_absence",
        Meeting.Status.HELD,
        Meeting.Status.HELD,
    )
    assert log.note == "Consulta médica."


def test_meeting_admin_history_shows_labels(client, council, councillor, secretary):
    mandate = Mandate.objects.get(person=councillor, council=council)
    meeting = MeetingFactory(
        council=council,
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - dt.timedelta(days=2),
    )
    row = Attendance.objects.create(
        meeting=meeting, seat=mandate.seat, mandate=mandate, status="ausente"
    )
    justify_absence(row, "Consulta médica.", councillor)
    client.force_login(secretary)
    page = client.get(reverse("councils_meetings:edit", args=[meeting.pk]))
    text = page.content.decode()
    assert "Ausência justificada pelo(a) conselheiro(a)" in text
    assert "justify_absence" not in text


def test_election_admin_history_shows_labels(client, council, secretary):
    election = make_election(council)
    refused = candidacy(election, status=C.SUBMITTED)
    from councils.models import Election

    Election.objects.filter(pk=election.pk).update(status=Election.Status.CANDIDACY)
    candidacy_workflow.run(
        refused.pk, "refuse", actor=secretary, note="Documentos vencidos."
    )
    client.force_login(secretary)
    text = client.get(
        reverse("councils_elections:edit", args=[election.pk])
    ).content.decode()
    assert f"Candidatura de {refused.entity.name}: Não habilitar" in text
    assert "candidacy_refuse" not in text
