"""`manage.py run_periodic_jobs`: the beat schedule run in-process for `make run`
without Redis. The jobs themselves are tested in their apps; here, that each
one is run, that they do their work, and that one failing does not stop the rest."""

import sys
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from civic.celery import app
from consultations.models import Consultation
from home.management.commands import run_periodic_jobs
from tests.consultations.consultation_support import consultation_with_text

pytestmark = pytest.mark.django_db

S = Consultation.Status


def test_a_scheduled_consultation_opens_without_beat():
    consultation = consultation_with_text(
        S.SCHEDULED,
        opens_at=timezone.now() - timedelta(minutes=1),
        closes_at=timezone.now() + timedelta(days=10),
    )
    call_command("run_periodic_jobs", "--once")
    consultation.refresh_from_db()
    assert consultation.status == S.OPEN


def test_every_job_in_the_schedule_runs_and_a_failure_stops_nothing(
    settings, monkeypatch
):
    app.loader.import_default_modules()
    ran = []
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        task = app.tasks[entry["task"]]

        def fake_apply(*args, _name=entry["task"], **kwargs):
            ran.append(_name)
            if len(ran) == 1:
                raise RuntimeError("broken job")

        monkeypatch.setattr(task, "apply", fake_apply)
    # Celery's Django fixup reconfigures logging when the command loads the
    # tasks, which would drop caplog's handler: record on the logger itself.
    logged = []
    monkeypatch.setattr(
        run_periodic_jobs.logger,
        "exception",
        lambda message, *args: logged.append((message % args, sys.exc_info()[1])),
    )
    call_command("run_periodic_jobs", "--once")
    assert len(ran) > 1  # so that some job ran after the broken one
    assert sorted(ran) == sorted(
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    )
    assert len(logged) == 1
    assert ran[0] in logged[0][0]
    assert str(logged[0][1]) == "broken job"
