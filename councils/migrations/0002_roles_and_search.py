"""Let the SRSC team (group "Equipe SRSC") run every council, and index the
resolutions' search document on PostgreSQL.

The permission is created here when post_migrate has not created it yet (on a
fresh database it runs only after every migration). Idempotent.
"""

from django.db import migrations

STAFF = "Equipe SRSC"


def _permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="councils", model="council"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="manage_councils",
        defaults={"name": "Pode administrar todos os conselhos"},
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


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS councils_resolution_search_gin "
            "ON councils_resolution USING gin (search_document)"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS councils_resolution_search_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0001_initial"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [
        migrations.RunPython(grant, revoke),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
