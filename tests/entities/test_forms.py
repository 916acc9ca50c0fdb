"""Validation of the registry's forms: masks, content-checked files, dates."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from entities.forms import (
    BoardFormSet,
    BoardMemberForm,
    ClaimForm,
    DocumentUploadForm,
    EntityProfileForm,
    EntityRegistrationForm,
    InvitationForm,
    TransitionForm,
)
from entities.models import Area, Cnae, Entity
from tests.factories.entities import MINIMAL_PDF, RepresentativeFactory, make_cnpj

pytestmark = pytest.mark.django_db


def image_bytes(fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (3, 3), "blue").save(buffer, fmt)
    return buffer.getvalue()


def mask(cnpj):
    return f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}-{cnpj[12:]}"


# Registration


def registration(**overrides):
    data = {
        "kind": "osc",
        "cnpj": make_cnpj(501),
        "name": "Instituto Exemplo",
        "trade_name": "",
        "areas": [Area.objects.order_by("pk").first().pk],
        "email": "contato@example.org",
        "phone": "",
    }
    data.update(overrides)
    return EntityRegistrationForm(data)


@pytest.mark.parametrize(
    "typed",
    [
        make_cnpj(502),
        mask(make_cnpj(502)),
        mask(make_cnpj(502)).replace("-", " - "),
        make_cnpj(503, alphanumeric=True),
        mask(make_cnpj(503, alphanumeric=True)).lower(),
    ],
)
def test_cnpj_in_any_format_is_stored_unmasked_upper_case(typed):
    form = registration(cnpj=typed)
    assert form.is_valid(), form.errors
    expected = typed.replace(".", "").replace("/", "").replace("-", "").replace(" ", "")
    assert form.cleaned_data["cnpj"] == expected.upper()


@pytest.mark.parametrize(
    "typed",
    [
        "11.222.333/0001-82",  # wrong check digit
        "00000000000000",
        "1122233300018",  # 13 characters
        "AB.CDE.FGH/0001-AA",  # letters in the check digits
        "11.222.333/0001-81x",
    ],
)
def test_invalid_cnpj(typed):
    form = registration(cnpj=typed)
    assert not form.is_valid()
    assert "Informe um CNPJ válido" in form.errors["cnpj"][0]


def test_osc_needs_a_cnpj():
    form = registration(cnpj="  ")
    assert not form.is_valid()
    assert form.errors["cnpj"] == ["Informe o CNPJ da organização."]


def test_collective_drops_the_cnpj():
    form = registration(kind="collective", cnpj="qualquer coisa")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["cnpj"] == ""


def test_duplicate_cnpj_without_representative_links_to_claim(entity_factory):
    existing = entity_factory(
        cnpj=make_cnpj(504), name="<b>Importada</b>", status=Entity.Status.APPROVED
    )
    form = registration(cnpj=mask(make_cnpj(504)))
    assert not form.is_valid()
    error = form.errors.as_data()["cnpj"][0]
    assert error.code == "cnpj_taken"
    message = str(error.message)
    assert f"/entidades/{existing.slug}/reivindicar/" in message
    # The entity's name is escaped inside the linked message.
    assert "&lt;b&gt;Importada&lt;/b&gt;" in message


def test_duplicate_cnpj_with_representative_asks_for_an_invitation(entity_factory):
    existing = entity_factory(cnpj=make_cnpj(505), status=Entity.Status.APPROVED)
    RepresentativeFactory(entity=existing)
    form = registration(cnpj=make_cnpj(505))
    assert not form.is_valid()
    message = form.errors["cnpj"][0]
    assert "convidar você" in message
    assert "reivindicar" not in message


@pytest.mark.parametrize(
    "status", [s for s in Entity.Status.values if s != Entity.Status.APPROVED]
)
@pytest.mark.parametrize("represented", [True, False])
def test_duplicate_cnpj_of_an_unlisted_entity_names_nothing(
    entity_factory, status, represented
):
    """A draft, rejected or suspended entity is private: the refusal is generic."""
    existing = entity_factory(cnpj=make_cnpj(506), name="Entidade Secreta")
    Entity.objects.filter(pk=existing.pk).update(status=status)
    if represented:
        RepresentativeFactory(entity=existing)
    form = registration(cnpj=make_cnpj(506))
    assert not form.is_valid()
    error = form.errors.as_data()["cnpj"][0]
    assert error.code == "cnpj_taken"
    message = str(error.message)
    assert "Secreta" not in message
    assert existing.slug not in message
    assert "equipe da SRSC" in message


def test_masked_phone_is_normalised():
    form = registration(email="", phone="+55 (31) 99876-5432")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "31998765432"


def test_invalid_phone_is_reported_on_the_field():
    form = registration(phone="1234")
    assert not form.is_valid()
    assert "Informe um telefone com DDD" in form.errors["phone"][0]


def test_email_or_phone_required():
    form = registration(email="", phone="")
    assert not form.is_valid()
    assert form.errors["email"] == ["Informe um e-mail ou um telefone de contato."]


def test_no_unique_constraint_noise_besides_the_cnpj_error(entity_factory):
    entity_factory(cnpj=make_cnpj(506))
    form = registration(cnpj=make_cnpj(506))
    assert not form.is_valid()
    assert list(form.errors) == ["cnpj"]


# Profile


def profile(entity, files=None, **overrides):
    data = {
        "name": entity.name,
        "summary": "Resumo",
        "areas": [a.pk for a in entity.areas.all()],
        "city": "Betim",
        "state": "mg",
        "email": "a@example.org",
        "cep": "32.600-000",
        "phone": "(31) 3591-0000",
    }
    data.update(overrides)
    return EntityProfileForm(data, files or {}, instance=entity)


def test_profile_normalises_masks(entity):
    form = profile(entity)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["cep"] == "32600000"
    assert form.cleaned_data["phone"] == "3135910000"
    assert form.cleaned_data["state"] == "MG"


def test_profile_cnae_code_lookup(entity):
    cnae = Cnae.objects.get(code="9430800")
    form = profile(entity, main_cnae_code="9430-8/00")
    assert form.is_valid(), form.errors
    fields, m2m = form.save_fields()
    assert fields["main_cnae"] == cnae
    assert "main_cnae_code" not in fields
    assert set(m2m) == {"areas", "publics", "regionais", "bairros"}


def test_profile_cep_too_short(entity):
    form = profile(entity, cep="3260")
    assert not form.is_valid()
    assert "Informe um CEP com 8 dígitos" in form.errors["cep"][0]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.gif", "gif", "O conteúdo do arquivo não é PNG, JPEG"),
        ("logo.png", "jpeg", "mas o conteúdo é JPEG"),
        ("logo.pdf", MINIMAL_PDF, ""),  # Django's ImageField refuses it first
    ],
)
def test_profile_logo_checked_by_content(entity, name, content, message):
    if content in ("jpeg", "gif"):
        content = image_bytes(content.upper())
    form = profile(entity, files={"logo": SimpleUploadedFile(name, content)})
    assert not form.is_valid()
    assert form.errors["logo"]
    if message:
        assert any(message in e for e in form.errors["logo"]), form.errors["logo"]


def test_profile_logo_too_large(entity):
    upload = SimpleUploadedFile("logo.png", image_bytes())
    upload.size = 3 * 1024 * 1024  # over the 2 MB limit for logos
    form = profile(entity, files={"logo": upload})
    assert not form.is_valid()
    assert any("o limite é" in e for e in form.errors["logo"])


def test_save_fields_logo(entity):
    upload = SimpleUploadedFile("logo.png", image_bytes())
    form = profile(entity, files={"logo": upload})
    assert form.is_valid(), form.errors
    assert form.save_fields()[0]["logo"] is form.cleaned_data["logo"]

    entity.logo.name = "entities/logos/old.png"
    unchanged = profile(entity)
    assert unchanged.is_valid(), unchanged.errors
    assert "logo" not in unchanged.save_fields()[0]

    cleared = profile(entity, **{"logo-clear": "on"})
    assert cleared.is_valid(), cleared.errors
    assert cleared.save_fields()[0]["logo"] == ""


def test_profile_founded_in_the_future(entity):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    form = profile(entity, founded_on=tomorrow.isoformat())
    assert not form.is_valid()
    assert "não pode estar no futuro" in form.errors["founded_on"][0]


def test_profile_of_collective_hides_osc_fields():
    collective = Entity(kind="collective", name="Coletivo")
    form = EntityProfileForm(instance=collective)
    for name in ("legal_nature", "founded_on", "main_cnae_code", "employees"):
        assert name not in form.fields


# Board


def test_board_cpf_masked_and_validated():
    form = BoardMemberForm(
        {"name": "Ana", "role": "Presidente", "cpf": "529.982.247-25"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["cpf"] == "52998224725"
    bad = BoardMemberForm(
        {"name": "Ana", "role": "Presidente", "cpf": "529.982.247-26"}
    )
    assert not bad.is_valid()
    assert bad.errors["cpf"]


def test_board_cpf_optional():
    form = BoardMemberForm({"name": "Ana", "role": "Presidente", "cpf": ""})
    assert form.is_valid(), form.errors


def test_board_formset_one_legal_representative(entity):
    prefix = "board_members"
    data = {
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-name": "Ana",
        f"{prefix}-0-role": "Presidente",
        f"{prefix}-0-is_legal_representative": "on",
        f"{prefix}-1-name": "Bia",
        f"{prefix}-1-role": "Vice",
        f"{prefix}-1-is_legal_representative": "on",
    }
    formset = BoardFormSet(data, instance=entity)
    assert not formset.is_valid()
    assert formset.non_form_errors() == [
        "Marque apenas uma pessoa como representante legal."
    ]
    data[f"{prefix}-1-DELETE"] = "on"
    assert BoardFormSet(data, instance=entity).is_valid()


# Documents


def document(files, **overrides):
    data = {"doc_type": "estatuto", "issued_on": "2024-05-01"}
    data.update(overrides)
    return DocumentUploadForm(data, files)


def pdf(name="doc.pdf", content=MINIMAL_PDF):
    return {"file": SimpleUploadedFile(name, content)}


def test_document_valid_without_expiry():
    assert document(pdf()).is_valid()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (pdf(content=b"Texto renomeado para .pdf"), "O conteúdo do arquivo não é"),
        (pdf(content=image_bytes()), "mas o conteúdo é PNG"),
        (pdf(name="doc.png"), "mas o conteúdo é PDF"),
        ({"file": SimpleUploadedFile("foto.jpg", image_bytes("JPEG"))}, None),
        (
            {"file": SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\ncorrupted")},
            "corrompida",
        ),
    ],
)
def test_document_content_checks(files, message):
    form = document(files)
    if message is None:
        assert form.is_valid(), form.errors
    else:
        assert not form.is_valid()
        assert any(message in e for e in form.errors["file"]), form.errors


def test_document_size_limit(settings):
    settings.ENTITIES_DOCUMENT_MAX_BYTES = len(MINIMAL_PDF) - 1
    form = document(pdf())
    assert not form.is_valid()
    assert "o limite é" in form.errors["file"][0]


def test_document_expiry_before_issue():
    form = document(
        pdf(), doc_type="cndt", issued_on="2024-05-01", expires_on="2024-04-30"
    )
    assert not form.is_valid()
    assert form.errors["expires_on"] == [
        "A data de validade não pode ser anterior à data de emissão."
    ]


def test_document_expiry_same_day_is_fine():
    form = document(
        pdf(), doc_type="cndt", issued_on="2024-05-01", expires_on="2024-05-01"
    )
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    "doc_type", ["cnd_federal", "crf_fgts", "cndt", "cnd_estadual", "cnd_municipal"]
)
def test_certidoes_need_expiry(doc_type):
    form = document(pdf(), doc_type=doc_type)
    assert not form.is_valid()
    assert form.errors["expires_on"][0].startswith(
        "Informe a data de validade desta certidão."
    )


def test_missing_expiry_suggests_the_usual_validity():
    form = document(pdf(), doc_type="cndt", issued_on="2024-05-01")
    assert not form.is_valid()
    # CNDT: 180 days.
    assert "Em geral ela vale 180 dias: até 28/10/2024" in form.errors["expires_on"][0]


# Other forms


def test_claim_form_checks_the_file():
    form = ClaimForm(
        {"proof_kind": "ata"}, {"proof": SimpleUploadedFile("ata.pdf", b"not a pdf")}
    )
    assert not form.is_valid()
    assert form.errors["proof"]
    good = ClaimForm({"proof_kind": "procuracao"}, {"proof": pdf()["file"]})
    assert good.is_valid(), good.errors


@pytest.mark.parametrize(
    ("action", "required"),
    [("submit", False), ("reopen", False), ("reject", True), ("request_changes", True)],
)
def test_transition_form_note(action, required):
    form = TransitionForm({"note": ""}, action=action)
    assert form.is_valid() is not required


def test_invitation_form_email():
    assert not InvitationForm({"email": "x"}).is_valid()
    assert InvitationForm({"email": "pessoa@example.org"}).is_valid()


def test_upload_help_text_follows_the_setting(settings):
    settings.ENTITIES_DOCUMENT_MAX_BYTES = 2 * 1024 * 1024
    assert "2,0\xa0MB" in DocumentUploadForm().fields["file"].help_text
    assert "2,0\xa0MB" in ClaimForm().fields["proof"].help_text
