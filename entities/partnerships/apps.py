from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "entities.partnerships"
    label = "partnerships"
    verbose_name = _("Parcerias (MROSC)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import notifications, rules  # noqa: F401  (register kinds and rules)
