import pytest
from allauth.account.forms import SignupForm as AllauthSignupForm

from civic.accounts.forms import ProfileForm
from civic.territory.models import Bairro

from .conftest import OTHER_VALID_CPF, VALID_CPF, VALID_CPF_MASKED

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {
        "full_name": "  Joana   da Silva ",
        "email": "joana@example.org",
        "password1": "uma-senha-bem-longa-42",
        "password2": "uma-senha-bem-longa-42",
        "bairro": "",
        "accept_terms": "on",
        "accept_privacy": "on",
    }
    data.update(overrides)
    return data


def test_allauth_signup_form_includes_our_fields_in_order():
    form = AllauthSignupForm()
    assert list(form.fields)[:7] == [
        "full_name",
        "email",
        "password1",
        "password2",
        "bairro",
        "accept_terms",
        "accept_privacy",
    ]
    # LGPD data minimisation: no CPF or phone at sign-up.
    assert "cpf" not in form.fields
    assert "phone" not in form.fields


def test_signup_form_valid_and_name_whitespace_collapsed():
    form = AllauthSignupForm(data=signup_data())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["full_name"] == "Joana da Silva"


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("accept_terms", "aceitar os Termos de Uso"),
        ("accept_privacy", "aceitar a Política de Privacidade"),
        ("full_name", "Informe seu nome completo"),
    ],
)
def test_signup_requires_name_and_both_agreements(missing, message):
    data = signup_data()
    data.pop(missing)
    form = AllauthSignupForm(data=data)
    assert not form.is_valid()
    assert message in str(form.errors[missing])


def test_signup_agreement_labels_link_to_the_documents():
    form = AllauthSignupForm()
    assert 'href="/termos-de-uso/"' in str(form.fields["accept_terms"].label)
    assert 'href="/privacidade/"' in str(form.fields["accept_privacy"].label)


def test_bairro_choices_are_active_only_and_grouped_by_regional():
    inactive = Bairro.objects.order_by("pk").first()
    inactive.is_active = False
    inactive.save()
    form = AllauthSignupForm()
    choices = list(form.fields["bairro"].choices)
    assert choices[0][0] == ""
    groups = dict(choices[1:])
    offered = {int(str(value)) for options in groups.values() for value, _ in options}
    assert inactive.pk not in offered
    assert offered == set(Bairro.objects.active().values_list("pk", flat=True))
    regional_of = dict(Bairro.objects.values_list("pk", "regional__name"))
    for label, options in groups.items():
        assert {regional_of[int(str(value))] for value, _ in options} == {label}


def test_signup_rejects_an_inactive_bairro():
    bairro = Bairro.objects.order_by("pk").first()
    bairro.is_active = False
    bairro.save()
    form = AllauthSignupForm(data=signup_data(bairro=str(bairro.pk)))
    assert not form.is_valid()
    assert "bairro" in form.errors


class TestProfileForm:
    def data(self, user, **overrides):
        data = {
            "full_name": user.full_name,
            "cpf": "",
            "phone": "",
            "bairro": "",
            "language": "pt-br",
        }
        data.update(overrides)
        return data

    def test_masked_cpf_is_accepted_and_stored_unmasked(self, citizen):
        form = ProfileForm(
            data=self.data(citizen, cpf=VALID_CPF_MASKED), instance=citizen
        )
        assert form.is_valid(), form.errors
        assert form.cleaned_data["cpf"] == VALID_CPF

    def test_invalid_cpf_error_in_pt_br(self, citizen):
        form = ProfileForm(
            data=self.data(citizen, cpf="123.456.789-00"), instance=citizen
        )
        assert not form.is_valid()
        assert form.errors["cpf"] == [
            "Informe um CPF válido, com 11 dígitos (ex.: 123.456.789-09)."
        ]

    def test_duplicate_cpf_error_in_pt_br(self, citizen, user_factory):
        user_factory(cpf=VALID_CPF)
        form = ProfileForm(
            data=self.data(citizen, cpf=VALID_CPF_MASKED), instance=citizen
        )
        assert not form.is_valid()
        assert len(form.errors["cpf"]) == 1
        # Generic: the answer must not confirm that someone else holds it.
        assert "outra conta" not in form.errors["cpf"][0]
        assert "Não foi possível usar este CPF" in form.errors["cpf"][0]

    def test_keeping_ones_own_cpf_is_not_a_duplicate(self, user_factory):
        person = user_factory(cpf=OTHER_VALID_CPF)
        form = ProfileForm(data=self.data(person, cpf=OTHER_VALID_CPF), instance=person)
        assert form.is_valid(), form.errors

    def test_bad_phone_error_in_pt_br(self, citizen):
        form = ProfileForm(data=self.data(citizen, phone="1234"), instance=citizen)
        assert not form.is_valid()
        assert "Informe um telefone com DDD" in form.errors["phone"][0]

    def test_phone_stored_as_digits(self, citizen):
        form = ProfileForm(
            data=self.data(citizen, phone="(31) 98888-7777"), instance=citizen
        )
        assert form.is_valid(), form.errors
        assert form.cleaned_data["phone"] == "31988887777"

    def test_initial_values_are_masked_for_display(self, user_factory):
        person = user_factory(cpf=VALID_CPF, phone="31988887777")
        form = ProfileForm(instance=person)
        assert form.initial["cpf"] == VALID_CPF_MASKED
        assert form.initial["phone"] == "(31) 98888-7777"

    def test_a_deactivated_bairro_stays_selectable_for_who_has_it(self, user_factory):
        bairro = Bairro.objects.order_by("pk").first()
        person = user_factory(bairro=bairro)
        bairro.is_active = False
        bairro.save()
        form = ProfileForm(
            data=self.data(person, bairro=str(bairro.pk)), instance=person
        )
        assert form.is_valid(), form.errors
        other = user_factory()
        form = ProfileForm(data=self.data(other, bairro=str(bairro.pk)), instance=other)
        assert not form.is_valid()
