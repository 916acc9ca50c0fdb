"""What the public pages of consultations, hearings and follows share: the
filtered list, a page of contributions, where a contribution is shown, and
where to go back after a form."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView

from civic.pagination import paginate

from ..models import Contribution
from ..selectors.consultations import viewer_state


def safe_next(request, fallback: str) -> str:
    """The `next` of the request when it points to this site, else `fallback`."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


def contribution_url(contribution: Contribution) -> str:
    """Where a contribution is shown: its device's page, its consultation's or
    its event's, at its anchor."""
    if contribution.consultation_id:
        top = contribution.parent or contribution
        base = (
            top.device.get_absolute_url()
            if top.device_id
            else contribution.consultation.get_absolute_url()
        )
    else:
        base = contribution.event.get_absolute_url()
    return f"{base}#contribuicao-{contribution.pk}"


def show_sent(
    request, contribution: Contribution, *, pending: str, published: str
) -> HttpResponseRedirect:
    """Tell the author whether what they sent waits for the moderators, and
    take them to it."""
    waits = contribution.moderation == Contribution.Moderation.PENDING
    messages.success(request, pending if waits else published)
    return HttpResponseRedirect(contribution_url(contribution))


def login_url(request) -> str:
    """The login page, coming back here afterwards."""
    return f"{reverse('account_login')}?next={request.path}"


def contributions_page(queryset, request) -> dict:
    """A page of contributions with what the viewer did to them (supported,
    reported): the context of includes/contribution_list.html."""
    pages = paginate(queryset, settings.CONSULTATIONS_CONTRIBUTIONS_PAGE_SIZE, request)
    state = viewer_state(user=request.user, contributions=pages["objects"])
    return {
        "page_obj": pages["page_obj"],
        "page_range": pages["page_range"],
        "contributions": pages["objects"],
        "supported_ids": state.supported,
        "reported_ids": state.reported,
    }


class FilteredListView(TemplateView):
    """A public list with its filter sidebar (GET) and pages
    (templates/consultations/list_base.html). Subclasses give the filter form,
    the selector taking its filters, the page size setting and the list's own
    name in the context (it is also `objects`)."""

    filter_form_class = None
    page_size_setting = ""
    object_list_name = "objects"

    def objects(self, **filters):
        """The rows for these filters (a selector's queryset)."""
        raise NotImplementedError

    def prepare(self, objects: list) -> None:
        """Annotate the rows of the page (after pagination)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filter_form_class(self.request.GET or None)
        filters = form.filters()
        pages = paginate(
            self.objects(**filters),
            getattr(settings, self.page_size_setting),
            self.request,
        )
        self.prepare(pages["objects"])
        context.update(
            {
                "form": form,
                "page_obj": pages["page_obj"],
                "page_range": pages["page_range"],
                "objects": pages["objects"],
                self.object_list_name: pages["objects"],
                "is_filtered": bool(filters),
            }
        )
        return context
