import pytest
from django.test import Client

from home.models import HomePage
from home.setup import ensure_site_content


@pytest.fixture
def site_content(db):
    """The home page, institutional pages and settings, as `setup_site` makes them."""
    ensure_site_content()
    return HomePage.objects.get()


@pytest.fixture
def home_page(site_content):
    return site_content


@pytest.fixture
def anon_client():
    """A client that, like a first-time visitor, sends no cookies."""
    return Client()
