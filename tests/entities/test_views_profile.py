"""Registering an entity, and editing its profile and board
(entities/views/profile.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from entities import services
from entities.models import (
    BoardMember,
    Entity,
    Representative,
)
from entities.services.profile import CnpjAlreadyRegistered
from tests.entities.pages import followed_messages, png_bytes, url
from tests.factories.entities import (
    BoardMemberFactory,
    EntityFactory,
    RepresentativeFactory,
    make_cnpj,
)

pytestmark = pytest.mark.django_db


# Registration

REGISTER = reverse("entities:register")


def registration(**overrides):
    from entities.models import Area

    data = {
        "kind": "osc",
        "cnpj": "",
        "name": "Associação dos Moradores do Jardim Teresópolis",
        "trade_name": "AMJT",
        "areas": [Area.objects.order_by("pk").first().pk],
        "email": "contato@amjt.example.org",
        "phone": "(31) 3591-0000",
    }
    data.update(overrides)
    return data


def test_register_requires_login(client):
    response = client.get(REGISTER)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_register_page_explains_the_cnpj_is_for_oscs(client, citizen):
    client.force_login(citizen)
    page = client.get(REGISTER).content.decode()
    # The field is always in the page (works without JavaScript)...
    assert 'name="cnpj"' in page
    # ...with help saying who needs it, and the kinds as a labelled radio group.
    assert "Obrigatório para organizações formais" in page
    assert "<fieldset" in page
    assert "<legend" in page
    assert 'type="radio"' in page


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (lambda: _mask(make_cnpj(7)), lambda: make_cnpj(7)),
        (lambda: make_cnpj(8), lambda: make_cnpj(8)),
        (
            lambda: _mask(make_cnpj(9, alphanumeric=True)),
            lambda: make_cnpj(9, alphanumeric=True),
        ),
        (
            lambda: make_cnpj(10, alphanumeric=True).lower(),
            lambda: make_cnpj(10, alphanumeric=True),
        ),
    ],
    ids=["numeric-masked", "numeric-plain", "alnum-masked", "alnum-lowercase"],
)
def test_register_osc(client, citizen, typed, stored):
    client.force_login(citizen)
    response = client.post(REGISTER, registration(cnpj=typed()))
    entity = Entity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("manage", entity)
    assert entity.cnpj == stored()
    assert entity.kind == Entity.Kind.OSC
    assert entity.status == Entity.Status.DRAFT
    assert Representative.objects.get(entity=entity).user == citizen
    assert Representative.objects.get(entity=entity).is_primary
    assert "Entidade cadastrada como rascunho" in followed_messages(client, response)


def _mask(cnpj: str) -> str:
    return f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}-{cnpj[12:]}"


def test_register_collective_ignores_a_typed_cnpj(client, citizen):
    client.force_login(citizen)
    response = client.post(REGISTER, registration(kind="collective", cnpj="123"))
    assert response.status_code == 302
    entity = Entity.objects.get()
    assert entity.kind == Entity.Kind.COLLECTIVE
    assert entity.cnpj == ""
    assert entity.regularity == Entity.Regularity.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"cnpj": "11.222.333/0001-82"}, "cnpj", "Informe um CNPJ válido"),
        ({"cnpj": "AB.CDE.FGH/IJKL-00"}, "cnpj", "Informe um CNPJ válido"),
        ({"cnpj": ""}, "cnpj", "Informe o CNPJ da organização."),
        ({"cnpj": "1" * 21}, "cnpj", "no máximo 20 caracteres"),
        ({"name": "A" * 201}, "name", "no máximo 200 caracteres"),
        ({"name": ""}, "name", "Este campo é obrigatório."),
        ({"areas": []}, "areas", "Este campo é obrigatório."),
        ({"email": "", "phone": ""}, "email", "Informe um e-mail ou um telefone"),
        ({"email": "não-é-email"}, "email", "Informe um endereço de email válido."),
        ({"kind": "empresa"}, "kind", "Faça uma escolha válida."),
    ],
)
def test_register_bad_input_is_reported_beside_the_field(
    client, citizen, overrides, field, message
):
    client.force_login(citizen)
    data = registration(cnpj=make_cnpj(11))
    data.update(overrides)
    response = client.post(REGISTER, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in str(e) for e in form.errors[field]), form.errors
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    # What else was typed is kept.
    if field != "name":
        assert "Associação dos Moradores do Jardim Teresópolis" in page
    if field != "email":
        assert "contato@amjt.example.org" in page
    assert not Entity.objects.exists()


def test_register_duplicate_cnpj_of_unrepresented_entity_links_to_claim(
    client, citizen
):
    imported = EntityFactory(
        cnpj=make_cnpj(12),
        name="Associação Importada",
        status=Entity.Status.APPROVED,
    )
    client.force_login(citizen)
    response = client.post(REGISTER, registration(cnpj=_mask(make_cnpj(12))))
    assert response.status_code == 200
    page = response.content.decode()
    claim_url = reverse("entities:claim", kwargs={"slug": imported.slug})
    assert f'href="{claim_url}"' in page
    assert "Peça para representar esta entidade" in page
    assert Entity.objects.count() == 1


def test_register_duplicate_cnpj_of_represented_entity_says_ask_for_invitation(
    client, citizen, entity, representative
):
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.APPROVED)
    client.force_login(citizen)
    response = client.post(REGISTER, registration(cnpj=entity.cnpj))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Peça a um representante da entidade para convidar você" in page
    assert reverse("entities:claim", kwargs={"slug": entity.slug}) not in page


def test_register_cnpj_taken_by_a_concurrent_request(client, citizen, monkeypatch):
    """The form checked the CNPJ, but another request registered it first."""
    winner = EntityFactory(cnpj=make_cnpj(13))

    def racing_register(**kwargs):
        raise CnpjAlreadyRegistered(winner)

    monkeypatch.setattr(services, "entity_register", racing_register)
    monkeypatch.setattr(
        "entities.forms.EntityRegistrationForm._check_not_registered",
        lambda self, cnpj: None,
    )
    client.force_login(citizen)
    response = client.post(REGISTER, registration(cnpj=make_cnpj(14)))
    assert response.status_code == 200
    assert "Este CNPJ já está no cadastro" in response.content.decode()


def test_register_keeps_html_as_typed_and_escapes_it(client, citizen):
    client.force_login(citizen)
    name = "<script>alert('x')</script> Associação"
    response = client.post(
        REGISTER, registration(cnpj=make_cnpj(15), name=name, trade_name="")
    )
    entity = Entity.objects.get()
    assert entity.name == name
    page = client.get(response["Location"]).content.decode()
    assert "&lt;script&gt;alert(" in page
    assert "<script>alert(" not in page


# Profile


def profile_data(entity, **overrides):
    data = {
        "name": entity.name,
        "trade_name": "Nome Fantasia",
        "legal_nature": entity.legal_nature_id,
        "founded_on": "2001-05-10",
        "main_cnae_code": "9430-8/00",
        "summary": "Atividades culturais no bairro.",
        "areas": [a.pk for a in entity.areas.all()],
        "cep": "32600-000",
        "street": "Rua do Rosário",
        "number": "100",
        "neighbourhood": "Centro",
        "city": "Betim",
        "state": "mg",
        "phone": "(31) 3591-1234",
        "email": "contato@exemplo.org",
        "website": "https://exemplo.org",
        "publish_contact": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_edit_profile(rep_client, entity):
    from civic.territory.models import Bairro

    bairro = Bairro.objects.active().first()
    response = rep_client.post(
        url("edit", entity),
        profile_data(entity, bairros=[bairro.pk], regionais=[bairro.regional_id]),
    )
    assert response.status_code == 302, response.context["form"].errors
    entity.refresh_from_db()
    assert entity.trade_name == "Nome Fantasia"
    assert entity.cep == "32600000"
    assert entity.state == "MG"
    assert entity.main_cnae.code == "9430800"
    assert list(entity.bairros.all()) == [bairro]
    assert "nome fantasia" in entity.search_text


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"cep": "123"}, "cep", "Informe um CEP com 8 dígitos"),
        ({"main_cnae_code": "0000-0/00"}, "main_cnae_code", "CNAE não encontrado"),
        ({"founded_on": "2999-01-01"}, "founded_on", "não pode estar no futuro"),
        ({"summary": "x" * 3001}, "summary", "no máximo 3000 caracteres"),
        ({"street": "R" * 201}, "street", "no máximo 200 caracteres"),
        ({"website": "javascript:alert(1)"}, "website", "Informe uma URL válida."),
        ({"email": "sem-arroba"}, "email", "Informe um endereço de email válido."),
        ({"areas": []}, "areas", "Este campo é obrigatório."),
    ],
)
def test_edit_bad_input(rep_client, entity, overrides, field, message):
    response = rep_client.post(url("edit", entity), profile_data(entity, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in e for e in errors), errors
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    if field != "street":
        assert "Rua do Rosário" in page  # the rest is kept
    entity.refresh_from_db()
    assert entity.trade_name == ""


def test_edit_stores_html_as_typed_and_escapes_it(rep_client, entity):
    summary = '<script>alert("oi")</script><img src=x onerror=alert(1)>'
    response = rep_client.post(
        url("edit", entity), profile_data(entity, summary=summary)
    )
    assert response.status_code == 302
    entity.refresh_from_db()
    assert entity.summary == summary
    response = rep_client.post(
        url("edit", entity), profile_data(entity, summary=summary, cep="1")
    )
    page = response.content.decode()
    assert "&lt;script&gt;alert(" in page
    assert '<script>alert("oi")' not in page


def test_edit_logo_checked_by_content(rep_client, entity):
    good = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = rep_client.post(
        url("edit", entity), {**profile_data(entity), "logo": good}
    )
    assert response.status_code == 302
    entity.refresh_from_db()
    assert entity.logo.name.startswith("entities/logos/")

    fake = SimpleUploadedFile(
        "logo.png", b"<html>not an image</html>", content_type="image/png"
    )
    response = rep_client.post(
        url("edit", entity), {**profile_data(entity), "logo": fake}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["logo"]


def test_edit_can_remove_the_logo(rep_client, entity):
    good = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    rep_client.post(url("edit", entity), {**profile_data(entity), "logo": good})
    response = rep_client.post(
        url("edit", entity), {**profile_data(entity), "logo-clear": "on"}
    )
    assert response.status_code == 302
    entity.refresh_from_db()
    assert not entity.logo


def test_edit_without_new_logo_keeps_it(rep_client, entity):
    good = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    rep_client.post(url("edit", entity), {**profile_data(entity), "logo": good})
    entity.refresh_from_db()
    before = entity.logo.name
    rep_client.post(url("edit", entity), profile_data(entity, trade_name="Outro"))
    entity.refresh_from_db()
    assert entity.trade_name == "Outro"
    assert entity.logo.name == before


def test_edit_collective_has_no_osc_fields(client, user_factory):
    person = user_factory()
    collective = EntityFactory(kind="collective", cnpj="", legal_nature=None)
    RepresentativeFactory(entity=collective, user=person)
    client.force_login(person)
    form = client.get(url("edit", collective)).context["form"]
    assert "legal_nature" not in form.fields
    assert "main_cnae_code" not in form.fields


def test_edit_frozen_registration_redirects_with_explanation(rep_client, entity):
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.SUBMITTED)
    response = rep_client.get(url("edit", entity))
    assert response["Location"] == url("manage", entity)
    assert "em análise" in followed_messages(rep_client, response)


# Board


def board_data(members, prefix="board_members", initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(members)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }
    for i, member in enumerate(members):
        for key, value in member.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def test_board_add_members(rep_client, entity):
    response = rep_client.post(
        url("board", entity),
        board_data(
            [
                {
                    "name": "Ana Souza",
                    "role": "Presidente",
                    "is_legal_representative": "on",
                    "mandate_ends_on": "2027-12-31",
                    "cpf": "529.982.247-25",
                },
                {"name": "Bruno Lima", "role": "Tesoureiro", "cpf": ""},
            ]
        ),
    )
    assert response.status_code == 302, response.context["formset"].errors
    members = {m.name: m for m in BoardMember.objects.filter(entity=entity)}
    assert members["Ana Souza"].cpf == "52998224725"
    assert members["Ana Souza"].is_legal_representative
    assert not members["Bruno Lima"].is_legal_representative


def test_board_bad_input(rep_client, entity):
    response = rep_client.post(
        url("board", entity),
        board_data(
            [
                {"name": "Ana", "role": "Presidente", "cpf": "111.111.111-11"},
                {"name": "N" * 151, "role": "Vice"},
            ]
        ),
    )
    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.forms[0].errors["cpf"]
    assert any("no máximo 150 caracteres" in e for e in formset.forms[1].errors["name"])
    assert "Presidente" in response.content.decode()
    assert not BoardMember.objects.filter(entity=entity).exists()


def test_board_only_one_legal_representative(rep_client, entity):
    response = rep_client.post(
        url("board", entity),
        board_data(
            [
                {"name": "Ana", "role": "Presidente", "is_legal_representative": "on"},
                {"name": "Bia", "role": "Vice", "is_legal_representative": "on"},
            ]
        ),
    )
    assert response.status_code == 200
    assert (
        "Marque apenas uma pessoa como representante legal."
        in response.content.decode()
    )


def test_board_swap_legal_representative_and_delete(rep_client, entity):
    ana = BoardMemberFactory(entity=entity, name="Ana", is_legal_representative=True)
    bia = BoardMemberFactory(entity=entity, name="Bia", is_legal_representative=False)
    caio = BoardMemberFactory(entity=entity, name="Caio", is_legal_representative=False)
    members = [
        {"id": str(ana.pk), "name": "Ana", "role": "Presidente"},
        {
            "id": str(bia.pk),
            "name": "Bia",
            "role": "Presidente",
            "is_legal_representative": "on",
        },
        {"id": str(caio.pk), "name": "Caio", "role": "Vogal", "DELETE": "on"},
    ]
    # The formset orders existing members as the queryset does.
    response = rep_client.post(url("board", entity), board_data(members, initial=3))
    assert response.status_code == 302, response.context["formset"].errors
    ana.refresh_from_db()
    bia.refresh_from_db()
    assert not ana.is_legal_representative
    assert bia.is_legal_representative
    assert not BoardMember.objects.filter(pk=caio.pk).exists()


def test_board_read_only_for_staff_masks_cpf(client, staff_user, entity):
    """Reviewers see the middle digits only, as on the admin review page."""
    BoardMemberFactory(entity=entity, name="Ana", cpf="52998224725")
    client.force_login(staff_user)
    response = client.get(url("board", entity))
    assert "formset" not in response.context
    page = response.content.decode()
    assert "529.982.247-25" not in page
    assert "***.982.247-**" in page
    assert client.post(url("board", entity), board_data([])).status_code == 403


def test_board_frozen_registration_is_read_only(rep_client, entity):
    BoardMemberFactory(entity=entity, name="Ana", cpf="52998224725")
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.SUBMITTED)
    response = rep_client.get(url("board", entity))
    assert response.status_code == 200
    assert "formset" not in response.context
    # The representatives typed the CPFs in: they keep seeing them whole.
    assert "529.982.247-25" in response.content.decode()
    response = rep_client.post(url("board", entity), board_data([]))
    assert response["Location"] == url("manage", entity)
