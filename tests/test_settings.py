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


# A production environment that passes every check; the services are only named,
# never connected to, so nothing needs to listen on these ports.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "civic.settings.production",
    "ALLOWED_HOSTS": "participa.betim.mg.gov.br",
    "SITE_URL": "https://participa.betim.mg.gov.br",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp://127.0.0.1:25",
}


def deploy_check(*, without=(), **env_overrides) -> subprocess.CompletedProcess:
    """`manage.py check --deploy` under production settings, as `make check` runs it."""
    env = {**_clean_env(), **PRODUCTION_ENV, "SECRET_KEY": secrets.token_urlsafe(50)}
    env.update(env_overrides)
    for name in without:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_deploy_checklist_is_clean():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "environment",
    [
        pytest.param({"DEBUG": "1"}, id="debug-on"),
        pytest.param(
            {
                "MFA_REQUIRED_FOR_STAFF": "",
                "SECURE_SSL_REDIRECT": "",
                "SECURE_HSTS_SECONDS": "",
            },
            id="copied-example-left-empty",
        ),
        pytest.param(
            {
                "DEBUG": "true",
                "MFA_REQUIRED_FOR_STAFF": "0",
                "SECURE_SSL_REDIRECT": "false",
                "SECURE_HSTS_SECONDS": "0",
            },
            id="explicitly-off",
        ),
    ],
)
def test_environment_cannot_switch_off_production_security(environment):
    """MFA for staff, the HTTPS redirect, secure cookies and HSTS hold whatever the
    environment says (django-environ reads an empty variable as false)."""
    result = run_django(
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.CIVIC_MFA_REQUIRED_FOR_STAFF, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS >= 365 * 24 * 3600, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)",
        **PRODUCTION_ENV,
        SECRET_KEY=secrets.token_urlsafe(50),
        **environment,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False"] + ["True"] * 6


@pytest.mark.parametrize(
    ("without", "overrides", "check_id", "variable"),
    [
        pytest.param(["REDIS_URL"], {}, "civic.E003", "REDIS_URL", id="no-redis"),
        pytest.param(
            ["EMAIL_URL"], {}, "civic.E002", "console.EmailBackend", id="console-mail"
        ),
        pytest.param(
            [],
            {"EMAIL_URL": "memorymail://"},
            "civic.E002",
            "locmem.EmailBackend",
            id="locmem-mail",
        ),
        pytest.param(
            [],
            {"EMAIL_URL": "dummymail://"},
            "civic.E002",
            "dummy.EmailBackend",
            id="dummy-mail",
        ),
    ],
)
def test_deploy_check_fails_without_working_services(
    without, overrides, check_id, variable
):
    result = deploy_check(without=without, **overrides)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert check_id in output
    assert variable in output
    assert output.count("civic.E") == 1


def test_deploy_check_fails_when_staff_mfa_is_off():
    """No variable can turn it off in production; a settings override still can."""
    code = (
        "\nfrom django.core.management import call_command"
        "\nfrom django.test.utils import override_settings"
        "\nwith override_settings(CIVIC_MFA_REQUIRED_FOR_STAFF=False):"
        "\n    call_command('check', deploy=True)"
    )
    result = run_django(code, **PRODUCTION_ENV, SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode != 0
    assert "civic.E001" in result.stderr
    assert "CIVIC_MFA_REQUIRED_FOR_STAFF" in result.stderr


def test_env_example_leaves_no_variable_empty():
    """A copied .env.example must not switch anything off: every line is commented
    out or has a value."""
    lines = (ROOT / ".env.example").read_text().splitlines()
    assignments = [
        line for line in lines if line.strip() and not line.lstrip().startswith("#")
    ]
    empty = [line for line in assignments if not line.partition("=")[2].strip()]
    assert empty == []


@pytest.mark.parametrize("value", ["", "0", "2"])
def test_trusted_proxy_count_from_the_environment(value):
    result = run_django(
        "from django.conf import settings as s; "
        "print(s.CIVIC_TRUSTED_PROXY_COUNT, s.ALLAUTH_TRUSTED_PROXY_COUNT)",
        DJANGO_SETTINGS_MODULE="civic.settings.dev",
        TRUSTED_PROXY_COUNT=value,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [value or "0"] * 2


@pytest.mark.parametrize("value", ["-1", "one", "1.5"])
def test_bad_trusted_proxy_count_fails_at_start_naming_the_variable(value):
    result = run_django(
        "print('started')",
        DJANGO_SETTINGS_MODULE="civic.settings.dev",
        TRUSTED_PROXY_COUNT=value,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "TRUSTED_PROXY_COUNT" in result.stderr
