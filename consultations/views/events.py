"""Public pages of hearings, forums and open meetings: the list, an event's
page, and the forms on it (register, cancel, ask to speak or withdraw, and
send a written contribution).

The list and the event page are the same for every anonymous visitor of a URL,
so the anonymous page cache stores them whole (CIVIC_PAGE_CACHE_URL_NAMES): for
anonymous visitors they show login links instead of forms, never use the CSRF
token and never show anything personal. What a signed-in person sees of their
own (their registration, check-in code, place on the waitlist) is rendered only
for them, and such responses are marked private. Every service that changes
what the pages show calls invalidate_public_pages() on commit.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from civic.cache import private
from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from ..forms.events import (
    EventContributionForm,
    EventFilterForm,
    RegistrationForm,
    SpeakForm,
)
from ..models import Event, Registration
from ..selectors.consultations import entities_to_act_for
from ..selectors.events import (
    event_contributions,
    event_for_page,
    events_public,
    places_left,
    speaker_list,
)
from ..selectors.registrations import viewer_registration, viewer_speaker_request
from ..services.contributions import ContributionClosed
from ..services.event_contributions import (
    event_contribution_send,
    online_contribution_error,
    online_contributions_until,
)
from ..services.registrations import (
    RegistrationClosed,
    closed_reason,
    registration_cancel,
    registration_create,
    speaker_request_create,
    speaker_request_withdraw,
)
from .common import (
    FilteredListView,
    contributions_page,
    login_url,
    safe_next,
    show_sent,
)

E = Event.Status
R = Registration.Status


class EventListView(FilteredListView):
    """`/audiencias/`: upcoming (and ongoing) events first, soonest first, then
    past ones, latest first; filtered by period, kind, area and bairro."""

    template_name = "consultations/event_list.html"
    filter_form_class = EventFilterForm
    page_size_setting = "EVENTS_PAGE_SIZE"
    object_list_name = "events"

    def objects(self, **filters):
        return events_public(**filters)

    def prepare(self, objects: list) -> None:
        for event in objects:
            event.places_left = places_left(event)


class EventMixin:
    """Loads the event in the URL; 404 for anyone who may not see it (drafts
    are shown only to the staff who run events, as a preview)."""

    @cached_property
    def event(self) -> Event:
        try:
            return event_for_page(slug=self.kwargs["slug"], user=self.request.user)
        except Event.DoesNotExist:
            raise Http404(_("Evento não encontrado.")) from None

    @property
    def is_preview(self) -> bool:
        return self.event.status == E.DRAFT

    def detail_url(self, anchor: str = "") -> str:
        url = self.event.get_absolute_url()
        return f"{url}#{anchor}" if anchor else url


class EventPageMixin(EventMixin):
    """Everything the event page shows; the POST views render the same page with
    their bound form when the input needs fixing."""

    template_name = "consultations/event_detail.html"

    @cached_property
    def entities(self) -> list:
        """Approved entities the viewer represents (one query, shared by the forms)."""
        return list(entities_to_act_for(self.request.user))

    @cached_property
    def registration(self) -> Registration | None:
        return viewer_registration(self.event, self.request.user)

    def page_context(
        self, *, register_form=None, speak_form=None, contribution_form=None
    ) -> dict:
        event = self.event
        user = self.request.user
        signed_in = user.is_authenticated
        registration = self.registration
        speaker_request = viewer_speaker_request(event, user)

        registration_open = event.accepts_registrations
        if signed_in and registration_open and registration is None:
            register_form = register_form or RegistrationForm()
        else:
            register_form = None

        speaking_open = registration_open and event.accepts_speakers
        if signed_in and speaking_open and registration and speaker_request is None:
            speak_form = speak_form or SpeakForm(entities=self.entities)
        else:
            speak_form = None

        contribution_error = online_contribution_error(event)
        if signed_in and contribution_error is None:
            contribution_form = contribution_form or EventContributionForm(
                entities=self.entities
            )
        else:
            contribution_form = None

        can_participate = signed_in and event.status == E.PUBLISHED
        now = timezone.now()
        return {
            "event": event,
            "venue": event.venue,
            "is_preview": self.is_preview,
            "is_past": event.ends_at < now,
            "is_happening": event.starts_at <= now <= event.ends_at,
            "places_left": places_left(event),
            "registration_open": registration_open,
            "registration_closed_reason": (
                "" if registration_open else closed_reason(event, now)
            ),
            "registration": registration,
            "can_cancel_registration": (
                registration is not None and event.starts_at > now
            ),
            "register_form": register_form,
            "speaking_open": speaking_open,
            "speakers": speaker_list(event),
            "speaker_request": speaker_request,
            "speak_form": speak_form,
            "contribution_form": contribution_form,
            "contribution_error": contribution_error,
            "contributions_until": online_contributions_until(event),
            **contributions_page(event_contributions(event), self.request),
            "can_participate": can_participate,
            "can_reply": can_participate,
            "show_answers": event.status == E.CONCLUDED,
            "login_url": login_url(self.request),
        }

    def render_page(self, **forms):
        context = self.get_context_data(**self.page_context(**forms))
        response = self.render_to_response(context)
        if self.is_preview or self.request.user.is_authenticated:
            private(response)
        return response


class EventDetailView(EventPageMixin, TemplateView):
    """`/audiencias/<slug>/`: the event, its registration and speaker list, and
    afterwards the ata, the recording and the contributions with their answers."""

    def get(self, request, *args, **kwargs):
        return self.render_page()


class EventActionView(LoginRequiredMixin, EventPageMixin, TemplateView):
    """A form posted from the event page. GET (after logging in from a link)
    goes back to the page."""

    http_method_names = ["get", "post"]
    anchor = ""

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.detail_url(self.anchor))

    def back(self, message: str = "", *, level=messages.error):
        if message:
            level(self.request, message)
        return HttpResponseRedirect(self.detail_url(self.anchor))

    def act(self, call, *, done: str, to: str = ""):
        """Run a service call that needs no form: a refusal is flashed and the
        page shown again; on success `done`, then `to` (else the page)."""
        try:
            call()
        except WORKFLOW_ERRORS as error:
            report_workflow_error(self.request, error)
            return self.back()
        messages.success(self.request, done)
        return HttpResponseRedirect(to or self.detail_url(self.anchor))


class RegisterView(EventActionView):
    """POST: register to attend; a confirmed place while there is one, else the
    waitlist."""

    anchor = "inscricao"

    def post(self, request, *args, **kwargs):
        event = self.event
        if not event.accepts_registrations:
            return self.back(closed_reason(event))
        if self.registration is not None:
            return self.back(
                _("Você já está inscrito neste evento."), level=messages.info
            )
        form = RegistrationForm(request.POST)
        if form.is_valid():
            try:
                registration = registration_create(
                    event_id=event.pk, user=request.user, **form.cleaned_data
                )
            except RegistrationClosed as error:
                return self.back(" ".join(error.messages))
            except WORKFLOW_ERRORS as error:
                if getattr(error, "code", None) == "duplicate":
                    return self.back(" ".join(error.messages), level=messages.info)
                report_workflow_error(request, error, form=form)
            else:
                return self.back(
                    self.success_message(registration), level=messages.success
                )
        return self.render_page(register_form=form)

    def success_message(self, registration: Registration) -> str:
        if registration.status == R.CONFIRMED:
            return _(
                "Inscrição confirmada. Seu código de presença é %(code)s: "
                "apresente-o na entrada. Enviamos também por e-mail."
            ) % {"code": registration.checkin_code}
        position = viewer_registration(self.event, self.request.user)
        return _(
            "As vagas estão esgotadas: você entrou na lista de espera, na posição "
            "%(position)s. Se alguém cancelar, sua inscrição é confirmada "
            "automaticamente e avisamos por e-mail."
        ) % {"position": getattr(position, "waitlist_position", "?")}


class CancelRegistrationView(EventActionView):
    """POST: cancel one's own registration; the first person waiting gets the place."""

    anchor = "inscricao"

    def post(self, request, *args, **kwargs):
        registration = self.registration
        if registration is None:
            return self.back(
                _("Você não tem inscrição ativa neste evento."), level=messages.info
            )
        return self.act(
            partial(
                registration_cancel, registration_id=registration.pk, by=request.user
            ),
            done=_(
                "Inscrição cancelada. Se mudar de ideia, inscreva-se de novo enquanto "
                "as inscrições estiverem abertas."
            ),
            # Back where the person cancelled from ("Minhas inscrições" or the event).
            to=safe_next(request, self.detail_url(self.anchor)),
        )


