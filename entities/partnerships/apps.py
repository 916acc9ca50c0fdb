from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "entities.partnerships"
    label = "partnerships"
    verbose_name = _("Parcerias (MROSC)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Register kinds, rules and the page-cache receivers.
        from . import notifications, receivers, rules  # noqa: F401
