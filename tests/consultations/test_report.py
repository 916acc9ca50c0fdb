"""The final report: page, CSV and PDF, public only once published."""

import csv
import io
import re

import pytest
from pypdf import PdfReader

from civic.territory.models import Bairro
from consultations.models import Contribution
from consultations.selectors.consultations import consultation_report
from tests.consultations.consultation_support import (
    S,
    approved_entity_with_representative,
    consultation_url,
    consultation_with_text,
    device,
    text_of,
)
from tests.factories.consultations import ContributionFactory

pytestmark = pytest.mark.django_db

C = Contribution


@pytest.fixture
def answered(user_factory):
    """A consultation with its report published, and a mix of contributions."""
    consultation = consultation_with_text(
        S.ANSWERED, title="Hortas comunitárias", report_summary="Texto revisto."
    )
    bairros = list(Bairro.objects.order_by("name")[:2])
    paragraph = device(consultation, "art-2-par-2")
    ana = user_factory(full_name="Ana Pública", bairro=bairros[0])
    beto = user_factory(full_name="Beto Reservado", bairro=bairros[1])
    rep = user_factory(full_name="Carla Representante")
    entity = approved_entity_with_representative(rep, trade_name="Horta Viva")
    ContributionFactory(
        consultation=consultation,
        device=paragraph,
        position="agree",
        author=ana,
        bairro=bairros[0],
        show_name=True,
        text="Concordo; os conselhos conhecem as escolas.",
        answer="accepted",
        answer_text="Mantido no texto final.",
        support_count=3,
    )
    top = ContributionFactory(
        consultation=consultation,
        device=paragraph,
        position="proposal",
        author=beto,
        bairro=bairros[1],
        text="Melhor ouvir o colegiado.",
        proposed_text="A instalação em escolas dependerá do colegiado escolar.",
        answer="partly",
        answer_text="Incluímos o colegiado no § 2º.",
    )
    ContributionFactory(
        consultation=consultation,
        author=rep,
        on_behalf_of=entity,
        bairro=bairros[0],
        text="A entidade apoia a política.",
        answer="out_of_scope",
        answer_text="Agradecemos o apoio.",
    )
    ContributionFactory(
        consultation=consultation,
        parent=top,
        author=ana,
        show_name=True,
        text="Também acho.",
    )
    ContributionFactory(
        consultation=consultation,
        text="Texto ofensivo escondido",
        moderation=C.Moderation.HIDDEN,
        moderation_reason="Ofensa.",
    )
    return consultation


def test_report_figures(answered):
    report = consultation_report(answered)
    paragraph = next(d for d in report.devices if d.anchor == "art-2-par-2")
    assert paragraph.counts == {"agree": 1, "disagree": 0, "proposal": 1}
    assert paragraph.citation == "Art. 2º, § 2º"
    bairros = dict(report.bairros)
    names = sorted(Bairro.objects.order_by("name").values_list("name", flat=True)[:2])
    assert bairros == {names[0]: 2, names[1]: 1}
    assert report.totals == {
        "contributions": 3,
        "general": 1,
        "replies": 1,
        "removed": 1,
        "participants": 4,  # removed ones were sent too
        "supports": 3,
    }
    answers = {value: n for value, _label, n in report.answers}
    assert answers == {"accepted": 1, "partly": 1, "not_accepted": 0, "out_of_scope": 1}
    # Top-level only, in the order of the text: general ones first.
    assert [c.text[:10] for c in report.contributions] == [
        "A entidade",
        "Texto ofen",
        "Concordo; ",
        "Melhor ouv",
    ]


def test_report_page(client, answered):
    response = client.get(consultation_url("report", answered))
    assert response.status_code == 200
    text = text_of(response)
    for expected in (
        "Relatório final",
        "Texto revisto.",
        "Art. 2º, § 2º",
        "Mantido no texto final.",
        "Parcialmente acatada",
        "Incluímos o colegiado no § 2º.",
        "Ana Pública",
        "Horta Viva",
        "Contribuição removida pela moderação: Ofensa.",
    ):
        assert expected in text, expected
    assert "Beto Reservado" not in text
    assert "Texto ofensivo escondido" not in text
    assert "no-store" not in response.get("Cache-Control", "")


