from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Páginas do site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from civic.downloads import guard_wagtail_exports
        from home import receivers  # noqa: F401

        guard_wagtail_exports()
