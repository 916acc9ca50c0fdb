"""Let the SRSC team (group "Equipe SRSC") run chamamentos and partnerships.

The permission is created here when post_migrate has not created it yet (on a
fresh database it runs only after every migration). Idempotent.
"""

from django.db import migrations

STAFF = "Equipe SRSC"


def _permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="partnerships", model="call"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="manage_partnerships",
        defaults={"name": "Pode administrar parcerias"},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=STAFF)
    group.permissions.add(_permission(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=STAFF).first()
    if group is not None:
        group.permissions.remove(_permission(apps))



class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0001_initial"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [
        migrations.RunPython(grant, revoke),
    ]
