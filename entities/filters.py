"""Filters of the staff review queue and the claims list in the Wagtail admin.

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

# The statuses that wait for a reviewer: the queue proper.
AWAITING_REVIEW = (Entity.Status.SUBMITTED, Entity.Status.RESUBMITTED)


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
    regularity = django_filters.ChoiceFilter(
        label=_("Regularidade"),
        choices=Entity.Regularity.choices,
        widget=forms.RadioSelect,
        empty_label=_("Todas"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Tipo"),
        choices=Entity.Kind.choices,
        widget=forms.RadioSelect,
        empty_label=_("Todos"),
    )
    source = django_filters.ChoiceFilter(
        label=_("Origem"),
        choices=Entity.Source.choices,
        widget=forms.RadioSelect,
        empty_label=_("Todas"),
    )
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

    status = django_filters.ChoiceFilter(
        label=_("Situação"),
        choices=Claim.Status.choices,
        widget=forms.RadioSelect,
        empty_label=_("Todas"),
    )
    proof_kind = django_filters.ChoiceFilter(
        label=_("Comprovante"),
        choices=Claim.ProofKind.choices,
        widget=forms.RadioSelect,
        empty_label=_("Todos"),
    )

    class Meta:
        model = Claim
        fields = []
