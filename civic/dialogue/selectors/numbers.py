"""The public figures of the channel: counts only, never contents.

They are computed once per generation and kept in the cache; a new demand, an
answer, a closing or a reopening starts a new generation (on commit), and the
cache entry also expires after DIALOGUE_NUMBERS_CACHE_SECONDS.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext as _

from ..models import Demand

GENERATION_KEY = "dialogue:numbers:generation"


@dataclass
class Figures:
    """What `/fale-conosco/numeros/` shows for one year."""

    year: int
    total: int = 0
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    by_area: list[tuple[str, int]] = field(default_factory=list)
    by_regional: list[tuple[str, int]] = field(default_factory=list)
    answered: int = 0
    answered_in_time: int = 0
    open: int = 0

    @property
    def in_time_percent(self) -> int | None:
        if not self.answered:
            return None
        return round(100 * self.answered_in_time / self.answered)


def numbers_changed() -> None:
    """Start a new generation of the figures once the current transaction commits."""
    transaction.on_commit(
        lambda: cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    )


def figures_for(year: int) -> Figures:
    """The year's figures, from the cache when they are current."""
    generation = cache.get(GENERATION_KEY) or "0"
    key = f"dialogue:numbers:{year}:{translation.get_language()}:{generation}"
    figures = cache.get(key)
    if figures is None:
        figures = compute_figures(year)
        cache.set(key, figures, timeout=settings.DIALOGUE_NUMBERS_CACHE_SECONDS)
    return figures


def _grouped(queryset, field_name: str, none_label: str) -> list[tuple[str, int]]:
    rows = (
        queryset.values(field_name)
        .annotate(n=Count("pk"))
        .order_by("-n", field_name)
        .values_list(field_name, "n")
    )
    return [(name or none_label, n) for name, n in rows]


def compute_figures(year: int) -> Figures:
    """Counts by kind, area and regional, and the share answered on time."""
    demands = Demand.objects.filter(created_at__year=year)
    totals = demands.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=Q(answered_in_time__isnull=False)),
        in_time=Count("pk", filter=Q(answered_in_time=True)),
        open=Count("pk", filter=Q(status__in=Demand.ACTIVE_STATUSES)),
    )
    kinds = dict(Demand.Kind.choices)
    by_kind = [
        (str(kinds.get(kind, kind)), n)
        for kind, n in demands.values("kind")
        .annotate(n=Count("pk"))
        .order_by("-n", "kind")
        .values_list("kind", "n")
    ]
    return Figures(
        year=year,
        total=totals["total"],
        by_kind=by_kind,
        by_area=_grouped(demands, "area__name", _("Sem área informada")),
        by_regional=_grouped(
            demands, "bairro__regional__name", _("Sem bairro informado")
        ),
        answered=totals["answered"],
        answered_in_time=totals["in_time"],
        open=totals["open"],
    )
