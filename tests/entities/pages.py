"""Helpers of the tests of the representatives' pages."""

import io

from django.urls import reverse
from PIL import Image


def url(name, entity, **kwargs):
    """A page of the entity's dashboard."""
    return reverse(f"entities:{name}", kwargs={"pk": entity.pk, **kwargs})


def texts(response) -> list[str]:
    """The flash messages a rendered page carries."""
    return [str(m) for m in response.context["messages"]] if response.context else []


def followed_messages(client, response) -> str:
    """The flash messages shown on the page a redirect leads to."""
    assert response.status_code == 302, response.status_code
    return client.get(response["Location"]).content.decode()


def png_bytes(size=(4, 4)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()
