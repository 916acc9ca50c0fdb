"""What the consultation and event endpoints share: pagination, the small
nested schemas, and absolute addresses and local times."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
MAX_LIMIT = 100


class ListPagination(LimitOffsetPagination):
    """`limit` (1-100, default 20) and `offset`; the answer carries `count`."""

    class Input(Schema):
        limit: int = Field(
            20, ge=1, le=MAX_LIMIT, description="Itens por página (até 100)."
        )
        offset: int = Field(0, ge=0, le=10_000_000, description="Quantos itens pular.")

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


def absolute(path: str) -> str:
    """The address of a path on the public site."""
    return settings.SITE_URL + path


def absolute_url(name: str, **kwargs) -> str:
    """The public address of a URL name."""
    return absolute(reverse(name, kwargs=kwargs))


def local(value: dt.datetime | None) -> dt.datetime | None:
    """A moment in Betim's time, with its offset."""
    return timezone.localtime(value) if value else None


def local_time(attribute: str):
    """A resolver of a moment in Betim's time: `resolve_inicio =
    local_time("starts_at")`."""
    return staticmethod(lambda obj: local(getattr(obj, attribute)))


class NamedOut(Schema):
    slug: str
    nome: str = Field(..., alias="name")


class BodyOut(Schema):
    nome: str = Field(..., alias="name")
    sigla: str = Field(..., alias="acronym")


def page_url(obj) -> str:
    """The public address of a consultation's or an event's page (a resolver:
    `resolve_url = staticmethod(page_url)`)."""
    return absolute(obj.get_absolute_url())
