"""Staff views of hearings, forums and open meetings in the Wagtail admin:
create and edit (warning about schedule conflicts), the workflow actions
(publish, reschedule, cancel, conclude), the attendance list with check-in,
its printable and CSV versions, the speaker list, and recording a contribution
made at the event. Also the venues.

Every write goes through `consultations.services`; these views validate, call
the service and report the outcome in pt-BR beside the fields.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .. import services
from ..forms.consultations import bind_service_errors
from ..forms.events import (
    CancelForm,
    CheckInForm,
    ConcludeForm,
    PublishForm,
    RecordContributionForm,
    RescheduleForm,
)
from ..models import Contribution, Event, Registration, SpeakerRequest
from ..selectors.events import (
    attendance_list,
    speaker_list,
    speaker_requests_for_staff,
    with_registration_counts,
)
from ..services.event_workflow import (
    EVENT_TRANSITIONS,
    can_act,
    notice_is_short,
    schedule_conflicts,
    unanswered_contributions,
)
from ..views.open_data import CSV_TYPE, csv_lines
from .consultation_views import (
    DraftDeleteView,
    ParticipationPermissionPolicy,
    contributions_list_url,
)

E = Event.Status
R = Registration.Status
C = Contribution
# Registrations of people who came (a cancelled one does not count).
PRESENT = Q(attended_at__isnull=False) & ~Q(status=R.CANCELLED)


class VenuePermissionPolicy(ParticipationPermissionPolicy):
    """Venues: staff list, add and change them. None is deleted here: past
    events keep pointing at their venue."""

    actions = frozenset({"add", "change", "view"})


# SHARED
# ------------------------------------------------------------------------------


class ServiceSaveMixin:
    """Create and edit views whose save goes through a service: its
    ValidationError goes beside the fields it names and the form is shown again
    with what was typed."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            bind_service_errors(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


def _when(value) -> str:
    return formats.date_format(timezone.localtime(value), "d/m/Y H:i")


def conflicts_message(conflicts: list[Event]) -> str:
    """A warning listing events at overlapping times in the same venue or by
    the same body."""
    items = "; ".join(
        _("“%(title)s” (%(start)s–%(end)s, %(where)s)")
        % {
            "title": other.title,
            "start": _when(other.starts_at),
            "end": formats.date_format(timezone.localtime(other.ends_at), "H:i"),
            "where": other.venue.name if other.venue_id else _("on-line"),
        }
        for other in conflicts
    )
    return _(
        "Atenção: no mesmo horário há outro evento no mesmo local ou do mesmo "
        "órgão organizador: %(events)s. Confira se é isso mesmo."
    ) % {"events": items}


def unanswered_url(event: Event) -> str:
    """The contributions of the event still waiting for their devolutiva."""
    return contributions_list_url(event=event.pk, answered="no", kind="top")


# EVENTS
# ------------------------------------------------------------------------------


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


def starts_at_display(event: Event) -> str:
    """The start in Betim's time (a future date reads badly as "x ago")."""
    return _when(event.starts_at)


def registrations_summary(event: Event) -> str:
    """`12/50`, and `(+3 em espera)` when people wait (needs the index counts)."""
    text = f"{event.confirmed_count}/{event.capacity}"
    if event.waitlisted_count:
        text += " " + _("(+%(n)s em espera)") % {"n": event.waitlisted_count}
    return text


class EventFormMixin(ServiceSaveMixin):
    """Save through `event_save`; warn (never block) about schedule conflicts."""

    def save_instance(self):
        return services.event_save(event=self.form.instance, actor=self.request.user)

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


class WorkflowAction(NamedTuple):
    """A workflow action as staff see it, its form and the service it calls
    (the form's fields are the service's keyword arguments)."""

    label: str
    help: str
    done: str
    form: type[forms.Form]
    service: Callable[..., Event]


