from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "civic.accounts"
    label = "accounts"
    verbose_name = _("Contas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import exports, notifications  # noqa: F401

        exports.register()
