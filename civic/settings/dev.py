"""Local development: DEBUG on, a throwaway secret key, mail printed to the console."""

from .base import *
from .base import env, env_flag

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
CIVIC_MFA_REQUIRED_FOR_STAFF = env_flag("MFA_REQUIRED_FOR_STAFF", default=False)
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
