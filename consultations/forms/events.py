"""Forms of hearings and forums: what people send on the public page, and what
staff fill in the admin. They validate and keep what was typed; saving and
every status change are the services' job."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from civic.territory.models import Bairro

from ..models import (
    Contribution,
    Event,
    PolicyArea,
    Registration,
    SpeakerRequest,
    Venue,
)
from ..services.event_workflow import REASON_MAX_LENGTH, schedule_conflicts
from .consultations import SHOW_NAME_HELP, LongTextField, OnBehalfMixin

C = Contribution
TEXT_LIMIT = C._meta.get_field("text").max_length
TOO_LONG = _(
    "O texto pode ter no máximo %(limit_value)s caracteres; este tem %(show_value)s."
)
CAPACITY_MESSAGE = _("Informe um número de vagas maior que zero.")
END_AFTER_START = _("O término deve ser depois do início.")


def _short_text(**kwargs) -> forms.CharField:
    kwargs.setdefault("error_messages", {})
    kwargs["error_messages"].setdefault("max_length", TOO_LONG)
    return forms.CharField(**kwargs)


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
    area = forms.ModelChoiceField(
        label=_("Área"),
        queryset=PolicyArea.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Todas as áreas"),
    )
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
        filters = {
            "period": data.get("quando") or None,
            "kind": data.get("tipo") or None,
            "area": data.get("area"),
            "bairro": data.get("bairro"),
        }
        return {key: value for key, value in filters.items() if value}


class RegistrationForm(forms.Form):
    """Register to attend, saying what the person needs to take part."""

    needs_libras = forms.BooleanField(
        label=_("Preciso de intérprete de Libras"), required=False
    )
    accessibility_needs = _short_text(
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

    topic = _short_text(
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

    def __init__(self, *args, entities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.add_on_behalf_field(entities)
        if "on_behalf_of" in self.fields:
            self.fields["on_behalf_of"].help_text = _(
                "Como representante, você pode falar em nome de uma entidade aprovada."
            )
            self.order_fields(["topic", "on_behalf_of", "show_name"])


class EventContributionForm(OnBehalfMixin, forms.Form):
    """A written contribution to a hearing or forum, sent online."""

    text = LongTextField(
        label=_("Sua contribuição"),
        max_length=TEXT_LIMIT,
        rows=6,
        error_messages={"required": _("Escreva sua contribuição.")},
    )
    show_name = forms.BooleanField(
        label=_("Mostrar meu nome publicamente"),
        required=False,
        help_text=SHOW_NAME_HELP,
    )

    def __init__(self, *args, entities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.add_on_behalf_field(entities)
        if "on_behalf_of" in self.fields:
            self.order_fields(["text", "on_behalf_of", "show_name"])


# ADMIN FORMS (Wagtail)
# ------------------------------------------------------------------------------


class EventAdminForm(WagtailAdminModelForm):
    """An event's details. The schedule conflicts found are kept in `conflicts`
    for the form to warn about; they never block saving."""

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "slug",
            "subject",
            "legal_basis",
            "policy_area",
            "organizing_body",
            "consultation",
            "starts_at",
            "ends_at",
            "venue",
            "capacity",
            "libras",
            "stream_url",
            "speaker_minutes",
            "accepts_speakers",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts: list[Event] = []
        fields = self.fields
        if "slug" in fields:
            fields["slug"].required = False
            fields["slug"].help_text = _(
                "Parte final do endereço (/audiencias/…/). Deixe em branco para "
                "gerar a partir do título."
            )
        if "capacity" in fields:
            fields["capacity"].error_messages["min_value"] = CAPACITY_MESSAGE
        if "speaker_minutes" in fields:
            fields["speaker_minutes"].error_messages["min_value"] = _(
                "Informe ao menos 1 minuto por fala."
            )
        for name in ("starts_at", "ends_at"):
            if name in fields:
                fields[name].help_text = _("Horário de Brasília (America/Sao_Paulo).")
        if "venue" in fields:
            fields["venue"].help_text = _(
                "Deixe em branco para um evento só on-line. Os locais são cadastrados "
                "em Participação > Locais."
            )
        if self.instance.pk and self.instance.status != Event.Status.DRAFT:
            # People were told this date: it changes only through "Remarcar".
            for name in ("starts_at", "ends_at"):
                if name in fields:
                    fields[name].disabled = True
                    fields[name].help_text = _(
                        "Evento publicado: para mudar a data use “Remarcar”, que "
                        "avisa as pessoas inscritas."
                    )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        if slug:
            return slug
        base = slugify(self.cleaned_data.get("title") or self.data.get("title") or "")
        base = base[:100].strip("-") or "evento"
        slug, n = base, 2
        taken = Event.objects.exclude(pk=self.instance.pk)
        while taken.filter(slug=slug).exists():
            slug = f"{base}-{n}"
            n += 1
        return slug

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity <= 0:
            raise ValidationError(CAPACITY_MESSAGE)
        return capacity

    def clean_speaker_minutes(self):
        minutes = self.cleaned_data.get("speaker_minutes")
        if minutes is not None and minutes <= 0:
            raise ValidationError(
                self.fields["speaker_minutes"].error_messages["min_value"]
            )
        return minutes

    def clean(self):
        data = super().clean()
        for name in ("starts_at", "ends_at"):
            # A disabled field comes back from `initial` without its seconds'
            # fractions; keep the stored value so the date does not "change".
            if name in self.fields and self.fields[name].disabled:
                data[name] = getattr(self.instance, name)
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", END_AFTER_START)
        venue, capacity = data.get("venue"), data.get("capacity")
        if venue is not None and capacity and capacity > venue.capacity:
            self.add_error(
                "capacity",
                _("O local “%(venue)s” comporta no máximo %(max)s pessoas.")
                % {"venue": venue, "max": venue.capacity},
            )
        if starts_at and ends_at and ends_at > starts_at:
            organizing_body = data.get("organizing_body")
            self.conflicts = schedule_conflicts(
                starts_at=starts_at,
                ends_at=ends_at,
                venue_id=venue.pk if venue else None,
                organizing_body_id=organizing_body.pk if organizing_body else None,
                exclude_pk=self.instance.pk,
            )
        return data


class VenueAdminForm(WagtailAdminModelForm):
    """A venue: address, bairro, capacity and accessibility."""

    class Meta:
        model = Venue
        fields = [
            "name",
            "address",
            "bairro",
            "capacity",
            "step_free_access",
            "accessibility_notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "capacity" in self.fields:
            self.fields["capacity"].error_messages["min_value"] = _(
                "Informe uma lotação maior que zero."
            )
        if "bairro" in self.fields:
            self.fields["bairro"].queryset = Bairro.objects.active().order_by("name")

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity <= 0:
            raise ValidationError(_("Informe uma lotação maior que zero."))
        return capacity


class ReasonField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", REASON_MAX_LENGTH)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("max_length", TOO_LONG)
        super().__init__(**kwargs)


class PublishForm(forms.Form):
    """Publish; a justification when the notice is shorter than the minimum."""

    short_notice_reason = ReasonField(
        label=_("Justificativa do prazo reduzido"),
        required=False,
        help_text=_(
            "Obrigatória quando faltam menos dias que o prazo mínimo de divulgação. "
            "Fica registrada no histórico e na página do evento."
        ),
    )

    def __init__(self, *args, needs_reason: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_reason = needs_reason
        if needs_reason:
            self.fields["short_notice_reason"].required = True
            self.fields["short_notice_reason"].error_messages["required"] = _(
                "Justifique a publicação com prazo menor que o mínimo."
            )


class RescheduleForm(forms.Form):
    """A new date, why, and a justification if it is too close."""

    starts_at = forms.DateTimeField(
        label=_("Novo início"),
        widget=AdminDateTimeInput,
        help_text=_("Horário de Brasília."),
    )
    ends_at = forms.DateTimeField(label=_("Novo término"), widget=AdminDateTimeInput)
    reason = ReasonField(
        label=_("Motivo da mudança"),
        help_text=_("Vai no aviso às pessoas inscritas e no histórico do evento."),
        error_messages={"required": _("Explique o motivo da mudança de data.")},
    )
    short_notice_reason = ReasonField(
        label=_("Justificativa do prazo reduzido"),
        required=False,
        help_text=_(
            "Só se a nova data ficar a menos dias que o prazo mínimo de divulgação."
        ),
    )

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", END_AFTER_START)
        if starts_at and starts_at <= timezone.now():
            self.add_error("starts_at", _("A nova data já passou."))
        return data


class CancelForm(forms.Form):
    reason = ReasonField(
        label=_("Motivo do cancelamento"),
        help_text=_("Aparece na página do evento e vai no aviso às pessoas inscritas."),
        error_messages={"required": _("Explique o motivo do cancelamento.")},
    )


class ConcludeForm(forms.Form):
    """The ata, the recording and how many people came."""

    minutes = LongTextField(
        label=_("Ata"),
        max_length=Event._meta.get_field("minutes").max_length,
        rows=16,
        error_messages={"required": _("Escreva a ata antes de concluir.")},
        help_text=_("Resumo da abertura, das falas e dos encaminhamentos."),
    )
    recording_url = forms.URLField(
        label=_("Link da gravação"),
        required=False,
        max_length=300,
        assume_scheme="https",
        error_messages={"invalid": _("Informe um endereço completo, com https://.")},
    )
    attendance_count = forms.IntegerField(
        label=_("Público presente"),
        required=False,
        min_value=0,
        error_messages={"min_value": _("Informe um número igual ou maior que zero.")},
        help_text=_("Inclua quem não se inscreveu pelo site."),
    )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Código de presença"),
        max_length=20,
        error_messages={
            "required": _("Digite o código de presença."),
            "max_length": _("O código tem 6 letras e números."),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "autofocus": True,
            }
        ),
    )


class RecordContributionForm(forms.Form):
    """A contribution staff record: said at the event or handed in writing."""

    channel = forms.ChoiceField(
        label=_("Como foi feita"),
        choices=[
            (C.Channel.ORAL, C.Channel.ORAL.label),
            (C.Channel.WRITTEN, C.Channel.WRITTEN.label),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Escolha se a contribuição foi falada ou escrita.")
        },
    )
    author_label = _short_text(
        label=_("Autoria, como a pessoa se apresentou"),
        required=False,
        max_length=C._meta.get_field("author_label").max_length,
        help_text=_("Nome, e a entidade se houver. Pode ficar em branco."),
    )
    show_name = forms.BooleanField(
        label=_("A pessoa aceitou ter o nome publicado"),
        required=False,
        help_text=_("Se não marcar, aparece como “Participante”."),
    )
    text = LongTextField(
        label=_("Contribuição"),
        max_length=TEXT_LIMIT,
        rows=6,
        error_messages={"required": _("Escreva a contribuição.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("show_name") and not data.get("author_label"):
            self.add_error(
                "author_label",
                _("Para mostrar o nome, escreva-o como a pessoa se apresentou."),
            )
        return data
