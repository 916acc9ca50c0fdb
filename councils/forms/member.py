"""The two forms of the member area. They check shape only; the rules (the
meeting is convened and still to come, the justification window) are the
services', whose refusals the views put beside these fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from civic.workflow import NOTE_MAX_LENGTH

from ..models import AttendanceReply


class ReplyForm(forms.Form):
    """ "Vou comparecer" / "não poderei comparecer", with the reason."""

    reply = forms.ChoiceField(
        label=_("Sua resposta à convocação"),
        choices=AttendanceReply.Reply.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Escolha uma das respostas.")},
    )
    justification = forms.CharField(
        label=_("Justificativa"),
        help_text=_("Obrigatória se você não puder comparecer."),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class JustifyForm(forms.Form):
    """The reason for an absence already recorded."""

    justification = forms.CharField(
        label=_("Justificativa da ausência"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Escreva a justificativa da ausência.")},
    )
