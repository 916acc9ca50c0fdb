from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.documents import urls as wagtaildocs_urls

from civic import open_data
from civic.accounts.views import admin_login_redirect
from civic.api import api

# Each app's API router, mounted here rather than in civic/api.py: an app's
# router imports civic.api's shared pieces, whichever module loads first.
api.add_router("/entidades/", "entities.api.router")
api.add_router("/consultas/", "consultations.api.consultations_router")
api.add_router("/audiencias/", "consultations.api.events_router")
api.add_router("/resolucoes/", "councils.api.resolutions_router")
api.add_router("/conselhos/", "councils.api.councils_router")
api.add_router("/parcerias/", "entities.partnerships.api.partnerships_router")
api.add_router("/chamamentos/", "entities.partnerships.api.calls_router")

urlpatterns = [
    # Both admins log in through allauth, so its rate limits and MFA cover them
    # (ASVS 6.3.3: no second login form).
    path("admin/login/", admin_login_redirect, name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("", include("civic.dialogue.urls")),
    path("minha-conta/", include("civic.accounts.urls")),
    path("notificacoes/", include("civic.notifications.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"wagtail": WagtailSitemap}},
        name="sitemap",
    ),
    path("api/v1/", api.urls),
    path("dados-abertos/", open_data.catalogue, name="open_data"),
    path("", include("entities.urls")),
    path("", include("consultations.urls")),
    path("conselhos/", include("councils.urls")),
    path("", include("entities.partnerships.urls")),
    path("", include("home.urls")),
    path("", include(wagtail_urls)),
]
