"""Settings come from the environment and fail clearly when it is wrong."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _clean_env() -> dict[str, str]:
    """The environment without the test run's own service URLs and flags."""
    dropped = {
        "DATABASE_URL",
        "REDIS_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DJANGO_SETTINGS_MODULE",
    }
    return {k: v for k, v in os.environ.items() if k not in dropped}


def run_django(code: str, **env_overrides) -> subprocess.CompletedProcess:
    env = _clean_env()
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "mysql://root@localhost/participa"),
        ("DATABASE_URL", "not a url"),
        ("REDIS_URL", "http://127.0.0.1:6379/0"),
    ],
)
def test_bad_service_url_fails_at_start_naming_the_variable(variable, value):
    result = run_django(
        "print('started')",
        DJANGO_SETTINGS_MODULE="civic.settings.dev",
        **{variable: value},
    )
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr


def test_defaults_need_no_services():
    result = run_django(
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, "
        "s.CACHES['default']['BACKEND'])",
        DJANGO_SETTINGS_MODULE="civic.settings.dev",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.cache.backends.db.DatabaseCache",
    ]


def test_redis_url_switches_broker_and_cache():
    result = run_django(
        "from django.conf import settings as s; "
        "print(s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND'])",
        DJANGO_SETTINGS_MODULE="civic.settings.dev",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "redis://127.0.0.1:6379/3",
        "False",
        "django.core.cache.backends.redis.RedisCache",
    ]


def test_email_url_configures_smtp():
    result = run_django(
        "from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)",
        DJANGO_SETTINGS_MODULE="civic.settings.dev",
        EMAIL_URL="smtp+tls://user:pass@mail.example.org:587",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.org",
        "587",
        "True",
    ]


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django(
        "print('started')",
        DJANGO_SETTINGS_MODULE="civic.settings.production",
        SECRET_KEY="",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_deploy_checklist_is_clean():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **_clean_env(),
            "DJANGO_SETTINGS_MODULE": "civic.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "participa.betim.mg.gov.br",
            "SITE_URL": "https://participa.betim.mg.gov.br",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
