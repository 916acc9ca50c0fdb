"""The selection committee's pages (art. 27): each member declares whether
they are impeded, then scores each proposal per criterion. A member sees only
the calls they serve on; anyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from ..forms.calls import DeclarationForm, ScoreForm
from ..models import Score
from ..selectors import calls as selectors
from ..services import selection


@method_decorator(never_cache, name="dispatch")
class CommitteeMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.call = selectors.call_public(kwargs["slug"])
        if self.call is None:
            raise Http404
        self.member = selectors.committee_membership(self.call, request.user)
        if self.member is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def committee_url(self) -> str:
        return reverse("partnerships:committee", kwargs={"slug": self.call.slug})


class CommitteeView(CommitteeMixin, TemplateView):
    """`/chamamentos/<slug>/comissao/`: the declaration and the proposals."""

    template_name = "partnerships/calls/committee.html"

    def post(self, request, slug):
        form = self.declaration_form(request.POST)
        if form.is_valid():
            try:
                selection.committee_declare(
                    call=self.call,
                    by=request.user,
                    impeded_entity_ids=[int(v) for v in form.cleaned_data["impeded"]],
                )
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form)
            else:
                messages.success(request, _("Declaração registrada."))
                return redirect(self.committee_url())
        return self.render_to_response(self.get_context_data(form=form))

    def declaration_form(self, data=None):
        entities = [p.entity for p in selectors.committee_proposals(self.call)]
        return DeclarationForm(
            data,
            entities=entities,
            initial={
                "impeded": [str(e.pk) for e in self.member.impeded_entities.all()]
            },
        )

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        proposals = selectors.committee_proposals(self.call)
        impeded = {e.pk for e in self.member.impeded_entities.all()}
        scored = set(
            Score.objects.filter(member=self.member).values_list(
                "proposal_id", flat=True
            )
        )
        context.update(
            call=self.call,
            member=self.member,
            form=form or self.declaration_form(),
            rows=[
                {
                    "proposal": p,
                    "impeded": p.entity_id in impeded,
                    "scored": p.pk in scored,
                }
                for p in proposals
            ],
        )
        return context


class ScoreView(CommitteeMixin, TemplateView):
    """`/chamamentos/<slug>/comissao/<pk>/`: this member's scores for a proposal."""

    template_name = "partnerships/calls/score.html"

    def load(self, pk):
        proposals = {p.pk: p for p in selectors.committee_proposals(self.call)}
        if pk not in proposals:
            raise Http404
        self.proposal = proposals[pk]
        self.criteria = list(self.call.criteria.all())

    def score_form(self, data=None):
        given = {
            s.criterion_id: s
            for s in Score.objects.filter(member=self.member, proposal=self.proposal)
        }
        return ScoreForm(data, criteria=self.criteria, initial_scores=given)

    def get(self, request, slug, pk):
        self.load(pk)
        return self.render_to_response(self.get_context_data(form=self.score_form()))

    def post(self, request, slug, pk):
        self.load(pk)
        form = self.score_form(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    for criterion in self.criteria:
                        try:
                            selection.score_record(
                                proposal=self.proposal,
                                criterion=criterion,
                                by=request.user,
                                value=form.cleaned_data[f"value_{criterion.pk}"],
                                justification=form.cleaned_data[
                                    f"justification_{criterion.pk}"
                                ],
                            )
                        except ValidationError as error:
                            if hasattr(error, "error_dict"):
                                raise ValidationError(
                                    {f"value_{criterion.pk}": error.error_dict["value"]}
                                ) from None
                            raise
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form)
            else:
                messages.success(request, _("Notas registradas."))
                return redirect(self.committee_url())
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            call=self.call,
            proposal=self.proposal,
            impeded=any(
                e.pk == self.proposal.entity_id
                for e in self.member.impeded_entities.all()
            ),
        )
        return context