def csv_text(response) -> str:
    """A CSV written like the open-data ones: `;`, UTF-8 with BOM, streamed."""
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return content


def test_report_csv(client, answered):
    response = client.get(consultation_url("report_csv", answered))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    content = csv_text(response)
    rows = list(csv.DictReader(io.StringIO(content[1:]), delimiter=";"))
    assert list(rows[0]) == [
        "id",
        "em_resposta_a",
        "dispositivo",
        "posicao",
        "texto",
        "redacao_proposta",
        "autoria",
        "bairro",
        "apoios",
        "resposta",
        "justificativa",
        "data",
    ]
    assert len(rows) == 5
    by_text = {row["texto"][:10]: row for row in rows}
    ana = by_text["Concordo; "]
    assert (ana["autoria"], ana["dispositivo"], ana["posicao"], ana["apoios"]) == (
        "Ana Pública",
        "Art. 2º, § 2º",
        "Concordo",
        "3",
    )
    assert (ana["resposta"], ana["justificativa"]) == (
        "Acatada",
        "Mantido no texto final.",
    )
    beto = by_text["Melhor ouv"]
    assert beto["autoria"] == "Participante"
    assert beto["redacao_proposta"].startswith("A instalação em escolas")
    assert by_text["A entidade"]["autoria"] == "Horta Viva"
    assert by_text["A entidade"]["dispositivo"] == "Geral"
    assert by_text["Também ach"]["em_resposta_a"] == beto["id"]
    removed = by_text["Contribuiç"]
    assert removed["texto"] == "Contribuição removida pela moderação: Ofensa."
    assert "Beto Reservado" not in content


def test_report_pdf(client, answered):
    response = client.get(consultation_url("report_pdf", answered))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"\s+", " ", text)
    for expected in (
        "Hortas comunitárias",
        "Mantido no texto final.",
        "Incluímos o colegiado",
        "Ana Pública",
        "Horta Viva",
        "Ofensa.",
    ):
        assert expected in text, expected
    assert "Beto Reservado" not in text
    assert "Texto ofensivo escondido" not in text


@pytest.mark.parametrize("name", ["report", "report_csv", "report_pdf"])
@pytest.mark.parametrize("status", [S.DRAFT, S.SCHEDULED, S.OPEN, S.CLOSED])
def test_no_report_before_it_is_published(client, citizen, moderator, name, status):
    consultation = consultation_with_text(status)
    assert client.get(consultation_url(name, consultation)).status_code == 404
    for person in (citizen, moderator):
        client.force_login(person)
        assert client.get(consultation_url(name, consultation)).status_code == 404


@pytest.mark.parametrize("name", ["report", "report_csv", "report_pdf"])
def test_staff_preview_the_report(client, staff_user, name):
    closed = consultation_with_text(S.CLOSED)
    ContributionFactory(consultation=closed, answer="accepted", answer_text="Ok.")
    client.force_login(staff_user)
    response = client.get(consultation_url(name, closed))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    if name == "report":
        assert "Pré-visualização" in text_of(response)


def test_report_pdf_works_without_the_web_font(client, answered, monkeypatch):
    from consultations import report_pdf

    monkeypatch.setattr(report_pdf, "FONT_FILES", {400: "nao/existe-{subset}.woff"})
    response = client.get(consultation_url("report_pdf", answered))
    assert response.content.startswith(b"%PDF-")


def test_report_pdf_never_fetches_from_the_network():
    from consultations.report_pdf import render_report_pdf

    html = (
        '<img src="https://example.org/tracker.png">'
        '<link rel="stylesheet" href="http://example.org/x.css">'
        '<img src="file:///etc/passwd"><p>Relatório</p>'
    )
    pdf = render_report_pdf(html)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Relatório" in text
