import datetime as dt

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from entities.models import (
    Area,
    BoardMember,
    Document,
    Entity,
    LegalNature,
    Representative,
)
from entities.validators import cnpj_check_digits

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name: str = "documento.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf")


def make_cnpj(n: int, *, alphanumeric: bool = False) -> str:
    """A valid CNPJ from a sequence number (letters in the root when asked)."""
    root = f"{n:08d}"
    if alphanumeric:
        root = "AB" + root[2:]
    base = f"{root}0001"
    return base + cnpj_check_digits(base)


class EntityFactory(DjangoModelFactory[Entity]):
    """A formal OSC in draft, with contacts and an area (not yet submittable:
    no board nor documents)."""

    class Meta:
        model = Entity
        skip_postgeneration_save = True

    kind = Entity.Kind.OSC
    cnpj = factory.Sequence(lambda n: make_cnpj(n + 1000))
    name = factory.Sequence(lambda n: f"Associação Comunitária Exemplo {n}")
    slug = factory.Sequence(lambda n: f"associacao-exemplo-{n}")
    summary = "Atendimento a crianças e adolescentes no contraturno escolar."
    email = factory.Sequence(lambda n: f"contato{n}@entidade.example.org")
    legal_nature = factory.LazyFunction(lambda: LegalNature.objects.get(code="3999"))

    @factory.post_generation
    def areas(obj, create, extracted, **kwargs):
        if create:
            obj.areas.set(extracted or [Area.objects.order_by("pk").first()])


class RepresentativeFactory(DjangoModelFactory[Representative]):
    class Meta:
        model = Representative

    entity = factory.SubFactory(EntityFactory)
    user = factory.SubFactory("tests.factories.accounts.UserFactory")
    is_primary = True


class BoardMemberFactory(DjangoModelFactory[BoardMember]):
    class Meta:
        model = BoardMember

    entity = factory.SubFactory(EntityFactory)
    name = factory.Faker("name", locale="pt_BR")
    role = "Presidente"
    is_legal_representative = True
    mandate_ends_on = factory.LazyFunction(
        lambda: timezone.localdate() + dt.timedelta(days=500)
    )


class DocumentFactory(DjangoModelFactory[Document]):
    class Meta:
        model = Document

    entity = factory.SubFactory(EntityFactory)
    doc_type = "estatuto"
    file = factory.LazyFunction(pdf_upload)
    original_name = "documento.pdf"
    content_type = "application/pdf"
    size = len(MINIMAL_PDF)
    sha256 = "0" * 64
    issued_on = factory.LazyFunction(
        lambda: timezone.localdate() - dt.timedelta(days=10)
    )
    expires_on = None
