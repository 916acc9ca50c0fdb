"""Filters and search of the staff review queue and the claims list in the
Wagtail admin.

(The public directory's filters are in `entities/public_filters.py`.)
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import BooleanRadioSelect

from civic.territory.models import Bairro, Regional

from .models import Area, Claim, Entity
from .validators import normalize_cnpj

# The statuses that wait for a reviewer: the queue proper.
AWAITING_REVIEW = (Entity.Status.SUBMITTED, Entity.Status.RESUBMITTED)


def radio_filter(label, choices, empty_label) -> django_filters.ChoiceFilter:
    """One of a few values, as radio buttons with an "all" choice."""
    return django_filters.ChoiceFilter(
        label=label,
        choices=choices.choices,
        widget=forms.RadioSelect,
        empty_label=empty_label,
    )


def queue_search(query: str, text: Q, *, cnpj_field: str) -> Q:
    """A search of an admin queue: the given text condition, or a CNPJ typed in
    part, masked or not."""
    cnpj = normalize_cnpj(query)
    if len(cnpj) >= 3 and cnpj.isalnum():
        return text | Q(**{f"{cnpj_field}__contains": cnpj})
    return text


class BairroChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.regional.name})"


class BairroFilter(django_filters.ModelChoiceFilter):
    field_class = BairroChoiceField


class EntityReviewFilterSet(WagtailFilterSet):
    """Status, place, area, regularity, kind and origin of a registration."""

    status = django_filters.MultipleChoiceFilter(
        label=_("Situação do cadastro"),
        choices=Entity.Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Área de atuação"),
        queryset=Area.objects.all(),
        field_name="areas",
        empty_label=_("Todas"),
    )
    regional = django_filters.ModelChoiceFilter(
        label=_("Regional"),
        queryset=Regional.objects.all(),
        method="filter_regional",
        empty_label=_("Todas"),
    )
    bairro = BairroFilter(
        label=_("Bairro"),
        queryset=Bairro.objects.select_related("regional").order_by("name"),
        field_name="bairros",
        empty_label=_("Todos"),
    )
    regularity = radio_filter(_("Regularidade"), Entity.Regularity, _("Todas"))
    kind = radio_filter(_("Tipo"), Entity.Kind, _("Todos"))
    source = radio_filter(_("Origem"), Entity.Source, _("Todas"))
    renewal_pending = django_filters.BooleanFilter(
        label=_("Renovação pendente"),
        method="filter_renewal_pending",
        widget=BooleanRadioSelect,
    )

    class Meta:
        model = Entity
        fields = []

    def filter_regional(self, queryset, name, value):
        """Entities that cover the regional, directly or through one of its bairros."""
        if not value:
            return queryset
        matching = Entity.objects.filter(
            Q(regionais=value) | Q(bairros__regional=value)
        ).values("pk")
        return queryset.filter(pk__in=matching)

    def filter_renewal_pending(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Q(
            status=Entity.Status.APPROVED, renewal_due_on__lt=timezone.localdate()
        )
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class ClaimReviewFilterSet(WagtailFilterSet):
    """Claims by status and proof kind."""

    status = radio_filter(_("Situação"), Claim.Status, _("Todas"))
    proof_kind = radio_filter(_("Comprovante"), Claim.ProofKind, _("Todos"))

    class Meta:
        model = Claim
        fields = []
