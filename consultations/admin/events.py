"""Hearings, forums and open meetings in the Wagtail admin ("Participação" →
"Audiências e fóruns" and "Locais").

URL namespaces `consultations_events` (index, add, edit, delete, action,
attendance, attendance_print, attendance_csv, speakers, record_contribution)
and `consultations_venues` (index, add, edit). Everything needs
`consultations.manage_participation` (group "Equipe SRSC").
"""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from ..forms.events import EventAdminForm, VenueAdminForm
from ..models import Event, PolicyArea, Venue
from . import event_views as views
from .consultation_views import ParticipationPermissionPolicy

# Registered before any viewset asks, so Wagtail never builds a fallback policy.
register_permission_policy(Event, ParticipationPermissionPolicy(Event))
register_permission_policy(Venue, views.VenuePermissionPolicy(Venue))


class EventFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Situação"),
        choices=Event.Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Tipo"), choices=Event.Kind.choices, empty_label=_("Todos")
    )
    policy_area = django_filters.ModelChoiceFilter(
        label=_("Área"), queryset=PolicyArea.objects.all(), empty_label=_("Todas")
    )

    class Meta:
        model = Event
        fields = ["status", "kind", "policy_area"]


class EventViewSet(ModelViewSet):
    """Create and edit events; publish, reschedule, cancel, conclude; the
    attendance, the speaker list and contributions made at the event."""

    model = Event
    icon = "calendar"
    menu_label = _("Audiências e fóruns")
    url_prefix = "participacao/eventos"
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = views.EventIndexView
    add_view_class = views.EventCreateView
    edit_view_class = views.EventEditView
    delete_view_class = views.EventDeleteView
    filterset_class = EventFilterSet
    search_fields = ["title", "subject"]
    list_per_page = 50
    list_display = [
        "title",
        Column("get_kind_display", label=_("Tipo"), sort_key="kind"),
        StatusTagColumn(
            "get_status_display",
            label=_("Situação"),
            sort_key="status",
            primary=lambda e: e.status == Event.Status.PUBLISHED,
        ),
        Column(
            "starts_at",
            label=_("Início"),
            accessor=views.starts_at_display,
            sort_key="starts_at",
        ),
        Column("venue", label=_("Local")),
        Column(
            "registrations",
            label=_("Confirmadas/vagas"),
            accessor=views.registrations_summary,
            sort_key="confirmed_count",
        ),
    ]

    def get_form_class(self, for_update=False):
        return EventAdminForm

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            action_url_name=self.get_url_name("action"),
            attendance_url_name=self.get_url_name("attendance"),
            speakers_url_name=self.get_url_name("speakers"),
            record_url_name=self.get_url_name("record_contribution"),
            **kwargs,
        )

    @property
    def action_view(self):
        return self.construct_view(views.EventActionView)

    @property
    def attendance_view(self):
        return self.construct_view(
            views.EventAttendanceView,
            print_url_name=self.get_url_name("attendance_print"),
            csv_url_name=self.get_url_name("attendance_csv"),
        )

    @property
    def attendance_print_view(self):
        return self.construct_view(views.EventAttendancePrintView)

    @property
    def attendance_csv_view(self):
        return self.construct_view(views.EventAttendanceCsvView)

    @property
    def speakers_view(self):
        return self.construct_view(views.EventSpeakersView)

    @property
    def record_contribution_view(self):
        return self.construct_view(views.EventRecordContributionView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/acao/<str:action>/", self.action_view, name="action"),
            path("<int:pk>/presenca/", self.attendance_view, name="attendance"),
            path(
                "<int:pk>/presenca/imprimir/",
                self.attendance_print_view,
                name="attendance_print",
            ),
            path(
                "<int:pk>/presenca.csv",
                self.attendance_csv_view,
                name="attendance_csv",
            ),
            path("<int:pk>/falas/", self.speakers_view, name="speakers"),
            path(
                "<int:pk>/contribuicoes/registrar/",
                self.record_contribution_view,
                name="record_contribution",
            ),
        ]

    def get_permissions_to_register(self):
        # `manage_participation` is shown once, by the consultations viewset.
        return Permission.objects.none()


class VenueViewSet(ModelViewSet):
    """The places where events happen: address, bairro, capacity, accessibility."""

    model = Venue
    icon = "site"
    menu_label = _("Locais")
    url_prefix = "participacao/locais"
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = views.VenueIndexView
    add_view_class = views.VenueCreateView
    edit_view_class = views.VenueEditView
    search_fields = ["name", "address"]
    list_per_page = 50
    list_display = [
        "name",
        Column("address", label=_("Endereço")),
        Column("bairro", label=_("Bairro")),
        Column("capacity", label=_("Lotação"), sort_key="capacity"),
        BooleanColumn("step_free_access", label=_("Sem degraus")),
    ]

    def get_form_class(self, for_update=False):
        return VenueAdminForm

    def get_permissions_to_register(self):
        return Permission.objects.none()


VIEWSETS = [
    EventViewSet("consultations_events"),
    VenueViewSet("consultations_venues"),
]
