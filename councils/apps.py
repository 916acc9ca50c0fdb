from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "councils"
    verbose_name = _("Conselhos municipais")

    def ready(self):
        # Register notification kinds and rules, the agenda source, the LGPD
        # exporter and eraser, and the page-cache receivers.
        from consultations.follow_sections import FollowSection, register_section

        from . import agenda, notifications, personal_data, receivers, rules  # noqa: F401
        from .selectors.follows import councils_followed_by

        # The councils a person follows, on their follows page.
        register_section(
            FollowSection(
                name="councils",
                template="councils/public/followed_councils.html",
                items=councils_followed_by,
            )
        )
