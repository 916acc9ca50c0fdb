"""Celery: the broker, how tasks run, and the beat schedule (the one list of periodic
jobs; `manage.py run_periodic_jobs` runs the same list when there is no beat)."""

from celery.schedules import crontab

from .general import BASE_DIR, TIME_ZONE
from .services import REDIS_URL

# CELERY
# ------------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
# Longer than any task, so acks_late never redelivers a task still running.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_BEAT_SCHEDULE_FILENAME = str(BASE_DIR / "var" / "celerybeat-schedule")
# Every periodic job is an idempotent sweeper: running one twice does no harm.
CELERY_BEAT_SCHEDULE = {
    "notifications-sweep": {
        "task": "civic.notifications.tasks.sweep_outbox",
        "schedule": 60.0,
    },
    "notifications-daily-digest": {
        "task": "civic.notifications.tasks.send_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "consultations-tick": {
        "task": "consultations.tick",
        "schedule": 5 * 60.0,
    },
    "entities-daily-registry-pass": {
        "task": "entities.daily_registry_pass",
        "schedule": crontab(hour=6, minute=15),
    },
    "partnerships-daily-deadlines-pass": {
        "task": "partnerships.daily_deadlines_pass",
        "schedule": crontab(hour=6, minute=30),
    },
    "dialogue-deadline-reminders": {
        "task": "dialogue.deadline_reminders",
        "schedule": crontab(hour=6, minute=45),
    },
}
