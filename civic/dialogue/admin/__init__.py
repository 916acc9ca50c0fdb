"""The "Fale com a SRSC" admin: the demand queue and page, and body staff."""

from wagtail.permissions import register_permission_policy

from civic.permissions import RulesPermissionPolicy

from ..models import BodyMember, Contact, Demand, FollowUp
from .bodies import BodyMemberViewSet
from .demands import DemandViewSet

for _model in (Demand, BodyMember, Contact, FollowUp):
    register_permission_policy(_model, RulesPermissionPolicy(_model))

VIEWSETS = [
    DemandViewSet("dialogue_demands"),
    BodyMemberViewSet("dialogue_bodies"),
]

# The desk's audit trail, in the Django admin (superusers).
from ..assisted import admin as _assisted_admin  # noqa: E402, F401
