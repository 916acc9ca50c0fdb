"""The entity registry in the Wagtail admin, under the "Entidades" menu: the review
queue, claims, and the taxonomies staff manage (viewsets in `entities/admin/`).

Who may do what in the review queue and the claims is read from the rules
(`entities/rules.py`): the admin action "view" on an `Entity` is the rule
`entities.view_entity`, "review" is `entities.review_entity`. The URL
namespaces `entities_review` and `entities_claims` are linked from
notifications, so they must not change.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from civic.permissions import RulesPermissionPolicy

from .admin.claims import ClaimReviewViewSet
from .admin.review import EntityReviewViewSet
from .admin.taxonomy import (
    AreaViewSet,
    CnaeViewSet,
    LegalNatureViewSet,
    PublicServedViewSet,
)
from .models import Claim, Entity

# Registered before any viewset asks, so Wagtail never builds a fallback policy.
register_permission_policy(Entity, RulesPermissionPolicy(Entity))
register_permission_policy(Claim, RulesPermissionPolicy(Claim))


class EntitiesViewSetGroup(ViewSetGroup):
    menu_label = _("Entidades")
    menu_icon = "site"
    menu_order = 200
    items = (
        EntityReviewViewSet("entities_review"),
        ClaimReviewViewSet("entities_claims"),
        AreaViewSet("entities_areas"),
        PublicServedViewSet("entities_publics"),
        LegalNatureViewSet("entities_legal_natures"),
        CnaeViewSet("entities_cnaes"),
    )


@hooks.register("register_admin_viewset")
def register_entities_viewsets():
    return EntitiesViewSetGroup()
