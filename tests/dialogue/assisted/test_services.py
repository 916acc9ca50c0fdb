"""The desk's services: consent first, an audit row for every act, managed
accounts, and claiming them with history kept."""

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.messages.storage import default_storage
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from civic.accounts.models import Consent
from civic.dialogue.assisted import claims, services
from civic.dialogue.assisted.models import AssistedAction, ClaimInvite
from civic.dialogue.models import Demand
from consultations.models import Contribution, Registration
from consultations.selectors.consultations import consultation_report

A = AssistedAction.Action
pytestmark = pytest.mark.django_db


def test_a_managed_account_has_no_deliverable_email_nor_password(managed):
    assert managed.is_managed
    assert managed.email.endswith("@balcao.invalid")
    assert not managed.has_usable_password()
    assert not EmailAddress.objects.filter(user=managed).exists()
    assert AssistedAction.objects.get(person=managed).action == A.CREATE_ACCOUNT


def test_consent_is_recorded_by_the_attendant_on_the_desk_channel(
    attendant, managed, settings
):
    services.consent_record(by=attendant, person=managed)
    rows = Consent.objects.filter(user=managed)
    assert {(c.document, c.version) for c in rows} == {
        ("terms", settings.CIVIC_TERMS_VERSION),
        ("privacy", settings.CIVIC_PRIVACY_VERSION),
    }
    assert {c.channel for c in rows} == {Consent.Channel.DESK}
    assert {c.recorded_by for c in rows} == {attendant}


@pytest.mark.parametrize("act", ["register", "contribute", "demand"])
def test_acting_without_consent_is_refused(
    act, attendant, managed, hearing, consultation
):
    calls = {
        "register": lambda: services.register_for_event(
            by=attendant, person=managed, event=hearing
        ),
        "contribute": lambda: services.contribute(
            by=attendant, person=managed, consultation=consultation, text="Quero isso."
        ),
        "demand": lambda: services.open_demand(
            by=attendant, person=managed, kind="pedido", subject="Buraco", text="Rua X"
        ),
    }
    with pytest.raises(ValidationError) as error:
        calls[act]()
    assert "consentimento" in error.value.messages[0]
    assert not AssistedAction.objects.filter(action=act).exists()


def test_revoked_consent_does_not_count(attendant, consented, hearing):
    consented.consents.update(revoked_at="2026-01-01T00:00Z")
    with pytest.raises(ValidationError):
        services.register_for_event(by=attendant, person=consented, event=hearing)


def test_a_managed_account_without_email_is_registered_for_a_hearing(
    attendant, consented, hearing
):
    registration = services.register_for_event(
        by=attendant, person=consented, event=hearing
    )
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.user == consented
    row = AssistedAction.objects.get(action=A.REGISTER)
    assert (row.actor, row.person, row.target) == (attendant, consented, registration)
    assert mail.outbox == []


def test_a_contribution_is_on_the_desk_channel_and_counts_in_the_report(
    attendant, consented, consultation
):
    contribution = services.contribute(
        by=attendant, person=consented, consultation=consultation, text="Mais ônibus."
    )
    contribution.refresh_from_db()
    assert contribution.channel == Contribution.Channel.DESK
    assert (contribution.author, contribution.recorded_by) == (consented, attendant)
    row = AssistedAction.objects.get(action=A.CONTRIBUTE)
    assert (row.actor, row.person, row.target) == (attendant, consented, contribution)
    totals = consultation_report(consultation).totals
    assert totals["contributions"] == 1
    assert totals["participants"] == 1


def test_a_demand_is_opened_in_the_persons_name_on_the_desk_channel(
    attendant, consented
):
    opened = services.open_demand(
        by=attendant, person=consented, kind="pedido", subject="Poste", text="Apagado"
    )
    demand = opened.demand
    assert (demand.requester, demand.channel) == (consented, Demand.Channel.DESK)
    row = AssistedAction.objects.get(action=A.DEMAND)
    assert (row.actor, row.person, row.target) == (attendant, consented, demand)
    assert row.object_label == demand.protocol