ACTIONS = {
    "publish": WorkflowAction(
        label=gettext_lazy("Publicar"),
        help=gettext_lazy(
            "O evento aparece no site e abre as inscrições; quem acompanha a área "
            "ou o bairro é avisado."
        ),
        done=gettext_lazy("Evento “%(title)s” publicado."),
        form=PublishForm,
        service=services.event_publish,
    ),
    "reschedule": WorkflowAction(
        label=gettext_lazy("Remarcar"),
        help=gettext_lazy(
            "Muda a data e avisa todas as pessoas inscritas, confirmadas e em "
            "espera. O motivo fica no histórico."
        ),
        done=gettext_lazy(
            "Evento “%(title)s” remarcado; as pessoas inscritas foram avisadas."
        ),
        form=RescheduleForm,
        service=services.event_reschedule,
    ),
    "cancel": WorkflowAction(
        label=gettext_lazy("Cancelar o evento"),
        help=gettext_lazy(
            "O evento continua no site, marcado como cancelado e com o motivo; as "
            "pessoas inscritas são avisadas."
        ),
        done=gettext_lazy(
            "Evento “%(title)s” cancelado; as pessoas inscritas foram avisadas."
        ),
        form=CancelForm,
        service=services.event_cancel,
    ),
    "conclude": WorkflowAction(
        label=gettext_lazy("Concluir e publicar a ata"),
        help=gettext_lazy(
            "Depois do evento: publica a ata, a gravação e as respostas às "
            "contribuições (todas precisam de resposta antes)."
        ),
        done=gettext_lazy("Ata de “%(title)s” publicada; o evento está concluído."),
        form=ConcludeForm,
        service=services.event_conclude,
    ),
}
LOG_LABELS = {
    "create": gettext_lazy("Criação"),
    "edit": gettext_lazy("Edição dos dados"),
    "publish": gettext_lazy("Publicação"),
    "reschedule": gettext_lazy("Remarcação"),
    "cancel": gettext_lazy("Cancelamento"),
    "conclude": gettext_lazy("Conclusão, com ata"),
}


def publish_form(event: Event, data=None) -> PublishForm:
    """The publish form; when the notice is short the justification is
    required and the ShortNotice message shows beside it."""
    needs_reason = notice_is_short(event.starts_at)
    form = PublishForm(data, needs_reason=needs_reason)
    if needs_reason:
        days = (event.starts_at - timezone.now()).total_seconds() / 86400
        notice = services.ShortNotice(days, settings.HEARINGS_MIN_NOTICE_DAYS)
        form.fields["short_notice_reason"].help_text = notice.message
    return form


