"""The labels of the councils' history rows (MeetingLog, ElectionLog), taken
from the workflows' `action_labels`, so the admin never shows a raw action
name such as `candidacy_refuse`."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from .services.candidacies import candidacy_workflow
from .services.elections import workflow as election_workflow
from .services.meetings import workflow as meeting_workflow
from .services.minutes import minutes_workflow

CANDIDACY_PREFIX = "candidacy_"


def meeting_log_label(action: str, data: dict | None = None) -> str:
    """A meeting's history row: its workflow's or its ata's action."""
    for workflow in (meeting_workflow, minutes_workflow):
        if action in workflow.action_labels:
            return workflow.label(action)
    return action


def election_log_label(action: str, data: dict | None = None) -> str:
    """An election's history row: a phase, or a step of one candidacy (the
    candidacy workflow writes them with a `candidacy_` prefix)."""
    if action.startswith(CANDIDACY_PREFIX):
        step = candidacy_workflow.label(action.removeprefix(CANDIDACY_PREFIX))
        entity = (data or {}).get("entity")
        if entity:
            return _("Candidatura de %(entity)s: %(step)s") % {
                "entity": entity,
                "step": step,
            }
        return _("Candidatura: %(step)s") % {"step": step}
    return election_workflow.label(action)


def labelled(entries: Iterable, label) -> list:
    """The history rows, each with its `label` for the template."""
    rows = list(entries)
    for entry in rows:
        entry.label = label(entry.action, entry.data)
    return rows
