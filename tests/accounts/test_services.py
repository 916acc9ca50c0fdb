import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.usersessions.models import UserSession
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from civic.accounts import personal_data
from civic.accounts.models import AccountDeletion, Consent, User
from civic.accounts.services import account_erase, consents_record, profile_update
from civic.accounts.signals import account_erased

from .conftest import VALID_CPF

pytestmark = pytest.mark.django_db


@override_settings(CIVIC_TERMS_VERSION="t-1", CIVIC_PRIVACY_VERSION="p-1")
def test_consents_record_one_row_per_document_and_is_idempotent(citizen):
    first = consents_record(user=citizen, ip_address="198.51.100.9")
    again = consents_record(user=citizen, ip_address="203.0.113.1")
    assert {(c.document, c.version) for c in first} == {
        ("terms", "t-1"),
        ("privacy", "p-1"),
    }
    assert [c.pk for c in first] == [c.pk for c in again]
    assert set(
        Consent.objects.filter(user=citizen).values_list("ip_address", flat=True)
    ) == {"198.51.100.9"}


def test_a_new_document_version_adds_a_record(citizen, settings):
    consents_record(user=citizen, ip_address=None)
    settings.CIVIC_TERMS_VERSION = "2099-01-01"
    consents_record(user=citizen, ip_address=None, documents=["terms"])
    assert citizen.consents.filter(document="terms").count() == 2


def test_profile_update_only_by_the_owner(citizen, user_factory):
    with pytest.raises(PermissionDenied):
        profile_update(user=citizen, by=user_factory(), full_name="Outra")
    with pytest.raises(ValueError, match="Not editable"):
        profile_update(user=citizen, by=citizen, is_superuser=True)
    profile_update(user=citizen, by=citizen, full_name="Nome Novo")
    citizen.refresh_from_db()
    assert citizen.full_name == "Nome Novo"


@pytest.fixture
def rich_user(user_factory, bairro):
    person = user_factory(
        full_name="Pessoa Completa", cpf=VALID_CPF, phone="31988887777", bairro=bairro
    )
    consents_record(user=person, ip_address="198.51.100.9")
    TOTP.activate(person, generate_totp_secret())
    store = SessionStore()
    store["_auth_user_id"] = str(person.pk)
    store.create()
    UserSession.objects.create(
        user=person,
        ip="198.51.100.9",
        session_key=store.session_key,
        user_agent="Teste",
    )
    return person, store.session_key


def test_account_erase_removes_personal_data_and_keeps_an_anonymous_row(rich_user):
    person, session_key = rich_user
    deletion = account_erase(user=person, by=person)

    person.refresh_from_db()
    assert person.email == f"removido-{person.pk}@contas.invalid"
    assert person.full_name == person.cpf == person.phone == ""
    assert person.bairro is None
    assert person.is_active is False
    assert not person.has_usable_password()
    assert person.deleted_at is not None
    assert person.display_name == "Participante removido"
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not Authenticator.objects.filter(user=person).exists()
    assert not UserSession.objects.filter(user=person).exists()
    assert not SessionStore().exists(session_key)
    assert not Consent.objects.filter(user=person).exists()
    assert deletion == AccountDeletion.objects.get()
    assert deletion.user_id_erased == person.pk
    assert deletion.by_self is True


def test_account_erase_sends_the_signal_and_runs_registered_erasers(citizen):
    seen = {}

    def eraser(user):
        # Runs before the account fields are cleared.
        seen["eraser_email"] = user.email

    def receiver(sender, user, by, deletion, **kwargs):
        seen["signal"] = (user.pk, by.pk, deletion.pk, user.email)

    original_email = citizen.email
    personal_data.register_eraser(eraser)
    account_erased.connect(receiver)
    try:
        deletion = account_erase(user=citizen, by=citizen)
    finally:
        personal_data.unregister_eraser(eraser)
        account_erased.disconnect(receiver)
    assert seen["eraser_email"] == original_email
    assert seen["signal"] == (citizen.pk, citizen.pk, deletion.pk, citizen.email)
    assert citizen.email.endswith("@contas.invalid")


def test_account_erase_is_atomic(citizen):
    def broken_eraser(user):
        raise RuntimeError("boom")

    personal_data.register_eraser(broken_eraser)
    try:
        with pytest.raises(RuntimeError):
            account_erase(user=citizen, by=citizen)
    finally:
        personal_data.unregister_eraser(broken_eraser)
    citizen.refresh_from_db()
    assert citizen.deleted_at is None
    assert citizen.full_name == "Maria Cidadã"
    assert EmailAddress.objects.filter(user=citizen).exists()
    assert not AccountDeletion.objects.exists()


def test_nobody_erases_someone_else_except_a_superuser(citizen, staff_user, superuser):
    with pytest.raises(PermissionDenied):
        account_erase(user=citizen, by=staff_user)
    assert User.objects.get(pk=citizen.pk).deleted_at is None
    deletion = account_erase(user=citizen, by=superuser)
    assert deletion.by_self is False


def test_erasing_twice_does_nothing_the_second_time(citizen, superuser):
    account_erase(user=citizen, by=citizen)
    assert account_erase(user=citizen, by=superuser) is None
    assert AccountDeletion.objects.count() == 1
