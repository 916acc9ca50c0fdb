"""The "Conselhos" menu of the Wagtail admin. Each area's viewsets live in
`admin/`; each lists only the councils the person runs."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin import councils, elections, meetings, resolutions


class CouncilsGroup(ViewSetGroup):
    menu_label = _("Conselhos")
    menu_icon = "group"
    menu_order = 220
    items = (
        *councils.VIEWSETS,
        *meetings.VIEWSETS,
        *resolutions.VIEWSETS,
        *elections.VIEWSETS,
    )


@hooks.register("register_admin_viewset")
def register_councils_group():
    if CouncilsGroup.items:
        return CouncilsGroup()
    return []
