"""The open-data catalogue (`/dados-abertos/`): a small registry of datasets.

Each app describes what it publishes in its own `open_data.py` module, which
this registry imports on first use (like `wagtail_hooks.py`):

    from civic.open_data import Dataset, Field, Resource, register

    register(Dataset(
        slug="entidades",
        title=_("Entidades da sociedade civil"),
        description=_("..."),
        resources=[Resource("CSV", "entities:csv"), Resource("JSON", "entities:json")],
        fields=[Field("cnpj", _("CNPJ com máscara"))],
    ))

Later modules (consultations, hearings, councils) add theirs the same way.
The page lists the datasets, their formats and a data dictionary, and points
to the API documentation.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import autodiscover_modules

_lock = threading.Lock()
_registry: dict[str, Dataset] = {}
_discovered = False


@dataclass(frozen=True)
class Resource:
    """One way to get a dataset: a download or an API endpoint."""

    format: str  # "CSV", "JSON", "API"
    url_name: str
    description: str = ""
    media_type: str = ""

    @property
    def url(self) -> str:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return ""


@dataclass(frozen=True)
class Field:
    """One column of a dataset, for the data dictionary."""

    name: str
    description: str


@dataclass(frozen=True)
class Dataset:
    """A published dataset, as the catalogue page and its metadata show it."""

    slug: str
    title: str
    description: str
    resources: Sequence[Resource]
    fields: Sequence[Field] = field(default_factory=tuple)
    notes: str = ""
    license: str = "CC-BY 4.0"
    update_frequency: str = ""
    order: int = 100


def register(dataset: Dataset) -> Dataset:
    """Add (or replace, on a module reload) a dataset in the catalogue."""
    _registry[dataset.slug] = dataset
    return dataset


def datasets() -> list[Dataset]:
    """Every registered dataset, after importing each app's `open_data` module."""
    global _discovered
    if not _discovered:
        with _lock:
            if not _discovered:
                autodiscover_modules("open_data")
                _discovered = True
    return sorted(_registry.values(), key=lambda d: (d.order, str(d.title)))


def catalogue(request):
    """`/dados-abertos/`: what the platform publishes and how to get it."""
    return render(
        request,
        "open_data/catalogue.html",
        {
            "datasets": datasets(),
            "api_docs_url": _reverse_or_blank("api-v1:openapi-view"),
            "api_schema_url": _reverse_or_blank("api-v1:openapi-json"),
        },
    )


def _reverse_or_blank(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""
