"""The public page of an election, and the representatives' pages: the
candidacy form, the ballot (one form per segment) and the appeal. Drafts are
404 to everyone but who runs the council; the representatives' pages are for
people who represent an entity (403 for others). Every refusal of a service
goes beside its field, with what was typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from ..forms.elections import (
    AppealForm,
    CandidacyForm,
    VoteForm,
    represented_entities,
)
from ..models import Ballot, Candidacy, Election
from ..selectors.elections import election_page
from ..services.ballots import cast_ballot, voting_refusal
from ..services.candidacies import (
    appeal_candidacy,
    candidacy_window_refusal,
    candidacy_workflow,
    submit_candidacy,
)
from ..services.elections import MAX_PK, REGULAR


class ElectionMixin:
    """The election of the URL, 404 unless the person may see it."""

    @cached_property
    def election(self) -> Election:
        pk = self.kwargs["pk"]
        if pk > MAX_PK:
            raise Http404
        election = (
            Election.objects.select_related("council", "term")
            .filter(council__slug=self.kwargs["slug"], pk=pk)
            .first()
        )
        if election is None or not self.request.user.has_perm(
            "councils.see_election", election
        ):
            raise Http404
        return election

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(election=self.election, council=self.election.council)
        return context


class ElectionDetailView(ElectionMixin, TemplateView):
    """The edital, periods and vacancies; the habilitation list once
    published; the result once counted; the nomination act."""

    template_name = "councils/elections/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(election_page(self.election, self.request.user))
        return context


class RepresentativeMixin(LoginRequiredMixin, ElectionMixin):
    """A page for people who represent an entity of the registry."""

    @cached_property
    def entities(self):
        return represented_entities(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.election  # noqa: B018 (404 before 403)
        if not self.entities.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def done(self, message: str):
        messages.success(self.request, message)
        return redirect(self.election.get_absolute_url())


class CandidacyView(RepresentativeMixin, TemplateView):
    """Inscribe one of the person's entities, within the window."""

    template_name = "councils/elections/candidacy.html"
    extra_context = {"page_label": gettext_lazy("Inscrição")}

    def get_form(self, data=None):
        return CandidacyForm(data, user=self.request.user, election=self.election)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=form or self.get_form(),
            closed=candidacy_window_refusal(self.election, timezone.now()),
            mine=Candidacy.objects.filter(
                election=self.election, entity__in=self.entities
            ).select_related("entity"),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                submit_candidacy(
                    self.election,
                    data["entity"],
                    data["segment"],
                    data["nominee"],
                    data["alternate_nominee"],
                    request.user,
                )
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form, field="entity")
            else:
                return self.done(
                    _("Candidatura de %(entity)s inscrita.")
                    % {"entity": data["entity"].name}
                )
        return self.render_to_response(self.get_context_data(form=form))


class WithdrawView(RepresentativeMixin, TemplateView):
    """The entity gives up its candidacy (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        candidacy = Candidacy.objects.filter(
            election=self.election,
            entity__in=self.entities,
            pk=_int(request.POST.get("candidacy")),
        ).first()
        if candidacy is None:
            raise Http404
        try:
            candidacy_workflow.run(candidacy.pk, "withdraw", actor=request.user)
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error)
            return redirect(self.election.get_absolute_url())
        return self.done(_("Desistência registrada."))


class VoteView(RepresentativeMixin, TemplateView):
    """One form per segment with habilitated candidacies; a segment where all
    the person's entities voted says so."""

    template_name = "councils/elections/vote.html"
    extra_context = {"page_label": gettext_lazy("Votação")}

    @cached_property
    def voters(self):
        from entities.models import Entity

        return self.entities.filter(
            status=Entity.Status.APPROVED, regularity__in=REGULAR
        )

    def segment_form(self, vacancy, data=None):
        voted = Ballot.objects.filter(
            election=self.election, segment=vacancy.segment
        ).values("voter_id")
        candidacies = (
            self.election.candidacies.filter(
                segment=vacancy.segment, status=Candidacy.Status.HABILITATED
            )
            .select_related("entity")
            .order_by("entity__name")
        )
        form = VoteForm(
            data,
            prefix=vacancy.segment,
            voters=self.voters.exclude(pk__in=voted),
            candidacies=candidacies,
        )
        form.vacancy = vacancy
        form.has_voted = not form.fields["voter"].queryset.exists()
        form.has_candidacies = candidacies.exists()
        return form

    def get_context_data(self, bound=None, **kwargs):
        context = super().get_context_data(**kwargs)
        forms = [
            bound if bound and bound.vacancy.segment == vacancy.segment else None
            for vacancy in self.election.vacancies.all()
        ]
        forms = [
            form or self.segment_form(vacancy)
            for form, vacancy in zip(forms, self.election.vacancies.all(), strict=True)
        ]
        context.update(
            forms=forms,
            closed=voting_refusal(self.election, timezone.now()),
            no_voter=not self.voters.exists(),
        )
        return context

    def post(self, request, *args, **kwargs):
        vacancy = self.election.vacancies.filter(
            segment=request.POST.get("segment", "")[:16]
        ).first()
        if vacancy is None:
            messages.error(request, _("Escolha o segmento do seu voto."))
            return redirect(request.path)
        form = self.segment_form(vacancy, request.POST)
        if form.is_valid():
            try:
                cast_ballot(
                    self.election,
                    vacancy.segment,
                    form.cleaned_data["voter"],
                    form.cleaned_data["candidacy"],
                    request.user,
                )
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form, field="candidacy")
            else:
                messages.success(
                    request,
                    _("Voto registrado no segmento %(segment)s.")
                    % {"segment": vacancy.get_segment_display()},
                )
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(bound=form))


class AppealView(RepresentativeMixin, TemplateView):
    """Appeal against a not-habilitated candidacy, within the window."""

    template_name = "councils/elections/appeal.html"
    extra_context = {"page_label": gettext_lazy("Recurso")}

    def candidacies(self):
        return (
            Candidacy.objects.filter(election=self.election, entity__in=self.entities)
            .filter(status=Candidacy.Status.NOT_HABILITATED)
            .select_related("entity")
        )

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        election, now = self.election, timezone.now()
        is_open = (
            election.status == Election.Status.HABILITATION
            and election.appeal_ends_at is not None
            and now <= election.appeal_ends_at
        )
        context.update(
            form=form or AppealForm(candidacies=self.candidacies()),
            is_open=is_open,
            appealed=Candidacy.objects.filter(
                election=election, entity__in=self.entities
            )
            .exclude(appeal_text="")
            .select_related("entity"),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = AppealForm(request.POST, candidacies=self.candidacies())
        if form.is_valid():
            try:
                appeal_candidacy(
                    form.cleaned_data["candidacy"],
                    form.cleaned_data["text"],
                    request.user,
                )
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form, field="text")
            else:
                return self.done(_("Recurso enviado. A decisão será publicada aqui."))
        return self.render_to_response(self.get_context_data(form=form))


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_PK else None
