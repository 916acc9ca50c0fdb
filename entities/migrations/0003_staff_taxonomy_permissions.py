"""Let the SRSC team (group "Equipe SRSC") manage the areas and publics of the
registry and consult the Receita Federal tables in the admin.

Permissions are created here when post_migrate has not created them yet (on a
fresh database it runs only after every migration). Idempotent.
"""

from django.db import migrations

STAFF = "Equipe SRSC"
PERMISSIONS = [
    ("area", "add"),
    ("area", "change"),
    ("area", "delete"),
    ("area", "view"),
    ("publicserved", "add"),
    ("publicserved", "change"),
    ("publicserved", "delete"),
    ("publicserved", "view"),
    ("legalnature", "view"),
    ("cnae", "view"),
]


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, action in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="entities", model=model
        )
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_{model}",
            defaults={"name": f"Can {action} {model}"},
        )
        yield permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=STAFF)
    group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=STAFF).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0002_reference_data"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
