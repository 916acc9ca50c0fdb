from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "councils"
    verbose_name = _("Conselhos municipais")

    def ready(self):
        # Register notification kinds and rules, the agenda source, the LGPD
        # exporter and eraser, and the page-cache receivers.
        from . import agenda, notifications, personal_data, receivers, rules  # noqa: F401
