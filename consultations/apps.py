from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultas, audiências e fóruns")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import notifications, personal_data, receivers  # noqa: F401
