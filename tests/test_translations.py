"""The English catalogue is complete, compiled, and used."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

PO = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def test_every_string_has_an_english_translation():
    catalogue = polib.pofile(str(PO))
    assert len(catalogue) > 1000
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_compiled_catalogue_matches_the_source():
    def entries(catalogue):
        return {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in catalogue
            if not e.obsolete
        }

    assert entries(polib.mofile(str(MO))) == entries(polib.pofile(str(PO))), (
        "locale/en/LC_MESSAGES/django.mo is stale: run `make messages`."
    )


@pytest.mark.django_db
def test_the_site_speaks_english_when_asked(client):
    from home.setup import ensure_site_content

    ensure_site_content()
    with translation.override("en"):
        assert translation.gettext("Entrar") == "Sign in"
    client.cookies["django_language"] = "en"
    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in html
    assert "Sign in" in html
