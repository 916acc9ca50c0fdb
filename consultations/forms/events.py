"""Forms of hearings and forums: what people send on the public page. They
validate and keep what was typed; saving is the services' job. Admin forms are
in `admin_events`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from civic.querysets import given
from civic.territory.models import Bairro

from ..models import (
    Event,
    Registration,
    SpeakerRequest,
)
from .consultations import (
    TEXT_LIMIT,
    LongTextField,
    OnBehalfMixin,
    SignedTextForm,
    TextField,
    area_filter,
)

# PUBLIC FORMS
# ------------------------------------------------------------------------------


class EventFilterForm(forms.Form):
    """Filters of /audiencias/ (GET). Invalid values filter nothing and are
    reported beside their field."""

    UPCOMING, PAST = "proximos", "anteriores"

    quando = forms.ChoiceField(
        label=_("Quando"),
        required=False,
        choices=[
            ("", _("Próximos e anteriores")),
            (UPCOMING, _("Próximos e em andamento")),
            (PAST, _("Já realizados")),
        ],
    )
    tipo = forms.ChoiceField(
        label=_("Tipo"),
        required=False,
        choices=[("", _("Todos os tipos")), *Event.Kind.choices],
    )
    area = area_filter()
    bairro = forms.ModelChoiceField(
        label=_("Bairro do local"),
        queryset=Bairro.objects.active().order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Todos os bairros"),
    )

    def filters(self) -> dict:
        """Keyword arguments for `events_public`; invalid values are left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return given(
            period=data.get("quando"),
            kind=data.get("tipo"),
            area=data.get("area"),
            bairro=data.get("bairro"),
        )


class RegistrationForm(forms.Form):
    """Register to attend, saying what the person needs to take part."""

    needs_libras = forms.BooleanField(
        label=_("Preciso de intérprete de Libras"), required=False
    )
    accessibility_needs = TextField(
        label=_("Outras necessidades de acessibilidade"),
        required=False,
        max_length=Registration._meta.get_field("accessibility_needs").max_length,
        help_text=_(
            "Por exemplo: cadeira de rodas, audiodescrição, lugar reservado. "
            "Só a organização vê."
        ),
    )


class SpeakForm(OnBehalfMixin, forms.Form):
    """Ask to speak: the topic, for whom, and whether the name may be shown."""

    on_behalf_help = _(
        "Como representante, você pode falar em nome de uma entidade aprovada."
    )

    topic = TextField(
        label=_("Sobre o que você quer falar?"),
        max_length=SpeakerRequest._meta.get_field("topic").max_length,
        error_messages={
            "required": _("Diga em poucas palavras sobre o que você quer falar.")
        },
    )
    show_name = forms.BooleanField(
        label=_("Mostrar meu nome na lista de falas"),
        required=False,
        help_text=_(
            "Se não marcar, a lista pública mostra “Participante” e o número da sua "
            "vez. Quem fala em nome de uma entidade aparece com o nome da entidade."
        ),
    )


class EventContributionForm(SignedTextForm):
    """A written contribution to a hearing or forum, sent online."""

    text = LongTextField(
        label=_("Sua contribuição"),
        max_length=TEXT_LIMIT,
        rows=6,
        error_messages={"required": _("Escreva sua contribuição.")},
    )
