"""The workflow actions on an event, as staff see them: publish, reschedule,
cancel, conclude. Each has a page with its form (URL
`consultations_events:action`); the edit page offers those the workflow allows
now."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages

from civic.workflow import InvalidTransition, report_workflow_error

from ...forms.admin_events import CancelForm, ConcludeForm, PublishForm, RescheduleForm
from ...models import Event
from ...selectors.staff import event_counts
from ...services.event_workflow import notice_is_short, short_notice_message, workflow
from .base import EventFormPageMixin, unanswered_url


@dataclass(frozen=True)
class ActionPage:
    """What staff read about an action, and the form whose fields are the
    workflow's parameters."""

    help: str
    done: str
    form: type[forms.Form]


ACTIONS = {
    "publish": ActionPage(
        help=gettext_lazy(
            "O evento aparece no site e abre as inscrições; quem acompanha a área "
            "ou o bairro é avisado."
        ),
        done=gettext_lazy("Evento “%(title)s” publicado."),
        form=PublishForm,
    ),
    "reschedule": ActionPage(
        help=gettext_lazy(
            "Muda a data e avisa todas as pessoas inscritas, confirmadas e em "
            "espera. O motivo fica no histórico."
        ),
        done=gettext_lazy(
            "Evento “%(title)s” remarcado; as pessoas inscritas foram avisadas."
        ),
        form=RescheduleForm,
    ),
    "cancel": ActionPage(
        help=gettext_lazy(
            "O evento continua no site, marcado como cancelado e com o motivo; as "
            "pessoas inscritas são avisadas."
        ),
        done=gettext_lazy(
            "Evento “%(title)s” cancelado; as pessoas inscritas foram avisadas."
        ),
        form=CancelForm,
    ),
    "conclude": ActionPage(
        help=gettext_lazy(
            "Depois do evento: publica a ata, a gravação e as respostas às "
            "contribuições (todas precisam de resposta antes)."
        ),
        done=gettext_lazy("Ata de “%(title)s” publicada; o evento está concluído."),
        form=ConcludeForm,
    ),
}


def publish_form(event: Event, data=None) -> PublishForm:
    """The publish form; when the notice is short the justification is
    required and the reason why shows beside it."""
    needs_reason = notice_is_short(event.starts_at)
    form = PublishForm(data, needs_reason=needs_reason)
    if needs_reason:
        form.fields["short_notice_reason"].help_text = short_notice_message(
            event.starts_at
        )
    return form


def offered_actions(event: Event, user, url_name: str) -> list[dict]:
    """The actions the workflow allows this person now, for the edit page."""
    return [
        {
            "name": name,
            "label": workflow.label(name),
            "help": ACTIONS[name].help,
            "url": reverse(url_name, args=[event.pk, name]),
        }
        for name in workflow.available_actions(event, user)
    ]


class EventActionView(EventFormPageMixin, TemplateView):
    """One workflow action: its form (GET), and applying it (POST). Refusals
    go beside the fields with what was typed; an action the workflow does not
    allow now sends staff back to the event with the reason."""

    template_name = "consultations/admin/event_action.html"
    page_title = gettext_lazy("Ação sobre o evento")

    def dispatch(self, request, *args, **kwargs):
        if kwargs["action"] not in ACTIONS:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @property
    def action(self) -> str:
        return self.kwargs["action"]

    @property
    def crumb(self):
        return workflow.label(self.action)

    def refuse(self, error: Exception):
        report_workflow_error(self.request, error)
        return redirect(self.edit_url)

    def get(self, request, *args, **kwargs):
        refusal = workflow.refusal(self.event, self.action, request.user)
        if refusal is not None:
            return self.refuse(refusal)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        refusal = workflow.refusal(self.event, self.action, request.user)
        if refusal is not None:
            return self.refuse(refusal)
        return super().post(request, *args, **kwargs)

    def get_form(self, data=None, files=None):
        event = self.event
        if self.action == "publish":
            return publish_form(event, data)
        initial = {}
        if self.action == "reschedule":
            initial = {
                "starts_at": timezone.localtime(event.starts_at),
                "ends_at": timezone.localtime(event.ends_at),
            }
        elif self.action == "conclude":
            initial = {
                "minutes": event.minutes,
                "recording_url": event.recording_url or event.stream_url,
                "attendance_count": event.attendance_count
                or event_counts(event).present
                or None,
            }
        return ACTIONS[self.action].form(data, initial=initial)

    def form_valid(self, form):
        try:
            event = workflow.run(
                self.event.pk, self.action, actor=self.request.user, **form.cleaned_data
            )
        except (InvalidTransition, PermissionDenied) as error:
            # Someone else acted first: the form no longer applies.
            return self.refuse(error)
        messages.success(self.request, ACTIONS[self.action].done % {"title": event})
        return redirect(self.edit_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = event_counts(self.event)
        context.update(
            action=self.action,
            action_label=workflow.label(self.action),
            action_help=ACTIONS[self.action].help,
            registrations=counts.registered,
            unanswered=counts.unanswered,
            unanswered_url=unanswered_url(self.event),
        )
        return context
