"""Receiving demands, their files, internal notes, and who is told what."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from civic.dialogue.models import Demand, DemandAttachment
from civic.dialogue.services.codes import code_matches, normalize_code
from civic.dialogue.services.demands import demand_note, demand_open
from civic.dialogue.services.reminders import deadline_reminders_send
from civic.dialogue.services.workflow import demand_transition
from civic.notifications.models import Notification
from tests.factories.dialogue import NOW, open_demand
from tests.factories.entities import pdf_upload

pytestmark = pytest.mark.django_db
K = Demand.Kind


def kinds_told(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user).values_list("kind", flat=True)
    )


def test_protocols_are_sequential_per_year(citizen):
    first = open_demand(citizen)
    second = open_demand(citizen)
    next_year = open_demand(citizen, now=dt.datetime(2027, 1, 2, 12, tzinfo=dt.UTC))
    assert [first.protocol, second.protocol, next_year.protocol] == [
        "SRSC-2026-000001",
        "SRSC-2026-000002",
        "SRSC-2027-000001",
    ]


def test_anonymous_only_for_a_report():
    with pytest.raises(ValidationError) as error:
        open_demand(None, kind=K.REQUEST)
    assert "kind" in error.value.error_dict
    demand = open_demand(None, kind=K.REPORT)
    assert demand.requester is None
    assert demand.code_hash
    assert demand.secret not in demand.code_hash
    assert code_matches(demand.secret, demand.code_hash)
    assert code_matches(demand.secret.lower().replace("-", " "), demand.code_hash)
    assert not code_matches("AAAA-AAAA-AAAA", demand.code_hash)


def test_a_signed_in_person_may_report_anonymously(citizen):
    demand = open_demand(citizen, kind=K.REPORT, anonymous=True)
    assert demand.requester is None
    assert demand.secret


def test_no_text_is_refused(citizen):
    with pytest.raises(ValidationError) as error:
        open_demand(citizen, text="   ", subject="")
    assert set(error.value.error_dict) == {"text", "subject"}


def test_on_behalf_only_of_a_represented_entity(citizen, representative, entity):
    with pytest.raises(ValidationError) as error:
        open_demand(citizen, on_behalf_of=entity)
    assert "on_behalf_of" in error.value.error_dict
    demand = open_demand(representative, on_behalf_of=entity)
    assert demand.on_behalf_of == entity
    with pytest.raises(ValidationError):
        open_demand(representative, on_behalf_of=entity, kind=K.REPORT, anonymous=True)


def test_a_demand_concerns_one_object(citizen, entity):
    demand = open_demand(citizen, kind=K.REPORT, concerns=entity)
    assert demand.concerns_entity == entity
    assert demand.concerns == entity
    with pytest.raises(TypeError):
        open_demand(citizen, concerns=citizen)


def test_files_are_kept_privately(citizen, settings):
    demand = open_demand(citizen, files=[pdf_upload("foto.pdf")])
    attachment = DemandAttachment.objects.get(demand=demand)
    assert attachment.name == "foto.pdf"
    assert attachment.file.name.startswith(f"dialogue/{demand.pk}/")
    assert "foto" not in attachment.file.name
    assert str(settings.PRIVATE_MEDIA_ROOT) in attachment.file.path


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("nota.txt", b"just text"), "não é"),
        (SimpleUploadedFile("virus.pdf", b"MZ\x90\x00binary"), "não é"),
        (SimpleUploadedFile("vazio.pdf", b""), "vazio"),
    ],
)
def test_wrong_files_are_refused(citizen, upload, message):
    with pytest.raises(ValidationError) as error:
        open_demand(citizen, files=[upload])
    assert message in " ".join(error.value.message_dict["files"])
    assert not Demand.objects.exists()


def test_too_large_and_too_many_files_are_refused(citizen, settings):
    settings.DIALOGUE_ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="limite"):
        open_demand(citizen, files=[pdf_upload()])
    settings.DIALOGUE_ATTACHMENT_MAX_BYTES = 10_000
    with pytest.raises(ValidationError, match="no máximo"):
        open_demand(citizen, files=[pdf_upload() for _ in range(6)])


def test_internal_notes_by_staff_and_body_staff_only(
    citizen, staff_user, body_member, other_body_member, health
):
    demand = open_demand(citizen)
    with pytest.raises(PermissionDenied):
        demand_note(demand_id=demand.pk, by=body_member, text="Vimos.")
    demand_transition(
        demand_id=demand.pk,
        action="forward",
        actor=staff_user,
        note="Para a Saúde.",
        body=health,
    )
    note = demand_note(demand_id=demand.pk, by=body_member, text="Equipe enviada.")
    assert note.is_internal
    for outsider in (citizen, other_body_member):
        with pytest.raises(PermissionDenied):
            demand_note(demand_id=demand.pk, by=outsider, text="x")


def test_the_requester_and_the_entity_hear_of_each_step(
    representative,
    co_representative,
    entity,
    staff_user,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    with django_capture_on_commit_callbacks(execute=True):
        demand = open_demand(representative, on_behalf_of=entity)
    assert kinds_told(co_representative) == ["dialogue.updates"]
    assert kinds_told(representative) == []  # never the person who acted
    with django_capture_on_commit_callbacks(execute=True):
        demand_transition(
            demand_id=demand.pk, action="ask", actor=staff_user, note="Qual a rua?"
        )
    assert len(kinds_told(representative)) == 1
    assert len(kinds_told(co_representative)) == 2
    sent = [m for m in mailoutbox if representative.email in m.to]
    assert sent
    assert demand.protocol in sent[0].subject
    assert "Qual a rua?" in sent[0].body


def test_internal_notes_tell_the_requester_nothing(
    citizen, staff_user, django_capture_on_commit_callbacks, mailoutbox
):
    demand = open_demand(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        demand_note(demand_id=demand.pk, by=staff_user, text="Segredo interno.")
    assert kinds_told(citizen) == []
    assert not any("Segredo interno" in m.body for m in mailoutbox)


def test_an_anonymous_requester_gets_no_email(
    staff_user, django_capture_on_commit_callbacks, mailoutbox
):
    demand = open_demand(None, kind=K.REPORT)
    with django_capture_on_commit_callbacks(execute=True):
        demand_transition(
            demand_id=demand.pk, action="answer", actor=staff_user, note="Apurado."
        )
    assert mailoutbox == []
    assert not Notification.objects.filter(kind="dialogue.updates").exists()


def test_staff_hear_of_assignments_forwards_and_replies(
    citizen, staff_user, superuser, body_member, health
):
    demand = open_demand(citizen)
    demand_transition(
        demand_id=demand.pk, action="assign", actor=superuser, assignee=staff_user
    )
    demand_transition(
        demand_id=demand.pk,
        action="forward",
        actor=staff_user,
        note="Saúde.",
        body=health,
    )
    demand_transition(demand_id=demand.pk, action="ask", actor=staff_user, note="Onde?")
    demand_transition(demand_id=demand.pk, action="reply", actor=citizen, note="Aqui.")
    assert kinds_told(staff_user) == ["dialogue.staff", "dialogue.staff"]
    assert kinds_told(body_member) == ["dialogue.staff", "dialogue.staff"]


def test_deadline_reminders_once_per_deadline(citizen, staff_user, superuser):
    demand = open_demand(citizen)
    open_demand(citizen)  # unassigned: nobody to remind
    demand_transition(
        demand_id=demand.pk, action="assign", actor=superuser, assignee=staff_user
    )
    due = demand.due_on  # 1 April 2026

    assert deadline_reminders_send(today=due - dt.timedelta(days=6)) == 0
    assert deadline_reminders_send(today=due - dt.timedelta(days=5)) == 1
    assert deadline_reminders_send(today=due - dt.timedelta(days=4)) == 1
    # A second run adds nothing.
    assert kinds_told(staff_user).count("dialogue.deadlines") == 1
    deadline_reminders_send(today=due + dt.timedelta(days=1))
    deadline_reminders_send(today=due + dt.timedelta(days=2))
    keys = list(
        Notification.objects.filter(kind="dialogue.deadlines").values_list(
            "key", flat=True
        )
    )
    assert sorted(keys) == [
        f"demand:{demand.pk}:due:2026-04-01:overdue",
        f"demand:{demand.pk}:due:2026-04-01:soon",
    ]


def test_a_paused_demand_is_not_reminded(citizen, staff_user, superuser):
    demand = open_demand(citizen)
    demand_transition(
        demand_id=demand.pk, action="assign", actor=superuser, assignee=staff_user
    )
    demand_transition(demand_id=demand.pk, action="ask", actor=staff_user, note="?")
    assert deadline_reminders_send(today=demand.due_on) == 0


def test_the_code_is_normalised():
    assert normalize_code(" abcd efgh-ijkl ") == "ABCD-EFGH-IJKL"


def test_the_service_refuses_an_inactive_requester(citizen):
    citizen.is_active = False
    with pytest.raises(ValidationError):
        demand_open(by=citizen, kind=K.REQUEST, subject="a", text="b", now=NOW)
    assert demand_open(
        by=AnonymousUser(), kind=K.REPORT, subject="a", text="b", now=NOW
    ).code
