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

A dataset's columns are `Column`s (one list, so the CSV, the JSON and the data
dictionary agree), and its downloads are `DatasetDownload` views, which stream
through `civic.downloads` (formula guard, dated filename, nosniff).
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.views import View

from civic.downloads import CHUNK_SIZE, csv_response, dated_filename, json_response

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


# DOWNLOADS
# ------------------------------------------------------------------------------

# How a list (bairros, áreas) is written in one CSV cell; JSON keeps an array.
LIST_SEPARATOR = " | "


@dataclass(frozen=True)
class Column:
    """One column of a dataset: its name in the files, its description in the
    data dictionary, and how to read it from a row (`value(obj, *extra)`)."""

    name: str
    description: Any
    value: Callable[..., Any]
    many: bool = False  # a list: joined with " | " in the CSV, an array in JSON


def iso(value) -> str:
    """A date, or a moment in Betim's time, as ISO 8601; "" when absent."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return value.isoformat() if value else ""


def csv_cell(column, obj, *extra) -> Any:
    """The column's value for a CSV cell (lists joined)."""
    value = column.value(obj, *extra)
    return LIST_SEPARATOR.join(value) if column.many else value


def json_value(column, obj, *extra) -> Any:
    """The column's value for JSON (lists stay arrays)."""
    value = column.value(obj, *extra)
    return list(value) if column.many else value


class DatasetDownload(View):
    """A dataset as a streamed CSV or JSON file, `<stem>-<local date>.<ext>`.

    Subclasses give `stem`, `columns` and `objects()`; `value_args()` returns
    what every value function gets after the row (a lookup table read once).
    Rows are read `chunk_size` at a time, so memory stays flat.
    """

    stem = ""
    columns: Sequence = ()
    extension = "csv"
    chunk_size = CHUNK_SIZE

    def objects(self) -> QuerySet:
        """The rows of the dataset, already filtered and ordered."""
        raise NotImplementedError

    def value_args(self) -> tuple:
        """Extra arguments of every column's value function."""
        return ()

    def get(self, request, *args, **kwargs):
        return self.download(self.objects())

    def download(self, queryset: QuerySet):
        """The file for these rows."""
        rows: Iterable = queryset.iterator(chunk_size=self.chunk_size)
        extra = self.value_args()
        filename = dated_filename(self.stem, self.extension)
        if self.extension == "json":
            return json_response(
                (
                    {c.name: json_value(c, obj, *extra) for c in self.columns}
                    for obj in rows
                ),
                filename=filename,
            )
        return csv_response(
            [c.name for c in self.columns],
            ([csv_cell(c, obj, *extra) for c in self.columns] for obj in rows),
            filename=filename,
        )
