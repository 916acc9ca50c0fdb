"""The Django admin, for superusers only, logging in through allauth.

Day-to-day administration happens in Wagtail (/admin/). The Django admin at
/django-admin/ is a break-glass tool, so it admits only active superusers, and
it has no login form of its own: allauth's login, with its rate limits and MFA,
is the only way in (ASVS 6.3.3).
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _


class CivicAdminSite(admin.AdminSite):
    """Django admin restricted to active superusers."""

    site_header = _("Participa Betim: administração técnica")
    site_title = _("Participa Betim")
    index_title = _("Administração técnica (somente superusuários)")

    def has_permission(self, request):
        """Only active superusers, whatever their is_staff flag says."""
        user = request.user
        return bool(user.is_active and user.is_superuser)

    def login(self, request, extra_context=None):
        """Redirect to allauth's login; logged-in non-superusers get a 403."""
        if request.user.is_authenticated:
            if self.has_permission(request):
                return HttpResponseRedirect(self._next_url(request))
            raise PermissionDenied
        login_url = resolve_url(settings.LOGIN_URL)
        query = urlencode({REDIRECT_FIELD_NAME: self._next_url(request)})
        return HttpResponseRedirect(f"{login_url}?{query}")

    def _next_url(self, request) -> str:
        """Where to go after logging in: `next` if it is local, else the index."""
        from django.urls import reverse

        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if next_url and url_has_allowed_host_and_scheme(
            next_url,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            return next_url
        return reverse("admin:index", current_app=self.name)


class CivicAdminConfig(AdminConfig):
    """Replaces "django.contrib.admin" in INSTALLED_APPS."""

    default_site = "civic.adminsite.CivicAdminSite"
