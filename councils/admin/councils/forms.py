"""The forms of the council admin. Each takes the signed-in person
(`for_user`) and offers only the councils they run (`councils_run_by`).

Mandates of civil-society seats: the seat is held by an approved entity of
the registry, and the person must be one of its current representatives
there (so the registry is the single record of who speaks for an entity; an
entity names a new person by adding them as representative first).
Government seats take no entity. People are found by their account's email,
so the form never lists every account.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from civic.accounts.rules import COUNCIL_SECRETARY_GROUP
from civic.uploads import validate_upload
from entities.models import Entity

from ...models import (
    BoardPosition,
    Commission,
    Council,
    CouncilDocument,
    Mandate,
    Seat,
    Term,
)
from ...rules import councils_run_by, is_manager

DOCUMENT_MAX_SIZE = 10 * 1024 * 1024

# What only SRSC staff change on a council: identity, secretariat and the
# regimento's rules. The secretariat edits the presentation and contact.
STAFF_ONLY_FIELDS = (
    "name",
    "acronym",
    "slug",
    "nature",
    "policy_area",
    "creating_law",
    "composition_rule",
    "secretaries",
    "ordinary_notice_days",
    "extraordinary_notice_hours",
    "installation_quorum",
    "second_call_quorum",
    "second_call_minutes",
    "mandate_years",
    "max_reconductions",
    "absence_consecutive_limit",
    "absence_alternate_limit",
    "president_casting_vote",
    "is_active",
)


class CouncilForm(WagtailAdminModelForm):
    """Staff edit everything; a secretary only the presentation and contact
    (the other fields are shown disabled, and what is posted for them ignored)."""

    class Meta:
        model = Council
        fields = ["summary", "contact_email", *STAFF_ONLY_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.fields["secretaries"].queryset = User.objects.filter(
            is_active=True, groups__name=COUNCIL_SECRETARY_GROUP
        ).order_by("full_name")
        if not is_manager(self.for_user):
            for name in STAFF_ONLY_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Só a equipe da SRSC altera.")


class ScopedForm(WagtailAdminModelForm):
    """A form whose `council` choices are the councils the person runs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.councils = councils_run_by(self.for_user)
        if "council" in self.fields:
            self.fields["council"].queryset = self.councils


class SeatForm(ScopedForm):
    class Meta:
        model = Seat
        fields = ["council", "segment", "body", "label", "position", "is_active"]

    def clean(self):
        cleaned = super().clean()
        segment, body = cleaned.get("segment"), cleaned.get("body")
        if body is not None and segment and segment != "governo":
            self.add_error(
                "body", _("Só assentos do poder público têm secretaria ou órgão.")
            )
        return cleaned


class TermForm(ScopedForm):
    class Meta:
        model = Term
        fields = [
            "council",
            "starts_on",
            "ends_on",
            "act_kind",
            "act_number",
            "act_date",
            "is_reconduction",
        ]

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", _("O fim da gestão deve ser depois do início."))
        return cleaned


