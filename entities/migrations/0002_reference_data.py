"""Reference data: Receita Federal tables, starting taxonomies, search index,
and the reviewers' permission."""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent.parent / "data"
# IPEA's Mapa das OSCs counts these natures as OSCs.
OSC_NATURES = {"3999", "3069", "3220", "3301"}
AREAS = [
    "Assistência social",
    "Cultura e arte",
    "Esporte e lazer",
    "Educação e pesquisa",
    "Saúde",
    "Desenvolvimento e defesa de direitos",
    "Meio ambiente e proteção animal",
    "Habitação e desenvolvimento comunitário",
    "Trabalho, emprego e renda",
    "Associações patronais e profissionais",
    "Religião",
    "Outras atividades associativas",
]
PUBLICS = [
    "Crianças e adolescentes",
    "Juventude",
    "Mulheres",
    "Pessoas idosas",
    "Pessoas com deficiência",
    "População negra",
    "Povos e comunidades tradicionais",
    "População LGBTQIA+",
    "População em situação de rua",
    "Famílias em situação de vulnerabilidade",
    "Migrantes e refugiados",
    "Comunidade em geral",
]


def _rfb_rows(name):
    with open(DATA / name, encoding="iso-8859-1", newline="") as handle:
        yield from csv.reader(handle, delimiter=";")


def load(apps, schema_editor):
    LegalNature = apps.get_model("entities", "LegalNature")
    Cnae = apps.get_model("entities", "Cnae")
    Area = apps.get_model("entities", "Area")
    PublicServed = apps.get_model("entities", "PublicServed")
    for code, description in _rfb_rows("naturezas_rfb.csv"):
        LegalNature.objects.update_or_create(
            code=code.zfill(4),
            defaults={"description": description.strip(), "is_osc": code in OSC_NATURES},
        )
    existing = set(Cnae.objects.values_list("code", flat=True))
    Cnae.objects.bulk_create(
        [
            Cnae(code=code.zfill(7), description=description.strip())
            for code, description in _rfb_rows("cnaes_rfb.csv")
            if code.zfill(7) not in existing
        ],
        batch_size=500,
    )
    for name in AREAS:
        Area.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    for name in PUBLICS:
        PublicServed.objects.get_or_create(slug=slugify(name), defaults={"name": name})


def grant_review(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="entities", model="entity")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="review_entity",
        defaults={"name": "Pode analisar cadastros de entidades"},
    )
    group, _ = Group.objects.get_or_create(name="Equipe SRSC")
    group.permissions.add(permission)


def search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS entities_entity_search_gin "
        "ON entities_entity USING gin (search_document)"
    )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS entities_entity_search_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0001_initial"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(grant_review, migrations.RunPython.noop),
        migrations.RunPython(search_index, drop_search_index),
    ]
