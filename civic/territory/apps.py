from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "civic.territory"
    label = "territory"
    verbose_name = _("Território de Betim")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from civic.cache import register_public_models

        from .models import Bairro, Regional

        # Filters, profiles and agendas name them.
        register_public_models(Regional, Bairro)