class MandateForm(ScopedForm):
    """Assign a titular or suplente to a seat (see the module's docstring)."""

    person_email = forms.EmailField(
        label=_("E-mail da pessoa"),
        help_text=_("O e-mail da conta da pessoa no Participa Betim."),
    )

    class Meta:
        model = Mandate
        fields = ["seat", "term", "role", "entity", "starts_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = Seat.objects.filter(
            council__in=self.councils, is_active=True
        ).select_related("council", "body")
        self.fields["term"].queryset = Term.objects.filter(
            council__in=self.councils
        ).select_related("council")
        self.fields["entity"].queryset = Entity.objects.listed().order_by("name")
        if self.instance.pk:
            self.initial["person_email"] = self.instance.person.email
            # The history of a mandate is not rewritten: who held it stays.
            for name in ("seat", "role", "person_email"):
                self.fields[name].disabled = True

    def clean_person_email(self):
        email = self.cleaned_data["person_email"]
        if self.instance.pk:
            return email
        try:
            return get_user_model().objects.get(
                email__iexact=email, is_active=True, deleted_at__isnull=True
            )
        except get_user_model().DoesNotExist:
            raise ValidationError(
                _("Nenhuma conta ativa com este e-mail. Peça à pessoa que se cadastre.")
            ) from None

    def clean(self):
        cleaned = super().clean()
        seat, term, entity = (
            cleaned.get("seat"),
            cleaned.get("term"),
            cleaned.get("entity"),
        )
        person = (
            self.instance.person if self.instance.pk else cleaned.get("person_email")
        )
        current = Mandate.objects.filter(ends_on__isnull=True).exclude(
            pk=self.instance.pk
        )
        if (
            seat is not None
            and current.filter(seat=seat, role=cleaned.get("role")).exists()
        ):
            self.add_error(
                "role",
                _(
                    "Este assento já tem um(a) ocupante nesta função: encerre o "
                    "mandato atual antes."
                ),
            )
        if seat is None or person is None:
            return cleaned
        if term is not None and term.council_id != seat.council_id:
            self.add_error(
                "term", _("Escolha uma gestão do mesmo conselho do assento.")
            )
        if seat.is_civil_society:
            if entity is None:
                self.add_error(
                    "entity",
                    _("Assentos da sociedade civil são ocupados por uma entidade."),
                )
            elif not entity.representatives.filter(user=person).exists():
                self.add_error(
                    "person_email",
                    _(
                        "Esta pessoa não representa %(entity)s no cadastro de "
                        "entidades. A entidade deve incluí-la como representante."
                    )
                    % {"entity": entity.display_name},
                )
        elif entity is not None:
            self.add_error(
                "entity", _("Assentos do poder público não representam entidades.")
            )
        if current.filter(council_id=seat.council_id, person=person).exists():
            self.add_error(
                "person_email", _("Esta pessoa já ocupa um assento neste conselho.")
            )
        return cleaned

    def save(self, commit=True):
        if not self.instance.pk:
            self.instance.person = self.cleaned_data["person_email"]
        return super().save(commit=commit)


class MandateEndForm(forms.Form):
    """End a mandate: the date and the reason stay in the history."""

    ends_on = forms.DateField(
        label=_("Último dia do mandato"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end_reason = forms.ChoiceField(label=_("Motivo"), choices=Mandate.EndReason.choices)
    note = forms.CharField(
        label=_("Observação (ato, ofício)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BoardPositionForm(ScopedForm):
    class Meta:
        model = BoardPosition
        fields = ["council", "role", "mandate", "starts_on", "ends_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandate"].queryset = Mandate.objects.filter(
            council__in=self.councils, ends_on__isnull=True
        ).select_related("person", "seat__body")

    def clean(self):
        cleaned = super().clean()
        council, mandate = cleaned.get("council"), cleaned.get("mandate")
        if council and mandate and mandate.council_id != council.pk:
            self.add_error("mandate", _("Escolha um(a) conselheiro(a) deste conselho."))
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("O fim deve ser depois do início."))
        return cleaned


class CommissionForm(ScopedForm):
    class Meta:
        model = Commission
        fields = ["council", "name", "description", "seats"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seats"].queryset = Seat.objects.filter(
            council__in=self.councils
        ).select_related("body")

    def clean(self):
        cleaned = super().clean()
        council = cleaned.get("council")
        seats = cleaned.get("seats") or []
        if council and any(seat.council_id != council.pk for seat in seats):
            self.add_error("seats", _("Escolha só assentos deste conselho."))
        return cleaned


class CouncilDocumentForm(ScopedForm):
    """The law, the regimento or a decree: PDF, JPEG or PNG up to 10 MB."""

    class Meta:
        model = CouncilDocument
        fields = ["council", "kind", "title", "file", "published_on"]
        # The stored file is private: never render a link to it here.
        widgets = {"file": forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"})}

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is None:
            raise ValidationError(_("Escolha o arquivo."))
        if hasattr(uploaded, "content_type"):  # a new upload, not the stored file
            validate_upload(uploaded, max_size=DOCUMENT_MAX_SIZE)
        return uploaded
