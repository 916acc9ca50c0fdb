from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "civic.territory"
    label = "territory"
    verbose_name = _("Território de Betim")
    default_auto_field = "django.db.models.BigAutoField"
