"""The staff calendar in the Wagtail admin ("Participação" → "Agenda"): the same
month grid as the public `/agenda/`, with drafts too, each item linked to its
page in the admin. Only for those the rule `consultations.view_consultation`
lets in at model level (staff who run participation).

URL namespace `consultations_agenda` (index: `consultations_agenda:index`).
"""

from __future__ import annotations

from dataclasses import replace

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permissions import policy_registry

from ..models import Consultation
from ..selectors.agenda import agenda_between
from ..views.agenda import AgendaMonthMixin, with_query


class AgendaAdminView(
    PermissionCheckedMixin, AgendaMonthMixin, WagtailAdminTemplateMixin, TemplateView
):
    """A month of events and consultation deadlines, drafts included."""

    model = Consultation
    permission_required = "view"
    template_name = "consultations/agenda_admin.html"
    page_title = _("Agenda")
    header_icon = "date"
    index_url_name = None

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def items_for_month(self, start, end, filters):
        finder = AdminURLFinder(self.request.user)
        items = []
        for item in agenda_between(
            start=start, end=end, filters=filters, include_drafts=True
        ):
            admin_url = finder.get_edit_url(item.obj) or ""
            items.append(replace(item, admin_url=admin_url))
        return items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filter_form()
        filters = form.filters()
        url = reverse(self.index_url_name)
        context.update(
            self.month_context(
                items_for_month=lambda start, end: self.items_for_month(
                    start, end, filters
                ),
                query=form.query(),
                url=url,
            )
        )
        context.update(
            form=form,
            is_filtered=filters.is_active,
            public_url=with_query(
                reverse("consultations:agenda"),
                {**form.query(), "mes": context["month_param"]},
            ),
        )
        return context


class AgendaMenuItem(MenuItem):
    def is_shown(self, request):
        policy = policy_registry.get_by_type(Consultation)
        return policy.user_has_permission(request.user, "view")


class AgendaViewSet(ViewSet):
    """One admin page: the month calendar."""

    icon = "date"
    menu_label = _("Agenda")
    url_prefix = "participacao/agenda"
    menu_item_class = AgendaMenuItem

    @property
    def index_view(self):
        return self.construct_view(
            AgendaAdminView, index_url_name=self.get_url_name("index")
        )

    def get_urlpatterns(self):
        return [path("", self.index_view, name="index")]


VIEWSETS = [AgendaViewSet("consultations_agenda")]
