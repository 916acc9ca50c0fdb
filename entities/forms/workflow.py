"""A step of the review workflow, with its note."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from civic.workflow import NOTE_MAX_LENGTH

from ..services.workflow import entity_workflow


class TransitionForm(forms.Form):
    """A review action with its note (required where the workflow says so)."""

    note = forms.CharField(
        label=_("Observação"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action in entity_workflow.note_required:
            self.fields["note"].required = True
            self.fields["note"].label = _("Justificativa (será enviada à entidade)")
