from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "civic.notifications"
    label = "notifications"
    verbose_name = _("Notificações")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, personal_data  # noqa: F401

        personal_data.register()
