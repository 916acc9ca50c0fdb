"""Forms of the public pages; the services check everything again."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from civic.territory.models import Bairro
from consultations.models import Consultation, PolicyArea
from councils.models import Council
from entities.models import Entity
from entities.partnerships.models import Partnership

from .models import Demand

TEXT_MAX = 10_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files (the service limits how many and checks each)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [
                super(MultipleFileField, self).clean(item, initial) for item in data
            ]
        return [super().clean(data, initial)] if data else []


def files_field() -> MultipleFileField:
    return MultipleFileField(
        label=_("Anexos (opcional)"),
        help_text=_(
            "Até %(count)s arquivos PDF, JPEG ou PNG, de até %(size)s MB cada. "
            "Só a equipe da SRSC os vê."
        )
        % {
            "count": settings.DIALOGUE_MAX_ATTACHMENTS,
            "size": settings.DIALOGUE_ATTACHMENT_MAX_BYTES // (1024 * 1024),
        },
    )


# `?sobre=parceria:12` on the form's address: the object a demand concerns,
# offered from that object's page ("Denunciar irregularidade nesta parceria").
CONCERNS_TYPES = {
    "entidade": (Entity, {"status": Entity.Status.APPROVED}),
    "conselho": (Council, {}),
    "parceria": (Partnership, {}),
    "consulta": (Consultation, {}),
}


def find_concerns(raw: str):
    """The public object `tipo:id` names, or None."""
    kind, _sep, pk = (raw or "").partition(":")
    if kind not in CONCERNS_TYPES or not pk.isdigit() or len(pk) > 12:
        return None
    model, filters = CONCERNS_TYPES[kind]
    found = model._default_manager.filter(pk=int(pk), **filters).first()
    if isinstance(found, Consultation) and found.status == "draft":
        return None
    return found


class DemandForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Tipo de manifestação"),
        choices=[("", "---------"), *Demand.Kind.choices],
        help_text=_(
            "Pedido: solicitar um serviço ou providência. Sugestão: propor uma "
            "melhoria. Reclamação: dizer o que não funcionou. Denúncia: apontar "
            "uma irregularidade. Elogio: reconhecer um bom atendimento."
        ),
    )
    subject = forms.CharField(label=_("Assunto"), max_length=200)
    area = forms.ModelChoiceField(
        label=_("Área"), queryset=PolicyArea.objects.all(), required=False
    )
    bairro = forms.ModelChoiceField(
        label=_("Bairro"),
        queryset=Bairro.objects.active().select_related("regional"),
        required=False,
    )
    text = forms.CharField(
        label=_("Sua manifestação"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Conte o que aconteceu, onde e quando. Não escreva senhas."),
    )
    on_behalf_of = forms.TypedChoiceField(
        label=_("Em nome de"), coerce=int, required=False, empty_value=None
    )
    anonymous = forms.BooleanField(
        label=_("Fazer a denúncia anonimamente"),
        required=False,
        help_text=_(
            "Sua identidade não fica registrada. Você acompanha a denúncia com o "
            "número de protocolo e um código secreto, mostrado uma única vez."
        ),
    )
    concerns = forms.CharField(widget=forms.HiddenInput, required=False)
    files = files_field()

    def __init__(self, *args, user=None, entities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.entities = {entity.pk: entity for entity in entities}
        if self.entities:
            self.fields["on_behalf_of"].choices = [
                ("", _("Em meu próprio nome")),
                *((pk, entity.name) for pk, entity in self.entities.items()),
            ]
        else:
            del self.fields["on_behalf_of"]
        if not (user and user.is_authenticated):
            # Without an account, only an anonymous denúncia is possible.
            del self.fields["anonymous"]

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\x00", "").strip()
        if not text:
            raise forms.ValidationError(_("Escreva a sua manifestação."))
        return text

    def clean_on_behalf_of(self):
        pk = self.cleaned_data.get("on_behalf_of")
        if pk is None:
            return None
        if pk not in self.entities:
            raise forms.ValidationError(_("Escolha uma entidade que você representa."))
        return self.entities[pk]

    def clean_concerns(self):
        raw = self.cleaned_data.get("concerns", "")
        return find_concerns(raw) if raw else None


class FollowForm(forms.Form):
    protocol = forms.CharField(
        label=_("Número de protocolo"),
        max_length=20,
        help_text=_("Por exemplo: SRSC-2026-000123."),
    )
    code = forms.CharField(
        label=_("Código secreto"),
        max_length=40,
        help_text=_("O código mostrado quando você registrou a denúncia."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_protocol(self):
        return self.cleaned_data["protocol"].replace("\x00", "").strip().upper()


class MessageForm(forms.Form):
    """The requester's reply to a question, or the reason to reopen."""

    note = forms.CharField(
        label=_("Mensagem"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    files = files_field()

    def clean_note(self):
        note = self.cleaned_data["note"].replace("\x00", "").strip()
        if not note:
            raise forms.ValidationError(_("Escreva a mensagem."))
        return note
