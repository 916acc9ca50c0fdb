"""Drive a gov.br login through the Django test client and the local provider."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import requests
from django.urls import reverse


def start_login(client, **data) -> str:
    """POST the "Entrar com gov.br" button; return the provider's authorize URL."""
    response = client.post(reverse("govbr_login"), {"process": "login", **data})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def at_provider(authorize_url: str) -> str:
    """The person's browser at gov.br: returns where gov.br sends it back."""
    answer = requests.get(authorize_url, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def back_to_site(client, callback_url: str):
    """The browser follows gov.br's redirect back to the site."""
    parts = urlsplit(callback_url)
    return client.get(f"{parts.path}?{parts.query}")


def govbr_login(client, **data):
    """The whole round trip; returns the site's answer to the callback."""
    return back_to_site(client, at_provider(start_login(client, **data)))


def query_of(url: str) -> dict:
    return {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()}
