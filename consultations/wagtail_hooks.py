"""The "Participação" menu of the Wagtail admin: consultations, moderation,
hearings and forums, and the agenda. Each area's viewsets live in `admin/`."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin import agenda, consultations, contributions, events


class ParticipationGroup(ViewSetGroup):
    menu_label = _("Participação")
    menu_icon = "group"
    menu_order = 210
    items = (
        *consultations.VIEWSETS,
        *contributions.VIEWSETS,
        *events.VIEWSETS,
        *agenda.VIEWSETS,
    )


@hooks.register("register_admin_viewset")
def register_participation_group():
    if ParticipationGroup.items:
        return ParticipationGroup()
    return []
