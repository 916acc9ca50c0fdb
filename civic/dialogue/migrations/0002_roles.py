"""Roles of "Fale com a SRSC".

- The SRSC team (group "Equipe SRSC") answers the channel: `manage_dialogue`.
- Staff of other bodies (group "Servidores de órgãos") reach the Wagtail admin,
  where they see only the demands forwarded to the bodies they are linked to
  (`BodyMember`, kept by the SRSC team).

Permissions are created here when post_migrate has not created them yet (on a
fresh database it runs only after every migration). Idempotent.
"""

from django.db import migrations

STAFF = "Equipe SRSC"
BODY_STAFF = "Servidores de órgãos"


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label=app_label, model=model
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    staff, _ = Group.objects.get_or_create(name=STAFF)
    staff.permissions.add(
        _permission(
            apps, "dialogue", "demand", "manage_dialogue", "Pode atender o Fale com a SRSC"
        )
    )
    body_staff, _ = Group.objects.get_or_create(name=BODY_STAFF)
    body_staff.permissions.add(
        _permission(
            apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff = Group.objects.filter(name=STAFF).first()
    if staff is not None:
        staff.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="dialogue", codename="manage_dialogue"
            )
        )
    Group.objects.filter(name=BODY_STAFF).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue", "0001_initial"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [
        migrations.RunPython(grant, revoke),
    ]
