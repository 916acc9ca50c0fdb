"""`manage.py run_periodic_jobs`: the jobs of CELERY_BEAT_SCHEDULE, run in this
process on their schedules.

Without Redis (the zero-setup `make run`) there is no beat, so consultations
would never open or close by themselves and no reminder would go out. `make run`
starts this next to the web server instead. Every periodic job is an idempotent
sweeper, so running it beside a real beat, or twice, does no harm.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from celery.schedules import crontab, schedule
from django.conf import settings
from django.core.management.base import BaseCommand

from civic.celery import app

logger = logging.getLogger(__name__)


def _as_schedule(value):
    if isinstance(value, int | float):
        return schedule(timedelta(seconds=value), app=app)
    if isinstance(value, timedelta):
        return schedule(value, app=app)
    return value


class Command(BaseCommand):
    help = "Run the periodic jobs (CELERY_BEAT_SCHEDULE) in this process, for use without beat."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every job once, now, and stop."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=10.0,
            help="Seconds between checks of which jobs are due (default 10).",
        )

    def handle(self, *args, once: bool, interval: float, **options):
        app.loader.import_default_modules()  # registers every app's tasks
        # One "task succeeded" line a minute would drown the web server's log.
        logging.getLogger("celery.app.trace").setLevel(logging.WARNING)
        jobs = {
            name: (entry["task"], _as_schedule(entry["schedule"]))
            for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
        }
        if once:
            for name, (task, _when) in jobs.items():
                self.run(name, task)
            return
        # Jobs on a fixed interval run at start; jobs at a time of day (the
        # daily digest) wait for that time, as under beat.
        started = app.now()
        last_run = {
            name: started if isinstance(when, crontab) else None
            for name, (_task, when) in jobs.items()
        }
        self.stdout.write(
            f"Running {len(jobs)} periodic jobs in this process (Ctrl-C stops)."
        )
        try:
            while True:
                for name, (task, when) in jobs.items():
                    if last_run[name] is None or when.is_due(last_run[name]).is_due:
                        last_run[name] = app.now()
                        self.run(name, task)
                time.sleep(interval)
        except KeyboardInterrupt:
            return

    def run(self, name: str, task: str) -> None:
        # One failing job must not stop the others; it runs again next time.
        try:
            app.tasks[task].apply(throw=True)
        except Exception:
            logger.exception("Periodic job %s (%s) failed", name, task)
