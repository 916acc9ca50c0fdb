from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntitiesConfig(AppConfig):
    name = "entities"
    verbose_name = _("Cadastro de entidades")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import notifications, personal_data, receivers  # noqa: F401
