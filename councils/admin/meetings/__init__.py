"""Meetings in the Wagtail admin, one module per job: `viewset` (list,
create, edit, and the URLs), `actions` (pauta, convene, reschedule, cancel,
hold), `records` (attendance and votes), `minutes` (the ata), `absences`
(and the loss of mandate), `calendar`, `panels` (what is due, on the admin
home), `forms` and `base`.

Who may use each view is written once, in councils/rules.py; the policies
below ask those rules, registered before any viewset asks."""

from wagtail.permissions import register_permission_policy

from civic.permissions import RulesPermissionPolicy

from ...models import AgendaItem, Meeting

for _model in (Meeting, AgendaItem):
    register_permission_policy(_model, RulesPermissionPolicy(_model))

from . import panels  # noqa: E402, F401  (registers the admin-home panel)
from .viewset import MeetingViewSet  # noqa: E402

VIEWSETS = [MeetingViewSet("councils_meetings")]
