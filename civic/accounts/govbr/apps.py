from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovBrConfig(AppConfig):
    """Registers the gov.br provider with allauth (it looks for `<app>.provider`)."""

    name = "civic.accounts.govbr"
    label = "govbr"
    verbose_name = _("Login gov.br")

    def ready(self):
        from . import checks, signals  # noqa: F401
