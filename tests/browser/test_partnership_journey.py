"""A partnership's whole life in a real browser (issue 10, "How it is
checked"): staff publish a chamamento in the admin; an entity's
representative sends a proposal on the site; the committee member declares
and scores it; staff publish the preliminary result, the representative
appeals and staff decide; homologation and habilitação; the termo is signed
and its extrato published; a parcela is released; the entity presents its
final accounts and staff judge them; `/parcerias/` shows the six fields of
art. 11. axe-core checks the public pages on the way.

Time moves in the database, not by sleeping. The legal periods (30 days for
proposals, 5 for appeals, the end of the vigência) are stored due dates that
the services compare with the live server's clock, in another thread and
process-wide, so freezegun cannot move it safely and nobody waits 30 days:
between steps the test moves the stored due date into the past
(`_pass(...)`), which is exactly what the passing of time does to them.
"""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from entities.partnerships.models import (
    Accountability,
    Appeal,
    Call,
    Goal,
    Installment,
    Partnership,
    Proposal,
    Score,
    TeamPosition,
)
from tests.browser.helpers import log_in, tick
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory
from tests.factories.councils import CouncilFactory, approved_entity
from tests.factories.entities import MINIMAL_PDF, RepresentativeFactory

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "fia-contraturno-2026"
ENTITY_NAME = "Associação Esportiva Bola na Rede do Guanabara"
PDF = {"name": "plano.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}


def _admin_datetime(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _pass(model, pk, **fields) -> None:
    """Move stored due dates into the past: the time the law gives has run."""
    model.objects.filter(pk=pk).update(**fields)


def _ago(**kwargs) -> dt.datetime:
    return timezone.now() - dt.timedelta(**kwargs)


def _context(browser):
    context = browser.new_context(locale="pt-BR", timezone_id="America/Sao_Paulo")
    context.set_default_timeout(10_000)
    return context


def _transition(page, label: str) -> None:
    page.get_by_role("button", name=label).click()
    expect(page.locator(".messages")).to_contain_text("Feito")


def _op_form(page, op: str):
    """The manage page's form of one operation."""
    return page.locator("form").filter(has=page.locator(f"input[name=op][value={op}]"))


def _people():
    staff = UserFactory(full_name="Analista da SRSC")
    staff.groups.add(Group.objects.get(name="Equipe SRSC"))
    representative = UserFactory(full_name="Rosa Maria Lima")
    entity = approved_entity(name=ENTITY_NAME, founded_on=dt.date(2009, 3, 14))
    RepresentativeFactory(entity=entity, user=representative)
    member = UserFactory(
        full_name="Otávio Mendes Carvalho", email="otavio@betim.example"
    )
    return staff, representative, member, entity


def _publish_call(page, base, council, member) -> Call:
    """1. Staff write the edital in the admin, set it up and publish it."""
    page.goto(base + reverse("partnerships_calls:add"))
    form = page.locator("form[method=post]").filter(has=page.locator("[name=title]"))
    form.locator("[name=number]").fill("CMDCA-FIA 001/2026")
    form.locator("[name=slug]").fill(SLUG)
    form.locator("[name=title]").fill("Contraturno escolar para crianças (FIA)")
    form.locator("select[name=instrument]").select_option("fomento")
    form.locator("select[name=body]").select_option(
        label="Secretaria Municipal de Assistência Social (SEMAS)"
    )
    form.locator("select[name=council]").select_option(label=str(council))
    form.locator("[name=object]").fill(
        "Atividades esportivas no contraturno para crianças de 6 a 14 anos."
    )
    form.locator("[name=budget_line]").fill("02.08.01.08.243.0012.2.045 (FIA)")
    form.locator("[name=expected_value]").fill("120000.00")
    form.locator("[name=proposal_rules]").fill("Propostas pelo Participa Betim.")
    form.locator("[name=appeal_rules]").fill("Recurso em 5 dias do resultado.")
    form.locator("[name=accessibility]").fill("Atendimento com Libras na SRSC.")
    form.locator("[name=proposals_end_at]").fill(
        _admin_datetime(timezone.now() + dt.timedelta(days=31))
    )
    page.keyboard.press("Escape")  # close the date picker
    form.locator("button[type=submit]").first.click()
    call = Call.objects.get(slug=SLUG)
    assert call.status == Call.Status.DRAFT

    page.goto(base + reverse("partnerships_calls:manage", args=[call.pk]))
    criterion = _op_form(page, "add_criterion")
    criterion.locator("[name=name]").fill("Adequação ao objeto")
    criterion.locator("[name=weight]").fill("2")
    criterion.locator("[name=max_score]").fill("10")
    criterion.get_by_role("button", name="Adicionar critério").click()
    documents = _op_form(page, "add_document")
    documents.locator("select[name=kind]").select_option("edital")
    documents.locator("[name=title]").fill("Edital CMDCA-FIA 001/2026")
    documents.locator("[name=file]").set_input_files({**PDF, "name": "edital.pdf"})
    documents.get_by_role("button", name="Anexar").click()
    members = _op_form(page, "add_member")
    members.locator("[name=email]").fill(member.email)
    members.locator("[name=designation_act]").fill("Portaria SRSC nº 41/2026")
    members.get_by_role("button", name="Designar").click()
    _transition(page, "Publicar o edital")
    call.refresh_from_db()
    assert call.status == Call.Status.PUBLISHED
    return call


def _propose(page, base, call) -> Proposal:
    """2. The representative writes, documents and sends the proposal."""
    page.goto(f"{base}/chamamentos/{SLUG}/proposta/")
    page.locator("[name=summary]").fill("Escolinhas de futebol para 120 crianças.")
    page.locator("[name=requested_value]").fill("R$ 118.500,00")
    page.locator("[name=plan_draft]").fill("Metas: 120 crianças, 4 turmas por semana.")
    page.get_by_role("button", name="Salvar rascunho").click()
    expect(page.locator("main")).to_contain_text("Rascunho")
    page.locator("[name=title]").fill("Plano de trabalho e orçamento")
    page.locator("[name=file]").set_input_files(PDF)
    page.get_by_role("button", name="Anexar documento").click()
    expect(page.locator("main")).to_contain_text("Plano de trabalho e orçamento")
    page.get_by_role("button", name="Enviar a proposta").click()
    proposal = Proposal.objects.get(call=call)
    assert proposal.status == Proposal.Status.SUBMITTED
    assert str(proposal.requested_value) == "118500.00"
    return proposal


def _score(page, base, proposal) -> None:
    """3. The committee member declares no impediment and scores."""
    page.goto(f"{base}/chamamentos/{SLUG}/comissao/")
    page.get_by_role("button", name="Registrar declaração").click()
    expect(page.locator("main")).to_contain_text("Declaração feita em")
    page.get_by_role("link", name="Avaliar").click()
    criterion = proposal.call.criteria.get()
    page.locator(f"[name=value_{criterion.pk}]").fill("12")
    page.get_by_role("button", name="Registrar notas").click()
    expect(page.locator("main")).to_contain_text("entre 0 e 10")
    page.locator(f"[name=value_{criterion.pk}]").fill("8,5")
    page.get_by_role("button", name="Registrar notas").click()
    assert Score.objects.get(proposal=proposal).value == 8.5


def test_chamamento_to_closed_partnership(browser, live_server, axe, mailoutbox):
    from home.setup import ensure_site_content

    ensure_site_content()
    base = live_server.url
    council = CouncilFactory(
        name="Conselho Municipal dos Direitos da Criança e do Adolescente",
        acronym="CMDCA",
        slug="cmdca",
    )
    staff, representative, member, _entity = _people()
    staff_page = _context(browser).new_page()
    log_in(staff_page, base, staff.email, DEFAULT_PASSWORD)
    entity_page = _context(browser).new_page()
    log_in(entity_page, base, representative.email, DEFAULT_PASSWORD)
    member_page = _context(browser).new_page()
    log_in(member_page, base, member.email, DEFAULT_PASSWORD)
    public = _context(browser).new_page()

    call = _publish_call(staff_page, base, council, member)
    public.goto(f"{base}/chamamentos/")
    public.get_by_role("link", name=re.compile("Contraturno escolar")).first.click()
    expect(public.locator("main")).to_contain_text("CMDCA-FIA 001/2026")
    axe(public, context="call page (published)")
    public.goto(f"{base}/chamamentos/")
    axe(public, context="/chamamentos/")

    proposal = _propose(entity_page, base, call)
    axe(entity_page, context="proposal page (submitted)")

    # The 30 days for proposals (art. 26) have run.
    _pass(Call, call.pk, proposals_end_at=_ago(minutes=1))
    staff_page.reload()
    _transition(staff_page, "Encerrar o recebimento de propostas")
    _score(member_page, base, proposal)

    # 4. Preliminary result, appeal, decision.
    staff_page.reload()
    _transition(staff_page, "Publicar o resultado preliminar")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.rank) == (Proposal.Status.RANKED, 1)
    entity_page.goto(f"{base}/chamamentos/{SLUG}/proposta/")
    entity_page.get_by_role("link", name="Recorrer do resultado preliminar").click()
    entity_page.locator("[name=text]").fill(
        "Pedimos rever a nota: há 12 anos de oficinas."
    )
    entity_page.get_by_role("button", name="Registrar recurso").click()
    appeal = Appeal.objects.get(proposal=proposal)
    staff_page.reload()
    staff_page.locator(f"#outcome-{appeal.pk}").select_option("denied")
    staff_page.locator(f"#decision-{appeal.pk}").fill("A nota considerou o histórico.")
    staff_page.get_by_role("button", name="Decidir").click()
    expect(staff_page.locator(".messages")).to_contain_text("Recurso decidido")
    appeal.refresh_from_db()
    assert appeal.outcome == Appeal.Outcome.DENIED
    public.goto(f"{base}/chamamentos/{SLUG}/")
    expect(public.locator("main")).to_contain_text("Não provido")
    axe(public, context="call page (preliminary result, appeal decided)")

    # 5. The appeal window (5 days) has run: homologation, then habilitação.
    _pass(Call, call.pk, appeal_ends_at=_ago(minutes=1))
    staff_page.reload()
    _transition(staff_page, "Homologar o resultado")
    staff_page.get_by_role("button", name=re.compile("Verificar a habilitação")).click()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.HABILITATED, proposal.decision_note

    partnership = _celebrate(staff_page, base, call, proposal, member)
    _execute_and_account(staff_page, entity_page, base, partnership)
    _transparency(public, base, partnership, axe)


def _celebrate(page, base, call, proposal, member) -> Partnership:
    """6. The termo from the habilitated proposal, its plano de trabalho
    written (the plano's formsets have their own admin tests), then signed
    and its extrato published in the admin."""
    today = timezone.localdate()
    gestor = UserFactory(full_name="Gestora da Parceria")
    partnership = Partnership.objects.create(
        number="TF 001/2026",
        instrument="fomento",
        origin=Partnership.Origin.CALL,
        call=call,
        proposal=proposal,
        entity=proposal.entity,
        body=call.body,
        council=call.council,
        object=call.object,
        total_value="120000.00",
        starts_on=today,
        ends_on=today + dt.timedelta(days=300),
        gestor=gestor,
        gestor_act="Portaria SEMAS nº 118/2026",
    )
    partnership.monitoring_committee.add(member)
    Goal.objects.create(
        partnership=partnership,
        description="Atender 120 crianças",
        indicator="Crianças com frequência mínima de 75%",
        verification="Listas de presença",
    )
    for number, due in ((1, today), (2, today + dt.timedelta(days=150))):
        Installment.objects.create(
            partnership=partnership, number=number, value="60000.00", due_on=due
        )
    TeamPosition.objects.create(
        partnership=partnership, function="Coordenação técnica", monthly_pay="3200.00"
    )
    manage = base + reverse("partnerships_partnerships:inspect", args=[partnership.pk])
    page.goto(manage)
    page.get_by_role("link", name="Registrar a assinatura").click()
    page.locator("[name=signed_on]").fill(today.isoformat())
    page.get_by_role("button", name="Registrar a assinatura").click()
    expect(page.locator(".messages")).to_contain_text("assinatura")
    # Art. 38: no parcela is released before the extrato is published.
    assert not page.get_by_role("link", name="Liberar").count()
    page.get_by_role("link", name="Registrar a publicação do extrato").click()
    page.locator("[name=published_on]").fill(today.isoformat())
    page.locator("[name=place]").fill("Diário Oficial do Município de Betim")
    page.get_by_role("button", name="Registrar a publicação do extrato").click()
    partnership.refresh_from_db()
    assert partnership.status == Partnership.Status.EXECUTING
    return partnership


def _execute_and_account(staff_page, entity_page, base, partnership) -> None:
    """7. A parcela is released; 8. the vigência ends, the entity presents
    its final accounts, staff judge them regular and close the partnership."""
    manage = base + reverse("partnerships_partnerships:inspect", args=[partnership.pk])
    staff_page.goto(manage)
    staff_page.get_by_role("link", name="Liberar").first.click()
    staff_page.locator("[name=released_on]").fill(timezone.localdate().isoformat())
    staff_page.get_by_role("button", name="Liberar parcela").click()
    expect(staff_page.locator(".messages")).to_contain_text("Liberar parcela")
    assert list(
        partnership.installments.order_by("number").values_list("status", flat=True)
    ) == ["released", "scheduled"]

    # The vigência has run to its last day.
    today = timezone.localdate()
    _pass(
        Partnership,
        partnership.pk,
        starts_on=today - dt.timedelta(days=300),
        ends_on=today,
    )
    staff_page.goto(manage)
    staff_page.get_by_role("link", name="Encerrar a vigência").click()
    staff_page.get_by_role("button", name="Encerrar a vigência").click()
    final = Accountability.objects.get(partnership=partnership)
    assert final.kind == Accountability.Kind.FINAL

    entity_page.goto(
        base + reverse("partnerships:entity_accounts_present", args=[final.pk])
    )
    entity_page.locator("[name=execution_report]").fill(
        "120 crianças atendidas em 4 turmas; metas cumpridas."
    )
    tick(entity_page, "id_goals_met")
    entity_page.locator("main form button[type=submit]").last.click()
    final.refresh_from_db()
    assert final.status == Accountability.Status.PRESENTED

    staff_page.goto(base + reverse("partnerships_accounts:inspect", args=[final.pk]))
    staff_page.get_by_role("link", name="Concluir: regular", exact=True).click()
    staff_page.locator("[name=note]").fill("Metas cumpridas conforme o relatório.")
    staff_page.get_by_role("button", name="Concluir: regular", exact=True).click()
    final.refresh_from_db()
    assert final.status == Accountability.Status.REGULAR
    staff_page.goto(manage)
    staff_page.get_by_role("link", name="Encerrar a parceria").click()
    staff_page.get_by_role("button", name="Encerrar a parceria").click()
    partnership.refresh_from_db()
    assert partnership.status == Partnership.Status.CLOSED


def _transparency(page, base, partnership, axe) -> None:
    """9. `/parcerias/` shows the six fields of art. 11 § único."""
    final = partnership.accountabilities.get()
    page.goto(f"{base}/parcerias/")
    axe(page, context="/parcerias/")
    main = page.locator("main")
    for text in (
        partnership.signed_on.strftime("%d/%m/%Y"),  # I: signature date
        "Termo de fomento",  # I: instrument
        "Secretaria Municipal de Assistência Social",  # I: body
        ENTITY_NAME,  # II: OSC name
        partnership.entity.cnpj_display,  # II: its CNPJ
        "Atividades esportivas no contraturno",  # III: object
        "R$ 120.000,00",  # IV: total value
        "R$ 60.000,00",  # IV: released
    ):
        expect(main).to_contain_text(text)
    page.goto(base + reverse("partnerships:detail", args=[partnership.pk]))
    axe(page, context="partnership page")
    main = page.locator("main")
    for text in (
        final.due_on.strftime("%d/%m/%Y"),  # V: accounts due
        final.presented_on.strftime("%d/%m/%Y"),  # V: presented
        final.analysis_due_on.strftime("%d/%m/%Y"),  # V: analysis deadline
        "regular",  # V: result
        "Coordenação técnica",  # VI: team function
        "R$ 3.200,00",  # VI: its pay
    ):
        expect(main).to_contain_text(text, ignore_case=True)
    # The art. 12 channel to report irregularities.
    page.goto(base + reverse("partnerships:report"))
    axe(page, context="denúncia form")