class EventEditView(EventFormMixin, EditView):
    """The form, and above it the status, the workflow actions, the links to
    the attendance, speakers and contributions, and the log."""

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
        event = Event.objects.select_related("venue").get(pk=self.object.pk)
        user = self.request.user
        actions = [
            {
                "name": name,
                "label": action.label,
                "help": action.help,
                "url": reverse(self.action_url_name, args=[event.pk, name]),
            }
            for name, action in ACTIONS.items()
            if can_act(event, name, user)
        ]
        registrations = Registration.objects.filter(event=event).aggregate(
            confirmed=Count("pk", filter=Q(status=R.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(status=R.WAITLISTED)),
            present=Count("pk", filter=PRESENT),
        )
        contributions = Contribution.objects.filter(
            event=event, parent__isnull=True
        ).aggregate(
            total=Count("pk"),
            pending=Count("pk", filter=Q(moderation=C.Moderation.PENDING)),
        )
        contributions["unanswered"] = unanswered_contributions(event).count()
        conflicts = []
        if event.status in (E.DRAFT, E.PUBLISHED):
            conflicts = schedule_conflicts(
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                venue_id=event.venue_id,
                organizing_body_id=event.organizing_body_id,
                exclude_pk=event.pk,
            )
        log = list(event.log.select_related("actor")[:30])
        for entry in log:
            entry.label = LOG_LABELS.get(entry.action, entry.action)
        context.update(
            event=event,
            workflow_actions=actions,
            publish_form=publish_form(event)
            if any(action["name"] == "publish" for action in actions)
            else None,
            registrations=registrations,
            contributions=contributions,
            contributions_url=contributions_list_url(event=event.pk),
            unanswered_url=unanswered_url(event),
            attendance_url=reverse(self.attendance_url_name, args=[event.pk]),
            speakers_url=reverse(self.speakers_url_name, args=[event.pk]),
            record_url=reverse(self.record_url_name, args=[event.pk])
            if event.status == E.PUBLISHED
            else "",
            public_url=event.get_absolute_url(),
            conflicts_message=conflicts_message(conflicts) if conflicts else "",
            log=log,
        )
        return context


class EventDeleteView(DraftDeleteView):
    """Only drafts go (`event_delete`): a published event is a public record
    and is cancelled instead."""

    def delete_action(self):
        services.event_delete(event_id=self.object.pk, actor=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(reverse(self.edit_url_name, args=[self.object.pk]))


class EventPageMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """A staff page about one event, below it in the breadcrumbs."""

    model = Event
    permission_required = "change"
    index_url_name = None
    edit_url_name = None
    crumb = ""

    @cached_property
    def event(self) -> Event:
        return get_object_or_404(
            Event.objects.select_related("venue", "organizing_body"),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def edit_url(self) -> str:
        return reverse(self.edit_url_name, args=[self.event.pk])

    def get_page_subtitle(self):
        return str(self.event)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Audiências e fóruns")},
            {"url": self.edit_url, "label": str(self.event)},
            {"url": "", "label": str(self.crumb or self.page_title)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(event=self.event, edit_url=self.edit_url)
        return context


class EventFormPageMixin(EventPageMixin):
    """A page about one event with one form that posts back to it and calls a
    service in `form_valid`. A ValidationError it raises goes beside the fields
    it names (`bind_errors`) and the form is shown again with what was typed."""

    form_class = None
    error_message = gettext_lazy("Corrija os campos indicados.")

    def get_form(self, data=None):
        return self.form_class(data)

    def form_valid(self, form):
        raise NotImplementedError

    def bind_errors(self, form, error: ValidationError) -> None:
        bind_service_errors(form, error)

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                return self.form_valid(form)
            except ValidationError as error:
                self.bind_errors(form, error)
        if self.error_message:
            messages.error(request, self.error_message)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.get_form() if form is None else form,
            action_url=self.request.path,
        )
        return context


class EventActionView(EventFormPageMixin, TemplateView):
    """One workflow action: its form (GET), and applying it (POST). Errors go
    beside the fields with what was typed; only actions `can_act` allows."""

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
        return ACTIONS[self.action].label

    def refuse(self):
        if (self.event.status, self.action) not in EVENT_TRANSITIONS:
            message = _(
                "Não é possível “%(action)s” um evento na situação “%(status)s”."
            ) % {
                "action": ACTIONS[self.action].label,
                "status": self.event.get_status_display(),
            }
        elif self.action == "conclude":
            message = _("O evento ainda não terminou: a ata é publicada depois dele.")
        else:
            message = _("O evento já aconteceu: em vez de cancelar, publique a ata.")
        messages.error(self.request, message)
        return redirect(self.edit_url)

    def get(self, request, *args, **kwargs):
        if not can_act(self.event, self.action, request.user):
            return self.refuse()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not can_act(self.event, self.action, request.user):
            return self.refuse()
        return super().post(request, *args, **kwargs)

    def get_form(self, data=None):
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
                or Registration.objects.filter(PRESENT, event=event).count()
                or None,
            }
        return ACTIONS[self.action].form(data, initial=initial)

    def form_valid(self, form):
        action = ACTIONS[self.action]
        try:
            event = action.service(
                event_id=self.event.pk, actor=self.request.user, **form.cleaned_data
            )
        except services.ShortNotice as notice:
            raise ValidationError({"short_notice_reason": notice.message}) from None
        except services.InvalidTransition:
            self.event.refresh_from_db()
            return self.refuse()
        messages.success(self.request, action.done % {"title": event})
        return redirect(self.edit_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        action = ACTIONS[self.action]
        context.update(
            action=self.action,
            action_label=action.label,
            action_help=action.help,
            registrations=Registration.objects.filter(event=event)
            .exclude(status=R.CANCELLED)
            .count()
            if self.action in ("reschedule", "cancel")
            else None,
        )
        if self.action == "conclude":
            context.update(
                unanswered=unanswered_contributions(event).count(),
                unanswered_url=unanswered_url(event),
            )
        return context


# ATTENDANCE
# ------------------------------------------------------------------------------


class EventAttendanceView(EventFormPageMixin, TemplateView):
    """Who registered (confirmed, then waiting) and who is present; staff type
    each person's check-in code at the door."""

    template_name = "consultations/admin/event_attendance.html"
    page_title = gettext_lazy("Lista de presença")
    form_class = CheckInForm
    error_message = None
    print_url_name = None
    csv_url_name = None

    def bind_errors(self, form, error):
        form.add_error("code", error)

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


ATTENDANCE_CSV_HEADER = ["nome", "situacao", "presenca_registrada_em"]


class EventAttendanceCsvView(EventPageMixin, View):
    """The attendance as CSV: name, status and check-in time (nothing else)."""

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
        response = StreamingHttpResponse(
            csv_lines(ATTENDANCE_CSV_HEADER, rows), content_type=CSV_TYPE
        )
        name = slugify(self.event.slug)[:80] or "evento"
        response["Content-Disposition"] = f'attachment; filename="presenca-{name}.csv"'
        response["Cache-Control"] = "private, no-store"
        return response


# SPEAKERS
# ------------------------------------------------------------------------------


class EventSpeakersView(EventPageMixin, TemplateView):
    """The speaker list in request order, each with the expected time of their
    turn; staff mark who spoke."""

    template_name = "consultations/admin/event_speakers.html"
    page_title = gettext_lazy("Lista de falas")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Numbers and times from the public list, so "Participante N" matches it.
        speakers = []
        for line in speaker_list(self.event):
            line.request.number, line.request.slot = line.number, line.slot
            speakers.append(line.request)
        context.update(
            speakers=speakers,
            withdrawn=list(
                speaker_requests_for_staff(self.event).filter(
                    withdrawn_at__isnull=False
                )
            ),
            action_url=self.request.path,
        )
        return context

    def post(self, request, pk):
        url = request.path
        speaker_pk = request.POST.get("request", "")
        speaker = None
        if speaker_pk.isdigit():
            speaker = (
                SpeakerRequest.objects.select_related("user")
                .filter(event_id=pk, pk=speaker_pk)
                .first()
            )
        if speaker is None:
            messages.error(request, _("Inscrição para falar não encontrada."))
            return redirect(url)
        spoke = request.POST.get("spoke") == "1"
        try:
            services.speaker_mark_spoke(
                request_id=speaker.pk, by=request.user, spoke=spoke
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            done = (
                _("Fala de %(name)s marcada como feita.")
                if spoke
                else _("Fala de %(name)s marcada como não feita.")
            )
            messages.success(request, done % {"name": speaker.user.display_name})
        return redirect(f"{url}#fala-{speaker.pk}")


# CONTRIBUTIONS MADE AT THE EVENT
# ------------------------------------------------------------------------------


class EventRecordContributionView(EventFormPageMixin, TemplateView):
    """Record what someone said at the event, or handed in on paper; it is then
    answered in "Contribuições e devolutivas" like any other."""

    template_name = "consultations/admin/event_contribution_record.html"
    page_title = gettext_lazy("Registrar contribuição")

    def get_form(self, data=None):
        return RecordContributionForm(data, initial={"channel": C.Channel.ORAL})

    def form_valid(self, form):
        contribution = services.event_contribution_record(
            event_id=self.event.pk, recorded_by=self.request.user, **form.cleaned_data
        )
        inspect_url = reverse(
            "consultations_contributions:inspect", args=[contribution.pk]
        )
        messages.success(
            self.request,
            _("Contribuição registrada. Registre a próxima, se houver."),
            buttons=[messages.button(inspect_url, _("Ver a contribuição"))],
        )
        return redirect(self.request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(contributions_url=contributions_list_url(event=self.event.pk))
        return context


# VENUES
# ------------------------------------------------------------------------------


class VenueIndexView(IndexView):
    page_title = gettext_lazy("Locais")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("bairro")


class VenueFormMixin(ServiceSaveMixin):
    def save_instance(self):
        return services.venue_save(venue=self.form.instance, actor=self.request.user)


class VenueCreateView(VenueFormMixin, CreateView):
    page_title = gettext_lazy("Novo local")
    success_message = gettext_lazy("Local “%(object)s” cadastrado.")
    error_message = gettext_lazy("O local não foi salvo: corrija os campos indicados.")


class VenueEditView(VenueFormMixin, EditView):
    success_message = gettext_lazy("Local “%(object)s” salvo.")
    error_message = gettext_lazy("O local não foi salvo: corrija os campos indicados.")