def test_every_action_type_leaves_an_audit_row(
    attendant, consented, hearing, consultation
):
    services.register_for_event(by=attendant, person=consented, event=hearing)
    services.contribute(
        by=attendant, person=consented, consultation=consultation, text="Texto"
    )
    services.open_demand(
        by=attendant, person=consented, kind="sugestao", subject="S", text="T"
    )
    claims.claim_invite_create(by=attendant, person=consented)
    assert set(
        AssistedAction.objects.filter(person=consented, actor=attendant).values_list(
            "action", flat=True
        )
    ) == set(A.values)


def test_only_the_desk_role_acts(citizen, staff_user, managed, superuser):
    for person in (citizen, staff_user):
        with pytest.raises(PermissionDenied):
            services.consent_record(by=person, person=managed)
        with pytest.raises(PermissionDenied):
            services.people_find(by=person, query="José")
    services.consent_record(by=superuser, person=managed)


def test_nobody_acts_for_a_superuser_or_for_themselves(attendant, superuser):
    with pytest.raises(PermissionDenied):
        services.consent_record(by=attendant, person=superuser)
    with pytest.raises(PermissionDenied):
        services.consent_record(by=attendant, person=attendant)


def test_search_needs_a_name_or_a_full_cpf(attendant, managed, citizen):
    assert services.people_find(by=attendant, query="") == []
    assert services.people_find(by=attendant, query="Jo") == []
    assert services.people_find(by=attendant, query="529") == []
    assert services.people_find(by=attendant, query="josé silva") == [managed]
    assert services.people_find(by=attendant, query="529.982.247-25") == [managed]
    assert services.mask_cpf(managed.cpf) == "***.982.247-**"


@pytest.fixture
def web(rf):
    """A request for allauth's confirmation email (it builds the link)."""
    request = rf.get("/")
    request.session = {}
    request._messages = default_storage(request)
    return request


def test_claim_keeps_history_and_needs_the_email_confirmed(
    attendant, consented, hearing, client, web
):
    registration = services.register_for_event(
        by=attendant, person=consented, event=hearing
    )
    code = claims.claim_invite_create(by=attendant, person=consented)
    claims.claim_start(
        code=code.lower().replace("-", " "),
        email="Jose@Example.org",
        password="uma-senha-bem-forte-42",
        request=web,
    )
    consented.refresh_from_db()
    assert consented.email == "jose@example.org"
    assert consented.is_managed  # until the email is confirmed
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jose@example.org"]
    address = EmailAddress.objects.get(user=consented)
    EmailConfirmationHMAC(address).confirm(web)
    consented.refresh_from_db()
    assert not consented.is_managed
    assert Registration.objects.get(pk=registration.pk).user == consented
    assert AssistedAction.objects.filter(person=consented).count() == 4
    assert client.login(email="jose@example.org", password="uma-senha-bem-forte-42")


def test_a_claim_code_works_once_and_a_new_invite_voids_the_old(
    attendant, managed, citizen, web
):
    old = claims.claim_invite_create(by=attendant, person=managed)
    code = claims.claim_invite_create(by=attendant, person=managed)
    with pytest.raises(ValidationError):
        claims.claim_start(
            code=old, email="a@example.org", password="senha-forte-991", request=web
        )
    with pytest.raises(ValidationError) as taken:
        claims.claim_start(
            code=code, email=citizen.email, password="senha-forte-991", request=web
        )
    assert "email" in taken.value.message_dict
    claims.claim_start(
        code=code, email="a@example.org", password="senha-forte-991", request=web
    )
    with pytest.raises(ValidationError):
        claims.claim_start(
            code=code, email="b@example.org", password="senha-forte-991", request=web
        )
    assert ClaimInvite.objects.filter(used_at__isnull=False).count() == 1


def test_an_own_account_gets_no_invite(attendant, citizen):
    with pytest.raises(ValidationError):
        claims.claim_invite_create(by=attendant, person=citizen)
