"""The meetings viewset ("Conselhos" → "Reuniões"): the list, create and
edit of the meetings of the councils the person runs, and the pages of each
meeting (pauta, convene, reschedule, cancel, hold, attendance, votes, ata),
plus the absences of a council and the annual calendar.

URL namespace `councils_meetings`."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from ...history import labelled, meeting_log_label
from ...models import Council, Meeting, MeetingLog
from ...rules import councils_run_by
from ...services.meetings import workflow
from ...services.minutes import minutes_workflow
from .absences import AbsencesView
from .actions import AgendaView, CancelView, ConveneView, HoldView, RescheduleView
from .base import ScopedObjectMixin, meetings_run_by
from .calendar import CalendarView
from .documents import DocumentsView
from .forms import MeetingForm
from .minutes import MinutesView
from .records import AttendanceView, VotesView

S = Meeting.Status
ACTION_URLS = {
    "convene": "convene",
    "cancel": "cancel",
    "hold": "hold",
}


def when(value) -> str:
    return formats.date_format(timezone.localtime(value), "d/m/Y H:i")


class MeetingIndexView(IndexView):
    page_title = gettext_lazy("Reuniões dos conselhos")
    default_ordering = "-starts_at"

    def get_base_queryset(self):
        return meetings_run_by(self.request.user)


class MeetingCreateView(CreateView):
    page_title = gettext_lazy("Nova reunião")
    success_message = gettext_lazy(
        "Reunião “%(object)s” criada. Monte a pauta e convoque quando for a hora."
    )

    def get_success_url(self):
        return reverse("councils_meetings:agenda", args=[self.object.pk])

    def save_instance(self):
        instance = super().save_instance()
        workflow.record(instance, action="create", actor=self.request.user)
        return instance


class MeetingEditView(ScopedObjectMixin, EditView):
    template_name = "councils/admin/meetings/edit.html"
    success_message = gettext_lazy("Reunião “%(object)s” salva.")

    def save_instance(self):
        instance = super().save_instance()
        workflow.record(instance, action="edit", actor=self.request.user)
        return instance

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = meetings_run_by(self.request.user).get(pk=self.object.pk)
        user = self.request.user
        links = [
            ("agenda", gettext_lazy("Pauta")),
            ("documents", gettext_lazy("Documentos")),
        ]
        for action in workflow.available_actions(meeting, user):
            links.append((ACTION_URLS[action], workflow.label(action)))
        if meeting.status == S.CONVENED and user.has_perm(
            "councils.reschedule_meeting", meeting
        ):
            links.append(("reschedule", gettext_lazy("Remarcar")))
        if meeting.status in (S.CONVENED, S.HELD):
            links.append(("attendance", gettext_lazy("Lista de presença e quórum")))
            links.append(("votes", gettext_lazy("Votações")))
        if meeting.status == S.HELD:
            links.append(("minutes", gettext_lazy("Ata")))
        context.update(
            meeting=meeting,
            meeting_links=[
                {
                    "url": reverse(f"councils_meetings:{name}", args=[meeting.pk]),
                    "label": label,
                    "name": name,
                }
                for name, label in links
            ],
            absences_url=reverse(
                "councils_meetings:absences", args=[meeting.council_id]
            ),
            history=labelled(
                MeetingLog.objects.filter(meeting=meeting).select_related("actor")[:30],
                meeting_log_label,
            ),
            when=when(meeting.starts_at),
            minutes_label=minutes_workflow._status_label(meeting),
        )
        return context


class MeetingDeleteView(ScopedObjectMixin, DeleteView):
    """Only a planned meeting goes: a convened one is a public record and is
    cancelled instead."""

    def get_object(self, *args, **kwargs):
        meeting = super().get_object(*args, **kwargs)
        if meeting.status != S.PLANNED:
            raise PermissionDenied
        return meeting


class MeetingHistoryView(ScopedObjectMixin, HistoryView):
    pass


class MeetingUsageView(ScopedObjectMixin, UsageView):
    pass


def _councils_of_request(request):
    return councils_run_by(request.user) if request else Council.objects.none()


class MeetingFilterSet(WagtailFilterSet):
    council = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Conselho"),
        queryset=_councils_of_request,
        empty_label=gettext_lazy("Todos"),
    )
    status = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Situação"),
        choices=S.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Tipo"),
        choices=Meeting.Kind.choices,
        empty_label=gettext_lazy("Todos"),
    )

    class Meta:
        model = Meeting
        fields = ["council", "status", "kind"]


class MeetingViewSet(ModelViewSet):
    model = Meeting
    icon = "calendar"
    menu_label = gettext_lazy("Reuniões")
    url_prefix = "conselhos/reunioes"
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    form_class = MeetingForm
    index_view_class = MeetingIndexView
    add_view_class = MeetingCreateView
    edit_view_class = MeetingEditView
    delete_view_class = MeetingDeleteView
    history_view_class = MeetingHistoryView
    usage_view_class = MeetingUsageView
    filterset_class = MeetingFilterSet
    search_fields = ["title", "reason"]
    list_display = [
        "__str__",
        Column(
            "council",
            label=gettext_lazy("Conselho"),
            accessor=lambda m: m.council.acronym,
        ),
        StatusTagColumn(
            "get_status_display",
            label=gettext_lazy("Situação"),
            sort_key="status",
            primary=lambda m: m.status == S.CONVENED,
        ),
        Column(
            "starts_at",
            label=gettext_lazy("Início"),
            accessor=lambda m: when(m.starts_at),
            sort_key="starts_at",
        ),
        Column(
            "minutes_status",
            label=gettext_lazy("Ata"),
            accessor="get_minutes_status_display",
        ),
    ]

    def get_form_class(self, for_update=False):
        return self.form_class

    def get_permissions_to_register(self):
        from django.contrib.auth.models import Permission

        return Permission.objects.none()

    def get_urlpatterns(self):
        meeting_pages = {
            "agenda": AgendaView,
            "documents": DocumentsView,
            "convene": ConveneView,
            "reschedule": RescheduleView,
            "cancel": CancelView,
            "hold": HoldView,
            "attendance": AttendanceView,
            "votes": VotesView,
            "minutes": MinutesView,
        }
        return [
            *super().get_urlpatterns(),
            *(
                path(f"<int:pk>/{name}/", self.construct_view(view), name=name)
                for name, view in meeting_pages.items()
            ),
            path(
                "faltas/<int:council>/",
                self.construct_view(AbsencesView),
                name="absences",
            ),
            path("calendario/", self.construct_view(CalendarView), name="calendar"),
        ]


__all__ = ["MeetingViewSet", "councils_run_by"]
