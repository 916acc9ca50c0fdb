"""Hearings, forums and open meetings in the Wagtail admin ("Participação" →
"Audiências e fóruns"): the list, create and edit (warning about schedule
conflicts), delete drafts, and the viewset that wires the event's other pages.

URL namespace `consultations_events` (index, add, edit, delete, history,
usage, action, attendance, attendance_print, attendance_csv, speakers,
record_contribution) is linked from other pages; keep it stable.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView

from ... import services
from ...forms.admin_events import EventAdminForm
from ...models import Event, PolicyArea
from ...selectors.events import with_registration_counts
from ...selectors.staff import event_conflicts, event_counts, event_for_staff, history
from ..common import (
    DraftDeleteView,
    ServiceSaveMixin,
    StaffModelViewSet,
    contributions_list_url,
    history_lines,
)
from .actions import EventActionView, offered_actions, publish_form
from .attendance import (
    EventAttendanceCsvView,
    EventAttendancePrintView,
    EventAttendanceView,
)
from .base import conflicts_message, unanswered_url, when
from .speakers import EventRecordContributionView, EventSpeakersView

E = Event.Status
LOG_LABELS = {
    "create": gettext_lazy("Criação"),
    "edit": gettext_lazy("Edição dos dados"),
    "publish": gettext_lazy("Publicação"),
    "reschedule": gettext_lazy("Remarcação"),
    "cancel": gettext_lazy("Cancelamento"),
    "conclude": gettext_lazy("Conclusão, com ata"),
    "moderate_speaker": gettext_lazy("Moderação de um tema da lista de falas"),
    "withdraw_speaker": gettext_lazy("Retirada de uma pessoa da lista de falas"),
}


def registrations_summary(event: Event) -> str:
    """`12/50`, and `(+3 em espera)` when people wait (needs the index counts)."""
    text = f"{event.confirmed_count}/{event.capacity}"
    if event.waitlisted_count:
        text += " " + _("(+%(n)s em espera)") % {"n": event.waitlisted_count}
    return text


class EventIndexView(IndexView):
    """Every event, the latest first, with confirmed places and the waitlist
    counted in the same query."""

    page_title = gettext_lazy("Audiências e fóruns")
    default_ordering = "-starts_at"

    def get_base_queryset(self):
        return with_registration_counts(
            super().get_base_queryset().select_related("venue")
        )

    def get_delete_url(self, instance):
        # Only drafts offer "Excluir" in the list.
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)
        return None


class EventFormMixin(ServiceSaveMixin):
    """Save through `event_save`; warn (never block) about schedule conflicts."""

    def save_instance(self):
        return services.event_save(
            event=self.form.instance,
            actor=self.request.user,
            fields=self.form._meta.fields,
        )

    def save_action(self):
        response = super().save_action()
        if self.form.conflicts:
            messages.warning(self.request, conflicts_message(self.form.conflicts))
        return response

    def get_success_url(self):
        return reverse(self.edit_url_name, args=[self.object.pk])


class EventCreateView(EventFormMixin, CreateView):
    page_title = gettext_lazy("Nova audiência ou fórum")
    success_message = gettext_lazy(
        "Evento “%(object)s” criado como rascunho. Publique-o quando estiver pronto."
    )
    error_message = gettext_lazy(
        "O evento não foi criado: corrija os campos indicados."
    )


class EventEditView(EventFormMixin, EditView):
    """The form, and above it the status, the workflow actions, the links to
    the attendance, speakers and contributions, and the history."""

    template_name = "consultations/admin/event_edit.html"
    success_message = gettext_lazy("Evento “%(object)s” salvo.")
    error_message = gettext_lazy("O evento não foi salvo: corrija os campos indicados.")
    action_url_name = None
    attendance_url_name = None
    speakers_url_name = None
    record_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The saved event: after an invalid POST `self.object` holds what was typed.
        event = event_for_staff(self.object.pk)
        actions = offered_actions(event, self.request.user, self.action_url_name)
        conflicts = event_conflicts(event)
        context.update(
            event=event,
            workflow_actions=actions,
            publish_form=publish_form(event)
            if any(action["name"] == "publish" for action in actions)
            else None,
            counts=event_counts(event),
            contributions_url=contributions_list_url(event=event.pk),
            unanswered_url=unanswered_url(event),
            attendance_url=reverse(self.attendance_url_name, args=[event.pk]),
            speakers_url=reverse(self.speakers_url_name, args=[event.pk]),
            record_url=reverse(self.record_url_name, args=[event.pk])
            if event.status == E.PUBLISHED
            else "",
            public_url=event.get_absolute_url(),
            conflicts_message=conflicts_message(conflicts) if conflicts else "",
            history=history_lines(history(event), LOG_LABELS),
        )
        return context


class EventDeleteView(DraftDeleteView):
    """Only drafts go (`event_delete`): a published event is a public record
    and is cancelled instead."""

    def delete_action(self):
        services.event_delete(event_id=self.object.pk, actor=self.request.user)


class EventFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Situação"),
        choices=Event.Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Tipo"),
        choices=Event.Kind.choices,
        empty_label=gettext_lazy("Todos"),
    )
    policy_area = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Área"),
        queryset=PolicyArea.objects.all(),
        empty_label=gettext_lazy("Todas"),
    )

    class Meta:
        model = Event
        fields = ["status", "kind", "policy_area"]


class EventViewSet(StaffModelViewSet):
    """Create and edit events; publish, reschedule, cancel, conclude; the
    attendance, the speaker list and contributions made at the event."""

    model = Event
    icon = "calendar"
    menu_label = gettext_lazy("Audiências e fóruns")
    url_prefix = "participacao/eventos"
    form_class = EventAdminForm
    index_view_class = EventIndexView
    add_view_class = EventCreateView
    edit_view_class = EventEditView
    delete_view_class = EventDeleteView
    filterset_class = EventFilterSet
    search_fields = ["title", "subject"]
    list_display = [
        "title",
        Column("get_kind_display", label=gettext_lazy("Tipo"), sort_key="kind"),
        StatusTagColumn(
            "get_status_display",
            label=gettext_lazy("Situação"),
            sort_key="status",
            primary=lambda e: e.status == Event.Status.PUBLISHED,
        ),
        Column(
            "starts_at",
            label=gettext_lazy("Início"),
            # In Betim's time (a future date reads badly as "x ago").
            accessor=lambda event: when(event.starts_at),
            sort_key="starts_at",
        ),
        Column("venue", label=gettext_lazy("Local")),
        Column(
            "registrations",
            label=gettext_lazy("Confirmadas/vagas"),
            accessor=registrations_summary,
            sort_key="confirmed_count",
        ),
    ]

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            action_url_name=self.get_url_name("action"),
            attendance_url_name=self.get_url_name("attendance"),
            speakers_url_name=self.get_url_name("speakers"),
            record_url_name=self.get_url_name("record_contribution"),
            **kwargs,
        )

    def get_urlpatterns(self):
        attendance = self.construct_view(
            EventAttendanceView,
            print_url_name=self.get_url_name("attendance_print"),
            csv_url_name=self.get_url_name("attendance_csv"),
        )
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/acao/<str:action>/",
                self.construct_view(EventActionView),
                name="action",
            ),
            path("<int:pk>/presenca/", attendance, name="attendance"),
            path(
                "<int:pk>/presenca/imprimir/",
                self.construct_view(EventAttendancePrintView),
                name="attendance_print",
            ),
            path(
                "<int:pk>/presenca.csv",
                self.construct_view(EventAttendanceCsvView),
                name="attendance_csv",
            ),
            path(
                "<int:pk>/falas/",
                self.construct_view(EventSpeakersView),
                name="speakers",
            ),
            path(
                "<int:pk>/contribuicoes/registrar/",
                self.construct_view(EventRecordContributionView),
                name="record_contribution",
            ),
        ]
