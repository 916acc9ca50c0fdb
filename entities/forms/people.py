"""Who represents an entity: invitations, and claims with their decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from civic.workflow import NOTE_MAX_LENGTH

from ..models import Claim
from .fields import DocumentFileField


class InvitationForm(forms.Form):
    """Invite someone by email to represent the entity."""

    email = forms.EmailField(label=_("E-mail da pessoa"), max_length=254)


class ClaimForm(forms.Form):
    """Ask to represent an entity nobody represents, with proof."""

    proof_kind = forms.ChoiceField(
        label=_("Comprovante"),
        choices=Claim.ProofKind.choices,
        widget=forms.RadioSelect,
    )
    proof = DocumentFileField(label=_("Arquivo do comprovante"))
    message = forms.CharField(
        label=_("Mensagem para a equipe (opcional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ClaimDecisionForm(forms.Form):
    """Staff approve a claim or refuse it, saying why."""

    decision = forms.ChoiceField(
        choices=[("approve", _("Aprovar")), ("refuse", _("Recusar"))],
        error_messages={"required": _("Escolha aprovar ou recusar o pedido.")},
    )
    note = forms.CharField(
        label=_("Justificativa (obrigatória para recusar; enviada à pessoa)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not data.get("note"):
            self.add_error("note", _("Explique à pessoa o motivo da recusa."))
        return data
