"""The "Parcerias" menu of the Wagtail admin. Each area's viewsets live in `admin/`."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from civic.permissions import RulesPermissionPolicy

from .admin import accountability, calls, panels, partnerships
from .models import Accountability, Partnership, Sanction

# Execution (pexec): permissions from the rules, registered before any viewset asks.
for _model in (Partnership, Accountability, Sanction):
    register_permission_policy(_model, RulesPermissionPolicy(_model))


class PartnershipsGroup(ViewSetGroup):
    menu_label = _("Parcerias")
    menu_icon = "doc-full"
    menu_order = 230
    items = (
        *calls.VIEWSETS,
        *partnerships.VIEWSETS,
        *accountability.VIEWSETS,
    )


@hooks.register("register_admin_viewset")
def register_partnerships_group():
    if PartnershipsGroup.items:
        return PartnershipsGroup()
    return []


@hooks.register("construct_homepage_panels")
def partnerships_due_this_week(request, panels_list):
    panels.add_panel(request, panels_list)
