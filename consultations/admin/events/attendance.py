"""The attendance of an event: who registered and who is present, check-in at
the door, and the list to print and sign or download as CSV."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages

from civic.downloads import csv_response

from ... import services
from ...forms.admin_events import CheckInForm
from ...models import Event
from ...selectors.staff import attendance_list
from .base import EventFormPageMixin, EventPageMixin

E = Event.Status
ATTENDANCE_CSV_HEADER = ["nome", "situacao", "presenca_registrada_em"]


class EventAttendanceView(EventFormPageMixin, TemplateView):
    """Who registered (confirmed, then waiting) and who is present; staff type
    each person's check-in code at the door."""

    template_name = "consultations/admin/event_attendance.html"
    page_title = gettext_lazy("Lista de presença")
    form_class = CheckInForm
    error_message = None
    error_field = "code"
    print_url_name = None
    csv_url_name = None

    def form_valid(self, form):
        registration = services.registration_check_in(
            event_id=self.event.pk, code=form.cleaned_data["code"], by=self.request.user
        )
        name = registration.user.display_name
        if registration.already_present:
            time = formats.date_format(
                timezone.localtime(registration.attended_at), "H:i"
            )
            raise ValidationError(
                _(
                    "Este código já foi usado: a presença de %(name)s foi "
                    "registrada às %(time)s."
                )
                % {"name": name, "time": time}
            )
        messages.success(
            self.request, _("Presença de %(name)s registrada.") % {"name": name}
        )
        return redirect(self.request.path + "#presenca")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        context.update(
            attendance=attendance_list(event),
            can_check_in=event.status in (E.PUBLISHED, E.CONCLUDED),
            print_url=reverse(self.print_url_name, args=[event.pk]),
            csv_url=reverse(self.csv_url_name, args=[event.pk]),
        )
        return context


class EventAttendancePrintView(EventPageMixin, TemplateView):
    """A page to print and sign at the door: names only (no CPF, phone or e-mail)."""

    template_name = "consultations/admin/event_attendance_print.html"
    page_title = gettext_lazy("Lista de presença para imprimir")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(attendance=attendance_list(self.event))
        return context


class EventAttendanceCsvView(EventPageMixin, View):
    """The attendance as CSV: name, status and check-in time (nothing else).
    Personal data: never cached, never sent on as a referrer."""

    def get(self, request, *args, **kwargs):
        rows = (
            [
                registration.user.display_name,
                registration.get_status_display(),
                timezone.localtime(registration.attended_at).strftime("%Y-%m-%d %H:%M")
                if registration.attended_at
                else "",
            ]
            for registration in attendance_list(self.event).registrations
        )
        return csv_response(
            ATTENDANCE_CSV_HEADER,
            rows,
            filename=f"presenca-{self.event.slug[:80]}",
            private=True,
        )
