import pytest

from civic.accounts import personal_data

pytestmark = pytest.mark.django_db


def test_accounts_registers_its_own_sections():
    assert {"account", "email_addresses", "consents", "sessions", "mfa"} <= set(
        personal_data.exporters()
    )


def test_register_exporter_adds_a_section_and_replacing_keeps_one(citizen):
    personal_data.register_exporter("extra", lambda user: {"v": 1})
    personal_data.register_exporter("extra", lambda user: {"v": 2})
    try:
        data = personal_data.collect(citizen)
        assert data["sections"]["extra"] == {"v": 2}
        assert data["account_id"] == citizen.pk
    finally:
        personal_data.unregister_exporter("extra")
    assert "extra" not in personal_data.exporters()


def test_register_eraser_is_not_duplicated():
    def eraser(user):
        return None

    personal_data.register_eraser(eraser)
    personal_data.register_eraser(eraser)
    try:
        assert personal_data.erasers().count(eraser) == 1
    finally:
        personal_data.unregister_eraser(eraser)
    assert eraser not in personal_data.erasers()


def test_exported_account_section_never_contains_credentials(citizen):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(citizen, secret)
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    text = json.dumps(personal_data.collect(citizen), cls=DjangoJSONEncoder)
    assert citizen.password not in text
    assert secret not in text
    assert '"type": "totp"' in text
