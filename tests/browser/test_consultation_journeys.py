"""Public consultations in a real browser: a citizen comments on a paragraph and
supports someone else's contribution; after closing, staff answer every
contribution in the admin and publish the report, which the public then reads.
axe-core checks the public pages on the way."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from consultations.models import Consultation, Contribution
from tests.browser.helpers import log_in, tick
from tests.consultations.consultation_support import consultation_with_text, device
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory
from tests.factories.consultations import ContributionFactory

pytestmark = pytest.mark.django_db(transaction=True)

S = Consultation.Status


def test_citizen_comments_on_paragraph_2_and_supports_another_contribution(
    page, live_server, axe
):
    from home.setup import ensure_site_content

    ensure_site_content()
    base = live_server.url
    consultation = consultation_with_text(
        S.OPEN, title="Política Municipal de Hortas Comunitárias"
    )
    paragraph = device(consultation, "art-2-par-2")
    other = ContributionFactory(
        consultation=consultation,
        text="As escolas rurais também devem ter hortas.",
        show_name=True,
        author=UserFactory(full_name="Joana Ribeiro"),
    )
    citizen = UserFactory(full_name="Marcos Vinícius Alves")

    # Anonymous visitors read the text; contributing asks them to sign in.
    page.goto(f"{base}/consultas/{consultation.slug}/")
    expect(page.locator("h1")).to_contain_text("Hortas Comunitárias")
    axe(page, context="consultation detail (anonymous)")

    log_in(page, base, citizen.email, DEFAULT_PASSWORD)
    page.goto(f"{base}/consultas/{consultation.slug}/")
    # The paragraph's own page is linked from the text and addressable by URL.
    page.locator(f"#{paragraph.anchor} a").click()
    expect(page).to_have_url(
        f"{base}/consultas/{consultation.slug}/dispositivos/{paragraph.anchor}/"
    )
    expect(page.locator("main")).to_contain_text("conselho escolar")
    axe(page, context="device page")

    # The form is pre-set on this paragraph; an empty text is refused, with the
    # position the person chose kept.
    tick(page, "id_position_2")  # Discordo
    page.get_by_role("button", name="Enviar contribuição").click()
    expect(page.locator("main")).to_contain_text("Escreva sua contribuição.")
    expect(page.locator("#id_position_2")).to_be_checked()
    axe(page, context="contribution form with errors")

    page.locator("textarea[name=text]").fill(
        "O parecer do conselho escolar atrasa a horta; basta comunicar ao conselho."
    )
    page.get_by_role("button", name="Enviar contribuição").click()
    expect(page.locator("main")).to_contain_text("Contribuição publicada")
    mine = Contribution.objects.get(author=citizen)
    assert mine.device == paragraph
    assert mine.position == Contribution.Position.DISAGREE
    assert mine.show_name is False
    expect(page.locator(f"#contribuicao-{mine.pk}")).to_contain_text("Participante")

    # Support Joana's contribution from the consultation page.
    page.goto(f"{base}/consultas/{consultation.slug}/")
    card = page.locator(f"#contribuicao-{other.pk}")
    card.get_by_role("button", name="Apoiar").click()
    card = page.locator(f"#contribuicao-{other.pk}")
    expect(card).to_contain_text("1 apoio")
    expect(card.get_by_role("button", name="Apoiada")).to_have_attribute(
        "aria-pressed", "true"
    )
    other.refresh_from_db()
    assert other.support_count == 1
    axe(page, context="consultation detail (signed in)")


def test_staff_answer_every_contribution_and_the_report_appears(page, live_server, axe):
    from home.setup import ensure_site_content

    ensure_site_content()
    base = live_server.url
    consultation = consultation_with_text(
        S.OPEN, title="Política Municipal de Hortas Comunitárias"
    )
    first = ContributionFactory(
        consultation=consultation,
        device=device(consultation, "art-2-par-2"),
        position=Contribution.Position.DISAGREE,
        text="O parecer do conselho escolar atrasa a horta.",
    )
    second = ContributionFactory(
        consultation=consultation, text="Incluir as escolas rurais."
    )
    # The consultation closes; staff have the devolutiva to write.
    Consultation.objects.filter(pk=consultation.pk).update(
        status=S.CLOSED, closes_at=timezone.now() - timedelta(hours=1)
    )
    staff = UserFactory(full_name="Analista da SRSC")
    staff.groups.add(Group.objects.get(name="Equipe SRSC"))
    log_in(page, base, staff.email, DEFAULT_PASSWORD)

    answers = {
        first: ("partly", "Acatada em parte: o conselho será ouvido em 15 dias."),
        second: ("accepted", "Acatada: o art. 2º passa a citar as escolas rurais."),
    }
    for contribution, (answer, justification) in answers.items():
        page.goto(f"{base}/admin/participacao/contribuicoes/{contribution.pk}/")
        form = page.locator("form[data-contribution-action=answer]")
        form.locator(f"input[name=answer][value={answer}]").check()
        form.locator("textarea[name=answer_text]").fill(justification)
        form.locator("button[type=submit]").click()
        expect(page.locator(".messages")).to_contain_text("Resposta registrada")

    page.goto(f"{base}/admin/participacao/consultas/edit/{consultation.pk}/")
    page.locator("form[data-workflow-action=publish_report] button").click()
    expect(page.locator(".messages")).to_contain_text("relatório", ignore_case=True)
    consultation.refresh_from_db()
    assert consultation.status == S.ANSWERED

    # The public reads the report: counts per device, the answers, downloads.
    page.goto(f"{base}/consultas/{consultation.slug}/relatorio/")
    main = page.locator("main")
    expect(main).to_contain_text("Acatada em parte: o conselho será ouvido")
    expect(main).to_contain_text("Acatada: o art. 2º passa a citar")
    expect(main).to_contain_text("§ 2º")
    expect(page.get_by_role("link", name="CSV")).to_be_visible()
    expect(page.get_by_role("link", name="PDF")).to_be_visible()
    axe(page, context="consultation report")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.endswith(".csv")
