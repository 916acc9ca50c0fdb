"""Demonstration entities for `make run`: a directory worth browsing, a review
queue with work in it, and a certidão about to expire. Idempotent: entities are
found by CNPJ (or name, for collectives) and left alone once they exist."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from civic.territory.models import Bairro, Regional

from . import services
from .models import Area, BoardMember, Entity, LegalNature, PublicServed
from .models.documents import REQUIREMENTS
from .validators import cnpj_check_digits

# A tiny but well-formed PDF, so document checks accept it.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _cnpj(root: str) -> str:
    base = f"{root}0001"
    return base + cnpj_check_digits(base)


# name, trade name, CNPJ root (None: collective), areas, publics, bairros, summary, target
DEMO_ENTITIES = [
    (
        "Associação Comunitária dos Moradores da Citrolândia",
        "Associação Citrolândia Viva",
        "41235871",
        ["Habitação e desenvolvimento comunitário", "Assistência social"],
        ["Famílias em situação de vulnerabilidade", "Comunidade em geral"],
        ["Citrolândia", "Colônia Santa Isabel"],
        "Organiza a comunidade da Citrolândia desde 1998: mutirões, horta comunitária, "
        "apoio às famílias e diálogo com a Prefeitura sobre saneamento e transporte.",
        "approved",
    ),
    (
        "Instituto Cultural Arte na Quebrada",
        "Arte na Quebrada",
        "27459316",
        ["Cultura e arte"],
        ["Juventude", "População negra"],
        ["PTB", "Paquetá"],
        "Oficinas gratuitas de teatro, hip-hop e audiovisual para jovens da regional PTB, "
        "com mostras abertas ao público no Centro Cultural.",
        "approved",
    ),
    (
        "Associação Esportiva e Recreativa Guanabara",
        "Guanabara Esporte Clube Social",
        "19876243",
        ["Esporte e lazer"],
        ["Crianças e adolescentes"],
        ["Guanabara", "Niterói"],
        "Escolinhas de futebol e vôlei no contraturno escolar para 180 crianças e "
        "adolescentes da regional Norte.",
        "approved",
    ),
    (
        "Centro de Convivência da Pessoa Idosa Vida Plena",
        "Vida Plena",
        "33518964",
        ["Assistência social", "Saúde"],
        ["Pessoas idosas"],
        ["Angola", "Centro"],
        "Atividades de convivência, fisioterapia preventiva e orientação sobre direitos "
        "para pessoas idosas da regional Centro.",
        "approved",
    ),
    (
        "Fundação Educacional Semear Betim",
        "Semear",
        "08264517",
        ["Educação e pesquisa"],
        ["Crianças e adolescentes", "Famílias em situação de vulnerabilidade"],
        ["Jardim Teresópolis", "Campos Elíseos"],
        "Reforço escolar, biblioteca comunitária e formação de educadores populares na "
        "regional Teresópolis.",
        "approved",
    ),
    (
        "Associação de Mulheres Empreendedoras de Vianópolis",
        "Mulheres de Vianópolis",
        "AB3C5D71",
        ["Trabalho, emprego e renda", "Desenvolvimento e defesa de direitos"],
        ["Mulheres"],
        ["Vianópolis", "Granja Verde"],
        "Feira mensal, formação em gestão de pequenos negócios e rede de apoio contra a "
        "violência doméstica.",
        "expiring",
    ),
    (
        "Associação Protetora dos Animais de Betim",
        "Patas de Betim",
        "52183460",
        ["Meio ambiente e proteção animal"],
        ["Comunidade em geral"],
        ["Imbiruçu", "Jardim Piemont"],
        "Resgate, castração solidária e adoção responsável de cães e gatos.",
        "submitted",
    ),
    (
        "Coletivo Juventude em Movimento do Icaivera",
        "",
        None,
        ["Cultura e arte", "Desenvolvimento e defesa de direitos"],
        ["Juventude"],
        ["Icaivera"],
        "Coletivo de jovens que organiza saraus, batalhas de rima e debates sobre "
        "mobilidade e segurança no Icaivera.",
        "approved",
    ),
]


def _documents(entity, by, *, crf_expires_in: int = 25) -> None:
    today = timezone.localdate()
    for doc_type, requirement in REQUIREMENTS.items():
        if entity.documents.filter(doc_type=doc_type).exists():
            continue
        issued = today - timedelta(days=20)
        expires = None
        if doc_type == "crf_fgts":
            # The CRF is valid for 30 days, so it is always the next to expire.
            expires = today + timedelta(days=crf_expires_in)
            issued = expires - timedelta(days=30)
        elif requirement.needs_expiry:
            expires = issued + timedelta(days=requirement.validity_days or 90)
        upload = ContentFile(DEMO_PDF, name=f"{doc_type}.pdf")
        upload.content_type = "application/pdf"
        services.document_upload(
            entity=entity,
            doc_type=doc_type,
            file=upload,
            issued_on=issued,
            expires_on=expires,
            by=by,
        )


def ensure_demo_entity(
    spec: tuple, *, representative, reviewer, seq: int
) -> tuple[Entity, bool]:
    """One entity of a DEMO_ENTITIES-shaped `spec`, found by CNPJ (or name, for
    collectives) or created and walked to its target status; `seq` varies the
    address and dates. Returns (entity, created). Other demos (the councils')
    use it for entities of their own."""
    name, trade, root, areas, publics, bairros, summary, target = spec
    cnpj = _cnpj(root) if root else ""
    existing = (
        Entity.objects.filter(cnpj=cnpj).first()
        if cnpj
        else Entity.objects.filter(name=name, kind=Entity.Kind.COLLECTIVE).first()
    )
    if existing is not None:
        return existing, False
    bairro_objs = list(Bairro.objects.filter(name__in=bairros))
    entity = services.entity_register(
        by=representative,
        kind=Entity.Kind.OSC if cnpj else Entity.Kind.COLLECTIVE,
        cnpj=cnpj,
        name=name,
        trade_name=trade,
        legal_nature=LegalNature.objects.get(code="3999") if cnpj else None,
        summary=summary,
        email=f"contato@{slugify(trade or name).split('-')[0]}.example.org",
        phone="3135120000",
        street="Rua do Rosário",
        number=str(100 + seq * 37),
        neighbourhood=bairros[0],
        cep="32600000",
        founded_on=timezone.localdate().replace(year=2005 + seq % 15),
        employees=3 + seq,
        volunteers=12 + 5 * seq,
        areas=list(Area.objects.filter(name__in=areas)),
        publics=list(PublicServed.objects.filter(name__in=publics)),
        bairros=bairro_objs,
        regionais=list(Regional.objects.filter(bairros__in=bairro_objs).distinct()),
    )
    if cnpj:
        BoardMember.objects.create(
            entity=entity,
            name="Maria Aparecida dos Santos",
            role="Presidente",
            is_legal_representative=True,
            mandate_ends_on=timezone.localdate() + timedelta(days=400),
        )
        BoardMember.objects.create(
            entity=entity,
            name="José Carlos Ferreira",
            role="Tesoureiro",
            mandate_ends_on=timezone.localdate() + timedelta(days=400),
        )
        _documents(
            entity, representative, crf_expires_in=5 if target == "expiring" else 25
        )
    services.entity_transition(
        entity_id=entity.pk, action="submit", actor=representative
    )
    if target in ("approved", "expiring"):
        services.entity_transition(
            entity_id=entity.pk, action="approve", actor=reviewer
        )
    return entity, True


@transaction.atomic
def ensure_demo_entities(*, representative, reviewer) -> list[Entity]:
    """Create the demo entities (once) and walk each to its target status."""
    created = []
    for spec in DEMO_ENTITIES:
        entity, is_new = ensure_demo_entity(
            spec, representative=representative, reviewer=reviewer, seq=len(created)
        )
        if is_new:
            created.append(entity)
    return created
