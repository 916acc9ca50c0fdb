"""The whole NGO journey in a real browser: sign up, register an entity with an
alphanumeric CNPJ, upload its documents, submit; staff ask for a change; the
representative fixes it; staff approve; the entity is in the directory and the
API. axe-core checks every page on the way."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from entities.validators import cnpj_check_digits, format_cnpj
from tests.browser.helpers import log_in, tick
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory
from tests.factories.entities import MINIMAL_PDF

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "senha-da-associacao-2026"
CNPJ = "12ABC345" + "01DE" + cnpj_check_digits("12ABC34501DE")  # 12.ABC.345/01DE-35


def _sign_up(page, base, mailoutbox, axe):
    page.goto(base + "/accounts/signup/")
    page.locator("input[name=full_name]").fill("Rosa Maria Lima")
    page.locator("input[name=email]").fill("rosa@associacao.example.org")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    tick(page, "id_accept_terms")
    tick(page, "id_accept_privacy")
    page.locator("main form button[type=submit]").last.click()
    link = re.search(r"https?://\S*/accounts/confirm-email/\S*", mailoutbox[-1].body)
    page.goto(link.group(0))
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_role("navigation", name="Sua conta")).to_be_visible()


def _upload(page, base, entity_pk, doc_type, expires=None):
    page.goto(f"{base}/minhas-entidades/{entity_pk}/documentos/?tipo={doc_type}")
    page.locator("select[name=doc_type]").select_option(doc_type)
    page.locator("input[name=file]").set_input_files(
        {
            "name": f"{doc_type}.pdf",
            "mimeType": "application/pdf",
            "buffer": MINIMAL_PDF,
        }
    )
    issued = timezone.localdate() - dt.timedelta(days=3)
    page.locator("input[name=issued_on]").fill(issued.isoformat())
    if expires:
        page.locator("input[name=expires_on]").fill(expires.isoformat())
    page.locator("main form[enctype] button[type=submit]").click()
    expect(page.locator("main")).to_contain_text(f"{doc_type}.pdf")


def test_ngo_registers_is_reviewed_and_appears_in_the_directory(
    page, browser, live_server, axe, mailoutbox
):
    from entities.models import Entity
    from home.setup import ensure_site_content

    ensure_site_content()
    base = live_server.url
    staff = UserFactory(full_name="Analista da SRSC", email="analista@betim.example")
    staff.groups.add(Group.objects.get(name="Equipe SRSC"))

    # 1. Sign up, then register the entity with an alphanumeric CNPJ.
    _sign_up(page, base, mailoutbox, axe)
    page.goto(base + "/entidades/cadastrar/")
    axe(page, context="register entity")
    tick(page, "id_kind_0")
    page.locator("input[name=cnpj]").fill(format_cnpj(CNPJ).lower())
    page.locator("input[name=name]").fill("Associação Cultural Raízes do Imbiruçu")
    page.locator("input[name=trade_name]").fill("Raízes do Imbiruçu")
    tick(page, "id_areas_1")
    page.locator("input[name=email]").fill("contato@raizes.example.org")
    page.locator("main form button[type=submit]").first.click()
    entity = Entity.objects.get(cnpj=CNPJ)
    expect(page).to_have_url(re.compile(rf"/minhas-entidades/{entity.pk}/"))
    axe(page, context="entity dashboard (draft)")

    # Profile details the submission needs.
    page.goto(f"{base}/minhas-entidades/{entity.pk}/editar/")
    axe(page, context="edit entity")
    page.locator("select[name=legal_nature]").select_option(
        label="399-9 Associação Privada"
    )
    page.locator("textarea[name=summary]").fill(
        "Oficinas de percussão e capoeira para jovens do Imbiruçu."
    )
    page.locator("label", has_text="Imbiruçu").first.click(position={"x": 8, "y": 12})
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("main")).not_to_contain_text("Corrija")

    page.goto(f"{base}/minhas-entidades/{entity.pk}/diretoria/")
    axe(page, context="board")
    page.locator("input[name=board_members-0-name]").fill("Rosa Maria Lima")
    page.locator("input[name=board_members-0-role]").fill("Presidente")
    tick(page, "id_board_members-0-is_legal_representative")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("main")).to_contain_text("Rosa Maria Lima")

    # 2. Upload the founding documents and submit.
    for doc_type in ("estatuto", "ata_eleicao", "cartao_cnpj"):
        _upload(page, base, entity.pk, doc_type)
    _upload(
        page,
        base,
        entity.pk,
        "cnd_federal",
        expires=timezone.localdate() + dt.timedelta(days=170),
    )
    axe(page, context="documents")
    page.goto(f"{base}/minhas-entidades/{entity.pk}/")
    page.get_by_role("button", name="Enviar para análise").click()
    entity.refresh_from_db()
    assert entity.status == Entity.Status.SUBMITTED

    # 3. Staff ask for a change in the admin.
    staff_context = browser.new_context(locale="pt-BR")
    staff_page = staff_context.new_page()
    log_in(staff_page, base, staff.email, DEFAULT_PASSWORD)
    staff_page.goto(f"{base}/admin/entidades/cadastros/")
    expect(staff_page.locator("main")).to_contain_text("Raízes do Imbiruçu")
    staff_page.get_by_role("link", name=re.compile("Raízes do Imbiruçu")).first.click()
    axe(staff_page, context="admin review page")
    changes = staff_page.locator("details[data-review-action=request_changes]")
    changes.locator("summary").click()
    changes.locator("textarea").fill("Informe um telefone de contato da associação.")
    changes.locator("button[type=submit]").click()
    entity.refresh_from_db()
    assert entity.status == Entity.Status.CHANGES_REQUESTED

    # The representative reads the note, fixes it and resubmits.
    page.goto(f"{base}/minhas-entidades/{entity.pk}/")
    expect(page.locator("main")).to_contain_text("Informe um telefone de contato")
    page.goto(f"{base}/minhas-entidades/{entity.pk}/editar/")
    page.locator("input[name=phone]").fill("(31) 3595-1234")
    page.locator("main form button[type=submit]").first.click()
    page.goto(f"{base}/minhas-entidades/{entity.pk}/")
    page.get_by_role("button", name="Reenviar para análise").click()
    entity.refresh_from_db()
    assert entity.status == Entity.Status.RESUBMITTED
    assert entity.phone == "3135951234"

    # 4. Staff approve.
    staff_page.goto(f"{base}/admin/entidades/cadastros/{entity.pk}/")
    approve = staff_page.locator("details[data-review-action=approve]")
    approve.locator("button[type=submit]").click()
    entity.refresh_from_db()
    assert entity.status == Entity.Status.APPROVED
    staff_context.close()

    # 5. The entity is in the public directory and the API, for anyone.
    anonymous = browser.new_context(locale="pt-BR").new_page()
    anonymous.goto(base + "/entidades/?q=raizes+imbirucu")
    expect(anonymous.locator("main")).to_contain_text("Raízes do Imbiruçu")
    axe(anonymous, context="directory search")
    anonymous.get_by_role("link", name=re.compile("Raízes do Imbiruçu")).first.click()
    expect(anonymous.locator("main")).to_contain_text("12.ABC.345/01DE-35")
    axe(anonymous, context="public profile")
    api = anonymous.request.get(base + "/api/v1/entidades/?q=raizes")
    assert api.ok
    names = [item["nome_fantasia"] for item in api.json()["items"]]
    assert "Raízes do Imbiruçu" in names, api.json()

    subjects = [m.subject for m in mailoutbox]
    assert any("ajustes solicitados" in s for s in subjects), subjects
    assert any("cadastro aprovado" in s for s in subjects), subjects
