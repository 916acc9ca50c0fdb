"""The forms on the consultation pages: contribute, reply, support and
report, with their bad input."""

import pytest
from django.urls import reverse

from consultations.forms.consultations import ContributionForm, ReplyForm
from consultations.forms.events import EventContributionForm, SpeakForm
from consultations.models import Contribution, Support
from tests.consultations.consultation_support import (
    S,
    approved_entity_with_representative,
    consultation_url,
    consultation_with_text,
    device,
    text_of,
)
from tests.factories.consultations import ContributionFactory
from tests.factories.entities import EntityFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db

C = Contribution


@pytest.fixture
def consultation():
    return consultation_with_text(S.OPEN, title="Hortas comunitárias")


# Contributing
# ------------------------------------------------------------------------------


def test_contribute_on_a_device(citizen_client, consultation, citizen):
    paragraph = device(consultation, "art-2-par-2")
    response = citizen_client.post(
        consultation_url("contribute", consultation),
        {
            "device": paragraph.pk,
            "position": "proposal",
            "text": "Melhor ouvir o colegiado escolar.",
            "proposed_text": "A instalação em escolas dependerá de parecer do colegiado.",
            "from_device": "art-2-par-2",
        },
    )
    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert response["Location"] == (
        consultation_url("device", consultation, anchor="art-2-par-2")
        + f"#contribuicao-{contribution.pk}"
    )
    assert (contribution.author, contribution.device, contribution.position) == (
        citizen,
        paragraph,
        "proposal",
    )
    assert contribution.show_name is False


