"""The public transparency pages (Lei 13.019/2014 arts. 10–12): `/parcerias/`
with the six fields of art. 11 § único, one partnership's full record with
its public documents, and the channel to report irregularities (the
"Fale com a SRSC" demand form, see `ReportView`).

A partnership in celebração does not exist for the public (404). The list and
the record are the same HTML for every anonymous visitor, so the page cache
stores them (`partnerships/receivers.py` invalidates on change)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from civic.dialogue.models import Demand
from civic.dialogue.views.public import DemandCreateView
from civic.downloads import stored_file_response
from civic.pagination import paginate
from entities.models import Entity

from ..forms.transparency import PartnershipFilterForm, ReportForm
from ..models import Instrument
from ..selectors import transparency as selectors


class PartnershipListView(TemplateView):
    """`/parcerias/`: every partnership from signature to 180 days after closing."""

    template_name = "partnerships/public/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PartnershipFilterForm(self.request.GET or None)
        partnerships = selectors.partnerships_listed(**form.selector_kwargs())
        page = paginate(partnerships, settings.PARTNERSHIPS_PAGE_SIZE, self.request)
        page["objects"] = [art11(p) for p in page["objects"]]
        context.update(
            form=form,
            listed_days=settings.PARTNERSHIPS_LISTED_DAYS_AFTER_CLOSE,
            **page,
        )
        return context


def art11(partnership):
    """Attach what the art. 11 columns show: the latest accounts, their
    conclusive result and the team's total pay."""
    account = selectors.latest_accountability(partnership)
    partnership.latest_account = account
    partnership.account_result = selectors.conclusive_result(account)
    partnership.team_total = selectors.team_total(partnership)
    partnership.moves_money = partnership.instrument in Instrument.with_money()
    return partnership


class PartnershipDetailView(TemplateView):
    """`/parcerias/<pk>/`: the whole public record of one partnership."""

    template_name = "partnerships/public/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership = selectors.partnership_public(kwargs["pk"])
        if partnership is None:
            raise Http404
        art11(partnership)
        installments = list(partnership.installments.all())
        context.update(
            partnership=partnership,
            goals=list(partnership.goals.all()),
            installments=installments,
            scheduled_total=sum(i.value for i in installments),
            team=list(partnership.team.all()),
            accounts=list(reversed(partnership.accounts_newest_first)),
            entity_is_public=partnership.entity.status == Entity.Status.APPROVED,
        )
        return context


def partnership_document(request, pk: int, document: int):
    """A public document of a listed partnership; a private one does not exist here."""
    found = selectors.public_document(pk, document)
    if found is None:
        raise Http404
    return stored_file_response(found.file, filename=found.title, private=False)


class ReportView(DemandCreateView):
    """`/parcerias/denuncia/`: the art. 12 channel (Lei 13.019/2014), which is
    the "Fale com a SRSC" channel itself: a demand of kind denúncia that
    concerns the partnership, with an SRSC protocol number, the secret code of
    an anonymous denúncia, the staff queue, its deadlines and notices.

    The dialogue's view is rendered here rather than redirected to
    `/fale-conosco/?sobre=parceria:<pk>`, so that the page keeps the wording of
    art. 12 (what to report, that no identification is needed) and offers the
    listed partnerships to choose from when none is given (`?parceria=<pk>`
    preselects one). Everything else, the rate limit of anonymous sending and
    the receipt page, is the dialogue's."""

    template_name = "partnerships/public/report.html"
    form_class = ReportForm

    def get_initial(self) -> dict:
        initial = super().get_initial()
        initial.pop("concerns", None)
        initial["kind"] = Demand.Kind.REPORT
        initial["subject"] = _("Irregularidade em parceria (art. 12)")
        raw = self.request.GET.get("parceria", "")
        if raw.isdigit() and len(raw) < 12:
            partnership = selectors.public_partnerships().filter(pk=int(raw)).first()
            if partnership is not None:
                initial["partnership"] = partnership.pk
                initial["subject"] = _(
                    "Irregularidade na parceria %(number)s (art. 12)"
                ) % {"number": partnership.number}
        return initial

    def concerns_of(self, form):
        return None  # the partnership is a field of the form itself
