"""The "Parcerias" menu of the Wagtail admin. Each area's viewsets live in `admin/`."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin import accountability, calls, partnerships, reports


class PartnershipsGroup(ViewSetGroup):
    menu_label = _("Parcerias")
    menu_icon = "doc-full"
    menu_order = 230
    items = (
        *calls.VIEWSETS,
        *partnerships.VIEWSETS,
        *accountability.VIEWSETS,
        *reports.VIEWSETS,
    )


@hooks.register("register_admin_viewset")
def register_partnerships_group():
    if PartnershipsGroup.items:
        return PartnershipsGroup()
    return []
