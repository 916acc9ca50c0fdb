"""Equipe SRSC watches the email outbox and retries failed deliveries."""

from django.db import migrations

PERMISSIONS = {
    "view_emaildelivery": "Can view email delivery",
    "retry_emaildelivery": "Pode reenviar e-mails que falharam",
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="notifications", model="emaildelivery"
    )
    group, _ = Group.objects.get_or_create(name="Equipe SRSC")
    for codename, name in PERMISSIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
