"""The representatives' forms of an election: candidacy, vote, appeal.
Choices are limited to what the person may pick (the entities they
represent, the habilitated candidacies of the segment); the services check
everything again under the election's lock."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from entities.models import Entity

from ..models import Candidacy, Election


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


def represented_entities(user):
    """The entities this person represents, by name."""
    return Entity.objects.filter(representatives__user=user).order_by("name")


class CandidacyForm(forms.Form):
    entity = forms.ModelChoiceField(
        label=_("Entidade"), queryset=Entity.objects.none(), empty_label=None
    )
    segment = forms.ChoiceField(label=_("Segmento"))
    nominee = PersonChoiceField(
        label=_("Pessoa indicada para o assento"),
        queryset=get_user_model().objects.none(),
        help_text=_("Uma das pessoas que representam a entidade no cadastro."),
    )
    alternate_nominee = PersonChoiceField(
        label=_("Pessoa indicada como suplente (opcional)"),
        queryset=get_user_model().objects.none(),
        required=False,
    )

    def __init__(self, *args, user, election: Election, **kwargs):
        super().__init__(*args, **kwargs)
        entities = represented_entities(user)
        self.fields["entity"].queryset = entities
        self.fields["segment"].choices = [
            (v.segment, v.get_segment_display()) for v in election.vacancies.all()
        ]
        people = (
            get_user_model()
            .objects.filter(representations__entity__in=entities)
            .distinct()
            .order_by("full_name")
        )
        self.fields["nominee"].queryset = people
        self.fields["alternate_nominee"].queryset = people


class VoteForm(forms.Form):
    """One segment's ballot: which of the person's entities votes, and for whom."""

    voter = forms.ModelChoiceField(
        label=_("Entidade que vota"), queryset=Entity.objects.none(), empty_label=None
    )
    candidacy = forms.ModelChoiceField(
        label=_("Seu voto"),
        queryset=Candidacy.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, voters, candidacies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voter"].queryset = voters
        self.fields["candidacy"].queryset = candidacies
        self.fields["candidacy"].label_from_instance = lambda c: c.entity.name


class AssemblyBallotForm(forms.Form):
    """A ballot cast at the assembly, typed by staff: the voter and the choice."""

    segment = forms.ChoiceField(label=_("Segmento"))
    voter = forms.ModelChoiceField(
        label=_("Entidade votante"), queryset=Entity.objects.none()
    )
    candidacy = forms.ModelChoiceField(
        label=_("Voto"), queryset=Candidacy.objects.none()
    )

    def __init__(self, *args, election: Election, **kwargs):
        from ..services.elections import eligible_entities

        super().__init__(*args, **kwargs)
        self.fields["segment"].choices = [
            (v.segment, v.get_segment_display()) for v in election.vacancies.all()
        ]
        self.fields["voter"].queryset = eligible_entities().order_by("name")
        self.fields["candidacy"].queryset = (
            election.candidacies.filter(status=Candidacy.Status.HABILITATED)
            .select_related("entity")
            .order_by("segment", "entity__name")
        )
        self.fields["candidacy"].label_from_instance = lambda c: (
            f"{c.entity.name} ({c.get_segment_display()})"
        )


class AppealForm(forms.Form):
    candidacy = forms.ModelChoiceField(
        label=_("Candidatura"), queryset=Candidacy.objects.none(), empty_label=None
    )
    text = forms.CharField(
        label=_("Razões do recurso"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=Candidacy._meta.get_field("appeal_text").max_length,
    )

    def __init__(self, *args, candidacies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidacy"].queryset = candidacies
        self.fields["candidacy"].label_from_instance = lambda c: c.entity.name


class NoteForm(forms.Form):
    """A staff decision's justification."""

    note = forms.CharField(
        label=_("Motivo"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )


class NominateForm(NoteForm):
    term = forms.ModelChoiceField(label=_("Gestão"), queryset=None)

    def __init__(self, *args, election: Election, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = election.council.terms.all()
