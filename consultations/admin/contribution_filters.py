"""Filters of the contributions list and of the moderation queue."""

from __future__ import annotations

import django_filters
from django.db.models import Exists
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet

from ..models import Consultation, Contribution, Device, Event
from ..selectors.staff import open_reports

C = Contribution


class ContributionFilterSet(WagtailFilterSet):
    """Device, moderation, answered or not, reported or not, top-level or reply."""

    consultation = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Consulta"),
        queryset=Consultation.objects.all(),
        empty_label=gettext_lazy("Todas"),
    )
    event = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Audiência ou fórum"),
        queryset=Event.objects.all(),
        empty_label=gettext_lazy("Todos"),
    )
    device = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Dispositivo"),
        queryset=Device.objects.none(),
        empty_label=gettext_lazy("Todos"),
    )
    moderation = django_filters.ChoiceFilter(
        label=gettext_lazy("Moderação"),
        choices=C.Moderation.choices,
        empty_label=gettext_lazy("Todas"),
    )
    answered = django_filters.ChoiceFilter(
        label=gettext_lazy("Devolutiva"),
        choices=[
            ("no", gettext_lazy("Sem resposta")),
            ("yes", gettext_lazy("Respondidas")),
        ],
        method="filter_answered",
        empty_label=gettext_lazy("Todas"),
    )
    reported = django_filters.ChoiceFilter(
        label=gettext_lazy("Denúncias"),
        choices=[
            ("open", gettext_lazy("Com denúncia a analisar")),
            ("any", gettext_lazy("Já denunciadas")),
        ],
        method="filter_reported",
        empty_label=gettext_lazy("Todas"),
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Tipo"),
        choices=[
            ("top", gettext_lazy("Contribuições")),
            ("reply", gettext_lazy("Respostas entre participantes")),
        ],
        method="filter_kind",
        empty_label=gettext_lazy("Todas"),
    )

    class Meta:
        model = Contribution
        fields = ["consultation", "event", "device", "moderation"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        consultation = (data or {}).get("consultation")
        if consultation and str(consultation).isdigit():
            devices = Device.objects.filter(consultation_id=consultation).order_by(
                "position"
            )
            self.filters["device"].queryset = devices
            self.form.fields["device"].queryset = devices

    def filter_answered(self, queryset, name, value):
        if value == "yes":
            return queryset.exclude(answer="")
        if value == "no":
            return queryset.filter(answer="")
        return queryset

    def filter_reported(self, queryset, name, value):
        if value == "open":
            return queryset.filter(Exists(open_reports()))
        if value == "any":
            return queryset.filter(report_count__gt=0)
        return queryset

    def filter_kind(self, queryset, name, value):
        if value in ("top", "reply"):
            return queryset.filter(parent__isnull=value == "top")
        return queryset


class QueueFilterSet(WagtailFilterSet):
    moderation = django_filters.ChoiceFilter(
        label=gettext_lazy("Moderação"),
        choices=[
            (C.Moderation.PENDING, gettext_lazy("Aguardando aprovação")),
            (C.Moderation.PUBLISHED, gettext_lazy("Publicadas e denunciadas")),
        ],
        empty_label=gettext_lazy("Todas"),
    )

    class Meta:
        model = Contribution
        fields = ["moderation"]
