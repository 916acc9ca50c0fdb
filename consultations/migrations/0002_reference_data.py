"""Starting lists (policy areas, bodies of the Prefeitura) and the staff permission.

The bodies are an initial list for forms and filters, to be checked by the SRSC
against the current administrative structure; staff edit them in the admin.
"""

from django.db import migrations
from django.utils.text import slugify

POLICY_AREAS = [
    "Assistência social",
    "Cultura",
    "Direitos humanos e cidadania",
    "Educação",
    "Esporte e lazer",
    "Habitação",
    "Meio ambiente",
    "Mobilidade urbana",
    "Orçamento e planejamento",
    "Política urbana e plano diretor",
    "Saúde",
    "Segurança pública",
    "Trabalho e desenvolvimento econômico",
]
BODIES = [
    ("Secretaria Municipal de Governo", "SEGOV"),
    ("Superintendência de Relacionamento com a Sociedade Civil", "SRSC"),
    ("Secretaria Municipal de Saúde", "SMS"),
    ("Secretaria Municipal de Educação", "SEMED"),
    ("Secretaria Municipal de Assistência Social", "SEMAS"),
    ("Secretaria Municipal de Cultura", "SEMUC"),
    ("Secretaria Municipal de Meio Ambiente e Desenvolvimento Sustentável", "SEMMAD"),
    ("Secretaria Municipal de Planejamento e Orçamento", "SEPLAN"),
    ("Secretaria Municipal de Obras e Infraestrutura", "SEMOI"),
    ("Secretaria Municipal de Esporte e Lazer", "SEMEL"),
]


def load(apps, schema_editor):
    PolicyArea = apps.get_model("consultations", "PolicyArea")
    Body = apps.get_model("consultations", "Body")
    for name in POLICY_AREAS:
        PolicyArea.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    for name, acronym in BODIES:
        Body.objects.get_or_create(name=name, defaults={"acronym": acronym})


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="consultations", model="consultation"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="manage_participation",
        defaults={"name": "Pode conduzir consultas, audiências e fóruns"},
    )
    group, _ = Group.objects.get_or_create(name="Equipe SRSC")
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
