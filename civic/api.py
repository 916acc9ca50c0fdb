"""The public, read-only open-data API, mounted at `/api/v1/`, and what every
app's router shares: pagination, the small nested schemas, absolute addresses
and local times.

Each app contributes a router (`entities/api.py`, `consultations/api/`),
mounted by the URLconf (`civic/urls.py`) rather than here, so an app's router
can import this module's shared pieces whichever module is imported first.
No authentication, no CORS headers needed (simple GETs), and every endpoint
returns public fields only. The OpenAPI schema is at `/api/v1/schema/` and a
browsable page at `/api/v1/docs/`, whose Swagger UI comes from django-ninja's
own static files (never a CDN).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, NinjaAPI, Schema
from ninja.openapi.docs import Swagger
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


class NamedOut(Schema):
    slug: str
    nome: str = Field(..., alias="name")


def absolute(path: str) -> str:
    """The address of a path on the public site."""
    return settings.SITE_URL + path


def absolute_url(name: str, **kwargs) -> str:
    """The public address of a URL name."""
    return absolute(reverse(name, kwargs=kwargs))


def local(value: dt.datetime | None) -> dt.datetime | None:
    """A moment in Betim's time, with its offset, like the CSV and JSON
    downloads."""
    return timezone.localtime(value) if value else None


def local_time(attribute: str):
    """A resolver of a moment in Betim's time: `resolve_inicio =
    local_time("starts_at")`."""
    return staticmethod(lambda obj: local(getattr(obj, attribute)))


def page_url(obj) -> str:
    """The public address of an object's page (a resolver: `resolve_url =
    staticmethod(page_url)`)."""
    return absolute(obj.get_absolute_url())


class SelfHostedSwagger(Swagger):
    """Swagger UI from static files, in a page with the site's language."""

    template = "open_data/api_docs.html"


api = NinjaAPI(
    title="Participa Betim — dados abertos",
    version="1",
    description=str(
        _(
            "API pública e somente leitura do Participa Betim, da Prefeitura de Betim "
            "(MG). Dados sob licença CC-BY 4.0. Listas paginadas com limit e offset."
        )
    ),
    urls_namespace="api-v1",
    openapi_url="/schema/",
    docs_url="/docs/",
    docs=SelfHostedSwagger(settings={"defaultModelsExpandDepth": 0}),
)
