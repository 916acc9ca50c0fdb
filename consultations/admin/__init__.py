"""Wagtail admin of consultations and events, one module per job; each area
exposes a VIEWSETS list that wagtail_hooks.py groups under "Participação".

Who may use each admin view is written once, in consultations/rules.py: the
permission policies below ask those rules (`consultations.<action>_<model>`).
They are registered before any viewset asks, so Wagtail never builds a
fallback policy from Django's permission rows.
"""

from wagtail.permissions import register_permission_policy

from civic.permissions import RulesPermissionPolicy

from ..models import Consultation, Contribution, Event, Venue

for _model in (Consultation, Contribution, Event, Venue):
    register_permission_policy(_model, RulesPermissionPolicy(_model))
