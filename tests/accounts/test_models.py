import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from civic.accounts.models import User

from .conftest import VALID_CPF, VALID_CPF_MASKED

pytestmark = pytest.mark.django_db


def test_display_name_is_the_full_name(citizen):
    assert citizen.display_name == "Maria Cidadã"
    assert str(citizen) == "Maria Cidadã"


def test_display_name_of_an_erased_account_hides_the_person(citizen):
    citizen.deleted_at = timezone.now()
    assert citizen.display_name == "Participante removido"


def test_cpf_is_masked_for_the_owner(user_factory):
    person = user_factory(cpf=VALID_CPF)
    assert person.cpf_masked == VALID_CPF_MASKED


def test_cpf_is_unique_but_many_people_may_leave_it_blank(user_factory):
    user_factory(cpf="")
    user_factory(cpf="")
    user_factory(cpf=VALID_CPF)
    with pytest.raises(IntegrityError), transaction.atomic():
        user_factory(cpf=VALID_CPF)


def test_email_is_unique_case_insensitively(user_factory):
    user_factory(email="Pessoa@Example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="pessoa@example.org", full_name="Outra")


def test_manager_lowercases_email():
    person = User.objects.create_user("Alguem@Example.ORG", "x", full_name="A")
    assert person.email == "alguem@example.org"
