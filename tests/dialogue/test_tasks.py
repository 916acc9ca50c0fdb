"""The beat job, and the channel's part in LGPD requests."""

import pytest
from django.conf import settings

from civic.accounts.personal_data import exporters
from civic.dialogue.models import BodyMember
from civic.dialogue.services.demands import demand_note
from civic.dialogue.services.workflow import demand_transition
from civic.dialogue.tasks import deadline_reminders
from tests.factories.dialogue import open_demand

pytestmark = pytest.mark.django_db


def test_the_reminders_run_daily_on_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["dialogue-deadline-reminders"]
    assert entry["task"] == deadline_reminders.name == "dialogue.deadline_reminders"


def test_the_task_runs_and_is_idempotent(citizen, staff_user, superuser):
    demand = open_demand(citizen)
    demand_transition(
        demand_id=demand.pk, action="assign", actor=superuser, assignee=staff_user
    )
    assert deadline_reminders.delay().get() >= 0


def test_export_holds_own_words_never_internal_notes(citizen, staff_user):
    demand = open_demand(citizen, text="Meu texto.")
    demand_note(demand_id=demand.pk, by=staff_user, text="Nota interna.")
    demand_transition(demand_id=demand.pk, action="ask", actor=staff_user, note="?")
    demand_transition(demand_id=demand.pk, action="reply", actor=citizen, note="Isto.")
    data = exporters()["dialogue"](citizen)
    assert data["demands"][0]["text"] == "Meu texto."
    assert [m["text"] for m in data["messages"]] == ["Isto."]
    assert "Nota interna." not in str(data)


def test_erasure_unlinks_body_staff(body_member):
    from civic.accounts.personal_data import erasers

    for erase in erasers():
        if erase.__module__ == "civic.dialogue.personal_data":
            erase(body_member)
    assert not BodyMember.objects.filter(user=body_member).exists()
