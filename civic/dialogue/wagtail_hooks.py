"""The "Fale com a SRSC" menu of the Wagtail admin; the viewsets live in `admin/`."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin import VIEWSETS


class DialogueGroup(ViewSetGroup):
    menu_label = _("Fale com a SRSC")
    menu_icon = "mail"
    menu_order = 240
    items = tuple(VIEWSETS)


@hooks.register("register_admin_viewset")
def register_dialogue_group():
    return DialogueGroup()
