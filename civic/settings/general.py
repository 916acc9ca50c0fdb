"""General settings, and the environment that every settings module reads.

`env` reads the process environment after the `.env` file at the top of the project
(variables already set win). `.env.example` lists the variables and the README's
configuration table says what each one does.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def env_flag(name: str, *, default: bool) -> bool:
    """Read an on/off variable where empty (`X=` in a copied .env) means the default.

    django-environ reads an empty variable as false, which would switch a security
    setting off although nobody asked for it.
    """
    if not env.str(name, default="").strip():
        return default
    return env.bool(name)


# GENERAL
# ------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_ID = 1

LANGUAGE_CODE = "pt-br"
LANGUAGES = [("pt-br", _("Português")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Sao_Paulo"
USE_I18N = True
USE_TZ = True
