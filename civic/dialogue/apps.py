from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "civic.dialogue"
    label = "dialogue"
    verbose_name = _("Fale com a SRSC")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from allauth.account.signals import email_confirmed

        from . import notifications, personal_data, rules  # noqa: F401  (registries)
        from .assisted.claims import on_email_confirmed

        email_confirmed.connect(on_email_confirmed, dispatch_uid="dialogue_claim")
