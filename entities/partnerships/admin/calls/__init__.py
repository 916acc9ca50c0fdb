"""Chamamentos in the admin ("Parcerias" → "Chamamentos públicos", "PMIS").

Staff create and edit drafts; one page per call (`manage`) shows everything
and takes every decision through the services: workflow steps, criteria,
committee, documents, appeals and habilitação. A council secretary named on
the call sees the list and that page, read-only."""

from wagtail.permissions import register_permission_policy

from civic.permissions import RulesPermissionPolicy

from ...models import Call, InterestManifestation
from .calls import CallViewSet
from .pmis import ManifestationViewSet

for _model in (Call, InterestManifestation):
    register_permission_policy(_model, RulesPermissionPolicy(_model))

VIEWSETS = [
    CallViewSet("partnerships_calls"),
    ManifestationViewSet("partnerships_pmis"),
]
