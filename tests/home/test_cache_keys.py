"""The page cache keys only on the query parameters a view reads, in a fixed
order, keeps free-text searches out, and lives in its own cache alias
(civic/cache.py, CIVIC_PAGE_CACHE_QUERY_PARAMS)."""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from civic import cache as page_cache
from consultations.forms.agenda import AgendaFilterForm
from consultations.forms.consultations import ConsultationFilterForm
from consultations.forms.events import EventFilterForm
from councils.forms.resolutions import ResolutionFilterForm
from entities.public_filters import DirectoryFilterForm

pytestmark = pytest.mark.django_db

# Each cached list and the form it binds to request.GET (plus what it reads
# itself): the declared parameters must cover them, or `?area=2` would be
# answered with the unfiltered copy.
READS = {
    "entities:directory": (DirectoryFilterForm, {"page"}),
    "consultations:list": (ConsultationFilterForm, {"page"}),
    "consultations:event_list": (EventFilterForm, {"page"}),
    "consultations:agenda": (AgendaFilterForm, {"mes", "visao"}),
    "consultations:agenda_ics": (AgendaFilterForm, set()),
    "councils:resolution_list": (ResolutionFilterForm, {"page"}),
    "councils:resolution_search": (ResolutionFilterForm, {"page"}),
}


@pytest.mark.parametrize("view_name", sorted(READS))
def test_declared_parameters_cover_what_the_view_reads(view_name):
    form, extra = READS[view_name]
    assert set(form.base_fields) | extra <= page_cache.query_params(view_name)


def test_every_declared_view_is_cached():
    declared = set(django_settings.CIVIC_PAGE_CACHE_QUERY_PARAMS)
    assert declared - {"wagtail_serve"} <= set(
        django_settings.CIVIC_PAGE_CACHE_URL_NAMES
    )


def _stored_keys(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response["X-Cache"]


def test_unread_parameters_do_not_make_new_entries(client):
    url = reverse("consultations:list")
    assert _stored_keys(client, url) == "MISS"
    for junk in ("?x=1", "?utm_source=radio&x=2", "?fbclid=abc"):
        assert _stored_keys(client, url + junk) == "HIT", junk


def test_parameter_order_does_not_matter(client):
    url = reverse("consultations:event_list")
    assert _stored_keys(client, url + "?tipo=forum&quando=proximos") == "MISS"
    assert _stored_keys(client, url + "?quando=proximos&tipo=forum") == "HIT"
    assert _stored_keys(client, url + "?quando=proximos&x=1&tipo=forum") == "HIT"
    assert _stored_keys(client, url + "?tipo=audiencia") == "MISS"


def test_free_text_searches_are_never_stored(client):
    url = reverse("entities:directory")
    for _ in range(2):
        response = client.get(url, {"q": "associação"})
        assert response.status_code == 200
        assert "X-Cache" not in response
    assert _stored_keys(client, url) == "MISS"
    assert _stored_keys(client, url + "?q=") == "MISS"  # empty: the same as a list
    assert _stored_keys(client, url + "?q=") == "HIT"


def test_the_page_cache_has_its_own_alias():
    assert page_cache.PAGE_CACHE_ALIAS in django_settings.CACHES
    assert page_cache.cache._backend() is not None
    pages = django_settings.CACHES["pages"]
    default = django_settings.CACHES["default"]
    if "redis" in pages["BACKEND"].lower():
        assert pages["LOCATION"] != default["LOCATION"]
        assert pages["LOCATION"] != django_settings.CELERY_BROKER_URL
    else:
        assert pages["KEY_PREFIX"] != default.get("KEY_PREFIX")


def test_page_cache_url_defaults_to_database_2_of_redis():
    from civic.settings.services import redis_database

    assert redis_database("redis://h:6379/0", 2) == "redis://h:6379/2"
    assert redis_database("redis://:pw@h:6379", 2) == "redis://:pw@h:6379/2"
    assert redis_database("unix:///run/redis.sock", 2) == "unix:///run/redis.sock?db=2"
