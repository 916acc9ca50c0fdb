"""The public pages of the chamamentos: `/chamamentos/` and one call's page
with its edital (art. 24 §1), documents, result, appeals, homologation and
habilitação. Drafts do not exist for the public (404)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from civic.downloads import stored_file_response
from civic.pagination import paginate

from ..forms.calls import CallFilterForm
from ..models import CallDocument, Proposal
from ..rules import represented_entities
from ..selectors import calls as selectors
from ..services.appeals import appeal_window_open
from ..services.calls import HOMOLOGATION_NOTICE
from ..services.proposals import proposals_open

P = Proposal.Status


class CallListView(TemplateView):
    """`/chamamentos/`: every published call, filtered by status, instrument,
    area and year."""

    template_name = "partnerships/calls/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CallFilterForm(self.request.GET or None)
        calls = selectors.calls_public(**form.selector_kwargs())
        context.update(
            form=form,
            **paginate(calls, settings.PARTNERSHIPS_PAGE_SIZE, self.request),
        )
        return context


class CallDetailView(TemplateView):
    """`/chamamentos/<slug>/`: the edital and everything decided on it."""

    template_name = "partnerships/calls/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        call = selectors.call_public(kwargs["slug"])
        if call is None:
            raise Http404
        user = self.request.user
        result = selectors.call_result(call)
        mine = represented_entities(user)
        context.update(
            call=call,
            criteria=list(call.criteria.all()),
            documents=list(call.documents.all()),
            result=result,
            appeals=selectors.call_appeals(call) if result else [],
            habilitation=[
                row.proposal
                for row in result
                if row.proposal.status in (P.SELECTED, P.HABILITATED, P.NOT_HABILITATED)
            ],
            homologation_notice=HOMOLOGATION_NOTICE,
            proposals_open=proposals_open(call),
            appeal_open=appeal_window_open(call),
            can_propose=bool(mine) and proposals_open(call),
            my_proposals=[
                row.proposal for row in result if row.proposal.entity_id in mine
            ],
            is_committee_member=user.has_perm("partnerships.serve_on_committee", call),
        )
        return context


def call_document(request, slug: str, pk: int):
    """A document of a published call (public from publication on)."""
    call = selectors.call_public(slug)
    if call is None:
        raise Http404
    document = get_object_or_404(CallDocument, pk=pk, call=call)
    return stored_file_response(document.file, filename=document.title, private=False)
