from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "civic.accounts"
    label = "accounts"
    verbose_name = _("Contas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The platform's deployment checks (civic/checks.py) register here: accounts
        # is the one app every deployment of the platform has.
        from civic import checks, lookups  # noqa: F401

        # Hostile numbers in `__in` lookups match nothing (civic/lookups.py).
        lookups.register()

        from . import exports, notifications  # noqa: F401

        exports.register()
