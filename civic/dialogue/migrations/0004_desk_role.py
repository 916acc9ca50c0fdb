"""The role of the service desk: group "Balcão de atendimento" holds
`dialogue.act_for_person` (find or create a person, record their consent and
act for them). Idempotent; the permission is created here when post_migrate
has not created it yet."""

from django.db import migrations

DESK = "Balcão de atendimento"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="dialogue", model="assistedaction"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="act_for_person",
        defaults={"name": "Pode agir por uma pessoa no balcão"},
    )
    desk, _ = Group.objects.get_or_create(name=DESK)
    desk.permissions.add(permission)


def revoke(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=DESK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue", "0003_assisted"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