def test_contribute_general(citizen_client, consultation):
    response = citizen_client.post(
        consultation_url("contribute", consultation),
        {"text": "Ótima ideia.", "position": "", "show_name": "on"},
        follow=True,
    )
    assert "Contribuição publicada" in text_of(response)
    assert Contribution.objects.get().show_name is True


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"position": "proposal", "device": "art-1"},
            "proposed_text",
            "Escreva a redação",
        ),
        ({"position": "agree"}, "device", "Escolha o dispositivo"),
        ({"device": "art-1"}, "position", "concorda, discorda"),
        ({"text": "x" * 5001}, "text", "no máximo 5000 caracteres; este tem 5001"),
        ({"text": ""}, "text", "Escreva sua contribuição"),
        ({"proposed_text": "Sem posição"}, "proposed_text", "só vale com a posição"),
    ],
)
def test_bad_input_keeps_what_was_typed(
    citizen_client, consultation, data, field, message
):
    payload = {"text": "Meu texto <b>cuidadoso</b>", "position": "", **data}
    if "device" in payload:
        payload["device"] = device(consultation, payload["device"]).pk
    response = citizen_client.post(
        consultation_url("contribute", consultation), payload
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    # The message sits beside the field, and what was typed is still there.
    assert f'id="id_{field}_error"' in html or f"id_{field}_0_error" in html
    if payload["text"] and len(payload["text"]) < 100:
        assert "Meu texto &lt;b&gt;cuidadoso&lt;/b&gt;" in html
    assert not Contribution.objects.exists()


def test_line_breaks_count_once(citizen_client, consultation):
    text = "linha\r\n" * 714  # 5,000 characters as typed, 5,712 as sent
    response = citizen_client.post(
        consultation_url("contribute", consultation),
        {"text": text.strip(), "position": ""},
    )
    assert response.status_code == 302
    assert "\r" not in Contribution.objects.get().text


def test_contributing_to_a_closed_consultation(citizen_client):
    closed = consultation_with_text(S.CLOSED)
    response = citizen_client.post(
        consultation_url("contribute", closed), {"text": "Atrasada."}, follow=True
    )
    assert "encerrada e não recebe mais contribuições" in text_of(response)
    assert not Contribution.objects.exists()


def test_anonymous_people_are_sent_to_log_in(client, consultation):
    response = client.post(consultation_url("contribute", consultation), {"text": "Oi"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Contribution.objects.exists()


def test_get_on_the_form_url_goes_to_the_page(citizen_client, consultation):
    response = citizen_client.get(consultation_url("contribute", consultation))
    assert response["Location"] == consultation_url("detail", consultation)


def test_on_behalf_lists_only_approved_entities_one_represents(
    citizen_client, consultation, citizen, user_factory
):
    mine = approved_entity_with_representative(citizen, trade_name="Horta Viva")
    draft_entity = EntityFactory(trade_name="Ainda em análise")
    RepresentativeFactory(entity=draft_entity, user=citizen)
    approved_entity_with_representative(user_factory(), trade_name="Alheia")
    response = citizen_client.get(consultation_url("detail", consultation))
    choices = dict(response.context["form"].fields["on_behalf_of"].choices)
    assert set(choices) == {"", str(mine.pk)}
    citizen_client.post(
        consultation_url("contribute", consultation),
        {"text": "Em nome da horta.", "on_behalf_of": mine.pk},
    )
    assert Contribution.objects.get().on_behalf_of == mine
    response = citizen_client.post(
        consultation_url("contribute", consultation),
        {"text": "Tentativa.", "on_behalf_of": draft_entity.pk},
    )
    assert "on_behalf_of" in response.context["form"].errors


def test_no_on_behalf_field_without_entities(citizen_client, consultation):
    response = citizen_client.get(consultation_url("detail", consultation))
    assert "on_behalf_of" not in response.context["form"].fields


@pytest.mark.parametrize(
    ("form_class", "first"),
    [
        (ContributionForm, ["device", "position", "text", "proposed_text"]),
        (ReplyForm, ["text"]),
        (EventContributionForm, ["text"]),
        (SpeakForm, ["topic"]),
    ],
)
@pytest.mark.parametrize("represents", [False, True])
def test_what_is_said_comes_before_for_whom_and_the_name_checkbox(
    form_class, first, represents, citizen
):
    entities = [approved_entity_with_representative(citizen)] if represents else []
    form = form_class(entities=entities)
    last = ["on_behalf_of", "show_name"] if represents else ["show_name"]
    assert list(form.fields) == first + last


def test_premoderation_message(citizen_client, consultation):
    consultation.premoderation = True
    consultation.save()
    response = citizen_client.post(
        consultation_url("contribute", consultation),
        {"text": "Espero aprovação."},
        follow=True,
    )
    assert "depois de aprovada pela moderação" in text_of(response)


# Supporting, replying, reporting
# ------------------------------------------------------------------------------


def support_url(contribution):
    return reverse("consultations:support", kwargs={"pk": contribution.pk})


def test_support_and_take_back(citizen_client, consultation, citizen):
    contribution = ContributionFactory(consultation=consultation)
    next_url = consultation_url("detail", consultation) + "?page=1"
    response = citizen_client.post(
        support_url(contribution), {"action": "support", "next": next_url}
    )
    assert response["Location"] == next_url
    assert Support.objects.filter(user=citizen).count() == 1
    page = citizen_client.get(consultation_url("detail", consultation))
    assert "Apoiada" in text_of(page)
    response = citizen_client.post(
        support_url(contribution), {"action": "support"}, follow=True
    )
    assert "Você já apoia esta contribuição." in text_of(response)
    assert Contribution.objects.get(pk=contribution.pk).support_count == 1
    citizen_client.post(support_url(contribution), {"action": "remove"})
    assert Contribution.objects.get(pk=contribution.pk).support_count == 0


def test_support_own_contribution_says_why(citizen_client, consultation, citizen):
    contribution = ContributionFactory(consultation=consultation, author=citizen)
    response = citizen_client.post(support_url(contribution), follow=True)
    assert "Você não pode apoiar a sua própria contribuição." in text_of(response)


def test_support_refuses_foreign_next_urls(citizen_client, consultation):
    contribution = ContributionFactory(consultation=consultation)
    response = citizen_client.post(
        support_url(contribution), {"next": "https://evil.example/"}
    )
    assert response["Location"].startswith(consultation_url("detail", consultation))


def test_support_button_only_for_others_contributions(
    citizen_client, consultation, citizen
):
    ContributionFactory(consultation=consultation, author=citizen, text="Minha")
    other = ContributionFactory(consultation=consultation, text="Alheia")
    html = citizen_client.get(consultation_url("detail", consultation)).content.decode()
    assert html.count('action="/contribuicoes/') == 1
    assert support_url(other) in html


def test_reply(citizen_client, consultation):
    top = ContributionFactory(consultation=consultation)
    url = reverse("consultations:reply", kwargs={"pk": top.pk})
    assert citizen_client.get(url).status_code == 200
    response = citizen_client.post(url, {"text": ""})
    assert "Escreva sua resposta." in text_of(response)
    response = citizen_client.post(url, {"text": "Também acho."})
    reply = Contribution.objects.get(parent=top)
    assert (
        response["Location"]
        == consultation_url("detail", consultation) + f"#contribuicao-{reply.pk}"
    )


def test_reply_to_a_reply_goes_to_the_thread(citizen_client, consultation):
    top = ContributionFactory(consultation=consultation)
    middle = ContributionFactory(consultation=consultation, parent=top)
    citizen_client.post(
        reverse("consultations:reply", kwargs={"pk": middle.pk}), {"text": "E eu."}
    )
    assert Contribution.objects.filter(parent=top).count() == 2


def test_reply_when_closed_explains(citizen_client):
    closed = consultation_with_text(S.CLOSED)
    top = ContributionFactory(consultation=closed)
    url = reverse("consultations:reply", kwargs={"pk": top.pk})
    assert "não é mais possível responder" in text_of(citizen_client.get(url))
    response = citizen_client.post(url, {"text": "Atrasado."})
    assert response.status_code == 200
    assert "encerrada" in text_of(response)
    assert not Contribution.objects.filter(parent=top).exists()


def test_report_abuse(citizen_client, consultation, citizen):
    contribution = ContributionFactory(consultation=consultation)
    url = reverse("consultations:report_abuse", kwargs={"pk": contribution.pk})
    response = citizen_client.post(url, {"reason": "other", "details": ""})
    assert "qual é o problema" in text_of(response)
    response = citizen_client.post(
        url, {"reason": "spam", "details": "Propaganda de loja."}, follow=True
    )
    assert "Denúncia enviada" in text_of(response)
    response = citizen_client.post(url, {"reason": "spam"}, follow=True)
    assert "Você já denunciou" in text_of(response)
    assert Contribution.objects.get(pk=contribution.pk).report_count == 1


def test_pending_contributions_of_others_are_not_reachable(
    citizen_client, consultation
):
    pending = ContributionFactory(
        consultation=consultation, moderation=C.Moderation.PENDING
    )
    for name in ("reply", "report_abuse"):
        url = reverse(f"consultations:{name}", kwargs={"pk": pending.pk})
        assert citizen_client.get(url).status_code == 404
