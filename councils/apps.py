from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "councils"
    verbose_name = _("Conselhos municipais")

    def ready(self):
        from . import notifications, rules  # noqa: F401  (register kinds and rules)