class SpeakView(EventActionView):
    """POST: ask to speak (the list is ordered by request time), or, with
    action=withdraw, leave the list."""

    anchor = "falas"

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "withdraw":
            return self.withdraw()
        event = self.event
        if not (event.accepts_registrations and event.accepts_speakers):
            if event.accepts_registrations:
                return self.back(
                    _("Este evento não está recebendo inscrições para falar.")
                )
            return self.back(closed_reason(event))
        if self.registration is None:
            return self.back(_("Inscreva-se no evento antes de pedir para falar."))
        form = SpeakForm(request.POST, entities=self.entities)
        if form.is_valid():
            try:
                speaker_request_create(
                    event_id=event.pk,
                    user=request.user,
                    topic=form.cleaned_data["topic"],
                    on_behalf_of=form.cleaned_data.get("on_behalf_of"),
                    show_name=form.cleaned_data["show_name"],
                )
            except WORKFLOW_ERRORS as error:
                if getattr(error, "code", None) == "duplicate":
                    return self.back(" ".join(error.messages), level=messages.info)
                if not hasattr(error, "error_dict"):
                    report_workflow_error(request, error)
                    return self.back()
                report_workflow_error(request, error, form=form)
            else:
                number = len(speaker_list(event))
                return self.back(
                    _(
                        "Pedido registrado: você é a pessoa nº %(number)s da lista de "
                        "falas, com %(minutes)s minutos."
                    )
                    % {"number": number, "minutes": event.speaker_minutes},
                    level=messages.success,
                )
        return self.render_page(speak_form=form)

    def withdraw(self):
        request = self.request
        speaker_request = viewer_speaker_request(self.event, request.user)
        if speaker_request is None:
            return self.back(
                _("Você não está na lista de falas deste evento."), level=messages.info
            )
        return self.act(
            partial(
                speaker_request_withdraw, request_id=speaker_request.pk, by=request.user
            ),
            done=_("Você saiu da lista de falas."),
        )


class EventContributeView(EventActionView):
    """POST: a written contribution, while the event takes them online."""

    anchor = "contribuir"

    def post(self, request, *args, **kwargs):
        event = self.event
        if message := online_contribution_error(event):
            return self.back(message)
        form = EventContributionForm(request.POST, entities=self.entities)
        if form.is_valid():
            data = form.cleaned_data
            try:
                contribution = event_contribution_send(
                    event_id=event.pk,
                    author=request.user,
                    text=data["text"],
                    show_name=data["show_name"],
                    on_behalf_of=data.get("on_behalf_of"),
                )
            except ContributionClosed as error:
                return self.back(" ".join(error.messages))
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form)
            else:
                return show_sent(
                    request,
                    contribution,
                    pending=_("Contribuição recebida. Obrigado!"),
                    published=_("Contribuição publicada. Obrigado!"),
                )
        return self.render_page(contribution_form=form)
