"""The "Fale com a SRSC" menu of the Wagtail admin; the viewsets live in `admin/`,
the relationship history's pages and home panel in `admin/relationship.py`."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin import VIEWSETS, relationship
from .models import FollowUp


class DialogueGroup(ViewSetGroup):
    menu_label = _("Fale com a SRSC")
    menu_icon = "mail"
    menu_order = 240
    items = tuple(VIEWSETS)


@hooks.register("register_admin_viewset")
def register_dialogue_group():
    return DialogueGroup()


@hooks.register("register_admin_urls")
def register_relationship_urls():
    return relationship.urlpatterns()


@hooks.register("construct_homepage_panels")
def add_follow_up_panel(request, panels):
    user = request.user
    if user.has_perm("dialogue.view_timeline") and (
        FollowUp.objects.open().filter(owner=user).exists()
    ):
        panels.append(relationship.FollowUpQueuePanel(user))
