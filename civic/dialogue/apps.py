from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "civic.dialogue"
    label = "dialogue"
    verbose_name = _("Fale com a SRSC")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import notifications, personal_data, rules  # noqa: F401  (registries)
