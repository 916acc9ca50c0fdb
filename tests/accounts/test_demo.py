import pytest
from allauth.account.models import EmailAddress

from civic.accounts.demo import ensure_demo_citizen, ensure_demo_staff
from civic.accounts.models import User

from .conftest import login

pytestmark = pytest.mark.django_db


def test_demo_staff_is_idempotent_and_can_log_in(client):
    email, password = ensure_demo_staff()
    assert ensure_demo_staff() == (email, password)
    assert email == "equipe@participa.betim.example"
    person = User.objects.get(email=email)
    assert person.full_name == "Equipe SRSC (demonstração)"
    assert not person.is_superuser
    assert list(person.groups.values_list("name", flat=True)) == ["Equipe SRSC"]
    assert EmailAddress.objects.get(user=person).verified
    assert User.objects.filter(email=email).count() == 1
    login(client, person, password)


def test_demo_citizen_is_idempotent_and_can_log_in(client):
    email, password = ensure_demo_citizen()
    ensure_demo_citizen()
    person = User.objects.get(email=email)
    assert email == "cidada@participa.betim.example"
    assert not person.groups.exists()
    assert person.consents.count() == 2
    login(client, person, password)
