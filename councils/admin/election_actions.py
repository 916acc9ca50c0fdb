"""The admin pages that act on an election: a phase (with the term for the
nomination, a note for the cancellation), a decision on a candidacy or on its
appeal, and a ballot cast at the assembly. Each asks the workflow or the
service, which asks the rules; refusals go beside the fields."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from civic.workflow import WORKFLOW_ERRORS, InvalidTransition, report_workflow_error

from ..forms.elections import AssemblyBallotForm, NominateForm, NoteForm
from ..models import Ballot, Candidacy, Election
from ..rules import councils_run_by
from ..services.ballots import cast_ballot
from ..services.candidacies import candidacy_workflow
from ..services.elections import MAX_PK, workflow

DECISIONS = ("habilitate", "refuse", "accept_appeal", "reject_appeal")


class ElectionPage(WagtailAdminTemplateMixin, TemplateView):
    """A page about one election of a council the person runs (404 otherwise)."""

    template_name = "councils/admin/elections/form_page.html"
    header_icon = "group"
    _show_breadcrumbs = False

    @cached_property
    def election(self) -> Election:
        pk = self.kwargs["pk"]
        election = (
            Election.objects.filter(
                pk=pk if pk <= MAX_PK else 0,
                council__in=councils_run_by(self.request.user),
            )
            .select_related("council")
            .first()
        )
        if election is None:
            raise Http404
        return election

    @property
    def edit_url(self) -> str:
        return reverse("councils_elections:edit", args=[self.election.pk])

    def get_page_subtitle(self):
        return str(self.election)

    def refused(self, error):
        report_workflow_error(self.request, error)
        return redirect(self.edit_url)

    def get_form(self, data=None):
        return NoteForm(data)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            election=self.election,
            form=form or self.get_form(),
            edit_url=self.edit_url,
            submit_label=self.page_title,
            help=getattr(self, "help", ""),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                return self.form_valid(form)
            except WORKFLOW_ERRORS as error:
                if not isinstance(error, ValidationError):
                    # Someone acted first, or the permission went: start over.
                    return self.refused(error)
                report_workflow_error(request, error, form=form, field="note")
        messages.error(request, _("Corrija os campos indicados."))
        return self.render_to_response(self.get_context_data(form=form))


class ElectionActionView(ElectionPage):
    """One phase of the election (the table's `action`)."""

    def dispatch(self, request, *args, **kwargs):
        if kwargs["action"] not in {action for _state, action in workflow.transitions}:
            raise Http404
        self.election  # noqa: B018 (404 before the refusal)
        refusal = workflow.refusal(self.election, kwargs["action"], request.user)
        if refusal is not None:
            return self.refused(refusal)
        return super().dispatch(request, *args, **kwargs)

    @property
    def page_title(self):
        return workflow.label(self.kwargs["action"])

    def get_form(self, data=None):
        if self.kwargs["action"] == "nominate":
            return NominateForm(data, election=self.election)
        return NoteForm(data)

    def form_valid(self, form):
        workflow.run(
            self.election.pk,
            self.kwargs["action"],
            actor=self.request.user,
            **form.cleaned_data,
        )
        messages.success(
            self.request,
            _("“%(action)s”: feito.") % {"action": self.page_title},
        )
        return redirect(self.edit_url)


class CandidacyDecisionView(ElectionPage):
    """Habilitate or refuse a candidacy, or decide its appeal (with a note)."""

    def dispatch(self, request, *args, **kwargs):
        if kwargs["action"] not in DECISIONS:
            raise Http404
        action, candidacy = kwargs["action"], self.candidacy
        if not request.user.has_perm(f"councils.{action}_candidacy", candidacy):
            raise PermissionDenied
        if not candidacy_workflow.can(candidacy, action, request.user):
            return self.refused(
                InvalidTransition(
                    candidacy.status,
                    action,
                    status_label=candidacy.get_status_display(),
                    action_label=candidacy_workflow.label(action),
                )
            )
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def candidacy(self) -> Candidacy:
        candidacy = (
            self.election.candidacies.filter(pk=min(self.kwargs["candidacy"], MAX_PK))
            .select_related("entity", "election")
            .first()
        )
        if candidacy is None:
            raise Http404
        return candidacy

    @property
    def page_title(self):
        return candidacy_workflow.label(self.kwargs["action"])

    def get_page_subtitle(self):
        return self.candidacy.entity.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(candidacy=self.candidacy)
        return context

    def form_valid(self, form):
        candidacy_workflow.run(
            self.candidacy.pk,
            self.kwargs["action"],
            actor=self.request.user,
            note=form.cleaned_data["note"],
        )
        messages.success(
            self.request,
            _("Candidatura de %(entity)s: %(action)s.")
            % {"entity": self.candidacy.entity.name, "action": self.page_title},
        )
        return redirect(self.edit_url)


class BallotView(ElectionPage):
    """A ballot cast at the assembly: staff type the voter and the choice."""

    page_title = gettext_lazy("Registrar voto da assembleia")
    help = gettext_lazy(
        "O voto é secreto: fica registrado que a entidade votou no segmento; "
        "a escolha só soma um voto à candidatura."
    )

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("councils.record_ballot_election", self.election):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        return AssemblyBallotForm(data, election=self.election)

    def form_valid(self, form):
        data = form.cleaned_data
        cast_ballot(
            self.election,
            data["segment"],
            data["voter"],
            data["candidacy"],
            self.request.user,
            channel=Ballot.Channel.ASSEMBLY,
        )
        messages.success(
            self.request,
            _("Voto de %(entity)s registrado.") % {"entity": data["voter"].name},
        )
        return redirect(self.request.path)
