"""The public transparency pages (Lei 13.019/2014 arts. 10–12): `/parcerias/`
with the six fields of art. 11 § único, one partnership's full record with
its public documents, and the channel to report irregularities.

A partnership in celebração does not exist for the public (404). The list and
the record are the same HTML for every anonymous visitor, so the page cache
stores them (`partnerships/receivers.py` invalidates on change)."""

from __future__ import annotations

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from civic.cache import private
from civic.downloads import stored_file_response
from civic.pagination import paginate
from entities.models import Entity

from ..forms.transparency import PartnershipFilterForm, ReportForm
from ..models import Instrument
from ..selectors import transparency as selectors
from ..services.reports import report_receive

RATE_LIMIT_ACTION = "partnerships_report"
SESSION_PROTOCOL = "partnerships_report_protocol"


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


class ReportView(FormView):
    """`/parcerias/denuncia/`: the art. 12 channel, open to anyone, signed in
    or not, and limited per address like the other public forms."""

    template_name = "partnerships/public/report.html"
    form_class = ReportForm

    def get_initial(self):
        initial = super().get_initial()
        raw = self.request.GET.get("parceria", "")
        if raw.isdigit() and len(raw) < 12:
            initial["partnership"] = int(raw)
        return initial

    def form_valid(self, form):
        if not ratelimit.consume(self.request, action=RATE_LIMIT_ACTION):
            form.add_error(
                None,
                _(
                    "Muitas denúncias enviadas deste endereço em pouco tempo. "
                    "Tente de novo mais tarde; o texto foi mantido."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        report = report_receive(
            description=form.cleaned_data["description"],
            partnership=form.cleaned_data["partnership"],
            contact_email=form.cleaned_data["contact_email"],
            reporter=self.request.user,
        )
        self.request.session[SESSION_PROTOCOL] = report.protocol
        return redirect("partnerships:report_done")


def report_done(request):
    """The confirmation with the protocol number, shown once to whoever sent it."""
    protocol = request.session.pop(SESSION_PROTOCOL, None)
    if not protocol:
        messages.info(request, _("Envie a denúncia pelo formulário."))
        return redirect("partnerships:report")
    return private(
        render(request, "partnerships/public/report_done.html", {"protocol": protocol})
    )
