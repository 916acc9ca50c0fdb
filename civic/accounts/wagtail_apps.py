"""AppConfig replacing "wagtail.users" in INSTALLED_APPS.

Kept apart from apps.py: Django picks an app's default AppConfig only when its
apps module defines exactly one, and importing Wagtail's class there would make
two.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class CivicUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user management, with forms that fit our User model."""

    user_viewset = "civic.accounts.wagtail_users.CivicUserViewSet"
